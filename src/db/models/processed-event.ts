import { type Connection, type Model, Schema } from 'mongoose';

/** Dedupe of Slack/Zoom deliveries: inserting an existing key fails with E11000. */
export interface ProcessedEventDoc {
  key: string;
  source: string;
  expiresAt: Date;
}

const schema = new Schema<ProcessedEventDoc>({
  key: { type: String, required: true },
  source: { type: String, default: '' },
  expiresAt: { type: Date, required: true },
});
schema.index({ key: 1 }, { unique: true });
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export function processedEventModel(connection: Connection): Model<ProcessedEventDoc> {
  return connection.model<ProcessedEventDoc>('ProcessedEvent', schema, 'processed_events');
}
