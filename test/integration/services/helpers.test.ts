// Pure helpers of the service layer (no database needed): cursors, page sizes, guards.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isServiceError } from '../../../src/services/errors.js';
import { checkUserId, checkWorkspaceId, requirePermission } from '../../../src/services/guard.js';
import { decodeCursor, encodeCursor, pageLimit } from '../../../src/services/paging.js';

const schema = z.object({ s: z.string(), u: z.string() });

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return isServiceError(error) ? error.code : 'other';
  }
}

describe('cursors and page sizes', () => {
  it('round-trips a cursor and rejects anything else as invalid_input', () => {
    const cursor = encodeCursor({ s: 'ann', u: 'U1' });
    expect(decodeCursor(cursor, schema)).toEqual({ s: 'ann', u: 'U1' });
    expect(codeOf(() => decodeCursor('%%%', schema))).toBe('invalid_input');
    expect(codeOf(() => decodeCursor(encodeCursor({ s: 1 }), schema))).toBe('invalid_input');
    expect(codeOf(() => decodeCursor(Buffer.from('not json').toString('base64url'), schema))).toBe(
      'invalid_input',
    );
  });

  it('caps page sizes and refuses non-positive ones', () => {
    expect(pageLimit(undefined, 20)).toBe(20);
    expect(pageLimit(5, 20)).toBe(5);
    expect(pageLimit(500, 20)).toBe(20);
    expect(codeOf(() => pageLimit(0, 20))).toBe('invalid_input');
    expect(codeOf(() => pageLimit(1.5, 20))).toBe('invalid_input');
  });
});

describe('guards', () => {
  it('accepts Slack-shaped ids and refuses operators, dots and oversize values', () => {
    expect(codeOf(() => checkWorkspaceId('T0123ABC'))).toBeNull();
    expect(codeOf(() => checkUserId('W0123ABC'))).toBeNull();
    for (const bad of ['', 'T.1', '$ne', 'x'.repeat(65)]) {
      expect(codeOf(() => checkWorkspaceId(bad))).toBe('invalid_input');
      expect(codeOf(() => checkUserId(bad))).toBe('invalid_input');
    }
    expect(codeOf(() => checkWorkspaceId({ $ne: 1 } as unknown as string))).toBe('invalid_input');
  });

  it('only asks the admin check when the action needs it', async () => {
    let asked = 0;
    const admin = {
      async isAdmin() {
        asked += 1;
        return false;
      },
      async isAdminFresh() {
        asked += 1;
        return false;
      },
    };
    await requirePermission(admin, 'T1', 'U1', 'opt_in', { allowUserOptOut: false });
    expect(asked).toBe(0);
    await expect(
      requirePermission(admin, 'T1', 'U1', 'opt_out', { allowUserOptOut: false }),
    ).rejects.toMatchObject({
      code: 'not_allowed',
    });
    await expect(
      requirePermission(admin, 'T1', 'U1', 'change_settings', { allowUserOptOut: true }),
    ).rejects.toMatchObject({
      code: 'not_admin',
    });
    expect(asked).toBe(1);
  });
});
