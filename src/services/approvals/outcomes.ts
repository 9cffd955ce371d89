/**
 * How a request ends once Zoom approved: marked completed exactly once (by the callback holding its
 * claim, or by the confirmation of a parked approval), and — for an org request — every other
 * pending or parked org request of the workspace closed, so no reminder and no late approval can
 * hand the connection over behind anyone's back (issue 13).
 */
import type { ApprovalRequestDoc } from '../../db/models/index.js';
import { PURGE_GRACE_MS } from '../../domain/approval-request.js';
import type { ApprovalsContext } from './context.js';
import { type AccountCoverage, NO_SECRETS } from './model.js';

export async function markCompleted(
  ctx: ApprovalsContext,
  claimed: { workspaceId: string; requestId: string; holder?: string | undefined },
  outcome: { zoomEmail: string; account?: AccountCoverage | undefined },
): Promise<ApprovalRequestDoc | null> {
  const done = ctx.clock();
  const filter: Record<string, unknown> = { workspaceId: claimed.workspaceId, _id: claimed.requestId };
  if (claimed.holder) filter['completion.holder'] = claimed.holder;
  else filter.status = 'awaiting_confirmation';
  const finished = await ctx.requests
    .findOneAndUpdate(
      filter,
      {
        $set: {
          status: 'completed',
          completedAt: done,
          completedZoomEmail: outcome.zoomEmail.toLowerCase(),
          ...(outcome.account ? { completedAccount: outcome.account } : {}),
          finishedAt: done,
          attempts: [],
          purgeAt: new Date(done.getTime() + PURGE_GRACE_MS),
        },
        $unset: { completion: 1, parked: 1 },
      },
      { returnDocument: 'after', projection: NO_SECRETS },
    )
    .lean<ApprovalRequestDoc>();
  if (!finished) {
    ctx.logger.warn(
      { workspaceId: claimed.workspaceId, requestId: claimed.requestId },
      'completion was lost before the request was marked',
    );
  }
  return finished;
}

/**
 * The workspace's other open org requests are superseded by the one that connected. Parked ones
 * release their grant (revoked when nobody else holds it).
 */
export async function closeSiblings(
  ctx: ApprovalsContext,
  workspaceId: string,
  completedId: string,
  who: { zoomEmail: string; connectedBy: string },
): Promise<ApprovalRequestDoc[]> {
  const closed: ApprovalRequestDoc[] = [];
  for (;;) {
    const now = ctx.clock();
    const doc = await ctx.requests
      .findOneAndUpdate(
        {
          workspaceId,
          kind: 'org',
          _id: { $ne: completedId },
          status: { $in: ['pending', 'awaiting_confirmation'] },
          // One being completed right now by its own callback finishes on its own (it may win).
          $or: [{ completion: null }, { 'completion.until': { $lte: now } }],
        },
        {
          $set: {
            status: 'superseded',
            supersededBy: {
              requestId: completedId,
              zoomEmail: who.zoomEmail,
              connectedBy: who.connectedBy,
              at: now,
            },
            finishedAt: now,
            attempts: [],
            purgeAt: new Date(now.getTime() + PURGE_GRACE_MS),
          },
          $unset: { completion: 1 },
        },
        { returnDocument: 'after', projection: NO_SECRETS },
      )
      .lean<ApprovalRequestDoc>();
    if (!doc) return closed;
    if (doc.parked) {
      await ctx.deps.grants.detach(
        { grantId: doc.parked.grantId, app: 'org', zoomUserId: doc.parked.zoomUserId },
        { workspaceId, kind: 'parked', requestId: String(doc._id) },
      );
    }
    await ctx.deps.audit.record(workspaceId, 'request_superseded', 'system', {
      requestId: String(doc._id),
      by: completedId,
    });
    closed.push(doc);
  }
}
