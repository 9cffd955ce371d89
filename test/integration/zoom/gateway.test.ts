import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZoomError } from '../../../src/zoom/contracts.js';
import { createPkcePair } from '../../../src/zoom/pkce.js';
import { TEST_SEAL, testField } from '../../support/seal.js';
import { gatewayFor, memoryCredentialStore, startZoom } from './helpers.js';

let env: Awaited<ReturnType<typeof startZoom>>;
let gw: ReturnType<typeof gatewayFor>;
beforeAll(async () => {
  env = await startZoom();
  gw = gatewayFor(env.zoom.url);
});
afterAll(async () => {
  await env.zoom.stop();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof ZoomError ? error.code : `other: ${String(error)}`;
  }
}

/** Authorize URL from the gateway → consent at the stand-in → code. */
function consent(app: 'org' | 'user', email: string) {
  const pkce = createPkcePair();
  const outcome = env.zoom.control.consent(
    gw.gateway.authorizeUrl(app, { state: 'st', codeChallenge: pkce.codeChallenge }),
    email,
  );
  if (!('location' in outcome)) return { refused: outcome.refused, code: '', codeVerifier: '' };
  const code = new URL(outcome.location).searchParams.get('code') ?? '';
  return { refused: undefined, code, codeVerifier: pkce.codeVerifier };
}

describe('ZoomGateway', () => {
  it('redirects to PUBLIC_URL/zoom/oauth/callback', () => {
    const url = new URL(gw.gateway.authorizeUrl('user', { state: 's', codeChallenge: 'c' }));
    expect(url.searchParams.get('redirect_uri')).toBe('http://127.0.0.1:3999/zoom/oauth/callback');
    expect(url.searchParams.get('client_id')).toBe('user-app');
  });

  it('completes an org authorization for an active Admin', async () => {
    const { code, codeVerifier } = consent('org', 'zoom-admin@acme.test');
    const result = await gw.gateway.completeAuthorization('org', { code, codeVerifier });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.user).toMatchObject({ email: 'zoom-admin@acme.test', roleName: 'Admin' });
      expect(result.tokens.accessToken).toMatch(/^zat_/);
    }
  });

  it('Zoom itself refuses a non-admin for the org app (no code, no redirect)', () => {
    expect(consent('org', 'alice@acme.test').refused).toBe(
      'An account admin is required to install this type of app',
    );
  });

  it('not_admin when the role changed between consent and callback; the token is revoked', async () => {
    const { code, codeVerifier } = consent('org', 'owner@acme.test');
    await env.zoom.control.setUser('owner@acme.test', { role_name: 'Member' });
    try {
      const result = await gw.gateway.completeAuthorization('org', { code, codeVerifier });
      expect(result).toEqual({
        ok: false,
        reason: 'not_admin',
        email: 'owner@acme.test',
        roleName: 'Member',
        status: 'active',
      });
      const grants = env.zoom.control
        .state()
        .grants.filter((g) => g.email === 'owner@acme.test' && g.clientId === 'org-app');
      expect(grants.every((g) => !g.active)).toBe(true);
    } finally {
      await env.zoom.control.setUser('owner@acme.test', { role_name: 'Owner' });
    }
  });

  it('not_admin for an inactive admin', async () => {
    const { code, codeVerifier } = consent('org', 'zoom-admin@acme.test');
    await env.zoom.control.setUser('zoom-admin@acme.test', { status: 'inactive' });
    try {
      const result = await gw.gateway.completeAuthorization('org', { code, codeVerifier });
      expect(result).toMatchObject({ ok: false, reason: 'not_admin', status: 'inactive' });
    } finally {
      await env.zoom.control.setUser('zoom-admin@acme.test', { status: 'active' });
    }
  });

  it('personal authorizations accept members', async () => {
    const { code, codeVerifier } = consent('user', 'alice@acme.test');
    const result = await gw.gateway.completeAuthorization('user', { code, codeVerifier });
    expect(result.ok && result.user.email).toBe('alice@acme.test');
  });

  it('a token rejected with 401/124 is refreshed once and the call retried', async () => {
    const tokens = await env.authorize('user', 'bob@acme.test');
    const memory = memoryCredentialStore(gw.gateway.seal(tokens, TEST_SEAL));
    const ref = { app: 'user' as const, store: memory.store, seal: TEST_SEAL };
    env.zoom.control.expireAccessTokens('bob@acme.test');
    const before = env.zoom.control.tokenRequests().refresh_token ?? 0;
    expect((await gw.gateway.getMe(ref)).email).toBe('bob@acme.test');
    expect((env.zoom.control.tokenRequests().refresh_token ?? 0) - before).toBe(1);
    expect(gw.cipher.open(memory.current()?.accessToken ?? '', testField('accessToken'))).not.toBe(
      tokens.accessToken,
    );
    // The stored (rotated) refresh token is the live one.
    expect((await gw.gateway.getMe(ref)).email).toBe('bob@acme.test');
  });

  it('a grant revoked at Zoom → needs_reconnect', async () => {
    const tokens = await env.authorize('user', 'alice@acme.test');
    const memory = memoryCredentialStore(gw.gateway.seal(tokens, TEST_SEAL));
    env.zoom.control.revokeTokens('alice@acme.test', 'user-app');
    expect(await codeOf(gw.gateway.getMe({ app: 'user', store: memory.store, seal: TEST_SEAL }))).toBe(
      'needs_reconnect',
    );
  });

  it('creates meetings for a member by email with the org token; unknown email → user_not_found', async () => {
    const tokens = await env.authorize('org', 'owner@acme.test');
    const ref = {
      app: 'org' as const,
      store: memoryCredentialStore(gw.gateway.seal(tokens, TEST_SEAL)).store,
      seal: TEST_SEAL,
    };
    const meeting = await gw.gateway.createMeeting(ref, 'bob@acme.test', {
      topic: 'Sync',
      autoStartMeetingSummary: true,
    });
    expect(meeting).toMatchObject({ hostEmail: 'bob@acme.test', autoStartMeetingSummary: true, type: 1 });
    expect(await codeOf(gw.gateway.getUser(ref, 'ghost@acme.test'))).toBe('user_not_found');
  });

  it('revoke is best effort and ends the grant', async () => {
    const tokens = await env.authorize('user', 'bob@acme.test');
    const sealed = gw.gateway.seal(tokens, TEST_SEAL);
    await gw.gateway.revoke('user', sealed, TEST_SEAL);
    await gw.gateway.revoke('user', sealed, TEST_SEAL); // already dead: no throw
    expect(
      await codeOf(
        gw.gateway.getMe({ app: 'user', store: memoryCredentialStore(sealed).store, seal: TEST_SEAL }),
      ),
    ).toBe('needs_reconnect');
  });
});
