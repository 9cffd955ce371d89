import { AppError } from '../errors.js';

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
  | 'meeting_not_found' // 404 / code 3001 (gone, or another account's)
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
  /** The user's company as their Zoom profile states it (how an account is named to people). */
  company?: string | undefined;
}

/** One page of `GET /users` (admin-level: the users of the token's Zoom account). */
export interface ZoomUserPage {
  users: Array<{ id: string; email: string; status: string }>;
  nextPageToken: string | null;
  totalRecords: number;
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

/** A failure talking to Zoom, with a stable code. `details` never holds a token. */
export class ZoomError extends AppError<ZoomErrorCode> {
  constructor(
    code: ZoomErrorCode,
    message: string,
    details: { status?: number; zoomCode?: number; endpoint?: string; email?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }
}

/**
 * A credential as stored in MongoDB: both tokens encrypted by src/crypto (the ciphertext string
 * carries its key id). Embedded as the `credential` field of org_connections and
 * personal_connections documents.
 */
export interface StoredCredential {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scope: string;
  apiUrl?: string | undefined;
}

/**
 * Where one credential lives. The core implements it for its connection documents (every filter
 * carries the workspace key); the Zoom layer uses it for single-flight refresh (DESIGN §3.5).
 */
export interface CredentialStore {
  /** The credential as stored now, or null when the connection is gone or no longer usable. */
  read(): Promise<StoredCredential | null>;
  /** One atomic update: take the refresh lease if free or expired. Returns the credential as stored when claimed, null when someone else holds it. */
  claimRefreshLease(holder: string, until: Date): Promise<StoredCredential | null>;
  /** One atomic update: store both new tokens and drop the lease, only while `holder` still holds it. */
  saveRefreshed(holder: string, next: StoredCredential): Promise<boolean>;
  releaseRefreshLease(holder: string): Promise<void>;
}

/** The record a credential's sealed tokens are bound to (src/crypto's SealContext without the field). */
export interface SealSubject {
  collection: string;
  workspace: string;
  subject: string;
}

export interface CredentialRef {
  app: ZoomAppKind;
  store: CredentialStore;
  /** Both tokens are sealed for this record (`accessToken` / `refreshToken` fields). */
  seal: SealSubject;
}

export type AuthorizationResult =
  /**
   * `accountEmails`: org app only, the (lower-cased) emails of the active users of the approving
   * Zoom account, read with the new grant — the admin-scope call that proves the approver an admin.
   */
  | { ok: true; tokens: ZoomTokenSet; user: ZoomUser; accountEmails?: string[] | undefined }
  /** Org app only: the Zoom user is not an active Owner/Admin. Nothing stored, token already revoked. */
  | { ok: false; reason: 'not_admin'; email: string; roleName: string; status: string };

/** Everything the core needs from Zoom. Implemented by `createZoomGateway` in src/zoom/index.ts. */
export interface ZoomGateway {
  authorizeUrl(app: ZoomAppKind, params: { state: string; codeChallenge: string }): string;
  /** Exchange the code (with the PKCE verifier), then GET /users/me; for the org app, verify the admin role. */
  completeAuthorization(
    app: ZoomAppKind,
    params: { code: string; codeVerifier: string },
  ): Promise<AuthorizationResult>;
  /** Encrypt a token set for storage, bound to the record that will hold it. */
  seal(tokens: ZoomTokenSet, subject: SealSubject): StoredCredential;
  /** Revoke at Zoom; best effort (an already-dead token is not an error). */
  revoke(app: ZoomAppKind, credential: StoredCredential, subject: SealSubject): Promise<void>;
  /** The calls below get a valid access token from `ref` (refreshing single-flight when near expiry; on 401/124 one refresh and one retry, then ZoomError 'needs_reconnect'). */
  getMe(ref: CredentialRef): Promise<ZoomUser>;
  getUser(ref: CredentialRef, idOrEmail: string): Promise<ZoomUser>;
  /** Every active user's email in the grant's Zoom account (admin scope; paged `GET /users`). */
  listAccountEmails(ref: CredentialRef): Promise<string[]>;
  /**
   * Whether the Zoom user behind the grant can act as an admin now: one admin-scope call (a
   * one-user page of `GET /users`) succeeds. Not a role name: custom admin roles pass.
   */
  isAdmin(ref: CredentialRef): Promise<boolean>;
  createMeeting(ref: CredentialRef, userIdOrEmail: string, input: CreateMeetingInput): Promise<ZoomMeeting>;
  /**
   * `DELETE /meetings/{id}` (its host with the user-level scope, anyone else of the account with
   * the admin scope). A meeting already gone is ZoomError 'meeting_not_found'.
   */
  deleteMeeting(ref: CredentialRef, meetingId: string): Promise<void>;
}
