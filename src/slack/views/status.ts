/**
 * /zoom-status and the member part of the Home tab. Display rule (DESIGN §3.1): one "Using" line;
 * with both accounts the organization one appears only as the backup, never as a second active line.
 */

import type { MessageKey, Translator } from '../../i18n/index.js';
import type { ActionsBlockElement, KnownBlock, MessageView } from '../blockkit/types.js';
import { actions, button, context, escapeMrkdwn, mention, section, slackDate } from './blocks.js';
import { ACTION, BLOCK } from './ids.js';
import type {
  AccountSource,
  MemberStatusModel,
  NoneReason,
  OtherUserStatusModel,
  ParkedApprovalModel,
} from './models.js';
import { parkedBlocks } from './parked.js';

export function accountLabel(source: AccountSource, zoomEmail: string | null, t: Translator): string {
  if (source === 'personal')
    return t('account.personal', { email: escapeMrkdwn(zoomEmail ?? t('common.unknown')) });
  return zoomEmail ? t('account.org', { email: escapeMrkdwn(zoomEmail) }) : t('account.org_plain');
}

/** The single "Using: …" line, with the backup appended when both accounts exist. */
export function usingLine(status: MemberStatusModel, t: Translator): string | null {
  if (!status.active) return null;
  const using = t('status.using', {
    account: accountLabel(status.active.source, status.active.zoomEmail, t),
  });
  const backup = status.active.source === 'personal' && status.orgBackup ? ` · ${t('status.backup')}` : '';
  return `*${using}*${backup}`;
}

const REASON_TEXT: Record<NoneReason, MessageKey> = {
  no_org_connection: 'status.reason.no_org_connection',
  org_needs_reconnect: 'status.reason.org_needs_reconnect',
  org_disconnected: 'status.reason.org_disconnected',
  opted_out: 'status.reason.opted_out',
  personal_needs_reconnect: 'status.reason.personal_needs_reconnect',
};

const REASON_FIX: Record<NoneReason, MessageKey[]> = {
  no_org_connection: ['status.fix.connect_personal', 'status.fix.ask_admin'],
  org_needs_reconnect: ['status.fix.wait_admin'],
  org_disconnected: ['status.fix.connect_personal', 'status.fix.ask_admin'],
  opted_out: ['status.fix.opt_in'],
  personal_needs_reconnect: ['status.fix.reconnect_personal'],
};

/** What a Slack admin can do themselves (issue 17 §4): connect or reconnect for everyone. */
const ADMIN_FIX: Partial<Record<NoneReason, MessageKey[]>> = {
  no_org_connection: ['status.fix.connect_org_admin', 'status.fix.connect_personal'],
  org_needs_reconnect: ['status.fix.reconnect_org_admin'],
  org_disconnected: ['status.fix.connect_org_admin', 'status.fix.connect_personal'],
};

/** Why there is no account and what to do, as mrkdwn lines (shared with /zoom-meet's refusal). */
export function noneExplanation(reason: NoneReason, t: Translator, viewerIsAdmin = false): string {
  const fixes = (viewerIsAdmin ? ADMIN_FIX[reason] : undefined) ?? REASON_FIX[reason];
  return [t(REASON_TEXT[reason]), ...fixes.map((key) => t(key))].join('\n');
}

export const NEUTRAL_REASON: Record<NoneReason, MessageKey> = {
  no_org_connection: 'reason.no_org_connection',
  org_needs_reconnect: 'reason.org_needs_reconnect',
  org_disconnected: 'reason.org_disconnected',
  opted_out: 'reason.opted_out',
  personal_needs_reconnect: 'reason.personal_needs_reconnect',
};

/** Blocks describing the member's own status (no action buttons). */
export function memberStatusBlocks(status: MemberStatusModel, t: Translator): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const using = usingLine(status, t);
  if (using && status.active) {
    blocks.push(section(using));
    if (status.active.since)
      blocks.push(context(t('status.since', { date: slackDate(status.active.since, t) })));
  } else {
    const reason = status.noneReason ?? 'no_org_connection';
    blocks.push(section(`*${t('status.none')}*\n${noneExplanation(reason, t, status.viewerIsAdmin)}`));
  }
  const notes: string[] = [];
  if (status.personal === 'needs_reconnect' && status.active?.source === 'org') {
    notes.push(t('status.personal_broken_note'));
  }
  if (status.active?.source === 'org' && status.zoomMatch === 'not_found') {
    notes.push(t('status.zoom_not_found', { email: escapeMrkdwn(status.slackEmail ?? t('common.unknown')) }));
  }
  if (status.optOut.allowed && status.optOut.optedOut && status.active)
    notes.push(t('status.opted_out_note'));
  if (notes.length > 0) blocks.push(section(notes.map((n) => `:warning: ${n}`).join('\n')));
  return blocks;
}

/** The member's action buttons: connect/reconnect/disconnect personal, opt out/in when allowed, new meeting. */
export function memberActionButtons(status: MemberStatusModel, t: Translator): ActionsBlockElement[] {
  const elements: ActionsBlockElement[] = [];
  if (status.active) {
    elements.push(button({ text: t('button.new_meeting'), actionId: ACTION.newMeeting, style: 'primary' }));
  }
  if (status.personal === 'none') {
    elements.push(
      button({
        text: t('button.connect_personal'),
        actionId: ACTION.connectPersonal,
        ...(status.active ? {} : { style: 'primary' as const }),
      }),
    );
  } else if (status.personal === 'needs_reconnect') {
    elements.push(button({ text: t('button.reconnect_personal'), actionId: ACTION.connectPersonal }));
  } else {
    elements.push(button({ text: t('button.disconnect_personal'), actionId: ACTION.disconnectPersonal }));
  }
  if (status.optOut.allowed) {
    const orgServesOrBacks = status.active?.source === 'org' || status.orgBackup;
    if (status.optOut.optedOut) {
      elements.push(button({ text: t('button.opt_in'), actionId: ACTION.optIn }));
    } else if (orgServesOrBacks) {
      elements.push(button({ text: t('button.opt_out'), actionId: ACTION.optOut }));
    }
  }
  return elements;
}

/** `/zoom-status`: the caller's active account and why (ephemeral). */
export function statusMessage(
  status: MemberStatusModel,
  t: Translator,
  parked: ParkedApprovalModel[] = [],
): MessageView {
  const blocks: KnownBlock[] = [section(`*${t('status.title')}*`), ...memberStatusBlocks(status, t)];
  const buttons = memberActionButtons(status, t);
  if (buttons.length > 0) blocks.push(actions(buttons, BLOCK.memberActions));
  if (parked.length > 0) blocks.push(section(`*${t('parked.section')}*`), ...parkedBlocks(parked, t));
  const text = status.active
    ? t('status.using', { account: accountLabel(status.active.source, status.active.zoomEmail, t) })
    : t('status.none');
  return { text, blocks };
}

/** `/zoom-status @user` (admins): another member's status, neutral wording, no buttons. */
export function otherUserStatus(model: OtherUserStatusModel, t: Translator): MessageView {
  const { status } = model;
  const title = t('status.other_title', { user: mention(model.userId) });
  const facts: string[] = [];
  if (model.slackEmail) facts.push(t('status.other_email', { email: escapeMrkdwn(model.slackEmail) }));
  if (model.isAdmin) facts.push(t('status.other_admin'));
  const blocks: KnownBlock[] = [section(`*${title}*`)];
  if (facts.length > 0) blocks.push(context(facts.join(' · ')));
  const using = usingLine(status, t);
  if (using) {
    blocks.push(section(using));
    if (status.active?.since)
      blocks.push(context(t('status.since', { date: slackDate(status.active.since, t) })));
  } else {
    const reason = t(NEUTRAL_REASON[status.noneReason ?? 'no_org_connection']);
    blocks.push(section(t('status.other_none', { reason })));
  }
  const notes: string[] = [];
  if (status.personal === 'needs_reconnect') notes.push(t('row.needs_reconnect'));
  if (status.zoomMatch === 'not_found') {
    notes.push(t('row.zoom_not_found', { email: escapeMrkdwn(model.slackEmail ?? t('common.unknown')) }));
  }
  if (status.optOut.optedOut) notes.push(t('row.opted_out'));
  if (notes.length > 0) blocks.push(context(notes.map((n) => `:warning: ${n}`).join(' · ')));
  return { text: title, blocks };
}
