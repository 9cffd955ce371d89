/**
 * Who may do what (DESIGN §2.1). Pure: the caller supplies the Slack profile flags and settings.
 */

export interface SlackAdminFlags {
  deleted?: boolean | undefined;
  isAdmin?: boolean | undefined;
  isOwner?: boolean | undefined;
  isPrimaryOwner?: boolean | undefined;
  /** Enterprise Grid: `enterprise_user.is_admin` / `is_owner`. */
  enterpriseAdmin?: boolean | undefined;
  enterpriseOwner?: boolean | undefined;
}

/** "Admin" = not deleted and workspace admin/owner/primary owner, or Grid org admin/owner. */
export function isSlackAdmin(profile: SlackAdminFlags): boolean {
  if (profile.deleted === true) return false;
  return (
    profile.isAdmin === true ||
    profile.isOwner === true ||
    profile.isPrimaryOwner === true ||
    profile.enterpriseAdmin === true ||
    profile.enterpriseOwner === true
  );
}

export type Action =
  | 'connect_org'
  | 'connect_personal'
  | 'disconnect_org'
  | 'preview_org_disconnect'
  | 'disconnect_personal'
  | 'opt_out'
  | 'opt_in'
  | 'view_own_status'
  | 'view_member_status'
  | 'view_connected_users'
  | 'view_requests'
  | 'manage_any_request'
  | 'change_settings'
  | 'view_settings'
  | 'view_audit'
  | 'create_meeting';

export interface Actor {
  isAdmin: boolean;
  deleted?: boolean | undefined;
}

export interface PermissionSettings {
  allowUserOptOut: boolean;
}

export type Denial = 'not_admin' | 'not_allowed' | 'deleted_user';

const ADMIN_ONLY: ReadonlySet<Action> = new Set<Action>([
  'connect_org',
  'disconnect_org',
  'preview_org_disconnect',
  'view_member_status',
  'view_connected_users',
  'view_requests',
  'manage_any_request',
  'change_settings',
  'view_audit',
]);

/** Why `actor` may not do `action`, or null when allowed. */
export function denialOf(action: Action, actor: Actor, settings: PermissionSettings): Denial | null {
  if (actor.deleted === true) return 'deleted_user';
  if (ADMIN_ONLY.has(action)) return actor.isAdmin ? null : 'not_admin';
  // Opting out only exists while the workspace allows it; opting back in is always possible
  // (a stale flag must never lock a member out of the organization connection).
  if (action === 'opt_out') return settings.allowUserOptOut ? null : 'not_allowed';
  return null;
}

export function can(action: Action, actor: Actor, settings: PermissionSettings): boolean {
  return denialOf(action, actor, settings) === null;
}
