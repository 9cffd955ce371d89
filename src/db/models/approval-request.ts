import { type Connection, type Model, Schema, type Types } from 'mongoose';

export type ApprovalKind = 'org' | 'personal';
/**
 * `awaiting_confirmation`: Zoom approved, but the account is parked until someone confirms in
 * Slack (a personal link finished with another Zoom user, an org approval for another Zoom
 * account or covering nobody). `superseded`: another org request of the workspace completed first.
 */
export type ApprovalStatus =
  | 'pending'
  | 'awaiting_confirmation'
  | 'completed'
  | 'declined'
  | 'cancelled'
  | 'expired'
  | 'superseded';

export type ParkedReason = 'email_mismatch' | 'other_account' | 'zero_coverage' | 'requester_not_admin';

/** A Zoom approval waiting for a yes in Slack: who signed in, and the grant it holds meanwhile. */
export interface ParkedApproval {
  reason: ParkedReason;
  zoomUserId: string;
  zoomEmail: string;
  zoomAccountId: string;
  /** The Zoom account's name as Zoom gives it (the approver's `company`), or null. */
  accountName: string | null;
  zoomRole: string;
  /** Org: members found by email in that account. */
  coverage?: { found: number; total: number } | undefined;
  grantId: Types.ObjectId;
  parkedAt: Date;
  /** Unconfirmed by then: the grant is released and the request expires. */
  until: Date;
}

/** A link token that no longer works because the request was forwarded (its page says so). */
export interface FormerToken {
  hash: string;
  forwardedTo: string;
  forwardedBy: string;
  at: Date;
}

/** A DM the app sent about this request; updated when its buttons no longer apply. */
export interface RequestMessage {
  userId: string;
  channel: string;
  ts: string;
  /**
   * What the DM is: the request to its recipient, the request's outcome to its requester, or a
   * parked approval put to the person who must decide it (the member, or each Slack admin).
   */
  role: 'recipient' | 'requester' | 'decider';
}

/** One click on the link: its OAuth state (hash only) and the PKCE verifier (encrypted). */
export interface ApprovalAttempt {
  stateHash: string;
  codeVerifier: string;
  expiresAt: Date;
}

export interface ApprovalRequestDoc {
  _id: Types.ObjectId;
  workspaceId: string;
  kind: ApprovalKind;
  requesterId: string;
  recipientId?: string | undefined;
  note?: string | undefined;
  status: ApprovalStatus;
  createdAt: Date;
  /** When the current link was issued (creation or the last resend): the reminder counts from here. */
  issuedAt: Date;
  expiresAt: Date;
  /** sha256 of the link token; the token itself is kept only encrypted (for reminders). */
  tokenHash: string;
  tokenSealed: string;
  attempts: ApprovalAttempt[];
  /** The callback that claimed the request holds it until `until`; an expired claim counts as free. */
  completion?: { holder: string; until: Date } | undefined;
  completedAt?: Date | undefined;
  completedZoomEmail?: string | undefined;
  /** Org: the Zoom account it connected and the members found there by email. */
  completedAccount?: { id: string; name: string | null; found: number; total: number } | undefined;
  parked?: ParkedApproval | undefined;
  formerTokens?: FormerToken[] | undefined;
  /** superseded: the org request that completed instead, who connected and when. */
  supersededBy?: { requestId: string; zoomEmail: string; connectedBy: string; at: Date } | undefined;
  messages?: RequestMessage[] | undefined;
  finishedBy?: string | undefined;
  finishedAt?: Date | undefined;
  reminderSentAt?: Date | undefined;
  /** TTL: the document disappears 30 days after it stopped mattering. */
  purgeAt: Date;
}

const schema = new Schema<ApprovalRequestDoc>({
  workspaceId: { type: String, required: true },
  kind: { type: String, required: true, enum: ['org', 'personal'] },
  requesterId: { type: String, required: true },
  recipientId: String,
  note: String,
  status: {
    type: String,
    required: true,
    enum: ['pending', 'awaiting_confirmation', 'completed', 'declined', 'cancelled', 'expired', 'superseded'],
  },
  createdAt: { type: Date, required: true },
  issuedAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  tokenHash: { type: String, required: true },
  tokenSealed: { type: String, required: true },
  attempts: {
    type: [
      new Schema<ApprovalAttempt>(
        { stateHash: String, codeVerifier: String, expiresAt: Date },
        { _id: false },
      ),
    ],
    default: [],
  },
  completion: { type: new Schema({ holder: String, until: Date }, { _id: false }), default: undefined },
  completedAt: Date,
  completedZoomEmail: String,
  completedAccount: {
    type: new Schema({ id: String, name: String, found: Number, total: Number }, { _id: false }),
    default: undefined,
  },
  parked: {
    type: new Schema(
      {
        reason: String,
        zoomUserId: String,
        zoomEmail: String,
        zoomAccountId: String,
        accountName: String,
        zoomRole: String,
        coverage: { type: new Schema({ found: Number, total: Number }, { _id: false }), default: undefined },
        grantId: Schema.Types.ObjectId,
        parkedAt: Date,
        until: Date,
      },
      { _id: false },
    ),
    default: undefined,
  },
  formerTokens: {
    type: [new Schema({ hash: String, forwardedTo: String, forwardedBy: String, at: Date }, { _id: false })],
    default: undefined,
  },
  supersededBy: {
    type: new Schema({ requestId: String, zoomEmail: String, connectedBy: String, at: Date }, { _id: false }),
    default: undefined,
  },
  messages: {
    type: [new Schema({ userId: String, channel: String, ts: String, role: String }, { _id: false })],
    default: undefined,
  },
  finishedBy: String,
  finishedAt: Date,
  reminderSentAt: Date,
  purgeAt: { type: Date, required: true },
});
schema.index({ tokenHash: 1 }, { unique: true });
// A forwarded link's page: found by its old token's hash.
schema.index({ workspaceId: 1, 'formerTokens.hash': 1 });
schema.index({ workspaceId: 1, status: 1, 'parked.until': 1 });
schema.index({ workspaceId: 1, 'attempts.stateHash': 1 });
schema.index({ workspaceId: 1, status: 1, expiresAt: 1 });
schema.index({ workspaceId: 1, status: 1, createdAt: -1 });
schema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

export function approvalRequestModel(connection: Connection): Model<ApprovalRequestDoc> {
  return connection.model<ApprovalRequestDoc>('ApprovalRequest', schema, 'approval_requests');
}
