// An in-memory ZoomGateway for service tests: it keeps Zoom's rules that the core depends on
// (PKCE, single-use codes, admin check on the org app, "a new authorization by the same user of
// the same app invalidates earlier tokens", revocation) without any HTTP.
import { createHash } from 'node:crypto';
import {
  type AuthorizationResult,
  type CreateMeetingInput,
  type CredentialRef,
  type ZoomAppKind,
  ZoomError,
  type ZoomGateway,
  type ZoomMeeting,
  type ZoomTokenSet,
  type ZoomUser,
} from '../../src/zoom/contracts.js';
import { buildZoomUser } from './factories.js';

type Method =
  | 'completeAuthorization'
  | 'createMeeting'
  | 'getMe'
  | 'getUser'
  | 'revoke'
  | 'listAccountEmails'
  | 'isAdmin'
  | 'deleteMeeting';

/** Roles that can administer an account in this fake (a custom admin role included, as Zoom allows). */
const ADMIN_ROLES = new Set(['Owner', 'Admin', 'IT Admin']);

interface IssuedToken {
  app: ZoomAppKind;
  userId: string;
  live: boolean;
}

export interface FakeZoomGateway extends ZoomGateway {
  /** Zoom users by lower-cased email. */
  users: Map<string, ZoomUser>;
  addUser(overrides?: Partial<ZoomUser>): ZoomUser;
  /** A person consents on the authorize page: returns what Zoom puts on the redirect. */
  consent(authorizeUrl: string, email: string): { state: string; code: string };
  /** Make the next call of `method` fail with this error (once per queued error). */
  failNext(method: Method, error: Error): void;
  /** Delay every `completeAuthorization` (to widen race windows). */
  exchangeDelayMs: number;
  calls: Record<Method, number>;
  revoked: Array<{ app: ZoomAppKind; accessToken: string }>;
  meetings: Array<{ app: ZoomAppKind; hostEmail: string; target: string; input: CreateMeetingInput }>;
  /** Meeting ids deleted through `deleteMeeting`, and by which app. */
  deletedMeetings: Array<{ app: ZoomAppKind; meetingId: string }>;
  /** Is this stored credential's access token still accepted by Zoom? */
  isLive(credential: { accessToken: string } | null | undefined): boolean;
  /** Kill every grant of this Zoom user (e.g. the user was deleted). */
  killGrants(email: string): void;
}

const sha256url = (value: string) => createHash('sha256').update(value).digest('base64url');

export function createFakeZoomGateway(): FakeZoomGateway {
  const users = new Map<string, ZoomUser>();
  const codes = new Map<string, { app: ZoomAppKind; email: string; challenge: string }>();
  const tokens = new Map<string, IssuedToken>();
  const failures = new Map<Method, Error[]>();
  /** Live meetings: id → host Zoom user id. */
  const hosts = new Map<string, string>();
  let counter = 0;

  function maybeFail(method: Method) {
    gateway.calls[method] += 1;
    const queued = failures.get(method);
    const next = queued?.shift();
    if (next) throw next;
  }

  function tokenOf(sealed: string): string {
    return sealed.replace(/^sealed:/, '');
  }

  async function liveToken(ref: CredentialRef): Promise<IssuedToken> {
    const credential = await ref.store.read();
    const issued = credential ? tokens.get(tokenOf(credential.accessToken)) : undefined;
    if (!issued?.live || issued.app !== ref.app) {
      throw new ZoomError('needs_reconnect', 'The stored Zoom credential no longer works.');
    }
    return issued;
  }

  function userById(id: string): ZoomUser | undefined {
    return [...users.values()].find((u) => u.id === id);
  }

  function emailsOf(accountId: string): string[] {
    return [...users.values()]
      .filter((u) => u.accountId === accountId && u.status === 'active')
      .map((u) => u.email.toLowerCase());
  }

  const gateway: FakeZoomGateway = {
    users,
    exchangeDelayMs: 0,
    calls: {
      completeAuthorization: 0,
      createMeeting: 0,
      getMe: 0,
      getUser: 0,
      revoke: 0,
      listAccountEmails: 0,
      isAdmin: 0,
      deleteMeeting: 0,
    },
    revoked: [],
    meetings: [],
    deletedMeetings: [],

    addUser(overrides = {}) {
      const user = buildZoomUser(overrides);
      users.set(user.email.toLowerCase(), user);
      return user;
    },

    consent(authorizeUrl, email) {
      const url = new URL(authorizeUrl);
      const state = url.searchParams.get('state');
      const challenge = url.searchParams.get('code_challenge');
      const app = url.searchParams.get('app') as ZoomAppKind;
      if (!state || !challenge) throw new Error('authorize URL without state or challenge');
      counter += 1;
      const code = `code-${counter}`;
      codes.set(code, { app, email: email.toLowerCase(), challenge });
      return { state, code };
    },

    failNext(method, error) {
      const queued = failures.get(method) ?? [];
      queued.push(error);
      failures.set(method, queued);
    },

    isLive(credential) {
      if (!credential) return false;
      return tokens.get(tokenOf(credential.accessToken))?.live === true;
    },

    killGrants(email) {
      const user = users.get(email.toLowerCase());
      for (const t of tokens.values()) if (t.userId === user?.id) t.live = false;
    },

    authorizeUrl(app, params) {
      const url = new URL('https://zoom.invalid/oauth/authorize');
      url.searchParams.set('app', app);
      url.searchParams.set('state', params.state);
      url.searchParams.set('code_challenge', params.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      return url.toString();
    },

    async completeAuthorization(app, params): Promise<AuthorizationResult> {
      maybeFail('completeAuthorization');
      if (gateway.exchangeDelayMs > 0) await new Promise((r) => setTimeout(r, gateway.exchangeDelayMs));
      const grant = codes.get(params.code);
      codes.delete(params.code); // single use
      if (!grant || grant.app !== app || sha256url(params.codeVerifier) !== grant.challenge) {
        throw new ZoomError('invalid_grant', 'Invalid authorization code.');
      }
      const user = users.get(grant.email);
      if (!user) throw new ZoomError('user_not_found', 'No such Zoom user.');
      // A new authorization by the same user of the same app invalidates earlier tokens.
      for (const t of tokens.values()) if (t.userId === user.id && t.app === app) t.live = false;
      counter += 1;
      const accessToken = `at-${counter}`;
      const issued: IssuedToken = { app, userId: user.id, live: true };
      tokens.set(accessToken, issued);
      if (app === 'org' && (!ADMIN_ROLES.has(user.roleName) || user.status !== 'active')) {
        issued.live = false; // Zoom's token is revoked by the gateway before it answers not_admin
        return {
          ok: false,
          reason: 'not_admin',
          email: user.email,
          roleName: user.roleName,
          status: user.status,
        };
      }
      const set: ZoomTokenSet = {
        accessToken,
        refreshToken: `rt-${counter}`,
        expiresAt: new Date(Date.now() + 3599_000),
        scope: app === 'org' ? 'meeting:write:admin user:read:admin' : 'meeting:write user:read',
      };
      if (app === 'user') return { ok: true, tokens: set, user };
      return { ok: true, tokens: set, user, accountEmails: emailsOf(user.accountId) };
    },

    seal(set, _subject) {
      return {
        accessToken: `sealed:${set.accessToken}`,
        refreshToken: `sealed:${set.refreshToken}`,
        expiresAt: set.expiresAt,
        scope: set.scope,
      };
    },

    async revoke(app, credential, _subject) {
      maybeFail('revoke');
      const issued = tokens.get(tokenOf(credential.accessToken));
      if (issued) issued.live = false;
      gateway.revoked.push({ app, accessToken: tokenOf(credential.accessToken) });
    },

    async getMe(ref) {
      maybeFail('getMe');
      const issued = await liveToken(ref);
      const user = userById(issued.userId);
      if (!user) throw new ZoomError('needs_reconnect', 'The Zoom user is gone.');
      return user;
    },

    async listAccountEmails(ref) {
      maybeFail('listAccountEmails');
      const owner = userById((await liveToken(ref)).userId);
      if (!owner || !ADMIN_ROLES.has(owner.roleName))
        throw new ZoomError('not_admin', 'The user is not authorized.');
      return emailsOf(owner.accountId);
    },

    async isAdmin(ref) {
      maybeFail('isAdmin');
      const owner = userById((await liveToken(ref)).userId);
      return owner !== undefined && ADMIN_ROLES.has(owner.roleName) && owner.status === 'active';
    },

    async getUser(ref, idOrEmail) {
      maybeFail('getUser');
      await liveToken(ref);
      const user = users.get(idOrEmail.toLowerCase()) ?? userById(idOrEmail);
      if (!user) throw new ZoomError('user_not_found', 'User does not exist.', { zoomCode: 1001 });
      return user;
    },

    async createMeeting(ref, userIdOrEmail, input): Promise<ZoomMeeting> {
      maybeFail('createMeeting');
      const issued = await liveToken(ref);
      const owner = userById(issued.userId);
      if (!owner) throw new ZoomError('needs_reconnect', 'The Zoom user is gone.');
      let host = owner;
      if (userIdOrEmail !== 'me') {
        const target = users.get(userIdOrEmail.toLowerCase()) ?? userById(userIdOrEmail);
        // An admin token reaches users of its own account only.
        if (!target || target.accountId !== owner.accountId) {
          throw new ZoomError('user_not_found', 'User does not exist.', { zoomCode: 1001 });
        }
        host = target;
      }
      counter += 1;
      gateway.meetings.push({ app: ref.app, hostEmail: host.email, target: userIdOrEmail, input });
      hosts.set(String(80000000000 + counter), host.id);
      return {
        id: String(80000000000 + counter),
        uuid: `uuid-${counter}`,
        hostId: host.id,
        hostEmail: host.email,
        topic: input.topic,
        type: input.startTime ? 2 : 1,
        startTime: input.startTime,
        durationMinutes: input.durationMinutes ?? 60,
        timezone: input.timezone,
        joinUrl: `https://zoom.invalid/j/${80000000000 + counter}`,
        startUrl: `https://zoom.invalid/s/${80000000000 + counter}`,
        autoStartMeetingSummary: input.autoStartMeetingSummary === true,
      };
    },

    async deleteMeeting(ref, meetingId) {
      maybeFail('deleteMeeting');
      const caller = userById((await liveToken(ref)).userId);
      const hostId = hosts.get(meetingId);
      const host = hostId ? userById(hostId) : undefined;
      // Its host may delete it; an admin-level grant, any meeting of its own account.
      const allowed =
        host !== undefined &&
        caller !== undefined &&
        (caller.id === host.id || (ref.app === 'org' && caller.accountId === host.accountId));
      if (!allowed) throw new ZoomError('meeting_not_found', `Meeting does not exist: ${meetingId}.`);
      hosts.delete(meetingId);
      gateway.deletedMeetings.push({ app: ref.app, meetingId });
    },
  };
  return gateway;
}
