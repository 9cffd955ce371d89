import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher } from '../../../src/crypto/token-cipher.js';
import {
  type CredentialRef,
  type CredentialStore,
  type StoredCredential,
  ZoomError,
  type ZoomTokenSet,
} from '../../../src/zoom/contracts.js';
import { createCredentialManager } from '../../../src/zoom/credential-manager.js';
import { TEST_SEAL, testField } from '../../support/seal.js';

const cipher = createTokenCipher([{ id: 'k', key: randomBytes(32) }]);
const NOW = new Date('2030-01-01T00:00:00Z');
const clock = () => NOW;

/** An in-memory store with the same atomicity as one MongoDB document. */
function memoryStore(initial: StoredCredential | null) {
  let credential = initial;
  let lease: { holder: string; until: Date } | null = null;
  const store: CredentialStore = {
    async read() {
      return credential ? { ...credential } : null;
    },
    async claimRefreshLease(holder, until) {
      if (!credential) return null;
      if (lease && lease.until > clock() && lease.holder !== holder) return null;
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
  return {
    store,
    current: () => credential,
    lease: () => lease,
    set: (next: StoredCredential) => {
      credential = next;
    },
  };
}

function sealed(access: string, refresh: string, expiresAt: Date): StoredCredential {
  return {
    accessToken: cipher.seal(access, testField('accessToken')),
    refreshToken: cipher.seal(refresh, testField('refreshToken')),
    expiresAt,
    scope: 's',
  };
}

function fakeZoom() {
  let generation = 0;
  let live = 'r0';
  const requests: string[] = [];
  return {
    requests,
    kill: () => {
      live = 'dead';
    },
    async refresh(refreshToken: string): Promise<ZoomTokenSet> {
      requests.push(refreshToken);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (refreshToken !== live) throw new ZoomError('invalid_grant', 'Invalid Token!');
      generation += 1;
      live = `r${generation}`;
      return {
        accessToken: `a${generation}`,
        refreshToken: live,
        expiresAt: new Date(NOW.getTime() + 3_599_000),
        scope: 's',
      };
    },
  };
}

const noSleep = async () => {
  await new Promise((resolve) => setImmediate(resolve));
};

describe('createCredentialManager', () => {
  it('returns the stored token when it is not near expiry, without refreshing', async () => {
    const zoom = fakeZoom();
    const memory = memoryStore(sealed('a0', 'r0', new Date(NOW.getTime() + 10 * 60_000)));
    const manager = createCredentialManager({ oauth: zoom, cipher, instanceId: 'i1', clock, sleep: noSleep });
    const grant = await manager.getAccessToken({ app: 'org', store: memory.store, seal: TEST_SEAL });
    expect(grant.accessToken).toBe('a0');
    expect(zoom.requests).toEqual([]);
  });

  it('refreshes within the 60 s margin and stores both tokens encrypted', async () => {
    const zoom = fakeZoom();
    const memory = memoryStore(sealed('a0', 'r0', new Date(NOW.getTime() + 59_000)));
    const manager = createCredentialManager({ oauth: zoom, cipher, instanceId: 'i1', clock, sleep: noSleep });
    const grant = await manager.getAccessToken({ app: 'org', store: memory.store, seal: TEST_SEAL });
    expect(grant.accessToken).toBe('a1');
    expect(cipher.open(memory.current()?.refreshToken ?? '', testField('refreshToken'))).toBe('r1');
    // Stored sealed, not in clear (a short plaintext could appear inside random base64 by chance).
    expect(memory.current()?.accessToken.startsWith('v2.k.')).toBe(true);
    expect(cipher.open(memory.current()?.accessToken ?? '', testField('accessToken'))).toBe('a1');
    expect(memory.lease()).toBeNull();
  });

  it('single-flight: many concurrent callers on several instances → one refresh', async () => {
    const zoom = fakeZoom();
    const memory = memoryStore(sealed('a0', 'r0', new Date(NOW.getTime() - 1000)));
    const ref: CredentialRef = { app: 'user', store: memory.store, seal: TEST_SEAL };
    const managers = ['i1', 'i2', 'i3'].map((instanceId) =>
      createCredentialManager({ oauth: zoom, cipher, instanceId, clock, sleep: noSleep }),
    );
    const grants = await Promise.all(
      Array.from({ length: 12 }, (_, index) => managers[index % 3]?.getAccessToken(ref)),
    );
    expect(zoom.requests).toEqual(['r0']);
    expect(new Set(grants.map((grant) => grant?.accessToken))).toEqual(new Set(['a1']));
  });

  it('after a 401: refreshes once even when the stored expiry looks fine; a second caller reuses it', async () => {
    const zoom = fakeZoom();
    const memory = memoryStore(sealed('a0', 'r0', new Date(NOW.getTime() + 30 * 60_000)));
    const ref: CredentialRef = { app: 'org', store: memory.store, seal: TEST_SEAL };
    const manager = createCredentialManager({ oauth: zoom, cipher, instanceId: 'i1', clock, sleep: noSleep });
    const [x, y] = await Promise.all([
      manager.refreshAfterRejection(ref, 'a0'),
      manager.refreshAfterRejection(ref, 'a0'),
    ]);
    expect(x.accessToken).toBe('a1');
    expect(y.accessToken).toBe('a1');
    expect(zoom.requests).toEqual(['r0']);
    expect((await manager.refreshAfterRejection(ref, 'stale-other')).accessToken).toBe('a1');
  });

  it('invalid_grant with the same stored token → needs_reconnect and the lease is released', async () => {
    const zoom = fakeZoom();
    zoom.kill();
    const memory = memoryStore(sealed('a0', 'r0', new Date(NOW.getTime() - 1)));
    const manager = createCredentialManager({ oauth: zoom, cipher, instanceId: 'i1', clock, sleep: noSleep });
    const error = await manager
      .getAccessToken({ app: 'org', store: memory.store, seal: TEST_SEAL })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZoomError);
    expect((error as ZoomError).code).toBe('needs_reconnect');
    expect(memory.lease()).toBeNull();
  });

  it('invalid_grant because another instance rotated meanwhile → re-reads and uses the new token', async () => {
    const memory = memoryStore(sealed('a0', 'r0', new Date(NOW.getTime() - 1)));
    const oauth = {
      async refresh(): Promise<ZoomTokenSet> {
        // Someone else stored r9 after our claim (their lease had expired); our r0 is dead.
        memory.set(sealed('a9', 'r9', new Date(NOW.getTime() + 3_599_000)));
        throw new ZoomError('invalid_grant', 'Invalid Token!');
      },
    };
    const manager = createCredentialManager({ oauth, cipher, instanceId: 'i1', clock, sleep: noSleep });
    const grant = await manager.getAccessToken({ app: 'org', store: memory.store, seal: TEST_SEAL });
    expect(grant.accessToken).toBe('a9');
  });

  it('a missing credential → needs_reconnect', async () => {
    const manager = createCredentialManager({
      oauth: fakeZoom(),
      cipher,
      instanceId: 'i1',
      clock,
      sleep: noSleep,
    });
    const error = await manager
      .getAccessToken({ app: 'org', store: memoryStore(null).store, seal: TEST_SEAL })
      .catch((e: unknown) => e);
    expect((error as ZoomError).code).toBe('needs_reconnect');
  });

  it('a network failure during refresh releases the lease and surfaces the error', async () => {
    const memory = memoryStore(sealed('a0', 'r0', new Date(NOW.getTime() - 1)));
    const oauth = {
      async refresh(): Promise<ZoomTokenSet> {
        throw new ZoomError('network', 'down');
      },
    };
    const manager = createCredentialManager({ oauth, cipher, instanceId: 'i1', clock, sleep: noSleep });
    const error = await manager
      .getAccessToken({ app: 'org', store: memory.store, seal: TEST_SEAL })
      .catch((e: unknown) => e);
    expect((error as ZoomError).code).toBe('network');
    expect(memory.lease()).toBeNull();
  });

  it('an early refresh that fails transiently falls back to the still-valid token', async () => {
    const memory = memoryStore(sealed('a0', 'r0', new Date(NOW.getTime() + 30_000)));
    const oauth = {
      async refresh(): Promise<ZoomTokenSet> {
        throw new ZoomError('server_error', 'Zoom 503');
      },
    };
    const manager = createCredentialManager({ oauth, cipher, instanceId: 'i1', clock, sleep: noSleep });
    expect(
      (await manager.getAccessToken({ app: 'org', store: memory.store, seal: TEST_SEAL })).accessToken,
    ).toBe('a0');
    expect(memory.lease()).toBeNull();
    // Already expired: nothing to fall back to.
    memory.set(sealed('a0', 'r0', new Date(NOW.getTime() - 1)));
    const error = await manager
      .getAccessToken({ app: 'org', store: memory.store, seal: TEST_SEAL })
      .catch((e: unknown) => e);
    expect((error as ZoomError).code).toBe('server_error');
  });

  it('stores the rotated tokens even when the lease ran out during the refresh', async () => {
    const zoom = fakeZoom();
    const memory = memoryStore(sealed('a0', 'r0', new Date(NOW.getTime() - 1)));
    const store: CredentialStore = {
      ...memory.store,
      // The first save finds the lease gone (expired and dropped), as after a slow Zoom answer.
      saveRefreshed: (() => {
        let first = true;
        return async (holder: string, next: StoredCredential) => {
          if (first) {
            first = false;
            await memory.store.releaseRefreshLease(holder);
            return false;
          }
          return memory.store.saveRefreshed(holder, next);
        };
      })(),
    };
    const manager = createCredentialManager({ oauth: zoom, cipher, instanceId: 'i1', clock, sleep: noSleep });
    expect((await manager.getAccessToken({ app: 'org', store, seal: TEST_SEAL })).accessToken).toBe('a1');
    expect(cipher.open(memory.current()?.refreshToken ?? '', testField('refreshToken'))).toBe('r1');
    expect(memory.lease()).toBeNull();
  });

  it('waiters give up after the wait budget when a holder never finishes', async () => {
    let now = NOW.getTime();
    const movingClock = () => new Date(now);
    const memory = memoryStore(sealed('a0', 'r0', new Date(NOW.getTime() - 1)));
    await memory.store.claimRefreshLease('someone-else', new Date(now + 3_600_000));
    const manager = createCredentialManager({
      oauth: fakeZoom(),
      cipher,
      instanceId: 'i1',
      clock: movingClock,
      waitTimeoutMs: 1_000,
      sleep: async (ms) => {
        now += ms;
      },
    });
    const error = await manager
      .getAccessToken({ app: 'org', store: memory.store, seal: TEST_SEAL })
      .catch((e: unknown) => e);
    expect((error as ZoomError).code).toBe('server_error');
  });
});
