import { describe, expect, it } from 'vitest';
import { effectiveOptOut, hintFor, resolvePrecedence } from '../../../src/domain/precedence.js';

const base = { optedOut: false, allowUserOptOut: false };

describe('resolvePrecedence (DESIGN §3.1)', () => {
  it('1. an active personal connection wins, with an active org named as backup', () => {
    const p = resolvePrecedence({ ...base, personal: { status: 'active' }, org: { status: 'active' } });
    expect(p).toEqual({
      active: 'personal',
      reason: 'personal_active',
      backup: 'org',
      personalNeedsReconnect: false,
    });
  });

  it('1. personal wins with no backup when the org connection is missing or broken', () => {
    expect(resolvePrecedence({ ...base, personal: { status: 'active' } }).backup).toBeNull();
    const broken = resolvePrecedence({
      ...base,
      personal: { status: 'active' },
      org: { status: 'needs_reconnect' },
    });
    expect(broken).toMatchObject({ active: 'personal', backup: null });
  });

  it('1. personal wins with no backup when the member effectively opted out', () => {
    const p = resolvePrecedence({
      personal: { status: 'active' },
      org: { status: 'active' },
      optedOut: true,
      allowUserOptOut: true,
    });
    expect(p).toMatchObject({ active: 'personal', backup: null });
  });

  it('2. without a personal connection the active org serves', () => {
    const p = resolvePrecedence({ ...base, org: { status: 'active' } });
    expect(p).toEqual({ active: 'org', reason: 'org_active', backup: null, personalNeedsReconnect: false });
  });

  it('2. a broken personal connection is skipped: org serves and the reason says so', () => {
    const p = resolvePrecedence({
      ...base,
      personal: { status: 'needs_reconnect' },
      org: { status: 'active' },
    });
    expect(p).toEqual({
      active: 'org',
      reason: 'personal_needs_reconnect_org_serves',
      backup: null,
      personalNeedsReconnect: true,
    });
    expect(hintFor(p)).toBe('reconnect_personal');
  });

  it('2. an opt-out does not count while the workspace does not allow it', () => {
    const p = resolvePrecedence({ org: { status: 'active' }, optedOut: true, allowUserOptOut: false });
    expect(p.active).toBe('org');
  });

  it('3. opted out while allowed → none / opted_out', () => {
    const p = resolvePrecedence({ org: { status: 'active' }, optedOut: true, allowUserOptOut: true });
    expect(p).toMatchObject({ active: 'none', reason: 'opted_out', backup: null });
    expect(hintFor(p)).toBe('opt_back_in');
  });

  it('3. no org connection → none / no_org_connection', () => {
    const p = resolvePrecedence({ ...base });
    expect(p).toMatchObject({ active: 'none', reason: 'no_org_connection' });
    expect(hintFor(p)).toBe('connect_personal_or_ask_admin');
  });

  it('3. org needs reconnecting → none / org_needs_reconnect', () => {
    const p = resolvePrecedence({ ...base, org: { status: 'needs_reconnect' } });
    expect(p).toMatchObject({ active: 'none', reason: 'org_needs_reconnect' });
    expect(hintFor(p)).toBe('ask_admin_to_reconnect');
  });

  it('3. org disconnected → none / org_disconnected', () => {
    const p = resolvePrecedence({ ...base, org: { status: 'disconnected' } });
    expect(p).toMatchObject({ active: 'none', reason: 'org_disconnected' });
  });

  it('3. broken personal and nothing else → none / personal_needs_reconnect', () => {
    const p = resolvePrecedence({ ...base, personal: { status: 'needs_reconnect' }, org: null });
    expect(p).toMatchObject({
      active: 'none',
      reason: 'personal_needs_reconnect',
      personalNeedsReconnect: true,
    });
    expect(hintFor(p)).toBe('reconnect_personal');
  });

  it('never returns two active sources: backup is only set when personal is active', () => {
    const statuses = [undefined, 'active', 'needs_reconnect'] as const;
    const orgs = [undefined, 'active', 'needs_reconnect', 'disconnected'] as const;
    for (const ps of statuses) {
      for (const os of orgs) {
        for (const optedOut of [false, true]) {
          for (const allowUserOptOut of [false, true]) {
            const p = resolvePrecedence({
              personal: ps ? { status: ps } : undefined,
              org: os ? { status: os } : undefined,
              optedOut,
              allowUserOptOut,
            });
            if (p.backup !== null) expect(p.active).toBe('personal');
            if (p.active !== 'none') expect(hintFor(p) === null || p.personalNeedsReconnect).toBe(true);
          }
        }
      }
    }
  });

  it('effectiveOptOut needs both the flag and the setting', () => {
    expect(effectiveOptOut({ optedOut: true, allowUserOptOut: true })).toBe(true);
    expect(effectiveOptOut({ optedOut: true, allowUserOptOut: false })).toBe(false);
    expect(effectiveOptOut({ optedOut: false, allowUserOptOut: true })).toBe(false);
  });
});
