/**
 * The "New Zoom meeting" global shortcut: ack at once, then (after the ack, within the trigger's
 * 3 s) open the New meeting window on the member's clock. A global shortcut has no channel and
 * no response_url: a failure is told by DM.
 */
import type { AllMiddlewareArgs, GlobalShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { newMeetingModalView } from '../../loaders/new-meeting-modal.js';
import { logFailure, resolveActor, type SlackAppDeps, userMessageFor } from '../../runtime.js';

type ShortcutArgs = SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs;

export function newMeetingShortcut(deps: SlackAppDeps, clock: () => Date = () => new Date()) {
  return async (args: ShortcutArgs): Promise<void> => {
    await args.ack();
    const { body } = args;
    const workspaceId = body.team?.id ?? body.user.team_id ?? '';
    await deps.afterAck.run('action', { shortcut: body.callback_id, workspaceId }, async () => {
      try {
        if (!deps.isDatabaseUp()) {
          await deps.notifier.dm(workspaceId, body.user.id, (t) => ({
            text: t('error.unavailable'),
            blocks: [],
          }));
          return;
        }
        const actor = await resolveActor(deps, workspaceId, body.user.id);
        const view = await newMeetingModalView(deps.services, actor, { now: clock() });
        await args.client.views.open({ trigger_id: body.trigger_id, view });
      } catch (error) {
        logFailure(deps.logger, error, { shortcut: body.callback_id, workspaceId });
        await deps.notifier.dm(workspaceId, body.user.id, (t) => userMessageFor(error, t));
      }
    });
  };
}
