/**
 * What the notifier says about meetings made through the app: posting a meeting as the bot (so
 * its `channel` + `ts` are kept), and, when a meeting ends, every stored post and DM updated with
 * chat.update (each in its reader's language) and the host offered Create again.
 */
import type { Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { MeetingEndedEvent, MemberStatus, OrgConnectionLostEvent } from '../services/index.js';
import type { MessageView } from './blockkit/types.js';
import type { SlackClients } from './clients.js';
import { toEndedMeetingModel, toMeetingRef } from './meeting-mappers.js';
import { affectedMeetingsDm, meetingEndedHostDm, meetingEndedMessage } from './views/index.js';

/** Where a message went (chat.postMessage's `channel` and `ts`): what chat.update needs later. */
export interface PostedRef {
  channel: string;
  ts: string;
}

export interface MeetingNotices {
  /** Posts in a conversation as the bot; null (logged) when Slack refused (e.g. `not_in_channel`). */
  post(workspaceId: string, channel: string, message: MessageView): Promise<PostedRef | null>;
  meetingEnded(event: MeetingEndedEvent): Promise<void>;
  /** After an org connection loss: one DM per member, saying what happens to each of their upcoming meetings. */
  tellHosts(event: OrgConnectionLostEvent): Promise<void>;
}

export function createMeetingNotices(deps: {
  clients: SlackClients;
  logger: Logger;
  dm(workspaceId: string, userId: string, render: (t: Translator) => MessageView): Promise<PostedRef | null>;
  /** The notifier's chat.update, rendering in `userId`'s language. */
  update(
    workspaceId: string,
    message: { userId: string; channel: string; ts: string },
    render: (t: Translator) => MessageView,
  ): Promise<boolean>;
  refreshHome(workspaceId: string, userId: string): Promise<void>;
  memberStatus(workspaceId: string, userId: string): Promise<MemberStatus | null>;
}): MeetingNotices {
  const { logger } = deps;

  return {
    async post(workspaceId, channel, message) {
      try {
        const client = await deps.clients.forWorkspace(workspaceId);
        const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
        return posted.ts ? { channel: posted.channel ?? channel, ts: posted.ts } : null;
      } catch (error) {
        logger.info({ err: error, workspaceId }, 'could not post in the conversation');
        return null;
      }
    },

    async meetingEnded(event) {
      const { workspaceId, meeting } = event;
      const model = toEndedMeetingModel(meeting);
      // Each message in its reader's language: a DM its recipient's, the channel post its host's.
      for (const posted of meeting.posts) {
        await deps.update(
          workspaceId,
          { userId: posted.userId ?? meeting.slackUserId, channel: posted.channel, ts: posted.ts },
          (t) => meetingEndedMessage(model, t),
        );
      }
      await deps.dm(workspaceId, meeting.slackUserId, (t) => meetingEndedHostDm(model, t));
      await deps.refreshHome(workspaceId, meeting.slackUserId);
    },

    async tellHosts(event) {
      const byMember = new Map<string, typeof event.meetings>();
      for (const meeting of event.meetings) {
        byMember.set(meeting.slackUserId, [...(byMember.get(meeting.slackUserId) ?? []), meeting]);
      }
      for (const [memberId, meetings] of byMember) {
        const status = await deps.memberStatus(event.workspaceId, memberId);
        await deps.dm(event.workspaceId, memberId, (t) =>
          affectedMeetingsDm(
            { meetings: meetings.map(toMeetingRef), hasPersonal: status?.active === 'personal' },
            t,
          ),
        );
      }
    },
  };
}
