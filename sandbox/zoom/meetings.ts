/**
 * Meetings the stand-in holds: created through the API (with Zoom's per-host limit of 100 creates
 * a UTC day), deleted through the API or the control API, gone with their host when the host's
 * Zoom user is deleted.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { SandboxUser } from './directory.js';

export interface SandboxMeeting {
  id: number;
  uuid: string;
  host_id: string;
  host_email: string;
  topic: string;
  type: number;
  status: 'waiting';
  start_time: string;
  duration: number;
  timezone: string;
  created_at: string;
  join_url: string;
  start_url: string;
  password: string;
  settings: Record<string, unknown>;
  /** Which app's token created it (not a Zoom field; shown in state only). */
  created_by_client_id: string;
  /** The host's account (not a Zoom field; shown in state only). */
  account_id: string;
}

export interface MeetingInput {
  topic?: string | undefined;
  type?: number | undefined;
  start_time?: string | undefined;
  duration?: number | undefined;
  timezone?: string | undefined;
  settings?: Record<string, unknown> | undefined;
}

/** The fields of a meeting that are not Zoom's own and never leave the stand-in's API. */
export function toApiMeeting(
  meeting: SandboxMeeting,
): Omit<SandboxMeeting, 'created_by_client_id' | 'account_id'> {
  const { created_by_client_id: _client, account_id: _account, ...apiMeeting } = meeting;
  return apiMeeting;
}

export interface MeetingBook {
  create(
    host: SandboxUser,
    clientId: string,
    input: MeetingInput,
    baseUrl: string,
  ): { ok: true; meeting: SandboxMeeting } | { ok: false; retryAfterS: number };
  find(id: number): SandboxMeeting | undefined;
  delete(id: number): SandboxMeeting | undefined;
  /** Removes (and returns) every meeting `hostId` hosts. */
  deleteHostedBy(hostId: string): SandboxMeeting[];
  list(): SandboxMeeting[];
}

export function createMeetingBook(options: { clock: () => Date; dailyLimit: number }): MeetingBook {
  const { clock } = options;
  let meetings: SandboxMeeting[] = [];
  const perHostDay = new Map<string, number>();
  const iso = () =>
    clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');

  return {
    create(host, clientId, input, baseUrl) {
      const now = clock();
      const key = `${host.id}:${now.toISOString().slice(0, 10)}`;
      const used = perHostDay.get(key) ?? 0;
      if (used >= options.dailyLimit) {
        const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
        return { ok: false, retryAfterS: Math.ceil((midnight - now.getTime()) / 1000) };
      }
      perHostDay.set(key, used + 1);
      const id = randomInt(10_000_000_000, 99_999_999_999);
      const password = randomBytes(4).toString('hex').slice(0, 6);
      const meeting: SandboxMeeting = {
        id,
        uuid: randomBytes(16).toString('base64'),
        host_id: host.id,
        host_email: host.email,
        topic: input.topic ?? 'Zoom Meeting',
        type: input.type ?? 2,
        status: 'waiting',
        start_time: input.start_time ?? iso(),
        duration: input.duration ?? 60,
        timezone: input.timezone ?? host.timezone,
        created_at: iso(),
        join_url: `${baseUrl}/j/${id}?pwd=${password}`,
        start_url: `${baseUrl}/s/${id}?zak=${randomBytes(12).toString('base64url')}`,
        password,
        settings: {
          host_video: false,
          participant_video: false,
          join_before_host: false,
          auto_start_meeting_summary: input.settings?.auto_start_meeting_summary === true,
        },
        created_by_client_id: clientId,
        account_id: host.account_id,
      };
      meetings.push(meeting);
      return { ok: true, meeting };
    },
    find: (id) => meetings.find((meeting) => meeting.id === id),
    delete(id) {
      const meeting = meetings.find((candidate) => candidate.id === id);
      if (meeting) meetings = meetings.filter((candidate) => candidate !== meeting);
      return meeting;
    },
    deleteHostedBy(hostId) {
      const gone = meetings.filter((meeting) => meeting.host_id === hostId);
      meetings = meetings.filter((meeting) => meeting.host_id !== hostId);
      return gone;
    },
    list: () => meetings.map((meeting) => ({ ...meeting, settings: { ...meeting.settings } })),
  };
}
