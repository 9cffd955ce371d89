/**
 * Round 1 stored free-form reasons on organization connections ("user.deleted", "deauthorized",
 * …); issue 15 fixed the set (src/domain/connection-loss.ts). Rewrites each legacy reason to its
 * fixed one; a reason that maps to nothing is left for `readOrgLossReason` to show as unknown.
 */
import { isOrgLossReason, readOrgLossReason } from '../../domain/connection-loss.js';
import type { Migration } from './runner.js';

export const orgStatusReasons: Migration = {
  id: '002-org-status-reasons',
  async up(ctx) {
    const model = ctx.models.orgConnections;
    const docs = await model.find({ statusReason: { $type: 'string' } }, { _id: 1, statusReason: 1 }).lean();
    let rewritten = 0;
    let unknown = 0;
    for (const doc of docs) {
      const stored = doc.statusReason ?? null;
      if (stored === null || isOrgLossReason(stored)) continue;
      const fixed = readOrgLossReason(stored);
      if (!fixed) {
        unknown += 1;
        continue;
      }
      const result = await model.updateOne(
        { _id: doc._id, statusReason: stored },
        { $set: { statusReason: fixed } },
      );
      rewritten += result.modifiedCount;
    }
    return { rewritten, unknown };
  },
};
