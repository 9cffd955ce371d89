import { describe, expect, it } from 'vitest';
import { type BlockKitSurface, validateBlockKit } from '../../../sandbox/slack/block-kit/index.js';
import { createTranslator, type Translator } from '../../../src/i18n/index.js';
import type { DisconnectChoice } from '../../../src/slack/views/ids.js';
import * as views from '../../../src/slack/views/index.js';
import type { NoneReason, OrgStatusReason } from '../../../src/slack/views/models.js';
import {
  buildApproval,
  buildHome,
  buildHugeHome,
  buildHugeUsers,
  buildParked,
  buildRequests,
  buildSettings,
  buildStatus,
  buildUsers,
  LONG_EMAIL,
  NASTY_50,
  NOW,
} from './factories.js';

type Size = 'small' | 'huge';
interface Case {
  name: string;
  surface: BlockKitSurface;
  build: (t: Translator, size: Size) => unknown;
}

const big = (size: Size, small: string, huge: string) => (size === 'huge' ? huge : small);
const longNote = `${NASTY_50}\n`.repeat(40).slice(0, 500);
const reasons: NoneReason[] = [
  'no_org_connection',
  'org_needs_reconnect',
  'org_disconnected',
  'opted_out',
  'personal_needs_reconnect',
];
const orgReasons: OrgStatusReason[] = [
  'admin_role_lost',
  'token_rejected',
  'scope_missing',
  'app_removed',
  'zoom_user_deleted',
  'zoom_user_deactivated',
  'zoom_user_disassociated',
  'admin_disconnected',
  'unknown',
];

const cases: Case[] = [
  ...(
    [
      ['personal', 'email_mismatch'],
      ['org', 'other_account'],
      ['org', 'zero_coverage'],
      ['org', 'requester_not_admin'],
    ] as const
  ).flatMap(([kind, reason]): Case[] => {
    const model = (size: Size) =>
      buildParked({
        kind,
        reason,
        zoomEmail: big(size, 'z@globex.test', LONG_EMAIL),
        slackEmail: big(size, 'a@acme.test', LONG_EMAIL),
        workspaceName: big(size, 'Acme', NASTY_50),
        currentZoomEmail: big(size, 'c@acme.test', LONG_EMAIL),
        account: {
          id: big(size, 'globex', NASTY_50),
          name: big(size, 'Globex', NASTY_50),
          found: 0,
          total: 7,
        },
      });
    return [
      {
        name: `parkedApprovalDm ${kind} ${reason}`,
        surface: 'message',
        build: (t, size) => views.parkedApprovalDm(model(size), t),
      },
      {
        name: `parkedApproverDm ${reason}`,
        surface: 'message',
        build: (t, size) => views.parkedApproverDm(model(size), t),
      },
    ];
  }),
  ...(['confirmed', 'cancelled', 'expired'] as const).flatMap((outcome) =>
    (['org', 'personal'] as const).map(
      (kind): Case => ({
        name: `parkedDecidedDm ${kind} ${outcome}`,
        surface: 'message',
        build: (t, size) =>
          views.parkedDecidedDm(
            {
              kind,
              outcome,
              zoomEmail: big(size, 'z@globex.test', LONG_EMAIL),
              actorId: 'U_SAM',
              account: { id: big(size, 'globex', NASTY_50), name: null, found: 2, total: 3 },
              at: NOW,
            },
            t,
          ),
      }),
    ),
  ),
  ...(
    [
      'completed',
      'superseded',
      'declined',
      'cancelled',
      'expired',
      'forwarded',
      'replaced',
      'awaiting_confirmation',
    ] as const
  ).map(
    (status): Case => ({
      name: `requestClosedDm ${status}`,
      surface: 'message',
      build: (t, size) =>
        views.requestClosedDm(
          {
            status,
            workspaceName: big(size, 'Acme', NASTY_50),
            actorId: 'U_SAM',
            zoomEmail: big(size, 'z@acme.test', LONG_EMAIL),
            toId: 'U_ZOE',
            at: NOW,
          },
          t,
        ),
    }),
  ),
  ...[true, false].flatMap((isAdmin) =>
    (
      [
        [null, null],
        ['org', null],
        ['org', 'self'],
        ['org', 'send'],
        ['personal', null],
      ] as const
    ).map(
      ([scope, orgPath]): Case => ({
        name: `connectModal admin=${isAdmin} scope=${scope} path=${orgPath}`,
        surface: 'modal',
        build: (t, size) =>
          views.connectModal(
            {
              isAdmin,
              workspaceName: big(size, 'Acme', NASTY_50),
              scope,
              orgPath,
              scopeLocked: false,
              org: { status: 'active', zoomEmail: big(size, 'a@b.c', LONG_EMAIL) },
              personal: { status: 'needs_reconnect', zoomEmail: big(size, 'a@b.c', LONG_EMAIL) },
              privateMetadata: big(size, '{}', 'x'.repeat(3000)),
            },
            t,
          ),
      }),
    ),
  ),
  ...(['org', 'personal'] as const).map(
    (kind): Case => ({
      name: `connectResultModal ${kind}`,
      surface: 'modal',
      build: (t, size) =>
        views.connectResultModal(
          {
            kind,
            url: big(
              size,
              'https://x.test/zoom/approve/abc',
              `https://x.test/zoom/approve/${'t'.repeat(2000)}`,
            ),
            recipientId: 'U2',
            expiresAt: NOW,
          },
          t,
        ),
    }),
  ),
  {
    name: 'forwardModal',
    surface: 'modal',
    build: (t) => views.forwardModal({ requestId: 'req1', requesterId: 'U1' }, t),
  },
  ...[false, true].map(
    (reminder): Case => ({
      name: `approval DM reminder=${reminder}`,
      surface: 'message',
      build: (t, size) => {
        const model = buildApproval({
          workspaceName: big(size, 'Acme', NASTY_50),
          note: big(size, 'please', longNote),
          forwardedBy: size === 'huge' ? 'U3' : null,
        });
        return reminder ? views.approvalReminderDm(model, t) : views.approvalRequestDm(model, t);
      },
    }),
  ),
  ...(['requester', 'approver'] as const).map(
    (audience): Case => ({
      name: `requestCompletedDm ${audience}`,
      surface: 'message',
      build: (t, size) =>
        views.requestCompletedDm(
          {
            workspaceName: big(size, 'Acme', NASTY_50),
            zoomEmail: big(size, 'z@a.c', LONG_EMAIL),
            audience,
            account: {
              id: big(size, 'acme', NASTY_50),
              name: big(size, 'Acme', NASTY_50),
              found: 3,
              total: 5,
            },
          },
          t,
        ),
    }),
  ),
  {
    name: 'requestDeclinedDm',
    surface: 'message',
    build: (t, size) =>
      views.requestDeclinedDm({ workspaceName: big(size, 'Acme', NASTY_50), declinedBy: 'U2' }, t),
  },
  {
    name: 'notZoomAdminDm',
    surface: 'message',
    build: (t, size) =>
      views.notZoomAdminDm({ zoomEmail: big(size, 'x@y.z', LONG_EMAIL), roleName: NASTY_50 }, t),
  },
  ...(['org', 'personal'] as const).map(
    (kind): Case => ({
      name: `requestExpiredDm ${kind}`,
      surface: 'message',
      build: (t, size) =>
        views.requestExpiredDm(
          { workspaceName: big(size, 'Acme', NASTY_50), expiredAt: NOW, recipientId: 'U2', kind },
          t,
        ),
    }),
  ),
  {
    name: 'requestForwardedDm',
    surface: 'message',
    build: (t) => views.requestForwardedDm({ fromId: 'U2', toId: 'U3' }, t),
  },
  ...orgReasons.flatMap((reason) =>
    (['needs_reconnect', 'disconnected'] as const).map(
      (status): Case => ({
        name: `orgConnectionAlertDm ${status} ${reason}`,
        surface: 'message',
        build: (t, size) =>
          views.orgConnectionAlertDm(
            {
              status,
              reason,
              zoomEmail: big(size, 'z@a.c', LONG_EMAIL),
              actorId: 'U1',
              since: NOW,
              affectedMembers: size === 'huge' ? 100_000 : 3,
              workspaceName: big(size, 'Acme', NASTY_50),
            },
            t,
          ),
      }),
    ),
  ),
  ...orgReasons.map(
    (reason): Case => ({
      name: `zoomUserStoppedDm ${reason}`,
      surface: 'message',
      build: (t, size) =>
        views.zoomUserStoppedDm(
          {
            status: 'needs_reconnect',
            reason,
            zoomEmail: big(size, 'z@a.c', LONG_EMAIL),
            actorId: null,
            since: NOW,
            affectedMembers: null,
            workspaceName: big(size, 'Acme', NASTY_50),
          },
          t,
        ),
    }),
  ),
  ...(['org', 'personal'] as const).map(
    (kind): Case => ({
      name: `alertResolvedDm ${kind}`,
      surface: 'message',
      build: (t, size) =>
        views.alertResolvedDm(
          {
            kind,
            workspaceName: big(size, 'Acme', NASTY_50),
            zoomEmail: big(size, 'z@a.c', LONG_EMAIL),
            at: NOW,
          },
          t,
        ),
    }),
  ),
  ...[false, true].map(
    (hasPersonal): Case => ({
      name: `affectedMeetingsDm hasPersonal=${hasPersonal}`,
      surface: 'message',
      build: (t, size) =>
        views.affectedMeetingsDm(
          {
            hasPersonal,
            meetings: Array.from({ length: size === 'huge' ? 5000 : 2 }, (_, i) => ({
              topic: size === 'huge' ? `${NASTY_50}${'x'.repeat(150)}` : `Meeting ${i}`,
              startTime: i % 2 ? NOW : null,
              joinUrl: 'https://zoom.test/j/1',
            })),
          },
          t,
        ),
    }),
  ),
  {
    name: 'personalConnectedDm',
    surface: 'message',
    build: (t, size) =>
      views.personalConnectedDm({ zoomEmail: big(size, 'a@b.c', LONG_EMAIL), orgBackup: true }, t),
  },
  ...(['by_user', 'needs_reconnect', 'removed'] as const).map(
    (reason): Case => ({
      name: `personalDisconnectedDm ${reason}`,
      surface: 'message',
      build: (t, size) =>
        views.personalDisconnectedDm(
          { zoomEmail: big(size, 'a@b.c', LONG_EMAIL), reason, orgTakesOver: reason === 'by_user' },
          t,
        ),
    }),
  ),
  ...[
    buildStatus(),
    buildStatus({
      active: { source: 'personal', zoomEmail: LONG_EMAIL, since: NOW },
      orgBackup: true,
      personal: 'active',
    }),
    ...reasons.map((noneReason) =>
      buildStatus({
        active: null,
        noneReason,
        optOut: { allowed: true, optedOut: noneReason === 'opted_out' },
      }),
    ),
    buildStatus({ personal: 'needs_reconnect', zoomMatch: 'not_found', slackEmail: LONG_EMAIL }),
  ].flatMap((status, i): Case[] => [
    { name: `statusMessage #${i}`, surface: 'message', build: (t) => views.statusMessage(status, t) },
    {
      name: `otherUserStatus #${i}`,
      surface: 'message',
      build: (t, size) =>
        views.otherUserStatus(
          { userId: 'U5', slackEmail: big(size, 'e@x.y', LONG_EMAIL), isAdmin: size === 'huge', status },
          t,
        ),
    },
  ]),
  {
    name: 'connectedUsersMessage',
    surface: 'message',
    build: (t, size) => views.connectedUsersMessage(size === 'huge' ? buildHugeUsers() : buildUsers(), t),
  },
  {
    name: 'connectedUsersMessage empty',
    surface: 'message',
    build: (t) => views.connectedUsersMessage(buildUsers({ rows: [], total: 0 }), t),
  },
  {
    name: 'connectedUsersModal',
    surface: 'modal',
    build: (t, size) => views.connectedUsersModal(size === 'huge' ? buildHugeUsers() : buildUsers(), t),
  },
  {
    name: 'connectedUsersModal empty search',
    surface: 'modal',
    build: (t) => views.connectedUsersModal(buildUsers({ rows: [], total: 0, search: LONG_EMAIL }), t),
  },
  {
    name: 'requestsMessage',
    surface: 'message',
    build: (t, size) => views.requestsMessage(buildRequests(size === 'huge' ? 500 : 0), t),
  },
  ...[true, false].flatMap((flag) => [
    {
      name: `settingsModal ${flag}`,
      surface: 'modal' as const,
      build: (t: Translator, size: Size) =>
        views.settingsModal(
          buildSettings({
            autoStartSummary: flag,
            allowUserOptOut: !flag,
            workspaceName: big(size, 'Acme', NASTY_50),
            changedBy: flag ? 'U1' : null,
          }),
          t,
        ),
    },
  ]),
  ...([null, 'personal', 'opt_out', 'opt_in', 'org'] as (DisconnectChoice | null)[]).flatMap((selected) =>
    [true, false].map(
      (isAdmin): Case => ({
        name: `disconnectModal admin=${isAdmin} selected=${selected}`,
        surface: 'modal',
        build: (t, size) =>
          views.disconnectModal(
            {
              isAdmin,
              personal: { status: 'active', zoomEmail: big(size, 'a@b.c', LONG_EMAIL) },
              org: { status: 'active', zoomEmail: big(size, 'z@b.c', LONG_EMAIL) },
              optOut: { allowed: true, optedOut: selected === 'opt_in' },
              selected,
              impact: {
                members: size === 'huge' ? 100_000 : 3,
                upcomingMeetings: size === 'huge' ? 250_000 : 1,
              },
            },
            t,
          ),
      }),
    ),
  ),
  {
    name: 'disconnectModal nothing to do',
    surface: 'modal',
    build: (t) =>
      views.disconnectModal(
        {
          isAdmin: false,
          personal: { status: 'none', zoomEmail: null },
          org: null,
          optOut: { allowed: false, optedOut: false },
          selected: null,
          impact: null,
        },
        t,
      ),
  },
  ...(['personal', 'org'] as const).map(
    (source): Case => ({
      name: `meetingMessage ${source}`,
      surface: 'message',
      build: (t, size) =>
        views.meetingMessage(
          {
            topic: big(size, 'Weekly', `${NASTY_50}${'y'.repeat(400)}`),
            joinUrl: 'https://zoom.test/j/123?pwd=abc',
            meetingId: '123',
            hostEmail: big(size, 'h@a.c', LONG_EMAIL),
            source,
            createdBy: 'U1',
            startTime: size === 'huge' ? NOW : null,
            autoStartSummary: source === 'org',
          },
          t,
        ),
    }),
  ),
  ...reasons.map(
    (reason): Case => ({
      name: `noAccountMessage ${reason}`,
      surface: 'message',
      build: (t) => views.noAccountMessage({ reason }, t),
    }),
  ),
  {
    name: 'zoomUserNotFoundMessage',
    surface: 'message',
    build: (t, size) => views.zoomUserNotFoundMessage({ email: big(size, 'a@b.c', LONG_EMAIL) }, t),
  },
  {
    name: 'newMeetingModal',
    surface: 'modal',
    build: (t, size) => views.newMeetingModal({ topic: big(size, 'x', 'z'.repeat(1000)) }, t),
  },
  {
    name: 'homeView admin',
    surface: 'home',
    build: (t, size) => views.homeView(size === 'huge' ? buildHugeHome() : buildHome(), t),
  },
  {
    name: 'homeView member',
    surface: 'home',
    build: (t, size) =>
      views.homeView(
        { ...(size === 'huge' ? buildHugeHome() : buildHome()), isAdmin: false, admin: null },
        t,
      ),
  },
  {
    name: 'homeView admin, nothing connected',
    surface: 'home',
    build: (t) =>
      views.homeView(
        buildHome({
          status: buildStatus({ active: null, noneReason: 'no_org_connection' }),
          admin: {
            org: {
              status: 'none',
              zoomEmail: null,
              connectedBy: null,
              since: null,
              lastCheckAt: null,
              reason: null,
            },
            requests: buildRequests(0),
            settings: buildSettings({ changedAt: null, changedBy: null }),
            users: buildUsers({ rows: [], total: 0 }),
            audit: [],
          },
        }),
        t,
      ),
  },
  ...[...views.COMMANDS, 'unknown'].map(
    (command): Case => ({
      name: `helpMessage ${command}`,
      surface: 'message',
      build: (t) => views.helpMessage(command, t),
    }),
  ),
  ...[...views.ERROR_CODES, 'something_else'].map(
    (code): Case => ({
      name: `errorMessage ${code}`,
      surface: 'message',
      build: (t) => views.errorMessage(code, t),
    }),
  ),
];

describe('every view stays within Block Kit limits', () => {
  for (const locale of ['en-US', 'fr-FR']) {
    const t = createTranslator(locale);
    for (const size of ['small', 'huge'] as const) {
      describe(`${locale} / ${size} input`, () => {
        it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
          const payload = c.build(t, size);
          expect(validateBlockKit(c.surface, payload)).toEqual([]);
          // Messages always carry a fallback text for notifications.
          if (c.surface === 'message') expect((payload as { text: string }).text.length).toBeGreaterThan(0);
        });
      });
    }
  }

  it('covers a meaningful number of cases', () => {
    expect(cases.length).toBeGreaterThan(60);
  });
});
