/**
 * A meeting ends once (DESIGN §3.4): its host cancelled it, it was deleted in Zoom, or its host
 * Zoom user was deleted or deactivated. Whichever path sees it first makes the one conditional
 * update `live → ended`; only that path has the posts updated and the host told (through the
 * notifier, after the current answer). Zoom's `meeting.deleted` that follows our own Cancel reads
 * as that cancel (the `cancelling` mark), so nobody is told "deleted in Zoom" for it.
 */
import type { MeetingDoc, Models } from '../../db/models/index.js';
import { isNotOver, type MeetingEndReason } from '../../domain/meeting-end.js';
import type { CoreNotifier, Defer } from '../ports.js';
import { type MeetingRecord, meetingRecord } from './model.js';

/** A Cancel whose Zoom call has not answered within this is no longer the reason Zoom deleted it. */
const CANCELLING_MS = 10 * 60_000;

export interface MeetingEnder {
  /** Ends every live meeting matching `filter` with `reason`; returns those it ended (now). */
  end(
    filter: Record<string, unknown>,
    reason: MeetingEndReason,
    endedBy: string | null,
    options?: { onlyNotOver?: boolean },
  ): Promise<MeetingRecord[]>;
}

export function createMeetingEnder(deps: {
  models: Models;
  notifier: Pick<CoreNotifier, 'meetingEnded'>;
  defer: Defer;
  clock: () => Date;
}): MeetingEnder {
  const { models, clock } = deps;

  async function endOne(
    doc: MeetingDoc & { _id: unknown },
    reason: MeetingEndReason,
    endedBy: string | null,
  ): Promise<MeetingRecord | null> {
    const now = clock();
    const cancelling = doc.cancelling && now.getTime() - doc.cancelling.at.getTime() < CANCELLING_MS;
    const finalReason = reason === 'deleted_in_zoom' && cancelling ? 'cancelled' : reason;
    const by = finalReason === 'cancelled' && doc.cancelling ? doc.cancelling.by : endedBy;
    const ended = await models.meetings
      .findOneAndUpdate(
        { _id: doc._id, workspaceId: doc.workspaceId, state: { $ne: 'ended' } },
        {
          $set: { state: 'ended', endReason: finalReason, endedAt: now, endedBy: by ?? undefined },
          $unset: { cancelling: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<MeetingDoc>();
    if (!ended) return null;
    const meeting = meetingRecord(ended);
    deps.defer(
      'meeting_ended',
      { workspaceId: meeting.workspaceId, meetingId: meeting.meetingId, reason: finalReason },
      () =>
        deps.notifier.meetingEnded({
          workspaceId: meeting.workspaceId,
          meeting,
          reason: finalReason,
          endedBy: meeting.endedBy,
        }),
    );
    return meeting;
  }

  return {
    async end(filter, reason, endedBy, options = {}) {
      const found = await models.meetings
        .find({ ...filter, state: { $ne: 'ended' } })
        .limit(5000)
        .lean<Array<MeetingDoc & { _id: unknown }>>();
      // Meetings already over stay as they were: their posts need no correction.
      const docs = options.onlyNotOver ? found.filter((d) => isNotOver(d, clock())) : found;
      const ended: MeetingRecord[] = [];
      for (const doc of docs) {
        const one = await endOne(doc, reason, endedBy);
        if (one) ended.push(one);
      }
      return ended;
    },
  };
}
