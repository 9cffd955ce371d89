/** `/metrics` and the middleware that times every request by its route pattern. */
import { type RequestHandler, Router } from 'express';
import type { Metrics } from '../metrics.js';

export function requestTimer(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpRequests.startTimer();
    res.on('finish', () => {
      // The matched pattern (e.g. /zoom/approve/:token), never the raw path that holds a token.
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : knownPrefix(req.path);
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

const KNOWN = [
  '/slack/events',
  '/slack/install',
  '/slack/oauth_redirect',
  '/zoom/webhooks',
  '/zoom/oauth/callback',
];

function knownPrefix(path: string): string {
  return KNOWN.find((k) => path === k) ?? 'other';
}

export function createMetricsRouter(metrics: Metrics): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  return router;
}
