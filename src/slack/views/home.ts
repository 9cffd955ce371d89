/**
 * App Home, per user. Members see their account (with the backup) and their actions; admins also
 * see the organization connection's health, pending links, settings, connected users and recent
 * audit events. Every admin section has a fixed block budget, so the view stays ≤ 100 blocks and
 * every text ≤ 3000 characters whatever the input sizes.
 */

import { isMessageKey, type Translator } from '../../i18n/index.js';
import type { HomeView, KnownBlock } from '../blockkit/types.js';
import { connectedUsersBlocks, requestsBlocks } from './admin-lists.js';
import {
  actions,
  button,
  context,
  divider,
  escapeMrkdwn,
  header,
  mention,
  packLines,
  section,
  slackDate,
} from './blocks.js';
import { orgReasonText } from './connection-dms.js';
import { ACTION, BLOCK } from './ids.js';
import { upcomingMeetingsBlocks } from './meeting-list.js';
import type { AuditEventRow, HomeModel, OrgHealthModel, SettingsModel } from './models.js';
import { parkedBlocks } from './parked.js';
import { lastChangedLine } from './settings.js';
import { memberActionButtons, memberStatusBlocks } from './status.js';

export const HOME_MAX_BLOCKS = 100;
export const HOME_MAX_REQUESTS = 8;
export const HOME_MAX_USER_SECTIONS = 6;
export const HOME_MAX_AUDIT = 10;
export const HOME_MAX_MEETINGS = 5;

const ORG_STATUS_ICON: Record<OrgHealthModel['status'], string> = {
  active: ':large_green_circle:',
  needs_reconnect: ':large_orange_circle:',
  disconnected: ':red_circle:',
  none: ':white_circle:',
};

function orgStatusLabel(status: OrgHealthModel['status'], t: Translator): string {
  switch (status) {
    case 'active':
      return t('home.org.active');
    case 'needs_reconnect':
      return t('home.org.needs_reconnect');
    case 'disconnected':
      return t('home.org.disconnected');
    case 'none':
      return t('home.org.none');
  }
}

function orgBlocks(org: OrgHealthModel, t: Translator): KnownBlock[] {
  const lines = [
    `*${t('home.org_title')}*`,
    `${ORG_STATUS_ICON[org.status]} ${t('home.org.status', { status: orgStatusLabel(org.status, t) })}`,
  ];
  if (org.status === 'none') lines.push(t('home.org.not_connected'));
  if (org.zoomEmail) lines.push(t('home.org.zoom_user', { email: escapeMrkdwn(org.zoomEmail) }));
  if (org.connectedBy) lines.push(t('home.org.connected_by', { user: mention(org.connectedBy) }));
  if (org.reason && org.status !== 'active') {
    lines.push(t('home.org.reason', { reason: orgReasonText(org.reason, org.zoomEmail, null, t) }));
  }
  const facts: string[] = [];
  if (org.since) facts.push(t('home.org.since', { date: slackDate(org.since, t) }));
  if (org.status !== 'none') {
    facts.push(
      t('home.org.last_check', {
        date: org.lastCheckAt ? slackDate(org.lastCheckAt, t) : t('common.not_yet'),
      }),
    );
  }
  const blocks: KnownBlock[] = [section(lines.join('\n'))];
  if (facts.length > 0) blocks.push(context(facts.join(' · ')));
  const buttons = [];
  if (org.status === 'none' || org.status === 'disconnected') {
    buttons.push(button({ text: t('button.connect_org'), actionId: ACTION.connectOrg, style: 'primary' }));
  } else if (org.status === 'needs_reconnect') {
    buttons.push(button({ text: t('button.reconnect_org'), actionId: ACTION.connectOrg, style: 'primary' }));
  }
  if (org.status === 'active' || org.status === 'needs_reconnect') {
    buttons.push(button({ text: t('button.disconnect'), actionId: ACTION.openDisconnect }));
  }
  if (buttons.length > 0) blocks.push(actions(buttons, BLOCK.orgActions));
  return blocks;
}

function settingsBlocks(settings: SettingsModel, t: Translator): KnownBlock[] {
  const onOff = (v: boolean) => (v ? t('common.on') : t('common.off'));
  return [
    section(
      [
        `*${t('home.settings_title')}*`,
        t('settings.summary_line', { value: onOff(settings.autoStartSummary) }),
        t('settings.opt_out_line', { value: onOff(settings.allowUserOptOut) }),
      ].join('\n'),
    ),
    context(lastChangedLine(settings, t)),
    actions(
      [button({ text: t('button.edit_settings'), actionId: ACTION.openSettings })],
      BLOCK.settingsActions,
    ),
  ];
}

/** Events a Slack member asked for and a Zoom user did: the Slack member is the one who asked. */
const ASKED_FOR = new Set(['org_connected', 'org_handed_over', 'request_parked']);

export function auditLine(event: AuditEventRow, t: Translator): string {
  const personalLink = event.kind === 'personal' && event.type.startsWith('request_');
  const key =
    personalLink && isMessageKey(`audit.${event.type}_personal`)
      ? `audit.${event.type}_personal`
      : `audit.${event.type}`;
  const email = escapeMrkdwn(event.zoomEmail ?? t('common.unknown'));
  const label = isMessageKey(key) ? t(key, { email }) : escapeMrkdwn(event.type);
  const byKey = ASKED_FOR.has(event.type) ? 'home.audit_asked_by' : 'home.audit_by';
  const by = event.actorId ? ` ${t(byKey, { user: mention(event.actorId) })}` : '';
  return `• ${slackDate(event.at, t)} — ${label}${by}`;
}

function auditBlocks(events: AuditEventRow[], t: Translator): KnownBlock[] {
  const blocks: KnownBlock[] = [section(`*${t('home.audit_title')}*`)];
  if (events.length === 0) {
    blocks.push(context(t('home.audit_empty')));
    return blocks;
  }
  const shown = events.slice(0, HOME_MAX_AUDIT);
  blocks.push(
    ...packLines(
      shown.map((e) => auditLine(e, t)),
      2,
      t,
      events.length - shown.length,
    ),
  );
  return blocks;
}

/** Last line of defence: never publish more blocks than Slack accepts. */
function capBlocks(blocks: KnownBlock[], max: number, t: Translator): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  return [...kept, context(t('common.and_more', { count: blocks.length - kept.length }))];
}

export function homeView(model: HomeModel, t: Translator): HomeView {
  const blocks: KnownBlock[] = [header(t('home.title')), ...memberStatusBlocks(model.status, t)];
  const memberButtons = memberActionButtons(model.status, t);
  if (memberButtons.length > 0) blocks.push(actions(memberButtons, BLOCK.memberActions));
  // What waits for this person's yes comes before everything else they could do.
  if (model.parked.length > 0) {
    blocks.push(divider(), section(`*${t('parked.section')}*`), ...parkedBlocks(model.parked, t));
  }
  if (model.meetings && (model.meetings.total > 0 || model.status.active)) {
    blocks.push(
      divider(),
      section(`*${t('home.meetings_title')}*`),
      ...upcomingMeetingsBlocks(model.meetings, t, HOME_MAX_MEETINGS),
    );
  }

  if (model.isAdmin && model.admin) {
    const admin = model.admin;
    blocks.push(
      divider(),
      header(t('home.admin_title')),
      ...orgBlocks(admin.org, t),
      divider(),
      ...requestsBlocks(admin.requests, t, HOME_MAX_REQUESTS),
      divider(),
      ...settingsBlocks(admin.settings, t),
      divider(),
      ...connectedUsersBlocks(admin.users, t, HOME_MAX_USER_SECTIONS),
      divider(),
      ...auditBlocks(admin.audit, t),
    );
  }
  return { type: 'home', blocks: capBlocks(blocks, HOME_MAX_BLOCKS, t) };
}
