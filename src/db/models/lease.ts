import { type Connection, type Model, Schema } from 'mongoose';

/** A named lease for periodic jobs: whoever holds it until `until` runs the job. */
export interface LeaseDoc {
  name: string;
  holder: string;
  until: Date;
}

const schema = new Schema<LeaseDoc>({
  name: { type: String, required: true },
  holder: { type: String, required: true },
  until: { type: Date, required: true },
});
schema.index({ name: 1 }, { unique: true });

export function leaseModel(connection: Connection): Model<LeaseDoc> {
  return connection.model<LeaseDoc>('Lease', schema, 'leases');
}
