/** Starts the Zoom stand-in on loopback: OAuth under `/oauth/`, API under `/v2/`, control under `/_sandbox/`. */
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import pino from 'pino';
import { createApiRouter } from './api-routes.js';
import { createZoomControl, type ZoomControl } from './control.js';
import { createControlRouter } from './control-routes.js';
import { createFaultBook } from './faults.js';
import { createLoginHint } from './login-hint.js';
import { createZoomNotifier } from './notifications.js';
import { createOAuthRouter } from './oauth-routes.js';
import { DEFAULT_ZOOM_SEED, type ParsedZoomSeed, parseZoomSeed, type ZoomSeed } from './seed.js';
import { createWebhookSender } from './webhook-sender.js';
import { createZoomWorld } from './world.js';

export interface ZoomStandInOptions {
  port?: number;
  host?: string;
  seed?: ZoomSeed | ParsedZoomSeed;
  webhookTarget?: string;
  clock?: () => Date;
  logger?: pino.Logger;
}

export interface ZoomStandIn {
  url: string;
  stop(): Promise<void>;
  control: ZoomControl;
}

export async function startZoomStandIn(options: ZoomStandInOptions = {}): Promise<ZoomStandIn> {
  const clock = options.clock ?? (() => new Date());
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ module: 'zoom-stand-in' });
  const seed = parseZoomSeed(options.seed ?? DEFAULT_ZOOM_SEED);
  const world = createZoomWorld(seed, clock);
  const faults = createFaultBook();
  const webhooks = createWebhookSender({
    target: options.webhookTarget ?? seed.webhook_target,
    clock,
    logger,
  });
  const notifier = createZoomNotifier({ world, webhooks, clock });
  const loginHint = createLoginHint();
  const control = createZoomControl({ world, faults, webhooks, notifier, loginHint });

  const app = express();
  app.disable('x-powered-by');
  app.use(createOAuthRouter(world, faults, loginHint));
  app.use('/v2', createApiRouter(world, faults, notifier, clock));
  app.use('/_sandbox', createControlRouter(control));
  app.get('/', (_req, res) => {
    res.json({ service: 'zoom-stand-in', oauth: `${world.baseUrl()}/oauth/`, api: `${world.baseUrl()}/v2/` });
  });
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status =
      typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
        ? error.status
        : 500;
    if (status >= 500) logger.error({ err: error }, 'zoom stand-in error');
    res.status(status).json({ error: status < 500 ? 'invalid_request' : 'internal' });
  });

  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const listening = app.listen(options.port ?? 0, host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  world.setBaseUrl(url);
  logger.info({ url }, 'zoom stand-in listening');

  return {
    url,
    control,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
