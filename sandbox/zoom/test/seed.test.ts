/** Seed validation: a misspelt key or a duplicate must stop the stand-in, not start it half-empty. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ZOOM_SEED, parseZoomSeed } from '../index.js';

const app = { kind: 'user', client_id: 'a', client_secret: 's', webhook_secret: 'w' } as const;

describe('parseZoomSeed', () => {
  it('accepts the default seed and fills the defaults', () => {
    const seed = parseZoomSeed(DEFAULT_ZOOM_SEED);
    expect(seed.users).toHaveLength(5);
    expect(seed.meeting_daily_limit).toBe(100);
    expect(parseZoomSeed(seed)).toEqual(seed);
  });

  it('rejects unknown keys at every level (a typo would otherwise start an empty account)', () => {
    expect(() => parseZoomSeed({ userz: [{ email: 'a@x.test' }] })).toThrowError(/Invalid Zoom seed.*userz/s);
    expect(() => parseZoomSeed({ users: [{ email: 'a@x.test', role: 'Admin' }] })).toThrowError(
      /Invalid Zoom seed.*role/s,
    );
    expect(() => parseZoomSeed({ apps: [{ ...app, clientSecret: 'x' }] })).toThrowError(
      /Invalid Zoom seed.*clientSecret/s,
    );
    expect(() => parseZoomSeed({ account: { id: 'a', name: 'A', region: 'eu' } })).toThrowError(
      /Invalid Zoom seed.*region/s,
    );
  });

  it('rejects duplicate emails (case-insensitive), user ids and client ids', () => {
    expect(() => parseZoomSeed({ users: [{ email: 'a@x.test' }, { email: 'A@x.test' }] })).toThrowError(
      /duplicate email "a@x\.test"/,
    );
    expect(() =>
      parseZoomSeed({
        users: [
          { email: 'a@x.test', id: 'same' },
          { email: 'b@x.test', id: 'same' },
        ],
      }),
    ).toThrowError(/duplicate id "same"/);
    expect(() => parseZoomSeed({ apps: [app, { ...app, kind: 'admin' }] })).toThrowError(
      /duplicate client_id "a"/,
    );
  });
});
