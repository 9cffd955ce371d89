/**
 * The frame for modal submissions: resolve the actor, run, and answer Slack within 3 s with a
 * `response_action` (inline errors, update, clear) or a plain ack that closes the modal. A
 * failure becomes an inline error on the modal when it has a place for it, otherwise the modal
 * is replaced by an explanation — never a silent close.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewResponseAction } from '@slack/bolt';
import { createTranslator } from '../../../i18n/index.js';
import type { ModalView } from '../../blockkit/types.js';
import { type Actor, logFailure, resolveActor, type SlackAppDeps, userMessageFor } from '../../runtime.js';
import type { FormValues } from '../form-values.js';

export type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;

export interface ViewContext {
  actor: Actor;
  args: ViewArgs;
  /** `view.state.values` as Slack sent it. */
  values: FormValues;
}

/** What a submission handler answers: nothing (close), or a response action. */
export type ViewOutcome = undefined | ViewResponseAction;

export function viewHandler(
  deps: SlackAppDeps,
  name: string,
  run: (context: ViewContext) => Promise<ViewOutcome>,
): (args: ViewArgs) => Promise<void> {
  return async (args) => {
    const { body, ack } = args;
    const workspaceId = body.team?.id ?? body.user.team_id;
    let actor: Actor | undefined;
    try {
      if (!deps.isDatabaseUp()) throw Object.assign(new Error('database unavailable'), { unavailable: true });
      if (!workspaceId) throw new Error('view submission without a team');
      actor = await resolveActor(deps, workspaceId, body.user.id);
      const values = (body.view.state?.values ?? {}) as FormValues;
      const outcome = await run({ actor, args, values });
      await ack(outcome);
    } catch (error) {
      logFailure(deps.logger, error, { view: name, workspaceId });
      const t = actor?.t ?? createTranslator(undefined);
      const unavailable = (error as { unavailable?: boolean }).unavailable === true;
      const message = unavailable ? { text: t('error.unavailable'), blocks: [] } : userMessageFor(error, t);
      const view: ModalView = {
        type: 'modal',
        title: { type: 'plain_text', text: t('error.title_short') },
        close: { type: 'plain_text', text: t('common.close') },
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: message.text } }],
      };
      await ack({ response_action: 'update', view }).catch(() => undefined);
    }
  };
}

/** Inline errors under the named input blocks (`response_action: errors`). */
export function inlineErrors(errors: Record<string, string>): ViewResponseAction {
  return { response_action: 'errors', errors };
}
