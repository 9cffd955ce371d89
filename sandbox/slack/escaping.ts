/**
 * Slash command text as Slack delivers it. With `should_escape: true` in the app manifest, Slack
 * turns what the user typed into its markup: `@bob` → `<@U_BOB|bob>`, `#general` →
 * `<#C_GENERAL|general>`, links → `<https://…>`. Without it the text arrives as typed.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Workspace } from './workspace.js';

export function escapeCommandText(text: string, workspace: Workspace, teamId: string): string {
  const users = workspace.users(teamId).filter((u) => !u.deleted);
  const channels = workspace.channels(teamId).filter((c) => !c.isIm);
  return text
    .replace(/https?:\/\/[^\s<>]+/g, (url) => `<${url}>`)
    .replace(/(^|\s)@([\w.-]+)/g, (whole, lead: string, name: string) => {
      const user = users.find((u) => u.name === name || u.id === name);
      return user ? `${lead}<@${user.id}|${user.name}>` : whole;
    })
    .replace(/(^|\s)#([\w-]+)/g, (whole, lead: string, name: string) => {
      const channel = channels.find((c) => c.name === name || c.id === name);
      return channel ? `${lead}<#${channel.id}|${channel.name}>` : whole;
    });
}

const manifestSchema = z.object({
  features: z
    .object({
      slash_commands: z
        .array(z.object({ command: z.string(), should_escape: z.boolean().optional() }))
        .default([]),
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

/**
 * Reads a manifest file (YAML or JSON) and returns its commands' `should_escape`. `yaml` is a dev
 * dependency, loaded only here so nothing else of the stand-in needs it.
 */
export async function loadCommandEscaping(path: string): Promise<Record<string, boolean>> {
  const text = await readFile(path, 'utf8');
  if (path.endsWith('.json')) return commandEscapingFromManifest(JSON.parse(text));
  const { parse } = await import('yaml');
  return commandEscapingFromManifest(parse(text));
}
