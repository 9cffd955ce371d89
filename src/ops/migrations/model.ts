import type { Model } from 'mongoose';
import type { TokenCipher } from '../../crypto/token-cipher.js';
import type { MigrationDoc, Models } from '../../db/models/index.js';
import type { Logger } from '../../logger.js';

export type MigrationsModel = Model<MigrationDoc>;

/** What a migration may use: the models (raw collections for old shapes) and the cipher. */
export interface MigrationContext {
  models: Models;
  cipher: TokenCipher;
  logger: Logger;
  clock: () => Date;
}
