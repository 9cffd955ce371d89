/**
 * The Zoom stand-in's in-memory world: the accounts with their users and roles (directory.ts),
 * apps, authorization codes, grants and tokens, meetings (meetings.ts). Pure state transitions
 * with Zoom's rules (DESIGN §2.4); HTTP lives in the route files.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  createDirectory,
  type SandboxAccount,
  type SandboxUser,
  type UserPatch,
  type UserStatus,
} from './directory.js';
import { createMeetingBook, type MeetingInput, type SandboxMeeting } from './meetings.js';
import { missingPrivileges, type SandboxRole } from './roles.js';
import type { ParsedZoomSeed } from './seed.js';

export type { SandboxAccount, SandboxMeeting, SandboxUser, UserStatus };

export interface SandboxApp {
  name: string;
  kind: 'admin' | 'user';
  client_id: string;
  client_secret: string;
  webhook_secret: string;
  redirect_uris: string[];
  scopes: string[];
}

interface CodeRecord {
  clientId: string;
  userId: string;
  redirectUri: string;
  codeChallenge?: string | undefined;
  codeChallengeMethod?: string | undefined;
  expiresAt: number;
  used: boolean;
}

export interface Grant {
  id: string;
  clientId: string;
  userId: string;
  email: string;
  /** The user's account when they authorized: an admin-managed app is installed in that account. */
  accountId: string;
  scope: string;
  createdAt: string;
  revokedAt?: string | undefined;
  revokedReason?: string | undefined;
  refreshToken: string;
  refreshCount: number;
}

interface AccessRecord {
  grantId: string;
  expiresAt: number;
}

export type OAuthOutcome =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; status: number; body: { reason: string; error: string } };

export type ConsentOutcome = { location: string } | { refused: string };

export const ADMIN_REQUIRED = 'An account admin is required to install this type of app';
export const ACCESS_TOKEN_TTL_S = 3599;
const CODE_TTL_MS = 5 * 60 * 1000;

const DEFAULT_SCOPES: Record<SandboxApp['kind'], string[]> = {
  admin: ['user:read:admin', 'meeting:write:admin'],
  user: ['user:read', 'meeting:write'],
};

function token(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

function isLoopbackUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(url.hostname)
    );
  } catch {
    return false;
  }
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function fail(status: number, reason: string, error: string): OAuthOutcome {
  return { ok: false, status, body: { reason, error } };
}

export type AuthorizeCheck =
  | {
      ok: true;
      app: SandboxApp;
      redirectUri: string;
      state: string | undefined;
      codeChallenge: string | undefined;
      codeChallengeMethod: string | undefined;
    }
  | { ok: false; message: string };

export interface GrantFilter {
  email?: string;
  clientId?: string;
  accountId?: string;
}

export interface ZoomWorld {
  /** The first account's id. */
  readonly accountId: string;
  setBaseUrl(url: string): void;
  baseUrl(): string;
  accounts(): SandboxAccount[];
  users(): SandboxUser[];
  findUser(idOrEmail: string): SandboxUser | undefined;
  roleOf(user: SandboxUser): SandboxRole;
  findRole(accountId: string, name: string): SandboxRole | undefined;
  updateUser(email: string, patch: UserPatch): { before: SandboxUser; after: SandboxUser };
  /** Deletes the user, their grants and the meetings they host. */
  deleteUser(email: string): SandboxUser;
  /** The user leaves their account: grants of admin-managed apps die (their admin access went with it). */
  disassociateUser(email: string): { before: SandboxUser; after: SandboxUser };
  apps(): SandboxApp[];
  app(clientId: string): SandboxApp | undefined;
  /**
   * The app authenticated by the `Authorization: Basic` header or, as Zoom also accepts, by
   * `client_id` + `client_secret` request parameters; undefined when neither checks out.
   */
  authenticateClient(header: string | undefined, params?: URLSearchParams): SandboxApp | undefined;
  checkAuthorize(params: URLSearchParams): AuthorizeCheck;
  consent(params: URLSearchParams, email: string): ConsentOutcome;
  token(app: SandboxApp, form: URLSearchParams): OAuthOutcome;
  revoke(app: SandboxApp, tokenValue: string): OAuthOutcome;
  /** The grant behind a Bearer token, when the token is live. */
  authenticateBearer(
    header: string | undefined,
  ): { grant: Grant; user: SandboxUser; app: SandboxApp } | undefined;
  createMeeting(
    host: SandboxUser,
    app: SandboxApp,
    input: MeetingInput,
  ): { ok: true; meeting: SandboxMeeting } | { ok: false; retryAfterS: number };
  findMeeting(id: number): SandboxMeeting | undefined;
  deleteMeeting(id: number): SandboxMeeting | undefined;
  expireAccessTokens(email?: string): number;
  revokeGrants(filter: GrantFilter, reason: string): Grant[];
  activeGrants(): Grant[];
  /** Counts a request that reached the token (or revoke) endpoint, faulted or not. */
  countRequest(kind: string): void;
  tokenRequests(): Record<string, number>;
  snapshot(): WorldSnapshot;
}

export interface WorldSnapshot {
  /** The first account (kept for callers written before there were several). */
  account: { id: string; name: string };
  accounts: SandboxAccount[];
  users: SandboxUser[];
  apps: Array<{ client_id: string; kind: string; name: string; scopes: string[] }>;
  grants: Array<Omit<Grant, 'refreshToken'> & { active: boolean }>;
  token_requests: Record<string, number>;
  meetings: SandboxMeeting[];
}

export function createZoomWorld(seed: ParsedZoomSeed, clock: () => Date): ZoomWorld {
  let base = 'http://127.0.0.1';
  const directory = createDirectory(seed);
  const meetings = createMeetingBook({ clock, dailyLimit: seed.meeting_daily_limit });
  const apps = new Map<string, SandboxApp>();
  const codes = new Map<string, CodeRecord>();
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, AccessRecord>();
  const counters: Record<string, number> = { authorization_code: 0, refresh_token: 0, other: 0, revoke: 0 };
  const now = () => clock().getTime();
  const iso = () =>
    clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');

  for (const app of seed.apps) {
    apps.set(app.client_id, { ...app, scopes: app.scopes ?? DEFAULT_SCOPES[app.kind] });
  }

  function requireUser(email: string): SandboxUser {
    const user = directory.findUser(email);
    if (!user) throw new Error(`No Zoom user ${email}`);
    return user;
  }

  function grantLive(grant: Grant): boolean {
    return grant.revokedAt === undefined;
  }

  function revokeGrant(grant: Grant, reason: string): void {
    if (!grantLive(grant)) return;
    grant.revokedAt = iso();
    grant.revokedReason = reason;
    for (const [value, record] of accessTokens) if (record.grantId === grant.id) accessTokens.delete(value);
  }

  function revokeGrants(filter: GrantFilter, reason: string): Grant[] {
    const userId = filter.email === undefined ? undefined : directory.findUser(filter.email)?.id;
    if (filter.email !== undefined && userId === undefined) return [];
    const hit = [...grants.values()].filter(
      (grant) =>
        grantLive(grant) &&
        (userId === undefined || grant.userId === userId) &&
        (filter.clientId === undefined || grant.clientId === filter.clientId) &&
        (filter.accountId === undefined || grant.accountId === filter.accountId),
    );
    for (const grant of hit) revokeGrant(grant, reason);
    return hit;
  }

  function issue(grant: Grant, app: SandboxApp): Record<string, unknown> {
    const access = token('zat');
    accessTokens.set(access, { grantId: grant.id, expiresAt: now() + ACCESS_TOKEN_TTL_S * 1000 });
    grant.refreshToken = token('zrt');
    return {
      access_token: access,
      token_type: 'bearer',
      refresh_token: grant.refreshToken,
      expires_in: ACCESS_TOKEN_TTL_S,
      scope: app.scopes.join(' '),
      api_url: base,
    };
  }

  function checkAuthorize(params: URLSearchParams): AuthorizeCheck {
    if (params.get('response_type') !== 'code')
      return { ok: false, message: 'Invalid response_type: expected code' };
    const app = apps.get(params.get('client_id') ?? '');
    if (!app) return { ok: false, message: 'Invalid client_id' };
    const redirectUri = params.get('redirect_uri') ?? '';
    const allowed =
      app.redirect_uris.length > 0 ? app.redirect_uris.includes(redirectUri) : isLoopbackUri(redirectUri);
    if (!allowed) return { ok: false, message: `Invalid redirect: ${redirectUri || '(none)'} (4,700)` };
    const codeChallenge = params.get('code_challenge') ?? undefined;
    const codeChallengeMethod = params.get('code_challenge_method') ?? (codeChallenge ? 'plain' : undefined);
    if (codeChallengeMethod !== undefined && !['S256', 'plain'].includes(codeChallengeMethod)) {
      return { ok: false, message: 'Invalid code_challenge_method' };
    }
    return {
      ok: true,
      app,
      redirectUri,
      state: params.get('state') ?? undefined,
      codeChallenge,
      codeChallengeMethod,
    };
  }

  function exchangeCode(app: SandboxApp, form: URLSearchParams): OAuthOutcome {
    const record = codes.get(form.get('code') ?? '');
    if (!record || record.used || record.clientId !== app.client_id || record.expiresAt <= now()) {
      return fail(400, 'Invalid authorization code', 'invalid_grant');
    }
    // Single use, even when the rest of the request turns out to be wrong.
    record.used = true;
    if ((form.get('redirect_uri') ?? '') !== record.redirectUri) {
      return fail(400, 'Redirect URI mismatch.', 'invalid_request');
    }
    if (record.codeChallenge !== undefined) {
      const verifier = form.get('code_verifier') ?? '';
      const expected = record.codeChallengeMethod === 'S256' ? s256(verifier) : verifier;
      if (!verifier || expected !== record.codeChallenge) {
        return fail(400, 'Invalid code_verifier', 'invalid_grant');
      }
    }
    const user = directory.findUser(record.userId);
    if (!user) return fail(400, 'Invalid authorization code', 'invalid_grant');
    // A new authorization by the same user of the same app invalidates the earlier ones.
    for (const grant of grants.values()) {
      if (grant.clientId === app.client_id && grant.userId === user.id) revokeGrant(grant, 'superseded');
    }
    const grant: Grant = {
      id: randomBytes(8).toString('hex'),
      clientId: app.client_id,
      userId: user.id,
      email: user.email,
      accountId: user.account_id,
      scope: app.scopes.join(' '),
      createdAt: iso(),
      refreshToken: '',
      refreshCount: 0,
    };
    grants.set(grant.id, grant);
    return { ok: true, body: issue(grant, app) };
  }

  function refresh(app: SandboxApp, form: URLSearchParams): OAuthOutcome {
    const presented = form.get('refresh_token') ?? '';
    const grant = [...grants.values()].find((candidate) => candidate.refreshToken === presented);
    // Rotated-away, revoked, unknown or another app's token: all the same answer at Zoom.
    if (!presented || !grant || !grantLive(grant) || grant.clientId !== app.client_id) {
      return fail(400, 'Invalid Token!', 'invalid_grant');
    }
    grant.refreshCount += 1;
    return { ok: true, body: issue(grant, app) };
  }

  return {
    accountId: seed.account.id,
    setBaseUrl(url) {
      base = url;
    },
    baseUrl: () => base,
    accounts: () => directory.accounts(),
    users: () => directory.users(),
    findUser: (idOrEmail) => directory.findUser(idOrEmail),
    roleOf: (user) => directory.roleOf(user),
    findRole: (accountId, name) => directory.findRole(accountId, name),
    updateUser: (email, patch) => directory.updateUser(email, patch),
    deleteUser(email) {
      const user = requireUser(email);
      revokeGrants({ email }, 'user deleted');
      meetings.deleteHostedBy(user.id);
      return directory.deleteUser(email);
    },
    disassociateUser(email) {
      const user = requireUser(email);
      for (const grant of grants.values()) {
        if (grant.userId === user.id && grantLive(grant) && apps.get(grant.clientId)?.kind === 'admin') {
          revokeGrant(grant, 'user disassociated');
        }
      }
      const moved = directory.disassociateUser(email);
      for (const grant of grants.values())
        if (grant.userId === user.id) grant.accountId = moved.after.account_id;
      return moved;
    },
    apps: () => [...apps.values()],
    app: (clientId) => apps.get(clientId),
    authenticateClient(header, params) {
      const check = (id: string, secret: string) => {
        const app = apps.get(id);
        return app && app.client_secret === secret ? app : undefined;
      };
      const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
      if (match?.[1]) {
        const decoded = Buffer.from(match[1], 'base64').toString('utf8');
        const separator = decoded.indexOf(':');
        return separator < 0 ? undefined : check(decoded.slice(0, separator), decoded.slice(separator + 1));
      }
      const id = params?.get('client_id');
      const secret = params?.get('client_secret');
      return id && secret ? check(id, secret) : undefined;
    },
    checkAuthorize,
    consent(params, email) {
      const check = checkAuthorize(params);
      if (!check.ok) throw new Error(check.message);
      const user = directory.findUser(email);
      if (!user) return { refused: `No Zoom user with email ${email}` };
      if (user.status !== 'active') return { refused: 'Your Zoom account is not active' };
      // Admin-managed apps: Zoom stops a user whose role lacks what the app's admin scopes need
      // (a Member, or a custom role without those privileges) and never calls the redirect URI.
      if (
        check.app.kind === 'admin' &&
        missingPrivileges(directory.roleOf(user), check.app.scopes).length > 0
      ) {
        return { refused: ADMIN_REQUIRED };
      }
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        clientId: check.app.client_id,
        userId: user.id,
        redirectUri: check.redirectUri,
        codeChallenge: check.codeChallenge,
        codeChallengeMethod: check.codeChallengeMethod,
        expiresAt: now() + CODE_TTL_MS,
        used: false,
      });
      const location = new URL(check.redirectUri);
      location.searchParams.set('code', code);
      if (check.state !== undefined) location.searchParams.set('state', check.state);
      return { location: location.toString() };
    },
    token(app, form) {
      const grantType = form.get('grant_type') ?? '';
      if (grantType === 'authorization_code') return exchangeCode(app, form);
      if (grantType === 'refresh_token') return refresh(app, form);
      // Zoom's exact wording (lower case), as real /oauth/token answers it.
      return fail(400, 'unsupported grant type', 'unsupported_grant_type');
    },
    revoke(app, tokenValue) {
      const viaAccess = accessTokens.get(tokenValue);
      const grant = viaAccess
        ? grants.get(viaAccess.grantId)
        : [...grants.values()].find((candidate) => candidate.refreshToken === tokenValue);
      if (!tokenValue || !grant || !grantLive(grant) || grant.clientId !== app.client_id) {
        return fail(400, 'Invalid Token!', 'invalid_request');
      }
      revokeGrant(grant, 'revoked');
      return { ok: true, body: { status: 'success' } };
    },
    authenticateBearer(header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
      const record = match?.[1] ? accessTokens.get(match[1]) : undefined;
      if (!record || record.expiresAt <= now()) return undefined;
      const grant = grants.get(record.grantId);
      const user = grant ? directory.findUser(grant.userId) : undefined;
      const app = grant ? apps.get(grant.clientId) : undefined;
      if (!grant || !grantLive(grant) || !user || !app) return undefined;
      return { grant, user, app };
    },
    createMeeting: (host, app, input) => meetings.create(host, app.client_id, input, base),
    findMeeting: (id) => meetings.find(id),
    deleteMeeting: (id) => meetings.delete(id),
    expireAccessTokens(email) {
      const userId = email === undefined ? undefined : directory.findUser(email)?.id;
      let count = 0;
      for (const record of accessTokens.values()) {
        const grant = grants.get(record.grantId);
        if (userId === undefined ? email === undefined : grant?.userId === userId) {
          record.expiresAt = now() - 1;
          count += 1;
        }
      }
      return count;
    },
    revokeGrants,
    activeGrants: () => [...grants.values()].filter(grantLive),
    countRequest(kind) {
      const key = ['authorization_code', 'refresh_token', 'revoke'].includes(kind) ? kind : 'other';
      counters[key] = (counters[key] ?? 0) + 1;
    },
    tokenRequests: () => ({ ...counters }),
    snapshot() {
      return {
        account: { id: seed.account.id, name: seed.account.name },
        accounts: directory.accounts(),
        users: directory.users().map((user) => ({ ...user })),
        apps: [...apps.values()].map(({ client_id, kind, name, scopes }) => ({
          client_id,
          kind,
          name,
          scopes,
        })),
        grants: [...grants.values()].map(({ refreshToken: _hidden, ...grant }) => ({
          ...grant,
          active: grant.revokedAt === undefined,
        })),
        token_requests: { ...counters },
        meetings: meetings.list(),
      };
    },
  };
}
