import { type Connection, type Model, Schema } from 'mongoose';

export interface WorkspaceDoc {
  workspaceId: string;
  name?: string | undefined;
  enterpriseId?: string | undefined;
  autoStartSummary: boolean;
  allowUserOptOut: boolean;
  settingsChangedBy?: string | undefined;
  settingsChangedAt?: Date | undefined;
  createdAt: Date;
  /** The Slack app was uninstalled (or its bot token revoked): jobs skip it, nothing is sent. */
  uninstalledAt?: Date | undefined;
  /** When its personal data is deleted unless it is installed again first (DATA_RETENTION_DAYS). */
  purgeAfter?: Date | undefined;
}

const schema = new Schema<WorkspaceDoc>({
  workspaceId: { type: String, required: true },
  name: String,
  enterpriseId: String,
  autoStartSummary: { type: Boolean, default: false },
  allowUserOptOut: { type: Boolean, default: false },
  settingsChangedBy: String,
  settingsChangedAt: Date,
  createdAt: { type: Date, required: true },
  uninstalledAt: Date,
  purgeAfter: Date,
});
schema.index({ workspaceId: 1 }, { unique: true });
// The purge job finds what is due.
schema.index({ purgeAfter: 1 }, { sparse: true });

export function workspaceModel(connection: Connection): Model<WorkspaceDoc> {
  return connection.model<WorkspaceDoc>('Workspace', schema, 'workspaces');
}
