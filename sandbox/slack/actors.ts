/**
 * Users acting in Slack: each act builds the payload Slack would send, delivers it signed to the
 * app, then applies what Slack does with the app's answer (a command's ack message, a modal's
 * response_action, closing a modal). Returns the app's HTTP status and body.
 */
import type pino from 'pino';
import { ActorError } from './actor-error.js';
import { SlackApiError } from './api-error.js';
import type { AppResponse, Delivery, DeliveryOptions } from './delivery.js';
import { elementState, initialStateValues, isStateful, StateValueError } from './element-state.js';
import { escapeCommandText } from './escaping.js';
import type { ManifestShortcut } from './manifest.js';
import type { Args, MethodDeps } from './methods/index.js';
import { checkMessageContent } from './methods/index.js';
import {
  blockActionsPayload,
  commandFields,
  eventEnvelope,
  messageShortcutPayload,
  newEventId,
  shortcutPayload,
  viewClosedPayload,
  viewSubmissionPayload,
} from './payloads.js';
import type { Recorder } from './recorder.js';
import { messageObject } from './serialize.js';
import type { SubmitValues } from './submission.js';
import { applySubmissionAnswer, blockedText, readSubmission, responseUrlTargets } from './submission.js';
import type { ActionQuery, Match } from './surfaces.js';
import { currentSelection, findCandidates, matchIn } from './surfaces.js';
import type { Channel, JsonObject, SlackUser, Team, Workspace } from './workspace.js';
import { applyEventToWorkspace } from './workspace-events.js';

export { ActorError } from './actor-error.js';
export type { SubmitValues } from './submission.js';
export type { ActionQuery, Surface } from './surfaces.js';

export interface ActResult extends AppResponse {
  /** Why nothing was sent, when the Slack client itself would have refused (e.g. a required field). */
  blocked?: string;
  /** Inline errors the app answered with (`response_action: "errors"`), keyed by block_id. */
  errors?: Record<string, string>;
}

export interface EventResult extends AppResponse {
  eventId: string;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

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
  /** The shortcuts the app's manifest declares; undefined: any callback_id may be sent. */
  shortcuts: () => ManifestShortcut[] | undefined;
}

export interface ShortcutOptions extends DeliveryOptions {
  /** The conversation the person is looking at (a modal's default_to_current_conversation). */
  channel?: string;
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
  const declaredShortcut = (callbackId: string, type: ManifestShortcut['type']) => {
    const declared = deps.shortcuts();
    if (declared && !declared.some((s) => s.type === type && s.callback_id === callbackId)) {
      throw new ActorError(`the app's manifest declares no ${type} shortcut ${callbackId}`);
    }
  };

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
      const where = args.response_type === 'in_channel' ? 'in_channel' : 'ephemeral';
      recorder.activity(
        'ack_message',
        team.id,
        user.id,
        `${where}: ${content.text.slice(0, 80)}`,
        channel.id,
      );
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      recorder.error('command_ack', error.error, error.detail, team.id);
    }
  };

  const defaultChannel = (team: Team, user: SlackUser): Channel => {
    const joined = workspace.channels(team.id).find((c) => !c.isIm && c.members.has(user.id));
    return joined ?? workspace.openDm(team.id, user.id);
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
      const trigger = workspace.issueTrigger(teamId, userId, undefined, channel.id);
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
      for (const candidate of findCandidates(workspace, team, user, query)) {
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
      const where = candidate.view?.context?.channelId ?? candidate.channel?.id;
      const trigger = workspace.issueTrigger(teamId, userId, candidate.view?.id, where);
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
      const read = readSubmission(workspace, teamId, view, values);
      view.state.values = read.values;
      if (read.refused.reasons.length > 0) {
        // Slack's client refuses to submit and shows its message under each field; nothing is sent.
        record.errors = read.refused.errors;
        recorder.activity('modal_errors', teamId, userId, JSON.stringify(read.refused.errors).slice(0, 120));
        return {
          status: 0,
          body: '',
          json: undefined,
          blocked: blockedText(read.refused.reasons),
          errors: read.refused.errors,
        };
      }
      record.errors = undefined;
      const trigger = workspace.issueTrigger(teamId, userId, view.id, view.context?.channelId);
      const responseUrls = responseUrlTargets(view).map((target) => ({
        ...target,
        response_url: responseUrl(
          workspace.issueResponseUrl({
            teamId,
            userId,
            channelId: target.channel_id,
            messageTs: undefined,
            isEphemeral: false,
          }).id,
        ),
      }));
      const payload = viewSubmissionPayload({
        team,
        user,
        appId: workspace.appId,
        triggerId: trigger.id,
        view,
        responseUrls,
      });
      recorder.activity('view_submission', teamId, userId, `submit ${view.id} (${view.callback_id})`);
      const response = await timed('view_submission', teamId, () =>
        delivery.form({ payload: JSON.stringify(payload) }),
      );
      const result: ActResult = { ...response };
      if (response.status === 200) {
        const errors = applySubmissionAnswer(deps, team, user, index, response);
        if (errors) result.errors = errors;
      }
      await deps.settle();
      return result;
    },

    /**
     * A global shortcut (from the shortcuts menu or search): `type: shortcut` with the
     * callback_id and a fresh trigger_id. When the app's manifest was given, only its global
     * shortcuts can be used.
     */
    async shortcut(
      teamId: string,
      userId: string,
      callbackId: string,
      options: ShortcutOptions = {},
    ): Promise<ActResult> {
      const team = teamOf(teamId);
      const user = userOf(teamId, userId);
      declaredShortcut(callbackId, 'global');
      const channel = options.channel === undefined ? undefined : workspace.channel(teamId, options.channel);
      if (options.channel !== undefined && !channel)
        throw new ActorError(`unknown channel ${options.channel}`);
      const trigger = workspace.issueTrigger(teamId, userId, undefined, channel?.id);
      const payload = shortcutPayload({
        team,
        user,
        appId: workspace.appId,
        triggerId: trigger.id,
        callbackId,
        actionTs: (workspace.now() / 1000).toFixed(6),
      });
      recorder.activity('shortcut', teamId, userId, `shortcut ${callbackId}`);
      const response = await timed(
        'shortcut',
        teamId,
        () => delivery.form({ payload: JSON.stringify(payload) }),
        options,
      );
      await deps.settle();
      return response;
    },

    /** A message shortcut on a stored message (`type: message_action`, with a response_url). */
    async messageShortcut(
      teamId: string,
      userId: string,
      callbackId: string,
      target: { channel: string; ts: string },
      options: DeliveryOptions = {},
    ): Promise<ActResult> {
      const team = teamOf(teamId);
      const user = userOf(teamId, userId);
      declaredShortcut(callbackId, 'message');
      const channel = workspace.channel(teamId, target.channel);
      const message = channel && workspace.findMessage(teamId, channel.id, target.ts);
      if (!channel || !message || !channel.members.has(userId))
        throw new ActorError(`${userId} sees no message ${target.ts} in ${target.channel}`);
      const trigger = workspace.issueTrigger(teamId, userId, undefined, channel.id);
      const url = workspace.issueResponseUrl({
        teamId,
        userId,
        channelId: channel.id,
        messageTs: message.ts,
        isEphemeral: false,
      });
      const payload = messageShortcutPayload({
        team,
        user,
        appId: workspace.appId,
        triggerId: trigger.id,
        callbackId,
        actionTs: (workspace.now() / 1000).toFixed(6),
        channel,
        message: messageObject(message),
        responseUrl: responseUrl(url.id),
      });
      recorder.activity(
        'shortcut',
        teamId,
        userId,
        `message shortcut ${callbackId} on ${message.ts}`,
        channel.id,
      );
      const response = await timed(
        'shortcut',
        teamId,
        () => delivery.form({ payload: JSON.stringify(payload) }),
        options,
      );
      await deps.settle();
      return response;
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
      const event = applyEventToWorkspace(workspace, team, input, userOf);
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
}

export type Actors = ReturnType<typeof createActors>;
