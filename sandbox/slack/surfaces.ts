/**
 * Where a person finds the element they act on: the top modal, their messages (ephemerals, DMs,
 * channels they are in; newest first) or their Home tab, and the element in it by action_id, a
 * button's label or an option's label.
 */
import { messageObject } from './serialize.js';
import type { Channel, JsonObject, SlackUser, Team, View, Workspace } from './workspace.js';

export type Surface = 'message' | 'modal' | 'home';

export interface ActionQuery {
  /** The element's action_id. */
  actionId?: string;
  /** The block it sits in: several blocks of one message may hold the same action_id (a list of rows). */
  blockId?: string;
  /** Visible text: a button's label, or an option's label in a select / overflow / radio / checkboxes. */
  text?: string;
  /** What is picked: an option's value or label, a user/channel id, a date, or a list for multi-selects. */
  value?: unknown;
  /** Where to look; default: the top modal, then messages (newest first), then the Home tab. */
  surface?: Surface;
  /** A message ts or a view id to look in instead of the latest matching surface. */
  target?: string;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Candidate {
  kind: 'view' | 'message';
  blocks: JsonObject[];
  view?: View;
  channel?: Channel;
  messageTs?: string;
  isEphemeral?: boolean;
  message?: JsonObject;
}

export interface Match {
  candidate: Candidate;
  block: JsonObject;
  element: JsonObject;
  picked: unknown;
}

export function interactiveElements(block: JsonObject): JsonObject[] {
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

export function matchIn(candidate: Candidate, query: ActionQuery): Match | undefined {
  for (const block of candidate.blocks) {
    if (query.blockId !== undefined && block.block_id !== query.blockId) continue;
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
export function currentSelection(match: Match): string[] {
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

export function findCandidates(
  workspace: Workspace,
  team: Team,
  user: SlackUser,
  query: ActionQuery,
): Candidate[] {
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
    return found.filter((c) => !query.target || c.ts === query.target).sort((a, b) => (a.ts < b.ts ? 1 : -1));
  };
  if (query.surface === 'modal') return modals();
  if (query.surface === 'home') return home();
  if (query.surface === 'message') return messages();
  list.push(...modals(), ...messages(), ...home());
  return list;
}
