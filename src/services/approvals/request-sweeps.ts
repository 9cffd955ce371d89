/**
 * The periodic side (DESIGN §3.3): overdue requests expire, 24 h-old ones are claimed for one
 * reminder. One request at a time, each atomically: an instance that loses the race moves on.
 */
import type { ApprovalRequestDoc } from '../../db/models/index.js';
import { PURGE_GRACE_MS, REMINDER_AFTER_MS } from '../../domain/approval-request.js';
import { checkWorkspaceId } from '../guard.js';
import type { ApprovalsContext } from './context.js';
import { type ApprovalsService, NO_SECRETS, type RequestView, view } from './model.js';

export type RequestSweeps = Pick<ApprovalsService, 'expireDue' | 'claimDueReminders'>;

export function createRequestSweeps(ctx: ApprovalsContext): RequestSweeps {
  const { requests, clock, linkFor, openToken } = ctx;
  const { audit, grants } = ctx.deps;

  /** A parked approval nobody confirmed in time: expired, and its grant released (revoked if last). */
  async function expireOneParked(workspaceId: string): Promise<ApprovalRequestDoc | null> {
    const now = clock();
    const doc = await requests
      .findOneAndUpdate(
        { workspaceId, status: 'awaiting_confirmation', 'parked.until': { $lte: now } },
        { $set: { status: 'expired', finishedAt: now, purgeAt: new Date(now.getTime() + PURGE_GRACE_MS) } },
        { returnDocument: 'after', projection: NO_SECRETS },
      )
      .lean<ApprovalRequestDoc>();
    if (!doc) return null;
    if (doc.parked) {
      const requestId = String(doc._id);
      await grants.detach(
        {
          grantId: doc.parked.grantId,
          app: doc.kind === 'org' ? 'org' : 'user',
          zoomUserId: doc.parked.zoomUserId,
        },
        { workspaceId, kind: 'parked', requestId },
      );
    }
    await audit.record(workspaceId, 'request_expired', 'system', {
      requestId: String(doc._id),
      kind: doc.kind,
      parked: doc.parked?.zoomEmail ?? null,
    });
    return doc;
  }

  return {
    async expireDue(workspaceId, limit = 100) {
      checkWorkspaceId(workspaceId);
      const expired: RequestView[] = [];
      while (expired.length < limit) {
        const now = clock();
        // One request at a time, each atomically: an instance that loses the race just moves on.
        const doc = await requests
          .findOneAndUpdate(
            {
              workspaceId,
              status: 'pending',
              expiresAt: { $lte: now },
              $or: [{ completion: null }, { 'completion.until': { $lte: now } }],
            },
            { $set: { status: 'expired', finishedAt: now, attempts: [] } },
            { returnDocument: 'after', projection: NO_SECRETS },
          )
          .lean<ApprovalRequestDoc>();
        if (!doc) break;
        await audit.record(workspaceId, 'request_expired', 'system', {
          requestId: String(doc._id),
          kind: doc.kind,
        });
        expired.push(view(doc, now));
      }
      while (expired.length < limit) {
        const doc = await expireOneParked(workspaceId);
        if (!doc) break;
        expired.push(view(doc, clock()));
      }
      return expired;
    },

    async claimDueReminders(workspaceId, limit = 100) {
      checkWorkspaceId(workspaceId);
      const due: Array<{ request: RequestView; link: string }> = [];
      while (due.length < limit) {
        const now = clock();
        const doc = await requests
          .findOneAndUpdate(
            {
              workspaceId,
              status: 'pending',
              expiresAt: { $gt: now },
              issuedAt: { $lte: new Date(now.getTime() - REMINDER_AFTER_MS) },
              reminderSentAt: null,
              recipientId: { $type: 'string' },
              // Personal links are the member's own: nobody else is reminded of them.
              kind: 'org',
            },
            { $set: { reminderSentAt: now } },
            { returnDocument: 'after', projection: { attempts: 0, tokenHash: 0 } },
          )
          .lean<ApprovalRequestDoc>();
        if (!doc) break;
        due.push({ request: view(doc, now), link: linkFor(doc.kind, openToken(doc)) });
      }
      return due;
    },
  };
}
