/** Direct messages about connections changing state: org alerts to admins, affected meetings, personal. */

import type { MessageKey, Translator } from '../../i18n/index.js';
import type { KnownBlock, MessageView } from '../blockkit/types.js';
import {
  actions,
  button,
  context,
  escapeMrkdwn,
  header,
  LIMITS,
  mention,
  packLines,
  section,
  slackDate,
} from './blocks.js';
import { ACTION, BLOCK } from './ids.js';
import { endReasonText } from './meeting.js';
import type {
  AffectedMeetingsModel,
  AlertResolvedModel,
  MeetingRef,
  OrgConnectionAlertModel,
  OrgStatusReason,
  PersonalConnectedModel,
  PersonalDisconnectedModel,
} from './models.js';

const ORG_REASON: Record<OrgStatusReason, MessageKey> = {
  admin_role_lost: 'org_reason.admin_role_lost',
  token_rejected: 'org_reason.token_rejected',
  scope_missing: 'org_reason.scope_missing',
  app_removed: 'org_reason.app_removed',
  zoom_user_deleted: 'org_reason.zoom_user_deleted',
  zoom_user_deactivated: 'org_reason.zoom_user_deactivated',
  zoom_user_disassociated: 'org_reason.zoom_user_disassociated',
  admin_disconnected: 'org_reason.admin_disconnected',
  unknown: 'org_reason.unknown',
};

/** One sentence for why the organization connection stopped. */
export function orgReasonText(
  reason: OrgStatusReason,
  zoomEmail: string | null,
  actorId: string | null,
  t: Translator,
): string {
  return t(ORG_REASON[reason], {
    email: escapeMrkdwn(zoomEmail ?? t('common.unknown')),
    user: actorId ? mention(actorId) : t('common.unknown'),
  });
}

/** A meeting line: topic, time on the reader's clock, join link (live) or why it ended, whose (admins). */
export function meetingRefLine(m: MeetingRef, t: Translator, withOwner = false): string {
  const topic = escapeMrkdwn(m.topic.trim() === '' ? t('meeting.default_topic') : m.topic);
  const when = m.startTime ? ` — ${slackDate(m.startTime, t)}` : '';
  const owner = withOwner && m.slackUserId ? ` · ${mention(m.slackUserId)}` : '';
  const url = m.joinUrl && /^https?:\/\/[^\s|<>]+$/.test(m.joinUrl) ? m.joinUrl : null;
  const tail = m.endReason
    ? ` — ${endReasonText(m.endReason, null, m.hostEmail ?? t('common.unknown'), t)}`
    : url
      ? ` · <${url}|${t('meet.join_link')}>`
      : '';
  return `• *${topic}*${when}${owner}${tail}`;
}

/** Who did it: the Slack admin, or Zoom's operator when Zoom said. */
function doneByZoom(model: OrgConnectionAlertModel, t: Translator): string | null {
  if (model.reason === 'admin_disconnected' || !model.zoomOperator) return null;
  return t('dm.org_alert.by_zoom', { email: escapeMrkdwn(model.zoomOperator) });
}

/**
 * To every admin: the organization connection needs reconnecting or stopped, why and by whom, how
 * many members relied on it, when it was last checked, and what happens to the meetings made
 * through it (most keep working, listed with their links), with a Reconnect button.
 */
export function orgConnectionAlertDm(model: OrgConnectionAlertModel, t: Translator): MessageView {
  const needs = model.status === 'needs_reconnect';
  const why = [`:warning: ${orgReasonText(model.reason, model.zoomEmail, model.actorId, t)}`];
  const by = doneByZoom(model, t);
  if (by) why.push(by);
  const blocks: KnownBlock[] = [
    header(needs ? t('dm.org_alert.header_needs_reconnect') : t('dm.org_alert.header_disconnected')),
    section(`${why.join(' ')}\n${t('dm.org_alert.impact')}`),
  ];
  const facts = [t('status.since', { date: slackDate(model.since, t) })];
  if (model.workspaceName)
    facts.unshift(t('dm.org_alert.workspace', { workspace: escapeMrkdwn(model.workspaceName) }));
  if (model.affectedMembers !== null)
    facts.push(t('dm.org_alert.affected_members', { count: model.affectedMembers }));
  if (model.lastCheckedAt !== undefined) {
    facts.push(
      t('dm.org_alert.last_check', {
        date: model.lastCheckedAt ? slackDate(model.lastCheckedAt, t) : t('common.not_yet'),
      }),
    );
  }
  blocks.push(context(facts.join(' · ')));
  const meetings = model.meetings;
  if (meetings && meetings.keepWorking.length + meetings.ended.length > 0) {
    const lines: string[] = [];
    if (meetings.keepWorking.length > 0) {
      lines.push(t.plural('dm.org_alert.meetings_keep', meetings.keepWorking.length));
      lines.push(...meetings.keepWorking.map((m) => meetingRefLine(m, t, true)));
    }
    if (meetings.ended.length > 0) {
      lines.push(t.plural('dm.org_alert.meetings_ended', meetings.ended.length));
      lines.push(...meetings.ended.map((m) => meetingRefLine(m, t, true)));
    }
    blocks.push(...packLines(lines, 4, t, 0, LIMITS.messageListText / 2));
  }
  blocks.push(
    section(t('dm.org_alert.hint')),
    actions(
      [button({ text: t('button.reconnect_org'), actionId: ACTION.connectOrg, style: 'primary' })],
      BLOCK.alertActions,
    ),
  );
  return {
    text: needs ? t('dm.org_alert.text_needs_reconnect') : t('dm.org_alert.text_disconnected'),
    blocks,
  };
}

/**
 * To a member with upcoming meetings made through the organization connection: they are hosted by
 * the member's own Zoom user, so they keep working (listed with their links) — except those whose
 * host Zoom user is gone, listed with why.
 */
export function affectedMeetingsDm(model: AffectedMeetingsModel, t: Translator): MessageView {
  const keep = model.meetings.filter((m) => !m.endReason);
  const ended = model.meetings.filter((m) => m.endReason);
  const lines: string[] = [];
  if (keep.length > 0) lines.push(t('dm.affected.keep_title'), ...keep.map((m) => meetingRefLine(m, t)));
  if (ended.length > 0) lines.push(t('dm.affected.ended_title'), ...ended.map((m) => meetingRefLine(m, t)));
  const blocks: KnownBlock[] = [
    header(t('dm.affected.header')),
    section(t('dm.affected.body')),
    ...packLines(lines, 5, t, 0, LIMITS.messageListText),
  ];
  if (model.hasPersonal) {
    blocks.push(section(t('dm.affected.has_personal')));
  } else {
    blocks.push(
      section(t('dm.affected.fix_personal')),
      actions([
        button({ text: t('button.connect_personal'), actionId: ACTION.connectPersonal, style: 'primary' }),
      ]),
    );
  }
  return { text: t('dm.affected.text'), blocks };
}

export function personalConnectedDm(model: PersonalConnectedModel, t: Translator): MessageView {
  const blocks: KnownBlock[] = [
    section(`:white_check_mark: ${t('dm.personal_connected', { email: escapeMrkdwn(model.zoomEmail) })}`),
  ];
  if (model.orgBackup) blocks.push(context(t('dm.personal_connected_backup')));
  return { text: t('dm.personal_connected.text'), blocks };
}

const PERSONAL_REASON: Record<PersonalDisconnectedModel['reason'], MessageKey> = {
  by_user: 'dm.personal_disconnected.by_user',
  needs_reconnect: 'dm.personal_disconnected.needs_reconnect',
  removed: 'dm.personal_disconnected.removed',
};

export function personalDisconnectedDm(model: PersonalDisconnectedModel, t: Translator): MessageView {
  const email = escapeMrkdwn(model.zoomEmail ?? t('common.unknown'));
  const blocks: KnownBlock[] = [
    section(t(PERSONAL_REASON[model.reason], { email })),
    section(model.orgTakesOver ? t('dm.personal.org_takes_over') : t('dm.personal.no_fallback')),
  ];
  if (model.reason !== 'by_user') {
    blocks.push(
      actions([
        button({ text: t('button.reconnect_personal'), actionId: ACTION.connectPersonal, style: 'primary' }),
      ]),
    );
  }
  return { text: t('dm.personal_disconnected.text'), blocks };
}

/**
 * To the Slack member whose Zoom user the organization connection ran through, when it stopped
 * because of that user (their role, their account): they are the one who can usually fix it.
 */
export function zoomUserStoppedDm(
  model: OrgConnectionAlertModel & { workspaceName: string },
  t: Translator,
): MessageView {
  const text = t('dm.zoom_user_stopped', {
    workspace: escapeMrkdwn(model.workspaceName),
    email: escapeMrkdwn(model.zoomEmail ?? t('common.unknown')),
    reason: orgReasonText(model.reason, model.zoomEmail, model.actorId, t),
  });
  return {
    text: t('dm.zoom_user_stopped.text', { workspace: escapeMrkdwn(model.workspaceName) }),
    blocks: [section(`:warning: ${text}`)],
  };
}

/** Replaces an alert once the connection works again: no Reconnect left to press. */
export function alertResolvedDm(model: AlertResolvedModel, t: Translator): MessageView {
  const params = {
    workspace: escapeMrkdwn(model.workspaceName),
    email: escapeMrkdwn(model.zoomEmail),
    date: slackDate(model.at, t),
  };
  const text = t(model.kind === 'org' ? 'dm.alert_resolved.org' : 'dm.alert_resolved.personal', params);
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}
