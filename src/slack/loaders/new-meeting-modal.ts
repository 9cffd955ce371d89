/**
 * The New meeting window's model: the pickers default to now on the member's own clock (their
 * Slack time zone), the host line names the account that will host it; Create again fills in the
 * ended meeting's topic, length, invitees and place (its time too, when still ahead).
 */
import { dateValue, timeValue, usableTimeZone, wallClockAt } from '../../domain/wall-clock.js';
import type { MeetingRecord, Services } from '../../services/index.js';
import type { ModalView } from '../blockkit/types.js';
import type { Actor } from '../runtime.js';
import { newMeetingModal } from '../views/index.js';

export function newMeetingModalView(
  services: Services,
  actor: Actor,
  options: { now: Date; again?: MeetingRecord | null; channelId?: string | null },
): Promise<ModalView> {
  return modelFor(services, actor, options).then((model) => newMeetingModal(model, actor.t));
}

async function modelFor(
  services: Services,
  actor: Actor,
  options: { now: Date; again?: MeetingRecord | null; channelId?: string | null },
) {
  const timeZone = usableTimeZone(actor.member?.tz);
  const status = await services.status.getStatus(actor.workspaceId, actor.userId, actor.member);
  const again = options.again ?? null;
  const start = again && !again.instant && again.startTime > options.now ? again.startTime : options.now;
  const wall = wallClockAt(start, timeZone);
  const channelId = again?.channelId ?? options.channelId ?? null;
  return {
    date: dateValue(wall),
    time: timeValue(wall),
    timeZone,
    host: status.account ? { source: status.account.source, zoomEmail: status.account.zoomEmail } : null,
    ...(again
      ? {
          topic: again.topic,
          durationMinutes: again.durationMinutes > 0 ? again.durationMinutes : undefined,
          invitees: again.invitees,
        }
      : {}),
    ...(channelId ? { channelId } : {}),
  };
}
