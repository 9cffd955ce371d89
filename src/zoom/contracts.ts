/**
 * The contract between the Zoom layer (src/zoom, src/crypto) and the core services (src/services).
 * Both sides code against these types; keep them small and stable.
 */

/** Which Zoom app: the admin-managed "org" app or the user-managed "user" app (DESIGN §2.3). */
export type ZoomAppKind = 'org' | 'user';

/** Stable error codes for everything that can go wrong talking to Zoom (DESIGN §2.4). */
export type ZoomErrorCode =
  | 'invalid_grant' // refresh token or code rejected (HTTP 400 invalid_grant)
  | 'token_invalid' // 401 / code 124 after one refresh attempt
  | 'missing_scope' // code 4711
  | 'rate_limited' // 429 after bounded retries
  | 'user_not_found' // 404 / code 1001
  | 'server_error' // 5xx after bounded retries
  | 'network' // connection refused, timeout
  | 'bad_response' // a body that does not parse
  | 'not_admin' // admin verification failed (role or status)
  | 'needs_reconnect'; // the stored credential is dead: a person must authorize again

/** A token set as Zoom returns it, in plain text. Lives only in memory. */
export interface ZoomTokenSet {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scope: string;
  /** `api_url` from the token response, when Zoom gives one; API calls go there. */
  apiUrl?: string | undefined;
}

/** `GET /users/me` or `/users/{id|email}`, normalised. */
export interface ZoomUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  type: number;
  roleName: string;
  accountId: string;
  status: 'active' | 'inactive' | 'pending';
  timezone?: string | undefined;
}

export interface CreateMeetingInput {
  topic: string;
  /** ISO 8601; absent = instant meeting (type 1). */
  startTime?: string | undefined;
  durationMinutes?: number | undefined;
  timezone?: string | undefined;
  autoStartMeetingSummary?: boolean | undefined;
}

export interface ZoomMeeting {
  id: string;
  uuid: string;
  hostId: string;
  hostEmail: string;
  topic: string;
  type: number;
  startTime?: string | undefined;
  durationMinutes: number;
  timezone?: string | undefined;
  joinUrl: string;
  startUrl: string;
  password?: string | undefined;
  autoStartMeetingSummary: boolean;
}
