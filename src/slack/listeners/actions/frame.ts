/**
 * The frame for buttons and selects: ack at once, then, in the after-ack queue, resolve the actor,
 * run, and answer failures where the person is — ephemerally under a message, or by DM when the
 * click came from the Home tab or a modal (which have no place for an ephemeral reply).
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { createTranslator } from '../../../i18n/index.js';
import type { MessageView } from '../../blockkit/types.js';
import { type Actor, logFailure, resolveActor, type SlackAppDeps, userMessageFor } from '../../runtime.js';
import { toRespondPayload } from '../commands/frame.js';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export interface ActionContext {
  actor: Actor;
  args: ActionArgs;
  /** The clicked element's value, or the selected option's value for a select. */
  value: string | null;
  /** Tell the person something, where they clicked. */
  tell(message: MessageView): Promise<void>;
  surface: 'message' | 'home' | 'modal';
}

export function actionValue(args: ActionArgs): string | null {
  const action = args.action as { value?: unknown; selected_option?: { value?: unknown } | null };
  if (typeof action.value === 'string') return action.value;
  const selected = action.selected_option?.value;
  return typeof selected === 'string' ? selected : null;
}

export function actionHandler(
  deps: SlackAppDeps,
  name: string,
  run: (context: ActionContext) => Promise<void>,
): (args: ActionArgs) => Promise<void> {
  return async (args) => {
    await args.ack();
    const { body } = args;
    const workspaceId = body.team?.id ?? body.user.team_id ?? '';
    const surface = body.view?.type === 'home' ? 'home' : body.view ? 'modal' : 'message';
    const tell = async (message: MessageView) => {
      if (surface === 'message' && args.respond) {
        await args.respond({
          ...toRespondPayload(message),
          response_type: 'ephemeral',
          replace_original: false,
        });
      } else {
        await deps.notifier.dm(workspaceId, body.user.id, () => message);
      }
    };
    await deps.afterAck.run('action', { action: name, workspaceId }, async () => {
      let actor: Actor | undefined;
      try {
        if (!deps.isDatabaseUp()) {
          await tell({ text: createTranslator(undefined)('error.unavailable'), blocks: [] });
          return;
        }
        actor = await resolveActor(deps, workspaceId, body.user.id);
        await run({ actor, args, value: actionValue(args), tell, surface });
      } catch (error) {
        logFailure(deps.logger, error, { action: name, workspaceId });
        await tell(userMessageFor(error, actor?.t ?? createTranslator(undefined))).catch(
          (tellError: unknown) =>
            deps.logger.error({ err: tellError }, 'could not tell the person about a failed action'),
        );
      }
    });
  };
}
