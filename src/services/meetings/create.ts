/**
 * Creating a meeting with the member's active account (DESIGN §3.4): their personal Zoom account,
 * or the organization's admin-level grant for their own Zoom user (found by their Slack email).
 * Every meeting is recorded with what its messages and its ending need: host, account, time
 * zone, invitees, where it was asked to be posted.
 */
import pino from 'pino';
import { z } from 'zod';
import type { Models } from '../../db/models/index.js';
import type { OrgLossReason } from '../../domain/connection-loss.js';
import {
  type CreateMeetingInput,
  ZoomError,
  type ZoomGateway,
  type ZoomMeeting,
} from '../../zoom/contracts.js';
import type { ConnectionLossService } from '../connection-loss.js';
import type { ConnectionsService, OrgConnectionView, PersonalConnectionView } from '../connections.js';
import { ServiceError } from '../errors.js';
import { checkUserId, checkWorkspaceId } from '../guard.js';
import type { CommonDeps } from '../ports.js';
import type { SettingsService } from '../settings.js';
import type { MemberStatus, StatusService } from '../status.js';
import { type MeetingRecord, meetingRecord } from './model.js';

const slackId = z.string().regex(/^[UW][A-Z0-9_]{1,20}$/);

export const meetingRequestSchema = z
  .object({
    topic: z.string().trim().max(200).optional(),
    startTime: z.iso.datetime({ offset: true }).optional(),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    timezone: z.string().max(64).optional(),
    /** Slack users to invite (each gets a DM with the link). */
    invitees: z.array(slackId).max(50).optional(),
    /** Where the host asked to post it (a conversation id). */
    channelId: z
      .string()
      .regex(/^[CDG][A-Z0-9_]{1,20}$/)
      .optional(),
  })
  .strict();
export type MeetingRequest = z.infer<typeof meetingRequestSchema>;

export interface CreatedMeeting {
  meeting: ZoomMeeting;
  source: 'personal' | 'org';
  record: MeetingRecord;
}

/**
 * Creates a meeting with the member's active account. Typed failures: `no_active_account`,
 * `no_email`, `zoom_user_not_found` (org: no Zoom user with the member's email), `needs_reconnect`
 * (the connection is marked), `zoom_failed`, `invalid_input`.
 */
export type CreateMeeting = (
  workspaceId: string,
  slackUserId: string,
  input?: MeetingRequest,
) => Promise<CreatedMeeting>;

const DEFAULT_TOPIC = 'Zoom meeting';

/** Zoom failures of the org grant that end the connection (the rest are passing: try again). */
const DEAD_ORG_GRANT: Readonly<Partial<Record<string, OrgLossReason>>> = {
  needs_reconnect: 'token_rejected',
  invalid_grant: 'token_rejected',
  missing_scope: 'scope_missing',
};

export function createMeetingCreator(
  deps: CommonDeps & {
    models: Models;
    zoom: ZoomGateway;
    connections: ConnectionsService;
    status: StatusService;
    settings: SettingsService;
    /** A member hit a dead organization token first: it is ended there (and admins told). */
    connectionLoss: ConnectionLossService;
  },
): CreateMeeting {
  const { models, zoom, connections, status, settings, connectionLoss } = deps;
  const clock = deps.clock ?? (() => new Date());
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'meetings' });

  function zoomFailure(error: unknown): ServiceError {
    return new ServiceError(
      'zoom_failed',
      'Zoom could not create the meeting right now. Try again in a minute.',
      {},
      {
        cause: error,
      },
    );
  }

  /** The member's own Zoom account hosts it (`me`); a dead grant marks the connection, the org one serves next time. */
  async function viaPersonal(
    workspaceId: string,
    slackUserId: string,
    personal: PersonalConnectionView,
    request: CreateMeetingInput,
    orgAvailable: boolean,
  ): Promise<ZoomMeeting> {
    const ref = connections.personalRef(workspaceId, slackUserId, personal);
    try {
      return await zoom.createMeeting(ref, 'me', request);
    } catch (error) {
      if (
        error instanceof ZoomError &&
        (error.code === 'needs_reconnect' || error.code === 'invalid_grant')
      ) {
        await connections.markPersonalNeedsReconnect(workspaceId, slackUserId, error.code);
        throw new ServiceError(
          'needs_reconnect',
          'Your personal Zoom connection stopped working. Reconnect it.',
          {
            source: 'personal',
            orgAvailable,
          },
        );
      }
      throw zoomFailure(error);
    }
  }

  /**
   * The organization's admin-level grant creates it for the member's own Zoom user (found by their
   * Slack email, DESIGN §3.4). A dead grant ends the connection here (admins told at once).
   */
  async function viaOrg(
    workspaceId: string,
    slackUserId: string,
    org: OrgConnectionView | null,
    request: CreateMeetingInput,
    memberStatus: MemberStatus,
  ): Promise<{ meeting: ZoomMeeting; generation: number; accountId: string; summary: boolean }> {
    if (org?.status !== 'active') {
      throw new ServiceError('no_active_account', 'No Zoom account is available for you.', {
        reason: 'org_needs_reconnect',
      });
    }
    const email = memberStatus.account?.zoomEmail ?? null;
    if (!email)
      throw new ServiceError('no_email', 'Your Slack profile has no email address to find your Zoom user.');
    const { generation } = org;
    const ref = connections.orgRef(workspaceId, org);
    const ws = await settings.get(workspaceId);
    let meeting: ZoomMeeting;
    try {
      meeting = await zoom.createMeeting(ref, email, {
        ...request,
        autoStartMeetingSummary: ws.autoStartSummary,
      });
    } catch (error) {
      if (error instanceof ZoomError && error.code === 'user_not_found') {
        await setZoomMatch(workspaceId, slackUserId, 'not_found');
        throw new ServiceError(
          'zoom_user_not_found',
          "Your Slack email has no Zoom user in your organization's Zoom account. Connect your own Zoom account instead.",
          { email },
        );
      }
      const dead = error instanceof ZoomError ? DEAD_ORG_GRANT[error.code] : undefined;
      if (dead) {
        // A member hit the failure first: admins must hear it now, not at the next health check.
        await connectionLoss.lose(workspaceId, { reason: dead, generation });
        throw new ServiceError(
          'needs_reconnect',
          "Your organization's Zoom connection needs to be reconnected by an admin.",
          { source: 'org' },
        );
      }
      throw zoomFailure(error);
    }
    if (memberStatus.zoomMatch !== 'found') await setZoomMatch(workspaceId, slackUserId, 'found');
    return { meeting, generation, accountId: org.zoomAccountId, summary: ws.autoStartSummary };
  }

  async function setZoomMatch(workspaceId: string, slackUserId: string, zoomMatch: 'found' | 'not_found') {
    await models.members.updateOne({ workspaceId, slackUserId }, { $set: { zoomMatch } });
  }

  return async function create(workspaceId, slackUserId, input = {}) {
    checkWorkspaceId(workspaceId);
    checkUserId(slackUserId, 'slackUserId');
    const parsed = meetingRequestSchema.safeParse(input);
    if (!parsed.success)
      throw new ServiceError('invalid_input', 'The meeting details are not valid.', { field: 'meeting' });
    const request: CreateMeetingInput = {
      topic: parsed.data.topic || DEFAULT_TOPIC,
      startTime: parsed.data.startTime,
      durationMinutes: parsed.data.durationMinutes,
      timezone: parsed.data.timezone,
    };
    const {
      precedence,
      status: memberStatus,
      connections: read,
    } = await status.precedence(workspaceId, slackUserId);
    if (precedence.active === 'none') {
      throw new ServiceError('no_active_account', 'You have no Zoom account available.', {
        reason: precedence.reason,
        hint: memberStatus.hint,
      });
    }
    const source = precedence.active;
    const made =
      source === 'personal' && read.personal
        ? {
            meeting: await viaPersonal(
              workspaceId,
              slackUserId,
              read.personal,
              request,
              memberStatus.org?.status === 'active',
            ),
            generation: undefined,
            accountId: read.personal.zoomAccountId,
            summary: false,
          }
        : await viaOrg(workspaceId, slackUserId, read.org, request, memberStatus);
    const { meeting } = made;
    const now = clock();
    const doc = await models.meetings.create({
      workspaceId,
      slackUserId,
      source,
      orgGeneration: made.generation,
      zoomUserId: meeting.hostId,
      zoomEmail: meeting.hostEmail,
      zoomAccountId: made.accountId || undefined,
      meetingId: meeting.id,
      topic: meeting.topic,
      startTime: meeting.startTime ? new Date(meeting.startTime) : now,
      instant: request.startTime === undefined,
      durationMinutes: meeting.durationMinutes,
      timezone: parsed.data.timezone,
      joinUrl: meeting.joinUrl,
      invitees: [...new Set(parsed.data.invitees ?? [])].filter((id) => id !== slackUserId),
      channelId: parsed.data.channelId,
      posts: [],
      state: 'live',
      autoStartSummary: made.summary && meeting.autoStartMeetingSummary,
      createdAt: now,
    });
    logger.info({ workspaceId, source, meetingId: meeting.id }, 'meeting created');
    return { meeting, source, record: meetingRecord(doc.toObject()) };
  };
}
