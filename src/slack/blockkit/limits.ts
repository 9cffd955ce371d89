/**
 * Block Kit limits checker (DESIGN §2.5 plus the structural rules Slack rejects with
 * `invalid_blocks`). Works on any JSON-like payload, so tests can run it over every view and the
 * Slack stand-in can use it to refuse what real Slack would refuse.
 */

export type Surface = 'message' | 'modal' | 'home';

export interface Violation {
  /** JSON path of the offending node, e.g. `blocks[3].elements[0].text`. */
  path: string;
  rule: string;
  message: string;
}

export const BLOCK_KIT_LIMITS = {
  blocks: { message: 50, modal: 100, home: 100 },
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  selectOptions: 100,
  radioOptions: 10,
  checkboxOptions: 10,
  overflowOptions: 5,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputMax: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  totalBytes: 250 * 1024,
} as const;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lengthOf(text: string): number {
  // Slack counts characters; code points are the closest honest measure.
  return Array.from(text).length;
}

class Checker {
  readonly violations: Violation[] = [];

  add(path: string, rule: string, message: string): void {
    this.violations.push({ path, rule, message });
  }

  /** A text object: must exist, have a known type (or the one required), and non-empty text within `max`. */
  text(value: unknown, path: string, max: number, rule: string, requirePlain = false): void {
    if (!isRecord(value)) {
      this.add(path, 'text_object', 'expected a text object');
      return;
    }
    const type = value.type;
    if (type !== 'plain_text' && type !== 'mrkdwn') {
      this.add(`${path}.type`, 'text_type', `unknown text type ${String(type)}`);
    } else if (requirePlain && type !== 'plain_text') {
      this.add(`${path}.type`, 'plain_text_required', 'this text must be plain_text');
    }
    if (typeof value.text !== 'string' || value.text.length === 0) {
      this.add(`${path}.text`, 'text_empty', 'text must be a non-empty string');
      return;
    }
    const length = lengthOf(value.text);
    if (length > max) this.add(`${path}.text`, rule, `text is ${length} characters, limit ${max}`);
  }

  maxString(value: unknown, path: string, max: number, rule: string): void {
    if (value === undefined) return;
    if (typeof value !== 'string') {
      this.add(path, 'string_expected', 'expected a string');
      return;
    }
    if (lengthOf(value) > max) this.add(path, rule, `${lengthOf(value)} characters, limit ${max}`);
  }

  confirm(value: unknown, path: string): void {
    if (value === undefined) return;
    if (!isRecord(value)) {
      this.add(path, 'confirm_object', 'expected a confirm object');
      return;
    }
    if (value.title !== undefined)
      this.text(value.title, `${path}.title`, BLOCK_KIT_LIMITS.confirmTitle, 'confirm_title', true);
    this.text(value.text, `${path}.text`, BLOCK_KIT_LIMITS.confirmText, 'confirm_text');
    for (const key of ['confirm', 'deny'] as const) {
      if (value[key] !== undefined) {
        this.text(value[key], `${path}.${key}`, BLOCK_KIT_LIMITS.confirmButton, 'confirm_button', true);
      }
    }
  }

  options(list: unknown, path: string, max: number, rule: string): Json[] {
    if (!Array.isArray(list)) {
      this.add(path, 'options_missing', 'expected an options array');
      return [];
    }
    if (list.length > max) this.add(path, rule, `${list.length} options, limit ${max}`);
    if (list.length === 0) this.add(path, 'options_empty', 'at least one option is required');
    const values = new Set<string>();
    const valid: Json[] = [];
    list.forEach((opt, i) => {
      const p = `${path}[${i}]`;
      if (!isRecord(opt)) {
        this.add(p, 'option_object', 'expected an option object');
        return;
      }
      valid.push(opt);
      this.text(opt.text, `${p}.text`, BLOCK_KIT_LIMITS.optionText, 'option_text');
      if (opt.description !== undefined) {
        this.text(
          opt.description,
          `${p}.description`,
          BLOCK_KIT_LIMITS.optionDescription,
          'option_description',
        );
      }
      if (typeof opt.value !== 'string' || opt.value.length === 0) {
        this.add(`${p}.value`, 'option_value', 'option value must be a non-empty string');
      } else {
        this.maxString(opt.value, `${p}.value`, BLOCK_KIT_LIMITS.optionValue, 'option_value_length');
        if (values.has(opt.value))
          this.add(`${p}.value`, 'option_value_unique', `duplicate option value ${opt.value}`);
        values.add(opt.value);
      }
    });
    return valid;
  }

  /** `initial_option(s)` must be one of the options, or Slack rejects the whole view. */
  initialOptions(element: Json, options: Json[], path: string): void {
    const known = new Set(
      options.map((o) => JSON.stringify([o.value, isRecord(o.text) ? o.text.text : null])),
    );
    const initial = element.initial_option !== undefined ? [element.initial_option] : element.initial_options;
    if (initial === undefined) return;
    if (!Array.isArray(initial) || (element.initial_options !== undefined && initial.length === 0)) {
      this.add(
        `${path}.initial_options`,
        'initial_options_empty',
        'initial_options must be a non-empty array',
      );
      return;
    }
    for (const o of initial) {
      const key = isRecord(o) ? JSON.stringify([o.value, isRecord(o.text) ? o.text.text : null]) : '';
      if (!known.has(key))
        this.add(
          `${path}.initial_option`,
          'initial_option_unknown',
          'initial option is not among the options',
        );
    }
  }

  element(value: unknown, path: string): void {
    if (!isRecord(value)) {
      this.add(path, 'element_object', 'expected an element object');
      return;
    }
    this.maxString(value.action_id, `${path}.action_id`, BLOCK_KIT_LIMITS.actionId, 'action_id_length');
    if (value.placeholder !== undefined) {
      this.text(value.placeholder, `${path}.placeholder`, BLOCK_KIT_LIMITS.placeholder, 'placeholder', true);
    }
    this.confirm(value.confirm, `${path}.confirm`);
    switch (value.type) {
      case 'button':
        this.text(value.text, `${path}.text`, BLOCK_KIT_LIMITS.buttonText, 'button_text', true);
        this.maxString(value.value, `${path}.value`, BLOCK_KIT_LIMITS.buttonValue, 'button_value');
        this.maxString(value.url, `${path}.url`, BLOCK_KIT_LIMITS.url, 'url_length');
        break;
      case 'static_select':
      case 'multi_static_select': {
        const opts = this.options(
          value.options,
          `${path}.options`,
          BLOCK_KIT_LIMITS.selectOptions,
          'select_options',
        );
        this.initialOptions(value, opts, path);
        break;
      }
      case 'radio_buttons': {
        const opts = this.options(
          value.options,
          `${path}.options`,
          BLOCK_KIT_LIMITS.radioOptions,
          'radio_options',
        );
        this.initialOptions(value, opts, path);
        break;
      }
      case 'checkboxes': {
        const opts = this.options(
          value.options,
          `${path}.options`,
          BLOCK_KIT_LIMITS.checkboxOptions,
          'checkbox_options',
        );
        this.initialOptions(value, opts, path);
        break;
      }
      case 'overflow': {
        const opts = this.options(
          value.options,
          `${path}.options`,
          BLOCK_KIT_LIMITS.overflowOptions,
          'overflow_options',
        );
        if (opts.length === 1)
          this.add(`${path}.options`, 'overflow_options', 'overflow needs at least 2 options');
        break;
      }
      case 'plain_text_input': {
        const max =
          typeof value.max_length === 'number' ? value.max_length : BLOCK_KIT_LIMITS.plainTextInputMax;
        if (max > BLOCK_KIT_LIMITS.plainTextInputMax || max < 1) {
          this.add(
            `${path}.max_length`,
            'max_length',
            `max_length must be 1..${BLOCK_KIT_LIMITS.plainTextInputMax}`,
          );
        }
        this.maxString(value.initial_value, `${path}.initial_value`, max, 'initial_value_length');
        break;
      }
      default:
        break;
    }
  }

  block(value: unknown, path: string, surface: Surface, blockIds: Set<string>): void {
    if (!isRecord(value)) {
      this.add(path, 'block_object', 'expected a block object');
      return;
    }
    if (value.block_id !== undefined) {
      if (typeof value.block_id !== 'string' || value.block_id.length === 0) {
        this.add(`${path}.block_id`, 'block_id', 'block_id must be a non-empty string');
      } else {
        this.maxString(value.block_id, `${path}.block_id`, BLOCK_KIT_LIMITS.blockId, 'block_id_length');
        if (blockIds.has(value.block_id)) {
          this.add(`${path}.block_id`, 'block_id_unique', `duplicate block_id ${value.block_id}`);
        }
        blockIds.add(value.block_id);
      }
    }
    switch (value.type) {
      case 'section': {
        if (value.text === undefined && value.fields === undefined) {
          this.add(path, 'section_content', 'a section needs text or fields');
        }
        if (value.text !== undefined)
          this.text(value.text, `${path}.text`, BLOCK_KIT_LIMITS.sectionText, 'section_text');
        if (value.fields !== undefined) {
          if (!Array.isArray(value.fields)) {
            this.add(`${path}.fields`, 'section_fields', 'fields must be an array');
          } else {
            if (value.fields.length > BLOCK_KIT_LIMITS.sectionFields) {
              this.add(`${path}.fields`, 'section_fields', `${value.fields.length} fields, limit 10`);
            }
            value.fields.forEach((f, i) => {
              this.text(f, `${path}.fields[${i}]`, BLOCK_KIT_LIMITS.sectionFieldText, 'section_field_text');
            });
          }
        }
        if (value.accessory !== undefined) this.element(value.accessory, `${path}.accessory`);
        break;
      }
      case 'header':
        this.text(value.text, `${path}.text`, BLOCK_KIT_LIMITS.headerText, 'header_text', true);
        break;
      case 'context': {
        if (!Array.isArray(value.elements) || value.elements.length === 0) {
          this.add(`${path}.elements`, 'context_elements', 'context needs 1..10 elements');
          break;
        }
        if (value.elements.length > BLOCK_KIT_LIMITS.contextElements) {
          this.add(`${path}.elements`, 'context_elements', `${value.elements.length} elements, limit 10`);
        }
        value.elements.forEach((e, i) => {
          if (isRecord(e) && e.type === 'image') return;
          this.text(e, `${path}.elements[${i}]`, BLOCK_KIT_LIMITS.contextText, 'context_text');
        });
        break;
      }
      case 'actions': {
        if (!Array.isArray(value.elements) || value.elements.length === 0) {
          this.add(`${path}.elements`, 'actions_elements', 'actions needs 1..25 elements');
          break;
        }
        if (value.elements.length > BLOCK_KIT_LIMITS.actionsElements) {
          this.add(`${path}.elements`, 'actions_elements', `${value.elements.length} elements, limit 25`);
        }
        const actionIds = new Set<string>();
        value.elements.forEach((e, i) => {
          this.element(e, `${path}.elements[${i}]`);
          if (isRecord(e) && typeof e.action_id === 'string') {
            if (actionIds.has(e.action_id)) {
              this.add(
                `${path}.elements[${i}].action_id`,
                'action_id_unique',
                `duplicate action_id ${e.action_id} in one block`,
              );
            }
            actionIds.add(e.action_id);
          }
        });
        break;
      }
      case 'input':
        this.text(value.label, `${path}.label`, BLOCK_KIT_LIMITS.inputLabel, 'input_label', true);
        if (value.hint !== undefined)
          this.text(value.hint, `${path}.hint`, BLOCK_KIT_LIMITS.inputHint, 'input_hint', true);
        this.element(value.element, `${path}.element`);
        if (surface === 'message') this.add(path, 'input_in_message', 'input blocks belong in modals');
        break;
      case 'divider':
      case 'image':
      case 'rich_text':
      case 'markdown':
        break;
      default:
        this.add(`${path}.type`, 'block_type', `unknown block type ${String(value.type)}`);
    }
  }
}

/** Every violation of Slack's Block Kit limits in `payload`: a view (modal/home) or a message `{ blocks }`. */
export function checkBlockKitLimits(surface: Surface, payload: unknown): Violation[] {
  const c = new Checker();
  const root: Json | null = Array.isArray(payload) ? { blocks: payload } : isRecord(payload) ? payload : null;
  if (!root) {
    c.add('', 'payload', 'payload must be an object');
    return c.violations;
  }
  const blocks = root.blocks;
  if (!Array.isArray(blocks)) {
    c.add('blocks', 'blocks_missing', 'blocks must be an array');
    return c.violations;
  }
  const maxBlocks = BLOCK_KIT_LIMITS.blocks[surface];
  if (blocks.length > maxBlocks)
    c.add('blocks', 'block_count', `${blocks.length} blocks, limit ${maxBlocks} for a ${surface}`);
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    c.block(b, `blocks[${i}]`, surface, blockIds);
  });

  if (surface !== 'message') {
    if (root.type !== surface) c.add('type', 'view_type', `view type must be ${surface}`);
    c.maxString(
      root.private_metadata,
      'private_metadata',
      BLOCK_KIT_LIMITS.privateMetadata,
      'private_metadata',
    );
    c.maxString(root.callback_id, 'callback_id', BLOCK_KIT_LIMITS.callbackId, 'callback_id');
    c.maxString(root.external_id, 'external_id', BLOCK_KIT_LIMITS.callbackId, 'external_id');
  }
  if (surface === 'modal') {
    c.text(root.title, 'title', BLOCK_KIT_LIMITS.modalTitle, 'modal_title', true);
    if (root.submit !== undefined)
      c.text(root.submit, 'submit', BLOCK_KIT_LIMITS.modalButton, 'modal_submit', true);
    if (root.close !== undefined)
      c.text(root.close, 'close', BLOCK_KIT_LIMITS.modalButton, 'modal_close', true);
    const hasInput = blocks.some((b) => isRecord(b) && b.type === 'input');
    if (hasInput && root.submit === undefined)
      c.add('submit', 'input_requires_submit', 'a modal with input blocks needs submit');
  }
  if (surface === 'message' && root.text !== undefined && typeof root.text !== 'string') {
    c.add('text', 'message_text', 'message text must be a string');
  }

  const bytes = Buffer.byteLength(JSON.stringify(root), 'utf8');
  if (bytes > BLOCK_KIT_LIMITS.totalBytes) {
    c.add('', 'total_size', `${bytes} bytes, limit ${BLOCK_KIT_LIMITS.totalBytes}`);
  }
  return c.violations;
}
