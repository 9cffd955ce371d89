/**
 * Single-flight token refresh across processes and instances (DESIGN §3.5).
 *
 * Refresh tokens rotate: two instances refreshing with the same refresh token would make the
 * second one fail and might kill the grant. So a refresh happens only under a lease stored on the
 * document that holds the credential: claim (one atomic update) → re-check with what the claim
 * returned → refresh → store both tokens and drop the lease (one atomic update). Callers that do not
 * get the lease poll the store until the new token shows up (or the lease expires and they can
 * take over). On `invalid_grant` the store is re-read first: another instance may have rotated the
 * token under us, in which case its result is used instead of declaring the grant dead.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pino from 'pino';
import { CipherError, type SealContext, type TokenCipher } from '../crypto/token-cipher.js';
import {
  type CredentialRef,
  type SealSubject,
  type StoredCredential,
  ZoomError,
  type ZoomTokenSet,
} from './contracts.js';
import type { ZoomOAuthClient } from './oauth-client.js';

export interface AccessGrant {
  accessToken: string;
  apiUrl?: string | undefined;
}

export interface CredentialManagerOptions {
  oauth: { refresh(refreshToken: string, app: CredentialRef['app']): Promise<ZoomTokenSet> };
  cipher: TokenCipher;
  instanceId: string;
  logger?: pino.Logger;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Refresh when the access token expires within this margin (DESIGN §3.5: 60 s). */
  refreshMarginMs?: number;
  /** How long a claimed lease lasts; must exceed the token request timeout. */
  leaseMs?: number;
  /** How long a caller waits for another holder's refresh before giving up. */
  waitTimeoutMs?: number;
}

export interface CredentialManager {
  /** A usable access token, refreshed single-flight when it expires within the margin. */
  getAccessToken(ref: CredentialRef): Promise<AccessGrant>;
  /** After Zoom rejected `staleAccessToken` (401/124): a different token, refreshing if nobody has yet. */
  refreshAfterRejection(ref: CredentialRef, staleAccessToken: string): Promise<AccessGrant>;
  seal(tokens: ZoomTokenSet, subject: SealSubject): StoredCredential;
  /** The refresh token of a stored credential, in plain text (to revoke the grant). */
  openRefreshToken(credential: StoredCredential, subject: SealSubject): string;
}

/** Adapts per-app OAuth clients to the manager's `oauth` dependency. */
export function refresherFor(clients: Record<CredentialRef['app'], Pick<ZoomOAuthClient, 'refresh'>>) {
  return { refresh: (refreshToken: string, app: CredentialRef['app']) => clients[app].refresh(refreshToken) };
}

export function createCredentialManager(options: CredentialManagerOptions): CredentialManager {
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ module: 'zoom-credentials' });
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const margin = options.refreshMarginMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 20_000;
  const waitTimeoutMs = options.waitTimeoutMs ?? 30_000;
  const { cipher } = options;

  const field = (subject: SealSubject, name: 'accessToken' | 'refreshToken') => ({
    ...subject,
    field: `credential.${name}`,
  });

  function seal(tokens: ZoomTokenSet, subject: SealSubject): StoredCredential {
    return {
      accessToken: cipher.seal(tokens.accessToken, field(subject, 'accessToken')),
      refreshToken: cipher.seal(tokens.refreshToken, field(subject, 'refreshToken')),
      expiresAt: tokens.expiresAt,
      scope: tokens.scope,
      ...(tokens.apiUrl === undefined ? {} : { apiUrl: tokens.apiUrl }),
    };
  }

  /**
   * A sealed token that does not open for its record was tampered with or moved (issue 13 §7): it
   * is never used, the connection reads as needing a reconnect, and the incident is logged (no value).
   */
  function opened(sealed: string, context: SealContext): string {
    try {
      return cipher.open(sealed, context);
    } catch (error) {
      if (!(error instanceof CipherError)) throw error;
      logger.error(
        { collection: context.collection, field: context.field, code: error.code },
        'a stored Zoom token does not open for its record',
      );
      throw new ZoomError('needs_reconnect', 'The stored Zoom credential cannot be used');
    }
  }
  const openAccess = (ref: CredentialRef, credential: StoredCredential) =>
    opened(credential.accessToken, field(ref.seal, 'accessToken'));
  const openRefresh = (subject: SealSubject, credential: StoredCredential) =>
    opened(credential.refreshToken, field(subject, 'refreshToken'));

  function open(ref: CredentialRef, credential: StoredCredential): AccessGrant {
    return { accessToken: openAccess(ref, credential), apiUrl: credential.apiUrl };
  }

  async function read(ref: CredentialRef): Promise<StoredCredential> {
    const credential = await ref.store.read();
    if (credential === null) {
      throw new ZoomError('needs_reconnect', 'The Zoom connection is gone or no longer usable');
    }
    return credential;
  }

  /**
   * The one loop behind both entry points. `stale(credential)` says whether the stored credential
   * still needs a refresh; it is evaluated on every read, so a refresh by someone else ends the wait.
   */
  async function ensureFresh(
    ref: CredentialRef,
    stale: (credential: StoredCredential) => boolean,
    stillUsable: (credential: StoredCredential) => boolean = () => false,
  ): Promise<AccessGrant> {
    const deadline = clock().getTime() + waitTimeoutMs;
    // Unique per call: two callers in the same process must not share a lease.
    const holder = `${options.instanceId}:${randomBytes(6).toString('hex')}`;
    let pause = 25;
    for (;;) {
      const current = await read(ref);
      if (!stale(current)) return open(ref, current);

      const claimed = await ref.store.claimRefreshLease(holder, new Date(clock().getTime() + leaseMs));
      if (claimed !== null) {
        if (!stale(claimed)) {
          await ref.store.releaseRefreshLease(holder);
          return open(ref, claimed);
        }
        let outcome: AccessGrant | 'retry';
        try {
          outcome = await refreshHolding(ref, holder, claimed);
        } catch (error) {
          // Refreshing ahead of expiry failed for a passing reason (network, 5xx, 429): the current
          // token still works for a few seconds, so use it rather than fail this call.
          const transient = error instanceof ZoomError && error.code !== 'needs_reconnect';
          if (transient && stillUsable(claimed)) {
            logger.warn(
              { app: ref.app, code: error.code },
              'early zoom refresh failed; using the current token',
            );
            return open(ref, claimed);
          }
          throw error;
        }
        if (outcome !== 'retry') return outcome;
        continue;
      }

      if (clock().getTime() >= deadline) {
        throw new ZoomError(
          'server_error',
          'Timed out waiting for another instance to refresh the Zoom token',
        );
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 500);
    }
  }

  /**
   * Our lease ran out while Zoom was answering. Zoom has already rotated the refresh token, so the
   * stored one is dead: store ours if we can take the lease again and nobody stored newer tokens.
   */
  async function saveAfterLostLease(
    ref: CredentialRef,
    holder: string,
    usedRefreshToken: string,
    next: StoredCredential,
  ): Promise<boolean> {
    const again = await ref.store.claimRefreshLease(holder, new Date(clock().getTime() + leaseMs));
    if (again === null || openRefresh(ref.seal, again) !== usedRefreshToken) return false;
    return ref.store.saveRefreshed(holder, next);
  }

  /** Runs the refresh while holding the lease; always leaves the lease released. */
  async function refreshHolding(
    ref: CredentialRef,
    holder: string,
    claimed: StoredCredential,
  ): Promise<AccessGrant | 'retry'> {
    const usedRefreshToken = openRefresh(ref.seal, claimed);
    let saved = false;
    try {
      let tokens: ZoomTokenSet;
      try {
        tokens = await options.oauth.refresh(usedRefreshToken, ref.app);
      } catch (error) {
        if (!(error instanceof ZoomError) || error.code !== 'invalid_grant') throw error;
        // Re-read before concluding: another instance may have rotated the token after our claim
        // (e.g. its lease had expired while it was still working).
        const now = await ref.store.read();
        if (now !== null && openRefresh(ref.seal, now) !== usedRefreshToken) {
          logger.info({ app: ref.app }, 'refresh token was rotated elsewhere; using the stored one');
          return 'retry';
        }
        logger.warn({ app: ref.app }, 'zoom refresh token rejected; connection needs reconnect');
        throw new ZoomError(
          'needs_reconnect',
          'Zoom rejected the refresh token; the connection must be authorized again',
          {},
          {
            cause: error,
          },
        );
      }
      const next = seal(tokens, ref.seal);
      saved = await ref.store.saveRefreshed(holder, next);
      if (!saved) saved = await saveAfterLostLease(ref, holder, usedRefreshToken, next);
      if (!saved) {
        // Someone else stored newer tokens meanwhile, or the connection is gone: ours still work for this call.
        logger.error({ app: ref.app }, 'refreshed zoom tokens could not be stored: lease lost');
      } else {
        logger.debug({ app: ref.app, expiresAt: tokens.expiresAt }, 'zoom token refreshed');
      }
      return { accessToken: tokens.accessToken, apiUrl: tokens.apiUrl };
    } finally {
      if (!saved) await ref.store.releaseRefreshLease(holder).catch(() => undefined);
    }
  }

  return {
    seal,
    openRefreshToken: (credential, subject) => openRefresh(subject, credential),
    getAccessToken(ref) {
      return ensureFresh(
        ref,
        (credential) => credential.expiresAt.getTime() - clock().getTime() <= margin,
        (credential) => credential.expiresAt.getTime() > clock().getTime() + 5_000,
      );
    },
    refreshAfterRejection(ref, staleAccessToken) {
      return ensureFresh(ref, (credential) => openAccess(ref, credential) === staleAccessToken);
    },
  };
}
