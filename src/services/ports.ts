import type { Logger } from 'pino';
import type { TokenCipher } from '../crypto/token-cipher.js';
import type { OrgLossReason } from '../domain/connection-loss.js';
import type { MeetingEndReason } from '../domain/meeting-end.js';
import type { ZoomGateway } from '../zoom/contracts.js';
import type { RequestView } from './approvals/index.js';
import type { MeetingEndedEvent } from './meetings/model.js';

/** A Slack user as the core needs it. The Slack layer maps `users.info` / `users.list` to this. */
export interface SlackProfile {
  id: string;
  name: string;
  realName?: string | undefined;
  displayName?: string | undefined;
  email?: string | undefined;
  deleted: boolean;
  isBot?: boolean | undefined;
  isAdmin: boolean;
  isOwner: boolean;
  isPrimaryOwner: boolean;
  /** Enterprise Grid: `enterprise_user.is_admin` / `is_owner`. */
  enterpriseUser?: { isAdmin: boolean; isOwner: boolean } | undefined;
  locale?: string | undefined;
  tz?: string | undefined;
}

/** Read access to a workspace's Slack directory; implemented by the Slack layer with WebClient. */
export interface SlackDirectory {
  userInfo(workspaceId: string, userId: string): Promise<SlackProfile | null>;
  listUsers(
    workspaceId: string,
    cursor?: string,
  ): Promise<{ users: SlackProfile[]; nextCursor?: string | undefined }>;
}

/** Seals small secrets at rest, bound to their record (the PKCE verifier, the link token). src/crypto's TokenCipher. */
export type SecretCipher = Pick<TokenCipher, 'seal' | 'open'>;

export type Clock = () => Date;

export interface CommonDeps {
  clock?: Clock | undefined;
  logger?: Logger | undefined;
}

export type { ZoomGateway };

/**
 * Tells people about changes nobody in Slack made (Zoom webhooks, health checks). Implemented by
 * the Slack layer (DMs); optional — without it the changes are still stored and audited.
 */
export interface CoreNotifier {
  /** Admins are told at once; members are told which of their upcoming meetings are affected. */
  orgConnectionLost(event: OrgConnectionLostEvent): Promise<void>;
  /** A request expired unused: its requester is told (with a way to make a new link). */
  requestExpired(request: RequestView): Promise<void>;
  /** An org request still pending after 24 h: its recipient is reminded once. */
  approvalReminder(request: RequestView, link: string): Promise<void>;
  personalConnectionLost(event: {
    workspaceId: string;
    slackUserId: string;
    reason: string;
    zoomEmail?: string | null | undefined;
  }): Promise<void>;
  /** A meeting made through the app ended: its posts and DMs are updated, its host offered to create it again. */
  meetingEnded(event: MeetingEndedEvent): Promise<void>;
}

export interface UpcomingMeeting {
  slackUserId: string;
  meetingId: string;
  topic: string;
  startTime: Date;
  joinUrl: string;
  /** The host's Zoom email (the member's own Zoom user). */
  hostEmail: string;
  /** Null: it keeps working (hosted by the member's own Zoom user). Otherwise why it can no longer be joined. */
  endReason: MeetingEndReason | null;
}

export interface OrgConnectionLostEvent {
  workspaceId: string;
  status: 'needs_reconnect' | 'disconnected';
  reason: OrgLossReason;
  /** The Slack admin who disconnected it, or null when Zoom or the system did. */
  actorId: string | null;
  zoomEmail: string | null;
  /** Members it was serving when it stopped. */
  membersRelying: number;
  /** Upcoming meetings made through it: most keep working; those whose host Zoom user is gone do not. */
  meetings: UpcomingMeeting[];
  /** The last time the health check found it working. */
  lastCheckedAt: Date | null;
  /** Who did it in Zoom (the event's operator email), when Zoom says. */
  zoomOperator: string | null;
}

/**
 * Runs `work` after the current answer (app.ts passes the after-ack queue, src/after-ack.ts): a
 * change is stored before the answer, the people it concerns are told after it.
 */
export type Defer = (label: string, context: Record<string, unknown>, work: () => Promise<void>) => void;
