/** Creating a meeting and rendering the answer: shared by `/zoom-meet` and the New meeting modal. */
import { isServiceError, type Services } from '../../services/index.js';
import type { MessageView } from '../blockkit/types.js';
import { noneReasonOf } from '../mappers.js';
import type { Actor } from '../runtime.js';
import {
  meetingMessage,
  noAccountMessage,
  TOPIC_MAX_LENGTH,
  zoomUserNotFoundMessage,
} from '../views/index.js';

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
