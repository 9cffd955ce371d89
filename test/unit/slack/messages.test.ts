import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/i18n/index.js';
import { ACTION, BLOCK, REQUEST_BLOCK_PREFIX } from '../../../src/slack/views/ids.js';
import {
  affectedMeetingsDm,
  approvalReminderDm,
  approvalRequestDm,
  COMMANDS,
  connectedUsersMessage,
  errorMessage,
  helpMessage,
  meetingMessage,
  noAccountMessage,
  notZoomAdminDm,
  orgConnectionAlertDm,
  personalConnectedDm,
  personalDisconnectedDm,
  requestCompletedDm,
  requestDeclinedDm,
  requestExpiredDm,
  requestForwardedDm,
  requestsMessage,
  zoomUserNotFoundMessage,
} from '../../../src/slack/views/index.js';
import { parseRequestId, parseUserFilter, parseUsersPage } from '../../../src/slack/views/values.js';
import { buildApproval, buildHugeUsers, buildRequests, buildUsers, NOW } from './factories.js';
import { actionIdsOf, allText, blockIdsOf, buttonsOf } from './inspect.js';

const en = createTranslator('en');
const fr = createTranslator('fr-CA');

describe('approval request DM', () => {
  it('says who asks, which workspace, that only a Zoom admin can approve, with Approve/Decline/Forward', () => {
    const dm = approvalRequestDm(buildApproval({ note: 'Thanks!\nSecond line' }), en);
    const text = allText(dm);
    expect(text).toContain('<@U1> asks you to connect Zoom for the whole *Acme* workspace');
    expect(text).toContain('Only a Zoom admin (Owner or Admin role in the Zoom account) can approve');
    expect(text).toContain('>Thanks!\n>Second line');
    const buttons = buttonsOf(dm);
    expect(buttons.find((b) => b.action_id === ACTION.approveInZoom)).toMatchObject({
      url: 'https://zoom-connect.example.com/zoom/approve/tok_abc',
      value: 'req1',
    });
    expect(buttons.find((b) => b.action_id === ACTION.declineRequest)?.value).toBe('req1');
    expect(buttons.find((b) => b.action_id === ACTION.forwardRequest)?.text).toBe('Not me — forward');
    expect(JSON.stringify(dm)).toContain('"confirm"');
    expect(blockIdsOf(dm)).toContain(BLOCK.approvalActions);
    expect(dm.text).toContain('Acme');
  });

  it('marks reminders and forwards, in French too', () => {
    const reminder = approvalReminderDm(buildApproval({ forwardedBy: 'U5' }), fr);
    const text = allText(reminder);
    expect(text).toContain('Rappel');
    expect(text).toContain('<@U5> vous a transféré cette demande.');
    expect(buttonsOf(reminder).map((b) => b.text)).toEqual([
      'Approuver dans Zoom',
      'Refuser',
      'Pas moi — transférer',
    ]);
  });
});

describe('lifecycle DMs', () => {
  it('tells requester and approver of completion', () => {
    expect(
      allText(
        requestCompletedDm(
          { workspaceName: 'Acme', zoomEmail: 'z@acme.test', audience: 'requester', account: null },
          en,
        ),
      ),
    ).toContain('approved by the Zoom admin z@acme.test');
    expect(
      allText(
        requestCompletedDm(
          { workspaceName: 'Acme', zoomEmail: 'z@acme.test', audience: 'approver', account: null },
          en,
        ),
      ),
    ).toContain('Thank you!');
  });

  it('reports declined, not-a-Zoom-admin, expired and forwarded with a way forward', () => {
    const declined = requestDeclinedDm({ workspaceName: 'Acme', declinedBy: 'U9' }, en);
    expect(allText(declined)).toContain('<@U9> declined');
    expect(actionIdsOf(declined)).toContain(ACTION.connectOrg);

    const notAdmin = notZoomAdminDm({ zoomEmail: 'bob@acme.test', roleName: 'Member' }, en);
    expect(allText(notAdmin)).toContain('bob@acme.test');
    expect(allText(notAdmin)).toContain('role: Member');

    const expired = requestExpiredDm(
      { workspaceName: 'Acme', expiredAt: NOW, recipientId: 'U2', kind: 'personal' },
      en,
    );
    expect(allText(expired)).toContain('It had been sent to <@U2>.');
    expect(actionIdsOf(expired)).toContain(ACTION.connectPersonal);

    expect(allText(requestForwardedDm({ fromId: 'U2', toId: 'U3' }, en))).toContain(
      '<@U2> forwarded your Zoom request to <@U3>.',
    );
  });

  it('alerts admins with the reason and a Reconnect button', () => {
    const dm = orgConnectionAlertDm(
      {
        status: 'disconnected',
        reason: 'zoom_user_deleted',
        zoomEmail: 'z@acme.test',
        actorId: null,
        since: NOW,
        affectedMembers: 42,
      },
      en,
    );
    const text = allText(dm);
    expect(text).toContain('The Zoom user z@acme.test was deleted.');
    expect(text).toContain('Members who relied on it: 42');
    expect(buttonsOf(dm).find((b) => b.action_id === ACTION.connectOrg)?.text).toBe('Reconnect');
    const byAdmin = orgConnectionAlertDm(
      {
        status: 'disconnected',
        reason: 'admin_disconnected',
        zoomEmail: null,
        actorId: 'U4',
        since: NOW,
        affectedMembers: null,
      },
      fr,
    );
    expect(allText(byAdmin)).toContain('<@U4> l’a déconnectée.');
  });

  it('lists affected meetings for members and points to a personal connection', () => {
    const dm = affectedMeetingsDm(
      {
        hasPersonal: false,
        meetings: [
          { topic: 'Standup', startTime: NOW, joinUrl: null },
          { topic: '', startTime: null, joinUrl: null },
        ],
      },
      en,
    );
    const text = allText(dm);
    expect(text).toContain('• *Standup* — <!date^');
    expect(text).toContain('• *Zoom meeting*');
    expect(actionIdsOf(dm)).toContain(ACTION.connectPersonal);
    const many = affectedMeetingsDm(
      {
        hasPersonal: true,
        meetings: Array.from({ length: 3000 }, (_, i) => ({
          topic: `Meeting number ${i} with a long topic`,
          startTime: NOW,
          joinUrl: null,
        })),
      },
      en,
    );
    expect(allText(many)).toMatch(/…and [\d,]+ more/);
    expect(actionIdsOf(many)).toEqual([]);
  });

  it('confirms personal connect/disconnect and says what serves meanwhile', () => {
    expect(allText(personalConnectedDm({ zoomEmail: 'me@z.test', orgBackup: true }, en))).toContain('backup');
    const broken = personalDisconnectedDm(
      { zoomEmail: 'me@z.test', reason: 'needs_reconnect', orgTakesOver: true },
      en,
    );
    expect(allText(broken)).toContain('Meanwhile, the organization’s Zoom connection is used');
    expect(actionIdsOf(broken)).toContain(ACTION.connectPersonal);
    const byUser = personalDisconnectedDm(
      { zoomEmail: 'me@z.test', reason: 'by_user', orgTakesOver: false },
      en,
    );
    expect(allText(byUser)).toContain('Until you connect again');
    expect(actionIdsOf(byUser)).toEqual([]);
  });
});

describe('admin lists', () => {
  it('lists connected users with counts per filter, the filter select and paging', () => {
    const msg = connectedUsersMessage(
      buildUsers({
        total: 60,
        pageSize: 25,
        counts: {
          all: 60,
          personal: 10,
          org: 40,
          none: 10,
          needs_reconnect: 2,
          zoom_not_found: 3,
          opted_out: 1,
        },
      }),
      en,
    );
    const text = allText(msg);
    expect(text).toContain('All members: *60*');
    expect(text).toContain('No Zoom user: *3*');
    expect(text).toContain('Page 1 of 3 · 60 members');
    expect(text).toContain('<@U10000> — personal (member0@acme.test)');
    expect(actionIdsOf(msg)).toEqual(expect.arrayContaining([ACTION.usersFilter, ACTION.usersNext]));
    expect(actionIdsOf(msg)).not.toContain(ACTION.usersPrev);
  });

  it('keeps a huge users page within 50 blocks', () => {
    const msg = connectedUsersMessage(buildHugeUsers(), fr);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    expect(allText(msg)).toContain('Page 8 sur 2');
  });

  it('lists pending requests with recipient, expiry and Resend/Cancel', () => {
    const msg = requestsMessage(buildRequests(2), en);
    const text = allText(msg);
    expect(text).toContain('sent to <@U2000>');
    expect(text).toContain('link shared by hand');
    expect(text).toContain('expires <!date^');
    const buttons = buttonsOf(msg);
    expect(buttons.filter((b) => b.action_id === ACTION.resendRequest).map((b) => b.value)).toEqual([
      'req0',
      'req1',
    ]);
    expect(buttons.filter((b) => b.action_id === ACTION.cancelRequest)).toHaveLength(2);
    expect(blockIdsOf(msg)).toContain(`${REQUEST_BLOCK_PREFIX}req0`);
    expect(allText(requestsMessage(buildRequests(0), en))).toContain('No pending approval links.');
  });

  it('summarises 500 pending requests within 50 blocks', () => {
    const msg = requestsMessage(buildRequests(500), en);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    expect(allText(msg)).toContain('…and 480 more');
  });
});

describe('meetings', () => {
  const meeting = {
    topic: 'Weekly',
    joinUrl: 'https://zoom.test/j/1',
    meetingId: '123',
    hostEmail: 'ana@acme.test',
    createdBy: 'U1',
    startTime: null,
    autoStartSummary: true,
  };

  it('posts in channel with the join button and which account hosted it', () => {
    const personal = meetingMessage({ ...meeting, source: 'personal' }, en);
    expect(personal.response_type).toBe('in_channel');
    expect(allText(personal)).toContain('hosted by ana@acme.test via their personal Zoom account');
    expect(buttonsOf(personal)[0]).toMatchObject({
      action_id: ACTION.joinMeeting,
      url: 'https://zoom.test/j/1',
    });
    const org = meetingMessage({ ...meeting, source: 'org' }, en);
    expect(allText(org)).toContain('via the organization’s Zoom account');
    expect(allText(org)).toContain('The meeting summary starts automatically.');
  });

  it('explains how to fix a missing account or an unknown Zoom user', () => {
    const none = noAccountMessage({ reason: 'no_org_connection' }, en);
    expect(none.response_type).toBe('ephemeral');
    expect(allText(none)).toContain('/zoom-connect personal');
    const missing = zoomUserNotFoundMessage({ email: 'ana@slack.test' }, fr);
    expect(allText(missing)).toContain('ana@slack.test');
    expect(actionIdsOf(missing)).toContain(ACTION.connectPersonal);
  });
});

describe('help and errors', () => {
  it('has a help text for each of the five commands, in both languages', () => {
    for (const t of [en, fr]) {
      const texts = COMMANDS.map((c) => helpMessage(c, t).text);
      expect(new Set(texts).size).toBe(5);
      COMMANDS.forEach((c, i) => {
        expect(texts[i]).toContain(c);
      });
    }
    expect(helpMessage('zoom-meet', en).text).toContain('/zoom-meet');
    expect(helpMessage('/nope', en).text).toContain('Zoom commands');
  });

  it('maps codes to messages and unknown codes to the generic one, without leaking the code', () => {
    expect(errorMessage('not_admin', en).text).toBe('Only Slack workspace admins and owners can do this.');
    expect(errorMessage('zoom_not_admin', fr).text).toContain('admin Zoom');
    const unknown = errorMessage('E11000 duplicate key', en);
    expect(unknown.text).toBe(en('error.internal'));
    expect(allText(unknown)).not.toContain('E11000');
  });
});

describe('button values', () => {
  it('round-trips and rejects malformed values', () => {
    expect(parseUsersPage('org:3')).toEqual({ filter: 'org', page: 3 });
    expect(parseUsersPage('evil:3')).toBeNull();
    expect(parseUsersPage('org:-1')).toBeNull();
    expect(parseUsersPage({ filter: 'org' })).toBeNull();
    expect(parseUserFilter('zoom_not_found')).toBe('zoom_not_found');
    expect(parseUserFilter('x')).toBeNull();
    expect(parseRequestId('65f0c0ffee')).toBe('65f0c0ffee');
    expect(parseRequestId('a b')).toBeNull();
  });
});
