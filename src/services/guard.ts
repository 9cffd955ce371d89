import type { Action, PermissionSettings } from '../domain/permissions.js';
import { denialOf } from '../domain/permissions.js';
import { ServiceError } from './errors.js';

/** The directory's cached admin check (DESIGN §2.1), as the other services need it. */
export interface AdminCheck {
  isAdmin(workspaceId: string, userId: string): Promise<boolean>;
  /** Read from Slack now, not from the ≤ 5-minute cache. */
  isAdminFresh(workspaceId: string, userId: string): Promise<boolean>;
}

/**
 * Admins only. `fresh`: read the flag from Slack now — for org disconnect, handover and settings
 * changes, where a flag up to 5 minutes old is not good enough.
 */
export async function requireAdmin(
  admin: AdminCheck,
  workspaceId: string,
  userId: string,
  options: { fresh?: boolean } = {},
): Promise<void> {
  const isAdmin = options.fresh
    ? admin.isAdminFresh(workspaceId, userId)
    : admin.isAdmin(workspaceId, userId);
  if (!(await isAdmin)) {
    throw new ServiceError('not_admin', 'Only Slack workspace admins and owners can do this.', { userId });
  }
}

/** Checks `action` for `userId`; admin status is only looked up when the action needs it. */
export async function requirePermission(
  admin: AdminCheck,
  workspaceId: string,
  userId: string,
  action: Action,
  settings: PermissionSettings,
): Promise<void> {
  const adminNeeded = denialOf(action, { isAdmin: false }, settings) === 'not_admin';
  const isAdmin = adminNeeded ? await admin.isAdmin(workspaceId, userId) : false;
  const denial = denialOf(action, { isAdmin }, settings);
  if (denial === 'not_admin')
    throw new ServiceError('not_admin', 'Only Slack workspace admins and owners can do this.');
  if (denial === 'not_allowed')
    throw new ServiceError('not_allowed', 'Your workspace does not allow this.', { action });
  if (denial === 'deleted_user') throw new ServiceError('deleted_user', 'This Slack user is deactivated.');
}

const WORKSPACE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Every service method starts here: a malformed workspace key never reaches a query. */
export function checkWorkspaceId(workspaceId: string): void {
  if (typeof workspaceId !== 'string' || !WORKSPACE_ID.test(workspaceId)) {
    throw new ServiceError('invalid_input', 'The workspace id is not valid.', { field: 'workspaceId' });
  }
}

export function checkUserId(userId: string, field = 'userId'): void {
  if (typeof userId !== 'string' || !WORKSPACE_ID.test(userId)) {
    throw new ServiceError('invalid_input', 'The Slack user id is not valid.', { field });
  }
}
