/**
 * The sandbox UI's HTTP server: the page and its ES modules (preact + htm straight from
 * node_modules, no build step), a pass-through to the two stand-ins' control APIs (so every click
 * in the page is a control-API call: the Slack stand-in then signs and sends it to the app as
 * Slack would), the sandbox's own facts (`/ui-api/config`) and the merged activity feed.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import type pino from 'pino';
import { z } from 'zod';
import type { ManifestShortcut } from '../slack/manifest.js';
import { loadManifestShortcuts } from '../slack/manifest.js';
import type { ActivityFeed } from './activity.js';
import { emojiTableJson } from './emoji-table.js';

export interface UiServerOptions {
  port: number;
  host?: string;
  appUrl: string;
  /** `<slack stand-in>/_sandbox` */
  slackControlUrl: string;
  /** `<zoom stand-in>/_sandbox` */
  zoomControlUrl: string;
  /** Where a browser reaches Zoom (the authorize page), for display only. */
  zoomBrowserUrl: string;
  zoomApps: Array<{ client_id: string; kind: 'admin' | 'user'; name: string }>;
  teams: string[];
  database: string;
  /** The database kept data from an earlier run (the Slack and Zoom stand-ins always start fresh). */
  restored: boolean;
  slackMode: 'multi' | 'single';
  feed: ActivityFeed;
  logger: pino.Logger;
  /** The app's shortcuts, offered in the composer; default: those of ./manifest.yml when present. */
  shortcuts?: ManifestShortcut[];
}

export interface UiServer {
  url: string;
  stop(): Promise<void>;
}

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** Browser builds of the UI libraries, by the name the page's import map uses. */
function vendorFiles(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const root = (name: string) => dirname(dirname(require.resolve(name)));
  return {
    'preact.js': join(root('preact'), 'dist/preact.module.js'),
    'hooks.js': join(root('preact'), 'hooks/dist/hooks.module.js'),
    'htm.js': join(root('htm'), 'dist/htm.module.js'),
  };
}

const activityQuery = z.object({ since: z.coerce.number().int().nonnegative().default(0) });
const controlPath = z
  .string()
  .regex(/^[A-Za-z0-9_\-./@%]*$/, 'unexpected characters in the path')
  .refine((p) => !p.split('/').includes('..'), 'no .. in the path');

async function manifestShortcuts(logger: pino.Logger): Promise<ManifestShortcut[]> {
  if (!existsSync('manifest.yml')) return [];
  return loadManifestShortcuts('manifest.yml').catch((error: unknown) => {
    logger.warn({ err: error }, 'sandbox UI: manifest.yml not read; no shortcuts offered');
    return [];
  });
}

export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const shortcuts = options.shortcuts ?? (await manifestShortcuts(options.logger));
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const vendor = vendorFiles();

  // Only this machine's browser may drive the sandbox: a Host other than loopback means DNS
  // rebinding, and a non-JSON write could come from any web page (a JSON one needs CORS, never granted).
  app.use((req, res, next) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
      res.status(403).json({ error: 'forbidden', message: 'open the sandbox at 127.0.0.1 or localhost' });
      return;
    }
    const write = req.method !== 'GET' && req.method !== 'HEAD';
    if (write && !(req.headers['content-type'] ?? '').startsWith('application/json')) {
      res.status(415).json({ error: 'unsupported_media_type', message: 'send JSON' });
      return;
    }
    next();
  });

  app.get('/', (_req, res) => {
    res.set('cache-control', 'no-store').sendFile(join(PUBLIC_DIR, 'index.html'));
  });
  app.use('/ui', express.static(PUBLIC_DIR, { index: false, maxAge: 0 }));
  app.get('/vendor/emoji-shortcodes.json', (_req, res) => {
    res.type('application/json').set('cache-control', 'public, max-age=3600').send(emojiTableJson());
  });
  app.get('/vendor/:file', (req, res) => {
    const file = vendor[String(req.params.file)];
    if (!file) {
      res.status(404).json({ error: 'not_found' });
      return;
    }
    res.type('text/javascript').set('cache-control', 'public, max-age=3600').sendFile(file);
  });

  app.get('/ui-api/config', (_req, res) => {
    res.json({
      appUrl: options.appUrl,
      zoomUrl: options.zoomBrowserUrl,
      zoomApps: options.zoomApps,
      teams: options.teams,
      database: options.database,
      restored: options.restored,
      slackMode: options.slackMode,
      shortcuts,
    });
  });

  app.get('/ui-api/activity', async (req, res) => {
    const query = activityQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: 'invalid_request', message: z.prettifyError(query.error) });
      return;
    }
    try {
      res.json(await options.feed.since(query.data.since));
    } catch (error) {
      options.logger.warn({ err: error }, 'sandbox UI: activity pull failed');
      res.status(502).json({ error: 'stand_in_unreachable' });
    }
  });

  const raw = express.raw({ type: () => true, limit: '512kb' });
  const forward = async (base: string, req: Request, res: Response) => {
    const segments: unknown = req.params.path;
    const joined = Array.isArray(segments) ? segments.join('/') : String(segments ?? '');
    const path = controlPath.safeParse(joined);
    if (!path.success) {
      res.status(400).json({ error: 'invalid_request', message: 'bad control path' });
      return;
    }
    const query = new URL(req.originalUrl, 'http://ui').search;
    const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined;
    try {
      const answer = await fetch(`${base}/${path.data}${query}`, {
        method: req.method,
        headers: body ? { 'content-type': 'application/json' } : {},
        ...(body && req.method !== 'GET' ? { body } : {}),
        signal: AbortSignal.timeout(30_000),
      });
      res
        .status(answer.status)
        .type(answer.headers.get('content-type') ?? 'application/json')
        .send(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      options.logger.warn({ err: error, path: path.data }, 'sandbox UI: control call failed');
      res.status(502).json({ error: 'stand_in_unreachable' });
    }
  };
  app.all('/slack-api/*path', raw, (req, res) => forward(options.slackControlUrl, req, res));
  app.all('/zoom-api/*path', raw, (req, res) => forward(options.zoomControlUrl, req, res));

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status =
      typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
        ? error.status
        : 500;
    if (status >= 500) options.logger.error({ err: error }, 'sandbox UI error');
    res.status(status).json({ error: status < 500 ? 'invalid_request' : 'internal' });
  });

  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(options.port, host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
