import { Schema } from 'mongoose';

/** A Slack message the app sent about a record, kept so it can be rewritten when it stops being true. */
export interface SentMessage {
  userId: string;
  channel: string;
  ts: string;
}

export const sentMessageSchema = new Schema<SentMessage>(
  {
    userId: { type: String, required: true },
    channel: { type: String, required: true },
    ts: { type: String, required: true },
  },
  { _id: false },
);
