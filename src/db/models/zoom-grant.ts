import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { type CredentialDoc, credentialSchema } from './credential.js';

/**
 * Zoom keeps one grant per (app, Zoom user): a second authorization by the same user of the same
 * app invalidates the first. So the tokens are stored once per (app, Zoom user), here, and every
 * connection that uses them is one of its holders (issue 13): the same Zoom admin approving two
 * workspaces keeps both working, one refresh single-flight serves them all (the lease sits next to
 * the tokens), and the grant is revoked only when its last holder goes.
 */
export type GrantHolderKind = 'org' | 'personal' | 'parked';

export interface GrantHolder {
  workspaceId: string;
  kind: GrantHolderKind;
  /** personal: the member it serves. */
  slackUserId?: string | undefined;
  /** org: the connection generation it serves (a stale generation cannot use the grant). */
  generation?: number | undefined;
  /** parked: the approval request waiting for a confirmation in Slack. */
  requestId?: string | undefined;
  /** False while its connection is suspended (needs reconnecting) or parked: it reads no token. */
  active: boolean;
}

export interface ZoomGrantDoc {
  _id: Types.ObjectId;
  app: 'org' | 'user';
  zoomUserId: string;
  zoomAccountId: string;
  zoomEmail: string;
  credential?: CredentialDoc | undefined;
  holders: GrantHolder[];
  createdAt: Date;
  updatedAt: Date;
}

const holderSchema = new Schema<GrantHolder>(
  {
    workspaceId: { type: String, required: true },
    kind: { type: String, required: true, enum: ['org', 'personal', 'parked'] },
    slackUserId: String,
    generation: Number,
    requestId: String,
    active: { type: Boolean, required: true },
  },
  { _id: false },
);

const schema = new Schema<ZoomGrantDoc>({
  app: { type: String, required: true, enum: ['org', 'user'] },
  zoomUserId: { type: String, required: true },
  zoomAccountId: { type: String, default: '' },
  zoomEmail: { type: String, default: '' },
  credential: { type: credentialSchema, default: undefined },
  holders: { type: [holderSchema], default: [] },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
});
schema.index({ app: 1, zoomUserId: 1 }, { unique: true });
// Uninstall and webhooks find a workspace's or an account's grants.
schema.index({ 'holders.workspaceId': 1 });
schema.index({ app: 1, zoomAccountId: 1 });

export function zoomGrantModel(connection: Connection): Model<ZoomGrantDoc> {
  return connection.model<ZoomGrantDoc>('ZoomGrant', schema, 'zoom_grants');
}
