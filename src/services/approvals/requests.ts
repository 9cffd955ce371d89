/** Requests made and read (DESIGN §3.3): create, get, list the pending ones, record a DM sent. */
import { Types } from 'mongoose';
import type { ApprovalRequestDoc } from '../../db/models/index.js';
import { requestTokenSeal } from '../../db/sealed-fields.js';
import {
  DEFAULT_PERSONAL_TTL_MS,
  DEFAULT_REQUEST_TTL_MS,
  PURGE_GRACE_MS,
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
  sha256,
  view,
} from './model.js';

export type RequestOperations = Pick<
  ApprovalsService,
  'create' | 'get' | 'recordSent' | 'recordMessage' | 'listPending'
>;

/** A malformed request id never reaches a query. */
export function requireObjectId(requestId: string) {
  if (typeof requestId !== 'string' || !OBJECT_ID.test(requestId)) {
    throw new ServiceError('request_not_found', 'This request does not exist.');
  }
}

export function createRequestOperations(ctx: ApprovalsContext): RequestOperations {
  const { requests, clock, linkFor, openToken } = ctx;
  const { cipher, admin, audit, settings } = ctx.deps;
  const personalTtlMs = ctx.deps.personalLinkTtlMs ?? DEFAULT_PERSONAL_TTL_MS;

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
      const ttl = parsed.data.ttlMs ?? (kind === 'org' ? DEFAULT_REQUEST_TTL_MS : personalTtlMs);
      const expiresAt = new Date(now.getTime() + ttl);
      // The id is chosen here so the sealed token can be bound to the request that holds it.
      const _id = new Types.ObjectId();
      const doc = await requests.create({
        _id,
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
        tokenSealed: cipher.seal(token, requestTokenSeal(workspaceId, String(_id))),
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

    async recordSent(workspaceId, requestId, actorId, message) {
      checkWorkspaceId(workspaceId);
      requireObjectId(requestId);
      const doc = await requests
        .findOneAndUpdate(
          { workspaceId, _id: requestId },
          message ? { $push: { messages: { $each: [message], $slice: -20 } } } : {},
          { projection: { recipientId: 1, kind: 1 } },
        )
        .lean();
      if (!doc) throw new ServiceError('request_not_found', 'This request does not exist.');
      await audit.record(workspaceId, 'request_sent', actorId, {
        requestId,
        recipientId: doc.recipientId ?? null,
      });
    },

    async recordMessage(workspaceId, requestId, message) {
      checkWorkspaceId(workspaceId);
      requireObjectId(requestId);
      await requests.updateOne(
        { workspaceId, _id: requestId },
        { $push: { messages: { $each: [message], $slice: -20 } } },
      );
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
      return docs.map((d) => ({ ...view(d, now), link: linkFor(d.kind, openToken(d)) }));
    },
  };
}
