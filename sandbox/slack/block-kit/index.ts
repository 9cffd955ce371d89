/**
 * The project's one Block Kit validator, as Slack applies it (DESIGN §2.5; the Block Kit reference
 * pages for blocks, elements, composition objects and views). The stand-in's Web API refuses what
 * it reports (messages: `invalid_blocks`, views: `invalid_arguments`, both with
 * `response_metadata.messages`), and the product's view tests run every view through
 * `validateBlockKit`. The product itself only truncates as it builds (src/slack/views/blocks.ts).
 *
 * Not a full schema: rich_text internals, video and file blocks are only type-checked.
 */
import { checkBlocks } from './blocks.js';
import { LIMITS } from './limits.js';
import { isObject, Problems } from './problems.js';

export { LIMITS } from './limits.js';

export type BlockKitSurface = 'message' | 'modal' | 'home';

/** Problems in a message's blocks (chat.postMessage / postEphemeral / update, response_url). */
export function validateMessageBlocks(blocks: unknown): string[] {
  const p = new Problems();
  checkBlocks(p, blocks, '/blocks', LIMITS.messageBlocks, {
    surface: 'message',
    blockIds: new Set(),
    focus: { count: 0 },
  });
  return p.messages;
}

/** Problems in a modal or Home view (views.open/push/update/publish, `response_action` views). */
export function validateView(view: unknown, expected: 'modal' | 'home'): string[] {
  const p = new Problems();
  if (!isObject(view)) {
    p.fail('must be an object', '/view');
    return p.messages;
  }
  if (view.type !== expected) {
    p.fail(`must be one of [${expected}]`, '/view/type');
    return p.messages;
  }
  if (expected === 'modal') {
    if (view.title === undefined) p.fail('missing required field: title', '/view/title');
    else p.text(view.title, '/view/title', LIMITS.viewTitle, true);
    if (view.submit !== undefined && view.submit !== null)
      p.text(view.submit, '/view/submit', LIMITS.viewButton, true);
    if (view.close !== undefined && view.close !== null)
      p.text(view.close, '/view/close', LIMITS.viewButton, true);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && (view.submit === undefined || view.submit === null)) {
      p.fail('missing required field: submit (required when the view has input blocks)', '/view/submit');
    }
    p.optionalBoolean(view.clear_on_close, '/view/clear_on_close');
    p.optionalBoolean(view.notify_on_close, '/view/notify_on_close');
  }
  if (view.blocks === undefined) p.fail('missing required field: blocks', '/view/blocks');
  else
    checkBlocks(p, view.blocks, '/view/blocks', LIMITS.viewBlocks, {
      surface: expected,
      blockIds: new Set(),
      focus: { count: 0 },
    });
  p.optionalString(view.private_metadata, LIMITS.privateMetadata, '/view/private_metadata');
  p.optionalString(view.callback_id, LIMITS.callbackId, '/view/callback_id');
  p.optionalString(view.external_id, LIMITS.externalId, '/view/external_id');
  return p.messages;
}

export function viewByteSize(view: unknown): number {
  return Buffer.byteLength(JSON.stringify(view) ?? '', 'utf8');
}

/** The characters of text a message's blocks hold, which Slack caps (`msg_blocks_too_long`). */
export function messageBlocksTextLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce<number>((sum, v) => sum + messageBlocksTextLength(v), 0);
  if (isObject(value)) {
    return Object.entries(value).reduce<number>(
      (sum, [key, v]) => sum + (key === 'text' || typeof v === 'object' ? messageBlocksTextLength(v) : 0),
      0,
    );
  }
  return 0;
}

/**
 * Everything Slack would refuse in a payload for `surface`, as Slack words it: a message
 * (`{text, blocks}` or a bare blocks array, as chat.postMessage receives it) or a view.
 * An empty list means Slack accepts it.
 */
export function validateBlockKit(surface: BlockKitSurface, payload: unknown): string[] {
  if (surface !== 'message') {
    const problems = validateView(payload, surface);
    const bytes = viewByteSize(payload);
    if (bytes > LIMITS.viewBytes)
      problems.push(`[ERROR] view_too_large: ${bytes} bytes [json-pointer:/view]`);
    return problems;
  }
  const message = Array.isArray(payload) ? { blocks: payload } : payload;
  if (!isObject(message)) return ['[ERROR] must be an object [json-pointer:/]'];
  const problems: string[] = [];
  if (message.text !== undefined && typeof message.text !== 'string') {
    problems.push('[ERROR] must be a string [json-pointer:/text]');
  }
  const text = typeof message.text === 'string' ? message.text : '';
  const blocks = message.blocks;
  if (text === '' && (!Array.isArray(blocks) || blocks.length === 0)) {
    problems.push('[ERROR] no_text: text or blocks is required [json-pointer:/text]');
  }
  if (text.length > LIMITS.messageText)
    problems.push(`[ERROR] msg_too_long: ${text.length} characters [json-pointer:/text]`);
  if (blocks !== undefined) {
    problems.push(...validateMessageBlocks(blocks));
    const total = messageBlocksTextLength(blocks);
    if (total > LIMITS.messageBlocksText) {
      problems.push(
        `[ERROR] msg_blocks_too_long: blocks hold ${total} characters of text [json-pointer:/blocks]`,
      );
    }
  }
  return problems;
}
