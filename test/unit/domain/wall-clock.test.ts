import { describe, expect, it } from 'vitest';
import {
  dateValue,
  instantOf,
  timeValue,
  usableTimeZone,
  wallClockAt,
  wallClockOf,
} from '../../../src/domain/wall-clock.js';

describe('wall clock', () => {
  it('reads an instant on a member’s clock and back, across daylight saving', () => {
    // 29 March 2026: Paris moves from UTC+1 to UTC+2 at 02:00.
    const before = wallClockAt(new Date('2026-03-29T00:30:00Z'), 'Europe/Paris');
    expect([dateValue(before), timeValue(before)]).toEqual(['2026-03-29', '01:30']);
    const after = wallClockAt(new Date('2026-03-29T01:30:00Z'), 'Europe/Paris');
    expect(timeValue(after)).toBe('03:30');
    expect(
      instantOf({ year: 2026, month: 3, day: 30, hour: 10, minute: 0 }, 'Europe/Paris').toISOString(),
    ).toBe('2026-03-30T08:00:00.000Z');
    expect(
      instantOf({ year: 2026, month: 3, day: 27, hour: 10, minute: 0 }, 'Europe/Paris').toISOString(),
    ).toBe('2026-03-27T09:00:00.000Z');
  });

  it('falls back to UTC for a missing or unknown zone', () => {
    expect(usableTimeZone(undefined)).toBe('UTC');
    expect(usableTimeZone('Not/AZone')).toBe('UTC');
    expect(usableTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(instantOf({ year: 2026, month: 1, day: 1, hour: 0, minute: 0 }, 'Not/AZone').toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
  });

  it('reads picker values, refusing what is not a real date or time', () => {
    expect(wallClockOf('2026-02-28', '09:05')).toEqual({ year: 2026, month: 2, day: 28, hour: 9, minute: 5 });
    expect(wallClockOf('2026-02-30', '09:05')).toBeNull();
    expect(wallClockOf('2026-02-28', '24:00')).toBeNull();
    expect(wallClockOf('', '09:05')).toBeNull();
  });
});
