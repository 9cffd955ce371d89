/**
 * Who may receive an approval request (issue 17 §6): a person of this workspace who can still act —
 * not the requester (who would approve now instead), not an app, not a deactivated account. Unknown
 * members (not yet in the directory) are read from Slack once. A member with no Zoom user in the
 * current organization account may still be an admin of another one: they are named in the result,
 * not refused (`recipientHasNoZoomUser`).
 */
import type { Translator } from '../../../i18n/index.js';
import type { SlackAppDeps } from '../../runtime.js';

export async function recipientProblem(
  deps: Pick<SlackAppDeps, 'services'>,
  t: Translator,
  request: {
    workspaceId: string;
    actorId: string;
    recipientId: string;
    selfKey: 'validation.recipient_is_self';
  },
): Promise<string | null> {
  const { workspaceId, actorId, recipientId } = request;
  if (recipientId === actorId) return t(request.selfKey);
  const { directory } = deps.services;
  let member = await directory.getMember(workspaceId, recipientId);
  if (!member) {
    // Not in the directory: a bot (never stored), or someone who joined since the last sync.
    await directory.isAdminFresh(workspaceId, recipientId);
    member = await directory.getMember(workspaceId, recipientId);
    if (!member) return t('validation.recipient_is_bot');
  }
  // Inline errors are plain text (no mentions): the person's name.
  const user = member.realName || member.name || recipientId;
  if (member.deleted) return t('validation.recipient_deactivated', { user });
  return null;
}

/** The organization's current Zoom account is known to have no user with the recipient's email. */
export async function recipientHasNoZoomUser(
  deps: Pick<SlackAppDeps, 'services'>,
  workspaceId: string,
  recipientId: string,
): Promise<boolean> {
  const member = await deps.services.directory.getMember(workspaceId, recipientId);
  return member?.zoomMatch === 'not_found';
}
