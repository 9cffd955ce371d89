/**
 * What the stand-in reads from the app's manifest (Slack's manifest schema v1,
 * shared/reference/slack-manifest.schema.json): each slash command's `should_escape`, and the
 * shortcuts (`features.shortcuts`: name, type global|message, callback_id, description) a
 * person can use, so a shortcut the app never declared cannot be sent.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const shortcutSchema = z.object({
  name: z.string().min(1).max(24),
  type: z.enum(['global', 'message']),
  callback_id: z.string().min(1).max(255),
  description: z.string().min(1).max(150),
});
export type ManifestShortcut = z.output<typeof shortcutSchema>;

const manifestSchema = z.object({
  features: z
    .object({
      slash_commands: z
        .array(z.object({ command: z.string(), should_escape: z.boolean().optional() }))
        .default([]),
      shortcuts: z.array(shortcutSchema).max(10).default([]),
    })
    .optional(),
});

/** `{"/zoom-status": true, ...}` from a manifest object (the `should_escape` of each command). */
export function commandEscapingFromManifest(manifest: unknown): Record<string, boolean> {
  const parsed = manifestSchema.parse(manifest);
  return Object.fromEntries(
    (parsed.features?.slash_commands ?? []).map((c) => [c.command, c.should_escape === true]),
  );
}

export function shortcutsFromManifest(manifest: unknown): ManifestShortcut[] {
  return manifestSchema.parse(manifest).features?.shortcuts ?? [];
}

/** A manifest file, YAML or JSON. `yaml` is a dev dependency, loaded only here. */
export async function readManifest(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  if (path.endsWith('.json')) return JSON.parse(text);
  const { parse } = await import('yaml');
  return parse(text);
}

export async function loadCommandEscaping(path: string): Promise<Record<string, boolean>> {
  return commandEscapingFromManifest(await readManifest(path));
}

export async function loadManifestShortcuts(path: string): Promise<ManifestShortcut[]> {
  return shortcutsFromManifest(await readManifest(path));
}
