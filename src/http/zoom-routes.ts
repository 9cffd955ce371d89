/**
 * The browser side of approvals (DESIGN §2.2): the approval and personal-connect link pages, the
 * POST from a page to Zoom (fresh state + PKCE per press, bound to this browser), the OAuth
 * callback, and the result page it leads to. Every outcome is a readable page in the visitor's
 * language; nothing here reveals anything without a valid link token, nothing but the page's own
 * form (in the browser that loaded it) reaches Zoom, and we only ever redirect to Zoom's authorize
 * URL or to our own result page.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { isAppError } from '../errors.js';
import { createTranslator, type Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { ApprovalsService, CallbackResult } from '../services/approvals/index.js';
import type { BrowserBinding } from './browser-binding.js';
import {
  finishedLinkPage,
  pendingLinkPage,
  resultPage,
  type SimplePageKey,
  simplePage,
} from './link-pages.js';
import { type PageModel, renderPage } from './views/page.js';

export interface ZoomRoutesDeps {
  approvals: Pick<ApprovalsService, 'viewLink' | 'open' | 'handleCallback' | 'describe'>;
  binding: BrowserBinding;
  /** Signs result-page references (a reload of the result shows the same result, nothing else). */
  resultKey: Buffer;
  logger: Logger;
  /** Tell the people involved (DMs, Home refresh), after the page is sent: queued, never awaited here. */
  onCallbackResult(result: CallbackResult): void;
}

const tokenParam = z.string().min(10).max(300);
const callbackQuery = z.object({
  state: z.string().min(1).max(300),
  code: z.string().min(1).max(2000).optional(),
  error: z.string().max(200).optional(),
});
const formBody = z.object({ csrf: z.string().max(100) }).loose();
const RESULT_REF = /^([A-Za-z0-9_-]{1,64})\.([0-9a-f]{24})\.([A-Za-z0-9_-]{43})$/;

export function languageOf(req: Request): 'en' | 'fr' {
  const header = req.headers['accept-language'];
  const first = typeof header === 'string' ? header.split(',')[0]?.trim().toLowerCase() : undefined;
  return first?.startsWith('fr') ? 'fr' : 'en';
}

function send(res: Response, status: number, model: PageModel): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store');
  res.send(renderPage(model));
}

function pageForError(t: Translator, error: unknown): { status: number; model: PageModel } {
  const code = isAppError(error) ? error.code : 'internal';
  const simple = (status: number, key: SimplePageKey, params?: Record<string, string>) => ({
    status,
    model: simplePage(t, key, params),
  });
  switch (code) {
    case 'request_not_found':
      return simple(404, 'not_found');
    case 'request_expired':
      return simple(410, 'expired', { date: '' });
    case 'request_busy':
      return simple(409, 'busy');
    case 'request_not_pending': {
      const status = isAppError(error) ? error.details.status : undefined;
      return simple(
        410,
        status === 'declined' ? 'declined' : status === 'expired' ? 'expired' : 'cancelled',
        {
          date: '',
        },
      );
    }
    case 'state_invalid':
      return simple(400, 'state_invalid');
    case 'authorization_denied':
      return simple(400, 'denied');
    default:
      return simple(code === 'internal' ? 500 : 502, 'error');
  }
}

export function createZoomRoutes(deps: ZoomRoutesDeps): Router {
  const router = Router();
  const logger = deps.logger.child({ module: 'zoom-routes' });
  const resultMac = (workspaceId: string, requestId: string) =>
    createHmac('sha256', deps.resultKey).update(`result:${workspaceId}.${requestId}`).digest('base64url');

  const failed = (res: Response, t: Translator, error: unknown, what: string) => {
    const { status, model } = pageForError(t, error);
    if (status >= 500) logger.error({ err: error }, `${what} failed`);
    return send(res, status, model);
  };

  /** GET: the page only (it sets the page cookie and its form's CSRF token). `?go=1` changes nothing. */
  const showLink = (kind: 'org' | 'personal') => async (req: Request, res: Response) => {
    const t = createTranslator(languageOf(req));
    const token = tokenParam.safeParse(req.params.token);
    if (!token.success) return send(res, 404, simplePage(t, 'not_found'));
    try {
      const link = await deps.approvals.viewLink(token.data, kind);
      const finished = finishedLinkPage(t, link);
      if (finished) return send(res, 410, finished);
      const csrf = deps.binding.issueCsrf(req, res, token.data);
      // Relative action: the same URL, so nothing but our own route is ever a target here.
      return send(res, 200, pendingLinkPage(t, link, { action: `${req.baseUrl}${req.path}`, csrf }));
    } catch (error) {
      return failed(res, t, error, 'link page');
    }
  };

  /** POST from the page's form: CSRF checked against the page cookie, then a fresh state → Zoom. */
  const goToZoom = (kind: 'org' | 'personal') => async (req: Request, res: Response) => {
    const t = createTranslator(languageOf(req));
    const token = tokenParam.safeParse(req.params.token);
    if (!token.success) return send(res, 404, simplePage(t, 'not_found'));
    const body = formBody.safeParse(req.body);
    if (!body.success || !deps.binding.verifyCsrf(req, token.data, body.data.csrf)) {
      return send(res, 403, simplePage(t, 'csrf'));
    }
    try {
      const { authorizeUrl } = await deps.approvals.open(token.data, kind);
      const state = new URL(authorizeUrl).searchParams.get('state');
      if (!state) throw new Error('authorize URL without state');
      deps.binding.bind(res, state);
      res.setHeader('Cache-Control', 'no-store');
      return res.redirect(302, authorizeUrl);
    } catch (error) {
      return failed(res, t, error, 'link POST');
    }
  };

  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 5 });
  router.get('/zoom/approve/:token', showLink('org'));
  router.get('/zoom/connect/:token', showLink('personal'));
  router.post('/zoom/approve/:token', form, goToZoom('org'));
  router.post('/zoom/connect/:token', form, goToZoom('personal'));

  router.get('/zoom/oauth/callback', async (req, res) => {
    const t = createTranslator(languageOf(req));
    const query = callbackQuery.safeParse(req.query);
    if (!query.success || !deps.binding.verify(req, query.data.state)) {
      return send(res, 400, simplePage(t, 'state_invalid'));
    }
    deps.binding.clear(res);
    try {
      const result = await deps.approvals.handleCallback(query.data);
      deps.onCallbackResult(result);
      if (result.outcome === 'not_admin') {
        return send(res, 403, {
          lang: t.locale,
          title: t('page.not_admin.title'),
          heading: t('page.not_admin.title'),
          paragraphs: [t('page.not_admin.body', { email: result.email, role: result.roleName })],
          tone: 'error',
        });
      }
      // Post/redirect/get: a reload of the result shows the result again, not "sign-in expired".
      const { workspaceId, id } = result.request;
      res.setHeader('Cache-Control', 'no-store');
      return res.redirect(303, `/zoom/result/${workspaceId}.${id}.${resultMac(workspaceId, id)}`);
    } catch (error) {
      return failed(res, t, error, 'OAuth callback');
    }
  });

  router.get('/zoom/result/:ref', async (req, res) => {
    const t = createTranslator(languageOf(req));
    const match = RESULT_REF.exec(String(req.params.ref));
    const [, workspaceId = '', requestId = '', presented = ''] = match ?? [];
    const expected = Buffer.from(resultMac(workspaceId, requestId));
    if (
      !match ||
      expected.length !== presented.length ||
      !timingSafeEqual(expected, Buffer.from(presented))
    ) {
      return send(res, 404, simplePage(t, 'not_found'));
    }
    try {
      const link = await deps.approvals.describe(workspaceId, requestId);
      if (!link) return send(res, 404, simplePage(t, 'not_found'));
      return send(res, 200, resultPage(t, link));
    } catch (error) {
      return failed(res, t, error, 'result page');
    }
  });

  return router;
}
