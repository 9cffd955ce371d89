/**
 * The stand-in's Zoom accounts, their users and their roles. A Zoom email belongs to exactly one
 * account; user ids are derived from the email so a restarted stand-in gives the same ids.
 */
import { createHash } from 'node:crypto';
import { BUILT_IN_ROLES, customRole, type SandboxRole } from './roles.js';
import type { ParsedZoomSeed } from './seed.js';

export type UserStatus = 'active' | 'inactive' | 'pending';

export interface SandboxUser {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  type: number;
  role_name: string;
  role_id: string;
  account_id: string;
  status: UserStatus;
  timezone: string;
  created_at: string;
}

export interface SandboxAccount {
  id: string;
  name: string;
  /** Built-in roles first, then the account's custom roles. */
  roles: SandboxRole[];
}

export interface UserPatch {
  role_name?: string | undefined;
  status?: UserStatus | undefined;
}

export interface Directory {
  accounts(): SandboxAccount[];
  account(id: string): SandboxAccount | undefined;
  /** Users of every account, in seed order (an account's users keep their relative order). */
  users(): SandboxUser[];
  findUser(idOrEmail: string): SandboxUser | undefined;
  roleOf(user: SandboxUser): SandboxRole;
  findRole(accountId: string, name: string): SandboxRole | undefined;
  updateUser(email: string, patch: UserPatch): { before: SandboxUser; after: SandboxUser };
  deleteUser(email: string): SandboxUser;
  /**
   * The user leaves the account and becomes the Owner of a new account of their own (what Zoom
   * does on "disassociate": the person keeps a Zoom login, outside the company's account).
   */
  disassociateUser(email: string): { before: SandboxUser; after: SandboxUser };
}

export function userIdFor(email: string): string {
  return createHash('sha256').update(email.toLowerCase()).digest('base64url').slice(0, 22);
}

export function createDirectory(seed: ParsedZoomSeed): Directory {
  const accounts = new Map<string, SandboxAccount>();
  const usersById = new Map<string, SandboxUser>();

  const seededAccounts = [{ ...seed.account, users: seed.users }, ...seed.accounts];
  for (const account of seededAccounts) {
    accounts.set(account.id, {
      id: account.id,
      name: account.name,
      roles: [
        ...BUILT_IN_ROLES.map((role) => ({ ...role })),
        ...account.roles.map((r) => customRole(account.id, r)),
      ],
    });
  }

  function findRole(accountId: string, name: string): SandboxRole | undefined {
    return accounts.get(accountId)?.roles.find((role) => role.name === name);
  }

  for (const account of seededAccounts) {
    for (const user of account.users) {
      const id = user.id ?? userIdFor(user.email);
      usersById.set(id, {
        id,
        email: user.email.toLowerCase(),
        first_name: user.first_name,
        last_name: user.last_name,
        type: user.type,
        role_name: user.role_name,
        role_id: findRole(account.id, user.role_name)?.id ?? '2',
        account_id: account.id,
        status: user.status,
        timezone: user.timezone,
        created_at: '2024-01-01T00:00:00Z',
      });
    }
  }

  function findUser(idOrEmail: string): SandboxUser | undefined {
    const direct = usersById.get(idOrEmail);
    if (direct) return direct;
    const email = idOrEmail.toLowerCase();
    return [...usersById.values()].find((user) => user.email === email);
  }

  function requireUser(email: string): SandboxUser {
    const user = findUser(email);
    if (!user) throw new Error(`No Zoom user ${email}`);
    return user;
  }

  return {
    accounts: () => [...accounts.values()].map((account) => ({ ...account, roles: [...account.roles] })),
    account: (id) => accounts.get(id),
    users: () => [...usersById.values()],
    findUser,
    roleOf(user) {
      const role = findRole(user.account_id, user.role_name);
      // Every user's role is validated on the way in; Member is the safe reading otherwise.
      return role ?? (BUILT_IN_ROLES[2] as SandboxRole);
    },
    findRole,
    updateUser(email, patch) {
      const user = requireUser(email);
      const before = { ...user };
      if (patch.role_name !== undefined) {
        const role = findRole(user.account_id, patch.role_name);
        if (!role) throw new Error(`Account ${user.account_id} has no role ${patch.role_name}`);
        user.role_name = role.name;
        user.role_id = role.id;
      }
      if (patch.status !== undefined) user.status = patch.status;
      return { before, after: { ...user } };
    },
    deleteUser(email) {
      const user = requireUser(email);
      usersById.delete(user.id);
      return user;
    },
    disassociateUser(email) {
      const user = requireUser(email);
      const before = { ...user };
      const ownAccount = `personal-${user.id}`;
      if (!accounts.has(ownAccount)) {
        accounts.set(ownAccount, {
          id: ownAccount,
          name: `${user.first_name} ${user.last_name}`.trim() || user.email,
          roles: BUILT_IN_ROLES.map((role) => ({ ...role })),
        });
      }
      user.account_id = ownAccount;
      user.role_name = 'Owner';
      user.role_id = '0';
      return { before, after: { ...user } };
    },
  };
}
