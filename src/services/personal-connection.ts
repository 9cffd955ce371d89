/**
 * A member's personal connection (DESIGN §1.4, §3.1): one per member, holding a Zoom grant of the
 * user-managed app (shared with any other workspace where the same Zoom user connected). It never
 * replaces the organization connection; it takes precedence while it works. The member's
 * directory entry mirrors its status (the connected-users list filters on it).
 */
import type { Models, PersonalConnectionDoc } from '../db/models/index.js';
import type { ZoomTokenSet, ZoomUser } from '../zoom/contracts.js';
import type { AuditService } from './audit.js';
import { ServiceError } from './errors.js';
import type { GrantPointer, GrantsService } from './grants.js';
import { checkUserId, checkWorkspaceId } from './guard.js';

export interface PersonalConnectionView {
  status: 'active' | 'needs_reconnect';
  zoomUserId: string;
  zoomEmail: string;
  zoomAccountId: string;
  connectedAt: Date;
  statusReason: string | null;
  grant: GrantPointer | null;
}

export function personalView(doc: PersonalConnectionDoc): PersonalConnectionView {
  return {
    status: doc.status,
    zoomUserId: doc.zoomUserId,
    zoomEmail: doc.zoomEmail,
    zoomAccountId: doc.zoomAccountId ?? '',
    connectedAt: doc.connectedAt,
    statusReason: doc.statusReason ?? null,
    grant: doc.grantId ? { grantId: doc.grantId, app: 'user', zoomUserId: doc.zoomUserId } : null,
  };
}

export interface PersonalConnections {
  /** Makes `authorization` the member's personal connection (replacing an earlier one). */
  completePersonal(
    workspaceId: string,
    slackUserId: string,
    authorization: { tokens: ZoomTokenSet; user: ZoomUser },
  ): Promise<{ replaced: boolean }>;
  /** A parked approval confirmed by the member ("Use this account"); null when it is gone (cancelled, expired). */
  adoptParkedPersonal(
    workspaceId: string,
    slackUserId: string,
    parked: { grant: GrantPointer; requestId: string; user: Pick<ZoomUser, 'id' | 'email' | 'accountId'> },
  ): Promise<{ replaced: boolean } | null>;
  /** Ends it: the member's own action, or `actor` = `zoom` when the app was removed in Zoom. */
  removePersonal(workspaceId: string, slackUserId: string, actor: string): Promise<PersonalConnectionView>;
  markPersonalNeedsReconnect(workspaceId: string, slackUserId: string, reason: string): Promise<boolean>;
  getPersonal(workspaceId: string, slackUserId: string): Promise<PersonalConnectionView | null>;
  setMemberPersonal(workspaceId: string, slackUserId: string, personalStatus: string): Promise<void>;
}

export function createPersonalConnections(deps: {
  models: Models;
  grants: GrantsService;
  audit: AuditService;
  clock: () => Date;
}): PersonalConnections {
  const { models, grants, audit, clock } = deps;

  async function setMemberPersonal(workspaceId: string, slackUserId: string, personalStatus: string) {
    await models.members.updateOne(
      { workspaceId, slackUserId },
      {
        $set: { personalStatus, updatedAt: clock() },
        $setOnInsert: {
          workspaceId,
          slackUserId,
          sortName: slackUserId.toLowerCase(),
          optedOut: false,
          zoomMatch: 'unknown',
        },
      },
      { upsert: true },
    );
  }

  /** The connection document points at `pointer`; a grant of another Zoom user before is let go. */
  async function store(
    workspaceId: string,
    slackUserId: string,
    pointer: GrantPointer,
    user: Pick<ZoomUser, 'id' | 'email' | 'accountId'>,
  ): Promise<{ replaced: boolean }> {
    const holder = { workspaceId, kind: 'personal', slackUserId } as const;
    const now = clock();
    const before = await models.personalConnections
      .findOneAndUpdate(
        { workspaceId, slackUserId },
        {
          $set: {
            status: 'active',
            zoomUserId: user.id,
            zoomEmail: user.email.toLowerCase(),
            zoomAccountId: user.accountId,
            connectedAt: now,
            statusReason: null,
            statusChangedAt: now,
            grantId: pointer.grantId,
          },
          $setOnInsert: { workspaceId, slackUserId },
        },
        { upsert: true, returnDocument: 'before' },
      )
      .lean<PersonalConnectionDoc>();
    await setMemberPersonal(workspaceId, slackUserId, 'active');
    // Another Zoom user before: this member no longer holds that grant.
    if (before?.grantId && String(before.grantId) !== String(pointer.grantId)) {
      await grants.detach({ grantId: before.grantId, app: 'user', zoomUserId: before.zoomUserId }, holder);
    }
    await audit.record(workspaceId, 'personal_connected', slackUserId, {
      zoomEmail: user.email,
      replaced: before !== null,
    });
    return { replaced: before !== null };
  }

  return {
    setMemberPersonal,

    async completePersonal(workspaceId, slackUserId, authorization) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const holder = { workspaceId, kind: 'personal', slackUserId } as const;
      const pointer = await grants.attach('user', authorization, { ...holder, active: true });
      return store(workspaceId, slackUserId, pointer, authorization.user);
    },

    async adoptParkedPersonal(workspaceId, slackUserId, parked) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const moved = await grants.rename(
        parked.grant,
        { workspaceId, kind: 'parked', requestId: parked.requestId },
        { workspaceId, kind: 'personal', slackUserId, active: true },
      );
      return moved ? store(workspaceId, slackUserId, parked.grant, parked.user) : null;
    },

    async removePersonal(workspaceId, slackUserId, actor) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const removed = await models.personalConnections
        .findOneAndDelete({ workspaceId, slackUserId })
        .lean<PersonalConnectionDoc>();
      if (!removed)
        throw new ServiceError('not_connected', 'There is no personal Zoom connection to disconnect.');
      await setMemberPersonal(workspaceId, slackUserId, 'none');
      // Removed in Zoom: the grant is gone there already; nothing to revoke.
      const { revoked } = removed.grantId
        ? await grants.detach(
            { grantId: removed.grantId, app: 'user', zoomUserId: removed.zoomUserId },
            { workspaceId, kind: 'personal', slackUserId },
            { revoke: actor !== 'zoom' },
          )
        : { revoked: null };
      await audit.record(workspaceId, 'personal_disconnected', actor, {
        slackUserId,
        zoomEmail: removed.zoomEmail,
        revoked,
      });
      return personalView(removed);
    },

    async markPersonalNeedsReconnect(workspaceId, slackUserId, reason) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const before = await models.personalConnections
        .findOneAndUpdate(
          { workspaceId, slackUserId, status: 'active' },
          { $set: { status: 'needs_reconnect', statusReason: reason, statusChangedAt: clock() } },
          { returnDocument: 'before' },
        )
        .lean<PersonalConnectionDoc>();
      if (!before) return false;
      if (before.grantId) {
        await grants.setActive(
          { grantId: before.grantId, app: 'user', zoomUserId: before.zoomUserId },
          { workspaceId, kind: 'personal', slackUserId },
          false,
        );
      }
      await setMemberPersonal(workspaceId, slackUserId, 'needs_reconnect');
      await audit.record(workspaceId, 'personal_needs_reconnect', 'system', { slackUserId, reason });
      return true;
    },

    async getPersonal(workspaceId, slackUserId) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const doc = await models.personalConnections
        .findOne({ workspaceId, slackUserId })
        .lean<PersonalConnectionDoc>();
      return doc ? personalView(doc) : null;
    },
  };
}
