/**
 * A modal submission as Slack's client builds it, and the app's answer applied as Slack applies
 * it: the values a person gives become `view.state.values` (unset inputs keep what the view holds),
 * the client refuses empty required fields, and `response_url_enabled` conversation selects get
 * `response_urls` in the payload. The answer: empty closes the view, `errors` shows inline errors,
 * `update` replaces, `push` stacks, `clear` closes all.
 */
import { ActorError } from './actor-error.js';
import { SlackApiError } from './api-error.js';
import { BLOCKED_SUBMISSION, clientProblem } from './client-checks.js';
import type { AppResponse } from './delivery.js';
import { elementState, namedIds, StateValueError } from './element-state.js';
import type { MethodDeps } from './methods/index.js';
import { checkModalView, pushModal, replaceView } from './methods/index.js';
import type { Recorder } from './recorder.js';
import type { JsonObject, ModalRecord, SlackUser, Team, View, Workspace } from './workspace.js';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Values for a submit: `{block_id: {action_id: value}}`, or `{block_id: value}` for one-element blocks. */
export type SubmitValues = Record<string, unknown>;

export interface ReadSubmission {
  values: Record<string, Record<string, JsonObject>>;
  /** The client's refusals: the message shown under each field, and why (for `blocked`). */
  refused: { errors: Record<string, string>; reasons: string[] };
}

function inputsOf(view: View): JsonObject[] {
  return view.blocks.filter((b) => b.type === 'input' && isObject(b.element));
}

/** A person picks only people and conversations that exist in their workspace. */
function checkNamedIds(workspace: Workspace, teamId: string, entry: JsonObject, blockId: string): void {
  const { users, conversations } = namedIds(entry);
  for (const id of users) {
    const user = workspace.user(teamId, id);
    if (!user || user.deleted) throw new ActorError(`${blockId}: no active user ${id} in ${teamId}`);
  }
  for (const id of conversations) {
    if (!workspace.channel(teamId, id) && !workspace.user(teamId, id))
      throw new ActorError(`${blockId}: no conversation ${id} in ${teamId}`);
  }
}

export function readSubmission(
  workspace: Workspace,
  teamId: string,
  view: View,
  given: SubmitValues,
): ReadSubmission {
  const inputs = inputsOf(view);
  for (const blockId of Object.keys(given)) {
    if (!inputs.some((b) => b.block_id === blockId) && !view.state.values[blockId]) {
      throw new ActorError(`modal ${view.id} has no input block ${blockId}`);
    }
  }
  const values: Record<string, Record<string, JsonObject>> = { ...view.state.values };
  const refused: ReadSubmission['refused'] = { errors: {}, reasons: [] };
  for (const block of inputs) {
    const element = block.element as JsonObject;
    const blockId = String(block.block_id);
    const actionId = String(element.action_id);
    const value = given[blockId];
    const picked = isObject(value) ? value[actionId] : value;
    let entry: JsonObject;
    try {
      entry =
        picked === undefined
          ? (view.state.values[blockId]?.[actionId] ?? elementState(element, undefined, view.context))
          : elementState(element, picked, view.context);
    } catch (error) {
      if (error instanceof StateValueError) throw new ActorError(error.message);
      throw error;
    }
    if (picked !== undefined) checkNamedIds(workspace, teamId, entry, blockId);
    values[blockId] = { ...(values[blockId] ?? {}), [actionId]: entry };
    const problem = clientProblem(block, element, entry);
    if (problem) {
      refused.errors[blockId] = problem.message;
      refused.reasons.push(problem.reason);
    }
  }
  return { values, refused };
}

export function blockedText(reasons: string[]): string {
  return `${BLOCKED_SUBMISSION}${reasons.join(', ')}`;
}

/**
 * `response_urls` of a view_submission: one per conversation select with `response_url_enabled`
 * in an input block that has a conversation picked (Slack: "the view_submission payload … will
 * contain a response_url … determined by the value of this select menu").
 */
export function responseUrlTargets(
  view: View,
): { block_id: string; action_id: string; channel_id: string }[] {
  const targets: { block_id: string; action_id: string; channel_id: string }[] = [];
  for (const block of inputsOf(view)) {
    const element = block.element as JsonObject;
    if (element.response_url_enabled !== true) continue;
    const blockId = String(block.block_id);
    const actionId = String(element.action_id);
    const entry = view.state.values[blockId]?.[actionId];
    const channel = entry?.selected_conversation ?? entry?.selected_channel;
    if (typeof channel === 'string')
      targets.push({ block_id: blockId, action_id: actionId, channel_id: channel });
  }
  return targets;
}

export interface AnswerDeps {
  workspace: Workspace;
  recorder: Recorder;
  methodDeps: MethodDeps;
}

function inlineErrors(record: ModalRecord, answer: JsonObject | undefined): Record<string, string> {
  const errors = answer?.errors;
  if (!isObject(errors))
    throw new SlackApiError('invalid_arguments', 'response_action errors needs an errors object');
  const inline: Record<string, string> = {};
  for (const [blockId, message] of Object.entries(errors)) {
    if (!record.view.blocks.some((b) => b.block_id === blockId && b.type === 'input')) {
      throw new SlackApiError('invalid_arguments', `errors names ${blockId}, not an input block of the view`);
    }
    inline[blockId] = String(message);
  }
  return inline;
}

/** Applies the app's answer to a view_submission; returns the inline errors it asked for, if any. */
export function applySubmissionAnswer(
  deps: AnswerDeps,
  team: Team,
  user: SlackUser,
  index: number,
  response: AppResponse,
): Record<string, string> | undefined {
  const { workspace, recorder } = deps;
  const stack = workspace.modalStack(team.id, user.id);
  const record = stack[index];
  if (!record) return undefined;
  if (response.body.trim() === '') {
    // An empty ack closes the submitted view; the one below it shows again.
    workspace.setModalStack(team.id, user.id, stack.slice(0, index));
    recorder.activity('modal_closed', team.id, user.id, `closed ${record.view.id} after submit`);
    return undefined;
  }
  const answer = isObject(response.json) ? response.json : undefined;
  const action = answer?.response_action;
  try {
    if (action === 'errors') {
      const inline = inlineErrors(record, answer);
      record.errors = inline;
      recorder.activity('modal_errors', team.id, user.id, JSON.stringify(inline).slice(0, 120));
      return inline;
    }
    if (action === 'update') {
      const next = replaceView(deps.methodDeps, team, record.view, checkModalView(answer?.view));
      const updated = [...stack];
      updated[index] = { view: next, user: user.id, errors: undefined };
      workspace.setModalStack(team.id, user.id, updated);
      recorder.activity('modal_updated', team.id, user.id, `modal ${next.id} (${next.callback_id}) updated`);
      return undefined;
    }
    if (action === 'push') {
      const view = pushModal(deps.methodDeps, team, user.id, checkModalView(answer?.view));
      recorder.activity('modal_pushed', team.id, user.id, `modal ${view.id} (${view.callback_id})`);
      return undefined;
    }
    if (action === 'clear') {
      workspace.setModalStack(team.id, user.id, []);
      recorder.activity('modal_closed', team.id, user.id, 'all modals cleared');
      return undefined;
    }
    throw new SlackApiError('invalid_arguments', `unknown response_action ${String(action)}`);
  } catch (error) {
    if (!(error instanceof SlackApiError)) throw error;
    // Slack shows the user "We had some trouble connecting" and keeps the modal open.
    recorder.error('view_submission', error.error, error.detail, team.id);
    return undefined;
  }
}
