/** A meeting made through the app, as the services hand it out (the stored document, narrowed). */
import type { MeetingDoc, MeetingPostDoc } from '../../db/models/index.js';
import type { MeetingEndReason } from '../../domain/meeting-end.js';

export type MeetingPost = MeetingPostDoc;

export interface MeetingRecord {
  workspaceId: string;
  meetingId: string;
  /** The member who made it (its host, through their own Zoom user). */
  slackUserId: string;
  /** The account that made it: the member's personal one, or the organization's (hosted by their own Zoom user). */
  source: 'personal' | 'org';
  orgGeneration: number | null;
  zoomUserId: string;
  zoomEmail: string;
  zoomAccountId: string | null;
  topic: string;
  startTime: Date;
  instant: boolean;
  durationMinutes: number;
  timezone: string | null;
  joinUrl: string;
  invitees: string[];
  channelId: string | null;
  posts: MeetingPost[];
  state: 'live' | 'ended';
  endReason: MeetingEndReason | null;
  endedAt: Date | null;
  /** A Slack user id, or the Zoom operator's email, or null when nobody is known. */
  endedBy: string | null;
  autoStartSummary: boolean;
}

export function meetingRecord(doc: MeetingDoc): MeetingRecord {
  return {
    workspaceId: doc.workspaceId,
    meetingId: doc.meetingId,
    slackUserId: doc.slackUserId,
    source: doc.source,
    orgGeneration: doc.orgGeneration ?? null,
    zoomUserId: doc.zoomUserId,
    zoomEmail: doc.zoomEmail,
    zoomAccountId: doc.zoomAccountId ?? null,
    topic: doc.topic,
    startTime: doc.startTime,
    instant: doc.instant === true,
    durationMinutes: doc.durationMinutes,
    timezone: doc.timezone ?? null,
    joinUrl: doc.joinUrl,
    invitees: doc.invitees ?? [],
    channelId: doc.channelId ?? null,
    posts: (doc.posts ?? []).map((p) => ({
      kind: p.kind,
      channel: p.channel,
      ts: p.ts,
      ...(p.userId ? { userId: p.userId } : {}),
    })),
    state: doc.state ?? 'live',
    endReason: doc.endReason ?? null,
    endedAt: doc.endedAt ?? null,
    endedBy: doc.endedBy ?? null,
    autoStartSummary: doc.autoStartSummary === true,
  };
}

/** A meeting just ended: its posts are to be updated and its host offered to create it again. */
export interface MeetingEndedEvent {
  workspaceId: string;
  meeting: MeetingRecord;
  reason: MeetingEndReason;
  endedBy: string | null;
}
