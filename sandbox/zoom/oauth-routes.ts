/** `/oauth/authorize`, `/oauth/token`, `/oauth/revoke` as Zoom serves them (DESIGN §2.4). */
import express, { type Request, type Response, type Router } from 'express';
import { authorizePage, messagePage } from './authorize-page.js';
import type { FaultBook } from './faults.js';
import { LOGIN_HINT_PARAM, type LoginHint } from './login-hint.js';
import { applyFault, oauthError } from './respond.js';
import type { ZoomWorld } from './world.js';

function queryOf(req: Request): URLSearchParams {
  return new URL(req.originalUrl, 'http://stand-in').searchParams;
}

function formOf(req: Request): URLSearchParams {
  const form = new URLSearchParams();
  const body: unknown = req.body;
  // Zoom's older docs pass token parameters in the query string; it still accepts them there.
  for (const [name, value] of queryOf(req)) form.set(name, value);
  if (typeof body === 'object' && body !== null) {
    for (const [name, value] of Object.entries(body)) if (typeof value === 'string') form.set(name, value);
  }
  return form;
}

export function createOAuthRouter(world: ZoomWorld, faults: FaultBook, loginHint: LoginHint): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  router.get('/oauth/authorize', async (req: Request, res: Response) => {
    if (await applyFault(faults, { name: 'oauth.authorize', method: 'GET', path: req.path }, res, 'html'))
      return;
    const params = queryOf(req);
    const hint = params.get(LOGIN_HINT_PARAM)?.toLowerCase() ?? loginHint.get() ?? undefined;
    params.delete(LOGIN_HINT_PARAM);
    const check = world.checkAuthorize(params);
    if (!check.ok) {
      res.status(400).type('html').send(messagePage('Zoom authorization error', check.message));
      return;
    }
    const users = world.users();
    res.type('html').send(
      authorizePage({
        app: check.app,
        accounts: world.accounts(),
        users,
        params,
        selected: users.some((user) => user.email === hint) ? hint : undefined,
      }),
    );
  });

  // The consent form posts the original query back, plus the chosen user.
  router.post('/oauth/authorize', form, (req: Request, res: Response) => {
    const params = formOf(req);
    const email = params.get('email') ?? '';
    params.delete('email');
    params.delete('decision');
    const check = world.checkAuthorize(params);
    if (!check.ok) {
      res.status(400).type('html').send(messagePage('Zoom authorization error', check.message));
      return;
    }
    const outcome = world.consent(params, email);
    if ('refused' in outcome) {
      // Zoom never calls the redirect URI here; the page offers a way back to choose another user.
      const back = new URLSearchParams(params);
      back.set(LOGIN_HINT_PARAM, email);
      res
        .status(403)
        .type('html')
        .send(messagePage('Zoom', outcome.refused, `/oauth/authorize?${back.toString()}`));
      return;
    }
    res.redirect(302, outcome.location);
  });

  router.post('/oauth/token', form, async (req: Request, res: Response) => {
    const body = formOf(req);
    const grantType = body.get('grant_type') ?? '';
    world.countRequest(grantType);
    if (
      await applyFault(
        faults,
        { name: 'oauth.token', method: 'POST', path: req.path, grantType },
        res,
        'oauth',
      )
    ) {
      return;
    }
    const app = world.authenticateClient(req.get('authorization'), body);
    if (!app) return oauthError(res, 401, 'Invalid client_id or client_secret', 'invalid_client');
    const outcome = world.token(app, body);
    res.status(outcome.ok ? 200 : outcome.status).json(outcome.body);
  });

  router.post('/oauth/revoke', form, async (req: Request, res: Response) => {
    world.countRequest('revoke');
    if (await applyFault(faults, { name: 'oauth.revoke', method: 'POST', path: req.path }, res, 'oauth'))
      return;
    const params = formOf(req);
    const app = world.authenticateClient(req.get('authorization'), params);
    if (!app) return oauthError(res, 401, 'Invalid client_id or client_secret', 'invalid_client');
    const outcome = world.revoke(app, params.get('token') ?? '');
    res.status(outcome.ok ? 200 : outcome.status).json(outcome.body);
  });

  return router;
}
