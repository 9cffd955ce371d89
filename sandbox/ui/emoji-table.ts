/**
 * Slack's emoji shortcodes (`:large_orange_circle:` → 🟠) for the sandbox UI, from emoji-datasource
 * (iamcal's emoji-data, the data set Slack's own shortcodes come from: the same `short_names`),
 * a dev dependency. Built once from its emoji.json and served to the page as JSON.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';

const emojiDataSchema = z.array(
  z.object({
    unified: z.string().regex(/^[0-9A-F]+(-[0-9A-F]+)*$/),
    short_names: z.array(z.string()),
  }),
);

/** "1F5D3-FE0F" → "🗓️" */
export function fromUnified(unified: string): string {
  return String.fromCodePoint(...unified.split('-').map((hex) => Number.parseInt(hex, 16)));
}

export function buildEmojiTable(data: unknown): Record<string, string> {
  const table: Record<string, string> = {};
  for (const emoji of emojiDataSchema.parse(data)) {
    const character = fromUnified(emoji.unified);
    for (const name of emoji.short_names) table[name] ??= character;
  }
  return table;
}

let cached: string | undefined;

/** The table as the JSON the page loads (computed on first use). */
export function emojiTableJson(): string {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('emoji-datasource/emoji.json');
    cached = JSON.stringify(buildEmojiTable(JSON.parse(readFileSync(file, 'utf8'))));
  }
  return cached;
}
