/**
 * `state.values` as Slack reports it, per element type (Bolt's ViewStateValue: `value`,
 * `selected_option(s)`, `selected_user(s)`, `selected_conversation(s)`, `selected_channel(s)`,
 * `selected_date`, `selected_time`, `selected_date_time`), from the element's `initial_*` fields or
 * from the plain value a person picks. A pick a person could not make in Slack's client (a 13th
 * month, a time like 25:00, an option that is not offered) is refused with StateValueError.
 */
import type { JsonObject, ViewContext } from './workspace.js';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export class StateValueError extends Error {}

/** Elements whose value Slack reports in `state.values` (buttons, overflow menus and images hold none). */
const STATELESS_TYPES = new Set(['button', 'overflow', 'image', 'workflow_button']);

export function isStateful(element: JsonObject): boolean {
  return typeof element.type === 'string' && !STATELESS_TYPES.has(element.type);
}

/** The stateful elements of a block: an input's element, an actions block's elements, an accessory. */
function statefulElements(block: JsonObject): JsonObject[] {
  const found: JsonObject[] = [];
  if (block.type === 'input' && isObject(block.element)) found.push(block.element);
  if (block.type === 'actions' && Array.isArray(block.elements))
    found.push(...block.elements.filter(isObject));
  if (isObject(block.accessory)) found.push(block.accessory);
  return found.filter(isStateful);
}

/**
 * The state Slack reports for a freshly shown surface: every stateful element (input blocks and,
 * since Slack's 2020-09 "full state" change, selects/pickers in actions blocks and accessories)
 * with its initial value. `context`: where the view was opened (default_to_current_conversation).
 */
export function initialStateValues(
  blocks: JsonObject[],
  context?: ViewContext,
): Record<string, Record<string, JsonObject>> {
  const values: Record<string, Record<string, JsonObject>> = {};
  for (const block of blocks) {
    if (typeof block.block_id !== 'string') continue;
    for (const element of statefulElements(block)) {
      if (typeof element.action_id !== 'string') continue;
      values[block.block_id] = {
        ...(values[block.block_id] ?? {}),
        [element.action_id]: elementState(element, undefined, context),
      };
    }
  }
  return values;
}

function findOption(element: JsonObject, wanted: string): JsonObject | undefined {
  const all: unknown[] = [];
  if (Array.isArray(element.options)) all.push(...element.options);
  if (Array.isArray(element.option_groups)) {
    for (const group of element.option_groups)
      if (isObject(group) && Array.isArray(group.options)) all.push(...group.options);
  }
  for (const option of all) {
    if (!isObject(option)) continue;
    const label = isObject(option.text) ? option.text.text : undefined;
    if (option.value === wanted || label === wanted) return option;
  }
  return undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function pickedDate(element: JsonObject, picked: unknown): string {
  const text = String(picked);
  const match = DATE.exec(text);
  const date = match
    ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    : undefined;
  if (!match || !date || date.toISOString().slice(0, 10) !== text)
    throw new StateValueError(`${String(element.action_id)}: ${text} is not a date (YYYY-MM-DD)`);
  return text;
}

function pickedTime(element: JsonObject, picked: unknown): string {
  const text = String(picked);
  if (!TIME.test(text))
    throw new StateValueError(`${String(element.action_id)}: ${text} is not a time (HH:mm)`);
  return text;
}

/** A date and time as UNIX seconds: a number, digits, or an ISO date-time with an offset. */
function pickedDateTime(element: JsonObject, picked: unknown): number {
  if (typeof picked === 'number' && Number.isInteger(picked)) return picked;
  const text = String(picked);
  if (/^\d{9,10}$/.test(text)) return Number(text);
  const ms = /[zZ]|[+-]\d{2}:\d{2}$/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms))
    throw new StateValueError(
      `${String(element.action_id)}: ${text} is not UNIX seconds or an ISO date-time with an offset`,
    );
  return Math.floor(ms / 1000);
}

/** A multi-select never holds more than `max_selected_items` (the client stops there). */
function capped(element: JsonObject, list: string[]): string[] {
  const max = element.max_selected_items;
  if (typeof max === 'number' && list.length > max)
    throw new StateValueError(
      `${String(element.action_id)}: at most ${max} may be selected, not ${list.length}`,
    );
  return list;
}

/**
 * Slack's state entry for an element, from the plain value a person picks (text, a user id, an
 * option's value or visible text, or a list of them). `undefined` means "left as it was opened".
 */
export function elementState(element: JsonObject, picked: unknown, context?: ViewContext): JsonObject {
  const type = String(element.type);
  const list = (): string[] => {
    if (picked === undefined) return [];
    return capped(element, (Array.isArray(picked) ? picked : [picked]).map(String));
  };
  const option = (value: string): JsonObject => {
    const found = findOption(element, value);
    if (!found) throw new StateValueError(`no option "${value}" in ${String(element.action_id)}`);
    return found;
  };
  const current = element.default_to_current_conversation === true ? context?.channelId : undefined;
  const fresh = picked === undefined;
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: fresh ? (element.initial_value ?? null) : String(picked) };
    case 'static_select':
    case 'radio_buttons':
    case 'external_select':
      return { type, selected_option: fresh ? (element.initial_option ?? null) : option(String(picked)) };
    case 'multi_static_select':
    case 'checkboxes':
    case 'multi_external_select':
      return { type, selected_options: fresh ? (element.initial_options ?? []) : list().map(option) };
    case 'users_select':
      return { type, selected_user: fresh ? (element.initial_user ?? null) : String(picked) };
    case 'multi_users_select':
      return { type, selected_users: fresh ? (element.initial_users ?? []) : list() };
    case 'conversations_select':
      return {
        type,
        selected_conversation: fresh ? (element.initial_conversation ?? current ?? null) : String(picked),
      };
    case 'multi_conversations_select':
      return {
        type,
        selected_conversations: fresh
          ? (element.initial_conversations ?? (current ? [current] : []))
          : list(),
      };
    case 'channels_select':
      return { type, selected_channel: fresh ? (element.initial_channel ?? null) : String(picked) };
    case 'multi_channels_select':
      return { type, selected_channels: fresh ? (element.initial_channels ?? []) : list() };
    case 'datepicker':
      return { type, selected_date: fresh ? (element.initial_date ?? null) : pickedDate(element, picked) };
    case 'timepicker':
      return { type, selected_time: fresh ? (element.initial_time ?? null) : pickedTime(element, picked) };
    case 'datetimepicker':
      return {
        type,
        selected_date_time: fresh ? (element.initial_date_time ?? null) : pickedDateTime(element, picked),
      };
    default:
      return { type, value: fresh ? null : String(picked) };
  }
}

/** Whether a state entry holds something, for the client-side "required field" check. */
export function stateHasValue(state: JsonObject): boolean {
  for (const [key, value] of Object.entries(state)) {
    if (key === 'type') continue;
    if (Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== '')
      return true;
  }
  return false;
}

/** The user ids and conversation ids a state entry names, to check they exist in the workspace. */
export function namedIds(state: JsonObject): { users: string[]; conversations: string[] } {
  const users = [state.selected_user, ...(Array.isArray(state.selected_users) ? state.selected_users : [])];
  const conversations = [
    state.selected_conversation,
    state.selected_channel,
    ...(Array.isArray(state.selected_conversations) ? state.selected_conversations : []),
    ...(Array.isArray(state.selected_channels) ? state.selected_channels : []),
  ];
  const strings = (values: unknown[]) => values.filter((v): v is string => typeof v === 'string');
  return { users: strings(users), conversations: strings(conversations) };
}
