/**
 * Slash command text as Slack delivers it. With `should_escape: true` in the app manifest, Slack
 * turns what the user typed into its markup: `@bob` → `<@U_BOB|bob>`, `#general` →
 * `<#C_GENERAL|general>`, links → `<https://…>`. Without it the text arrives as typed.
 */
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
