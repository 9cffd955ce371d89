/**
 * The `/v2/` REST API subset of DESIGN §2.4: users/me, users/{id|email}, List users, meeting
 * create and delete. Who may call what is in access.ts.
 */
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { type ApiFailure, adminRefusal, resolveUser, selfRefusal } from './access.js';
import { operatorOf } from './event-payloads.js';
import type { FaultBook, RouteName } from './faults.js';
import { toApiMeeting } from './meetings.js';
import type { ZoomNotifier } from './notifications.js';
import { apiError, applyFault } from './respond.js';
import { createUserPager, pmiOf } from './user-list.js';
import type { SandboxUser, ZoomWorld } from './world.js';

const meetingBody = z.object({
  topic: z.string().max(200).optional(),
  type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(8)]).optional(),
  start_time: z.string().optional(),
  duration: z.number().int().min(0).optional(),
  timezone: z.string().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
});

/**
 * "Get a user": `role_name` and `role_id` (a string) are both in it, custom roles included;
 * `company` is the user's company as their profile states it (here: their account's name).
 */
function toApiUser(user: SandboxUser, company: string): Record<string, unknown> {
  return {
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    display_name: `${user.first_name} ${user.last_name}`.trim(),
    email: user.email,
    type: user.type,
    role_name: user.role_name,
    role_id: user.role_id,
    pmi: pmiOf(user.id),
    account_id: user.account_id,
    company,
    status: user.status,
    timezone: user.timezone,
    verified: 1,
    language: 'en-US',
    created_at: user.created_at,
  };
}

function refuse(res: Response, failure: ApiFailure): void {
  apiError(res, failure.status, failure.code, failure.message, failure.errors);
}

export function createApiRouter(
  world: ZoomWorld,
  faults: FaultBook,
  notifier: ZoomNotifier,
  clock: () => Date,
): Router {
  const router = express.Router();
  const pager = createUserPager(clock);

  async function guard(req: Request, res: Response, name: RouteName) {
    if (await applyFault(faults, { name, method: req.method, path: req.baseUrl + req.path }, res, 'api')) {
      return undefined;
    }
    const auth = world.authenticateBearer(req.get('authorization'));
    if (!auth) {
      apiError(res, 401, 124, 'Invalid access token.');
      return undefined;
    }
    return auth;
  }

  router.get('/users', async (req: Request, res: Response) => {
    const auth = await guard(req, res, 'users.list');
    if (!auth) return;
    const refusal = adminRefusal(world, auth.user, auth.app, 'user:read:admin');
    if (refusal) return refuse(res, refusal);
    const outcome = pager.page(
      auth.user.account_id,
      world.users(),
      new URL(req.originalUrl, 'http://z').searchParams,
    );
    if (!outcome.ok) return refuse(res, outcome.failure);
    res.json(outcome.page);
  });

  router.get('/users/:idOrEmail', async (req: Request<{ idOrEmail: string }>, res: Response) => {
    const idOrEmail = req.params.idOrEmail;
    const auth = await guard(req, res, idOrEmail === 'me' ? 'users.me' : 'users.get');
    if (!auth) return;
    const target = resolveUser(world, auth.user, auth.app, idOrEmail, {
      self: 'user:read',
      admin: 'user:read:admin',
    });
    if (!target.ok) return refuse(res, target.failure);
    const company = world.accounts().find((account) => account.id === target.user.account_id)?.name ?? '';
    res.json(toApiUser(target.user, company));
  });

  router.post(
    '/users/:idOrEmail/meetings',
    express.json({ limit: '64kb', type: () => true }),
    async (req: Request<{ idOrEmail: string }>, res: Response) => {
      const auth = await guard(req, res, 'meetings.create');
      if (!auth) return;
      const parsed = meetingBody.safeParse(req.body ?? {});
      if (!parsed.success) {
        apiError(res, 400, 300, `Validation Failed. ${parsed.error.issues[0]?.message ?? ''}`.trim());
        return;
      }
      const host = resolveUser(world, auth.user, auth.app, req.params.idOrEmail, {
        self: 'meeting:write',
        admin: 'meeting:write:admin',
      });
      if (!host.ok) return refuse(res, host.failure);
      const outcome = world.createMeeting(host.user, auth.app, parsed.data);
      if (!outcome.ok) {
        res.setHeader('Retry-After', String(outcome.retryAfterS));
        apiError(
          res,
          429,
          429,
          'You have exceeded the daily rate limit of (100) for Create a meeting API requests for the user. You can resume these API requests at GMT 00:00:00.',
        );
        return;
      }
      res.status(201).json(toApiMeeting(outcome.meeting));
    },
  );

  /**
   * "Delete a meeting": 204 with no body; 404 code 3001 "Meeting does not exist: {meetingId}." —
   * also for another account's meeting, which the caller cannot see. Its host may delete it with
   * the user-level scope; anyone else of the account needs the admin scope and privilege. Zoom then
   * sends `meeting.deleted`, after the answer.
   */
  router.delete('/meetings/:meetingId', async (req: Request<{ meetingId: string }>, res: Response) => {
    const auth = await guard(req, res, 'meetings.delete');
    if (!auth) return;
    const raw = req.params.meetingId;
    if (!/^\d{1,19}$/.test(raw)) {
      apiError(res, 400, 300, 'Invalid Meeting ID.');
      return;
    }
    const meeting = world.findMeeting(Number(raw));
    if (!meeting || meeting.account_id !== auth.user.account_id) {
      apiError(res, 404, 3001, `Meeting does not exist: ${raw}.`);
      return;
    }
    const refusal =
      meeting.host_id === auth.user.id
        ? selfRefusal(auth.app, 'meeting:write')
        : adminRefusal(world, auth.user, auth.app, 'meeting:write:admin');
    if (refusal) return refuse(res, refusal);
    const listeners = notifier.subscribers(meeting.account_id, meeting.host_id);
    world.deleteMeeting(meeting.id);
    res.status(204).end();
    notifier.later(() => notifier.meetingDeleted(listeners, meeting, operatorOf(auth.user)));
  });

  router.use((_req: Request, res: Response) => apiError(res, 404, 404, 'Not found'));
  // Malformed JSON and oversize bodies: Zoom-shaped 400/413, never express's HTML page.
  router.use((error: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    const status =
      typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
        ? error.status
        : 500;
    apiError(
      res,
      status,
      status === 413 ? 413 : 300,
      status === 413 ? 'Request too large' : 'Request body is not valid JSON.',
    );
  });

  return router;
}
