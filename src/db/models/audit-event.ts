import { type Connection, type Model, Schema, type Types } from 'mongoose';

export interface AuditEventDoc {
  _id: Types.ObjectId;
  workspaceId: string;
  type: string;
  /** A Slack user id, or `zoom` / `system` for changes nobody in Slack made. */
  actor: string;
  details: Record<string, unknown>;
  at: Date;
}

const schema = new Schema<AuditEventDoc>({
  workspaceId: { type: String, required: true },
  type: { type: String, required: true },
  actor: { type: String, required: true },
  details: { type: Schema.Types.Mixed, default: {} },
  at: { type: Date, required: true },
});
schema.index({ workspaceId: 1, at: -1, _id: -1 });

export function auditEventModel(connection: Connection): Model<AuditEventDoc> {
  return connection.model<AuditEventDoc>('AuditEvent', schema, 'audit_events');
}
