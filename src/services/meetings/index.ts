/**
 * Meetings made through the app (DESIGN §3.4): create, list the member's upcoming ones, cancel
 * (deleted in Zoom, then every message about it updated), and end them when Zoom says they died
 * (`meeting.deleted`, host Zoom user deleted or deactivated). Every method is scoped by the
 * workspace, except the two Zoom events, which name only Zoom ids and are matched on the Zoom
 * account as well (like the other events).
 */
import escapeStringRegexp from 'escape-string-regexp';
import pino from 'pino';
import type { MeetingDoc, Models } from '../../db/models/index.js';
import type { Invitee } from '../../domain/meeting-command.js';
import { isNotOver, type MeetingEndReason } from '../../domain/meeting-end.js';
import { type CredentialRef, ZoomError, type ZoomGateway } from '../../zoom/contracts.js';
import type { ConnectionLossService } from '../connection-loss.js';
import type { ConnectionsService } from '../connections.js';
import { checkUserId, checkWorkspaceId } from '../guard.js';
import type { CommonDeps, CoreNotifier, Defer } from '../ports.js';
import type { SettingsService } from '../settings.js';
import type { StatusService } from '../status.js';
import { type CreateMeeting, createMeetingCreator } from './create.js';
import { createMeetingEnder } from './ending.js';
import { type MeetingPost, type MeetingRecord, meetingRecord } from './model.js';

export type CancelOutcome =
  | { outcome: 'cancelled'; meeting: MeetingRecord }
  | { outcome: 'not_found' }
  | { outcome: 'already_ended'; meeting: MeetingRecord }
  /** No working connection can delete it in Zoom now (`no_account`), or Zoom failed (`zoom_failed`). */
  | { outcome: 'not_cancelled'; meeting: MeetingRecord; why: 'no_account' | 'zoom_failed' };

export interface MeetingsService {
  create: CreateMeeting;
  /** Records where a message about the meeting went (so it is updated when the meeting ends). */
  recordPost(workspaceId: string, meetingId: string, post: MeetingPost): Promise<void>;
  /** The member's meetings made through the app that have not ended and are not over, soonest first. */
  listUpcoming(
    workspaceId: string,
    slackUserId: string,
    options?: { limit?: number | undefined },
  ): Promise<{ meetings: MeetingRecord[]; total: number }>;
  /** One of the member's own meetings (null when not theirs or unknown). */
  getOwn(workspaceId: string, slackUserId: string, meetingId: string): Promise<MeetingRecord | null>;
  /** Deletes it in Zoom with a connection that can, then ends it (posts updated, host told). */
  cancel(workspaceId: string, slackUserId: string, meetingId: string): Promise<CancelOutcome>;
  /** Slack ids for the mentions of a `/zoom-meet` text (`@handle` looked up in the directory). */
  resolveInvitees(
    workspaceId: string,
    invitees: Invitee[],
  ): Promise<{ userIds: string[]; unknown: string[] }>;
  /** Zoom's `meeting.deleted`: the meeting ends, wherever it was made. */
  endDeletedInZoom(event: {
    accountId: string;
    meetingId: string;
    hostId: string;
    operator?: string | undefined;
  }): Promise<MeetingRecord[]>;
  /** Zoom's `user.deleted` / `user.deactivated` of a host: every live meeting they host ends. */
  endHostedBy(event: {
    accountId: string;
    zoomUserId: string;
    reason: Extract<MeetingEndReason, 'host_deleted' | 'host_deactivated'>;
    operator?: string | undefined;
  }): Promise<MeetingRecord[]>;
}

const MEETING_ID = /^\d{1,19}$/;

/** Reading a member's upcoming meetings needs nothing but the database (App Home is built before the rest). */
export interface MeetingReader {
  listUpcoming: MeetingsService['listUpcoming'];
}

export function createMeetingReader(deps: {
  models: Models;
  clock?: (() => Date) | undefined;
}): MeetingReader {
  const { models } = deps;
  const clock = deps.clock ?? (() => new Date());
  return {
    async listUpcoming(workspaceId, slackUserId, options = {}) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const now = clock();
      // Zoom caps a meeting at 24 h: what started earlier is over whatever its length.
      const docs = await models.meetings
        .find({
          workspaceId,
          slackUserId,
          state: { $ne: 'ended' },
          startTime: { $gt: new Date(now.getTime() - 24 * 3600_000) },
        })
        .sort({ startTime: 1 })
        .limit(500)
        .lean<MeetingDoc[]>();
      const upcoming = docs.filter((d) => isNotOver(d, now)).map(meetingRecord);
      const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
      return { meetings: upcoming.slice(0, limit), total: upcoming.length };
    },
  };
}

export function createMeetingsService(
  deps: CommonDeps & {
    models: Models;
    zoom: ZoomGateway;
    connections: ConnectionsService;
    status: StatusService;
    settings: SettingsService;
    /** A member hit a dead organization token first: it is ended there (and admins told). */
    connectionLoss: ConnectionLossService;
    /** Tells people a meeting ended (posts updated), after the current answer. */
    notifier: Pick<CoreNotifier, 'meetingEnded'>;
    defer: Defer;
  },
): MeetingsService {
  const { models, zoom, connections } = deps;
  const clock = deps.clock ?? (() => new Date());
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'meetings' });
  const create = createMeetingCreator(deps);
  const reader = createMeetingReader({ models, clock });
  const ender = createMeetingEnder({ models, notifier: deps.notifier, defer: deps.defer, clock });

  async function ownDoc(workspaceId: string, slackUserId: string, meetingId: string) {
    checkWorkspaceId(workspaceId);
    checkUserId(slackUserId, 'slackUserId');
    if (!MEETING_ID.test(meetingId)) return null;
    return models.meetings.findOne({ workspaceId, slackUserId, meetingId }).lean<MeetingDoc>();
  }

  /**
   * A connection that may delete the meeting in Zoom now: the one that made it when it still
   * works, else the other one when it reaches the same host (a host deletes their own meetings; an
   * admin-level grant deletes those of its account's users).
   */
  async function deleterFor(meeting: MeetingRecord): Promise<CredentialRef | null> {
    const { workspaceId, slackUserId } = meeting;
    const [personal, org] = await Promise.all([
      connections.getPersonal(workspaceId, slackUserId),
      connections.getOrg(workspaceId),
    ]);
    const personalRef =
      personal?.status === 'active' && personal.zoomUserId === meeting.zoomUserId
        ? connections.personalRef(workspaceId, slackUserId, personal)
        : null;
    const sameAccount = meeting.zoomAccountId === null || org?.zoomAccountId === meeting.zoomAccountId;
    const orgRef = org?.status === 'active' && sameAccount ? connections.orgRef(workspaceId, org) : null;
    return meeting.source === 'personal' ? (personalRef ?? orgRef) : (orgRef ?? personalRef);
  }

  return {
    create,

    async recordPost(workspaceId, meetingId, post) {
      checkWorkspaceId(workspaceId);
      await models.meetings.updateOne(
        { workspaceId, meetingId },
        {
          $push: {
            posts: {
              kind: post.kind,
              channel: post.channel,
              ts: post.ts,
              ...(post.userId ? { userId: post.userId } : {}),
            },
          },
        },
      );
    },

    listUpcoming: reader.listUpcoming,

    async getOwn(workspaceId, slackUserId, meetingId) {
      const doc = await ownDoc(workspaceId, slackUserId, meetingId);
      return doc ? meetingRecord(doc) : null;
    },

    async cancel(workspaceId, slackUserId, meetingId) {
      const doc = await ownDoc(workspaceId, slackUserId, meetingId);
      if (!doc) return { outcome: 'not_found' };
      const meeting = meetingRecord(doc);
      if (meeting.state === 'ended') return { outcome: 'already_ended', meeting };
      const ref = await deleterFor(meeting);
      if (!ref) return { outcome: 'not_cancelled', meeting, why: 'no_account' };
      const filter = { workspaceId, slackUserId, meetingId };
      await models.meetings.updateOne(filter, { $set: { cancelling: { by: slackUserId, at: clock() } } });
      try {
        await zoom.deleteMeeting(ref, meetingId);
      } catch (error) {
        // Already gone in Zoom: what the host wanted. Anything else: it still exists.
        if (!(error instanceof ZoomError && error.code === 'meeting_not_found')) {
          await models.meetings.updateOne(filter, { $unset: { cancelling: 1 } });
          logger.info(
            { workspaceId, meetingId, code: error instanceof ZoomError ? error.code : 'internal' },
            'could not delete the meeting in Zoom',
          );
          return { outcome: 'not_cancelled', meeting, why: 'zoom_failed' };
        }
      }
      const [ended] = await ender.end(filter, 'cancelled', slackUserId);
      if (ended) return { outcome: 'cancelled', meeting: ended };
      // Zoom's meeting.deleted got there first and ended it as this cancel.
      const now = await ownDoc(workspaceId, slackUserId, meetingId);
      return { outcome: 'cancelled', meeting: now ? meetingRecord(now) : meeting };
    },

    async resolveInvitees(workspaceId, invitees) {
      checkWorkspaceId(workspaceId);
      const userIds: string[] = [];
      const unknown: string[] = [];
      for (const invitee of invitees) {
        if (invitee.kind === 'id') {
          userIds.push(invitee.userId);
          continue;
        }
        // A handle as typed (escaping off): the member whose Slack name or display name it is.
        const exact = new RegExp(`^${escapeStringRegexp(invitee.handle)}$`, 'i');
        const member = await models.members
          .findOne({ workspaceId, deleted: false, $or: [{ name: exact }, { sortName: exact }] })
          .lean();
        if (member) userIds.push(member.slackUserId);
        else unknown.push(`@${invitee.handle}`);
      }
      return { userIds: [...new Set(userIds)], unknown };
    },

    async endDeletedInZoom(event) {
      if (!MEETING_ID.test(event.meetingId)) return [];
      const ended = await ender.end(
        {
          meetingId: event.meetingId,
          $or: [
            { zoomAccountId: event.accountId },
            // Recorded before the account was stored: the host must match instead.
            { zoomAccountId: { $exists: false }, zoomUserId: event.hostId },
          ],
        },
        'deleted_in_zoom',
        event.operator ?? null,
      );
      logger.info({ meetingId: event.meetingId, ended: ended.length }, 'meeting deleted in Zoom');
      return ended;
    },

    async endHostedBy(event) {
      // Zoom caps a meeting at 24 h: what started earlier is over.
      const recent = new Date(clock().getTime() - 24 * 3600_000);
      const ended = await ender.end(
        {
          zoomUserId: event.zoomUserId,
          // Recorded before the account was stored: Zoom user ids are unique across accounts.
          $or: [{ zoomAccountId: event.accountId }, { zoomAccountId: { $exists: false } }],
          startTime: { $gt: recent },
        },
        event.reason,
        event.operator ?? null,
        { onlyNotOver: true },
      );
      if (ended.length > 0) logger.info({ reason: event.reason, ended: ended.length }, 'host Zoom user gone');
      return ended;
    },
  };
}

export type { CreatedMeeting, CreateMeeting, MeetingRequest } from './create.js';
export { meetingRequestSchema } from './create.js';
export type { MeetingEndedEvent, MeetingPost, MeetingRecord } from './model.js';
