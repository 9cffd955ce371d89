/**
 * `POST /zoom/webhooks` for both Zoom apps (DESIGN §2.2, §2.4). The raw body is verified against
 * each app's secret; the one that matches says which app sent it. Known events are parsed with zod
 * and handed to the dispatcher after the answer is sent, so Zoom always gets it within 3 s.
 */
import { createHash } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import pino from 'pino';
import { z } from 'zod';
import type { ZoomAppKind } from './contracts.js';
import { signaturesEqual, signZoomWebhook, timestampMs, urlValidationToken } from './webhook-signature.js';

export interface ZoomWebhookUser {
  id: string;
  email?: string | undefined;
  roleName?: string | undefined;
  status?: string | undefined;
}

interface EventBase {
  app: ZoomAppKind;
  /** Zoom's `event_ts` (ms). */
  eventTs: number;
  accountId: string;
  /** Dedupe key: app + event + event_ts + hash of the payload. */
  key: string;
  /** Who did it in Zoom (`payload.operator`, an email), when Zoom says. */
  operator?: string | undefined;
}

/** The meeting a `meeting.deleted` names (`payload.object`; its id is a number in Zoom's JSON). */
export interface ZoomWebhookMeeting {
  id: string;
  uuid: string;
  hostId: string;
}

export type ZoomWebhookEvent =
  | (EventBase & {
      event: 'app_deauthorized';
      userId: string;
      clientId: string;
      deauthorizationTime: string;
      /** False: the user asked Zoom that apps delete their data (`user_data_retention: "false"`). */
      userDataRetention: boolean;
    })
  | (EventBase & { event: 'user.deleted' | 'user.deactivated' | 'user.disassociated'; user: ZoomWebhookUser })
  | (EventBase & { event: 'meeting.deleted'; meeting: ZoomWebhookMeeting })
  | (EventBase & {
      event: 'user.updated';
      user: ZoomWebhookUser;
      /** The changed fields as Zoom sent them in `payload.object`. */
      changes: Record<string, unknown>;
    });

export type ZoomWebhookEventName = ZoomWebhookEvent['event'];

export interface ZoomEventDispatcher {
  dispatch(event: ZoomWebhookEvent): Promise<void>;
}

export interface ZoomWebhookRouterOptions {
  secrets: { org: string; user: string };
  dispatcher: ZoomEventDispatcher;
  /** Records the key and says whether it had been seen before (e.g. an insert into processed_events). */
  isDuplicate: (key: string) => Promise<boolean>;
  logger?: pino.Logger;
  clock?: () => Date;
  /** Budget for `isDuplicate`, so the answer still reaches Zoom within its 3 s (default 2 s). */
  dedupeTimeoutMs?: number;
  /** Runs the reaction after the answer (app.ts: the after-ack queue, which logs and counts failures). */
  afterAnswer(context: Record<string, unknown>, work: () => Promise<void>): void;
}

const MAX_AGE_MS = 5 * 60 * 1000;

const envelope = z.object({
  event: z.string().min(1),
  // A number on most events, a string of digits on `app_deauthorized` (as Zoom sends them).
  event_ts: z
    .union([
      z.number().int().nonnegative(),
      z
        .string()
        .regex(/^\d{1,16}$/)
        .transform(Number),
    ])
    .optional(),
  payload: z.unknown(),
});
const urlValidation = z.object({ plainToken: z.string().min(1).max(256) });
const userObject = z
  .object({
    id: z.string().min(1),
    email: z.string().optional(),
    // Zoom's user.updated names the changed role `role`; user objects elsewhere say `role_name`.
    role: z.string().optional(),
    role_name: z.string().optional(),
    status: z.string().optional(),
  })
  .loose();
const userPayload = z
  .object({ account_id: z.string(), operator: z.string().optional(), object: userObject })
  .loose();
/** `meeting.deleted` (Zoom's "Meeting Deleted" event): `object.id` is a number, `host_id` a user id. */
const meetingPayload = z
  .object({
    account_id: z.string(),
    operator: z.string().optional(),
    object: z
      .object({
        id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,19}$/)]).transform(String),
        uuid: z.string().default(''),
        host_id: z.string().default(''),
      })
      .loose(),
  })
  .loose();
const deauthPayload = z
  .object({
    account_id: z.string(),
    user_id: z.string(),
    client_id: z.string(),
    deauthorization_time: z.string().default(''),
    // Zoom sends "true" / "false" (a string); true when absent, the conservative reading (keep nothing
    // is the member's explicit choice, never a default).
    user_data_retention: z
      .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
      .default(true),
  })
  .loose();

const USER_EVENTS = new Set(['user.deleted', 'user.deactivated', 'user.disassociated', 'user.updated']);

function userOf(object: z.infer<typeof userObject>): ZoomWebhookUser {
  return {
    id: object.id,
    email: object.email,
    roleName: object.role ?? object.role_name,
    status: object.status,
  };
}

/** Turns a verified body into an event; null for event types we do not use; throws on a bad payload. */
export function parseZoomEvent(app: ZoomAppKind, body: z.infer<typeof envelope>): ZoomWebhookEvent | null {
  const eventTs = body.event_ts ?? 0;
  const digest = createHash('sha256')
    .update(JSON.stringify(body.payload) ?? '')
    .digest('hex')
    .slice(0, 24);
  const key = `zoom:${app}:${body.event}:${eventTs}:${digest}`;
  if (body.event === 'app_deauthorized') {
    const payload = deauthPayload.parse(body.payload);
    return {
      app,
      event: 'app_deauthorized',
      eventTs,
      key,
      accountId: payload.account_id,
      userId: payload.user_id,
      clientId: payload.client_id,
      deauthorizationTime: payload.deauthorization_time,
      userDataRetention: payload.user_data_retention,
    };
  }
  if (body.event === 'meeting.deleted') {
    const payload = meetingPayload.parse(body.payload);
    const { id, uuid, host_id: hostId } = payload.object;
    return {
      app,
      event: 'meeting.deleted',
      eventTs,
      key,
      accountId: payload.account_id,
      operator: payload.operator,
      meeting: { id, uuid, hostId },
    };
  }
  if (!USER_EVENTS.has(body.event)) return null;
  const payload = userPayload.parse(body.payload);
  const user = userOf(payload.object);
  const operator = payload.operator;
  if (body.event === 'user.updated') {
    return {
      app,
      event: 'user.updated',
      eventTs,
      key,
      accountId: payload.account_id,
      operator,
      user,
      changes: payload.object,
    };
  }
  const event = body.event as 'user.deleted' | 'user.deactivated' | 'user.disassociated';
  return { app, event, eventTs, key, accountId: payload.account_id, operator, user };
}

/** Rejects when `promise` takes longer than `ms`: Zoom gives up on us after 3 s. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function fail(res: Response, status: number, error: string, message: string): void {
  res.status(status).json({ error, message });
}

export function createZoomWebhookRouter(options: ZoomWebhookRouterOptions): Router {
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ module: 'zoom-webhooks' });
  const clock = options.clock ?? (() => new Date());
  const dedupeTimeoutMs = options.dedupeTimeoutMs ?? 2_000;
  const apps: ReadonlyArray<readonly [ZoomAppKind, string]> = [
    ['org', options.secrets.org],
    ['user', options.secrets.user],
  ];
  const router = express.Router();

  function matchApp(signature: string, timestamp: string, raw: Buffer): ZoomAppKind | null {
    let found: ZoomAppKind | null = null;
    // Check every secret (no early exit) so the time taken does not depend on which one matched.
    for (const [app, secret] of apps) {
      if (signaturesEqual(signZoomWebhook(secret, timestamp, raw), signature) && found === null) found = app;
    }
    return found;
  }

  router.post(
    '/zoom/webhooks',
    express.raw({ type: () => true, limit: '64kb' }),
    async (req: Request, res: Response): Promise<void> => {
      const raw: unknown = req.body;
      if (!Buffer.isBuffer(raw) || raw.length === 0)
        return fail(res, 400, 'empty_body', 'Expected a JSON body');
      const signature = req.get('x-zm-signature');
      const timestamp = req.get('x-zm-request-timestamp');
      if (!signature || !timestamp) {
        return fail(res, 401, 'missing_signature', 'x-zm-signature and x-zm-request-timestamp are required');
      }
      const sentAt = timestampMs(timestamp);
      if (sentAt === null || Math.abs(clock().getTime() - sentAt) > MAX_AGE_MS) {
        return fail(res, 401, 'stale_request', 'Request timestamp is missing or outside the 5-minute window');
      }
      const app = matchApp(signature, timestamp, raw);
      if (app === null) return fail(res, 401, 'bad_signature', 'Signature does not match');

      let body: z.infer<typeof envelope>;
      try {
        body = envelope.parse(JSON.parse(raw.toString('utf8')));
      } catch {
        return fail(res, 400, 'bad_body', 'Body is not a Zoom event');
      }

      if (body.event === 'endpoint.url_validation') {
        const parsed = urlValidation.safeParse(body.payload);
        if (!parsed.success) return fail(res, 400, 'bad_body', 'payload.plainToken is required');
        const secret = app === 'org' ? options.secrets.org : options.secrets.user;
        res.status(200).json({
          plainToken: parsed.data.plainToken,
          encryptedToken: urlValidationToken(secret, parsed.data.plainToken),
        });
        return;
      }

      let event: ZoomWebhookEvent | null;
      try {
        event = parseZoomEvent(app, body);
      } catch {
        return fail(res, 400, 'bad_payload', `Payload of ${body.event} does not have the expected fields`);
      }
      if (event === null) {
        logger.debug({ app, event: body.event }, 'zoom event ignored');
        res.status(200).json({ status: 'ignored' });
        return;
      }

      let duplicate: boolean;
      try {
        duplicate = await withTimeout(options.isDuplicate(event.key), dedupeTimeoutMs);
      } catch (error) {
        // Without dedupe we cannot tell; a 500 makes Zoom retry later, which is safe.
        logger.error({ err: error, app, event: event.event }, 'zoom event dedupe failed');
        return fail(res, 500, 'dedupe_failed', 'Could not record the event; retry later');
      }
      if (duplicate) {
        res.status(200).json({ status: 'duplicate' });
        return;
      }

      res.status(200).json({ status: 'accepted' });
      const accepted = event;
      // After the answer: a slow reaction must never make Zoom wait past its 3 s limit.
      options.afterAnswer({ app, event: accepted.event, key: accepted.key }, async () =>
        options.dispatcher.dispatch(accepted),
      );
    },
  );

  // Body-parser errors (too large, aborted) become JSON 4xx instead of express's HTML page.
  router.use('/zoom/webhooks', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status =
      typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
        ? error.status
        : 500;
    if (res.headersSent) return next(error);
    if (status === 413) return fail(res, 413, 'too_large', 'Body exceeds 64 kB');
    if (status >= 400 && status < 500) return fail(res, status, 'bad_request', 'Malformed request');
    logger.error({ err: error }, 'zoom webhook failed');
    return fail(res, 500, 'internal', 'Internal error');
  });

  return router;
}
