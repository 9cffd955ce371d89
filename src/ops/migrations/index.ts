/** Every data migration, in the order they run (see runner.ts). Append only; never renumber. */
import { grantsFromConnections } from './001-grants-from-connections.js';
import { orgStatusReasons } from './002-org-status-reasons.js';
import { resealBound } from './003-reseal-bound.js';
import type { Migration } from './runner.js';

export const MIGRATIONS: readonly Migration[] = [grantsFromConnections, orgStatusReasons, resealBound];

export type { MigrationContext } from './model.js';
export { type Migration, type MigrationRunDeps, runMigrations } from './runner.js';
