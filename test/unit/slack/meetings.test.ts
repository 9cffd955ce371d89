// The meeting views (issue 14 items 1–4): texts, buttons and Slack's rules, in English and French.
import { describe, expect, it } from 'vitest';
import { validateBlockKit } from '../../../sandbox/slack/block-kit/index.js';
import { createTranslator } from '../../../src/i18n/index.js';
import type { ModalView } from '../../../src/slack/blockkit/types.js';
import { ACTION, BLOCK, CALLBACK } from '../../../src/slack/views/ids.js';
import type { EndedMeetingModel, MeetingModel, UpcomingMeetingRow } from '../../../src/slack/views/index.js';
import * as views from '../../../src/slack/views/index.js';
import { NOW } from './factories.js';
import { allText, buttonsOf } from './inspect.js';

const en = createTranslator('en');
const fr = createTranslator('fr');
const seconds = Math.floor(NOW.getTime() / 1000);

const meeting = (overrides: Partial<MeetingModel> = {}): MeetingModel => ({
  topic: 'Design sync',
  joinUrl: 'https://zoom.test/j/81234567890',
  meetingId: '81234567890',
  hostEmail: 'alice@acme.test',
  source: 'org',
  createdBy: 'U_ALICE',
  startTime: NOW,
  autoStartSummary: false,
  instant: false,
  durationMinutes: 45,
  invitees: ['U_BOB'],
  ...overrides,
});

const ended = (overrides: Partial<EndedMeetingModel> = {}): EndedMeetingModel => ({
  topic: 'Design sync',
  reason: 'cancelled',
  endedBy: 'U_ALICE',
  hostEmail: 'alice@acme.test',
  startTime: NOW,
  instant: false,
  source: 'org',
  createdBy: 'U_ALICE',
  meetingId: '81234567890',
  ...overrides,
});

const row = (overrides: Partial<UpcomingMeetingRow> = {}): UpcomingMeetingRow => ({
  meetingId: '81234567890',
  topic: 'Design sync',
  startTime: NOW,
  instant: false,
  durationMinutes: 90,
  source: 'personal',
  hostEmail: 'alice@home.test',
  joinUrl: 'https://zoom.test/j/81234567890',
  invitees: 1,
  ...overrides,
});

function input(view: ModalView, blockId: string) {
  return view.blocks.find((b) => 'block_id' in b && b.block_id === blockId) as
    | { element: Record<string, unknown>; label: { text: string }; optional?: boolean }
    | undefined;
}

describe('meeting posts and invitations', () => {
  it('the post says who made it, which account hosts it, when (reader’s clock), how long, who is invited', () => {
    const post = views.meetingMessage(meeting(), en);
    const text = allText(post);
    expect(text).toContain('hosted by alice@acme.test via the organization’s Zoom account');
    expect(text).toContain(`<!date^${seconds}^`);
    expect(text).toContain('Duration: 45 min');
    expect(text).toContain('Invited: <@U_BOB>');
    expect(buttonsOf(post)).toEqual([
      { action_id: ACTION.joinMeeting, text: 'Join meeting', url: 'https://zoom.test/j/81234567890' },
    ]);
    expect(allText(views.meetingMessage(meeting({ source: 'personal' }), en))).toContain(
      'via their personal Zoom account',
    );
  });

  it('an instant meeting says it started now, with no planned time', () => {
    const text = allText(views.meetingMessage(meeting({ instant: true }), en));
    expect(text).toContain('Started now');
    expect(text).not.toContain('<!date^');
  });

  it('an invitation names who invites and carries the link; in French too', () => {
    const dm = views.meetingInviteDm(meeting(), fr);
    expect(dm.text).toBe('<@U_ALICE> vous invite à une réunion Zoom\u00a0: Design sync');
    expect(allText(dm)).toContain('Durée\u00a0: 45 min');
    expect(buttonsOf(dm).map((b) => b.url)).toEqual(['https://zoom.test/j/81234567890']);
  });

  it('lengths read as people write them', () => {
    expect(views.meetingLength(45, en)).toBe('45 min');
    expect(views.meetingLength(60, en)).toBe('1 h');
    expect(views.meetingLength(90, en)).toBe('1 h 30 min');
    expect(views.meetingLength(90, fr)).toBe('1 h 30');
  });
});

describe('an ended meeting', () => {
  it('its post loses the Join button and says why, for every reason', () => {
    const cases: Array<[Partial<EndedMeetingModel>, string]> = [
      [{ reason: 'cancelled' }, 'Cancelled by <@U_ALICE>.'],
      [{ reason: 'deleted_in_zoom', endedBy: null }, 'It was deleted in Zoom.'],
      [
        { reason: 'deleted_in_zoom', endedBy: 'owner@acme.test' },
        'It was deleted in Zoom by owner@acme.test.',
      ],
      [{ reason: 'host_deleted' }, 'Its host’s Zoom user (alice@acme.test) was deleted'],
      [{ reason: 'host_deactivated' }, 'was deactivated: nobody can start it'],
    ];
    for (const [overrides, expected] of cases) {
      const post = views.meetingEndedMessage(ended(overrides), en);
      expect(allText(post)).toContain(expected);
      expect(allText(post)).toContain('*Design sync* can no longer be joined');
      expect(buttonsOf(post)).toEqual([]);
    }
    expect(allText(views.meetingEndedMessage(ended(), fr))).toContain('Annulée par <@U_ALICE>.');
  });

  it('the host is offered Create again, carrying the meeting id', () => {
    const dm = views.meetingEndedHostDm(ended({ reason: 'host_deleted' }), en);
    expect(buttonsOf(dm)).toEqual([
      { action_id: ACTION.createAgain, text: 'Create again', value: '81234567890' },
    ]);
    expect(allText(dm)).toContain('with the Zoom account that serves you now');
  });

  it('a Zoom operator’s email is shown escaped, never as a mention or a link', () => {
    const text = allText(
      views.meetingEndedMessage(ended({ reason: 'deleted_in_zoom', endedBy: '<!channel>' }), en),
    );
    expect(text).toContain('&lt;!channel&gt;');
  });
});

describe('the list and Cancel', () => {
  it('shows time, account, length and link, with Cancel behind a confirmation', () => {
    const list = views.meetingListMessage({ meetings: [row()], total: 1 }, en);
    const text = allText(list);
    expect(text).toContain('Your upcoming Zoom meetings');
    expect(text).toContain('personal account (alice@home.test)');
    expect(text).toContain('<https://zoom.test/j/81234567890|Join>');
    expect(text).toContain('1 h 30 min');
    const [cancel] = buttonsOf(list);
    expect(cancel).toMatchObject({
      action_id: ACTION.cancelMeeting,
      value: '81234567890',
      text: 'Cancel meeting',
    });
    const block = list.blocks[1] as { accessory?: { confirm?: { title: { text: string } } } };
    expect(block.accessory?.confirm?.title.text).toBe('Cancel this meeting?');
  });

  it('says so when there is nothing, and how many more when the list is long', () => {
    expect(allText(views.meetingListMessage({ meetings: [], total: 0 }, en))).toContain(
      'no upcoming meetings',
    );
    const many = views.meetingListMessage({ meetings: [row(), row({ meetingId: '2' })], total: 50 }, en);
    expect(allText(many)).toContain('and 48 more');
  });

  it('an organization meeting names the member’s own Zoom user as its host', () => {
    expect(allText(views.meetingListMessage({ meetings: [row({ source: 'org' })], total: 1 }, en))).toContain(
      'organization account, hosted by alice@home.test',
    );
  });

  it('each cancel outcome has its own words', () => {
    expect(views.cancelOutcomeMessage('cancelled', 'X', en).text).toContain('*X* is cancelled');
    expect(views.cancelOutcomeMessage('no_account', 'X', en).text).toContain('Delete it in Zoom');
    expect(views.cancelOutcomeMessage('not_found', null, fr).text).toContain('n’est pas l’une des vôtres');
  });
});

describe('the New meeting window', () => {
  const view = views.newMeetingModal(
    {
      date: '2026-03-03',
      time: '10:00',
      timeZone: 'Europe/Paris',
      host: { source: 'org', zoomEmail: 'alice@acme.test' },
      invitees: ['U_BOB'],
      durationMinutes: 45,
    },
    en,
  );

  it('has topic, date and time on the member’s clock, duration, invitees, where to post', () => {
    expect(view.callback_id).toBe(CALLBACK.newMeeting);
    expect(input(view, BLOCK.meetingDate)?.element).toMatchObject({
      type: 'datepicker',
      initial_date: '2026-03-03',
    });
    expect(input(view, BLOCK.meetingTime)?.element).toMatchObject({
      type: 'timepicker',
      initial_time: '10:00',
    });
    expect(input(view, BLOCK.meetingTime)?.label.text).toBe('Start time (Europe/Paris)');
    expect(input(view, BLOCK.meetingDuration)?.element).toMatchObject({
      type: 'static_select',
      initial_option: { value: '45' },
    });
    expect(input(view, BLOCK.meetingInvitees)?.element).toMatchObject({
      type: 'multi_users_select',
      initial_users: ['U_BOB'],
    });
    expect(input(view, BLOCK.meetingInvitees)?.optional).toBe(true);
    expect(input(view, BLOCK.meetingChannel)?.element).toMatchObject({
      type: 'conversations_select',
      default_to_current_conversation: true,
    });
  });

  it('says which account hosts it and that waiting room and passcode are Zoom’s defaults', () => {
    const text = allText(view);
    expect(text).toContain('Hosted by your own Zoom user (alice@acme.test)');
    expect(text).toContain(
      'Waiting room, passcode and the other meeting settings are your organization’s Zoom defaults',
    );
    const personal = views.newMeetingModal({ host: { source: 'personal', zoomEmail: 'a@home.test' } }, fr);
    expect(allText(personal)).toContain('compte Zoom personnel (a@home.test)');
  });

  it('a length not in the list (Create again of a 50-minute meeting) is offered and chosen', () => {
    const again = views.newMeetingModal({ durationMinutes: 50 }, en);
    expect(input(again, BLOCK.meetingDuration)?.element).toMatchObject({ initial_option: { value: '50' } });
  });
});

describe('text that could not be read', () => {
  it('names the part and shows how to write it', () => {
    const reply = views.meetingUnreadableMessage({ part: '25:00', problem: 'time' }, en);
    expect(reply.response_type).toBe('ephemeral');
    expect(allText(reply)).toContain('“25:00” could not be read as a date or time');
    expect(allText(reply)).toContain('/zoom-meet Topic tomorrow 10:00 45m @someone');
    expect(allText(views.meetingUnreadableMessage({ part: '@zed', problem: 'invitee' }, fr))).toContain(
      'personne ne s’appelle @zed',
    );
  });
});

describe('connection loss, honestly', () => {
  const keep = {
    topic: 'Stays',
    startTime: NOW,
    joinUrl: 'https://zoom.test/j/1',
    endReason: null,
    slackUserId: 'U_ALICE',
  };
  const dead = {
    topic: 'Gone',
    startTime: NOW,
    joinUrl: 'https://zoom.test/j/2',
    endReason: 'host_deleted' as const,
    hostEmail: 'zoe@acme.test',
    slackUserId: 'U_ZOE',
  };

  it('members hear which meetings keep working (with links) and which are dead and why', () => {
    const dm = views.affectedMeetingsDm({ meetings: [keep, dead], hasPersonal: false }, en);
    const text = allText(dm);
    expect(text).toContain('hosted by your own Zoom user');
    expect(text).toContain('*Still working*');
    expect(text).toContain('<https://zoom.test/j/1|Join>');
    expect(text).toContain('Its host’s Zoom user (zoe@acme.test) was deleted');
    expect(text).not.toContain('may need to be created again');
  });

  it('admins hear who did it, how many relied on it, the last check, and the meetings', () => {
    const dm = views.orgConnectionAlertDm(
      {
        status: 'disconnected',
        reason: 'zoom_user_deleted',
        zoomEmail: 'zoe@acme.test',
        actorId: null,
        since: NOW,
        affectedMembers: 12,
        zoomOperator: 'owner@acme.test',
        lastCheckedAt: NOW,
        meetings: { keepWorking: [keep], ended: [dead] },
      },
      en,
    );
    const text = allText(dm);
    expect(text).toContain('Done in Zoom by owner@acme.test.');
    expect(text).toContain('Members who relied on it: 12');
    expect(text).toContain('Last checked:');
    expect(text).toContain('1 upcoming meeting made through it keeps working.');
    expect(text).toContain('1 can no longer be joined');
    expect(text).toContain('<@U_ALICE>');
    expect(text).not.toContain('unknown');
  });

  it('the disconnect preview lists the meetings that keep working, with links, and the last check', () => {
    const view = views.disconnectModal(
      {
        isAdmin: true,
        personal: { status: 'none', zoomEmail: null },
        org: { status: 'active', zoomEmail: 'zoe@acme.test' },
        optOut: { allowed: false, optedOut: false },
        selected: 'org',
        impact: { members: 3, upcomingMeetings: 4, meetings: [keep], lastCheckedAt: null },
      },
      en,
    );
    const text = allText(view);
    expect(text).toContain('they keep working');
    expect(text).toContain('<https://zoom.test/j/1|Join>');
    expect(text).toContain('and 3 more');
    expect(text).toContain('Last checked: not yet');
  });
});

describe('Slack’s Block Kit rules', () => {
  const cases: Array<[string, 'message' | 'modal', unknown]> = [
    ['post', 'message', views.meetingMessage(meeting(), en)],
    ['invite', 'message', views.meetingInviteDm(meeting(), fr)],
    ['host copy', 'message', views.meetingHostCopyDm(meeting(), en)],
    ['ended', 'message', views.meetingEndedMessage(ended(), en)],
    ['ended host', 'message', views.meetingEndedHostDm(ended(), fr)],
    [
      'list',
      'message',
      views.meetingListMessage(
        { meetings: Array.from({ length: 60 }, (_, i) => row({ meetingId: String(i + 1) })), total: 60 },
        en,
      ),
    ],
    ['unreadable', 'message', views.meetingUnreadableMessage({ part: 'x'.repeat(500), problem: 'time' }, en)],
    [
      'modal',
      'modal',
      views.newMeetingModal(
        { topic: 'y'.repeat(500), invitees: Array.from({ length: 40 }, (_, i) => `U${i}`) },
        fr,
      ),
    ],
  ];
  it.each(cases)('%s is valid', (_name, surface, payload) => {
    expect(validateBlockKit(surface, payload)).toEqual([]);
  });
});
