/**
 * Approval request states (DESIGN §3.3). Pure helpers the approvals service builds on.
 */

export type ApprovalKind = 'org' | 'personal';
export type ApprovalStatus = 'pending' | 'completed' | 'declined' | 'cancelled' | 'expired';

export const DEFAULT_REQUEST_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const ATTEMPT_TTL_MS = 10 * 60 * 1000;
export const PURGE_GRACE_MS = 30 * 24 * 60 * 60 * 1000;
export const REMINDER_AFTER_MS = 24 * 60 * 60 * 1000;
/** How long a callback may hold a request while it exchanges its code. */
export const COMPLETION_LEASE_MS = 2 * 60 * 1000;

/** The status a person sees: a pending request past its expiry is expired even before the sweep. */
export function effectiveStatus(
  request: { status: ApprovalStatus; expiresAt: Date },
  now: Date,
): ApprovalStatus {
  if (request.status === 'pending' && request.expiresAt.getTime() <= now.getTime()) return 'expired';
  return request.status;
}

/** Resend revives a pending or expired request; finished ones stay finished. */
export function canResend(status: ApprovalStatus): boolean {
  return status === 'pending' || status === 'expired';
}

export function linkPath(kind: ApprovalKind): string {
  return kind === 'org' ? '/zoom/approve/' : '/zoom/connect/';
}
