/**
 * A transparent loopback reverse proxy that notes every request the app makes to a stand-in
 * (method, path, status, duration, and Slack's `ok`/`error`), so the activity pane can show the
 * app's API calls in order. Bodies are passed through untouched and never recorded (they carry
 * tokens); query strings are dropped from the record for the same reason.
 */
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pino from 'pino';

export interface ProxiedCall {
  at: number;
  method: string;
  /** Path without the query string. */
  path: string;
  status: number;
  ms: number;
  /** Slack Web API: `error` of an `{ok:false}` answer; Zoom: the error `code`/`reason`; or a network error. */
  error: string | undefined;
}

export interface RecordingProxy {
  url: string;
  stop(): Promise<void>;
}

const MAX_RECORDED_BODY = 64 * 1024;

/** What went wrong, from a small JSON answer, without keeping anything else of it. */
function errorOf(status: number, body: Buffer, contentType: string | undefined): string | undefined {
  if (!contentType?.includes('json') || body.length > MAX_RECORDED_BODY) {
    return status >= 400 ? `HTTP ${status}` : undefined;
  }
  try {
    const json: unknown = JSON.parse(body.toString('utf8'));
    if (typeof json !== 'object' || json === null) return undefined;
    const record = json as Record<string, unknown>;
    if (record.ok === false) return typeof record.error === 'string' ? record.error : 'error';
    if (status >= 400) {
      const detail = record.reason ?? record.message ?? record.error ?? record.code;
      return typeof detail === 'string' || typeof detail === 'number' ? String(detail) : `HTTP ${status}`;
    }
  } catch {
    return status >= 400 ? `HTTP ${status}` : undefined;
  }
  return undefined;
}

export async function startRecordingProxy(options: {
  target: string;
  onCall(call: ProxiedCall): void;
  logger: pino.Logger;
  /** Port to listen on (default 0: a free one); when taken, a free one is used instead. */
  port?: number;
  /** Lets the caller change a JSON answer before it goes back (e.g. Zoom's `api_url`). */
  rewriteJson?(path: string, json: Record<string, unknown>): Record<string, unknown>;
}): Promise<RecordingProxy> {
  const target = new URL(options.target);

  const rewrite = (path: string, body: Buffer, contentType: string | undefined): Buffer => {
    if (!options.rewriteJson || !contentType?.includes('json')) return body;
    try {
      const json: unknown = JSON.parse(body.toString('utf8'));
      if (typeof json !== 'object' || json === null || Array.isArray(json)) return body;
      return Buffer.from(JSON.stringify(options.rewriteJson(path, json as Record<string, unknown>)));
    } catch {
      return body;
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    // Decoded for reading (`/v2/users/alice@acme.test/meetings`); the request itself is untouched.
    let path = rawPath;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      path = rawPath;
    }
    const headers = { ...req.headers, host: target.host };
    const upstream = request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const status = answer.statusCode ?? 502;
          const body = rewrite(path, Buffer.concat(chunks), answer.headers['content-type']);
          // The body was buffered, so it goes back with a plain length instead of any chunking.
          const { 'transfer-encoding': _chunked, connection: _connection, ...forwarded } = answer.headers;
          res.writeHead(status, { ...forwarded, 'content-length': String(body.length) });
          res.end(body);
          options.onCall({
            at: started,
            method: req.method ?? 'GET',
            path,
            status,
            ms: Date.now() - started,
            error: errorOf(status, body, answer.headers['content-type']),
          });
        });
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', (error) => {
      options.logger.warn({ err: error, path }, 'sandbox proxy: upstream failed');
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'bad_gateway' }));
      options.onCall({
        at: started,
        method: req.method ?? 'GET',
        path,
        status: 502,
        ms: Date.now() - started,
        error: error.message,
      });
    });
    req.pipe(upstream);
  };

  const server: Server = createServer(handle);
  const bind = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await bind(options.port ?? 0);
  } catch (error) {
    if (!options.port) throw error;
    await bind(0);
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
