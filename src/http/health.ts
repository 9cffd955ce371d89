/** Liveness and readiness (DESIGN §2.2). Readiness is what a load balancer uses to drain an instance. */
import { Router } from 'express';

export interface HealthDeps {
  /** True when this instance can serve: database reachable and not shutting down. */
  isReady(): Promise<boolean>;
}

export function createHealthRouter({ isReady }: HealthDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ready = await isReady().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });
  return router;
}
