import { type Connection, type Model, Schema } from 'mongoose';
import { MEETING_END_REASONS, type MeetingEndReason } from '../../domain/meeting-end.js';

/** Where a message about the meeting went, so it can be updated when the meeting ends. */
export interface MeetingPostDoc {
  /** `channel`: the post where the host asked; `invitee`: an invitee's DM; `host`: the host's DM. */
  kind: 'channel' | 'invitee' | 'host';
  channel: string;
  ts: string;
  /** For DMs: whose (their language and time zone render it). */
  userId?: string | undefined;
}

export interface MeetingDoc {
  workspaceId: string;
  slackUserId: string;
  source: 'personal' | 'org';
  /** For org meetings: the org connection generation that created it (impact of losing it). */
  orgGeneration?: number | undefined;
  zoomUserId: string;
  zoomEmail: string;
  /** The host's Zoom account: Zoom events are matched on it as well as on ids. */
  zoomAccountId?: string | undefined;
  meetingId: string;
  topic: string;
  startTime: Date;
  /** An instant meeting (Zoom type 1), started when made. */
  instant?: boolean | undefined;
  durationMinutes: number;
  /** The host's time zone the times were typed in. */
  timezone?: string | undefined;
  joinUrl: string;
  /** Slack users invited (each got a DM). */
  invitees?: string[] | undefined;
  /** Where the host asked to post it. */
  channelId?: string | undefined;
  posts?: MeetingPostDoc[] | undefined;
  /** `live` until it ends; then `ended` with why, when and by whom (a Slack id or a Zoom operator's email). */
  state?: 'live' | 'ended' | undefined;
  endReason?: MeetingEndReason | undefined;
  endedAt?: Date | undefined;
  endedBy?: string | undefined;
  /** Set while the host's Cancel is deleting it in Zoom, so Zoom's `meeting.deleted` reads as that cancel. */
  cancelling?: { by: string; at: Date } | undefined;
  autoStartSummary?: boolean | undefined;
  createdAt: Date;
}

const postSchema = new Schema<MeetingPostDoc>(
  {
    kind: { type: String, required: true, enum: ['channel', 'invitee', 'host'] },
    channel: { type: String, required: true },
    ts: { type: String, required: true },
    userId: String,
  },
  { _id: false },
);

const schema = new Schema<MeetingDoc>({
  workspaceId: { type: String, required: true },
  slackUserId: { type: String, required: true },
  source: { type: String, required: true, enum: ['personal', 'org'] },
  orgGeneration: Number,
  zoomUserId: { type: String, required: true },
  zoomEmail: { type: String, default: '' },
  zoomAccountId: String,
  meetingId: { type: String, required: true },
  topic: { type: String, default: '' },
  startTime: { type: Date, required: true },
  instant: Boolean,
  durationMinutes: { type: Number, default: 0 },
  timezone: String,
  joinUrl: { type: String, default: '' },
  invitees: { type: [String], default: undefined },
  channelId: String,
  posts: { type: [postSchema], default: undefined },
  state: { type: String, enum: ['live', 'ended'], default: 'live' },
  endReason: { type: String, enum: MEETING_END_REASONS },
  endedAt: Date,
  endedBy: String,
  cancelling: { type: { by: String, at: Date }, _id: false, default: undefined },
  autoStartSummary: Boolean,
  createdAt: { type: Date, required: true },
});
schema.index({ workspaceId: 1, source: 1, orgGeneration: 1, startTime: 1 });
schema.index({ workspaceId: 1, slackUserId: 1, startTime: -1 });
// Zoom events name only Zoom ids: a meeting (`meeting.deleted`) or its host (`user.deleted`).
schema.index({ meetingId: 1 });
schema.index({ zoomUserId: 1, state: 1 });

export function meetingModel(connection: Connection): Model<MeetingDoc> {
  return connection.model<MeetingDoc>('Meeting', schema, 'meetings');
}
