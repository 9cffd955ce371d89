/**
 * "Use this account" / "Switch account" / "Cancel" on a parked approval (DESIGN §3.2a): the
 * service checks who may decide (the member; a Slack admin read fresh from Slack), then every DM
 * about it is rewritten with the decision and the people involved are told.
 */
import type { SlackAppDeps } from '../../runtime.js';
import { ACTION, parkedDecidedDm, parseRequestId } from '../../views/index.js';
import { actionHandler } from './frame.js';

export function decideParked(deps: SlackAppDeps, decision: 'confirm' | 'cancel') {
  const id = decision === 'confirm' ? ACTION.confirmParked : ACTION.cancelParked;
  return actionHandler(deps, id, async ({ actor, args, value, tell, surface }) => {
    const requestId = parseRequestId(value);
    if (!requestId) return;
    const { approvals } = deps.services;
    const result =
      decision === 'confirm'
        ? await approvals.confirmParked(actor.workspaceId, requestId, actor.userId)
        : await approvals.cancelParked(actor.workspaceId, requestId, actor.userId);
    await deps.notifier.parkedDecided(result, actor.userId);
    const decided = parkedDecidedDm(
      {
        kind: result.request.kind,
        outcome: result.outcome,
        zoomEmail: result.zoomEmail,
        actorId: actor.userId,
        account: result.outcome === 'confirmed' ? (result.account ?? null) : null,
        at: result.request.finishedAt ?? new Date(),
      },
      actor.t,
    );
    if (surface === 'home') await deps.home.publish(actor.workspaceId, actor.userId);
    else if (surface === 'message' && args.respond) {
      // The message clicked (a DM, or /zoom-status's ephemeral answer) shows the decision in place.
      await args.respond({ replace_original: true, text: decided.text, blocks: decided.blocks });
    } else await tell(decided);
  });
}
