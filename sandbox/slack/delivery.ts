/**
 * Sends what Slack sends to the app's request URL: signed (signing.ts), with the exact content
 * types Slack uses, and optionally with retry headers, a bad signature or a stale timestamp to
 * exercise the app's defences.
 */
import type pino from 'pino';
import { signatureHeaders } from './signing.js';

export interface DeliveryOptions {
  /** Adds `x-slack-retry-num` (and `x-slack-retry-reason`, default `http_timeout`). */
  retryNum?: number;
  retryReason?: string;
  /** Signs with a wrong secret. */
  badSignature?: boolean;
  /** Moves the timestamp this many seconds into the past (Bolt rejects more than 300). */
  staleBySeconds?: number;
}

export interface AppResponse {
  /** The app's HTTP status; 0 when nothing was sent (e.g. a client-side check blocked it). */
  status: number;
  /** The raw body text. */
  body: string;
  /** The body parsed as JSON when it is JSON, else undefined. */
  json: unknown;
}

export interface Delivery {
  /** Form-encoded delivery (slash commands, and interactivity as `payload=<json>`). */
  form(fields: Record<string, string>, options?: DeliveryOptions): Promise<AppResponse>;
  /** JSON delivery (the Events API). */
  json(body: unknown, options?: DeliveryOptions): Promise<AppResponse>;
}

export function createDelivery(deps: {
  appUrl: () => string | undefined;
  signingSecret: string;
  /** Real time by default: Bolt compares the timestamp with its own clock. */
  signingClock: () => number;
  logger: pino.Logger;
  timeoutMs: number;
}): Delivery {
  const post = async (
    contentType: string,
    rawBody: string,
    options: DeliveryOptions = {},
  ): Promise<AppResponse> => {
    const url = deps.appUrl();
    if (url === undefined) throw new Error('Slack stand-in: no app URL set (appUrl option or setAppUrl())');
    const timestamp = Math.floor(deps.signingClock() / 1000) - (options.staleBySeconds ?? 0);
    const secret = options.badSignature ? `${deps.signingSecret}-wrong` : deps.signingSecret;
    const headers: Record<string, string> = {
      'content-type': contentType,
      ...signatureHeaders(secret, timestamp, rawBody),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
    }
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: rawBody,
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    const body = await response.text();
    let json: unknown;
    try {
      json = body.trim() === '' ? undefined : JSON.parse(body);
    } catch {
      json = undefined;
    }
    deps.logger.debug({ status: response.status }, 'delivered to app');
    return { status: response.status, body, json };
  };

  return {
    form: (fields, options) =>
      post('application/x-www-form-urlencoded', new URLSearchParams(fields).toString(), options),
    json: (body, options) => post('application/json', JSON.stringify(body), options),
  };
}
