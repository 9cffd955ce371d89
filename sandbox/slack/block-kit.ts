/**
 * Block Kit checks as Slack applies them (DESIGN §2.5). Each problem becomes one message in
 * Slack's format, `[ERROR] <what> [json-pointer:<where>]`, which the Web API returns in
 * `response_metadata.messages`. Not a full schema: the limits our app can plausibly hit, plus
 * structural errors (unknown types, missing text) that would otherwise go unnoticed.
 */

type Json = Record<string, unknown>;

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  staticSelectOptions: 100,
  overflowOptions: 5,
  radioOptions: 10,
  checkboxOptions: 10,
  actionsElements: 25,
  contextElements: 10,
  actionId: 255,
  blockId: 255,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  viewBytes: 250_000,
} as const;

const BLOCK_TYPES = new Set([
  'section',
  'header',
  'actions',
  'context',
  'divider',
  'input',
  'image',
  'rich_text',
  'video',
  'file',
  'markdown',
]);

const ELEMENT_TYPES = new Set([
  'button',
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'overflow',
  'radio_buttons',
  'checkboxes',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'plain_text_input',
  'number_input',
  'email_text_input',
  'url_text_input',
  'rich_text_input',
  'image',
  'workflow_button',
]);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly messages: string[] = [];

  fail(what: string, pointer: string): void {
    this.messages.push(`[ERROR] ${what} [json-pointer:${pointer}]`);
  }

  maxLength(value: unknown, max: number, pointer: string): void {
    if (typeof value === 'string' && value.length > max)
      this.fail(`must be less than ${max + 1} characters`, pointer);
  }

  /** A text object: `{type: plain_text|mrkdwn, text}`; `plainOnly` where Slack requires plain_text. */
  text(value: unknown, pointer: string, max: number, plainOnly = false): void {
    if (!isObject(value)) {
      this.fail('must be an object', pointer);
      return;
    }
    const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
      this.fail(`must be one of [${allowed.join(', ')}]`, `${pointer}/type`);
    }
    if (typeof value.text !== 'string') {
      this.fail('missing required field: text', `${pointer}/text`);
      return;
    }
    if (value.text.length === 0) this.fail('must be more than 0 characters', `${pointer}/text`);
    this.maxLength(value.text, max, `${pointer}/text`);
  }

  option(value: unknown, pointer: string, textPlainOnly: boolean): void {
    if (!isObject(value)) {
      this.fail('must be an object', pointer);
      return;
    }
    this.text(value.text, `${pointer}/text`, LIMITS.optionText, textPlainOnly);
    if (typeof value.value !== 'string') this.fail('missing required field: value', `${pointer}/value`);
    this.maxLength(value.value, LIMITS.optionValue, `${pointer}/value`);
    if (value.description !== undefined) {
      this.text(value.description, `${pointer}/description`, LIMITS.optionDescription, textPlainOnly);
    }
  }

  options(value: unknown, pointer: string, min: number, max: number, textPlainOnly: boolean): void {
    if (!Array.isArray(value)) {
      this.fail('missing required field: options', pointer);
      return;
    }
    if (value.length < min) this.fail(`must provide at least ${min} items`, pointer);
    if (value.length > max) this.fail(`no more than ${max} items allowed`, pointer);
    value.forEach((o, i) => {
      this.option(o, `${pointer}/${i}`, textPlainOnly);
    });
  }

  confirm(value: unknown, pointer: string): void {
    if (value === undefined) return;
    if (!isObject(value)) {
      this.fail('must be an object', pointer);
      return;
    }
    this.text(value.title, `${pointer}/title`, LIMITS.confirmTitle, true);
    this.text(value.text, `${pointer}/text`, LIMITS.confirmText);
    this.text(value.confirm, `${pointer}/confirm`, LIMITS.confirmButton, true);
    this.text(value.deny, `${pointer}/deny`, LIMITS.confirmButton, true);
  }

  element(value: unknown, pointer: string, actionIds: Set<string>): void {
    if (!isObject(value)) {
      this.fail('must be an object', pointer);
      return;
    }
    const type = value.type;
    if (typeof type !== 'string' || !ELEMENT_TYPES.has(type)) {
      this.fail(`unsupported type: ${String(type)}`, `${pointer}/type`);
      return;
    }
    if (type === 'image') {
      if (typeof value.image_url !== 'string' && !isObject(value.slack_file)) {
        this.fail('missing required field: image_url', `${pointer}/image_url`);
      }
      if (typeof value.alt_text !== 'string')
        this.fail('missing required field: alt_text', `${pointer}/alt_text`);
      return;
    }
    if (value.action_id !== undefined) {
      if (typeof value.action_id !== 'string' || value.action_id.length === 0) {
        this.fail('must be more than 0 characters', `${pointer}/action_id`);
      } else {
        this.maxLength(value.action_id, LIMITS.actionId, `${pointer}/action_id`);
        if (actionIds.has(value.action_id))
          this.fail(`duplicate action_id: ${value.action_id}`, `${pointer}/action_id`);
        actionIds.add(value.action_id);
      }
    }
    if (value.placeholder !== undefined)
      this.text(value.placeholder, `${pointer}/placeholder`, LIMITS.placeholder, true);
    this.confirm(value.confirm, `${pointer}/confirm`);
    switch (type) {
      case 'button':
        this.text(value.text, `${pointer}/text`, LIMITS.buttonText, true);
        this.maxLength(value.value, LIMITS.buttonValue, `${pointer}/value`);
        this.maxLength(value.url, LIMITS.url, `${pointer}/url`);
        if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger') {
          this.fail('must be one of [primary, danger]', `${pointer}/style`);
        }
        break;
      case 'static_select':
      case 'multi_static_select':
        if (value.option_groups !== undefined) {
          if (!Array.isArray(value.option_groups)) this.fail('must be an array', `${pointer}/option_groups`);
          else {
            if (value.option_groups.length > LIMITS.staticSelectOptions) {
              this.fail(
                `no more than ${LIMITS.staticSelectOptions} items allowed`,
                `${pointer}/option_groups`,
              );
            }
            value.option_groups.forEach((g, i) => {
              const groupPointer = `${pointer}/option_groups/${i}`;
              if (!isObject(g)) this.fail('must be an object', groupPointer);
              else {
                this.text(g.label, `${groupPointer}/label`, LIMITS.optionText, true);
                this.options(g.options, `${groupPointer}/options`, 1, LIMITS.staticSelectOptions, true);
              }
            });
          }
        } else {
          this.options(value.options, `${pointer}/options`, 1, LIMITS.staticSelectOptions, true);
        }
        break;
      case 'overflow':
        this.options(value.options, `${pointer}/options`, 1, LIMITS.overflowOptions, true);
        break;
      case 'radio_buttons':
        this.options(value.options, `${pointer}/options`, 1, LIMITS.radioOptions, false);
        break;
      case 'checkboxes':
        this.options(value.options, `${pointer}/options`, 1, LIMITS.checkboxOptions, false);
        break;
      case 'plain_text_input':
        if (typeof value.max_length === 'number' && value.max_length > 3000) {
          this.fail('must be less than 3001', `${pointer}/max_length`);
        }
        this.maxLength(value.initial_value, 3000, `${pointer}/initial_value`);
        break;
      default:
        break;
    }
  }

  block(block: unknown, pointer: string, blockIds: Set<string>): void {
    if (!isObject(block)) {
      this.fail('must be an object', pointer);
      return;
    }
    const type = block.type;
    if (typeof type !== 'string' || !BLOCK_TYPES.has(type)) {
      this.fail(`unsupported type: ${String(type)}`, `${pointer}/type`);
      return;
    }
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== 'string' || block.block_id.length === 0) {
        this.fail('must be more than 0 characters', `${pointer}/block_id`);
      } else {
        this.maxLength(block.block_id, LIMITS.blockId, `${pointer}/block_id`);
        if (blockIds.has(block.block_id))
          this.fail(`duplicate block_id: ${block.block_id}`, `${pointer}/block_id`);
        blockIds.add(block.block_id);
      }
    }
    const actionIds = new Set<string>();
    switch (type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined) {
          this.fail('must provide either text or fields', pointer);
        }
        if (block.text !== undefined) this.text(block.text, `${pointer}/text`, LIMITS.sectionText);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields)) this.fail('must be an array', `${pointer}/fields`);
          else {
            if (block.fields.length > LIMITS.sectionFields) {
              this.fail(`no more than ${LIMITS.sectionFields} items allowed`, `${pointer}/fields`);
            }
            block.fields.forEach((f, i) => {
              this.text(f, `${pointer}/fields/${i}`, LIMITS.sectionFieldText);
            });
          }
        }
        if (block.accessory !== undefined) this.element(block.accessory, `${pointer}/accessory`, actionIds);
        break;
      case 'header':
        this.text(block.text, `${pointer}/text`, LIMITS.headerText, true);
        break;
      case 'actions':
        if (!Array.isArray(block.elements) || block.elements.length === 0) {
          this.fail('must provide at least 1 items', `${pointer}/elements`);
          break;
        }
        if (block.elements.length > LIMITS.actionsElements) {
          this.fail(`no more than ${LIMITS.actionsElements} items allowed`, `${pointer}/elements`);
        }
        block.elements.forEach((e, i) => {
          this.element(e, `${pointer}/elements/${i}`, actionIds);
        });
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0) {
          this.fail('must provide at least 1 items', `${pointer}/elements`);
          break;
        }
        if (block.elements.length > LIMITS.contextElements) {
          this.fail(`no more than ${LIMITS.contextElements} items allowed`, `${pointer}/elements`);
        }
        block.elements.forEach((e, i) => {
          const p = `${pointer}/elements/${i}`;
          if (isObject(e) && e.type === 'image') this.element(e, p, actionIds);
          else this.text(e, p, LIMITS.sectionText);
        });
        break;
      case 'input':
        this.text(block.label, `${pointer}/label`, LIMITS.inputLabel, true);
        if (block.hint !== undefined) this.text(block.hint, `${pointer}/hint`, LIMITS.inputHint, true);
        if (block.element === undefined) this.fail('missing required field: element', `${pointer}/element`);
        else this.element(block.element, `${pointer}/element`, actionIds);
        break;
      case 'image':
        if (typeof block.image_url !== 'string' && !isObject(block.slack_file)) {
          this.fail('missing required field: image_url', `${pointer}/image_url`);
        }
        if (typeof block.alt_text !== 'string')
          this.fail('missing required field: alt_text', `${pointer}/alt_text`);
        break;
      default:
        break;
    }
  }

  blocks(blocks: unknown, pointer: string, max: number): void {
    if (!Array.isArray(blocks)) {
      this.fail('must be an array', pointer);
      return;
    }
    if (blocks.length > max) this.fail(`no more than ${max} items allowed`, pointer);
    const blockIds = new Set<string>();
    blocks.forEach((b, i) => {
      this.block(b, `${pointer}/${i}`, blockIds);
    });
  }
}

/** Problems in a message's blocks (chat.postMessage / postEphemeral / update, response_url). */
export function validateMessageBlocks(blocks: unknown): string[] {
  const checker = new Checker();
  checker.blocks(blocks, '/blocks', LIMITS.messageBlocks);
  return checker.messages;
}

/** Problems in a modal or Home view (views.open/push/update/publish, `response_action` views). */
export function validateView(view: unknown, expected: 'modal' | 'home'): string[] {
  const checker = new Checker();
  if (!isObject(view)) {
    checker.fail('must be an object', '/view');
    return checker.messages;
  }
  if (view.type !== expected) {
    checker.fail(`must be one of [${expected}]`, '/view/type');
    return checker.messages;
  }
  if (expected === 'modal') {
    if (view.title === undefined) checker.fail('missing required field: title', '/view/title');
    else checker.text(view.title, '/view/title', LIMITS.viewTitle, true);
    if (view.submit !== undefined && view.submit !== null) {
      checker.text(view.submit, '/view/submit', LIMITS.viewButton, true);
    }
    if (view.close !== undefined && view.close !== null)
      checker.text(view.close, '/view/close', LIMITS.viewButton, true);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && (view.submit === undefined || view.submit === null)) {
      checker.fail(
        'missing required field: submit (required when the view has input blocks)',
        '/view/submit',
      );
    }
  }
  if (view.blocks === undefined) checker.fail('missing required field: blocks', '/view/blocks');
  else checker.blocks(view.blocks, '/view/blocks', LIMITS.viewBlocks);
  checker.maxLength(view.private_metadata, LIMITS.privateMetadata, '/view/private_metadata');
  checker.maxLength(view.callback_id, LIMITS.callbackId, '/view/callback_id');
  checker.maxLength(view.external_id, LIMITS.externalId, '/view/external_id');
  return checker.messages;
}

export function viewByteSize(view: unknown): number {
  return Buffer.byteLength(JSON.stringify(view) ?? '', 'utf8');
}
