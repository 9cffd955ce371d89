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
});
schema.index({ workspaceId: 1 }, { unique: true });

export function workspaceModel(connection: Connection): Model<WorkspaceDoc> {
  return connection.model<WorkspaceDoc>('Workspace', schema, 'workspaces');
}
