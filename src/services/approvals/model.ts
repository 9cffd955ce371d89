/**
 * What the approvals service shows and takes (DESIGN §3.3): request views, callback results, the
 * zod schemas of its inputs, and the helpers every part shares — the scoped secrets (link tokens
 * and OAuth states carry their workspace key, so every lookup stays scoped) and the view mapping.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ApprovalRequestDoc, ParkedReason, RequestMessage } from '../../db/models/index.js';
import { type ApprovalKind, type ApprovalStatus, effectiveStatus } from '../../domain/approval-request.js';
import { ServiceError } from '../errors.js';

export interface ParkedView {
  reason: ParkedReason;
  zoomEmail: string;
  zoomAccountId: string;
  accountName: string | null;
  coverage: { found: number; total: number } | null;
  until: Date;
}

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
  completedAccount: { id: string; name: string | null; found: number; total: number } | null;
  reminderSentAt: Date | null;
  /** awaiting_confirmation: who signed in, and why it waits for a yes in Slack. */
  parked: ParkedView | null;
  supersededBy: { requestId: string; zoomEmail: string; connectedBy: string; at: Date } | null;
  /** Who ended it (declined, cancelled, confirmed) and when; null while open or when the system did. */
  finishedBy: string | null;
  finishedAt: Date | null;
  /** The DMs sent about it, to update when their buttons no longer apply. */
  messages: RequestMessage[];
}

export interface LinkView extends RequestView {
  workspaceName: string | null;
  requesterName: string | null;
  recipientName: string | null;
  /** Members of the workspace (org links say how many the connection will serve). */
  memberCount: number;
  /** Opened with a token that was replaced by a forward: to whom, and when. */
  forwarded: { toName: string | null; toId: string; at: Date } | null;
  /** Who closed it by connecting with another request (superseded). */
  supersededByName: string | null;
  /** The connection it is about, as it is now (org: the workspace's; personal: the member's). */
  connection: { status: 'active' | 'needs_reconnect' | 'disconnected' | 'none'; zoomEmail: string | null };
}

/** The org account an approval connects, with the members found there by email. */
export interface AccountCoverage {
  id: string;
  name: string | null;
  found: number;
  total: number;
}

export type CallbackResult =
  | {
      outcome: 'completed';
      request: RequestView;
      zoomEmail: string;
      /** Who it connects: the member (personal) or the workspace (org). */
      workspaceName: string | null;
      memberName: string | null;
      /** Org only. */
      account?: AccountCoverage | undefined;
      generation?: number | undefined;
      handedOverFrom?: { zoomUserId: string; zoomEmail: string } | null | undefined;
      /** Org: the workspace's other open org requests, closed by this one (their DMs are updated). */
      superseded?: RequestView[] | undefined;
    }
  | {
      outcome: 'parked';
      request: RequestView;
      zoomEmail: string;
      reason: ParkedReason;
      workspaceName: string | null;
      memberName: string | null;
      account?: AccountCoverage | undefined;
      /** Org: the account the current connection is on (a switch needs a yes), and whether it still serves. */
      currentZoomEmail?: string | null | undefined;
      currentServing?: boolean | undefined;
    }
  | { outcome: 'not_admin'; request: RequestView; email: string; roleName: string; zoomStatus: string };

/** What confirming or cancelling a parked approval did. */
export type ParkedResult =
  | {
      outcome: 'confirmed';
      request: RequestView;
      zoomEmail: string;
      account?: AccountCoverage | undefined;
      superseded?: RequestView[] | undefined;
    }
  | { outcome: 'cancelled'; request: RequestView; zoomEmail: string; revoked: boolean | null };

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
  /** The link page: who asked, which workspace, for whom, until when, or why it no longer works. Read-only. */
  viewLink(token: string, expectedKind?: ApprovalKind): Promise<LinkView>;
  /** The same view by request id (the result page after the OAuth callback). */
  describe(workspaceId: string, requestId: string): Promise<LinkView | null>;
  /** One press of the page's button: a fresh state + PKCE pair, and Zoom's authorize URL. */
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
  /** The Slack layer DMed the link to the recipient (`message`: where, so it can be updated later). */
  recordSent(
    workspaceId: string,
    requestId: string,
    actorId: string,
    message?: RequestMessage | undefined,
  ): Promise<void>;
  /** A DM about the request (the outcome to the requester, …): updated when its buttons no longer apply. */
  recordMessage(workspaceId: string, requestId: string, message: RequestMessage): Promise<void>;
  /** "Use this account" / "Switch": the parked approval becomes the connection (who may say so is checked here). */
  confirmParked(workspaceId: string, requestId: string, actorId: string): Promise<ParkedResult>;
  /** "Cancel": the parked approval is dropped and its grant released (revoked if nobody else holds it). */
  cancelParked(workspaceId: string, requestId: string, actorId: string): Promise<ParkedResult>;
  /** Parked approvals a person can act on (Home, /zoom-status). */
  listParked(workspaceId: string, actorId: string): Promise<RequestView[]>;
  /**
   * "Not me — forward": the recipient (or the requester, or an admin) hands a pending org request
   * to someone else. A new link is minted; the old one stops working at once (its page says so).
   */
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
  /**
   * Marks overdue pending requests, and parked approvals nobody confirmed, expired (each once; a
   * parked one's grant is released) and returns them so requesters can be told.
   */
  expireDue(workspaceId: string, limit?: number): Promise<RequestView[]>;
  /** Pending org requests older than 24 h with a recipient and no reminder yet; each is returned once. */
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
  const parked = doc.parked;
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
    completedAccount: doc.completedAccount
      ? {
          id: doc.completedAccount.id,
          name: doc.completedAccount.name ?? null,
          found: doc.completedAccount.found,
          total: doc.completedAccount.total,
        }
      : null,
    reminderSentAt: doc.reminderSentAt ?? null,
    parked: parked
      ? {
          reason: parked.reason,
          zoomEmail: parked.zoomEmail,
          zoomAccountId: parked.zoomAccountId,
          accountName: parked.accountName ?? null,
          coverage: parked.coverage ? { found: parked.coverage.found, total: parked.coverage.total } : null,
          until: parked.until,
        }
      : null,
    supersededBy: doc.supersededBy ?? null,
    finishedBy: doc.finishedBy ?? null,
    finishedAt: doc.finishedAt ?? null,
    messages: doc.messages ?? [],
  };
}

/** Projection that keeps secrets (link token, PKCE attempts, old token hashes) out of what a read returns. */
export const NO_SECRETS = { attempts: 0, tokenSealed: 0, tokenHash: 0, formerTokens: 0 } as const;
