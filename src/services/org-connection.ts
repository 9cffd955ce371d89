/**
 * The organization connection of a workspace (DESIGN §3.2): at most one document per workspace,
 * holding a Zoom grant shared with every other connection of the same Zoom admin. A completion
 * replaces it atomically (handover without downtime): the new grant holder is attached first,
 * the document is swapped conditioned on the generation read, and only then is the previous
 * holder dropped (its grant revoked if nobody else holds it).
 */
import type { Models, OrgConnectionDoc } from '../db/models/index.js';
import type { ZoomTokenSet, ZoomUser } from '../zoom/contracts.js';
import type { AuditService } from './audit.js';
import { ServiceError } from './errors.js';
import type { GrantPointer, GrantsService } from './grants.js';
import { checkUserId, checkWorkspaceId } from './guard.js';

export interface OrgConnectionView {
  status: 'active' | 'needs_reconnect' | 'disconnected';
  zoomUserId: string;
  zoomEmail: string;
  zoomAccountId: string;
  zoomRole: string;
  connectedBy: string;
  approvedVia: string | null;
  connectedAt: Date;
  statusReason: string | null;
  statusChangedAt: Date;
  generation: number;
  disconnectedBy: string | null;
  lastCheckedAt: Date | null;
  /** The grant it holds (none once disconnected). */
  grant: GrantPointer | null;
}

export function orgView(doc: OrgConnectionDoc): OrgConnectionView {
  return {
    status: doc.status,
    zoomUserId: doc.zoomUserId,
    zoomEmail: doc.zoomEmail,
    zoomAccountId: doc.zoomAccountId,
    zoomRole: doc.zoomRole ?? '',
    connectedBy: doc.connectedBy,
    approvedVia: doc.approvedVia ?? null,
    connectedAt: doc.connectedAt,
    statusReason: doc.statusReason ?? null,
    statusChangedAt: doc.statusChangedAt,
    generation: doc.generation ?? 0,
    disconnectedBy: doc.disconnectedBy ?? null,
    lastCheckedAt: doc.lastCheckedAt ?? null,
    grant: doc.grantId ? { grantId: doc.grantId, app: 'org', zoomUserId: doc.zoomUserId } : null,
  };
}

export interface OrgCompletion {
  authorization: { tokens: ZoomTokenSet; user: ZoomUser };
  connectedBy: string;
  approvedVia?: string | undefined;
}

/** The Zoom user a connection names (from the authorization, or from a parked approval). */
export type ZoomUserSummary = Pick<ZoomUser, 'id' | 'email' | 'accountId' | 'roleName'>;

/** A parked approval confirmed in Slack: its grant, held as `parked` by `requestId` until now. */
export interface ParkedOrgAdoption {
  grant: GrantPointer;
  requestId: string;
  user: ZoomUserSummary;
  connectedBy: string;
}

export interface OrgCompletionResult {
  generation: number;
  handedOverFrom: { zoomUserId: string; zoomEmail: string } | null;
}

export interface OrgConnections {
  /** Stores an approved org connection; replaces the current one atomically (handover). */
  completeOrg(workspaceId: string, input: OrgCompletion): Promise<OrgCompletionResult>;
  /** The same with a parked approval's grant (false when the parked holder is gone: cancelled, expired). */
  adoptParkedOrg(workspaceId: string, input: ParkedOrgAdoption): Promise<OrgCompletionResult | null>;
  getOrg(workspaceId: string): Promise<OrgConnectionView | null>;
}

/** Optimistic swaps retried this many times when two completions race for one workspace. */
const SWAP_ATTEMPTS = 5;

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

export function createOrgConnections(deps: {
  models: Models;
  grants: GrantsService;
  audit: AuditService;
  clock: () => Date;
}): OrgConnections {
  const { models, grants, audit, clock } = deps;

  /** Swaps the document only if it is still at `generation` (or absent, for the first one). */
  async function swap(workspaceId: string, generation: number | null, set: Record<string, unknown>) {
    const filter = generation === null ? { workspaceId } : { workspaceId, generation };
    try {
      return await models.orgConnections
        .findOneAndUpdate(
          filter,
          { $set: { ...set, generation: (generation ?? 0) + 1 }, $setOnInsert: { workspaceId } },
          { upsert: generation === null, returnDocument: 'before' },
        )
        .lean<OrgConnectionDoc>();
    } catch (error) {
      // Two first-ever completions racing on the upsert: the loser reads again and retries.
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
  }

  /** Makes the grant held by the `next` generation (new authorization or parked approval); null: gone. */
  type Hold = (next: number) => Promise<GrantPointer | null>;

  async function completeOnce(
    workspaceId: string,
    user: ZoomUserSummary,
    input: { connectedBy: string; approvedVia?: string | undefined },
    hold: Hold,
  ) {
    const current = await models.orgConnections
      .findOne({ workspaceId }, { generation: 1, zoomUserId: 1, grantId: 1, status: 1 })
      .lean<OrgConnectionDoc>();
    const generation = current ? (current.generation ?? 0) : null;
    const next = (generation ?? 0) + 1;
    const pointer = await hold(next);
    if (!pointer) return 'gone' as const;
    const now = clock();
    const before = await swap(workspaceId, generation, {
      status: 'active',
      zoomUserId: user.id,
      zoomEmail: user.email.toLowerCase(),
      zoomAccountId: user.accountId,
      zoomRole: user.roleName,
      connectedBy: input.connectedBy,
      approvedVia: input.approvedVia,
      connectedAt: now,
      statusReason: null,
      statusChangedAt: now,
      disconnectedBy: null,
      grantId: pointer.grantId,
    });
    // The first one inserts (nothing before it); a later one matches the generation it read.
    const swapped = generation === null ? before === null : Boolean(before);
    if (!swapped) {
      // Someone else completed in between: our holder goes (the tokens stay live: the retry
      // attaches them again), and we try again on what they left.
      await grants.detach(pointer, { workspaceId, kind: 'org', generation: next }, { revoke: false });
      return null;
    }
    return { before: before ?? null, pointer, generation: next };
  }

  async function complete(
    workspaceId: string,
    user: ZoomUserSummary,
    input: { connectedBy: string; approvedVia?: string | undefined },
    hold: Hold,
  ): Promise<OrgCompletionResult | null> {
    checkWorkspaceId(workspaceId);
    checkUserId(input.connectedBy, 'connectedBy');
    for (let attempt = 0; attempt < SWAP_ATTEMPTS; attempt += 1) {
      const done = await completeOnce(workspaceId, user, input, hold);
      if (done === 'gone') return null;
      if (!done) continue;
      const { before, pointer, generation } = done;
      // The previous holder goes now that the new one serves.
      let previousRevoked: boolean | null = null;
      if (before?.grantId && String(before.grantId) !== String(pointer.grantId)) {
        const previous = { grantId: before.grantId, app: 'org' as const, zoomUserId: before.zoomUserId };
        ({ revoked: previousRevoked } = await grants.detach(previous, {
          workspaceId,
          kind: 'org',
          generation: before.generation ?? 0,
        }));
      }
      await grants.pruneOrg(pointer, workspaceId, generation);
      if (before && before.zoomAccountId !== user.accountId) {
        // Email matches were against another Zoom account: they must be found again.
        await models.members.updateMany(
          { workspaceId, zoomMatch: { $ne: 'unknown' } },
          { $set: { zoomMatch: 'unknown' } },
        );
      }
      const live = before && before.status !== 'disconnected' ? before : null;
      await audit.record(workspaceId, live ? 'org_handed_over' : 'org_connected', input.connectedBy, {
        zoomEmail: user.email,
        zoomUserId: user.id,
        zoomAccountId: user.accountId,
        generation,
        approvedVia: input.approvedVia ?? null,
        ...(live ? { previousZoomEmail: live.zoomEmail, previousStatus: live.status, previousRevoked } : {}),
      });
      return {
        generation,
        handedOverFrom: live ? { zoomUserId: live.zoomUserId, zoomEmail: live.zoomEmail } : null,
      };
    }
    throw new ServiceError(
      'request_busy',
      'Another approval is being completed for this workspace right now.',
    );
  }

  return {
    async completeOrg(workspaceId, input) {
      const hold: Hold = (next) =>
        grants.attach('org', input.authorization, {
          workspaceId,
          kind: 'org',
          generation: next,
          active: true,
        });
      const result = await complete(workspaceId, input.authorization.user, input, hold);
      if (!result) throw new Error('a new authorization cannot be gone');
      return result;
    },

    adoptParkedOrg(workspaceId, input) {
      const hold: Hold = async (next) => {
        const moved = await grants.rename(
          input.grant,
          { workspaceId, kind: 'parked', requestId: input.requestId },
          { workspaceId, kind: 'org', generation: next, active: true },
        );
        return moved ? input.grant : null;
      };
      return complete(
        workspaceId,
        input.user,
        { connectedBy: input.connectedBy, approvedVia: input.requestId },
        hold,
      );
    },

    async getOrg(workspaceId) {
      checkWorkspaceId(workspaceId);
      const doc = await models.orgConnections.findOne({ workspaceId }).lean<OrgConnectionDoc>();
      return doc ? orgView(doc) : null;
    },
  };
}
