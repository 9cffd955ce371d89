/**
 * Who may call what. Two gates, in Zoom's order:
 * 1. the token's scopes: a call about another user needs the app's admin scope; without it Zoom
 *    answers 400 `{"code":4711,"message":"Invalid access token, does not contain scopes:[<scope>]."}`
 *    (the answer Zoom gives, e.g. "does not contain scopes:[user:read:list_users:admin]" in
 *    github.com/JubaerHossain/zoom-laravel/issues/15);
 * 2. the role of the user behind the token: "Admin-managed apps have admin scopes and provide
 *    admin capabilities. The user adding the app must be an account admin or owner in order to be
 *    granted admin capabilities" (developers.zoom.us/docs/internal-apps/oauth-scopes-overview/).
 *    A user whose role lacks the privilege (a demoted admin, a custom role without it) gets
 *    Zoom's error 4700, "Invalid access token, does not contain scopes. The user is not
 *    authorized" (developers.zoom.us/docs/api/errors).
 * Only these outcomes decide "admin"; no role name is looked at.
 */
import type { SandboxUser } from './directory.js';
import { privilegeForScope, roleHasPrivilege } from './roles.js';
import type { SandboxApp, ZoomWorld } from './world.js';

export interface ApiFailure {
  status: number;
  code: number;
  message: string;
  errors?: Array<{ field: string; message: string }>;
}

/** Classic scope names and the granular ones that stand for them. */
const SCOPE_ALIASES: Record<string, string[]> = {
  'user:read:admin': ['user:read:admin', 'user:read:user:admin', 'user:read:list_users:admin'],
  'user:read': ['user:read', 'user:read:user', 'user:read:admin', 'user:read:user:admin'],
  'meeting:write:admin': [
    'meeting:write:admin',
    'meeting:write:meeting:admin',
    'meeting:delete:meeting:admin',
  ],
  'meeting:write': [
    'meeting:write',
    'meeting:write:meeting',
    'meeting:delete:meeting',
    'meeting:write:admin',
    'meeting:write:meeting:admin',
    'meeting:delete:meeting:admin',
  ],
};

export function hasScope(app: SandboxApp, needed: string): boolean {
  return (SCOPE_ALIASES[needed] ?? [needed]).some((scope) => app.scopes.includes(scope));
}

function missingScope(scope: string): ApiFailure {
  return { status: 400, code: 4711, message: `Invalid access token, does not contain scopes:[${scope}].` };
}

/** Undefined when `caller` may act as an admin for `scope`; Zoom's refusal otherwise. */
export function adminRefusal(
  world: ZoomWorld,
  caller: SandboxUser,
  app: SandboxApp,
  scope: string,
): ApiFailure | undefined {
  if (!hasScope(app, scope)) return missingScope(scope);
  const privilege = privilegeForScope(scope);
  if (privilege !== undefined && !roleHasPrivilege(world.roleOf(caller), privilege)) {
    return {
      status: 400,
      code: 4700,
      message: 'Invalid access token, does not contain scopes. The user is not authorized.',
    };
  }
  return undefined;
}

/** Undefined when `caller` may act on their own data under `scope`. */
export function selfRefusal(app: SandboxApp, scope: string): ApiFailure | undefined {
  return hasScope(app, scope) ? undefined : missingScope(scope);
}

export function isSelf(caller: SandboxUser, idOrEmail: string): boolean {
  return idOrEmail === 'me' || idOrEmail === caller.id || idOrEmail.toLowerCase() === caller.email;
}

/**
 * `me`, an id or an email resolved to a user of the caller's account: self calls need the
 * user-level scope, calls about anyone else the admin scope and privilege. Another account's user
 * does not exist for the caller (404, code 1001).
 */
export function resolveUser(
  world: ZoomWorld,
  caller: SandboxUser,
  app: SandboxApp,
  idOrEmail: string,
  scopes: { self: string; admin: string },
): { ok: true; user: SandboxUser } | { ok: false; failure: ApiFailure } {
  if (isSelf(caller, idOrEmail)) {
    const refusal = selfRefusal(app, scopes.self);
    return refusal ? { ok: false, failure: refusal } : { ok: true, user: caller };
  }
  const refusal = adminRefusal(world, caller, app, scopes.admin);
  if (refusal) return { ok: false, failure: refusal };
  const target = world.findUser(idOrEmail);
  if (!target || target.account_id !== caller.account_id) {
    return { ok: false, failure: { status: 404, code: 1001, message: `User does not exist: ${idOrEmail}.` } };
  }
  return { ok: true, user: target };
}
