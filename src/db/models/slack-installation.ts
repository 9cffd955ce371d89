import { type Connection, type Model, Schema } from 'mongoose';

/** Bolt installations (multi-workspace mode). Filled by the Slack layer's installation store. */
export interface SlackInstallationDoc {
  workspaceId: string;
  enterpriseId?: string | undefined;
  isEnterpriseInstall: boolean;
  /** The Bolt `Installation` object; bot token encrypted by the Slack layer before storing. */
  installation: Record<string, unknown>;
  installedAt: Date;
  updatedAt: Date;
}

const schema = new Schema<SlackInstallationDoc>({
  workspaceId: { type: String, required: true },
  enterpriseId: String,
  isEnterpriseInstall: { type: Boolean, default: false },
  installation: { type: Schema.Types.Mixed, required: true },
  installedAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
});
schema.index({ workspaceId: 1, enterpriseId: 1 }, { unique: true });

export function slackInstallationModel(connection: Connection): Model<SlackInstallationDoc> {
  return connection.model<SlackInstallationDoc>('SlackInstallation', schema, 'slack_installations');
}
