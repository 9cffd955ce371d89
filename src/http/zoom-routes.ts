/**
 * The browser side of approvals (DESIGN §2.2): the approval and personal-connect link pages, the
 * `?go=1` redirect to Zoom (fresh state + PKCE per click, bound to this browser by a cookie) and
 * the OAuth callback. Every outcome is a readable page in the visitor's language; nothing here
 * reveals anything without a valid link token, and we only ever redirect to Zoom's authorize URL.
 */
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { isAppError } from '../errors.js';
import { createTranslator, type Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { ApprovalsService, CallbackResult, LinkView } from '../services/approvals/index.js';
import type { BrowserBinding } from './browser-binding.js';
import { type PageModel, renderPage } from './views/page.js';

export interface ZoomRoutesDeps {
  approvals: Pick<ApprovalsService, 'viewLink' | 'open' | 'handleCallback'>;
  binding: BrowserBinding;
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

export function languageOf(req: Request): 'en' | 'fr' {
  const header = req.headers['accept-language'];
  const first = typeof header === 'string' ? header.split(',')[0]?.trim().toLowerCase() : undefined;
  return first?.startsWith('fr') ? 'fr' : 'en';
}

function send(res: Response, status: number, model: PageModel): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store');
  res.send(renderPage(model));
}

function simplePage(
  t: Translator,
  key: 'expired' | 'used' | 'cancelled' | 'declined' | 'not_found' | 'error' | 'state_invalid',
  params: Record<string, string> = {},
): PageModel {
  return {
    lang: t.locale,
    title: t(`page.${key}.title`),
    heading: t(`page.${key}.title`),
    paragraphs: [t(`page.${key}.body`, params)],
    tone: key === 'used' ? 'success' : key === 'error' || key === 'state_invalid' ? 'error' : 'warning',
  };
}

/** The page for a link that can no longer be used, or null when it is pending. */
function finishedLinkPage(t: Translator, link: LinkView): PageModel | null {
  switch (link.status) {
    case 'pending':
      return null;
    case 'completed':
      return simplePage(t, 'used');
    case 'expired':
      return simplePage(t, 'expired', { date: t.formatDate(link.expiresAt) });
    case 'cancelled':
      return simplePage(t, 'cancelled');
    case 'declined':
      return simplePage(t, 'declined');
  }
}

function pageForError(t: Translator, error: unknown): { status: number; model: PageModel } {
  const code = isAppError(error) ? error.code : 'internal';
  switch (code) {
    case 'request_not_found':
      return { status: 404, model: simplePage(t, 'not_found') };
    case 'request_expired':
      return { status: 410, model: simplePage(t, 'expired', { date: '' }) };
    case 'request_not_pending': {
      const status = isAppError(error) ? error.details.status : undefined;
      const key =
        status === 'completed'
          ? 'used'
          : status === 'declined'
            ? 'declined'
            : status === 'expired'
              ? 'expired'
              : 'cancelled';
      return { status: 410, model: simplePage(t, key, { date: '' }) };
    }
    case 'state_invalid':
      return { status: 400, model: simplePage(t, 'state_invalid') };
    case 'authorization_denied':
      return { status: 400, model: simplePage(t, 'error') };
    default:
      return { status: code === 'internal' ? 500 : 502, model: simplePage(t, 'error') };
  }
}

export function createZoomRoutes(deps: ZoomRoutesDeps): Router {
  const router = Router();
  const logger = deps.logger.child({ module: 'zoom-routes' });

  const linkRoute = (kind: 'org' | 'personal') => async (req: Request, res: Response) => {
    const t = createTranslator(languageOf(req));
    const token = tokenParam.safeParse(req.params.token);
    if (!token.success) return send(res, 404, simplePage(t, 'not_found'));
    try {
      if (req.query.go === '1') {
        const { authorizeUrl } = await deps.approvals.open(token.data, kind);
        const state = new URL(authorizeUrl).searchParams.get('state');
        if (!state) throw new Error('authorize URL without state');
        deps.binding.bind(res, state);
        res.setHeader('Cache-Control', 'no-store');
        return res.redirect(302, authorizeUrl);
      }
      const link = await deps.approvals.viewLink(token.data, kind);
      const finished = finishedLinkPage(t, link);
      if (finished) return send(res, 410, finished);
      const workspace = link.workspaceName ?? link.workspaceId;
      const prefix = kind === 'org' ? 'page.approve' : 'page.connect';
      return send(res, 200, {
        lang: t.locale,
        title: kind === 'org' ? t('page.approve.title', { workspace }) : t('page.connect.title'),
        heading: t(`${prefix}.heading`),
        paragraphs:
          kind === 'org'
            ? [
                t('page.approve.body', { requester: link.requesterName ?? link.requesterId, workspace }),
                t('page.approve.only_admin'),
                t('page.expires', { date: t.formatDate(link.expiresAt) }),
              ]
            : [
                t('page.connect.body', { workspace }),
                t('page.expires', { date: t.formatDate(link.expiresAt) }),
              ],
        // Relative link: the same URL with ?go=1, so nothing but our own route is ever a target here.
        button: { label: t(`${prefix}.button`), href: `${req.baseUrl}${req.path}?go=1` },
        tone: 'info',
      });
    } catch (error) {
      const { status, model } = pageForError(t, error);
      if (status >= 500) logger.error({ err: error }, 'link page failed');
      return send(res, status, model);
    }
  };

  router.get('/zoom/approve/:token', linkRoute('org'));
  router.get('/zoom/connect/:token', linkRoute('personal'));

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
      const workspace = result.request.workspaceId;
      const org = result.request.kind === 'org';
      return send(res, 200, {
        lang: t.locale,
        title: t(org ? 'page.success_org.title' : 'page.success_personal.title'),
        heading: t(org ? 'page.success_org.title' : 'page.success_personal.title'),
        paragraphs: [
          t(org ? 'page.success_org.body' : 'page.success_personal.body', {
            workspace,
            email: result.zoomEmail,
          }),
        ],
        tone: 'success',
      });
    } catch (error) {
      const { status, model } = pageForError(t, error);
      if (status >= 500) logger.error({ err: error }, 'OAuth callback failed');
      return send(res, status, model);
    }
  });

  return router;
}
