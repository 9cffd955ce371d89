/**
 * The `payload` of each event the stand-in sends, in the shapes Zoom documents. References: the
 * event types of Zoom's own SDK, Rivet (zoom.github.io/rivet-javascript: `Users.UserUpdatedEvent`,
 * `Users.UserDisassociatedEvent`, `Meetings.MeetingDeletedEvent`, ...) and Zoom's
 * deauthorization guide (marketplace.zoom.us/docs/guides/auth/deauthorization/).
 */
import { randomBytes } from 'node:crypto';
import type { SandboxUser } from './directory.js';
import type { SandboxMeeting } from './meetings.js';

export interface Operator {
  /** The email of who did it. */
  operator: string;
  operator_id: string;
}

export function operatorOf(user: Pick<SandboxUser, 'email' | 'id'>): Operator {
  return { operator: user.email, operator_id: user.id };
}

/**
 * `user.deleted`, `user.deactivated`, `user.activated`, `user.disassociated`:
 * `{account_id, operator, operator_id, object{id, first_name, last_name, email, type}}`.
 * `account_id` is the account the user was in (for a disassociation, the one they left).
 */
export function userLifecyclePayload(user: SandboxUser, operator: Operator): Record<string, unknown> {
  return {
    account_id: user.account_id,
    ...operator,
    object: {
      id: user.id,
      first_name: user.first_name,
      last_name: user.last_name,
      email: user.email,
      type: user.type,
    },
  };
}

/**
 * `user.updated`: `object` is the user's id and the fields that changed, `old_object` the same
 * fields before, `time_stamp` in ms. Zoom names the role field `role` (Rivet's UserUpdatedEvent
 * has `role?: string` and no `role_name`/`role_id`). A status change is not a `user.updated`: it
 * is `user.deactivated` / `user.activated`. Undefined when nothing `user.updated` reports changed.
 */
export function userUpdatedPayload(
  before: SandboxUser,
  after: SandboxUser,
  operator: Operator,
  timeStampMs: number,
): Record<string, unknown> | undefined {
  const fields: Array<[keyof SandboxUser, string]> = [
    ['role_name', 'role'],
    ['first_name', 'first_name'],
    ['last_name', 'last_name'],
    ['email', 'email'],
    ['type', 'type'],
    ['timezone', 'timezone'],
  ];
  const changed: Record<string, unknown> = {};
  const old: Record<string, unknown> = {};
  for (const [field, name] of fields) {
    if (before[field] !== after[field]) {
      changed[name] = after[field];
      old[name] = before[field];
    }
  }
  if (Object.keys(changed).length === 0) return undefined;
  return {
    account_id: after.account_id,
    ...operator,
    object: { id: after.id, ...changed },
    old_object: { id: after.id, ...old },
    time_stamp: timeStampMs,
  };
}

/**
 * `meeting.deleted`: `{account_id, operator, operator_id, object{id (a number), uuid, host_id,
 * topic, type, start_time, duration, timezone}}` (Rivet's MeetingDeletedEvent).
 */
export function meetingDeletedPayload(meeting: SandboxMeeting, operator: Operator): Record<string, unknown> {
  return {
    account_id: meeting.account_id,
    ...operator,
    object: {
      id: meeting.id,
      uuid: meeting.uuid,
      host_id: meeting.host_id,
      topic: meeting.topic,
      type: meeting.type,
      start_time: meeting.start_time,
      duration: meeting.duration,
      timezone: meeting.timezone,
    },
  };
}

/**
 * `app_deauthorized`: `{account_id, user_id, signature, deauthorization_time, client_id,
 * user_data_retention}`, where `user_data_retention` is the string `"true"` or `"false"` (the
 * documented example has `"user_data_retention": "false"`), `user_id` who removed the app and
 * `deauthorization_time` an ISO time with milliseconds ("2019-06-17T13:52:28.632Z").
 */
export function appDeauthorizedPayload(input: {
  accountId: string;
  userId: string;
  clientId: string;
  at: Date;
  userDataRetention: boolean;
}): Record<string, unknown> {
  return {
    account_id: input.accountId,
    user_id: input.userId,
    signature: randomBytes(32).toString('hex'),
    deauthorization_time: input.at.toISOString(),
    client_id: input.clientId,
    user_data_retention: input.userDataRetention ? 'true' : 'false',
  };
}
