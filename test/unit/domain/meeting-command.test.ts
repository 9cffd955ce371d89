import { describe, expect, it } from 'vitest';
import {
  type MeetCommand,
  parseMeetCommand,
  unescapeSlackText,
} from '../../../src/domain/meeting-command.js';
import { readDuration, trailingDuration } from '../../../src/domain/meeting-duration.js';

// Monday 2 March 2026, 09:00 UTC = 10:00 in Paris, 04:00 in New York.
const NOW = new Date('2026-03-02T09:00:00Z');
const paris = { now: NOW, timeZone: 'Europe/Paris', language: 'fr' as const };
const newYork = { now: NOW, timeZone: 'America/New_York', language: 'en' as const };

function meeting(command: MeetCommand) {
  if (command.kind !== 'meeting') throw new Error(`expected a meeting, got ${JSON.stringify(command)}`);
  return command;
}

describe('parseMeetCommand: what was asked', () => {
  it('no text opens the modal; list (or liste) lists', () => {
    expect(parseMeetCommand('  ', newYork)).toEqual({ kind: 'modal' });
    expect(parseMeetCommand('list', newYork)).toEqual({ kind: 'list' });
    expect(parseMeetCommand('Liste', paris)).toEqual({ kind: 'list' });
  });

  it('a topic alone is an instant meeting', () => {
    expect(parseMeetCommand('Weekly sync', newYork)).toEqual({
      kind: 'meeting',
      topic: 'Weekly sync',
      start: null,
      durationMinutes: null,
      invitees: [],
    });
  });

  it('English: topic, tomorrow 10:00 on the member’s clock, 45m, @bob', () => {
    const m = meeting(parseMeetCommand('Weekly sync tomorrow 10:00 45m @bob', newYork));
    expect(m.topic).toBe('Weekly sync');
    // 10:00 in New York (UTC-5 in March before the switch) is 15:00 UTC.
    expect(m.start?.toISOString()).toBe('2026-03-03T15:00:00.000Z');
    expect(m.durationMinutes).toBe(45);
    expect(m.invitees).toEqual([{ kind: 'handle', handle: 'bob' }]);
  });

  it('French: demain 10h 45 min (10h is the time, 45 min the length)', () => {
    const m = meeting(parseMeetCommand('Point demain 10h 45 min', paris));
    expect(m.topic).toBe('Point');
    expect(m.start?.toISOString()).toBe('2026-03-03T09:00:00.000Z');
    expect(m.durationMinutes).toBe(45);
  });

  it('French: lundi 14:30 1h (1h after a time is a length)', () => {
    const m = meeting(parseMeetCommand('Revue lundi 14:30 1h', paris));
    expect(m.topic).toBe('Revue');
    // Today is Monday 10:00 in Paris: 14:30 today is still ahead.
    expect(m.start?.toISOString()).toBe('2026-03-02T13:30:00.000Z');
    expect(m.durationMinutes).toBe(60);
  });

  it('French: demain 10h alone is a time, with no length', () => {
    const m = meeting(parseMeetCommand('Point demain 10h', paris));
    expect(m.start?.toISOString()).toBe('2026-03-03T09:00:00.000Z');
    expect(m.durationMinutes).toBeNull();
  });

  it('reads escaped mentions (should_escape) and keeps each invitee once', () => {
    const m = meeting(
      parseMeetCommand('Demo next friday at 3pm 1h30 <@U_BOB|bob> <@U_CAROL> <@U_BOB|bob>', newYork),
    );
    expect(m.topic).toBe('Demo');
    expect(m.durationMinutes).toBe(90);
    expect(m.invitees).toEqual([
      { kind: 'id', userId: 'U_BOB' },
      { kind: 'id', userId: 'U_CAROL' },
    ]);
  });

  it('a length without a time: an instant meeting of that length', () => {
    const m = meeting(parseMeetCommand('Retro 30 min', newYork));
    expect(m).toMatchObject({ topic: 'Retro', start: null, durationMinutes: 30 });
    expect(meeting(parseMeetCommand('Retro 1h', paris))).toMatchObject({ start: null, durationMinutes: 60 });
  });

  it('a date-like word inside the topic stays in the topic; a quoted topic is never read', () => {
    expect(meeting(parseMeetCommand('Plan the 2nd release', newYork)).start).toBeNull();
    const quoted = meeting(parseMeetCommand('"Friday review" tomorrow 9:00', newYork));
    expect(quoted.topic).toBe('Friday review');
    expect(quoted.start?.toISOString()).toBe('2026-03-03T14:00:00.000Z');
  });

  it('undoes Slack escaping in the topic', () => {
    expect(meeting(parseMeetCommand('Q&amp;A in <#C1|general> 10m', newYork)).topic).toBe('Q&A in #general');
    expect(unescapeSlackText('<https://x.test|the doc> &lt;b&gt; <!here>')).toBe('the doc <b> @here');
  });
});

describe('parseMeetCommand: what could not be read is named', () => {
  it('a time that is not one', () => {
    expect(parseMeetCommand('Sync tomorrow 25:00', newYork)).toEqual({
      kind: 'unreadable',
      part: '25:00',
      problem: 'time',
    });
    expect(parseMeetCommand('Sync 99:99', newYork)).toMatchObject({ part: '99:99', problem: 'time' });
  });

  it('a day without a time', () => {
    expect(parseMeetCommand('Sync tomorrow', newYork)).toEqual({
      kind: 'unreadable',
      part: 'tomorrow',
      problem: 'no_time',
    });
  });

  it('a time already gone', () => {
    expect(parseMeetCommand('Sync yesterday 10:00', newYork)).toMatchObject({ problem: 'past' });
  });

  it('a length of zero or over a day', () => {
    expect(parseMeetCommand('Sync tomorrow 10:00 0m', newYork)).toEqual({
      kind: 'unreadable',
      part: '0m',
      problem: 'duration',
    });
    expect(parseMeetCommand('Sync tomorrow 10:00 2000 min', newYork)).toMatchObject({ problem: 'duration' });
  });
});

describe('duration reader', () => {
  it('reads English and French lengths', () => {
    expect(readDuration('45m')).toEqual({ minutes: 45, hourForm: false });
    expect(readDuration('90 minutes')).toEqual({ minutes: 90, hourForm: false });
    expect(readDuration('1h')).toEqual({ minutes: 60, hourForm: true });
    expect(readDuration('1h30')).toEqual({ minutes: 90, hourForm: true });
    expect(readDuration('1 h 30 min')).toEqual({ minutes: 90, hourForm: false });
    expect(readDuration('2 heures')).toEqual({ minutes: 120, hourForm: true });
    expect(readDuration('1h75')).toBeNull();
    expect(readDuration('soon')).toBeNull();
  });

  it('finds a length only at the end, as a whole token', () => {
    expect(trailingDuration('Sync 10:00 45m')).toMatchObject({ text: '45m', minutes: 45 });
    expect(trailingDuration('Room 45m2')).toBeNull();
    expect(trailingDuration('Team45m')).toBeNull();
  });
});
