import { type Connection, type Model, Schema } from 'mongoose';

export interface MeetingDoc {
  workspaceId: string;
  slackUserId: string;
  source: 'personal' | 'org';
  /** For org meetings: the org connection generation that created it (impact of losing it). */
  orgGeneration?: number | undefined;
  zoomUserId: string;
  zoomEmail: string;
  meetingId: string;
  topic: string;
  startTime: Date;
  durationMinutes: number;
  joinUrl: string;
  createdAt: Date;
}

const schema = new Schema<MeetingDoc>({
  workspaceId: { type: String, required: true },
  slackUserId: { type: String, required: true },
  source: { type: String, required: true, enum: ['personal', 'org'] },
  orgGeneration: Number,
  zoomUserId: { type: String, required: true },
  zoomEmail: { type: String, default: '' },
  meetingId: { type: String, required: true },
  topic: { type: String, default: '' },
  startTime: { type: Date, required: true },
  durationMinutes: { type: Number, default: 0 },
  joinUrl: { type: String, default: '' },
  createdAt: { type: Date, required: true },
});
schema.index({ workspaceId: 1, source: 1, orgGeneration: 1, startTime: 1 });
schema.index({ workspaceId: 1, slackUserId: 1, startTime: -1 });

export function meetingModel(connection: Connection): Model<MeetingDoc> {
  return connection.model<MeetingDoc>('Meeting', schema, 'meetings');
}
