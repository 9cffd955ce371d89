import { createHash, randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { z } from 'zod';
import type { ApprovalRequestDoc, Models } from '../db/models/index.js';
import {
  type ApprovalKind,
  type ApprovalStatus,
  ATTEMPT_TTL_MS,
  COMPLETION_LEASE_MS,
  canResend,
  DEFAULT_REQUEST_TTL_MS,
  effectiveStatus,
  linkPath,
  PURGE_GRACE_MS,
  REMINDER_AFTER_MS,
} from '../domain/approval-request.js';
import { ZoomError, type ZoomGateway } from '../zoom/contracts.js';
import { createPkcePair } from '../zoom/pkce.js';
import type { AuditService } from './audit.js';
import type { ConnectionsService } from './connections.js';
import { ServiceError } from './errors.js';
import { type AdminCheck, checkUserId, checkWorkspaceId, requireAdmin } from './guard.js';
import type { CommonDeps, SecretCipher } from './ports.js';
import type { SettingsService } from './settings.js';

export interface RequestView {
  id: string;
  workspaceId: string;
  kind: ApprovalKind;
  requesterId: string;
  recipientId: string | null;
  note: string | null;
  /** Effective: a pending request past its expiry reads `expired` before the sweep runs. */
  status: ApprovalStatus;
  createdAt: Date;
  expiresAt: Date;
  completedAt: Date | null;
  completedZoomEmail: string | null;
  reminderSentAt: Date | null;
}

export interface LinkView extends RequestView {
  workspaceName: string | null;
  requesterName: string | null;
}

export type CallbackResult =
  | {
      outcome: 'completed';
      request: RequestView;
      zoomEmail: string;
      /** Org only: the connection generation and who it replaced. */
      generation?: number | undefined;
      handedOverFrom?: { zoomUserId: string; zoomEmail: string } | null | undefined;
    }
  | { outcome: 'not_admin'; request: RequestView; email: string; roleName: string; zoomStatus: string };

export const createRequestSchema = z
  .object({
    kind: z.enum(['org', 'personal']),
    requesterId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    recipientId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
    note: z.string().max(500).optional(),
    ttlMs: z
      .number()
      .int()
      .min(60_000)
      .max(30 * 24 * 3600_000)
      .optional(),
  })
  .strict();
export type CreateRequestInput = z.infer<typeof createRequestSchema>;

export const callbackQuerySchema = z.object({
  state: z.string().min(1).max(300),
  code: z.string().min(1).max(2000).optional(),
  error: z.string().max(200).optional(),
});
export type CallbackQuery = z.infer<typeof callbackQuerySchema>;

export interface ApprovalsService {
  /** Org requests: admins only. Personal requests are the requester's own (recipient = requester). */
  create(workspaceId: string, input: CreateRequestInput): Promise<{ request: RequestView; link: string }>;
  get(workspaceId: string, requestId: string): Promise<RequestView | null>;
  /** The link page: who asked, which workspace, until when, or why it no longer works. Read-only. */
  viewLink(token: string, expectedKind?: ApprovalKind): Promise<LinkView>;
  /** One click on "Approve in Zoom": a fresh state + PKCE pair, and Zoom's authorize URL. */
  open(token: string, expectedKind?: ApprovalKind): Promise<{ authorizeUrl: string; request: RequestView }>;
  /** The OAuth callback: consumes the state, completes the request exactly once. */
  handleCallback(query: CallbackQuery): Promise<CallbackResult>;
  decline(workspaceId: string, requestId: string, actorId: string): Promise<RequestView>;
  cancel(workspaceId: string, requestId: string, actorId: string): Promise<RequestView>;
  /** A fresh link (the old one stops working) and a fresh expiry. */
  resend(
    workspaceId: string,
    requestId: string,
    actorId: string,
  ): Promise<{ request: RequestView; link: string }>;
  /** The Slack layer DMed the link to the recipient. */
  recordSent(workspaceId: string, requestId: string, actorId: string): Promise<void>;
  /** "Not me — forward": the recipient (or the requester, or an admin) hands a pending request to someone else; same link. */
  forward(
    workspaceId: string,
    requestId: string,
    actorId: string,
    toUserId: string,
  ): Promise<{ request: RequestView; link: string; previousRecipientId: string | null }>;
  listPending(
    workspaceId: string,
    actorId: string,
    options?: { kind?: ApprovalKind | undefined; limit?: number | undefined },
  ): Promise<Array<RequestView & { link: string }>>;
  /** Marks overdue pending requests expired (each once) and returns them so requesters can be told. */
  expireDue(workspaceId: string, limit?: number): Promise<RequestView[]>;
  /** Pending requests older than 24 h with a recipient and no reminder yet; each is returned once. */
  claimDueReminders(
    workspaceId: string,
    limit?: number,
  ): Promise<Array<{ request: RequestView; link: string }>>;
}

const ID_PART = '[A-Za-z0-9_-]{1,64}';
const LINK_TOKEN = new RegExp(`^(${ID_PART})\\.([A-Za-z0-9_-]{32,128})$`);
const OBJECT_ID = /^[0-9a-f]{24}$/;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** `<workspaceId>.<random>`: the workspace key travels with the secret so every lookup stays scoped. */
function newScopedSecret(workspaceId: string): string {
  return `${workspaceId}.${randomBytes(32).toString('base64url')}`;
}

function parseScopedSecret(
  value: unknown,
  code: 'request_not_found' | 'state_invalid',
): { workspaceId: string; hash: string } {
  const match = typeof value === 'string' ? LINK_TOKEN.exec(value) : null;
  if (!match?.[1]) {
    throw new ServiceError(
      code,
      code === 'state_invalid' ? 'This sign-in attempt is not valid.' : 'This link is not valid.',
    );
  }
  return { workspaceId: match[1], hash: sha256(value as string) };
}

function view(doc: ApprovalRequestDoc, now: Date): RequestView {
  return {
    id: String(doc._id),
    workspaceId: doc.workspaceId,
    kind: doc.kind,
    requesterId: doc.requesterId,
    recipientId: doc.recipientId ?? null,
    note: doc.note ?? null,
    status: effectiveStatus(doc, now),
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
    completedAt: doc.completedAt ?? null,
    completedZoomEmail: doc.completedZoomEmail ?? null,
    reminderSentAt: doc.reminderSentAt ?? null,
  };
}

const NO_SECRETS = { attempts: 0, tokenSealed: 0, tokenHash: 0 } as const;

export function createApprovalsService(
  deps: CommonDeps & {
    models: Models;
    zoom: ZoomGateway;
    cipher: SecretCipher;
    publicUrl: string;
    admin: AdminCheck;
    audit: AuditService;
    connections: ConnectionsService;
    settings: SettingsService;
  },
): ApprovalsService {
  const { models, zoom, cipher, admin, audit, connections, settings } = deps;
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const clock = deps.clock ?? (() => new Date());
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'approvals' });
  const requests = models.approvalRequests;

  const linkFor = (kind: ApprovalKind, token: string) => `${publicUrl}${linkPath(kind)}${token}`;

  function requireObjectId(requestId: string) {
    if (typeof requestId !== 'string' || !OBJECT_ID.test(requestId)) {
      throw new ServiceError('request_not_found', 'This request does not exist.');
    }
  }

  /** Why a conditional update on the request matched nothing, as a typed error. */
  async function explain(filter: Record<string, unknown>, expectedKind?: ApprovalKind): Promise<never> {
    const doc = await requests.findOne(filter, NO_SECRETS).lean<ApprovalRequestDoc>();
    if (!doc || (expectedKind !== undefined && doc.kind !== expectedKind)) {
      throw new ServiceError('request_not_found', 'This request does not exist.');
    }
    const status = effectiveStatus(doc, clock());
    if (status === 'expired')
      throw new ServiceError('request_expired', 'This request has expired.', { status });
    throw new ServiceError('request_not_pending', `This request is ${status}.`, { status });
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

  async function release(workspaceId: string, requestId: string, holder: string) {
    await requests.updateOne(
      { workspaceId, _id: requestId, 'completion.holder': holder },
      { $unset: { completion: 1 } },
    );
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

    async viewLink(token, expectedKind) {
      const { workspaceId, hash } = parseScopedSecret(token, 'request_not_found');
      const doc = await requests
        .findOne({ workspaceId, tokenHash: hash }, NO_SECRETS)
        .lean<ApprovalRequestDoc>();
      if (!doc || (expectedKind !== undefined && doc.kind !== expectedKind)) {
        throw new ServiceError('request_not_found', 'This link is not valid.');
      }
      const [workspaceName, requester] = await Promise.all([
        settings.workspaceName(workspaceId),
        models.members
          .findOne({ workspaceId, slackUserId: doc.requesterId }, { realName: 1, name: 1 })
          .lean(),
      ]);
      return {
        ...view(doc, clock()),
        workspaceName,
        requesterName: requester ? requester.realName || requester.name || null : null,
      };
    },

    async open(token, expectedKind) {
      const { workspaceId, hash } = parseScopedSecret(token, 'request_not_found');
      const now = clock();
      const pkce = createPkcePair();
      const state = newScopedSecret(workspaceId);
      const filter: Record<string, unknown> = {
        workspaceId,
        tokenHash: hash,
        status: 'pending',
        expiresAt: { $gt: now },
      };
      if (expectedKind !== undefined) filter.kind = expectedKind;
      const attempt = {
        stateHash: sha256(state),
        codeVerifier: cipher.encrypt(pkce.codeVerifier),
        expiresAt: new Date(now.getTime() + ATTEMPT_TTL_MS),
      };
      // Keep the latest 20 clicks: an abandoned Zoom login must not grow the document forever.
      const doc = await requests
        .findOneAndUpdate(
          filter,
          { $push: { attempts: { $each: [attempt], $slice: -20 } } },
          {
            returnDocument: 'after',
            projection: NO_SECRETS,
          },
        )
        .lean<ApprovalRequestDoc>();
      if (!doc) return explain({ workspaceId, tokenHash: hash }, expectedKind);
      const app = doc.kind === 'org' ? 'org' : 'user';
      return {
        authorizeUrl: zoom.authorizeUrl(app, { state, codeChallenge: pkce.codeChallenge }),
        request: view(doc, now),
      };
    },

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
