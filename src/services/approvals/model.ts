/**
 * What the approvals service shows and takes (DESIGN §3.3): request views, callback results, the
 * zod schemas of its inputs, and the helpers every part shares — the scoped secrets (link tokens
 * and OAuth states carry their workspace key, so every lookup stays scoped) and the view mapping.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ApprovalRequestDoc } from '../../db/models/index.js';
import { type ApprovalKind, type ApprovalStatus, effectiveStatus } from '../../domain/approval-request.js';
import { ServiceError } from '../errors.js';

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
export const OBJECT_ID = /^[0-9a-f]{24}$/;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** `<workspaceId>.<random>`: the workspace key travels with the secret so every lookup stays scoped. */
export function newScopedSecret(workspaceId: string): string {
  return `${workspaceId}.${randomBytes(32).toString('base64url')}`;
}

export function parseScopedSecret(
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

export function view(doc: ApprovalRequestDoc, now: Date): RequestView {
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

/** Projection that keeps secrets (link token, PKCE attempts) out of what a read returns. */
export const NO_SECRETS = { attempts: 0, tokenSealed: 0, tokenHash: 0 } as const;
