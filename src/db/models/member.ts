import { type Connection, type Model, Schema } from 'mongoose';

export type MemberPersonalStatus = 'none' | 'active' | 'needs_reconnect';
export type ZoomMatch = 'unknown' | 'found' | 'not_found';

/** A Slack member as last seen, plus the denormalised fields the connected-users list filters on. */
export interface MemberDoc {
  workspaceId: string;
  slackUserId: string;
  name: string;
  realName: string;
  /** Lower-cased display name: the sort key of the connected-users list. */
  sortName: string;
  email?: string | undefined;
  isAdmin: boolean;
  isOwner: boolean;
  isPrimaryOwner: boolean;
  enterpriseAdmin: boolean;
  enterpriseOwner: boolean;
  deleted: boolean;
  locale?: string | undefined;
  tz?: string | undefined;
  optedOut: boolean;
  /** Mirrors personal_connections; written by the same service call that changes it. */
  personalStatus: MemberPersonalStatus;
  zoomMatch: ZoomMatch;
  adminCheckedAt?: Date | undefined;
  lastSeenAt?: Date | undefined;
  updatedAt: Date;
}

const schema = new Schema<MemberDoc>({
  workspaceId: { type: String, required: true },
  slackUserId: { type: String, required: true },
  name: { type: String, default: '' },
  realName: { type: String, default: '' },
  sortName: { type: String, default: '' },
  email: String,
  isAdmin: { type: Boolean, default: false },
  isOwner: { type: Boolean, default: false },
  isPrimaryOwner: { type: Boolean, default: false },
  enterpriseAdmin: { type: Boolean, default: false },
  enterpriseOwner: { type: Boolean, default: false },
  deleted: { type: Boolean, default: false },
  locale: String,
  tz: String,
  optedOut: { type: Boolean, default: false },
  personalStatus: { type: String, default: 'none', enum: ['none', 'active', 'needs_reconnect'] },
  zoomMatch: { type: String, default: 'unknown', enum: ['unknown', 'found', 'not_found'] },
  adminCheckedAt: Date,
  lastSeenAt: Date,
  updatedAt: { type: Date, required: true },
});
schema.index({ workspaceId: 1, slackUserId: 1 }, { unique: true });
// The connected-users page walks this index with a (sortName, slackUserId) cursor; `deleted` sits
// in the equality prefix because every page filters `deleted: false`.
schema.index({ workspaceId: 1, deleted: 1, sortName: 1, slackUserId: 1 });
// Counts and filtered pages: equality / $in prefixes of these.
schema.index({ workspaceId: 1, deleted: 1, personalStatus: 1, optedOut: 1 });
schema.index({ workspaceId: 1, deleted: 1, zoomMatch: 1 });
schema.index({ workspaceId: 1, deleted: 1, optedOut: 1 });
schema.index({ workspaceId: 1, personalStatus: 1, sortName: 1, slackUserId: 1 });
schema.index({ workspaceId: 1, zoomMatch: 1, sortName: 1, slackUserId: 1 });
schema.index({ workspaceId: 1, optedOut: 1, sortName: 1, slackUserId: 1 });

export function memberModel(connection: Connection): Model<MemberDoc> {
  return connection.model<MemberDoc>('Member', schema, 'members');
}
