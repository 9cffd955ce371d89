import { describe, expect, it } from 'vitest';
import { canResend, effectiveStatus, linkPath } from '../../../src/domain/approval-request.js';

describe('approval request rules', () => {
  const now = new Date('2026-01-10T00:00:00Z');
  it('a pending request past expiry reads as expired', () => {
    expect(effectiveStatus({ status: 'pending', expiresAt: new Date('2026-01-09T00:00:00Z') }, now)).toBe(
      'expired',
    );
    expect(effectiveStatus({ status: 'pending', expiresAt: now }, now)).toBe('expired');
    expect(effectiveStatus({ status: 'pending', expiresAt: new Date('2026-01-11T00:00:00Z') }, now)).toBe(
      'pending',
    );
  });
  it('finished requests keep their status', () => {
    expect(effectiveStatus({ status: 'completed', expiresAt: new Date(0) }, now)).toBe('completed');
  });
  it('resend revives pending and expired only', () => {
    expect(canResend('pending')).toBe(true);
    expect(canResend('expired')).toBe(true);
    expect(canResend('completed')).toBe(false);
    expect(canResend('declined')).toBe(false);
    expect(canResend('cancelled')).toBe(false);
  });
  it('org links go to /zoom/approve, personal ones to /zoom/connect', () => {
    expect(linkPath('org')).toBe('/zoom/approve/');
    expect(linkPath('personal')).toBe('/zoom/connect/');
  });
});
