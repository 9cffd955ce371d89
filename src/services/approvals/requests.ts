/**
 * The request lifecycle (DESIGN §3.3): create, read, decline, cancel, resend, forward, list, and
 * the periodic expiry and reminders. Every change is one conditional update on the request.
 */
import type { ApprovalRequestDoc } from '../../db/models/index.js';
import {
  canResend,
  DEFAULT_REQUEST_TTL_MS,
  effectiveStatus,
  PURGE_GRACE_MS,
  REMINDER_AFTER_MS,
} from '../../domain/approval-request.js';
import { ServiceError } from '../errors.js';
import { checkUserId, checkWorkspaceId, requireAdmin } from '../guard.js';
import type { ApprovalsContext } from './context.js';
import {
  type ApprovalsService,
  createRequestSchema,
  NO_SECRETS,
  newScopedSecret,
  OBJECT_ID,
  type RequestView,
  sha256,
  view,
} from './model.js';

export type RequestOperations = Omit<ApprovalsService, 'viewLink' | 'open' | 'handleCallback'>;

export function createRequestOperations(ctx: ApprovalsContext): RequestOperations {
  const { requests, clock, linkFor, explain } = ctx;
  const { cipher, admin, audit, settings } = ctx.deps;

  function requireObjectId(requestId: string) {
    if (typeof requestId !== 'string' || !OBJECT_ID.test(requestId)) {
      throw new ServiceError('request_not_found', 'This request does not exist.');
    }
  }

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
    async create(workspaceId, input) {
      checkWorkspaceId(workspaceId);
      const parsed = createRequestSchema.safeParse(input);
      if (!parsed.success)
        throw new ServiceError('invalid_input', 'The request is not valid.', {
          issues: parsed.error.issues.length,
        });
      const { kind, requesterId, note } = parsed.data;
      if (kind === 'org') await requireAdmin(admin, workspaceId, requesterId);
      const recipientId = kind === 'org' ? parsed.data.recipientId : requesterId;
      await settings.ensureWorkspace(workspaceId);
      const now = clock();
      const token = newScopedSecret(workspaceId);
      const expiresAt = new Date(now.getTime() + (parsed.data.ttlMs ?? DEFAULT_REQUEST_TTL_MS));
      const doc = await requests.create({
        workspaceId,
        kind,
        requesterId,
        recipientId,
        note,
        status: 'pending',
        createdAt: now,
        issuedAt: now,
        expiresAt,
        tokenHash: sha256(token),
        tokenSealed: cipher.encrypt(token),
        attempts: [],
        purgeAt: new Date(expiresAt.getTime() + PURGE_GRACE_MS),
      });
      await audit.record(workspaceId, 'request_created', requesterId, {
        requestId: String(doc._id),
        kind,
        recipientId: recipientId ?? null,
        expiresAt,
      });
      return { request: view(doc.toObject(), now), link: linkFor(kind, token) };
    },

    async get(workspaceId, requestId) {
      checkWorkspaceId(workspaceId);
      if (typeof requestId !== 'string' || !OBJECT_ID.test(requestId)) return null;
      const doc = await requests
        .findOne({ workspaceId, _id: requestId }, NO_SECRETS)
        .lean<ApprovalRequestDoc>();
      return doc ? view(doc, clock()) : null;
    },

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
      const expiresAt = new Date(now.getTime() + DEFAULT_REQUEST_TTL_MS);
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
              tokenSealed: cipher.encrypt(token),
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
      // Conditioned on the recipient we read: two people forwarding at once cannot both win.
      const updated = await requests
        .findOneAndUpdate(
          {
            workspaceId,
            _id: requestId,
            status: 'pending',
            expiresAt: { $gt: now },
            recipientId: doc.recipientId ?? null,
          },
          { $set: { recipientId: toUserId }, $unset: { reminderSentAt: 1 } },
          { returnDocument: 'after', projection: { attempts: 0, tokenHash: 0 } },
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
        link: linkFor(updated.kind, cipher.decrypt(updated.tokenSealed)),
        previousRecipientId: doc.recipientId ?? null,
      };
    },

    async recordSent(workspaceId, requestId, actorId) {
      checkWorkspaceId(workspaceId);
      requireObjectId(requestId);
      const doc = await requests.findOne({ workspaceId, _id: requestId }, { recipientId: 1, kind: 1 }).lean();
      if (!doc) throw new ServiceError('request_not_found', 'This request does not exist.');
      await audit.record(workspaceId, 'request_sent', actorId, {
        requestId,
        recipientId: doc.recipientId ?? null,
      });
    },

    async listPending(workspaceId, actorId, options = {}) {
      checkWorkspaceId(workspaceId);
      checkUserId(actorId, 'actorId');
      const kind = options.kind ?? 'org';
      if (kind === 'org') await requireAdmin(admin, workspaceId, actorId);
      const now = clock();
      const filter: Record<string, unknown> = {
        workspaceId,
        status: 'pending',
        expiresAt: { $gt: now },
        kind,
      };
      // Members only ever see their own personal requests.
      if (kind === 'personal') filter.requesterId = actorId;
      const docs = await requests
        .find(filter, { attempts: 0, tokenHash: 0 })
        .sort({ createdAt: -1 })
        .limit(Math.min(options.limit ?? 50, 100))
        .lean<ApprovalRequestDoc[]>();
      return docs.map((d) => ({ ...view(d, now), link: linkFor(d.kind, cipher.decrypt(d.tokenSealed)) }));
    },

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
            },
            { $set: { reminderSentAt: now } },
            { returnDocument: 'after', projection: { attempts: 0, tokenHash: 0 } },
          )
          .lean<ApprovalRequestDoc>();
        if (!doc) break;
        due.push({ request: view(doc, now), link: linkFor(doc.kind, cipher.decrypt(doc.tokenSealed)) });
      }
      return due;
    },
  };
}
