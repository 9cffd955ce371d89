/**
 * views.open, views.push, views.update and views.publish on the modal stacks and Home tabs, with
 * trigger ids (single use, 3 s, one team), hashes and the push limit of their reference pages.
 */
import { blockErrors, SlackApiError } from '../api-error.js';
import { buildView, viewObject } from '../serialize.js';
import type { Caller, JsonObject, ModalRecord, Team, View } from '../workspace.js';
import { TRIGGER_TTL_MS } from '../workspace.js';
import { checkModalView, checkView } from './content.js';
import type { MethodDeps, MethodSpec } from './support.js';
import { activity, callerTeams, jsonArg, needCaller, str, teamOfUser } from './support.js';

const MAX_PUSHED_VIEWS = 3;

function consumeTrigger(deps: MethodDeps, caller: Caller, triggerId: string | undefined) {
  if (triggerId === undefined) {
    throw blockErrors('invalid_arguments', [
      '[ERROR] missing required field: trigger_id [json-pointer:/trigger_id]',
    ]);
  }
  const trigger = deps.workspace.trigger(triggerId);
  const team = trigger && callerTeams(caller).find((t) => t.id === trigger.teamId);
  if (!trigger || !team) throw new SlackApiError('invalid_trigger_id', triggerId.slice(0, 24));
  if (trigger.used) throw new SlackApiError('exchanged_trigger_id', 'trigger_id already used');
  const age = deps.workspace.now() - trigger.issuedAt;
  if (age > TRIGGER_TTL_MS) throw new SlackApiError('expired_trigger_id', `trigger_id is ${age} ms old`);
  trigger.used = true;
  return { trigger, team };
}

function identity(deps: MethodDeps, team: Team, id: string, root: string, previous: string | null) {
  return {
    id,
    teamId: team.id,
    appId: deps.workspace.appId,
    botId: team.botId,
    rootViewId: root,
    previousViewId: previous,
    hash: deps.workspace.viewHash(),
  };
}

/**
 * Keeps what the user typed where the same input block_id/action_id (and element type) survives an
 * update, like Slack ("data entered or selected in input blocks can be preserved"); other
 * stateful elements start again from the new view's initial values.
 */
function carryState(previous: View, next: View): void {
  const inputs = new Set(next.blocks.filter((b) => b.type === 'input').map((b) => b.block_id));
  for (const [blockId, actions] of Object.entries(next.state.values)) {
    if (!inputs.has(blockId)) continue;
    for (const [actionId, fresh] of Object.entries(actions)) {
      const kept = previous.state.values[blockId]?.[actionId];
      if (kept && kept.type === fresh.type) actions[actionId] = kept;
    }
  }
}

/** Replaces a view in place (views.update, `response_action: update`): same id, new hash. */
export function replaceView(deps: MethodDeps, team: Team, current: View, input: JsonObject): View {
  const next = buildView(
    input,
    current.type,
    identity(deps, team, current.id, current.root_view_id, current.previous_view_id),
    current.context,
  );
  carryState(current, next);
  return next;
}

/** Opens a modal on top of a user's stack (views.push, `response_action: push`). */
export function pushModal(deps: MethodDeps, team: Team, userId: string, input: JsonObject): View {
  const stack = deps.workspace.modalStack(team.id, userId);
  const top = stack.at(-1);
  if (!top) throw new SlackApiError('not_found', 'no open modal to push onto');
  if (stack.length >= MAX_PUSHED_VIEWS)
    throw new SlackApiError('push_limit_reached', `${stack.length} views open`);
  const root = stack[0]?.view.id ?? top.view.id;
  const view = buildView(
    input,
    'modal',
    identity(deps, team, deps.workspace.nextViewId(), root, top.view.id),
    top.view.context,
  );
  deps.workspace.setModalStack(team.id, userId, [...stack, { view, user: userId, errors: undefined }]);
  return view;
}

export const VIEW_METHODS: Record<string, MethodSpec> = {
  'views.open': {
    scope: null,
    auth: true,
    run(deps, maybeCaller, args) {
      const caller = needCaller(maybeCaller);
      const input = checkModalView(jsonArg(args, 'view', 'invalid_arguments'));
      const { trigger, team } = consumeTrigger(
        deps,
        caller,
        str(args, 'trigger_id') ?? str(args, 'interactivity_pointer'),
      );
      const id = deps.workspace.nextViewId();
      const view = buildView(input, 'modal', identity(deps, team, id, id, null), trigger.context);
      const record: ModalRecord = { view, user: trigger.userId, errors: undefined };
      deps.workspace.setModalStack(team.id, trigger.userId, [record]);
      activity(deps, 'modal_opened', team.id, trigger.userId, `modal ${id} (${view.callback_id})`);
      return { view: viewObject(view) };
    },
  },

  'views.push': {
    scope: null,
    auth: true,
    run(deps, maybeCaller, args) {
      const caller = needCaller(maybeCaller);
      const input = checkModalView(jsonArg(args, 'view', 'invalid_arguments'));
      const { trigger, team } = consumeTrigger(
        deps,
        caller,
        str(args, 'trigger_id') ?? str(args, 'interactivity_pointer'),
      );
      const view = pushModal(deps, team, trigger.userId, input);
      activity(deps, 'modal_pushed', team.id, trigger.userId, `modal ${view.id} (${view.callback_id})`);
      return { view: viewObject(view) };
    },
  },

  'views.update': {
    scope: null,
    auth: true,
    run(deps, maybeCaller, args) {
      const caller = needCaller(maybeCaller);
      const viewId = str(args, 'view_id');
      const externalId = str(args, 'external_id');
      if (viewId === undefined && externalId === undefined) {
        throw blockErrors('invalid_arguments', ['[ERROR] missing required field: view_id or external_id']);
      }
      const raw = jsonArg(args, 'view', 'invalid_arguments');
      let located: { team: Team; userId: string; type: 'modal' | 'home' } | undefined;
      for (const team of callerTeams(caller)) {
        if (viewId !== undefined) {
          const where = deps.workspace.locateView(viewId);
          if (where && where.teamId === team.id) located = { team, userId: where.userId, type: where.type };
        } else if (externalId !== undefined) {
          const found = deps.workspace.findModalByExternalId(team.id, externalId);
          if (found) located = { team, userId: found.userId, type: 'modal' };
        }
        if (located) break;
      }
      if (!located) throw new SlackApiError('not_found', viewId ?? externalId ?? '');
      const { team } = located;
      const input = checkView(raw, located.type);
      const hash = str(args, 'hash');
      if (located.type === 'home') {
        const current = deps.workspace.home(team.id, located.userId);
        if (!current) throw new SlackApiError('not_found', viewId ?? '');
        if (hash !== undefined && hash !== current.hash)
          throw new SlackApiError('hash_conflict', viewId ?? '');
        const next = replaceView(deps, team, current, input);
        deps.workspace.setHome(team.id, located.userId, next);
        activity(deps, 'home_updated', team.id, located.userId, `home ${next.id} updated`);
        return { view: viewObject(next) };
      }
      const stack = deps.workspace.modalStack(team.id, located.userId);
      const index = stack.findIndex((r) =>
        viewId !== undefined ? r.view.id === viewId : r.view.external_id === externalId,
      );
      const record = stack[index];
      if (!record) throw new SlackApiError('not_found', viewId ?? externalId ?? '');
      if (hash !== undefined && hash !== record.view.hash)
        throw new SlackApiError('hash_conflict', record.view.id);
      const next = replaceView(deps, team, record.view, input);
      const updated = [...stack];
      updated[index] = { view: next, user: located.userId, errors: undefined };
      deps.workspace.setModalStack(team.id, located.userId, updated);
      activity(
        deps,
        'modal_updated',
        team.id,
        located.userId,
        `modal ${next.id} (${next.callback_id}) updated`,
      );
      return { view: viewObject(next) };
    },
  },

  'views.publish': {
    scope: null,
    auth: true,
    run(deps, maybeCaller, args) {
      const caller = needCaller(maybeCaller);
      const found = teamOfUser(deps, caller, str(args, 'user_id'));
      if (!found || found.user.isBot) throw blockErrors('invalid_arguments', ['invalid `user_id`']);
      const { team, user } = found;
      const input = checkView(jsonArg(args, 'view', 'invalid_arguments'), 'home');
      const current = deps.workspace.home(team.id, user.id);
      const hash = str(args, 'hash');
      if (current && hash !== undefined && hash !== current.hash)
        throw new SlackApiError('hash_conflict', current.id);
      const id = current?.id ?? deps.workspace.nextViewId();
      const view = current
        ? replaceView(deps, team, current, input)
        : buildView(input, 'home', identity(deps, team, id, id, null), undefined);
      deps.workspace.setHome(team.id, user.id, view);
      activity(deps, 'home_published', team.id, user.id, `home ${view.id} published`);
      return { view: viewObject(view) };
    },
  },
};
