/** Submitting the New meeting modal (from the Home tab): create it, post the link where asked. */

import type { MessageView } from '../../blockkit/types.js';
import { createMeetingReply } from '../../loaders/meeting-reply.js';
import { logFailure, type SlackAppDeps, userMessageFor } from '../../runtime.js';
import { ACTION, BLOCK, TOPIC_MAX_LENGTH } from '../../views/index.js';
import { selectedConversation, textValue } from '../form-values.js';
import { inlineErrors, viewHandler } from './frame.js';

export function newMeetingSubmission(deps: SlackAppDeps) {
  return viewHandler(deps, 'new_meeting', async ({ actor, args, values }) => {
    const { t, workspaceId, userId } = actor;
    const topic = textValue(values, BLOCK.meetingTopic, ACTION.meetingTopic);
    if (topic.length > TOPIC_MAX_LENGTH) {
      return inlineErrors({
        [BLOCK.meetingTopic]: t('validation.topic_too_long', { max: TOPIC_MAX_LENGTH }),
      });
    }
    const channel = selectedConversation(values, BLOCK.meetingChannel, ACTION.meetingChannel);
    if (!channel) return inlineErrors({ [BLOCK.meetingChannel]: t('validation.channel_required') });
    // Zoom may take a moment: close the modal now and post when the meeting exists.
    deps.afterAck.enqueue('view_submission', { view: 'new_meeting', workspaceId }, async () => {
      let message: MessageView;
      try {
        message = await createMeetingReply(deps.services, actor, topic);
      } catch (error) {
        logFailure(deps.logger, error, { view: 'new_meeting', workspaceId });
        await deps.notifier.dm(workspaceId, userId, (rt) => userMessageFor(error, rt));
        return;
      }
      const posted =
        message.response_type === 'in_channel'
          ? await args.client.chat
              .postMessage({ channel, text: message.text, blocks: message.blocks })
              .then(() => true)
              .catch((error: unknown) => {
                deps.logger.info({ err: error, workspaceId }, 'could not post the meeting in the channel');
                return false;
              })
          : false;
      // Guidance (no account…) or a channel the bot cannot post in: tell the person in a DM.
      if (!posted) await deps.notifier.dm(workspaceId, userId, () => message);
    });
    return undefined;
  });
}
