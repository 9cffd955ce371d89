/**
 * What a settings change tells people (issue 14, item 7): the admin who saved learns what changed
 * and how many members it moved; each member whose active account it moved learns who changed
 * what, why it concerns them and what they use now. The notifier's `settingsChanged` runs this.
 */
import type { Translator } from '../i18n/index.js';
import type { DirectoryService, SettingsChange } from '../services/index.js';
import type { MessageView } from './blockkit/types.js';
import { toSettingsSavedModel } from './mappers.js';
import { accountChangedDm, settingsSavedDm } from './views/index.js';

export interface SettingsChangeDeps {
  dm(workspaceId: string, userId: string, render: (t: Translator) => MessageView): Promise<unknown>;
  workspaceName(workspaceId: string): Promise<string>;
  refreshHome(workspaceId: string, userId: string): Promise<void>;
  directory: Pick<DirectoryService, 'getMember'>;
}

export async function tellSettingsChange(
  deps: SettingsChangeDeps,
  event: { workspaceId: string; actorId: string; change: SettingsChange },
): Promise<void> {
  const { workspaceId, actorId, change } = event;
  const name = await deps.workspaceName(workspaceId);
  await deps.dm(workspaceId, actorId, (t) => settingsSavedDm(toSettingsSavedModel(change, name), t));
  // One at a time: a workspace-wide change must not burst past Slack's posting rate.
  for (const moved of change.accountChanges) {
    const member = await deps.directory.getMember(workspaceId, moved.slackUserId).catch(() => null);
    await deps.dm(workspaceId, moved.slackUserId, (t) =>
      accountChangedDm(
        {
          workspaceName: name,
          actorId,
          optOutAllowed: change.after.allowUserOptOut,
          before: moved.before,
          after: moved.after,
          // The organization's account hosts a member's meetings as their own Zoom user (same email).
          zoomEmail: moved.after === 'org' ? (member?.email ?? null) : null,
        },
        t,
      ),
    );
    await deps.refreshHome(workspaceId, moved.slackUserId);
  }
}
