/**
 * The HTTP side of buildApp: the public express app (security headers, request timing, health,
 * Zoom webhooks, the link pages and OAuth callback; Bolt mounts /slack/events on it afterwards)
 * and the internal metrics listener, which never shares the public port (issue 13).
 */
import { hkdfSync } from 'node:crypto';
import express, { type Express } from 'express';
import type { AfterAckQueue } from '../after-ack.js';
import type { Config } from '../config.js';
import { createDeliveryDeduper } from '../db/dedupe.js';
import type { Models } from '../db/models/index.js';
import { createBrowserBinding } from '../http/browser-binding.js';
import { createHealthRouter } from '../http/health.js';
import { createMetricsRouter, requestTimer } from '../http/metrics-routes.js';
import { securityHeaders } from '../http/security.js';
import { createZoomRoutes } from '../http/zoom-routes.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { CallbackResult, Services } from '../services/index.js';
import { createZoomWebhookRouter } from '../zoom/index.js';

/** A separate key for the browser-binding cookie, derived from the newest encryption key. */
function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), purpose, 32));
}

export function createPublicHttp(deps: {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  models: Models;
  services: Services;
  afterAck: AfterAckQueue;
  clock: () => Date;
  isReady(): Promise<boolean>;
  /** Tells the people involved in an OAuth callback's outcome (runs after the page is sent). */
  onCallbackResult(result: CallbackResult): Promise<void>;
}): Express {
  const { config, logger, models, services, afterAck, clock } = deps;
  const firstKey = config.encryptionKeys[0];
  if (!firstKey) throw new Error('TOKEN_ENCRYPTION_KEYS is empty');
  const https = config.publicUrl.startsWith('https://');

  const http = express();
  http.disable('x-powered-by');
  http.set('trust proxy', true);
  http.use(securityHeaders({ https, formTargets: [new URL(config.zoom.oauthUrl).origin] }));
  http.use(requestTimer(deps.metrics));
  http.use(createHealthRouter({ isReady: deps.isReady }));
  // Raw bodies: the Zoom webhook router must come before anything that parses bodies.
  http.use(
    createZoomWebhookRouter({
      secrets: { org: config.zoom.org.webhookSecret, user: config.zoom.user.webhookSecret },
      dispatcher: services.zoomEvents,
      isDuplicate: createDeliveryDeduper({ processedEvents: models.processedEvents, source: 'zoom', clock }),
      afterAnswer: (context, work) => afterAck.enqueue('zoom_webhook', context, work),
      logger,
      clock,
    }),
  );
  http.use(
    createZoomRoutes({
      approvals: services.approvals,
      binding: createBrowserBinding({ key: deriveKey(firstKey.key, 'oauth-browser-binding'), secure: https }),
      resultKey: deriveKey(firstKey.key, 'oauth-result-page'),
      logger,
      onCallbackResult: (result) =>
        afterAck.enqueue('oauth_callback', { outcome: result.outcome }, () => deps.onCallbackResult(result)),
    }),
  );
  return http;
}

/** `/metrics` alone, for the internal listener on METRICS_HOST:METRICS_PORT. */
export function createMetricsHttp(metrics: Metrics): Express {
  const http = express();
  http.disable('x-powered-by');
  http.use(createMetricsRouter(metrics));
  return http;
}
