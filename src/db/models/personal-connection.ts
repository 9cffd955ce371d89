import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { type SentMessage, sentMessageSchema } from './sent-message.js';

export type PersonalStatus = 'active' | 'needs_reconnect';

export interface PersonalConnectionDoc {
  workspaceId: string;
  slackUserId: string;
  status: PersonalStatus;
  zoomUserId: string;
  zoomEmail: string;
  zoomAccountId: string;
  connectedAt: Date;
  statusReason?: string | undefined;
  statusChangedAt: Date;
  /** The Zoom grant (src/db/models/zoom-grant.ts) this connection holds. */
  grantId?: Types.ObjectId | undefined;
  /** The alert DMs about it stopping (rewritten once it works again). */
  alerts?: SentMessage[] | undefined;
}

const schema = new Schema<PersonalConnectionDoc>({
  workspaceId: { type: String, required: true },
  slackUserId: { type: String, required: true },
  status: { type: String, required: true, enum: ['active', 'needs_reconnect'] },
  zoomUserId: { type: String, required: true },
  zoomEmail: { type: String, required: true },
  zoomAccountId: { type: String, default: '' },
  connectedAt: { type: Date, required: true },
  statusReason: String,
  statusChangedAt: { type: Date, required: true },
  grantId: { type: Schema.Types.ObjectId, default: undefined },
  alerts: { type: [sentMessageSchema], default: undefined },
});
schema.index({ workspaceId: 1, slackUserId: 1 }, { unique: true });
schema.index({ zoomUserId: 1 });

export function personalConnectionModel(connection: Connection): Model<PersonalConnectionDoc> {
  return connection.model<PersonalConnectionDoc>('PersonalConnection', schema, 'personal_connections');
}
