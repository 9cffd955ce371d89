import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/i18n/index.js';
import { ACTION, BLOCK, CALLBACK } from '../../../src/slack/views/ids.js';
import * as views from '../../../src/slack/views/index.js';
import { buildApproval, buildHome, buildParked, buildStatus, buildUsers, NOW } from './factories.js';
import { actionIdsOf, blockIdsOf } from './inspect.js';

const t = createTranslator('en');

/** A set of renders that together should exercise every id. */
function renders(): unknown[] {
  const connect = {
    isAdmin: true,
    workspaceName: 'A',
    scopeLocked: false,
    org: null,
    personal: { status: 'none' as const, zoomEmail: null },
  };
  return [
    views.connectModal({ ...connect, scope: 'org', orgPath: 'send' }, t),
    views.connectResultModal({ kind: 'org', url: 'https://x.test/a', recipientId: null, expiresAt: NOW }, t),
    views.forwardModal({ requestId: 'r', requesterId: 'U1' }, t),
    views.settingsModal(
      { workspaceName: 'A', autoStartSummary: true, allowUserOptOut: true, changedAt: null, changedBy: null },
      t,
    ),
    views.disconnectModal(
      {
        isAdmin: true,
        personal: { status: 'active', zoomEmail: 'a@b.c' },
        org: { status: 'active', zoomEmail: 'z@b.c' },
        optOut: { allowed: true, optedOut: false },
        selected: 'org',
        impact: { members: 1, upcomingMeetings: 1 },
      },
      t,
    ),
    views.newMeetingModal({}, t),
    views.approvalRequestDm(buildApproval(), t),
    views.meetingMessage(
      {
        topic: 'x',
        joinUrl: 'https://z.test/j',
        meetingId: '1',
        hostEmail: 'h@a.c',
        source: 'org',
        createdBy: 'U1',
        startTime: null,
        autoStartSummary: false,
      },
      t,
    ),
    views.homeView(buildHome(), t),
    views.homeView(
      buildHome({
        status: buildStatus({
          active: null,
          noneReason: 'opted_out',
          optOut: { allowed: true, optedOut: true },
        }),
      }),
      t,
    ),
    views.homeView(
      buildHome({
        status: buildStatus({ optOut: { allowed: true, optedOut: false }, personal: 'active' }),
      }),
      t,
    ),
    views.connectedUsersMessage(buildUsers({ page: 1, pageSize: 2, total: 10 }), t),
    views.connectedUsersModal(buildUsers({ search: 'ali' }), t),
    views.orgConnectionAlertDm(
      {
        status: 'needs_reconnect',
        reason: 'unknown',
        zoomEmail: null,
        actorId: null,
        since: NOW,
        affectedMembers: null,
      },
      t,
    ),
    views.statusMessage(buildStatus(), t),
    views.parkedApprovalDm(buildParked(), t),
    views.meetingListMessage(
      {
        meetings: [
          {
            meetingId: '81234567890',
            topic: 'Sync',
            startTime: NOW,
            instant: false,
            durationMinutes: 30,
            source: 'org',
            hostEmail: 'h@a.c',
            joinUrl: 'https://z.test/j/1',
            invitees: 0,
          },
        ],
        total: 1,
      },
      t,
    ),
    views.meetingEndedHostDm(
      {
        topic: 'Sync',
        reason: 'cancelled',
        endedBy: 'U1',
        hostEmail: 'h@a.c',
        startTime: NOW,
        instant: false,
        source: 'org',
        createdBy: 'U1',
        meetingId: '81234567890',
      },
      t,
    ),
  ];
}

describe('ids', () => {
  it('has unique values within each group', () => {
    for (const group of [CALLBACK, BLOCK, ACTION]) {
      const values = Object.values(group);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it('every action id and block id is emitted by some view (no stale constants)', () => {
    const all = renders();
    const actionIds = new Set(all.flatMap(actionIdsOf));
    const blockIds = new Set(all.flatMap(blockIdsOf));
    expect(Object.values(ACTION).filter((id) => !actionIds.has(id))).toEqual([]);
    expect(Object.values(BLOCK).filter((id) => !blockIds.has(id))).toEqual([]);
  });

  it('every emitted action id is a known constant', () => {
    const known = new Set<string>(Object.values(ACTION));
    expect(
      renders()
        .flatMap(actionIdsOf)
        .filter((id) => !known.has(id)),
    ).toEqual([]);
  });
});
