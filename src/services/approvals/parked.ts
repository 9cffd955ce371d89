/**
 * Parked approvals (DESIGN §3.2a): Zoom said yes, Slack has not. The member confirms a personal one
 * ("Use this account"), a Slack admin — read fresh from Slack — an org one; either may cancel. A
 * confirmation moves the parked grant holder to the connection; a cancellation releases it
 * (revoked at Zoom when nobody else holds it).
 */
import type { ApprovalRequestDoc } from '../../db/models/index.js';
import { effectiveStatus, PURGE_GRACE_MS } from '../../domain/approval-request.js';
import { ServiceError } from '../errors.js';
import type { GrantPointer } from '../grants.js';
import { checkUserId, checkWorkspaceId, requireAdmin } from '../guard.js';
import type { ApprovalsContext } from './context.js';
import { type ApprovalsService, NO_SECRETS, type ParkedResult, view } from './model.js';
import { closeSiblings, markCompleted } from './outcomes.js';
import { requireObjectId } from './requests.js';

export type ParkedOperations = Pick<ApprovalsService, 'confirmParked' | 'cancelParked' | 'listParked'>;

export function createParkedOperations(ctx: ApprovalsContext): ParkedOperations {
  const { requests, clock, matches } = ctx;
  const { admin, audit, connections, grants, zoom } = ctx.deps;

  /** The parked request, if `actorId` may decide it: the member (personal) or a Slack admin (org). */
  async function decidable(workspaceId: string, requestId: string, actorId: string, fresh: boolean) {
    checkWorkspaceId(workspaceId);
    checkUserId(actorId, 'actorId');
    requireObjectId(requestId);
    const doc = await requests
      .findOne({ workspaceId, _id: requestId }, NO_SECRETS)
      .lean<ApprovalRequestDoc>();
    if (!doc) throw new ServiceError('request_not_found', 'This request does not exist.');
    const status = effectiveStatus(doc, clock());
    if (status === 'expired')
      throw new ServiceError('request_expired', 'This request has expired.', { status });
    if (status !== 'awaiting_confirmation' || !doc.parked) {
      throw new ServiceError('request_not_pending', `This request is ${status}.`, { status });
    }
    if (doc.kind === 'personal' && doc.requesterId !== actorId) {
      throw new ServiceError('not_allowed', 'Only the member this Zoom account would serve can decide.');
    }
    if (doc.kind === 'org') await requireAdmin(admin, workspaceId, actorId, { fresh });
    const grant: GrantPointer = {
      grantId: doc.parked.grantId,
      app: doc.kind === 'org' ? 'org' : 'user',
      zoomUserId: doc.parked.zoomUserId,
    };
    return { doc, parked: doc.parked, grant };
  }

  const gone = (status = 'cancelled') =>
    new ServiceError('request_not_pending', 'This approval is no longer waiting.', { status });

  return {
    async confirmParked(workspaceId, requestId, actorId): Promise<ParkedResult> {
      // A switch of the whole organization's Zoom account: the admin flag is read from Slack now.
      const { doc, parked, grant } = await decidable(workspaceId, requestId, actorId, true);
      const user = {
        id: parked.zoomUserId,
        email: parked.zoomEmail,
        accountId: parked.zoomAccountId,
        roleName: parked.zoomRole,
      };
      if (doc.kind === 'personal') {
        const adopted = await connections.adoptParkedPersonal(workspaceId, doc.requesterId, {
          grant,
          requestId,
          user,
        });
        if (!adopted) throw gone();
        const finished = await markCompleted(
          ctx,
          { workspaceId, requestId },
          { zoomEmail: parked.zoomEmail },
        );
        await audit.record(workspaceId, 'request_confirmed', actorId, {
          requestId,
          zoomEmail: parked.zoomEmail,
        });
        return { outcome: 'confirmed', request: view(finished ?? doc, clock()), zoomEmail: parked.zoomEmail };
      }
      const adopted = await connections.adoptParkedOrg(workspaceId, {
        grant,
        requestId,
        user,
        connectedBy: actorId,
      });
      if (!adopted) throw gone();
      const account = parked.coverage
        ? { id: parked.zoomAccountId, name: parked.accountName ?? null, ...parked.coverage }
        : undefined;
      const finished = await markCompleted(
        ctx,
        { workspaceId, requestId },
        { zoomEmail: parked.zoomEmail, account },
      );
      const superseded = await closeSiblings(ctx, workspaceId, requestId, {
        zoomEmail: parked.zoomEmail,
        connectedBy: actorId,
      });
      await audit.record(workspaceId, 'request_confirmed', actorId, {
        requestId,
        zoomEmail: parked.zoomEmail,
      });
      // Email matches against the newly chosen account, now that it serves (best effort: the health job repeats it).
      const org = await connections.getOrg(workspaceId);
      if (org) {
        await zoom
          .listAccountEmails(connections.orgRef(workspaceId, org))
          .then((emails) => matches.record(workspaceId, emails))
          .catch((error: unknown) =>
            ctx.logger.warn({ workspaceId, err: error }, 'could not read the account users'),
          );
      }
      return {
        outcome: 'confirmed',
        request: view(finished ?? doc, clock()),
        zoomEmail: parked.zoomEmail,
        account,
        superseded: superseded.map((d) => view(d, clock())),
      };
    },

    async cancelParked(workspaceId, requestId, actorId): Promise<ParkedResult> {
      const { doc, parked, grant } = await decidable(workspaceId, requestId, actorId, false);
      const now = clock();
      const cancelled = await requests
        .findOneAndUpdate(
          { workspaceId, _id: requestId, status: 'awaiting_confirmation' },
          {
            $set: {
              status: 'cancelled',
              finishedBy: actorId,
              finishedAt: now,
              purgeAt: new Date(now.getTime() + PURGE_GRACE_MS),
            },
          },
          { returnDocument: 'after', projection: NO_SECRETS },
        )
        .lean<ApprovalRequestDoc>();
      if (!cancelled) throw gone();
      const { revoked } = await grants.detach(grant, { workspaceId, kind: 'parked', requestId });
      await audit.record(workspaceId, 'request_cancelled', actorId, {
        requestId,
        kind: doc.kind,
        parked: parked.zoomEmail,
        revoked,
      });
      return { outcome: 'cancelled', request: view(cancelled, now), zoomEmail: parked.zoomEmail, revoked };
    },

    async listParked(workspaceId, actorId) {
      checkWorkspaceId(workspaceId);
      checkUserId(actorId, 'actorId');
      const now = clock();
      const mine = { workspaceId, status: 'awaiting_confirmation', kind: 'personal', requesterId: actorId };
      const filters: Record<string, unknown>[] = [mine];
      if (await admin.isAdmin(workspaceId, actorId))
        filters.push({ workspaceId, status: 'awaiting_confirmation', kind: 'org' });
      const docs = await requests
        .find({ $or: filters, 'parked.until': { $gt: now } }, NO_SECRETS)
        .sort({ createdAt: -1 })
        .limit(20)
        .lean<ApprovalRequestDoc[]>();
      return docs.map((d) => view(d, now));
    },
  };
}
