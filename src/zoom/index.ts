/**
 * The Zoom gateway the core uses (`ZoomGateway` in contracts.ts): one OAuth client per app, the API
 * client, and single-flight refresh over the core's credential stores.
 */
import pino from 'pino';
import type { TokenCipher } from '../crypto/token-cipher.js';
import { createZoomApiClient, type RetryPolicy, type ZoomApiClient } from './api-client.js';
import {
  type AuthorizationResult,
  type CredentialRef,
  type StoredCredential,
  type ZoomAppKind,
  ZoomError,
  type ZoomGateway,
} from './contracts.js';
import { type AccessGrant, createCredentialManager, refresherFor } from './credential-manager.js';
import type { FetchLike } from './http.js';
import { createZoomOAuthClient, trimBase, type ZoomOAuthClient } from './oauth-client.js';
import { observeFetch, observeRefresher, type ZoomObserver } from './observe.js';

export type { ZoomApiClient } from './api-client.js';
export * from './contracts.js';
export type { CredentialManager } from './credential-manager.js';
export type { ZoomOAuthClient } from './oauth-client.js';
export type { ZoomCallOutcome, ZoomEndpoint, ZoomObserver } from './observe.js';
export { createPkcePair } from './pkce.js';
export type { ZoomEventDispatcher, ZoomWebhookEvent } from './webhooks.js';
export { createZoomWebhookRouter } from './webhooks.js';

export interface ZoomGatewayOptions {
  oauthUrl: string;
  apiUrl: string;
  publicUrl: string;
  apps: Record<ZoomAppKind, { clientId: string; clientSecret: string }>;
  cipher: TokenCipher;
  /** Names this process in refresh leases. */
  instanceId: string;
  fetch?: FetchLike;
  logger?: pino.Logger;
  clock?: () => Date;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  /** Metrics hooks: every Zoom HTTP attempt by endpoint/outcome, every refresh by outcome. */
  onCall?: ZoomObserver['onCall'];
  onRefresh?: ZoomObserver['onRefresh'];
}

/** Pages of `GET /users` read at most (300 users each: 150,000 users). */
const MAX_USER_PAGES = 500;

/**
 * A Zoom-given `api_url` is used only when its host is the configured API's host or a zoom.us
 * host (issue 13): a stored value rewritten in the database must not send tokens elsewhere.
 */
export function trustedApiUrl(apiUrl: string | undefined, configuredApiUrl: string): string | undefined {
  if (apiUrl === undefined) return undefined;
  try {
    const url = new URL(apiUrl);
    const configured = new URL(configuredApiUrl);
    const zoomHost = url.hostname === 'zoom.us' || url.hostname.endsWith('.zoom.us');
    const sameHost = url.host === configured.host;
    if (url.protocol === 'https:' ? zoomHost || sameHost : sameHost) return apiUrl;
  } catch {
    // Unreadable: not trusted.
  }
  return undefined;
}

export function zoomRedirectUri(publicUrl: string): string {
  return `${trimBase(publicUrl)}/zoom/oauth/callback`;
}

export function createZoomGateway(options: ZoomGatewayOptions): ZoomGateway {
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ module: 'zoom' });
  const redirectUri = zoomRedirectUri(options.publicUrl);
  const baseFetch: FetchLike | undefined = options.onCall
    ? observeFetch(options.fetch ?? ((input, init) => fetch(input, init)), options.onCall)
    : options.fetch;
  const common = {
    oauthUrl: options.oauthUrl,
    redirectUri,
    logger,
    ...(baseFetch ? { fetch: baseFetch } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  };
  const oauth: Record<ZoomAppKind, ZoomOAuthClient> = {
    org: createZoomOAuthClient({ ...common, ...options.apps.org }),
    user: createZoomOAuthClient({ ...common, ...options.apps.user }),
  };
  const api: ZoomApiClient = createZoomApiClient({
    apiUrl: options.apiUrl,
    logger,
    ...(baseFetch ? { fetch: baseFetch } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const credentials = createCredentialManager({
    oauth: options.onRefresh ? observeRefresher(refresherFor(oauth), options.onRefresh) : refresherFor(oauth),
    cipher: options.cipher,
    instanceId: options.instanceId,
    logger,
    ...(options.clock ? { clock: options.clock } : {}),
  });

  const trusted = (grant: AccessGrant): AccessGrant => {
    const apiUrl = trustedApiUrl(grant.apiUrl, options.apiUrl);
    if (grant.apiUrl !== undefined && apiUrl === undefined) {
      logger.warn('ignoring a stored Zoom api_url whose host is not Zoom’s');
    }
    return apiUrl === undefined
      ? { accessToken: grant.accessToken }
      : { accessToken: grant.accessToken, apiUrl };
  };

  /** Every active user's email in the token's account, page after page (admin scope). */
  async function accountEmails(accessToken: string, apiUrl: string | undefined): Promise<string[]> {
    const emails: string[] = [];
    let pageToken: string | null = null;
    for (let page = 0; page < MAX_USER_PAGES; page += 1) {
      const result = await api.listUsers(accessToken, pageToken, apiUrl);
      for (const user of result.users) emails.push(user.email);
      pageToken = result.nextPageToken;
      if (!pageToken) break;
    }
    return emails;
  }

  /** One refresh and one retry on 401/124; a second rejection means a person must reconnect. */
  async function withToken<T>(ref: CredentialRef, call: (grant: AccessGrant) => Promise<T>): Promise<T> {
    const grant = trusted(await credentials.getAccessToken(ref));
    try {
      return await call(grant);
    } catch (error) {
      if (!(error instanceof ZoomError) || error.code !== 'token_invalid') throw error;
    }
    const fresh = trusted(await credentials.refreshAfterRejection(ref, grant.accessToken));
    try {
      return await call(fresh);
    } catch (error) {
      if (error instanceof ZoomError && error.code === 'token_invalid') {
        throw new ZoomError(
          'needs_reconnect',
          'Zoom rejects this connection even after a refresh',
          error.details,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  async function revokeQuietly(app: ZoomAppKind, token: string): Promise<void> {
    try {
      await oauth[app].revoke(token);
    } catch (error) {
      logger.warn({ app, err: error }, 'zoom revoke failed');
    }
  }

  return {
    authorizeUrl(app, params) {
      return oauth[app].authorizeUrl(params);
    },
    /**
     * The org app's approver is an admin when an admin-scope call succeeds with the new grant —
     * whatever its role is called (custom admin roles pass; a Member, or an admin demoted since,
     * gets Zoom's 4700). That call is the paged user list the coverage is computed from.
     */
    async completeAuthorization(app, params): Promise<AuthorizationResult> {
      const tokens = await oauth[app].exchangeCode(params);
      const apiUrl = trustedApiUrl(tokens.apiUrl, options.apiUrl);
      // We will not store a refused or failed authorization: no live grant is left behind.
      const dropGrant = () => revokeQuietly(app, tokens.accessToken);
      let user: Awaited<ReturnType<ZoomApiClient['getMe']>>;
      try {
        user = await api.getMe(tokens.accessToken, apiUrl);
      } catch (error) {
        await dropGrant();
        throw error;
      }
      if (app === 'user') return { ok: true, tokens, user };
      const refused = async (): Promise<AuthorizationResult> => {
        await dropGrant();
        logger.info(
          { roleName: user.roleName, status: user.status },
          'zoom org authorization refused: not an admin',
        );
        return {
          ok: false,
          reason: 'not_admin',
          email: user.email,
          roleName: user.roleName,
          status: user.status,
        };
      };
      if (user.status !== 'active') return refused();
      let emails: string[];
      try {
        emails = await accountEmails(tokens.accessToken, apiUrl);
      } catch (error) {
        if (error instanceof ZoomError && error.code === 'not_admin') return refused();
        await dropGrant();
        throw error;
      }
      return { ok: true, tokens, user, accountEmails: emails };
    },
    seal: (tokens, subject) => credentials.seal(tokens, subject),
    async revoke(app, credential: StoredCredential, subject) {
      // Revoking the refresh token ends the whole grant (access token included) at Zoom.
      let token: string;
      try {
        token = credentials.openRefreshToken(credential, subject);
      } catch (error) {
        logger.warn({ app, err: error }, 'cannot decrypt credential to revoke it');
        return;
      }
      await revokeQuietly(app, token);
    },
    getMe: (ref) => withToken(ref, (grant) => api.getMe(grant.accessToken, grant.apiUrl)),
    getUser: (ref, idOrEmail) =>
      withToken(ref, (grant) => api.getUser(grant.accessToken, idOrEmail, grant.apiUrl)),
    listAccountEmails: (ref) => withToken(ref, (grant) => accountEmails(grant.accessToken, grant.apiUrl)),
    isAdmin: (ref) =>
      withToken(ref, (grant) =>
        api.listUsers(grant.accessToken, null, grant.apiUrl, 1).then(
          () => true,
          (error: unknown) => {
            if (error instanceof ZoomError && error.code === 'not_admin') return false;
            throw error;
          },
        ),
      ),
    createMeeting: (ref, userIdOrEmail, input) =>
      withToken(ref, (grant) => api.createMeeting(grant.accessToken, userIdOrEmail, input, grant.apiUrl)),
    deleteMeeting: (ref, meetingId) =>
      withToken(ref, (grant) => api.deleteMeeting(grant.accessToken, meetingId, grant.apiUrl)),
  };
}
