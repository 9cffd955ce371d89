import { type Connection, type Model, Schema } from 'mongoose';

/** One applied data migration (src/ops/migrations): recorded once, so no instance runs it again. */
export interface MigrationDoc {
  _id: string;
  appliedAt: Date;
  /** The instance that ran it. */
  by: string;
  durationMs: number;
  /** What it changed, in counts (never a value). */
  summary: Record<string, number>;
}

const schema = new Schema<MigrationDoc>(
  {
    _id: { type: String, required: true },
    appliedAt: { type: Date, required: true },
    by: { type: String, required: true },
    durationMs: { type: Number, required: true },
    summary: { type: Schema.Types.Mixed, default: {} },
  },
  { minimize: false },
);

export function migrationModel(connection: Connection): Model<MigrationDoc> {
  return connection.model<MigrationDoc>('Migration', schema, 'migrations');
}
