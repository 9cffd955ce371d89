/**
 * Service results → view models. The views never see services; the services never see Block Kit.
 * Pure functions, so the mapping is tested without Slack.
 */
import { readOrgLossReason } from '../domain/connection-loss.js';
import type {
  AuditEntry,
  ConnectedUser,
  ConnectedUsersCounts,
  ConnectedUsersFilter,
  MemberStatus,
  OrgConnectionView,
  RequestView,
  SettingsChange,
  WorkspaceSettings,
} from '../services/index.js';
import type {
  AuditEventRow,
  ConnectedUserRow,
  ConnectedUsersModel,
  MemberStatusModel,
  NoneReason,
  OrgHealthModel,
  OrgStatusReason,
  ParkedApprovalModel,
  PendingRequestRow,
  SettingsModel,
  SettingsSavedModel,
  UserFilter,
} from './views/index.js';
import { USER_FILTERS } from './views/index.js';

export function noneReasonOf(status: Pick<MemberStatus, 'reason'>): NoneReason {
  switch (status.reason) {
    case 'opted_out':
      return 'opted_out';
    case 'org_needs_reconnect':
      return 'org_needs_reconnect';
    case 'personal_needs_reconnect':
      return 'personal_needs_reconnect';
    default:
      return 'no_org_connection';
  }
}

export function toMemberStatusModel(
  status: MemberStatus,
  slackEmail: string | null,
  viewerIsAdmin = false,
): MemberStatusModel {
  const active =
    status.account && status.active !== 'none'
      ? { source: status.account.source, zoomEmail: status.account.zoomEmail, since: status.account.since }
      : null;
  return {
    active,
    orgBackup: status.backup === 'org',
    noneReason: active ? null : noneReasonOf(status),
    personal: status.personal ? status.personal.status : 'none',
    optOut: { allowed: status.allowUserOptOut, optedOut: status.optedOut },
    zoomMatch: status.zoomMatch,
    slackEmail,
    viewerIsAdmin,
  };
}

/** A stored reason → the reasons the views explain (what predates the fixed set reads as it meant). */
export function orgReasonOf(reason: string | null | undefined): OrgStatusReason {
  return readOrgLossReason(reason) ?? 'unknown';
}

export function toOrgHealthModel(org: OrgConnectionView | null): OrgHealthModel {
  if (!org)
    return {
      status: 'none',
      zoomEmail: null,
      connectedBy: null,
      since: null,
      lastCheckAt: null,
      reason: null,
    };
  return {
    status: org.status,
    zoomEmail: org.zoomEmail,
    connectedBy: org.connectedBy,
    since: org.status === 'active' ? org.connectedAt : org.statusChangedAt,
    lastCheckAt: org.lastCheckedAt,
    reason: org.status === 'active' ? null : orgReasonOf(org.statusReason),
  };
}

export function toSettingsModel(settings: WorkspaceSettings, workspaceName: string): SettingsModel {
  return {
    workspaceName,
    autoStartSummary: settings.autoStartSummary,
    allowUserOptOut: settings.allowUserOptOut,
    changedBy: settings.changedBy ?? null,
    changedAt: settings.changedAt ?? null,
  };
}

export function toSettingsSavedModel(change: SettingsChange, workspaceName: string): SettingsSavedModel {
  const moved = { toOrg: 0, toNone: 0, other: 0 };
  for (const c of change.accountChanges) {
    if (c.before === 'none' && c.after === 'org') moved.toOrg += 1;
    else if (c.before === 'org' && c.after === 'none') moved.toNone += 1;
    else moved.other += 1;
  }
  return {
    workspaceName,
    changes: change.changed.map((setting) => ({ setting, enabled: change.after[setting] })),
    moved,
  };
}

export function toPendingRow(request: RequestView): PendingRequestRow {
  return {
    requestId: request.id,
    kind: request.kind,
    requesterId: request.requesterId,
    recipientId: request.recipientId,
    expiresAt: request.expiresAt,
  };
}

export function toAuditRow(entry: AuditEntry): AuditEventRow {
  const { zoomEmail, kind } = entry.details;
  return {
    type: entry.type,
    actorId: /^[UW][A-Z0-9_]+$/.test(entry.actor) ? entry.actor : null,
    at: entry.at,
    zoomEmail: typeof zoomEmail === 'string' && zoomEmail !== '' ? zoomEmail : null,
    kind: kind === 'org' || kind === 'personal' ? kind : null,
  };
}

/** The views' filter names ↔ the service's. */
const TO_SERVICE_FILTER: Record<UserFilter, ConnectedUsersFilter> = {
  all: 'all',
  personal: 'personal',
  org: 'org',
  none: 'none',
  needs_reconnect: 'needs_reconnect',
  zoom_not_found: 'email_not_found',
  opted_out: 'opted_out',
};

export function serviceFilterOf(filter: UserFilter): ConnectedUsersFilter {
  return TO_SERVICE_FILTER[filter];
}

export function toCountsModel(counts: ConnectedUsersCounts): Record<UserFilter, number> {
  return {
    all: counts.total,
    personal: counts.personal,
    org: counts.org,
    none: counts.none,
    needs_reconnect: counts.personalNeedsReconnect,
    zoom_not_found: counts.emailNotFound,
    opted_out: counts.optedOut,
  };
}

export function toUserRow(user: ConnectedUser): ConnectedUserRow {
  return {
    userId: user.slackUserId,
    source: user.active,
    personal: user.personalStatus,
    // Personal: the Zoom user the member connected. Organization: meetings are hosted by the
    // member's own Zoom user, found by their Slack email.
    zoomEmail:
      user.active === 'personal' ? user.personalZoomEmail : user.active === 'org' ? user.email : null,
    slackEmail: user.email,
    zoomMatch: user.zoomMatch,
    optedOut: user.optedOut,
    isAdmin: user.isAdmin,
  };
}

/** The view filters worth offering (the service says which of its filters can match now). */
export function availableUserFilters(counts: Pick<ConnectedUsersCounts, 'available'>): UserFilter[] {
  const available = new Set(counts.available);
  return USER_FILTERS.filter((f) => available.has(TO_SERVICE_FILTER[f]));
}

export function toConnectedUsersModel(input: {
  filter: UserFilter;
  counts: ConnectedUsersCounts;
  page: number;
  pageSize: number;
  items: ConnectedUser[];
  search: string | null;
}): ConnectedUsersModel {
  const counts = toCountsModel(input.counts);
  return {
    filter: input.filter,
    filters: availableUserFilters(input.counts),
    counts,
    page: input.page,
    pageSize: input.pageSize,
    total: counts[input.filter],
    rows: input.items.map(toUserRow),
    search: input.search,
  };
}

/** A parked approval for the person deciding it; null when the request is not parked. */
export function toParkedModel(
  request: RequestView,
  context: {
    workspaceName: string;
    slackEmail: string | null;
    currentZoomEmail: string | null;
    currentServing?: boolean | undefined;
  },
): ParkedApprovalModel | null {
  const parked = request.parked;
  if (!parked) return null;
  return {
    requestId: request.id,
    kind: request.kind,
    reason: parked.reason,
    zoomEmail: parked.zoomEmail,
    slackEmail: context.slackEmail,
    account:
      request.kind === 'org' && parked.coverage
        ? { id: parked.zoomAccountId, name: parked.accountName, ...parked.coverage }
        : null,
    currentZoomEmail: context.currentZoomEmail,
    currentServing: context.currentServing ?? true,
    requesterId: request.requesterId,
    workspaceName: context.workspaceName,
    until: parked.until,
  };
}
