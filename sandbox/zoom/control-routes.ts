/** The stand-in's control API under `/_sandbox/` (JSON over HTTP), over `ZoomControl`. */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { ControlError, type ZoomControl } from './control.js';
import { faultSchema } from './faults.js';

const consentBody = z.object({ authorize_url: z.string().min(1), email: z.string().min(1) });
const userPatch = z
  .object({
    role_name: z.string().min(1).optional(),
    status: z.enum(['active', 'inactive', 'pending']).optional(),
  })
  .strict();
const deauthorizeBody = z.object({
  client_id: z.string().min(1),
  /** Who removes the app (for the admin-managed app: any admin of the account). */
  email: z.string().min(1),
  user_data_retention: z.boolean().optional(),
});
const meetingDeleteBody = z.object({ operator: z.string().min(1).optional() });
const meetingIdParam = z.coerce.number().int().positive();
const loginHintBody = z.object({ email: z.string().min(1).nullable() });
const targetBody = z.object({ url: z.url().nullable() });
const expireBody = z.object({ email: z.string().min(1).optional() });
const revokeBody = z.object({ email: z.string().min(1), client_id: z.string().min(1).optional() });
const webhookBody = z.object({
  client_id: z.string().min(1),
  event: z.string().min(1),
  payload: z.unknown(),
});
const validateBody = z.object({ client_id: z.string().min(1) });

type Handler = (req: Request<Record<string, string>>, res: Response) => Promise<void> | void;

/** Parses with zod and turns every failure into a JSON 4xx. */
function route(handler: Handler): Handler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof z.ZodError) {
        res.status(400).json({ error: 'invalid_request', message: z.prettifyError(error) });
      } else if (error instanceof ControlError) {
        res
          .status(error.status)
          .json({ error: error.status === 404 ? 'not_found' : 'invalid_request', message: error.message });
      } else {
        res
          .status(500)
          .json({ error: 'internal', message: error instanceof Error ? error.message : String(error) });
      }
    }
  };
}

export function createControlRouter(control: ZoomControl): Router {
  const router = express.Router();
  router.use(express.json({ limit: '256kb', type: () => true }));

  router.post(
    '/consent',
    route((req, res) => {
      const body = consentBody.parse(req.body ?? {});
      res.json(control.consent(body.authorize_url, body.email));
    }),
  );
  router.patch(
    '/users/:email',
    route(async (req, res) => {
      res.json({ user: await control.setUser(req.params.email ?? '', userPatch.parse(req.body ?? {})) });
    }),
  );
  router.delete(
    '/users/:email',
    route(async (req, res) => {
      await control.deleteUser(req.params.email ?? '');
      res.json({ ok: true });
    }),
  );
  router.post(
    '/users/:email/disassociate',
    route(async (req, res) => {
      res.json({ user: await control.disassociateUser(req.params.email ?? '') });
    }),
  );
  router.post(
    '/deauthorize',
    route(async (req, res) => {
      const body = deauthorizeBody.parse(req.body ?? {});
      const options =
        body.user_data_retention === undefined ? {} : { userDataRetention: body.user_data_retention };
      res.json({ ok: true, ...(await control.deauthorize(body.client_id, body.email, options)) });
    }),
  );
  router.delete(
    '/meetings/:id',
    route(async (req, res) => {
      const id = meetingIdParam.parse(req.params.id);
      const body = meetingDeleteBody.parse(req.body ?? {});
      res.json({ ok: true, meeting: await control.deleteMeeting(id, body.operator) });
    }),
  );
  router.put(
    '/login-hint',
    route((req, res) => {
      const body = loginHintBody.parse(req.body ?? {});
      control.setLoginHint(body.email);
      res.json({ ok: true, email: control.state().login_hint });
    }),
  );
  router.put(
    '/webhook-target',
    route((req, res) => {
      const body = targetBody.parse(req.body ?? {});
      control.setWebhookTarget(body.url);
      res.json({ ok: true, url: body.url });
    }),
  );
  router.post(
    '/faults',
    route((req, res) => {
      res.status(201).json({ fault: control.addFault(faultSchema.parse(req.body ?? {})) });
    }),
  );
  router.delete(
    '/faults',
    route((_req, res) => {
      control.clearFaults();
      res.json({ ok: true });
    }),
  );
  router.get(
    '/state',
    route((_req, res) => {
      res.json(control.state());
    }),
  );
  router.post(
    '/expire-tokens',
    route((req, res) => {
      res.json({ expired: control.expireAccessTokens(expireBody.parse(req.body ?? {}).email) });
    }),
  );
  router.post(
    '/revoke-tokens',
    route((req, res) => {
      const body = revokeBody.parse(req.body ?? {});
      res.json({ revoked: control.revokeTokens(body.email, body.client_id) });
    }),
  );
  router.post(
    '/webhooks',
    route(async (req, res) => {
      const body = webhookBody.parse(req.body ?? {});
      res.json({ delivery: await control.sendWebhook(body.client_id, body.event, body.payload ?? {}) });
    }),
  );
  router.post(
    '/validate-endpoint',
    route(async (req, res) => {
      res.json(await control.validateEndpoint(validateBody.parse(req.body ?? {}).client_id));
    }),
  );

  router.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not_found', message: 'Unknown control route' });
  });
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status =
      typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
        ? error.status
        : 500;
    res
      .status(status)
      .json({ error: status < 500 ? 'invalid_request' : 'internal', message: 'Malformed request' });
  });
  return router;
}
