/**
 * Why a meeting made through the app can no longer be joined (DESIGN §3.4), as one fixed set.
 * Meetings made through the organization connection are hosted by the member's own Zoom user:
 * losing the organization connection (disconnect, admin role lost, app removed) is NOT one of
 * these — those meetings keep working. Only these end a meeting.
 */
export const MEETING_END_REASONS = [
  /** Its host cancelled it in Slack (the app deleted it in Zoom). */
  'cancelled',
  /** Deleted in Zoom (`meeting.deleted`), by its host or an admin of the account. */
  'deleted_in_zoom',
  /** Its host Zoom user was deleted (`user.deleted`): Zoom deletes their meetings. */
  'host_deleted',
  /** Its host Zoom user was deactivated (`user.deactivated`): nobody can start it. */
  'host_deactivated',
] as const;

export type MeetingEndReason = (typeof MEETING_END_REASONS)[number];

export function isMeetingEndReason(value: unknown): value is MeetingEndReason {
  return typeof value === 'string' && (MEETING_END_REASONS as readonly string[]).includes(value);
}

/** What a host Zoom user's lifecycle event means for the meetings they host; null = nothing. */
export function endReasonOfHostEvent(event: string): MeetingEndReason | null {
  if (event === 'user.deleted') return 'host_deleted';
  if (event === 'user.deactivated') return 'host_deactivated';
  return null;
}

/** Zoom caps a scheduled meeting at 24 h; one without a length is taken as an hour. */
export const DEFAULT_LENGTH_MINUTES = 60;

/** Not over yet: an instant meeting made a minute ago is still running. */
export function isNotOver(meeting: { startTime: Date; durationMinutes: number }, now: Date): boolean {
  const length = meeting.durationMinutes > 0 ? meeting.durationMinutes : DEFAULT_LENGTH_MINUTES;
  return meeting.startTime.getTime() + length * 60_000 > now.getTime();
}
