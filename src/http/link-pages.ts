/**
 * What the link and result pages say (DESIGN §2.2, issue 13): who and what a link is for, or why
 * it no longer works and how things stand now, in the reader's language. Pure: a link's view and
 * a translator in, a page model out.
 */
import type { Translator } from '../i18n/index.js';
import type { AccountCoverage, LinkView } from '../services/approvals/index.js';
import type { PageModel } from './views/page.js';

export type SimplePageKey =
  | 'expired'
  | 'cancelled'
  | 'declined'
  | 'not_found'
  | 'error'
  | 'state_invalid'
  | 'csrf'
  | 'busy'
  | 'denied';

export function simplePage(
  t: Translator,
  key: SimplePageKey,
  params: Record<string, string> = {},
): PageModel {
  const body = t(`page.${key}.body`, params);
  return {
    lang: t.locale,
    title: t(`page.${key}.title`),
    heading: t(`page.${key}.title`),
    paragraphs: [body],
    tone: key === 'error' || key === 'state_invalid' || key === 'csrf' ? 'error' : 'warning',
  };
}

const workspaceOf = (link: LinkView) => link.workspaceName ?? link.workspaceId;
const memberOf = (link: LinkView) => link.requesterName ?? link.requesterId;

/** "Zoom account Acme (acme-id): 4 of 5 members of Acme found by email." */
export function coverageLine(t: Translator, account: AccountCoverage, workspace: string): string {
  return t.plural('page.account_coverage', account.total, {
    account: account.name ?? account.id,
    id: account.id,
    found: account.found,
    workspace,
  });
}

/** The page of a pending link: who and what it is for, and its one button (a POST form). */
export function pendingLinkPage(
  t: Translator,
  link: LinkView,
  form: { action: string; csrf: string },
): PageModel {
  const workspace = workspaceOf(link);
  const expires = t('page.expires', { date: t.formatDate(link.expiresAt) });
  if (link.kind === 'org') {
    return {
      lang: t.locale,
      title: t('page.approve.title', { workspace }),
      heading: t('page.approve.heading'),
      paragraphs: [
        t.plural('page.approve.body', link.memberCount, {
          workspace,
          requester: link.requesterName ?? link.requesterId,
          recipient: link.recipientName ?? link.recipientId ?? link.requesterName ?? link.requesterId,
        }),
        t('page.approve.only_admin'),
        expires,
      ],
      form: { label: t('page.approve.button'), ...form },
      tone: 'info',
    };
  }
  const member = memberOf(link);
  return {
    lang: t.locale,
    title: t('page.connect.title', { member }),
    heading: t('page.connect.heading'),
    paragraphs: [
      t('page.connect.body', { member, workspace }),
      t('page.connect.only_you', { member }),
      expires,
    ],
    form: { label: t('page.connect.button'), ...form },
    tone: 'info',
  };
}

/** How the connection stands now, for a page about a link used earlier. */
function nowLine(t: Translator, link: LinkView): string {
  switch (link.connection.status) {
    case 'active':
      return t('page.now.active');
    case 'needs_reconnect':
      return t('page.now.needs_reconnect');
    case 'disconnected':
      return t('page.now.disconnected');
    case 'none':
      return t('page.now.none');
  }
}

/** A parked approval: what was signed in, and who must say yes in Slack. */
export function parkedPage(t: Translator, link: LinkView): PageModel {
  const workspace = workspaceOf(link);
  const parked = link.parked;
  if (!parked) return simplePage(t, 'error');
  if (link.kind === 'personal') {
    const member = memberOf(link);
    return {
      lang: t.locale,
      title: t('page.parked_personal.title', { member }),
      heading: t('page.parked_personal.title', { member }),
      paragraphs: [t('page.parked_personal.body', { member, email: parked.zoomEmail })],
      tone: 'warning',
    };
  }
  const account: AccountCoverage = {
    id: parked.zoomAccountId,
    name: parked.accountName,
    found: parked.coverage?.found ?? 0,
    total: parked.coverage?.total ?? 0,
  };
  const current = link.connection.zoomEmail ?? '';
  const why =
    parked.reason === 'other_account'
      ? link.connection.status === 'active'
        ? t('page.parked_org.other_account', { current })
        : t('page.parked_org.other_account_stopped', { current })
      : parked.reason === 'zero_coverage'
        ? t('page.parked_org.zero_coverage', { workspace })
        : t('page.parked_org.requester_not_admin', { requester: link.requesterName ?? link.requesterId });
  return {
    lang: t.locale,
    title: t('page.parked_org.title'),
    heading: t('page.parked_org.title'),
    paragraphs: [
      t('page.parked_org.signed_in', { email: parked.zoomEmail }),
      coverageLine(t, account, workspace),
      why,
    ],
    tone: 'warning',
  };
}

/** A link that can no longer start a sign-in: why, and how things stand now. Null while pending. */
export function finishedLinkPage(t: Translator, link: LinkView): PageModel | null {
  const workspace = workspaceOf(link);
  if (link.forwarded) {
    return {
      ...simplePage(t, 'cancelled'),
      title: t('page.forwarded.title'),
      heading: t('page.forwarded.title'),
      paragraphs: [
        t('page.forwarded.body', {
          name: link.forwarded.toName ?? link.forwarded.toId,
          date: t.formatDate(link.forwarded.at),
        }),
      ],
    };
  }
  switch (link.status) {
    case 'pending':
      return null;
    case 'awaiting_confirmation':
      return parkedPage(t, link);
    case 'completed': {
      const date = t.formatDate(link.completedAt ?? link.createdAt);
      const email = link.completedZoomEmail ?? '';
      const used =
        link.kind === 'org'
          ? t('page.used_org.body', { date, workspace, email })
          : t('page.used_personal.body', { date, email, member: memberOf(link) });
      return {
        lang: t.locale,
        title: t('page.used.title'),
        heading: t('page.used.title'),
        paragraphs: [used, nowLine(t, link)],
        tone: link.connection.status === 'active' ? 'success' : 'warning',
      };
    }
    case 'superseded':
      return {
        lang: t.locale,
        title: t('page.superseded.title'),
        heading: t('page.superseded.title'),
        paragraphs: [
          t('page.superseded.body', {
            workspace,
            name: link.supersededByName ?? link.supersededBy?.connectedBy ?? '',
            email: link.supersededBy?.zoomEmail ?? '',
            date: t.formatDate(link.supersededBy?.at ?? link.createdAt),
          }),
          nowLine(t, link),
        ],
        tone: 'success',
      };
    case 'expired':
      return simplePage(t, 'expired', { date: t.formatDate(link.parked?.until ?? link.expiresAt) });
    case 'cancelled':
      return simplePage(t, 'cancelled');
    case 'declined':
      return simplePage(t, 'declined');
  }
}

/** After the OAuth callback: what was connected, to whom, or what now waits for a yes. */
export function resultPage(t: Translator, link: LinkView): PageModel {
  const workspace = workspaceOf(link);
  if (link.status === 'awaiting_confirmation') return parkedPage(t, link);
  if (link.status !== 'completed') return finishedLinkPage(t, link) ?? simplePage(t, 'error');
  const email = link.completedZoomEmail ?? '';
  if (link.kind === 'personal') {
    return {
      lang: t.locale,
      title: t('page.success_personal.title'),
      heading: t('page.success_personal.title'),
      paragraphs: [t('page.success_personal.body', { email, member: memberOf(link), workspace })],
      tone: 'success',
    };
  }
  const paragraphs = [t('page.success_org.body', { workspace, email })];
  if (link.completedAccount) paragraphs.push(coverageLine(t, link.completedAccount, workspace));
  return {
    lang: t.locale,
    title: t('page.success_org.title'),
    heading: t('page.success_org.title'),
    paragraphs,
    tone: 'success',
  };
}
