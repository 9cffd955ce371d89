/**
 * Meeting buttons: New meeting (Home, status), Cancel (the list and Home, behind Slack's
 * confirmation dialog), Create again (the host's DM about an ended meeting: the window opens
 * prefilled, and the meeting is made with the account that serves the member now).
 */
import { z } from 'zod';
import { newMeetingModalView } from '../../loaders/new-meeting-modal.js';
import { toUpcomingRow } from '../../meeting-mappers.js';
import type { SlackAppDeps } from '../../runtime.js';
import { cancelOutcomeMessage, LIST_MAX_ROWS, meetingListMessage, meetingNotice } from '../../views/index.js';
import { actionHandler } from './frame.js';

const meetingIdValue = z.string().regex(/^\d{1,19}$/);

export function openNewMeeting(deps: SlackAppDeps, clock: () => Date = () => new Date()) {
  return actionHandler(deps, 'open_new_meeting', async ({ actor, args }) => {
    const channelId = args.body.channel?.id ?? null;
    const view = await newMeetingModalView(deps.services, actor, { now: clock(), channelId });
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  });
}

export function cancelMeeting(deps: SlackAppDeps) {
  return actionHandler(deps, 'cancel_meeting', async ({ actor, args, value, tell, surface }) => {
    const meetingId = meetingIdValue.safeParse(value);
    if (!meetingId.success) {
      await tell(cancelOutcomeMessage('not_found', null, actor.t));
      return;
    }
    const result = await deps.services.meetings.cancel(actor.workspaceId, actor.userId, meetingId.data);
    const topic = result.outcome === 'not_found' ? null : result.meeting.topic;
    const outcome = result.outcome === 'not_cancelled' ? result.why : result.outcome;
    const said = cancelOutcomeMessage(outcome, topic, actor.t);
    if (surface === 'message' && args.respond) {
      // The list it was clicked in is replaced by the list as it is now, under what happened:
      // no Cancel button is left on a meeting that is gone.
      const { meetings, total } = await deps.services.meetings.listUpcoming(actor.workspaceId, actor.userId, {
        limit: LIST_MAX_ROWS,
      });
      const list = meetingListMessage({ meetings: meetings.map(toUpcomingRow), total }, actor.t);
      await args.respond({
        response_type: 'ephemeral',
        replace_original: true,
        text: said.text,
        blocks: [...said.blocks, ...list.blocks],
      });
      return;
    }
    // From Home the list refreshes itself (the ending refreshes the host's Home): no DM needed then.
    if (surface !== 'home' || outcome !== 'cancelled') await tell(said);
  });
}

export function createAgain(deps: SlackAppDeps, clock: () => Date = () => new Date()) {
  return actionHandler(deps, 'create_meeting_again', async ({ actor, args, value, tell }) => {
    const meetingId = meetingIdValue.safeParse(value);
    const again = meetingId.success
      ? await deps.services.meetings.getOwn(actor.workspaceId, actor.userId, meetingId.data)
      : null;
    if (!again) {
      await tell(meetingNotice(actor.t('meet.again_gone')));
      return;
    }
    const view = await newMeetingModalView(deps.services, actor, { now: clock(), again });
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  });
}
