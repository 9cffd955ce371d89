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
  /** A Slack admin reads it: the way out is to connect for everyone, not to ask an admin. */
  viewerIsAdmin?: boolean | undefined;
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
  /** The recipient has no Zoom user with their email in the organization's current Zoom account. */
  recipientNoZoomUser?: boolean | undefined;
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
  /** The Zoom account now serving, with the members found there by email. */
  account: AccountCoverageModel | null;
}

export interface AccountCoverageModel {
  id: string;
  name: string | null;
  found: number;
  total: number;
}

/** Why Zoom said yes and Slack has not yet (DESIGN §3.2a). */
export type ParkedReasonModel = 'email_mismatch' | 'other_account' | 'zero_coverage' | 'requester_not_admin';

/** A parked approval as the person who must decide it sees it (DM, Home, /zoom-status). */
export interface ParkedApprovalModel {
  requestId: string;
  kind: 'org' | 'personal';
  reason: ParkedReasonModel;
  /** The Zoom user who signed in. */
  zoomEmail: string;
  /** Personal: the member's Slack email (what it did not match). */
  slackEmail: string | null;
  /** Org: the approving account and its coverage. */
  account: AccountCoverageModel | null;
  /** Org, other_account: the account connected now, and whether it still serves meanwhile. */
  currentZoomEmail: string | null;
  currentServing?: boolean | undefined;
  requesterId: string;
  workspaceName: string;
  until: Date;
}

/** What became of a parked approval (its DMs are replaced by this). */
export interface ParkedDecidedModel {
  kind: 'org' | 'personal';
  outcome: 'confirmed' | 'cancelled' | 'expired';
  zoomEmail: string;
  actorId: string | null;
  account: AccountCoverageModel | null;
  at: Date;
}

/** A request DM whose buttons no longer apply: what happened to it. */
export interface RequestClosedModel {
  status:
    | 'completed'
    | 'superseded'
    | 'declined'
    | 'cancelled'
    | 'expired'
    | 'forwarded'
    | 'replaced'
    | 'awaiting_confirmation';
  workspaceName: string;
  /** Who asked: the rewritten DM still says which request it was. */
  requesterId?: string | undefined;
  /** Who closed it (decline, cancel, forward, the admin who connected). */
  actorId: string | null;
  /** completed / superseded / awaiting_confirmation: the Zoom user who signed in. */
  zoomEmail: string | null;
  /** forwarded: to whom. */
  toId: string | null;
  at: Date;
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
  /** Which workspace stopped (an admin of several Grid workspaces must tell them apart). */
  workspaceName?: string | undefined;
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
  /** The Zoom user serving the member: the personal connection's, or their own in the organization's account. */
  zoomEmail: string | null;
  slackEmail: string | null;
  zoomMatch: ZoomMatch;
  /** Only true while the workspace allows opting out (an opt-out changes nothing otherwise). */
  optedOut: boolean;
  isAdmin: boolean;
}

export interface ConnectedUsersModel {
  filter: UserFilter;
  /** The filters offered now ("Opted out" only while allowed, "No Zoom user" only with an organization account). */
  filters: readonly UserFilter[];
  counts: Record<UserFilter, number>;
  /** Zero-based page index and page size used by the service. */
  page: number;
  pageSize: number;
  /** Total rows matching the filter (and the search). */
  total: number;
  rows: ConnectedUserRow[];
  /** The name or email searched for (the list modal), null when none. */
  search: string | null;
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
  /** Members who chose to stop using the organization connection (told when the opt-out setting moves them). */
  optedOutMembers?: number | undefined;
  changedBy: string | null;
  changedAt: Date | null;
  privateMetadata?: string;
}

/** The admin's confirmation after saving the settings: what changed and who was told. */
export interface SettingsSavedModel {
  workspaceName: string;
  /** The settings whose value changed, with their new value. */
  changes: Array<{ setting: 'autoStartSummary' | 'allowUserOptOut'; enabled: boolean }>;
  /** Members whose active account the change moved (each is sent an AccountChangedModel DM). */
  moved: { toOrg: number; toNone: number; other: number };
}

/** A member's DM after the opt-out setting changed what they use. */
export interface AccountChangedModel {
  workspaceName: string;
  /** The Slack admin who changed the setting. */
  actorId: string;
  /** The opt-out setting as it is now. */
  optOutAllowed: boolean;
  before: AccountSource | 'none';
  after: AccountSource | 'none';
  /** The Zoom user hosting their meetings now (the organization's account: their own, by email). */
  zoomEmail: string | null;
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
  /** The Zoom user it was about (who approved in Zoom, which account was connected), when known. */
  zoomEmail: string | null;
  /** For requests: an organization approval link or a member's personal connect link. */
  kind: 'org' | 'personal' | null;
}

export interface HomeModel {
  userId: string;
  isAdmin: boolean;
  status: MemberStatusModel;
  /** Approvals waiting for this person's yes (their own personal one; org ones for admins). */
  parked: ParkedApprovalModel[];
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

/** A connection alert that no longer applies: it works again. */
export interface AlertResolvedModel {
  kind: 'org' | 'personal';
  workspaceName: string;
  zoomEmail: string;
  at: Date;
}
