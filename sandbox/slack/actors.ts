/**
 * Users acting in Slack: each act builds the payload Slack would send, delivers it signed to the
 * app, then applies what Slack does with the app's answer (a command's ack message, a modal's
 * response_action, closing a modal). Returns the app's HTTP status and body.
 */
import type pino from 'pino';
import { SlackApiError } from './api-error.js';
import type { AppResponse, Delivery, DeliveryOptions } from './delivery.js';
import {
  elementState,
  initialStateValues,
  isStateful,
  StateValueError,
  stateHasValue,
} from './element-state.js';
import { escapeCommandText } from './escaping.js';
import type { Args, MethodDeps } from './methods/index.js';
import { checkMessageContent, checkModalView, pushModal, replaceView } from './methods/index.js';
import {
  blockActionsPayload,
  commandFields,
  eventEnvelope,
  eventUser,
  newEventId,
  viewClosedPayload,
  viewSubmissionPayload,
} from './payloads.js';
import type { Recorder } from './recorder.js';
import type { SeedUser } from './seed.js';
import { messageObject, viewObject } from './serialize.js';
import type { Channel, JsonObject, SlackUser, Team, View, Workspace } from './workspace.js';

export type Surface = 'message' | 'modal' | 'home';

export interface ActionQuery {
  /** The element's action_id. */
  actionId?: string;
  /** Visible text: a button's label, or an option's label in a select / overflow / radio / checkboxes. */
  text?: string;
  /** What is picked: an option's value or label, a user/channel id, a date, or a list for multi-selects. */
  value?: unknown;
  /** Where to look; default: the top modal, then messages (newest first), then the Home tab. */
  surface?: Surface;
  /** A message ts or a view id to look in instead of the latest matching surface. */
  target?: string;
}

export interface ActResult extends AppResponse {
  /** Why nothing was sent, when the Slack client itself would have refused (e.g. a required field). */
  blocked?: string;
  /** Inline errors the app answered with (`response_action: "errors"`), keyed by block_id. */
  errors?: Record<string, string>;
}

export interface EventResult extends AppResponse {
  eventId: string;
}

/** Values for a submit: `{block_id: {action_id: value}}`, or `{block_id: value}` for one-element blocks. */
export type SubmitValues = Record<string, unknown>;

export class ActorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActorError';
  }
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Candidate {
  kind: 'view' | 'message';
  blocks: JsonObject[];
  view?: View;
  channel?: Channel;
  messageTs?: string;
  isEphemeral?: boolean;
  message?: JsonObject;
}

interface Match {
  candidate: Candidate;
  block: JsonObject;
  element: JsonObject;
  picked: unknown;
}

function interactiveElements(block: JsonObject): JsonObject[] {
  const found: JsonObject[] = [];
  if (block.type === 'actions' && Array.isArray(block.elements))
    found.push(...block.elements.filter(isObject));
  if (isObject(block.accessory)) found.push(block.accessory);
  if (block.type === 'input' && isObject(block.element)) found.push(block.element);
  return found;
}

function optionLabels(element: JsonObject): { label: string; value: string }[] {
  const options: unknown[] = [];
  if (Array.isArray(element.options)) options.push(...element.options);
  if (Array.isArray(element.option_groups)) {
    for (const g of element.option_groups)
      if (isObject(g) && Array.isArray(g.options)) options.push(...g.options);
  }
  return options.filter(isObject).map((o) => ({
    label: isObject(o.text) && typeof o.text.text === 'string' ? o.text.text : '',
    value: typeof o.value === 'string' ? o.value : '',
  }));
}

function matchIn(candidate: Candidate, query: ActionQuery): Match | undefined {
  for (const block of candidate.blocks) {
    for (const element of interactiveElements(block)) {
      if (query.actionId !== undefined && element.action_id !== query.actionId) continue;
      if (query.text === undefined) return { candidate, block, element, picked: query.value };
      if (element.type === 'button' && isObject(element.text) && element.text.text === query.text) {
        return { candidate, block, element, picked: query.value };
      }
      const option = optionLabels(element).find((o) => o.label === query.text);
      if (option) {
        const picked =
          element.type === 'checkboxes' || String(element.type).startsWith('multi_')
            ? [option.value]
            : option.value;
        return { candidate, block, element, picked: query.value ?? picked };
      }
    }
  }
  return undefined;
}

/** The option values a checkboxes element currently holds: the view's state, else its initial options. */
function currentSelection(match: Match): string[] {
  const { block, element, candidate } = match;
  const fromState =
    typeof block.block_id === 'string' && typeof element.action_id === 'string'
      ? candidate.view?.state.values[block.block_id]?.[element.action_id]?.selected_options
      : undefined;
  const options = Array.isArray(fromState)
    ? fromState
    : Array.isArray(element.initial_options)
      ? element.initial_options
      : [];
  return options.filter(isObject).map((o) => String(o.value));
}

/**
 * `email` / `real_name` of a user given either in the seed shape or in Slack's own user shape,
 * where they live in `profile`.
 */
function flattenProfile(user: JsonObject): JsonObject {
  const profile = isObject(user.profile) ? user.profile : {};
  const flat: JsonObject = {};
  const email = user.email ?? profile.email;
  const realName = user.real_name ?? profile.real_name;
  if (typeof email === 'string') flat.email = email;
  if (typeof realName === 'string') flat.real_name = realName;
  return flat;
}

/** A team_join user (seed shape or Slack's user object) as a seed user; the name defaults from the id. */
function seedFromSlackUser(user: JsonObject): SeedUser {
  const profile = isObject(user.profile) ? user.profile : {};
  const id = typeof user.id === 'string' ? user.id : '';
  const name =
    typeof user.name === 'string' && user.name !== ''
      ? user.name
      : typeof profile.display_name === 'string' && profile.display_name !== ''
        ? profile.display_name
        : id.replace(/^[UW]_?/, '').toLowerCase() || id;
  const known = [
    'is_admin',
    'is_owner',
    'is_primary_owner',
    'is_restricted',
    'deleted',
    'locale',
    'tz',
    'enterprise_user',
  ] as const;
  const seed: JsonObject = { id, name, ...flattenProfile(user) };
  for (const key of known) if (user[key] !== undefined) seed[key] = user[key];
  return seed as SeedUser;
}

export interface ActorDeps {
  workspace: Workspace;
  recorder: Recorder;
  delivery: Delivery;
  methodDeps: MethodDeps;
  /** The stand-in's own base URL, for response_url values. */
  baseUrl: () => string;
  logger: pino.Logger;
  /** Called after every act so helpers return once the app's follow-up calls landed. */
  settle: () => Promise<void>;
  /** `should_escape` per command (from the app manifest); escaped commands get Slack's markup. */
  commandEscaping: () => Record<string, boolean>;
}

export function createActors(deps: ActorDeps) {
  const { workspace, recorder, delivery } = deps;
  const sentEvents = new Map<string, { teamId: string; envelope: JsonObject }>();
  /** What each user has picked in messages (Slack's client keeps it per message until re-rendered). */
  const messageStates = new Map<string, Record<string, Record<string, JsonObject>>>();

  const teamOf = (teamId: string): Team => {
    const team = workspace.team(teamId);
    if (!team) throw new ActorError(`unknown team ${teamId}`);
    return team;
  };
  const userOf = (teamId: string, userId: string): SlackUser => {
    const user = workspace.user(teamId, userId);
    if (!user) throw new ActorError(`unknown user ${userId} in ${teamId}`);
    if (user.deleted) throw new ActorError(`user ${userId} is deactivated and cannot act`);
    return user;
  };
  const responseUrl = (id: string) => `${deps.baseUrl()}/response/${id}`;

  /** Slack reports an app that did not answer 200 within 3 s to the user; we record it. */
  const timed = async (
    label: string,
    teamId: string,
    send: () => Promise<AppResponse>,
    options?: DeliveryOptions,
  ) => {
    const started = Date.now();
    const response = await send();
    recorder.touch();
    const elapsed = Date.now() - started;
    const deliberate = options?.badSignature === true || (options?.staleBySeconds ?? 0) > 0;
    if (!deliberate && response.status !== 200) {
      recorder.error(label, 'dispatch_failed', `app answered HTTP ${response.status}`, teamId);
    } else if (!deliberate && elapsed > 3_000) {
      recorder.error(label, 'operation_timeout', `app acked after ${elapsed} ms`, teamId);
    }
    return response;
  };

  /** A command's ack body is shown as a message, ephemeral unless `response_type: in_channel`. */
  const applyCommandAck = (team: Team, user: SlackUser, channel: Channel, response: AppResponse) => {
    if (response.status !== 200 || response.body.trim() === '') return;
    const args: Args = isObject(response.json) ? response.json : { text: response.body };
    try {
      const content = checkMessageContent(args);
      if (args.response_type === 'in_channel') {
        workspace.postMessage(team.id, channel.id, { ...content, thread_ts: undefined, via: 'ack' });
      } else {
        workspace.postEphemeral(team.id, { channel: channel.id, user: user.id, ...content, via: 'ack' });
      }
      recorder.activity('ack_message', team.id, user.id, content.text.slice(0, 80));
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      recorder.error('command_ack', error.error, error.detail, team.id);
    }
  };

  const defaultChannel = (team: Team, user: SlackUser): Channel => {
    const joined = workspace.channels(team.id).find((c) => !c.isIm && c.members.has(user.id));
    return joined ?? workspace.openDm(team.id, user.id);
  };

  const candidates = (team: Team, user: SlackUser, query: ActionQuery): Candidate[] => {
    const list: Candidate[] = [];
    const modals = (): Candidate[] => {
      const stack = workspace.modalStack(team.id, user.id);
      const records = query.target ? stack.filter((r) => r.view.id === query.target) : stack.slice(-1);
      return records.map((r) => ({ kind: 'view', blocks: r.view.blocks, view: r.view }));
    };
    const home = (): Candidate[] => {
      const view = workspace.home(team.id, user.id);
      if (!view || (query.target && view.id !== query.target)) return [];
      return [{ kind: 'view', blocks: view.blocks, view }];
    };
    const messages = (): Candidate[] => {
      const found: (Candidate & { ts: string })[] = [];
      for (const e of workspace.ephemerals(team.id, user.id)) {
        const channel = workspace.channel(team.id, e.channel);
        if (!channel) continue;
        found.push({
          kind: 'message',
          ts: e.ts,
          blocks: e.blocks ?? [],
          channel,
          messageTs: e.ts,
          isEphemeral: true,
        });
      }
      for (const channel of workspace.channels(team.id)) {
        if (!channel.members.has(user.id)) continue;
        for (const m of workspace.messages(team.id, channel.id)) {
          found.push({
            kind: 'message',
            ts: m.ts,
            blocks: m.blocks ?? [],
            channel,
            messageTs: m.ts,
            isEphemeral: false,
            message: messageObject(m),
          });
        }
      }
      return found
        .filter((c) => !query.target || c.ts === query.target)
        .sort((a, b) => (a.ts < b.ts ? 1 : -1));
    };
    if (query.surface === 'modal') return modals();
    if (query.surface === 'home') return home();
    if (query.surface === 'message') return messages();
    list.push(...modals(), ...messages(), ...home());
    return list;
  };

  const actionObject = (match: Match, nowSec: string): JsonObject => {
    const { element, block } = match;
    const base: JsonObject = {
      type: element.type,
      action_id: element.action_id,
      block_id: block.block_id,
      action_ts: nowSec,
    };
    if (element.type === 'button') {
      return { ...base, text: element.text, value: element.value, style: element.style };
    }
    if (element.type === 'overflow') {
      const picked = match.picked;
      if (picked === undefined)
        throw new ActorError(`overflow ${String(element.action_id)}: say which option (value or text)`);
      const state = elementState({ ...element, type: 'static_select' }, picked);
      return { ...base, selected_option: state.selected_option };
    }
    const state = elementState(element, match.picked);
    const { type: _type, ...selection } = state;
    if (element.placeholder !== undefined) base.placeholder = element.placeholder;
    return { ...base, ...selection };
  };

  return {
    async command(
      teamId: string,
      userId: string,
      command: string,
      text = '',
      options: DeliveryOptions & { channel?: string } = {},
    ): Promise<ActResult> {
      const team = teamOf(teamId);
      const user = userOf(teamId, userId);
      const channel = options.channel
        ? workspace.channel(teamId, options.channel)
        : defaultChannel(team, user);
      if (!channel) throw new ActorError(`unknown channel ${options.channel ?? ''}`);
      const trigger = workspace.issueTrigger(teamId, userId);
      const url = workspace.issueResponseUrl({
        teamId,
        userId,
        channelId: channel.id,
        messageTs: undefined,
        isEphemeral: false,
      });
      const name = command.startsWith('/') ? command : `/${command}`;
      const delivered =
        deps.commandEscaping()[name] === true ? escapeCommandText(text, workspace, teamId) : text;
      recorder.activity('command', teamId, userId, `${name} ${delivered}`.trim());
      const fields = commandFields({
        team,
        user,
        channel,
        appId: workspace.appId,
        command: name,
        text: delivered,
        responseUrl: responseUrl(url.id),
        triggerId: trigger.id,
      });
      const response = await timed('command', teamId, () => delivery.form(fields, options), options);
      applyCommandAck(team, user, channel, response);
      await deps.settle();
      return response;
    },

    async action(
      teamId: string,
      userId: string,
      query: ActionQuery,
      options: DeliveryOptions = {},
    ): Promise<ActResult> {
      const team = teamOf(teamId);
      const user = userOf(teamId, userId);
      if (query.actionId === undefined && query.text === undefined) {
        throw new ActorError('say which element: actionId or text');
      }
      let match: Match | undefined;
      for (const candidate of candidates(team, user, query)) {
        match = matchIn(candidate, query);
        if (match) break;
      }
      if (!match) {
        const what = query.actionId ?? `"${query.text ?? ''}"`;
        throw new ActorError(`no element ${what} for ${userId} in ${query.surface ?? 'any surface'}`);
      }
      if (match.element.type === 'checkboxes' && query.value === undefined && Array.isArray(match.picked)) {
        // Ticking a box by its label toggles it; Slack then reports the whole selection.
        const toggled = String(match.picked[0]);
        const current = currentSelection(match);
        match.picked = current.includes(toggled)
          ? current.filter((v) => v !== toggled)
          : [...current, toggled];
      }
      const nowSec = (workspace.now() / 1000).toFixed(6);
      let action: JsonObject;
      try {
        action = actionObject(match, nowSec);
      } catch (error) {
        if (error instanceof StateValueError) throw new ActorError(error.message);
        throw error;
      }
      const { candidate } = match;
      const trigger = workspace.issueTrigger(teamId, userId, candidate.view?.id);
      let payload: JsonObject;
      if (candidate.kind === 'view' && candidate.view) {
        const view = candidate.view;
        if (
          isStateful(match.element) &&
          typeof match.block.block_id === 'string' &&
          typeof match.element.action_id === 'string'
        ) {
          const entry = elementState(match.element, match.picked);
          view.state.values[match.block.block_id] = {
            ...(view.state.values[match.block.block_id] ?? {}),
            [match.element.action_id]: entry,
          };
        }
        if (match.block.type === 'input' && match.block.dispatch_action !== true) {
          // Slack sends nothing for an input element unless its block sets dispatch_action.
          recorder.activity(
            'input_changed',
            teamId,
            userId,
            `${String(match.element.action_id)} in ${view.id}`,
          );
          return {
            status: 0,
            body: '',
            json: undefined,
            blocked: 'input without dispatch_action: state kept, nothing sent',
          };
        }
        payload = blockActionsPayload({
          team,
          user,
          appId: workspace.appId,
          triggerId: trigger.id,
          actions: [action],
          source: { kind: 'view', view },
        });
      } else {
        const channel = candidate.channel;
        const messageTs = candidate.messageTs;
        if (!channel || messageTs === undefined) throw new ActorError('message without channel');
        const url = workspace.issueResponseUrl({
          teamId,
          userId,
          channelId: channel.id,
          messageTs,
          isEphemeral: candidate.isEphemeral === true,
        });
        // The message's full state as this user's client holds it: every stateful element with
        // its initial value or the user's earlier pick, then this pick.
        const stateKey = `${teamId}/${userId}/${channel.id}/${messageTs}`;
        const stateValues = initialStateValues(candidate.blocks);
        const kept = messageStates.get(stateKey) ?? {};
        for (const [blockId, actions] of Object.entries(stateValues)) {
          for (const [actionId, fresh] of Object.entries(actions)) {
            const earlier = kept[blockId]?.[actionId];
            if (earlier && earlier.type === fresh.type) actions[actionId] = earlier;
          }
        }
        if (
          isStateful(match.element) &&
          typeof match.block.block_id === 'string' &&
          typeof match.element.action_id === 'string'
        ) {
          stateValues[match.block.block_id] = {
            ...(stateValues[match.block.block_id] ?? {}),
            [match.element.action_id]: elementState(match.element, match.picked),
          };
        }
        messageStates.set(stateKey, stateValues);
        payload = blockActionsPayload({
          team,
          user,
          appId: workspace.appId,
          triggerId: trigger.id,
          actions: [action],
          source: {
            kind: 'message',
            channel,
            messageTs,
            isEphemeral: candidate.isEphemeral === true,
            message: candidate.message,
            responseUrl: responseUrl(url.id),
            state: stateValues,
          },
        });
      }
      recorder.activity('action', teamId, userId, `${String(action.type)} ${String(action.action_id)}`);
      const response = await timed(
        'block_actions',
        teamId,
        () => delivery.form({ payload: JSON.stringify(payload) }, options),
        options,
      );
      await deps.settle();
      return response;
    },

    async submit(
      teamId: string,
      userId: string,
      values: SubmitValues = {},
      viewId?: string,
    ): Promise<ActResult> {
      const team = teamOf(teamId);
      const user = userOf(teamId, userId);
      const stack = workspace.modalStack(teamId, userId);
      const index = viewId === undefined ? stack.length - 1 : stack.findIndex((r) => r.view.id === viewId);
      const record = stack[index];
      if (!record) throw new ActorError(`no open modal ${viewId ?? ''} for ${userId}`);
      const view = record.view;
      if (!view.submit) throw new ActorError(`modal ${view.id} has no submit button`);
      const inputs = view.blocks.filter((b) => b.type === 'input' && isObject(b.element));
      const stateValues: Record<string, Record<string, JsonObject>> = { ...view.state.values };
      const missing: string[] = [];
      for (const blockId of Object.keys(values)) {
        if (!inputs.some((b) => b.block_id === blockId) && !view.state.values[blockId]) {
          throw new ActorError(`modal ${view.id} has no input block ${blockId}`);
        }
      }
      for (const block of inputs) {
        const element = block.element as JsonObject;
        const blockId = String(block.block_id);
        const actionId = String(element.action_id);
        const given = values[blockId];
        const picked = isObject(given) ? given[actionId] : given;
        let entry: JsonObject;
        try {
          entry =
            picked === undefined
              ? (view.state.values[blockId]?.[actionId] ?? elementState(element, undefined))
              : elementState(element, picked);
        } catch (error) {
          if (error instanceof StateValueError) throw new ActorError(error.message);
          throw error;
        }
        stateValues[blockId] = { ...(stateValues[blockId] ?? {}), [actionId]: entry };
        if (block.optional !== true && !stateHasValue(entry)) missing.push(blockId);
        const typed = typeof entry.value === 'string' ? entry.value : undefined;
        if (typed !== undefined && typed !== '') {
          // Slack's client enforces these before anything is sent.
          if (typeof element.max_length === 'number' && typed.length > element.max_length) {
            missing.push(`${blockId} (longer than ${element.max_length})`);
          }
          if (typeof element.min_length === 'number' && typed.length < element.min_length) {
            missing.push(`${blockId} (shorter than ${element.min_length})`);
          }
        }
      }
      view.state.values = stateValues;
      if (missing.length > 0) {
        // Slack's client refuses to submit and shows "This field is required"; nothing reaches the app.
        return {
          status: 0,
          body: '',
          json: undefined,
          blocked: `required input empty or invalid: ${missing.join(', ')}`,
        };
      }
      const trigger = workspace.issueTrigger(teamId, userId, view.id);
      const payload = viewSubmissionPayload({
        team,
        user,
        appId: workspace.appId,
        triggerId: trigger.id,
        view,
      });
      recorder.activity('view_submission', teamId, userId, `submit ${view.id} (${view.callback_id})`);
      const response = await timed('view_submission', teamId, () =>
        delivery.form({ payload: JSON.stringify(payload) }),
      );
      const result: ActResult = { ...response };
      if (response.status === 200) {
        const errors = applySubmissionAnswer(team, user, index, response);
        if (errors) result.errors = errors;
      }
      await deps.settle();
      return result;
    },

    async closeModal(teamId: string, userId: string, viewId?: string): Promise<ActResult> {
      const team = teamOf(teamId);
      const user = userOf(teamId, userId);
      const stack = workspace.modalStack(teamId, userId);
      const record = viewId === undefined ? stack.at(-1) : stack.find((r) => r.view.id === viewId);
      if (!record) throw new ActorError(`no open modal ${viewId ?? ''} for ${userId}`);
      const isCleared = record.view.clear_on_close;
      workspace.setModalStack(teamId, userId, isCleared ? [] : stack.filter((r) => r !== record));
      recorder.activity('modal_closed', teamId, userId, `closed ${record.view.id}`);
      if (!record.view.notify_on_close)
        return { status: 0, body: '', json: undefined, blocked: 'notify_on_close is false' };
      const payload = viewClosedPayload({ team, user, appId: workspace.appId, view: record.view, isCleared });
      const response = await timed('view_closed', teamId, () =>
        delivery.form({ payload: JSON.stringify(payload) }),
      );
      await deps.settle();
      return response;
    },

    async openHome(teamId: string, userId: string): Promise<EventResult> {
      teamOf(teamId);
      const user = userOf(teamId, userId);
      // The event is completed like one sent through event(): DM channel, tab, the shown Home view.
      return this.event(teamId, { type: 'app_home_opened', user: user.id, tab: 'home' });
    },

    /**
     * Sends an event. Workspace-changing events are applied first: `team_join` adds `event.user`
     * (seed shape), `user_change` patches it, `app_uninstalled`/`tokens_revoked` revoke the bot token.
     */
    async event(
      teamId: string,
      input: JsonObject,
      options: DeliveryOptions & { eventId?: string } = {},
    ): Promise<EventResult> {
      const team = teamOf(teamId);
      const event = applyEventToWorkspace(team, input);
      const eventId = options.eventId ?? newEventId();
      const envelope = eventEnvelope({
        team,
        appId: workspace.appId,
        event,
        eventId,
        nowMs: workspace.now(),
      });
      sentEvents.set(eventId, { teamId, envelope });
      recorder.activity('event', teamId, undefined, `${String(event.type)} ${eventId}`);
      const response = await timed('event', teamId, () => delivery.json(envelope, options), options);
      await deps.settle();
      return { ...response, eventId };
    },

    /** Delivers an already sent event again, as Slack does when the app did not ack in time. */
    async redeliver(eventId: string, retryNum = 1, retryReason = 'http_timeout'): Promise<EventResult> {
      const sent = sentEvents.get(eventId);
      if (!sent) throw new ActorError(`no event ${eventId} was sent`);
      recorder.activity('event_retry', sent.teamId, undefined, `${eventId} retry ${retryNum}`);
      const response = await delivery.json(sent.envelope, { retryNum, retryReason });
      await deps.settle();
      return { ...response, eventId };
    },

    /** Sends a url_verification challenge, as Slack does when the request URL is configured. */
    async urlVerification(): Promise<AppResponse> {
      return delivery.json({
        token: 'sandbox-verification-token',
        challenge: newEventId(),
        type: 'url_verification',
      });
    },
  };

  function applySubmissionAnswer(
    team: Team,
    user: SlackUser,
    index: number,
    response: AppResponse,
  ): Record<string, string> | undefined {
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
        const errors = answer?.errors;
        if (!isObject(errors))
          throw new SlackApiError('invalid_arguments', 'response_action errors needs an errors object');
        const inline: Record<string, string> = {};
        for (const [blockId, message] of Object.entries(errors)) {
          if (!record.view.blocks.some((b) => b.block_id === blockId && b.type === 'input')) {
            throw new SlackApiError(
              'invalid_arguments',
              `errors names ${blockId}, not an input block of the view`,
            );
          }
          inline[blockId] = String(message);
        }
        record.errors = inline;
        recorder.activity('modal_errors', team.id, user.id, JSON.stringify(inline).slice(0, 120));
        return inline;
      }
      if (action === 'update') {
        const input = checkModalView(answer?.view);
        const next = replaceView(deps.methodDeps, team, record.view, input);
        const updated = [...stack];
        updated[index] = { view: next, user: user.id, errors: undefined };
        workspace.setModalStack(team.id, user.id, updated);
        recorder.activity(
          'modal_updated',
          team.id,
          user.id,
          `modal ${next.id} (${next.callback_id}) updated`,
        );
        return undefined;
      }
      if (action === 'push') {
        const input = checkModalView(answer?.view);
        const view = pushModal(deps.methodDeps, team, user.id, input);
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

  function applyEventToWorkspace(team: Team, input: JsonObject): JsonObject {
    const type = input.type;
    if (typeof type !== 'string') throw new ActorError('event.type is required');
    if (type === 'app_home_opened') {
      // Slack always says which DM the Home belongs to and, on the Home tab, which view is shown.
      if (typeof input.user !== 'string')
        throw new ActorError('app_home_opened: event.user (a user id) is required');
      const user = userOf(team.id, input.user);
      const tab = typeof input.tab === 'string' ? input.tab : 'home';
      const event: JsonObject = { ...input, tab };
      if (typeof event.channel !== 'string') event.channel = workspace.openDm(team.id, user.id).id;
      const home = workspace.home(team.id, user.id);
      if (tab === 'home' && home && event.view === undefined) event.view = viewObject(home);
      return event;
    }
    if (type === 'team_join' && isObject(input.user)) {
      const seed = seedFromSlackUser(input.user);
      const existing = typeof seed.id === 'string' ? workspace.user(team.id, seed.id) : undefined;
      const user = existing ?? workspace.addUser(team.id, seed);
      return { ...input, user: eventUser(user, team, workspace.now()) };
    }
    if (type === 'user_change' && isObject(input.user) && typeof input.user.id === 'string') {
      const current = workspace.user(team.id, input.user.id);
      if (!current) throw new ActorError(`user_change: unknown user ${input.user.id}`);
      const patch = { ...input.user, ...flattenProfile(input.user) };
      const user = workspace.updateUser(team.id, current.id, {
        ...(typeof patch.name === 'string' ? { name: patch.name } : {}),
        ...(typeof patch.real_name === 'string' ? { realName: patch.real_name } : {}),
        ...(typeof patch.email === 'string' ? { email: patch.email } : {}),
        ...(typeof patch.is_admin === 'boolean' ? { isAdmin: patch.is_admin } : {}),
        ...(typeof patch.is_owner === 'boolean' ? { isOwner: patch.is_owner } : {}),
        ...(typeof patch.is_primary_owner === 'boolean' ? { isPrimaryOwner: patch.is_primary_owner } : {}),
        ...(typeof patch.is_restricted === 'boolean' ? { isRestricted: patch.is_restricted } : {}),
        ...(typeof patch.deleted === 'boolean' ? { deleted: patch.deleted } : {}),
        ...(typeof patch.locale === 'string' ? { locale: patch.locale } : {}),
        ...(typeof patch.tz === 'string' ? { tz: patch.tz } : {}),
      });
      return {
        ...input,
        user: eventUser(user, team, workspace.now()),
        cache_ts: Math.floor(workspace.now() / 1000),
      };
    }
    if (type === 'app_uninstalled') {
      if (team.installed) workspace.revokeBotToken(team.id);
      return { type };
    }
    if (type === 'tokens_revoked') {
      const botUserId = team.botUserId;
      if (team.installed) workspace.revokeBotToken(team.id);
      return isObject(input.tokens) ? input : { type, tokens: { oauth: [], bot: [botUserId] } };
    }
    return input;
  }
}

export type Actors = ReturnType<typeof createActors>;
