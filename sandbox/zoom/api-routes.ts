/** The `/v2/` REST API subset of DESIGN §2.4: users/me, users/{id|email}, meeting create. */
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { FaultBook, RouteName } from './faults.js';
import { apiError, applyFault } from './respond.js';
import type { SandboxApp, SandboxUser, ZoomWorld } from './world.js';

const meetingBody = z.object({
  topic: z.string().max(200).optional(),
  type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(8)]).optional(),
  start_time: z.string().optional(),
  duration: z.number().int().min(0).optional(),
  timezone: z.string().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
});

/** Classic scope names and their granular equivalents. */
const SCOPE_ALIASES: Record<string, string[]> = {
  'user:read:admin': ['user:read:admin', 'user:read:user:admin'],
  'user:read': ['user:read', 'user:read:user', 'user:read:admin', 'user:read:user:admin'],
  'meeting:write:admin': ['meeting:write:admin', 'meeting:write:meeting:admin'],
  'meeting:write': [
    'meeting:write',
    'meeting:write:meeting',
    'meeting:write:admin',
    'meeting:write:meeting:admin',
  ],
};

function hasScope(app: SandboxApp, needed: string): boolean {
  return (SCOPE_ALIASES[needed] ?? [needed]).some((scope) => app.scopes.includes(scope));
}

function toApiUser(user: SandboxUser): Record<string, unknown> {
  return {
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    display_name: `${user.first_name} ${user.last_name}`.trim(),
    email: user.email,
    type: user.type,
    role_name: user.role_name,
    role_id: user.role_id,
    account_id: user.account_id,
    status: user.status,
    timezone: user.timezone,
    verified: 1,
    language: 'en-US',
    created_at: user.created_at,
  };
}

export function createApiRouter(world: ZoomWorld, faults: FaultBook): Router {
  const router = express.Router();

  /** Resolves `me`, an id or an email to a user of the caller's account, enforcing admin vs self scopes. */
  function resolveTarget(
    res: Response,
    caller: SandboxUser,
    app: SandboxApp,
    idOrEmail: string,
    scopes: { self: string; admin: string },
  ): SandboxUser | undefined {
    const self = idOrEmail === 'me' || idOrEmail === caller.id || idOrEmail.toLowerCase() === caller.email;
    const needed = self ? scopes.self : scopes.admin;
    if (!hasScope(app, needed)) {
      apiError(res, 400, 4711, `Invalid access token, does not contain scopes:[${needed}].`);
      return undefined;
    }
    const target = self ? caller : world.findUser(idOrEmail);
    if (!target || target.account_id !== caller.account_id) {
      apiError(res, 404, 1001, `User does not exist: ${idOrEmail}.`);
      return undefined;
    }
    return target;
  }

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

  router.get('/users/:idOrEmail', async (req: Request<{ idOrEmail: string }>, res: Response) => {
    const idOrEmail = req.params.idOrEmail;
    const auth = await guard(req, res, idOrEmail === 'me' ? 'users.me' : 'users.get');
    if (!auth) return;
    const target = resolveTarget(res, auth.user, auth.app, idOrEmail, {
      self: 'user:read',
      admin: 'user:read:admin',
    });
    if (target) res.json(toApiUser(target));
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
      const host = resolveTarget(res, auth.user, auth.app, req.params.idOrEmail, {
        self: 'meeting:write',
        admin: 'meeting:write:admin',
      });
      if (!host) return;
      const outcome = world.createMeeting(host, auth.app, parsed.data);
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
      const { created_by_client_id: _internal, ...meeting } = outcome.meeting;
      res.status(201).json(meeting);
    },
  );

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
