/**
 * Zoom's roles as the stand-in models them. Every account has the built-in Owner (role id "0"),
 * Admin ("1") and Member ("2") and may define custom roles, each a list of privileges such as
 * `User:Read` or `Meeting:Edit` ("List roles" / "Get role information": `{id, name, description,
 * type, privileges[]}`, https://developers.zoom.us/docs/api/rest/other-references/privileges/).
 *
 * What a role lets through is decided by privileges, never by its name, because that is how Zoom
 * decides: "Account-level apps (apps with admin scopes) must be authorized by a user with the
 * corresponding account-level permissions. An app requesting the report:read:admin scope, for
 * example, would need the admin-level Role Permissions to view Usage reports"
 * (https://developers.zoom.us/docs/integrations/end-user-auth/). So a custom "IT Admin" role with
 * the right privileges installs the admin-managed app and makes admin calls like an Admin does.
 */
import { createHash } from 'node:crypto';

export interface SandboxRole {
  id: string;
  name: string;
  description: string;
  /** `*` stands for every privilege (the Owner and Admin roles). */
  privileges: string[];
  /** Zoom's role type; `common` for the roles of a Zoom account. */
  type: 'common';
}

const EVERY_PRIVILEGE = '*';

export const BUILT_IN_ROLES: readonly SandboxRole[] = [
  {
    id: '0',
    name: 'Owner',
    description: 'Account owner has full privileges to access and manage a Zoom account.',
    privileges: [EVERY_PRIVILEGE],
    type: 'common',
  },
  {
    id: '1',
    name: 'Admin',
    description: 'Admins have wide range privileges to access and manage a Zoom account.',
    privileges: [EVERY_PRIVILEGE],
    type: 'common',
  },
  {
    id: '2',
    name: 'Member',
    description:
      'Members have access to basic Zoom video meeting functions but no account management privileges.',
    privileges: [],
    type: 'common',
  },
];

export const BUILT_IN_ROLE_NAMES: ReadonlySet<string> = new Set(BUILT_IN_ROLES.map((role) => role.name));

/** A stable id for a custom role (Zoom's are opaque strings), so restarts give the same ids. */
export function customRoleId(accountId: string, name: string): string {
  return createHash('sha256').update(`${accountId}:${name}`).digest('base64url').slice(0, 22);
}

export function customRole(
  accountId: string,
  input: { name: string; id?: string | undefined; privileges: string[] },
): SandboxRole {
  return {
    id: input.id ?? customRoleId(accountId, input.name),
    name: input.name,
    description: '',
    privileges: [...input.privileges],
    type: 'common',
  };
}

/**
 * The role privilege an admin-level scope needs (`user:read:admin` → `User:Read`,
 * `meeting:write:meeting:admin` → `Meeting:Edit`); undefined for user-level scopes, which need none.
 */
export function privilegeForScope(scope: string): string | undefined {
  const parts = scope.split(':');
  if (parts.at(-1) !== 'admin' || parts.length < 3) return undefined;
  const [resource = '', action = ''] = parts;
  const noun = resource
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return `${noun}:${action === 'read' ? 'Read' : 'Edit'}`;
}

export function roleHasPrivilege(role: SandboxRole, privilege: string): boolean {
  return role.privileges.includes(EVERY_PRIVILEGE) || role.privileges.includes(privilege);
}

/** An account admin in Zoom's sense: a role with some account-management privilege (Member has none). */
export function isAdminRole(role: SandboxRole): boolean {
  return role.privileges.length > 0;
}

/** The privileges `scopes` need that `role` lacks (empty: the role may grant them all). */
export function missingPrivileges(role: SandboxRole, scopes: readonly string[]): string[] {
  const needed = scopes.map(privilegeForScope).filter((privilege) => privilege !== undefined);
  return [...new Set(needed)].filter((privilege) => !roleHasPrivilege(role, privilege));
}
