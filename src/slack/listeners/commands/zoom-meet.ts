/**
 * `/zoom-meet [topic]`: a meeting with the caller's active account, its link posted in the
 * channel (in_channel). No account, or no Zoom user for the member's email: an ephemeral
 * explanation with the way to fix it (DESIGN §3.4).
 */
import { isServiceError, type Services } from '../../../services/index.js';
import type { MessageView } from '../../blockkit/types.js';
import { noneReasonOf } from '../../mappers.js';
import type { Actor, SlackAppDeps } from '../../runtime.js';
import {
  meetingMessage,
  noAccountMessage,
  TOPIC_MAX_LENGTH,
  zoomUserNotFoundMessage,
} from '../../views/index.js';
import { commandHandler } from './frame.js';

/** Creates the meeting and renders what to show; typed refusals become guidance, not errors. */
export async function createMeetingReply(
  services: Services,
  actor: Actor,
  topic: string,
): Promise<MessageView> {
  const { workspaceId, userId, t } = actor;
  try {
    const created = await services.meetings.create(
      workspaceId,
      userId,
      topic ? { topic: topic.slice(0, TOPIC_MAX_LENGTH) } : {},
    );
    const settings = created.source === 'org' ? await services.settings.get(workspaceId) : null;
    return meetingMessage(
      {
        topic: created.meeting.topic,
        joinUrl: created.meeting.joinUrl,
        meetingId: created.meeting.id,
        hostEmail: created.meeting.hostEmail,
        source: created.source,
        createdBy: userId,
        startTime: created.meeting.startTime ? new Date(created.meeting.startTime) : null,
        autoStartSummary: settings?.autoStartSummary === true && created.meeting.autoStartMeetingSummary,
      },
      t,
    );
  } catch (error) {
    if (isServiceError(error, 'no_active_account')) {
      const status = await services.status.getStatus(workspaceId, userId, actor.member);
      return noAccountMessage({ reason: noneReasonOf(status) }, t);
    }
    if (isServiceError(error, 'zoom_user_not_found') || isServiceError(error, 'no_email')) {
      return zoomUserNotFoundMessage({ email: actor.email ?? '' }, t);
    }
    throw error;
  }
}

export function zoomMeetCommand(deps: SlackAppDeps) {
  return commandHandler(deps, '/zoom-meet', async ({ actor, text, reply }) => {
    await reply(await createMeetingReply(deps.services, actor, text));
  });
}
