// Test data builders: sensible defaults, every field overridable.
import type { MemberDoc } from '../../src/db/models/member.js';
import type { SlackProfile } from '../../src/services/ports.js';
import type { ZoomTokenSet, ZoomUser } from '../../src/zoom/contracts.js';

let seq = 0;
const next = () => {
  seq += 1;
  return seq;
};

export function buildSlackProfile(overrides: Partial<SlackProfile> = {}): SlackProfile {
  const n = next();
  const id = overrides.id ?? `U${String(n).padStart(8, '0')}`;
  return {
    id,
    name: `user${n}`,
    realName: `User ${n}`,
    email: `user${n}@acme.test`,
    deleted: false,
    isBot: false,
    isAdmin: false,
    isOwner: false,
    isPrimaryOwner: false,
    locale: 'en-US',
    tz: 'Europe/Paris',
    ...overrides,
  };
}

export function buildAdminProfile(overrides: Partial<SlackProfile> = {}): SlackProfile {
  return buildSlackProfile({ isAdmin: true, ...overrides });
}

export function buildMember(overrides: Partial<MemberDoc> = {}): MemberDoc {
  const n = next();
  const realName = overrides.realName ?? `Member ${String(n).padStart(5, '0')}`;
  return {
    workspaceId: 'T00000001',
    slackUserId: `U${String(n).padStart(8, '0')}`,
    name: `member${n}`,
    realName,
    sortName: realName.toLowerCase(),
    email: `member${n}@acme.test`,
    isAdmin: false,
    isOwner: false,
    isPrimaryOwner: false,
    enterpriseAdmin: false,
    enterpriseOwner: false,
    deleted: false,
    optedOut: false,
    personalStatus: 'none',
    zoomMatch: 'unknown',
    updatedAt: new Date(),
    ...overrides,
  };
}

export function buildZoomUser(overrides: Partial<ZoomUser> = {}): ZoomUser {
  const n = next();
  return {
    id: `zu${n}`,
    email: `zoom${n}@acme.test`,
    firstName: 'Zoom',
    lastName: `User${n}`,
    type: 2,
    roleName: 'Member',
    accountId: 'acme',
    status: 'active',
    ...overrides,
  };
}

export function buildTokenSet(overrides: Partial<ZoomTokenSet> = {}): ZoomTokenSet {
  const n = next();
  return {
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    expiresAt: new Date(Date.now() + 3599_000),
    scope: 'meeting:write',
    ...overrides,
  };
}
