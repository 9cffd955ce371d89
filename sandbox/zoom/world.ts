/**
 * The Zoom stand-in's in-memory world: users, apps, authorization codes, grants and tokens,
 * meetings. Pure state transitions with Zoom's rules (DESIGN §2.4); HTTP lives in the route files.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
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

export interface SandboxMeeting {
  id: number;
  uuid: string;
  host_id: string;
  host_email: string;
  topic: string;
  type: number;
  status: 'waiting';
  start_time: string;
  duration: number;
  timezone: string;
  created_at: string;
  join_url: string;
  start_url: string;
  password: string;
  settings: Record<string, unknown>;
  /** Which app's token created it (not a Zoom field; shown in state only). */
  created_by_client_id: string;
}

export type OAuthOutcome =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; status: number; body: { reason: string; error: string } };

export type ConsentOutcome = { location: string } | { refused: string };

export const ADMIN_REQUIRED = 'An account admin is required to install this type of app';
export const ACCESS_TOKEN_TTL_S = 3599;
const CODE_TTL_MS = 5 * 60 * 1000;
const ROLE_IDS: Record<string, string> = { Owner: '0', Admin: '1', Member: '2' };

const DEFAULT_SCOPES: Record<SandboxApp['kind'], string[]> = {
  admin: ['user:read:admin', 'meeting:write:admin'],
  user: ['user:read', 'meeting:write'],
};

function token(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

/** Stable ids derived from the email, so a restarted stand-in gives the same ids. */
function userIdFor(email: string): string {
  return createHash('sha256').update(email.toLowerCase()).digest('base64url').slice(0, 22);
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

export interface ZoomWorld {
  readonly accountId: string;
  setBaseUrl(url: string): void;
  baseUrl(): string;
  users(): SandboxUser[];
  findUser(idOrEmail: string): SandboxUser | undefined;
  updateUser(
    email: string,
    patch: { role_name?: string; status?: UserStatus },
  ): { before: SandboxUser; after: SandboxUser };
  deleteUser(email: string): SandboxUser;
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
    input: {
      topic?: string | undefined;
      type?: number | undefined;
      start_time?: string | undefined;
      duration?: number | undefined;
      timezone?: string | undefined;
      settings?: Record<string, unknown> | undefined;
    },
  ): { ok: true; meeting: SandboxMeeting } | { ok: false; retryAfterS: number };
  expireAccessTokens(email?: string): number;
  revokeGrants(filter: { email?: string; clientId?: string }, reason: string): Grant[];
  activeGrants(): Grant[];
  /** Counts a request that reached the token (or revoke) endpoint, faulted or not. */
  countRequest(kind: string): void;
  tokenRequests(): Record<string, number>;
  snapshot(): WorldSnapshot;
}

export interface WorldSnapshot {
  account: { id: string; name: string };
  users: SandboxUser[];
  apps: Array<{ client_id: string; kind: string; name: string; scopes: string[] }>;
  grants: Array<Omit<Grant, 'refreshToken'> & { active: boolean }>;
  token_requests: Record<string, number>;
  meetings: SandboxMeeting[];
}

export function createZoomWorld(seed: ParsedZoomSeed, clock: () => Date): ZoomWorld {
  let base = 'http://127.0.0.1';
  const usersById = new Map<string, SandboxUser>();
  const apps = new Map<string, SandboxApp>();
  const codes = new Map<string, CodeRecord>();
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, AccessRecord>();
  const meetings: SandboxMeeting[] = [];
  const meetingsPerHostDay = new Map<string, number>();
  const counters: Record<string, number> = { authorization_code: 0, refresh_token: 0, other: 0, revoke: 0 };
  const now = () => clock().getTime();
  const iso = () =>
    clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');

  for (const user of seed.users) {
    const id = user.id ?? userIdFor(user.email);
    usersById.set(id, {
      id,
      email: user.email.toLowerCase(),
      first_name: user.first_name,
      last_name: user.last_name,
      type: user.type,
      role_name: user.role_name,
      role_id: ROLE_IDS[user.role_name] ?? '2',
      account_id: seed.account.id,
      status: user.status,
      timezone: user.timezone,
      created_at: '2024-01-01T00:00:00Z',
    });
  }
  for (const app of seed.apps) {
    apps.set(app.client_id, { ...app, scopes: app.scopes ?? DEFAULT_SCOPES[app.kind] });
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

  function grantLive(grant: Grant): boolean {
    return grant.revokedAt === undefined;
  }

  function revokeGrant(grant: Grant, reason: string): void {
    if (!grantLive(grant)) return;
    grant.revokedAt = iso();
    grant.revokedReason = reason;
    for (const [value, record] of accessTokens) if (record.grantId === grant.id) accessTokens.delete(value);
  }

  function revokeGrants(filter: { email?: string; clientId?: string }, reason: string): Grant[] {
    const userId = filter.email === undefined ? undefined : findUser(filter.email)?.id;
    if (filter.email !== undefined && userId === undefined) return [];
    const hit = [...grants.values()].filter(
      (grant) =>
        grantLive(grant) &&
        (userId === undefined || grant.userId === userId) &&
        (filter.clientId === undefined || grant.clientId === filter.clientId),
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

  return {
    accountId: seed.account.id,
    setBaseUrl(url) {
      base = url;
    },
    baseUrl: () => base,
    users: () => [...usersById.values()],
    findUser,
    updateUser(email, patch) {
      const user = requireUser(email);
      const before = { ...user };
      if (patch.role_name !== undefined) {
        user.role_name = patch.role_name;
        user.role_id = ROLE_IDS[patch.role_name] ?? '2';
      }
      if (patch.status !== undefined) user.status = patch.status;
      return { before, after: { ...user } };
    },
    deleteUser(email) {
      const user = requireUser(email);
      revokeGrants({ email }, 'user deleted');
      usersById.delete(user.id);
      return user;
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
      const user = findUser(email);
      if (!user) return { refused: `No Zoom user with email ${email} in this account` };
      if (user.status !== 'active') return { refused: 'Your Zoom account is not active' };
      // Admin-managed apps: Zoom stops a non-admin here and never calls the redirect URI.
      if (check.app.kind === 'admin' && !['Owner', 'Admin'].includes(user.role_name)) {
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
      if (grantType === 'authorization_code') {
        const code = form.get('code') ?? '';
        const record = codes.get(code);
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
        const user = usersById.get(record.userId);
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
          scope: app.scopes.join(' '),
          createdAt: iso(),
          refreshToken: '',
          refreshCount: 0,
        };
        grants.set(grant.id, grant);
        return { ok: true, body: issue(grant, app) };
      }
      if (grantType === 'refresh_token') {
        const presented = form.get('refresh_token') ?? '';
        const grant = [...grants.values()].find((candidate) => candidate.refreshToken === presented);
        // Rotated-away, revoked, unknown or another app's token: all the same answer at Zoom.
        if (!presented || !grant || !grantLive(grant) || grant.clientId !== app.client_id) {
          return fail(400, 'Invalid Token!', 'invalid_grant');
        }
        grant.refreshCount += 1;
        return { ok: true, body: issue(grant, app) };
      }
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
      const user = grant ? usersById.get(grant.userId) : undefined;
      const app = grant ? apps.get(grant.clientId) : undefined;
      if (!grant || !grantLive(grant) || !user || !app) return undefined;
      return { grant, user, app };
    },
    createMeeting(host, app, input) {
      const day = clock().toISOString().slice(0, 10);
      const key = `${host.id}:${day}`;
      const used = meetingsPerHostDay.get(key) ?? 0;
      if (used >= seed.meeting_daily_limit) {
        const midnight = Date.UTC(clock().getUTCFullYear(), clock().getUTCMonth(), clock().getUTCDate() + 1);
        return { ok: false, retryAfterS: Math.ceil((midnight - now()) / 1000) };
      }
      meetingsPerHostDay.set(key, used + 1);
      const id = randomInt(10_000_000_000, 99_999_999_999);
      const password = randomBytes(4).toString('hex').slice(0, 6);
      const meeting: SandboxMeeting = {
        id,
        uuid: `${randomBytes(16).toString('base64')}`,
        host_id: host.id,
        host_email: host.email,
        topic: input.topic ?? 'Zoom Meeting',
        type: input.type ?? 2,
        status: 'waiting',
        start_time: input.start_time ?? iso(),
        duration: input.duration ?? 60,
        timezone: input.timezone ?? host.timezone,
        created_at: iso(),
        join_url: `${base}/j/${id}?pwd=${password}`,
        start_url: `${base}/s/${id}?zak=${randomBytes(12).toString('base64url')}`,
        password,
        settings: {
          host_video: false,
          participant_video: false,
          join_before_host: false,
          auto_start_meeting_summary: input.settings?.auto_start_meeting_summary === true,
        },
        created_by_client_id: app.client_id,
      };
      meetings.push(meeting);
      return { ok: true, meeting };
    },
    expireAccessTokens(email) {
      const userId = email === undefined ? undefined : findUser(email)?.id;
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
        account: seed.account,
        users: [...usersById.values()].map((user) => ({ ...user })),
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
        meetings: meetings.map((meeting) => ({ ...meeting })),
      };
    },
  };
}
