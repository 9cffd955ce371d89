import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { type SentMessage, sentMessageSchema } from './sent-message.js';

export type OrgStatus = 'active' | 'needs_reconnect' | 'disconnected';

/** The single organization connection of a workspace (unique on workspaceId). */
export interface OrgConnectionDoc {
  workspaceId: string;
  status: OrgStatus;
  zoomUserId: string;
  zoomEmail: string;
  zoomAccountId: string;
  zoomRole: string;
  connectedBy: string;
  approvedVia?: string | undefined;
  connectedAt: Date;
  statusReason?: string | undefined;
  statusChangedAt: Date;
  /** +1 on every completion, so stale failures of an older credential cannot touch a newer one. */
  generation: number;
  /** The Slack admin who disconnected it (null when Zoom or the system did). */
  disconnectedBy?: string | null | undefined;
  /** The last time the health check found it working. */
  lastCheckedAt?: Date | undefined;
  /** The alert DMs about it stopping (rewritten once it works again). */
  alerts?: SentMessage[] | undefined;
  /** The Zoom grant (src/db/models/zoom-grant.ts) this connection holds; none once disconnected. */
  grantId?: Types.ObjectId | undefined;
}

const schema = new Schema<OrgConnectionDoc>({
  workspaceId: { type: String, required: true },
  status: { type: String, required: true, enum: ['active', 'needs_reconnect', 'disconnected'] },
  zoomUserId: { type: String, required: true },
  zoomEmail: { type: String, required: true },
  zoomAccountId: { type: String, required: true },
  zoomRole: { type: String, default: '' },
  connectedBy: { type: String, required: true },
  approvedVia: String,
  connectedAt: { type: Date, required: true },
  statusReason: String,
  statusChangedAt: { type: Date, required: true },
  generation: { type: Number, default: 0 },
  disconnectedBy: String,
  lastCheckedAt: Date,
  alerts: { type: [sentMessageSchema], default: undefined },
  grantId: { type: Schema.Types.ObjectId, default: undefined },
});
schema.index({ workspaceId: 1 }, { unique: true });
// Zoom webhooks name only the Zoom user: the one cross-workspace lookup (see docs/core.md).
schema.index({ zoomUserId: 1 });
// app_deauthorized of the org app names the account: every workspace on it loses its connection.
schema.index({ zoomAccountId: 1 });

export function orgConnectionModel(connection: Connection): Model<OrgConnectionDoc> {
  return connection.model<OrgConnectionDoc>('OrgConnection', schema, 'org_connections');
}
