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

export type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;

export interface ViewContext {
  actor: Actor;
  args: ViewArgs;
  /** `view.state.values` as Slack sent it. */
  values: Record<string, Record<string, unknown>>;
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
      const values = (body.view.state?.values ?? {}) as Record<string, Record<string, unknown>>;
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

// --- reading view.state.values (untrusted: narrow every shape) ---------------------------------

function element(
  values: ViewContext['values'],
  blockId: string,
  actionId: string,
): Record<string, unknown> | null {
  const value = values[blockId]?.[actionId];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

export function selectedOption(
  values: ViewContext['values'],
  blockId: string,
  actionId: string,
): string | null {
  const option = element(values, blockId, actionId)?.selected_option as
    | { value?: unknown }
    | null
    | undefined;
  return typeof option?.value === 'string' ? option.value : null;
}

export function selectedOptions(values: ViewContext['values'], blockId: string, actionId: string): string[] {
  const options = element(values, blockId, actionId)?.selected_options;
  if (!Array.isArray(options)) return [];
  return options.flatMap((o) =>
    typeof (o as { value?: unknown }).value === 'string' ? [(o as { value: string }).value] : [],
  );
}

export function selectedUser(
  values: ViewContext['values'],
  blockId: string,
  actionId: string,
): string | null {
  const user = element(values, blockId, actionId)?.selected_user;
  return typeof user === 'string' && /^[UW][A-Z0-9_]+$/.test(user) ? user : null;
}

export function selectedConversation(
  values: ViewContext['values'],
  blockId: string,
  actionId: string,
): string | null {
  const el = element(values, blockId, actionId);
  const id = el?.selected_conversation ?? el?.selected_channel;
  return typeof id === 'string' && /^[CDG][A-Z0-9_]+$/.test(id) ? id : null;
}

export function textValue(values: ViewContext['values'], blockId: string, actionId: string): string {
  const value = element(values, blockId, actionId)?.value;
  return typeof value === 'string' ? value.trim() : '';
}
