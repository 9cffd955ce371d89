/** Test factories for the view models: `buildX(overrides)`, plus "huge" variants that stress the limits. */
import type {
  ApprovalRequestModel,
  AuditEventRow,
  ConnectedUserRow,
  ConnectedUsersModel,
  HomeModel,
  MemberStatusModel,
  OrgHealthModel,
  ParkedApprovalModel,
  PendingRequestRow,
  RequestsModel,
  SettingsModel,
  UserFilter,
} from '../../../src/slack/views/models.js';
import { USER_FILTERS } from '../../../src/slack/views/models.js';

export const NOW = new Date('2026-11-28T12:00:00Z');
/** 50 characters, with every mrkdwn control character and a mention attempt. */
export const NASTY_50 = '<!channel> & <@U999|x> Zoë “Ärger” <b>ok</b> *_~`!';
export const LONG_EMAIL = `${'a'.repeat(60)}.${'b'.repeat(60)}@${'c'.repeat(50)}.example.com`;

export function buildStatus(overrides: Partial<MemberStatusModel> = {}): MemberStatusModel {
  return {
    active: { source: 'org', zoomEmail: 'ana@acme.test', since: NOW },
    orgBackup: false,
    noneReason: null,
    personal: 'none',
    optOut: { allowed: false, optedOut: false },
    zoomMatch: 'found',
    slackEmail: 'ana@acme.test',
    ...overrides,
  };
}

export function buildRequest(i: number, overrides: Partial<PendingRequestRow> = {}): PendingRequestRow {
  return {
    requestId: `req${i}`,
    kind: i % 3 === 0 ? 'personal' : 'org',
    requesterId: `U${1000 + i}`,
    recipientId: i % 2 === 0 ? `U${2000 + i}` : null,
    expiresAt: new Date(NOW.getTime() + 86_400_000 * ((i % 7) + 1)),
    ...overrides,
  };
}

export function buildRequests(n: number): RequestsModel {
  return { requests: Array.from({ length: n }, (_, i) => buildRequest(i)), total: n };
}

export function buildUserRow(i: number, overrides: Partial<ConnectedUserRow> = {}): ConnectedUserRow {
  const kinds: ConnectedUserRow['source'][] = ['personal', 'org', 'none'];
  return {
    userId: `U${10000 + i}`,
    source: kinds[i % 3] ?? 'none',
    personal: i % 5 === 0 ? 'needs_reconnect' : i % 3 === 0 ? 'active' : 'none',
    zoomEmail: `member${i}@acme.test`,
    slackEmail: `member${i}@acme.test`,
    zoomMatch: i % 4 === 0 ? 'not_found' : 'found',
    optedOut: i % 6 === 0,
    isAdmin: i % 10 === 0,
    ...overrides,
  };
}

function counts(n: number): Record<UserFilter, number> {
  return { all: n, personal: n, org: n, none: n, needs_reconnect: n, zoom_not_found: n, opted_out: n };
}

export function buildUsers(overrides: Partial<ConnectedUsersModel> = {}): ConnectedUsersModel {
  const rows = Array.from({ length: 5 }, (_, i) => buildUserRow(i));
  return {
    filter: 'all',
    filters: USER_FILTERS,
    counts: counts(5),
    page: 0,
    pageSize: 25,
    total: 5,
    rows,
    search: null,
    ...overrides,
  };
}

export function buildHugeUsers(): ConnectedUsersModel {
  // A page far bigger than any sane page size, long emails everywhere, 100,000-member counts.
  const rows = Array.from({ length: 2000 }, (_, i) =>
    buildUserRow(i, { zoomEmail: LONG_EMAIL, slackEmail: LONG_EMAIL, zoomMatch: 'not_found' }),
  );
  return {
    filter: 'zoom_not_found',
    filters: USER_FILTERS,
    counts: counts(100_000),
    page: 7,
    pageSize: 50,
    total: 100_000,
    rows,
    search: NASTY_50,
  };
}

export function buildSettings(overrides: Partial<SettingsModel> = {}): SettingsModel {
  return {
    workspaceName: 'Acme',
    autoStartSummary: true,
    allowUserOptOut: false,
    changedBy: 'U1',
    changedAt: NOW,
    ...overrides,
  };
}

export function buildOrg(overrides: Partial<OrgHealthModel> = {}): OrgHealthModel {
  return {
    status: 'active',
    zoomEmail: 'zoom-admin@acme.test',
    connectedBy: 'U1',
    since: NOW,
    lastCheckAt: NOW,
    reason: null,
    ...overrides,
  };
}

export function buildAudit(n: number, type = 'settings_changed'): AuditEventRow[] {
  return Array.from({ length: n }, (_, i) => ({
    type: i % 2 ? type : `custom_${NASTY_50}`,
    actorId: `U${i + 1}`,
    at: NOW,
    zoomEmail: i % 3 ? null : LONG_EMAIL,
    kind: null,
  }));
}

export type AdminData = NonNullable<HomeModel['admin']>;

export function buildAdminData(overrides: Partial<AdminData> = {}): AdminData {
  return {
    org: buildOrg(),
    requests: buildRequests(2),
    settings: buildSettings(),
    users: buildUsers(),
    audit: buildAudit(3),
    ...overrides,
  };
}

export function buildHome(overrides: Partial<HomeModel> = {}): HomeModel {
  return {
    userId: 'U1',
    isAdmin: true,
    status: buildStatus(),
    parked: [],
    admin: buildAdminData(),
    ...overrides,
  };
}

export function buildParked(overrides: Partial<ParkedApprovalModel> = {}): ParkedApprovalModel {
  return {
    requestId: '65a000000000000000000001',
    kind: 'org',
    reason: 'other_account',
    zoomEmail: 'owner@globex.test',
    slackEmail: null,
    account: { id: 'globex', name: 'Globex', found: 1, total: 6 },
    currentZoomEmail: 'zoom-admin@acme.test',
    requesterId: 'U_SAM',
    workspaceName: 'Acme',
    until: NOW,
    ...overrides,
  };
}

export function buildHugeHome(): HomeModel {
  return buildHome({
    parked: Array.from({ length: 30 }, (_, i) =>
      buildParked({
        requestId: `65a0000000000000000000${String(i).padStart(2, '0')}`,
        zoomEmail: LONG_EMAIL,
        workspaceName: NASTY_50,
        account: { id: NASTY_50, name: NASTY_50, found: 0, total: 100_000 },
        currentZoomEmail: LONG_EMAIL,
      }),
    ),
    status: buildStatus({
      active: { source: 'personal', zoomEmail: LONG_EMAIL, since: NOW },
      orgBackup: true,
      personal: 'active',
      optOut: { allowed: true, optedOut: false },
      slackEmail: LONG_EMAIL,
    }),
    admin: {
      org: buildOrg({ status: 'needs_reconnect', reason: 'admin_role_lost', zoomEmail: LONG_EMAIL }),
      requests: buildRequests(500),
      settings: buildSettings({ workspaceName: NASTY_50 }),
      users: buildHugeUsers(),
      audit: buildAudit(5000),
    },
  });
}

export function buildApproval(overrides: Partial<ApprovalRequestModel> = {}): ApprovalRequestModel {
  return {
    requestId: 'req1',
    requesterId: 'U1',
    workspaceName: 'Acme',
    url: 'https://zoom-connect.example.com/zoom/approve/tok_abc',
    expiresAt: NOW,
    note: null,
    forwardedBy: null,
    ...overrides,
  };
}
