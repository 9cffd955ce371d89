/** Meeting records (services) → the meeting views' models. Pure, like mappers.ts. */
import type { MeetingRecord, UpcomingMeeting } from '../services/index.js';
import type { EndedMeetingModel, MeetingModel, MeetingRef, UpcomingMeetingRow } from './views/index.js';

export function toMeetingModel(record: MeetingRecord): MeetingModel {
  return {
    topic: record.topic,
    joinUrl: record.joinUrl,
    meetingId: record.meetingId,
    hostEmail: record.zoomEmail,
    source: record.source,
    createdBy: record.slackUserId,
    startTime: record.startTime,
    autoStartSummary: record.autoStartSummary,
    instant: record.instant,
    durationMinutes: record.durationMinutes,
    invitees: record.invitees,
  };
}

export function toEndedMeetingModel(record: MeetingRecord): EndedMeetingModel {
  return {
    topic: record.topic,
    reason: record.endReason ?? 'deleted_in_zoom',
    endedBy: record.endedBy,
    hostEmail: record.zoomEmail,
    startTime: record.startTime,
    instant: record.instant,
    source: record.source,
    createdBy: record.slackUserId,
    meetingId: record.meetingId,
  };
}

export function toUpcomingRow(record: MeetingRecord): UpcomingMeetingRow {
  return {
    meetingId: record.meetingId,
    topic: record.topic,
    startTime: record.startTime,
    instant: record.instant,
    durationMinutes: record.durationMinutes,
    source: record.source,
    hostEmail: record.zoomEmail,
    joinUrl: record.joinUrl,
    invitees: record.invitees.length,
  };
}

export function toMeetingRef(meeting: UpcomingMeeting): MeetingRef {
  return {
    topic: meeting.topic,
    startTime: meeting.startTime,
    joinUrl: meeting.joinUrl,
    endReason: meeting.endReason,
    slackUserId: meeting.slackUserId,
    hostEmail: meeting.hostEmail,
  };
}
