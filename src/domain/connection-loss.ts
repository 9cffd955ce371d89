/**
 * Why an organization connection stops serving, as one fixed set (DESIGN §3.2). Every path that
 * ends or suspends it (an admin's disconnect, a Zoom webhook, the health check, a meeting that hit
 * a dead token) names one of these; the messages explain exactly these; nothing re-maps strings.
 */

/** Each reason and the state it leaves the connection in. */
export const ORG_LOSS_REASONS = {
  /** A Slack admin disconnected it. */
  admin_disconnected: 'disconnected',
  /** The app was removed from the Zoom account (`app_deauthorized`), by whichever Zoom admin. */
  app_removed: 'disconnected',
  /** The Zoom user behind it was deleted (`user.deleted`). */
  zoom_user_deleted: 'disconnected',
  /** … deactivated (`user.deactivated`): it can no longer approve or host anything. */
  zoom_user_deactivated: 'disconnected',
  /** … removed from the Zoom account (`user.disassociated`). */
  zoom_user_disassociated: 'disconnected',
  /** The Zoom user is no longer an admin of its account (webhook or health check). */
  admin_role_lost: 'needs_reconnect',
  /** Zoom rejects the tokens even after a refresh (refresh token dead, grant revoked elsewhere). */
  token_rejected: 'needs_reconnect',
  /** A call needed a scope the grant does not have. */
  scope_missing: 'needs_reconnect',
} as const;

export type OrgLossReason = keyof typeof ORG_LOSS_REASONS;
export type OrgStatusAfterLoss = (typeof ORG_LOSS_REASONS)[OrgLossReason];

export function isOrgLossReason(value: unknown): value is OrgLossReason {
  return typeof value === 'string' && Object.hasOwn(ORG_LOSS_REASONS, value);
}

export function statusAfterLoss(reason: OrgLossReason): OrgStatusAfterLoss {
  return ORG_LOSS_REASONS[reason];
}

/**
 * Free-form reasons stored before the fixed set existed (round 1 wrote Zoom error codes and
 * event names), read as the reason they meant. The data migration rewrites stored documents with
 * this; readers use it so an unmigrated document still reads right.
 */
const LEGACY_REASONS: Readonly<Record<string, OrgLossReason>> = {
  lost_admin_role: 'admin_role_lost',
  not_admin: 'admin_role_lost',
  invalid_grant: 'token_rejected',
  token_invalid: 'token_rejected',
  needs_reconnect: 'token_rejected',
  missing_scope: 'scope_missing',
  app_deauthorized: 'app_removed',
  user_deleted: 'zoom_user_deleted',
  user_deactivated: 'zoom_user_deactivated',
  user_disassociated: 'zoom_user_disassociated',
  disconnected_by_admin: 'admin_disconnected',
};

export function readOrgLossReason(stored: string | null | undefined): OrgLossReason | null {
  if (stored === null || stored === undefined) return null;
  if (isOrgLossReason(stored)) return stored;
  return LEGACY_REASONS[stored] ?? null;
}
