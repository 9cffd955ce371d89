/** Sends Zoom event notifications to the configured target, signed exactly as Zoom signs them. */
import type pino from 'pino';
import { zoomSignatureHeader } from './signing.js';

export interface WebhookDelivery {
  event: string;
  client_id: string;
  target: string | null;
  status?: number | undefined;
  error?: string | undefined;
  response?: string | undefined;
  at: string;
}

export interface SendOptions {
  /** `event_ts` as a string of milliseconds instead of a number (see notifications.ts for which event). */
  eventTsAsString?: boolean;
}

export interface WebhookSender {
  target(): string | null;
  setTarget(url: string | null): void;
  send(
    app: { client_id: string; webhook_secret: string },
    event: string,
    payload: unknown,
    options?: SendOptions,
  ): Promise<WebhookDelivery>;
  deliveries(): WebhookDelivery[];
}

export function createWebhookSender(options: {
  target?: string | undefined;
  clock: () => Date;
  logger: pino.Logger;
  timeoutMs?: number;
}): WebhookSender {
  let target: string | null = options.target ?? null;
  const log: WebhookDelivery[] = [];
  const timeoutMs = options.timeoutMs ?? 5_000;

  return {
    target: () => target,
    setTarget(url) {
      target = url;
    },
    deliveries: () => log.map((entry) => ({ ...entry })),
    async send(app, event, payload, sendOptions = {}) {
      const at = options.clock();
      const delivery: WebhookDelivery = { event, client_id: app.client_id, target, at: at.toISOString() };
      log.push(delivery);
      if (log.length > 500) log.shift();
      if (target === null) {
        delivery.error = 'no webhook target';
        return { ...delivery };
      }
      const eventTs = sendOptions.eventTsAsString ? String(at.getTime()) : at.getTime();
      const body = JSON.stringify({ event, event_ts: eventTs, payload });
      // Zoom sends the timestamp in seconds.
      const timestamp = String(Math.floor(at.getTime() / 1000));
      try {
        const response = await fetch(target, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'Zoom Marketplace/1.0a',
            'x-zm-request-timestamp': timestamp,
            'x-zm-signature': zoomSignatureHeader(app.webhook_secret, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        delivery.status = response.status;
        delivery.response = (await response.text()).slice(0, 500);
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
        options.logger.warn({ event, target, err: error }, 'zoom stand-in webhook delivery failed');
      }
      return { ...delivery };
    },
  };
}
