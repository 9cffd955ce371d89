/**
 * What Slack's own client refuses before a modal is submitted, with the words it shows under the
 * field. Nothing reaches the app then; the control API returns the same words as `errors` (keyed
 * by block_id, like an app's `response_action: errors`), so the sandbox UI shows them as Slack
 * would without knowing any rule itself.
 */

import { stateHasValue } from './element-state.js';
import type { JsonObject } from './workspace.js';

export const CLIENT_MESSAGES = {
  required: 'Please complete this required field.',
  tooLong: (max: number) => `Must be ${max} characters or fewer.`,
  tooShort: (min: number) => `Must be at least ${min} characters.`,
} as const;

/** The start of `blocked` when the client refused a submission (the details follow). */
export const BLOCKED_SUBMISSION = 'required input empty or invalid: ';

/** The client's verdict on one input block's value: undefined when it may be sent. */
export function clientProblem(
  block: JsonObject,
  element: JsonObject,
  entry: JsonObject,
): { message: string; reason: string } | undefined {
  const blockId = String(block.block_id);
  if (block.optional !== true && !stateHasValue(entry))
    return { message: CLIENT_MESSAGES.required, reason: blockId };
  const typed = typeof entry.value === 'string' ? entry.value : '';
  if (typed === '') return undefined;
  if (typeof element.max_length === 'number' && typed.length > element.max_length) {
    return {
      message: CLIENT_MESSAGES.tooLong(element.max_length),
      reason: `${blockId} (longer than ${element.max_length})`,
    };
  }
  if (typeof element.min_length === 'number' && typed.length < element.min_length) {
    return {
      message: CLIENT_MESSAGES.tooShort(element.min_length),
      reason: `${blockId} (shorter than ${element.min_length})`,
    };
  }
  return undefined;
}
