/**
 * Checks of block elements, written from the Block Kit element reference pages: the fields every
 * element shares (action_id, placeholder, confirm, focus_on_load), then each type's own fields and
 * initial values (`initial_option` must be one of the options, `initial_date` is YYYY-MM-DD, …).
 */
import type { ElementPlace } from './limits.js';
import { CONVERSATION_KINDS, ELEMENTS_ALLOWED_IN, KNOWN_ELEMENT_TYPES, LIMITS } from './limits.js';
import type { Json, Problems } from './problems.js';
import { isObject } from './problems.js';

export interface ElementContext {
  place: ElementPlace;
  surface: 'message' | 'modal' | 'home';
  /** action_ids already used in the enclosing block (Slack wants them unique there). */
  actionIds: Set<string>;
  /** How many elements of the surface asked for focus_on_load so far (at most one may). */
  focus: { count: number };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const optionKey = (o: Json) => JSON.stringify([o.value, isObject(o.text) ? o.text.text : null]);

/** `initial_option` / `initial_options` must each exactly match one of the element's options. */
function initialOptions(
  p: Problems,
  element: Json,
  options: Json[],
  pointer: string,
  multiple: boolean,
): void {
  const field = multiple ? 'initial_options' : 'initial_option';
  const initial = element[field];
  if (initial === undefined) return;
  const known = new Set(options.map(optionKey));
  const list = multiple ? initial : [initial];
  if (!Array.isArray(list) || (multiple && list.length === 0)) {
    p.fail('must provide at least 1 items', `${pointer}/${field}`);
    return;
  }
  list.forEach((o, i) => {
    const where = multiple ? `${pointer}/${field}/${i}` : `${pointer}/${field}`;
    if (!isObject(o) || !known.has(optionKey(o))) p.fail('must match one of the provided options', where);
  });
}

function maxSelectedItems(p: Problems, element: Json, pointer: string): void {
  const max = element.max_selected_items;
  if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1)) {
    p.fail('must be an integer greater than 0', `${pointer}/max_selected_items`);
  }
}

function stringList(p: Problems, value: unknown, pointer: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    p.fail('must be an array of strings', pointer);
}

function selectOptions(p: Problems, element: Json, pointer: string): Json[] {
  const hasOptions = element.options !== undefined;
  const hasGroups = element.option_groups !== undefined;
  if (hasOptions && hasGroups) p.fail('must provide either options or option_groups, not both', pointer);
  if (!hasGroups)
    return p.options(element.options, `${pointer}/options`, 1, LIMITS.staticSelectOptions, true);
  if (!Array.isArray(element.option_groups)) {
    p.fail('must be an array', `${pointer}/option_groups`);
    return [];
  }
  if (element.option_groups.length > LIMITS.optionGroups) {
    p.fail(`no more than ${LIMITS.optionGroups} items allowed`, `${pointer}/option_groups`);
  }
  const all: Json[] = [];
  element.option_groups.forEach((g, i) => {
    const groupPointer = `${pointer}/option_groups/${i}`;
    if (!isObject(g)) {
      p.fail('must be an object', groupPointer);
      return;
    }
    p.text(g.label, `${groupPointer}/label`, LIMITS.optionGroupLabel, true);
    all.push(...p.options(g.options, `${groupPointer}/options`, 1, LIMITS.staticSelectOptions, true));
  });
  return all;
}

/** `response_url_enabled` only works in input blocks of modals (conversations/channels selects). */
function responseUrlEnabled(p: Problems, element: Json, pointer: string, ctx: ElementContext): void {
  if (element.response_url_enabled === undefined) return;
  p.optionalBoolean(element.response_url_enabled, `${pointer}/response_url_enabled`);
  if (element.response_url_enabled === true && (ctx.place !== 'input' || ctx.surface !== 'modal')) {
    p.fail(
      'response_url_enabled is only supported in input blocks of modals',
      `${pointer}/response_url_enabled`,
    );
  }
}

function conversationFilter(p: Problems, filter: unknown, pointer: string): void {
  if (filter === undefined) return;
  if (!isObject(filter)) {
    p.fail('must be an object', pointer);
    return;
  }
  const { include, exclude_external_shared_channels: shared, exclude_bot_users: bots } = filter;
  if (include === undefined && shared === undefined && bots === undefined) {
    p.fail(
      'must provide at least one of include, exclude_external_shared_channels, exclude_bot_users',
      pointer,
    );
  }
  if (include !== undefined) {
    if (!Array.isArray(include) || include.length === 0)
      p.fail('must provide at least 1 items', `${pointer}/include`);
    else
      include.forEach((kind, i) => {
        if (typeof kind !== 'string' || !CONVERSATION_KINDS.has(kind))
          p.fail(`must be one of [${[...CONVERSATION_KINDS].join(', ')}]`, `${pointer}/include/${i}`);
      });
  }
  p.optionalBoolean(shared, `${pointer}/exclude_external_shared_channels`);
  p.optionalBoolean(bots, `${pointer}/exclude_bot_users`);
}

function textInput(p: Problems, element: Json, pointer: string): void {
  const { min_length: min, max_length: max } = element;
  const limit = LIMITS.plainTextInputLength;
  if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1 || (max as number) > limit)) {
    p.fail(`must be an integer between 1 and ${limit}`, `${pointer}/max_length`);
  }
  if (min !== undefined && (!Number.isInteger(min) || (min as number) < 0 || (min as number) > limit)) {
    p.fail(`must be an integer between 0 and ${limit}`, `${pointer}/min_length`);
  }
  if (Number.isInteger(min) && Number.isInteger(max) && (min as number) > (max as number)) {
    p.fail('min_length must not be greater than max_length', `${pointer}/min_length`);
  }
  p.optionalString(
    element.initial_value,
    Number.isInteger(max) ? (max as number) : limit,
    `${pointer}/initial_value`,
  );
  p.optionalBoolean(element.multiline, `${pointer}/multiline`);
}

function numberInput(p: Problems, element: Json, pointer: string): void {
  if (typeof element.is_decimal_allowed !== 'boolean') {
    p.fail('missing required field: is_decimal_allowed', `${pointer}/is_decimal_allowed`);
  }
  const number = element.is_decimal_allowed === true ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/;
  for (const field of ['initial_value', 'min_value', 'max_value'] as const) {
    const value = element[field];
    if (value !== undefined && (typeof value !== 'string' || !number.test(value)))
      p.fail('must be a number given as a string', `${pointer}/${field}`);
  }
}

/** The checks of one element type beyond the shared fields. */
function typeSpecific(p: Problems, element: Json, type: string, pointer: string, ctx: ElementContext): void {
  switch (type) {
    case 'button':
      p.text(element.text, `${pointer}/text`, LIMITS.buttonText, true);
      p.optionalString(element.value, LIMITS.buttonValue, `${pointer}/value`);
      p.optionalString(element.url, LIMITS.url, `${pointer}/url`);
      if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
        p.fail('must be one of [primary, danger]', `${pointer}/style`);
      }
      break;
    case 'static_select':
      initialOptions(p, element, selectOptions(p, element, pointer), pointer, false);
      break;
    case 'multi_static_select':
      initialOptions(p, element, selectOptions(p, element, pointer), pointer, true);
      maxSelectedItems(p, element, pointer);
      break;
    case 'external_select':
    case 'multi_external_select':
      if (type === 'multi_external_select') maxSelectedItems(p, element, pointer);
      break;
    case 'overflow':
      p.options(
        element.options,
        `${pointer}/options`,
        LIMITS.overflowMinOptions,
        LIMITS.overflowOptions,
        true,
      );
      break;
    case 'radio_buttons':
      initialOptions(
        p,
        element,
        p.options(element.options, `${pointer}/options`, 1, LIMITS.radioOptions, false),
        pointer,
        false,
      );
      break;
    case 'checkboxes':
      initialOptions(
        p,
        element,
        p.options(element.options, `${pointer}/options`, 1, LIMITS.checkboxOptions, false),
        pointer,
        true,
      );
      break;
    case 'users_select':
      p.optionalString(element.initial_user, 255, `${pointer}/initial_user`);
      break;
    case 'multi_users_select':
      stringList(p, element.initial_users, `${pointer}/initial_users`);
      maxSelectedItems(p, element, pointer);
      break;
    case 'conversations_select':
    case 'multi_conversations_select': {
      const multiple = type === 'multi_conversations_select';
      if (multiple) {
        stringList(p, element.initial_conversations, `${pointer}/initial_conversations`);
        maxSelectedItems(p, element, pointer);
      } else {
        p.optionalString(element.initial_conversation, 255, `${pointer}/initial_conversation`);
        responseUrlEnabled(p, element, pointer, ctx);
      }
      p.optionalBoolean(
        element.default_to_current_conversation,
        `${pointer}/default_to_current_conversation`,
      );
      conversationFilter(p, element.filter, `${pointer}/filter`);
      break;
    }
    case 'channels_select':
      p.optionalString(element.initial_channel, 255, `${pointer}/initial_channel`);
      responseUrlEnabled(p, element, pointer, ctx);
      break;
    case 'multi_channels_select':
      stringList(p, element.initial_channels, `${pointer}/initial_channels`);
      maxSelectedItems(p, element, pointer);
      break;
    case 'datepicker':
      if (
        element.initial_date !== undefined &&
        (typeof element.initial_date !== 'string' || !isRealDate(element.initial_date))
      )
        p.fail('must be a date in the format YYYY-MM-DD', `${pointer}/initial_date`);
      break;
    case 'timepicker':
      if (
        element.initial_time !== undefined &&
        (typeof element.initial_time !== 'string' || !TIME.test(element.initial_time))
      )
        p.fail('must be a time in the format HH:mm', `${pointer}/initial_time`);
      if (
        element.timezone !== undefined &&
        (typeof element.timezone !== 'string' || !isTimeZone(element.timezone))
      )
        p.fail('must be a valid IANA time zone', `${pointer}/timezone`);
      break;
    case 'datetimepicker': {
      const initial = element.initial_date_time;
      if (initial !== undefined && (!Number.isInteger(initial) || String(initial).length !== 10))
        p.fail('must be a UNIX timestamp in seconds (10 digits)', `${pointer}/initial_date_time`);
      break;
    }
    case 'plain_text_input':
      textInput(p, element, pointer);
      break;
    case 'email_text_input':
    case 'url_text_input':
      p.optionalString(element.initial_value, LIMITS.plainTextInputLength, `${pointer}/initial_value`);
      break;
    case 'number_input':
      numberInput(p, element, pointer);
      break;
    default:
      break;
  }
}

/** An image element or image block: a URL (or a Slack file) and alt text. */
export function checkImage(p: Problems, value: Json, pointer: string): void {
  if (typeof value.image_url !== 'string' && !isObject(value.slack_file)) {
    p.fail('missing required field: image_url', `${pointer}/image_url`);
  }
  p.maxLength(value.image_url, LIMITS.imageUrl, `${pointer}/image_url`);
  if (typeof value.alt_text !== 'string') p.fail('missing required field: alt_text', `${pointer}/alt_text`);
  else p.maxLength(value.alt_text, LIMITS.imageAltText, `${pointer}/alt_text`);
}

export function checkElement(p: Problems, value: unknown, pointer: string, ctx: ElementContext): void {
  if (!isObject(value)) {
    p.fail('must be an object', pointer);
    return;
  }
  const type = value.type;
  if (typeof type !== 'string' || !KNOWN_ELEMENT_TYPES.has(type)) {
    p.fail(`unsupported type: ${String(type)}`, `${pointer}/type`);
    return;
  }
  if (!ELEMENTS_ALLOWED_IN[ctx.place].has(type)) {
    p.fail(
      `unsupported type: ${type} is not allowed in ${ctx.place === 'accessory' ? 'a section accessory' : `an ${ctx.place} block`}`,
      `${pointer}/type`,
    );
    return;
  }
  if (type === 'image') {
    checkImage(p, value, pointer);
    return;
  }
  if (value.action_id !== undefined) {
    if (typeof value.action_id !== 'string' || value.action_id.length === 0) {
      p.fail('must be more than 0 characters', `${pointer}/action_id`);
    } else {
      p.maxLength(value.action_id, LIMITS.actionId, `${pointer}/action_id`);
      if (ctx.actionIds.has(value.action_id))
        p.fail(`duplicate action_id: ${value.action_id}`, `${pointer}/action_id`);
      ctx.actionIds.add(value.action_id);
    }
  }
  if (value.placeholder !== undefined)
    p.text(value.placeholder, `${pointer}/placeholder`, LIMITS.placeholder, true);
  p.confirm(value.confirm, `${pointer}/confirm`);
  if (value.focus_on_load !== undefined) {
    p.optionalBoolean(value.focus_on_load, `${pointer}/focus_on_load`);
    if (value.focus_on_load === true) {
      ctx.focus.count += 1;
      if (ctx.focus.count > 1)
        p.fail('only one element per view may set focus_on_load', `${pointer}/focus_on_load`);
    }
  }
  typeSpecific(p, value, type, pointer, ctx);
}
