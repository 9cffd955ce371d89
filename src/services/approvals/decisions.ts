/**
 * What an authorization Zoom approved becomes (DESIGN §3.2a, issue 13): the connection at once,
 * or parked until someone says yes in Slack. Personal: the member's own Zoom account (its email is
 * the member's Slack email) serves at once; anyone else's waits for "Use this account". Org: the
 * account's coverage is computed first; another account than the current connection's, no member
 * found by email, or a requester who is no longer a Slack admin (read fresh: this may be a
 * handover) waits for a Slack admin's yes. Parked approvals hold their grant as a `parked` holder.
 */
import type { ApprovalRequestDoc, ParkedReason } from '../../db/models/index.js';
import { PARKED_TTL_MS, sameEmail } from '../../domain/approval-request.js';
import type { AuthorizationResult, ZoomTokenSet, ZoomUser } from '../../zoom/contracts.js';
import type { ApprovalsContext } from './context.js';
import { type AccountCoverage, type CallbackResult, NO_SECRETS, view } from './model.js';
import { closeSiblings, markCompleted } from './outcomes.js';

export interface Claimed {
  workspaceId: string;
  requestId: string;
  before: ApprovalRequestDoc;
  holder: string;
}

type Authorized = Extract<AuthorizationResult, { ok: true }>;

/** The account name Zoom gives: the approver's `company`, when it has one. */
function accountNameOf(user: ZoomUser): string | null {
  return user.company && user.company.trim() !== '' ? user.company.trim() : null;
}

export function createCompletionDecisions(ctx: ApprovalsContext) {
  const { requests, clock, matches } = ctx;
  const { audit, connections, grants, admin, settings, models } = ctx.deps;

  /** Parks the authorization on the request: its grant held as `parked`, nothing served yet. */
  async function park(
    claimed: Claimed,
    completion: { tokens: ZoomTokenSet; user: ZoomUser },
    reason: ParkedReason,
    coverage: AccountCoverage | null,
  ) {
    const { workspaceId, requestId, holder } = claimed;
    const app = claimed.before.kind === 'org' ? 'org' : 'user';
    const pointer = await grants.attach(app, completion, {
      workspaceId,
      kind: 'parked',
      requestId,
      active: false,
    });
    const now = clock();
    const { user } = completion;
    const parked = await requests
      .findOneAndUpdate(
        { workspaceId, _id: requestId, 'completion.holder': holder },
        {
          $set: {
            status: 'awaiting_confirmation',
            parked: {
              reason,
              zoomUserId: user.id,
              zoomEmail: user.email.toLowerCase(),
              zoomAccountId: user.accountId,
              accountName: accountNameOf(user),
              zoomRole: user.roleName,
              ...(coverage ? { coverage: { found: coverage.found, total: coverage.total } } : {}),
              grantId: pointer.grantId,
              parkedAt: now,
              until: new Date(now.getTime() + PARKED_TTL_MS),
            },
            attempts: [],
          },
          $unset: { completion: 1 },
        },
        { returnDocument: 'after', projection: NO_SECRETS },
      )
      .lean<ApprovalRequestDoc>();
    await audit.record(workspaceId, 'request_parked', 'zoom', { requestId, reason, zoomEmail: user.email });
    return parked ?? claimed.before;
  }

  async function names(claimed: Claimed) {
    const [workspaceName, member] = await Promise.all([
      settings.workspaceName(claimed.workspaceId),
      models.members
        .findOne(
          { workspaceId: claimed.workspaceId, slackUserId: claimed.before.requesterId },
          { realName: 1, name: 1, email: 1 },
        )
        .lean(),
    ]);
    return {
      workspaceName,
      memberName: member ? member.realName || member.name || null : null,
      memberEmail: member?.email,
    };
  }

  /** Personal: the member's own Zoom account at once; anyone else's only after their yes. */
  async function finishPersonal(claimed: Claimed, completion: Authorized): Promise<CallbackResult> {
    const { workspaceId, before } = claimed;
    const who = await names(claimed);
    if (!sameEmail(completion.user.email, who.memberEmail)) {
      const parked = await park(claimed, completion, 'email_mismatch', null);
      return {
        outcome: 'parked',
        request: view(parked, clock()),
        zoomEmail: completion.user.email,
        reason: 'email_mismatch',
        workspaceName: who.workspaceName,
        memberName: who.memberName,
      };
    }
    await connections.completePersonal(workspaceId, before.requesterId, completion);
    const finished = await markCompleted(ctx, claimed, { zoomEmail: completion.user.email });
    return {
      outcome: 'completed',
      request: view(finished ?? before, clock()),
      zoomEmail: completion.user.email,
      workspaceName: who.workspaceName,
      memberName: who.memberName,
    };
  }

  /**
   * Org: the account's coverage is computed before it serves anybody. Another Zoom account than
   * the current connection's, no member found, or a requester no longer a Slack admin (read fresh:
   * this may be a handover) → parked for a Slack admin's yes. Otherwise it serves at once.
   */
  async function finishOrg(claimed: Claimed, completion: Authorized): Promise<CallbackResult> {
    const { workspaceId, requestId, before } = claimed;
    const { user } = completion;
    const [who, current, found] = await Promise.all([
      names(claimed),
      connections.getOrg(workspaceId),
      matches.coverage(workspaceId, completion.accountEmails ?? []),
    ]);
    const account: AccountCoverage = { id: user.accountId, name: accountNameOf(user), ...found };
    const switching =
      current !== null && current.status !== 'disconnected' && current.zoomAccountId !== user.accountId;
    const live = current !== null && current.status !== 'disconnected';
    // A handover replaces a live connection: the requester's Slack admin flag is read now (if
    // Slack cannot say, a Slack admin confirms instead).
    const requesterStillAdmin = live
      ? await admin.isAdminFresh(workspaceId, before.requesterId).catch(() => false)
      : true;
    const reason: ParkedReason | null = switching
      ? 'other_account'
      : found.found === 0
        ? 'zero_coverage'
        : requesterStillAdmin
          ? null
          : 'requester_not_admin';
    if (reason) {
      const parked = await park(claimed, completion, reason, account);
      return {
        outcome: 'parked',
        request: view(parked, clock()),
        zoomEmail: user.email,
        reason,
        workspaceName: who.workspaceName,
        memberName: who.memberName,
        account,
        currentZoomEmail: current?.zoomEmail ?? null,
        currentServing: current?.status === 'active',
      };
    }
    const result = await connections.completeOrg(workspaceId, {
      authorization: completion,
      connectedBy: before.requesterId,
      approvedVia: requestId,
    });
    await matches.record(workspaceId, completion.accountEmails ?? []);
    const finished = await markCompleted(ctx, claimed, { zoomEmail: user.email, account });
    const superseded = await closeSiblings(ctx, workspaceId, requestId, {
      zoomEmail: user.email,
      connectedBy: before.requesterId,
    });
    return {
      outcome: 'completed',
      request: view(finished ?? before, clock()),
      zoomEmail: user.email,
      workspaceName: who.workspaceName,
      memberName: who.memberName,
      account,
      generation: result.generation,
      handedOverFrom: result.handedOverFrom,
      superseded: superseded.map((doc) => view(doc, clock())),
    };
  }

  return { finishPersonal, finishOrg };
}
