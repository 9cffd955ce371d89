/**
 * What an app sends as content, checked as Slack checks it before storing anything: message text
 * and blocks (chat.*, response_url, command acks) and views (views.*, `response_action`).
 */
import { z } from 'zod';
import { blockErrors, SlackApiError } from '../api-error.js';
import {
  LIMITS,
  messageBlocksTextLength,
  validateMessageBlocks,
  validateView,
  viewByteSize,
} from '../block-kit/index.js';
import { withGeneratedIds } from '../serialize.js';
import type { JsonObject } from '../workspace.js';
import type { Args } from './support.js';
import { isObject, jsonArg, str } from './support.js';

const blocksSchema = z.array(z.record(z.string(), z.unknown()));

function parseBlocks(args: Args): JsonObject[] | undefined {
  const raw = jsonArg(args, 'blocks', 'invalid_blocks_format');
  if (raw === undefined || raw === null) return undefined;
  const parsed = blocksSchema.safeParse(raw);
  if (!parsed.success) throw new SlackApiError('invalid_blocks_format', 'blocks must be an array of objects');
  return parsed.data;
}

/**
 * Message content checks shared by chat.* and response_url; returns normalised blocks.
 * `maxText`: chat.update documents 4,000 characters ("The `text` field cannot exceed 4,000").
 */
export function checkMessageContent(
  args: Args,
  maxText: number = LIMITS.messageText,
): { text: string; blocks: JsonObject[] | undefined } {
  const blocks = parseBlocks(args);
  const text = str(args, 'text') ?? '';
  const attachments = jsonArg(args, 'attachments', 'invalid_attachments');
  if (text === '' && (blocks === undefined || blocks.length === 0) && !Array.isArray(attachments)) {
    throw new SlackApiError('no_text', 'text, blocks or attachments is required');
  }
  if (text.length > maxText) throw new SlackApiError('msg_too_long', `text is ${text.length} characters`);
  if (blocks !== undefined) {
    const problems = validateMessageBlocks(blocks);
    if (problems.length > 0) throw blockErrors('invalid_blocks', problems);
    const total = messageBlocksTextLength(blocks);
    if (total > LIMITS.messageBlocksText) {
      throw new SlackApiError('msg_blocks_too_long', `blocks hold ${total} characters of text`);
    }
  }
  return { text, blocks: blocks === undefined ? undefined : withGeneratedIds(blocks) };
}

export function checkView(raw: unknown, type: 'modal' | 'home'): JsonObject {
  if (!isObject(raw)) {
    throw blockErrors('invalid_arguments', ['[ERROR] missing required field: view [json-pointer:/view]']);
  }
  if (viewByteSize(raw) > LIMITS.viewBytes) {
    throw new SlackApiError('view_too_large', `view is ${viewByteSize(raw)} bytes`);
  }
  const problems = validateView(raw, type);
  if (problems.length > 0) throw blockErrors('invalid_arguments', problems);
  return raw;
}

/** Parses and checks a modal given by an app in a views.* call or a `response_action`. */
export function checkModalView(raw: unknown): JsonObject {
  return checkView(raw, 'modal');
}
