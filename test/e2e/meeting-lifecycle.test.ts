/**
 * Issue 14 items 1–3 end to end, over HTTP only, through the Slack and Zoom stand-ins: a scheduled
 * meeting typed in English with an invitee, the list and a confirmed Cancel (deleted in Zoom, post
 * and invitation updated, Create again offered and used), the New meeting window from the command
 * and the global shortcut, French text, a member's own Zoom user deleted and a meeting deleted in
 * Zoom (their posts updated with chat.update).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppHarness, startAppHarness } from '../support/app-harness.js';
import { connectOrg } from './reliability/support/flows.js';

let h: AppHarness;
const T = 'T_ACME';
const WAIT = 8_000;

/** The calendar date and clock time of an instant in a zone, by Intl (not by the product's code). */
function wallClock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

function dayIn(timeZone: string, offsetDays: number): string {
  return wallClock(new Date(Date.now() + offsetDays * 24 * 3600_000).toISOString(), timeZone).slice(0, 10);
}

/** The day (today + offset) in a zone, read before and after `act`: a midnight in between is not a failure. */
async function daysAround(
  timeZone: string,
  offsetDays: number,
  act: () => Promise<unknown>,
): Promise<string[]> {
  const before = dayIn(timeZone, offsetDays);
  await act();
  return [before, dayIn(timeZone, offsetDays)];
}

const meetingsNamed = (topic: string) => h.zoom.control.state().meetings.filter((m) => m.topic === topic);

beforeAll(async () => {
  h = await startAppHarness('meeting_lifecycle');
  // As manifest.yml says for /zoom-meet: Slack sends mentions as <@U…|name>.
  h.slack.setCommandEscaping({ '/zoom-meet': true });
  await connectOrg(h);
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

describe('a scheduled meeting with an invitee, listed, cancelled, created again', () => {
  it('`/zoom-meet Design sync tomorrow 10:00 45m @bob`: on Alice’s clock, posted, Bob invited', async () => {
    const alice = h.slack.user(T, 'U_ALICE');
    const bob = h.slack.user(T, 'U_BOB');
    const tomorrow = await daysAround('America/New_York', 1, () =>
      alice.command('/zoom-meet', 'Design sync tomorrow 10:00 45m @bob'),
    );
    const post = await alice.waitFor(
      () => alice.channelMessages('C_GENERAL').find((m) => m.allText.includes('Design sync')),
      WAIT,
    );
    expect(post?.allText).toContain('via the organization’s Zoom account');
    expect(post?.allText).toContain('<@U_BOB>');
    const [zoomMeeting] = meetingsNamed('Design sync');
    expect(zoomMeeting).toMatchObject({ type: 2, duration: 45, host_email: 'alice@acme.test' });
    // Alice is in New York: 10:00 tomorrow there.
    expect(tomorrow.map((day) => `${day}, 10:00`)).toContain(
      wallClock(zoomMeeting?.start_time ?? '', 'America/New_York'),
    );
    const invite = await bob.waitFor(() => bob.dms().find((m) => m.allText.includes('Design sync')), WAIT);
    expect(invite?.text).toContain('vous invite');
    expect(invite?.allText).toContain('<!date^');
    expect(invite?.links).toContain(zoomMeeting?.join_url);
  });

  it('`/zoom-meet list`, then Cancel: deleted in Zoom, post and invitation updated, Create again offered', async () => {
    const alice = h.slack.user(T, 'U_ALICE');
    const bob = h.slack.user(T, 'U_BOB');
    await alice.command('/zoom-meet', 'list');
    const list = await alice.waitFor(
      () => alice.ephemerals().find((m) => m.allText.includes('Your upcoming Zoom meetings')),
      WAIT,
    );
    expect(list?.allText).toContain('Design sync');
    await alice.click({ actionId: 'cancel_meeting', target: list?.ts });
    await alice.waitFor(() => meetingsNamed('Design sync').length === 0, WAIT);
    const post = await alice.waitFor(
      () =>
        alice
          .channelMessages('C_GENERAL')
          .find((m) => m.allText.includes('Design sync') && m.allText.includes('can no longer be joined')),
      WAIT,
    );
    expect(post?.edited).toBeDefined();
    expect(post?.allText).toContain('Cancelled by <@U_ALICE>');
    expect(post?.links).toEqual([]);
    const invite = await bob.waitFor(
      () => bob.dms().find((m) => m.allText.includes('Design sync') && m.allText.includes('Annulée')),
      WAIT,
    );
    expect(invite?.edited).toBeDefined();
    const again = await alice.waitFor(
      () => alice.dms().find((m) => m.allText.includes('Create again')),
      WAIT,
    );
    expect(again).toBeDefined();
  });

  it('Create again opens the window prefilled; submitting makes a new meeting, posted and invited', async () => {
    const alice = h.slack.user(T, 'U_ALICE');
    const bob = h.slack.user(T, 'U_BOB');
    await alice.click({ actionId: 'create_meeting_again' });
    const modal = alice.lastModal();
    expect(modal?.callbackId).toBe('zoom_new_meeting');
    expect(JSON.stringify(modal?.view)).toContain('"initial_users":["U_BOB"]');
    const invitesBefore = bob.dms().length;
    await alice.submit({ meeting_channel: { meeting_channel_pick: 'C_GENERAL' } });
    await alice.waitFor(() => meetingsNamed('Design sync').length === 1, WAIT);
    await bob.waitFor(() => bob.dms().length > invitesBefore, WAIT);
    expect(bob.dms().at(-1)?.allText).toContain('Design sync');
  });
});

describe('the New meeting window, from the command and the shortcut', () => {
  it('`/zoom-meet` alone opens it on the member’s clock; the shortcut opens it too', async () => {
    const bob = h.slack.user(T, 'U_BOB');
    const today = await daysAround('Europe/Paris', 0, () => bob.command('/zoom-meet', ''));
    const modal = bob.lastModal();
    expect(modal?.callbackId).toBe('zoom_new_meeting');
    expect(modal?.allText).toContain('Heure de début (Europe/Paris)');
    const initialDate = /"initial_date":"([\d-]+)"/.exec(JSON.stringify(modal?.view))?.[1];
    expect(today).toContain(initialDate);
    await bob.closeModal();
    await bob.shortcut('new_zoom_meeting');
    expect(bob.lastModal()?.callbackId).toBe('zoom_new_meeting');
    await bob.submit({
      meeting_topic: { meeting_topic_text: 'Revue' },
      meeting_duration: { meeting_duration_pick: '60' },
      meeting_channel: { meeting_channel_pick: 'C_GENERAL' },
    });
    await bob.waitFor(() => meetingsNamed('Revue').length === 1, WAIT);
    expect(meetingsNamed('Revue')[0]).toMatchObject({ type: 2, duration: 60 });
  });
});

describe('meetings that die in Zoom', () => {
  it('French text; then the meeting deleted in Zoom: its post says so, and who did it', async () => {
    const bob = h.slack.user(T, 'U_BOB');
    const tomorrow = await daysAround('Europe/Paris', 1, () =>
      bob.command('/zoom-meet', 'Point demain 10h 45 min'),
    );
    await bob.waitFor(() => meetingsNamed('Point').length === 1, WAIT);
    const [point] = meetingsNamed('Point');
    expect(tomorrow.map((day) => `${day}, 10:00`)).toContain(
      wallClock(point?.start_time ?? '', 'Europe/Paris'),
    );
    expect(point?.duration).toBe(45);
    await h.zoom.control.deleteMeeting(point?.id ?? 0);
    const post = await bob.waitFor(
      () =>
        bob
          .channelMessages('C_GENERAL')
          .find((m) => m.allText.includes('*Point*') && m.allText.includes('supprimée dans Zoom')),
      WAIT,
    );
    expect(post?.allText).toContain('bob@acme.test');
  });

  it('a member’s own Zoom user deleted: their meeting’s post says so; the organization connection still serves', async () => {
    const alice = h.slack.user(T, 'U_ALICE');
    const bob = h.slack.user(T, 'U_BOB');
    await h.zoom.control.deleteUser('alice@acme.test');
    const post = await alice.waitFor(
      () =>
        alice
          .channelMessages('C_GENERAL')
          .find(
            (m) => m.allText.includes('Design sync') && m.allText.includes('alice@acme.test) was deleted'),
          ),
      WAIT,
    );
    expect(post?.links).toEqual([]);
    await bob.command('/zoom-meet', 'Encore');
    await bob.waitFor(() => meetingsNamed('Encore').length === 1, WAIT);
  });

  it('shows zero Slack errors for the whole flow', () => {
    expect(h.slack.errors()).toEqual([]);
  });
});
