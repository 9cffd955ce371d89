/**
 * What people do to a pending request (DESIGN §3.3): decline, cancel, resend, forward. Each is one
 * conditional update, so two people acting at once cannot both win.
 */

import type { ApprovalRequestDoc } from '../../db/models/index.js';
import { requestTokenSeal } from '../../db/sealed-fields.js';
import {
  canResend,
  DEFAULT_PERSONAL_TTL_MS,
  DEFAULT_REQUEST_TTL_MS,
  effectiveStatus,
  PURGE_GRACE_MS,
} from '../../domain/approval-request.js';
import { ServiceError } from '../errors.js';
import { checkUserId, checkWorkspaceId } from '../guard.js';
import type { ApprovalsContext } from './context.js';
import {
  type ApprovalsService,
  NO_SECRETS,
  newScopedSecret,
  type RequestView,
  sha256,
  view,
} from './model.js';
import { requireObjectId } from './requests.js';

export type RequestChanges = Pick<ApprovalsService, 'decline' | 'cancel' | 'resend' | 'forward'>;

export function createRequestChanges(ctx: ApprovalsContext): RequestChanges {
  const { requests, clock, linkFor, explain } = ctx;
  const { cipher, admin, audit } = ctx.deps;

  async function mayManage(workspaceId: string, doc: ApprovalRequestDoc, actorId: string): Promise<void> {
    if (doc.requesterId === actorId) return;
    if (doc.kind === 'org' && (await admin.isAdmin(workspaceId, actorId))) return;
    throw new ServiceError('not_allowed', 'Only the person who asked (or an admin) can change this request.');
  }

  async function finish(
    workspaceId: string,
    requestId: string,
    actorId: string,
    status: 'declined' | 'cancelled',
    extraFilter: Record<string, unknown>,
  ): Promise<RequestView> {
    const now = clock();
    const filter: Record<string, unknown> = {
      workspaceId,
      _id: requestId,
      status: 'pending',
      expiresAt: { $gt: now },
      ...extraFilter,
    };
    const doc = await requests
      .findOneAndUpdate(
        filter,
        {
          $set: {
            status,
            finishedBy: actorId,
            finishedAt: now,
            attempts: [],
            purgeAt: new Date(now.getTime() + PURGE_GRACE_MS),
          },
        },
        { returnDocument: 'after', projection: NO_SECRETS },
      )
      .lean<ApprovalRequestDoc>();
    if (!doc) return explain({ workspaceId, _id: requestId });
    await audit.record(
      workspaceId,
      status === 'declined' ? 'request_declined' : 'request_cancelled',
      actorId,
      {
        requestId,
        kind: doc.kind,
      },
    );
    return view(doc, now);
  }

  return {
    async decline(workspaceId, requestId, actorId) {
      checkWorkspaceId(workspaceId);
      checkUserId(actorId, 'actorId');
      requireObjectId(requestId);
      const doc = await requests
        .findOne({ workspaceId, _id: requestId }, NO_SECRETS)
        .lean<ApprovalRequestDoc>();
      if (!doc) throw new ServiceError('request_not_found', 'This request does not exist.');
      if (doc.recipientId !== actorId)
        throw new ServiceError('not_allowed', 'Only the person this request was sent to can decline it.');
      return finish(workspaceId, requestId, actorId, 'declined', { recipientId: actorId });
    },

    async cancel(workspaceId, requestId, actorId) {
      checkWorkspaceId(workspaceId);
      checkUserId(actorId, 'actorId');
      requireObjectId(requestId);
      const doc = await requests
        .findOne({ workspaceId, _id: requestId }, NO_SECRETS)
        .lean<ApprovalRequestDoc>();
      if (!doc) throw new ServiceError('request_not_found', 'This request does not exist.');
      await mayManage(workspaceId, doc, actorId);
      return finish(workspaceId, requestId, actorId, 'cancelled', {});
    },

    async resend(workspaceId, requestId, actorId) {
      checkWorkspaceId(workspaceId);
      checkUserId(actorId, 'actorId');
      requireObjectId(requestId);
      const doc = await requests
        .findOne({ workspaceId, _id: requestId }, NO_SECRETS)
        .lean<ApprovalRequestDoc>();
      if (!doc) throw new ServiceError('request_not_found', 'This request does not exist.');
      await mayManage(workspaceId, doc, actorId);
      const now = clock();
      if (!canResend(effectiveStatus(doc, now))) return explain({ workspaceId, _id: requestId });
      const token = newScopedSecret(workspaceId);
      const ttl =
        doc.kind === 'org' ? DEFAULT_REQUEST_TTL_MS : (ctx.deps.personalLinkTtlMs ?? DEFAULT_PERSONAL_TTL_MS);
      const expiresAt = new Date(now.getTime() + ttl);
      const updated = await requests
        .findOneAndUpdate(
          {
            workspaceId,
            _id: requestId,
            status: { $in: ['pending', 'expired'] },
            $or: [{ completion: null }, { 'completion.until': { $lte: now } }],
          },
          {
            $set: {
              status: 'pending',
              tokenHash: sha256(token),
              tokenSealed: cipher.seal(token, requestTokenSeal(workspaceId, requestId)),
              attempts: [],
              issuedAt: now,
              expiresAt,
              purgeAt: new Date(expiresAt.getTime() + PURGE_GRACE_MS),
            },
            $unset: { reminderSentAt: 1, completion: 1 },
          },
          { returnDocument: 'after', projection: NO_SECRETS },
        )
        .lean<ApprovalRequestDoc>();
      if (!updated) return explain({ workspaceId, _id: requestId });
      await audit.record(workspaceId, 'request_resent', actorId, {
        requestId,
        kind: updated.kind,
        expiresAt,
      });
      return { request: view(updated, now), link: linkFor(updated.kind, token) };
    },

    async forward(workspaceId, requestId, actorId, toUserId) {
      checkWorkspaceId(workspaceId);
      checkUserId(actorId, 'actorId');
      checkUserId(toUserId, 'toUserId');
      requireObjectId(requestId);
      const doc = await requests
        .findOne({ workspaceId, _id: requestId }, NO_SECRETS)
        .lean<ApprovalRequestDoc>();
      if (!doc) throw new ServiceError('request_not_found', 'This request does not exist.');
      if (doc.kind !== 'org')
        throw new ServiceError('not_allowed', 'Only organization requests can be forwarded.');
      if (doc.recipientId !== actorId) await mayManage(workspaceId, doc, actorId);
      const now = clock();
      // A new link for the new recipient; the old one dies at once (the person who said "not me"
      // keeps no working link). Its hash is kept so its page can say where the request went.
      const token = newScopedSecret(workspaceId);
      const current = await requests.findOne({ workspaceId, _id: requestId }, { tokenHash: 1 }).lean();
      if (!current) throw new ServiceError('request_not_found', 'This request does not exist.');
      // Conditioned on the recipient and token we read: two people forwarding at once cannot both win.
      const updated = await requests
        .findOneAndUpdate(
          {
            workspaceId,
            _id: requestId,
            status: 'pending',
            expiresAt: { $gt: now },
            recipientId: doc.recipientId ?? null,
            tokenHash: current.tokenHash,
          },
          {
            $set: {
              recipientId: toUserId,
              tokenHash: sha256(token),
              tokenSealed: cipher.seal(token, requestTokenSeal(workspaceId, requestId)),
              attempts: [],
            },
            $push: {
              formerTokens: {
                $each: [{ hash: current.tokenHash, forwardedTo: toUserId, forwardedBy: actorId, at: now }],
                $slice: -20,
              },
            },
            $unset: { reminderSentAt: 1 },
          },
          { returnDocument: 'after', projection: NO_SECRETS },
        )
        .lean<ApprovalRequestDoc>();
      if (!updated) return explain({ workspaceId, _id: requestId });
      await audit.record(workspaceId, 'request_forwarded', actorId, {
        requestId,
        from: doc.recipientId ?? null,
        to: toUserId,
      });
      return {
        request: view(updated, now),
        link: linkFor(updated.kind, token),
        previousRecipientId: doc.recipientId ?? null,
      };
    },
  };
}
