/**
 * Which Zoom account serves a member (DESIGN §3.1). Pure: the caller reads the member's personal
 * connection, the workspace's organization connection and the settings, and this decides.
 */

export type PersonalConnectionStatus = 'active' | 'needs_reconnect';
export type OrgConnectionStatus = 'active' | 'needs_reconnect' | 'disconnected';

export interface PrecedenceInput {
  personal?: { status: PersonalConnectionStatus } | null | undefined;
  org?: { status: OrgConnectionStatus } | null | undefined;
  /** The member's own flag; it only counts while the workspace allows opting out. */
  optedOut: boolean;
  allowUserOptOut: boolean;
}

export type ActiveSource = 'personal' | 'org' | 'none';

export type PrecedenceReason =
  /** The personal connection works: it always wins. */
  | 'personal_active'
  /** The organization connection serves the member. */
  | 'org_active'
  /** The organization connection serves the member because the personal one is broken. */
  | 'personal_needs_reconnect_org_serves'
  /** None: the personal connection is broken and nothing else serves. */
  | 'personal_needs_reconnect'
  | 'opted_out'
  | 'no_org_connection'
  | 'org_needs_reconnect'
  | 'org_disconnected';

export interface Precedence {
  active: ActiveSource;
  reason: PrecedenceReason;
  /** With a working personal connection, the organization connection that would take over. */
  backup: 'org' | null;
  /** True whenever the member has a personal connection that must be reconnected. */
  personalNeedsReconnect: boolean;
}

/** An opt-out only counts while the workspace allows users to disconnect. */
export function effectiveOptOut(input: Pick<PrecedenceInput, 'optedOut' | 'allowUserOptOut'>): boolean {
  return input.optedOut && input.allowUserOptOut;
}

export function resolvePrecedence(input: PrecedenceInput): Precedence {
  const personal = input.personal ?? null;
  const org = input.org ?? null;
  const optedOut = effectiveOptOut(input);
  const orgServes = org?.status === 'active' && !optedOut;
  const personalNeedsReconnect = personal?.status === 'needs_reconnect';

  if (personal?.status === 'active') {
    return {
      active: 'personal',
      reason: 'personal_active',
      backup: orgServes ? 'org' : null,
      personalNeedsReconnect,
    };
  }
  if (orgServes) {
    return {
      active: 'org',
      reason: personalNeedsReconnect ? 'personal_needs_reconnect_org_serves' : 'org_active',
      backup: null,
      personalNeedsReconnect,
    };
  }
  return {
    active: 'none',
    reason: noneReason(personalNeedsReconnect, optedOut, org),
    backup: null,
    personalNeedsReconnect,
  };
}

function noneReason(
  personalNeedsReconnect: boolean,
  optedOut: boolean,
  org: { status: OrgConnectionStatus } | null,
): PrecedenceReason {
  // The member's own broken connection is the fix within their reach, so it is named first.
  if (personalNeedsReconnect) return 'personal_needs_reconnect';
  if (org?.status === 'active' && optedOut) return 'opted_out';
  if (org === null) return 'no_org_connection';
  if (org.status === 'needs_reconnect') return 'org_needs_reconnect';
  return 'org_disconnected';
}

/** What the member can do about having no active account (null when an account is active). */
export type StatusHint =
  | 'reconnect_personal'
  | 'opt_back_in'
  | 'connect_personal_or_ask_admin'
  | 'ask_admin_to_reconnect'
  | null;

export function hintFor(precedence: Precedence): StatusHint {
  if (precedence.active !== 'none') return precedence.personalNeedsReconnect ? 'reconnect_personal' : null;
  switch (precedence.reason) {
    case 'personal_needs_reconnect':
      return 'reconnect_personal';
    case 'opted_out':
      return 'opt_back_in';
    case 'org_needs_reconnect':
      return 'ask_admin_to_reconnect';
    default:
      return 'connect_personal_or_ask_admin';
  }
}
