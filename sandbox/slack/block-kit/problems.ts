/**
 * The building blocks of the Block Kit checks: a list of problems in Slack's own wording,
 * `[ERROR] <what> [json-pointer:<where>]` (what the Web API returns in
 * `response_metadata.messages`), and the checks every block and element shares (text objects,
 * options, confirm dialogs).
 */
import { LIMITS } from './limits.js';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Slack counts characters; code points are the honest measure (an emoji is one, not two). */
export function charLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

export class Problems {
  readonly messages: string[] = [];

  fail(what: string, pointer: string): void {
    this.messages.push(`[ERROR] ${what} [json-pointer:${pointer}]`);
  }

  maxLength(value: unknown, max: number, pointer: string): void {
    if (typeof value === 'string' && charLength(value) > max)
      this.fail(`must be less than ${max + 1} characters`, pointer);
  }

  /** A string field when present: the right type and not too long. */
  optionalString(value: unknown, max: number, pointer: string): void {
    if (value === undefined) return;
    if (typeof value !== 'string') this.fail('must be a string', pointer);
    else this.maxLength(value, max, pointer);
  }

  optionalBoolean(value: unknown, pointer: string): void {
    if (value !== undefined && typeof value !== 'boolean') this.fail('must be a boolean', pointer);
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
    if (typeof value.value !== 'string' || value.value === '')
      this.fail('missing required field: value', `${pointer}/value`);
    this.maxLength(value.value, LIMITS.optionValue, `${pointer}/value`);
    if (value.description !== undefined) {
      this.text(value.description, `${pointer}/description`, LIMITS.optionDescription, textPlainOnly);
    }
    this.optionalString(value.url, LIMITS.url, `${pointer}/url`);
  }

  /** An options array within [min, max], each option valid, values unique; returns the valid ones. */
  options(value: unknown, pointer: string, min: number, max: number, textPlainOnly: boolean): Json[] {
    if (!Array.isArray(value)) {
      this.fail('missing required field: options', pointer);
      return [];
    }
    if (value.length < min) this.fail(`must provide at least ${min} items`, pointer);
    if (value.length > max) this.fail(`no more than ${max} items allowed`, pointer);
    const seen = new Set<string>();
    value.forEach((o, i) => {
      this.option(o, `${pointer}/${i}`, textPlainOnly);
      if (isObject(o) && typeof o.value === 'string') {
        if (seen.has(o.value)) this.fail(`duplicate option value: ${o.value}`, `${pointer}/${i}/value`);
        seen.add(o.value);
      }
    });
    return value.filter(isObject);
  }

  confirm(value: unknown, pointer: string): void {
    if (value === undefined) return;
    if (!isObject(value)) {
      this.fail('must be an object', pointer);
      return;
    }
    this.text(value.title, `${pointer}/title`, LIMITS.confirmTitle, true);
    // The reference says plain_text; Slack still renders (and accepts) mrkdwn here.
    this.text(value.text, `${pointer}/text`, LIMITS.confirmText);
    this.text(value.confirm, `${pointer}/confirm`, LIMITS.confirmButton, true);
    this.text(value.deny, `${pointer}/deny`, LIMITS.confirmButton, true);
    if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger') {
      this.fail('must be one of [primary, danger]', `${pointer}/style`);
    }
  }
}
