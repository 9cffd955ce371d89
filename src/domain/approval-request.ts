/**
 * Approval request states (DESIGN §3.3). Pure helpers the approvals service builds on.
 */

export type ApprovalKind = 'org' | 'personal';
export type ApprovalStatus =
  | 'pending'
  | 'awaiting_confirmation'
  | 'completed'
  | 'declined'
  | 'cancelled'
  | 'expired'
  | 'superseded';

/** An org request lives 7 days: a Zoom admin may be away (DESIGN §3.3). */
export const DEFAULT_REQUEST_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** A personal link lives 30 minutes: the member is at the keyboard (DESIGN §2.2). */
export const DEFAULT_PERSONAL_TTL_MS = 30 * 60 * 1000;
export const ATTEMPT_TTL_MS = 10 * 60 * 1000;
export const PURGE_GRACE_MS = 30 * 24 * 60 * 60 * 1000;
export const REMINDER_AFTER_MS = 24 * 60 * 60 * 1000;
/** A parked approval waits this long for its confirmation in Slack, then its grant is released. */
export const PARKED_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a callback may hold a request while it exchanges its code. */
export const COMPLETION_LEASE_MS = 2 * 60 * 1000;

/**
 * The status a person sees: a pending request past its expiry (or a parked one past its
 * confirmation deadline) is expired even before the sweep reaches it.
 */
export function effectiveStatus(
  request: { status: ApprovalStatus; expiresAt: Date; parked?: { until: Date } | undefined },
  now: Date,
): ApprovalStatus {
  if (request.status === 'pending' && request.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (request.status === 'awaiting_confirmation' && (request.parked?.until.getTime() ?? 0) <= now.getTime()) {
    return 'expired';
  }
  return request.status;
}

/** Resend revives a pending or expired request; finished ones stay finished. */
export function canResend(status: ApprovalStatus): boolean {
  return status === 'pending' || status === 'expired';
}

/** Only organization requests go to someone else, so only they are reminded or forwarded. */
export function isRemindable(kind: ApprovalKind): boolean {
  return kind === 'org';
}

export function linkPath(kind: ApprovalKind): string {
  return kind === 'org' ? '/zoom/approve/' : '/zoom/connect/';
}

/** Whether two emails name the same mailbox as Zoom and Slack store them (case does not matter). */
export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  return (
    typeof a === 'string' &&
    typeof b === 'string' &&
    a.trim() !== '' &&
    a.trim().toLowerCase() === b.trim().toLowerCase()
  );
}
