/**
 * The OAuth callback (DESIGN §3.3): consume the state once, claim the request so only one callback
 * exchanges its code, complete the connection, mark the request completed exactly once.
 */
import { randomUUID } from 'node:crypto';
import type { ApprovalRequestDoc } from '../../db/models/index.js';
import { COMPLETION_LEASE_MS, effectiveStatus, PURGE_GRACE_MS } from '../../domain/approval-request.js';
import { ZoomError, type ZoomGateway } from '../../zoom/contracts.js';
import { ServiceError } from '../errors.js';
import type { ApprovalsContext } from './context.js';
import { type ApprovalsService, callbackQuerySchema, NO_SECRETS, parseScopedSecret, view } from './model.js';

export function createCallbackOperations(ctx: ApprovalsContext): Pick<ApprovalsService, 'handleCallback'> {
  const { requests, clock, logger } = ctx;
  const { zoom, cipher, audit, connections } = ctx.deps;

  async function release(workspaceId: string, requestId: string, holder: string) {
    await requests.updateOne(
      { workspaceId, _id: requestId, 'completion.holder': holder },
      { $unset: { completion: 1 } },
    );
  }

  return {
    async handleCallback(query) {
      const parsed = callbackQuerySchema.safeParse(query);
      if (!parsed.success) throw new ServiceError('state_invalid', 'This sign-in attempt is not valid.');
      const { workspaceId, hash } = parseScopedSecret(parsed.data.state, 'state_invalid');
      const now = clock();
      // Single use: the $pull consumes the state; the returned document still holds the attempt.
      const before = await requests
        .findOneAndUpdate(
          { workspaceId, 'attempts.stateHash': hash },
          { $pull: { attempts: { stateHash: hash } } },
          { returnDocument: 'before' },
        )
        .lean<ApprovalRequestDoc>();
      const attempt = before?.attempts.find((a) => a.stateHash === hash);
      if (!before || !attempt || attempt.expiresAt.getTime() <= now.getTime()) {
        throw new ServiceError(
          'state_invalid',
          'This sign-in attempt has expired or was already used. Open the link again.',
        );
      }
      const requestId = String(before._id);
      if (parsed.data.error !== undefined || parsed.data.code === undefined) {
        throw new ServiceError(
          'authorization_denied',
          'Zoom did not authorize the app. The link can be used again.',
          {
            requestId,
          },
        );
      }
      const status = effectiveStatus(before, now);
      if (status === 'expired')
        throw new ServiceError('request_expired', 'This request has expired.', { status });
      if (status !== 'pending')
        throw new ServiceError('request_not_pending', `This request is ${status}.`, { status });

      // Claim first: only the claimer exchanges its code (a second exchange by the same Zoom user
      // would invalidate the first grant). An expired claim (its process died) counts as free.
      const holder = randomUUID();
      const claimed = await requests.updateOne(
        {
          workspaceId,
          _id: requestId,
          status: 'pending',
          expiresAt: { $gt: now },
          $or: [{ completion: null }, { 'completion.until': { $lte: now } }],
        },
        { $set: { completion: { holder, until: new Date(now.getTime() + COMPLETION_LEASE_MS) } } },
      );
      if (claimed.modifiedCount !== 1) {
        const current = await requests
          .findOne({ workspaceId, _id: requestId }, NO_SECRETS)
          .lean<ApprovalRequestDoc>();
        const currentStatus = current ? effectiveStatus(current, clock()) : 'cancelled';
        if (currentStatus === 'pending') {
          throw new ServiceError('request_busy', 'This request is being completed right now.', {
            status: currentStatus,
          });
        }
        throw new ServiceError('request_not_pending', `This request is ${currentStatus}.`, {
          status: currentStatus,
        });
      }

      const app = before.kind === 'org' ? 'org' : 'user';
      let completion: Awaited<ReturnType<ZoomGateway['completeAuthorization']>>;
      try {
        completion = await zoom.completeAuthorization(app, {
          code: parsed.data.code,
          codeVerifier: cipher.decrypt(attempt.codeVerifier),
        });
      } catch (error) {
        await release(workspaceId, requestId, holder);
        throw new ServiceError(
          'zoom_failed',
          'Zoom could not complete the authorization. Try the link again.',
          { requestId, zoomCode: error instanceof ZoomError ? error.code : null },
          {
            cause: error,
          },
        );
      }

      if (!completion.ok) {
        await release(workspaceId, requestId, holder);
        await audit.record(workspaceId, 'request_not_admin', 'zoom', {
          requestId,
          zoomEmail: completion.email,
          roleName: completion.roleName,
        });
        return {
          outcome: 'not_admin',
          request: view(before, now),
          email: completion.email,
          roleName: completion.roleName,
          zoomStatus: completion.status,
        };
      }

      let result: { generation?: number; handedOverFrom?: { zoomUserId: string; zoomEmail: string } | null } =
        {};
      try {
        result =
          before.kind === 'org'
            ? await connections.completeOrg(workspaceId, {
                tokens: completion.tokens,
                user: completion.user,
                connectedBy: before.requesterId,
                approvedVia: requestId,
              })
            : await connections
                .completePersonal(workspaceId, before.requesterId, completion)
                .then(() => ({}));
      } catch (error) {
        await release(workspaceId, requestId, holder);
        throw error;
      }

      const done = clock();
      const finished = await requests
        .findOneAndUpdate(
          { workspaceId, _id: requestId, 'completion.holder': holder },
          {
            $set: {
              status: 'completed',
              completedAt: done,
              completedZoomEmail: completion.user.email,
              finishedAt: done,
              attempts: [],
              purgeAt: new Date(done.getTime() + PURGE_GRACE_MS),
            },
            $unset: { completion: 1 },
          },
          { returnDocument: 'after', projection: NO_SECRETS },
        )
        .lean<ApprovalRequestDoc>();
      if (!finished)
        logger.warn({ workspaceId, requestId }, 'completion claim was lost before the request was marked');
      return {
        outcome: 'completed',
        request: view(finished ?? before, done),
        zoomEmail: completion.user.email,
        generation: result.generation,
        handedOverFrom: result.handedOverFrom,
      };
    },
  };
}
