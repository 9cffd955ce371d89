/**
 * Sealed values of round 1 (v1 envelopes: authenticated with the key id only) become v2 envelopes
 * bound to their collection, workspace, record and field (issue 13 §7): the key-rotation pass does
 * exactly that, with the newest key, compare-and-set per document; it skips what is current.
 */
import { rotateKeys } from '../key-rotation.js';
import type { Migration } from './runner.js';

export const resealBound: Migration = {
  id: '003-reseal-bound',
  async up(ctx) {
    const report = await rotateKeys({ models: ctx.models, cipher: ctx.cipher, logger: ctx.logger });
    const summary: Record<string, number> = {};
    for (const counts of report) {
      summary[`${counts.collection}.rotated`] = counts.rotated;
      summary[`${counts.collection}.failed`] = counts.failed;
    }
    return summary;
  },
};
