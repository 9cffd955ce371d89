/**
 * View models: the small, plain inputs of the views. Listeners map service results onto them,
 * so views never depend on services or the database. Dates are Date objects; Slack user ids
 * are raw ids (`U123`), rendered as mentions by the views. All strings may be user-provided:
 * the views escape them.
 */
import type { OrgLossReason } from '../../domain/connection-loss.js';
import type { MeetingEndReason } from '../../domain/meeting-end.js';
import type { ConnectScope, DisconnectChoice, OrgPath } from './ids.js';
import type { MeetingListModel } from './meeting-list.js';

export type AccountSource = 'personal' | 'org';
export type OrgConnectionStatus = 'active' | 'needs_reconnect' | 'disconnected';
export type PersonalStatus = 'none' | 'active' | 'needs_reconnect';
/** Why no account is active (DESIGN §3.1 step 3); same names as the domain's PrecedenceReason. */
export type NoneReason =
  | 'no_org_connection'
  | 'org_needs_reconnect'
  | 'org_disconnected'
  | 'opted_out'
  | 'personal_needs_reconnect';
export type ZoomMatch = 'unknown' | 'found' | 'not_found';

/** A member's precedence result, as /zoom-status and the Home tab show it. */
export interface MemberStatusModel {
  /** The account used now; null when none. */
  active: { source: AccountSource; zoomEmail: string | null; since: Date | null } | null;
  /** True when the organization connection would serve if the personal one went away (shown as backup). */
  orgBackup: boolean;
  /** Set when `active` is null. */
  noneReason: NoneReason | null;
  personal: PersonalStatus;
  /** Opt-out of the organization connection: allowed by the workspace settings, and the member's choice. */
  optOut: { allowed: boolean; optedOut: boolean };
  /** Whether the member's Slack email matches a Zoom user in the organization's Zoom account. */
  zoomMatch: ZoomMatch;
  /** The member's Slack email (shown in diagnostics only). */
  slackEmail: string | null;
}

export interface ConnectModalModel {
  isAdmin: boolean;
  workspaceName: string;
  /** Current choices (the listener re-renders the modal with views.update when a radio changes). */
  scope: ConnectScope | null;
  orgPath: OrgPath | null;
  /** `/zoom-connect personal|org` skip the scope choice. */
  scopeLocked: boolean;
  org: { status: OrgConnectionStatus; zoomEmail: string | null } | null;
  personal: { status: PersonalStatus; zoomEmail: string | null };
  privateMetadata?: string;
}

export interface ConnectResultModel {
  kind: 'org' | 'personal';
  url: string;
  /** The Slack user the request was sent to (org path "send"), else null. */
  recipientId: string | null;
  expiresAt: Date;
}

export interface ForwardModalModel {
  requestId: string;
  requesterId: string;
  privateMetadata?: string;
}

export interface ApprovalRequestModel {
  requestId: string;
  requesterId: string;
  workspaceName: string;
  url: string;
  expiresAt: Date;
  note: string | null;
  /** Who forwarded it to the recipient, when forwarded. */
  forwardedBy: string | null;
}

export interface RequestCompletedModel {
  workspaceName: string;
  /** The Zoom user who approved (the org connection's Zoom user). */
  zoomEmail: string;
  audience: 'requester' | 'approver';
}

export interface RequestDeclinedModel {
  workspaceName: string;
  declinedBy: string;
}

export interface NotZoomAdminModel {
  zoomEmail: string;
  roleName: string;
}

export interface RequestExpiredModel {
  workspaceName: string;
  expiredAt: Date;
  recipientId: string | null;
  kind: 'org' | 'personal';
}

export interface RequestForwardedModel {
  fromId: string;
  toId: string;
}

/** Why the organization connection stopped (the domain's fixed set), or `unknown` for what predates it. */
export type OrgStatusReason = OrgLossReason | 'unknown';

export interface OrgConnectionAlertModel {
  status: 'needs_reconnect' | 'disconnected';
  reason: OrgStatusReason;
  zoomEmail: string | null;
  /** For `admin_disconnected`. */
  actorId: string | null;
  since: Date;
  affectedMembers: number | null;
  /** Who did it in Zoom (an email), when Zoom said. */
  zoomOperator?: string | null | undefined;
  lastCheckedAt?: Date | null | undefined;
  /** Upcoming meetings made through it: those that keep working and those that ended. */
  meetings?: { keepWorking: MeetingRef[]; ended: MeetingRef[] } | undefined;
}

export interface MeetingRef {
  topic: string;
  startTime: Date | null;
  joinUrl: string | null;
  /** Null: it keeps working. */
  endReason?: MeetingEndReason | null | undefined;
  /** For ended ones: the host's Zoom email the reason names. */
  hostEmail?: string | undefined;
  /** Whose meeting (admins' lists name the member). */
  slackUserId?: string | undefined;
}

export interface AffectedMeetingsModel {
  meetings: MeetingRef[];
  hasPersonal: boolean;
}

export interface PersonalConnectedModel {
  zoomEmail: string;
  orgBackup: boolean;
}

export interface PersonalDisconnectedModel {
  zoomEmail: string | null;
  reason: 'by_user' | 'needs_reconnect' | 'removed';
  /** The organization connection serves meanwhile. */
  orgTakesOver: boolean;
}

export interface OtherUserStatusModel {
  userId: string;
  slackEmail: string | null;
  isAdmin: boolean;
  status: MemberStatusModel;
}

export type UserFilter =
  | 'all'
  | 'personal'
  | 'org'
  | 'none'
  | 'needs_reconnect'
  | 'zoom_not_found'
  | 'opted_out';
export const USER_FILTERS: readonly UserFilter[] = [
  'all',
  'personal',
  'org',
  'none',
  'needs_reconnect',
  'zoom_not_found',
  'opted_out',
];

export interface ConnectedUserRow {
  userId: string;
  /** The account in use for this member. */
  source: AccountSource | 'none';
  personal: PersonalStatus;
  zoomEmail: string | null;
  slackEmail: string | null;
  zoomMatch: ZoomMatch;
  optedOut: boolean;
  isAdmin: boolean;
}

export interface ConnectedUsersModel {
  filter: UserFilter;
  counts: Record<UserFilter, number>;
  /** Zero-based page index and page size used by the service. */
  page: number;
  pageSize: number;
  /** Total rows matching the filter. */
  total: number;
  rows: ConnectedUserRow[];
}

export interface PendingRequestRow {
  requestId: string;
  kind: 'org' | 'personal';
  requesterId: string;
  recipientId: string | null;
  expiresAt: Date;
}

export interface RequestsModel {
  requests: PendingRequestRow[];
  /** Total pending (may exceed `requests.length` when the caller sent only a page). */
  total: number;
}

export interface SettingsModel {
  workspaceName: string;
  autoStartSummary: boolean;
  allowUserOptOut: boolean;
  changedBy: string | null;
  changedAt: Date | null;
  privateMetadata?: string;
}

export interface DisconnectModalModel {
  isAdmin: boolean;
  personal: { status: PersonalStatus; zoomEmail: string | null };
  org: { status: OrgConnectionStatus; zoomEmail: string | null } | null;
  optOut: { allowed: boolean; optedOut: boolean };
  /** The current choice (re-rendered on change, so the org impact shows only when chosen). */
  selected: DisconnectChoice | null;
  /** Impact of disconnecting the organization (from previewOrgDisconnect). */
  impact: {
    members: number;
    upcomingMeetings: number;
    /** The first of them, with join links (they keep working). */
    meetings?: MeetingRef[] | undefined;
    lastCheckedAt?: Date | null | undefined;
  } | null;
  privateMetadata?: string;
}

export interface MeetingModel {
  topic: string;
  joinUrl: string;
  meetingId: string;
  hostEmail: string;
  source: AccountSource;
  createdBy: string;
  startTime: Date | null;
  autoStartSummary: boolean;
  /** Instant (started when made): no planned time is shown. */
  instant?: boolean | undefined;
  durationMinutes?: number | undefined;
  invitees?: string[] | undefined;
}

export interface NoAccountModel {
  reason: NoneReason;
}

export interface ZoomUserNotFoundModel {
  email: string;
}

export interface NewMeetingModalModel {
  topic?: string;
  privateMetadata?: string;
  /** The member's wall clock now (date `YYYY-MM-DD`, time `HH:mm`) and zone: the pickers' defaults. */
  date?: string | undefined;
  time?: string | undefined;
  timeZone?: string | undefined;
  durationMinutes?: number | undefined;
  invitees?: string[] | undefined;
  channelId?: string | undefined;
  /** Which account will host it (null: none known yet; the submission says if there is none). */
  host?: { source: AccountSource; zoomEmail: string | null } | null | undefined;
}

export interface OrgHealthModel {
  status: OrgConnectionStatus | 'none';
  zoomEmail: string | null;
  connectedBy: string | null;
  since: Date | null;
  lastCheckAt: Date | null;
  reason: OrgStatusReason | null;
}

export interface AuditEventRow {
  type: string;
  actorId: string | null;
  at: Date;
}

export interface HomeModel {
  userId: string;
  isAdmin: boolean;
  status: MemberStatusModel;
  /** The member's upcoming meetings made through the app (absent: the section is not shown). */
  meetings?: MeetingListModel | undefined;
  /** Present only for admins; ignored otherwise. */
  admin: {
    org: OrgHealthModel;
    requests: RequestsModel;
    settings: SettingsModel;
    users: ConnectedUsersModel;
    audit: AuditEventRow[];
  } | null;
}
