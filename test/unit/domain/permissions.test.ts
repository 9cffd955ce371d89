import { describe, expect, it } from 'vitest';
import { type Action, can, denialOf, isSlackAdmin } from '../../../src/domain/permissions.js';

describe('isSlackAdmin (DESIGN §2.1)', () => {
  it('is false for a plain member', () => {
    expect(isSlackAdmin({})).toBe(false);
    expect(isSlackAdmin({ isAdmin: false, isOwner: false, isPrimaryOwner: false })).toBe(false);
  });
  it.each([
    ['isAdmin', { isAdmin: true }],
    ['isOwner', { isOwner: true }],
    ['isPrimaryOwner', { isPrimaryOwner: true }],
    ['enterpriseAdmin', { enterpriseAdmin: true }],
    ['enterpriseOwner', { enterpriseOwner: true }],
  ])('is true with %s', (_flag, flags) => {
    expect(isSlackAdmin(flags)).toBe(true);
  });
  it('is false for a deleted admin', () => {
    expect(isSlackAdmin({ isAdmin: true, isPrimaryOwner: true, deleted: true })).toBe(false);
  });
});

describe('can / denialOf', () => {
  const admin = { isAdmin: true };
  const member = { isAdmin: false };
  const allow = { allowUserOptOut: true };
  const deny = { allowUserOptOut: false };
  const adminOnly: Action[] = [
    'connect_org',
    'disconnect_org',
    'preview_org_disconnect',
    'view_member_status',
    'view_connected_users',
    'view_requests',
    'manage_any_request',
    'change_settings',
    'view_audit',
  ];
  const everyone: Action[] = [
    'connect_personal',
    'disconnect_personal',
    'opt_in',
    'view_own_status',
    'view_settings',
    'create_meeting',
  ];

  it.each(adminOnly)('%s: admins yes, members no (not_admin)', (action) => {
    expect(can(action, admin, deny)).toBe(true);
    expect(denialOf(action, member, allow)).toBe('not_admin');
  });

  it.each(everyone)('%s: every member may', (action) => {
    expect(can(action, member, deny)).toBe(true);
    expect(can(action, admin, deny)).toBe(true);
  });

  it('opt_out only while the workspace allows it, for admins too', () => {
    expect(can('opt_out', member, allow)).toBe(true);
    expect(denialOf('opt_out', member, deny)).toBe('not_allowed');
    expect(denialOf('opt_out', admin, deny)).toBe('not_allowed');
  });

  it('a deleted user may do nothing', () => {
    expect(denialOf('view_own_status', { isAdmin: true, deleted: true }, allow)).toBe('deleted_user');
  });
});
