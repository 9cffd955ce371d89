import { type Connection, type Model, Schema, type Types } from 'mongoose';

export type ApprovalKind = 'org' | 'personal';
export type ApprovalStatus = 'pending' | 'completed' | 'declined' | 'cancelled' | 'expired';

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
    enum: ['pending', 'completed', 'declined', 'cancelled', 'expired'],
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
  finishedBy: String,
  finishedAt: Date,
  reminderSentAt: Date,
  purgeAt: { type: Date, required: true },
});
schema.index({ tokenHash: 1 }, { unique: true });
schema.index({ workspaceId: 1, 'attempts.stateHash': 1 });
schema.index({ workspaceId: 1, status: 1, expiresAt: 1 });
schema.index({ workspaceId: 1, status: 1, createdAt: -1 });
schema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

export function approvalRequestModel(connection: Connection): Model<ApprovalRequestDoc> {
  return connection.model<ApprovalRequestDoc>('ApprovalRequest', schema, 'approval_requests');
}
