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

const ADMIN_ROLES = new Set(['Owner', 'Admin']);

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

  /** One refresh and one retry on 401/124; a second rejection means a person must reconnect. */
  async function withToken<T>(ref: CredentialRef, call: (grant: AccessGrant) => Promise<T>): Promise<T> {
    const grant = await credentials.getAccessToken(ref);
    try {
      return await call(grant);
    } catch (error) {
      if (!(error instanceof ZoomError) || error.code !== 'token_invalid') throw error;
    }
    const fresh = await credentials.refreshAfterRejection(ref, grant.accessToken);
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
    async completeAuthorization(app, params): Promise<AuthorizationResult> {
      const tokens = await oauth[app].exchangeCode(params);
      let user: Awaited<ReturnType<ZoomApiClient['getMe']>>;
      try {
        user = await api.getMe(tokens.accessToken, tokens.apiUrl);
      } catch (error) {
        // We will not store this authorization, so do not leave a live grant behind.
        await revokeQuietly(app, tokens.accessToken);
        throw error;
      }
      if (app === 'org' && !(ADMIN_ROLES.has(user.roleName) && user.status === 'active')) {
        await revokeQuietly(app, tokens.accessToken);
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
      }
      return { ok: true, tokens, user };
    },
    seal: (tokens) => credentials.seal(tokens),
    async revoke(app, credential: StoredCredential) {
      // Revoking the refresh token ends the whole grant (access token included) at Zoom.
      let token: string;
      try {
        token = options.cipher.decrypt(credential.refreshToken);
      } catch (error) {
        logger.warn({ app, err: error }, 'cannot decrypt credential to revoke it');
        return;
      }
      await revokeQuietly(app, token);
    },
    getMe: (ref) => withToken(ref, (grant) => api.getMe(grant.accessToken, grant.apiUrl)),
    getUser: (ref, idOrEmail) =>
      withToken(ref, (grant) => api.getUser(grant.accessToken, idOrEmail, grant.apiUrl)),
    createMeeting: (ref, userIdOrEmail, input) =>
      withToken(ref, (grant) => api.createMeeting(grant.accessToken, userIdOrEmail, input, grant.apiUrl)),
  };
}
