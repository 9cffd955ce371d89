/** Shared set-up for the Zoom integration tests: stand-in, OAuth clients and an authorized grant. */
import { randomBytes } from 'node:crypto';
import { startZoomStandIn, type ZoomStandInOptions } from '../../../sandbox/zoom/index.js';
import { createTokenCipher } from '../../../src/crypto/token-cipher.js';
import type {
  CredentialStore,
  StoredCredential,
  ZoomAppKind,
  ZoomTokenSet,
} from '../../../src/zoom/contracts.js';
import { createZoomGateway } from '../../../src/zoom/index.js';
import { createZoomOAuthClient } from '../../../src/zoom/oauth-client.js';
import { createPkcePair } from '../../../src/zoom/pkce.js';

export const PUBLIC_URL = 'http://127.0.0.1:3999';
export const REDIRECT_URI = `${PUBLIC_URL}/zoom/oauth/callback`;
export const APPS = {
  org: { clientId: 'org-app', clientSecret: 'org-secret' },
  user: { clientId: 'user-app', clientSecret: 'user-secret' },
} as const;

export async function startZoom(options: ZoomStandInOptions = {}) {
  const zoom = await startZoomStandIn(options);
  const oauth = (app: ZoomAppKind) =>
    createZoomOAuthClient({ oauthUrl: zoom.url, redirectUri: REDIRECT_URI, ...APPS[app] });
  /** Runs authorize → consent → code exchange, as the browser + our callback would. */
  async function authorize(app: ZoomAppKind, email: string): Promise<ZoomTokenSet> {
    const pkce = createPkcePair();
    const client = oauth(app);
    const outcome = zoom.control.consent(
      client.authorizeUrl({ state: 's', codeChallenge: pkce.codeChallenge }),
      email,
    );
    if (!('location' in outcome)) throw new Error(outcome.refused);
    const code = new URL(outcome.location).searchParams.get('code') ?? '';
    return client.exchangeCode({ code, codeVerifier: pkce.codeVerifier });
  }
  return { zoom, oauth, authorize };
}

export const testKeys = [{ id: 'test', key: randomBytes(32) }];

export function gatewayFor(url: string, instanceId = 'test-instance', keys = testKeys) {
  const cipher = createTokenCipher(keys);
  const gateway = createZoomGateway({
    oauthUrl: url,
    apiUrl: `${url}/v2`,
    publicUrl: PUBLIC_URL,
    apps: APPS,
    cipher,
    instanceId,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 50 },
  });
  return { gateway, cipher };
}

/** One credential in memory, with the atomicity of a single MongoDB document. */
export function memoryCredentialStore(initial: StoredCredential | null) {
  let credential = initial;
  let lease: { holder: string; until: Date } | null = null;
  const store: CredentialStore = {
    read: async () => (credential ? { ...credential } : null),
    async claimRefreshLease(holder, until) {
      if (!credential || (lease && lease.until > new Date() && lease.holder !== holder)) return null;
      lease = { holder, until };
      return { ...credential };
    },
    async saveRefreshed(holder, next) {
      if (lease?.holder !== holder) return false;
      credential = { ...next };
      lease = null;
      return true;
    },
    async releaseRefreshLease(holder) {
      if (lease?.holder === holder) lease = null;
    },
  };
  return { store, current: () => credential };
}
