/**
 * Maps Zoom HTTP answers to `ZoomError` codes (DESIGN §2.4), in one place so the OAuth client,
 * the API client and their tests agree on it.
 */
import { z } from 'zod';
import { ZoomError } from './contracts.js';
import { parseJsonText } from './http.js';

const apiErrorBody = z.object({ code: z.number().optional(), message: z.string().optional() }).loose();
const oauthErrorBody = z.object({ error: z.string().optional(), reason: z.string().optional() }).loose();

/** An error answer from the REST API (`{code, message}`). */
export function mapApiError(status: number, bodyText: string, endpoint: string): ZoomError {
  const parsed = apiErrorBody.safeParse(parseJsonText(bodyText));
  const zoomCode = parsed.success ? parsed.data.code : undefined;
  const zoomMessage = parsed.success && parsed.data.message ? parsed.data.message : `HTTP ${status}`;
  const details = { status, endpoint, ...(zoomCode === undefined ? {} : { zoomCode }) };
  const message = `Zoom ${endpoint}: ${zoomMessage}`;
  // 4711: the app's grant lacks the scope. 4700: the user behind the token lacks the privilege
  // ("…does not contain scopes. The user is not authorized"): a demoted or never-admin user.
  if (zoomCode === 4711) return new ZoomError('missing_scope', message, details);
  if (zoomCode === 4700) return new ZoomError('not_admin', message, details);
  if (status === 401 || zoomCode === 124) return new ZoomError('token_invalid', message, details);
  // 3001 "Meeting does not exist" (deleted, or another account's, which the caller cannot see).
  if (zoomCode === 3001) return new ZoomError('meeting_not_found', message, details);
  if (status === 404 || zoomCode === 1001) return new ZoomError('user_not_found', message, details);
  if (status === 429) return new ZoomError('rate_limited', message, details);
  if (status >= 500) return new ZoomError('server_error', message, details);
  return new ZoomError('bad_response', message, details);
}

/** An error answer from `/oauth/token` or `/oauth/revoke` (`{reason, error}`). */
export function mapOAuthError(status: number, bodyText: string, endpoint: string): ZoomError {
  const parsed = oauthErrorBody.safeParse(parseJsonText(bodyText));
  const error = parsed.success ? parsed.data.error : undefined;
  const reason = parsed.success && parsed.data.reason ? parsed.data.reason : `HTTP ${status}`;
  const details = { status, endpoint };
  const message = `Zoom ${endpoint}: ${reason}${error ? ` (${error})` : ''}`;
  if (status === 429) return new ZoomError('rate_limited', message, details);
  if (status >= 500) return new ZoomError('server_error', message, details);
  // A bad/used/expired code comes back as invalid_request; a dead refresh token as invalid_grant.
  if (error === 'invalid_grant' || (status === 400 && error === 'invalid_request')) {
    return new ZoomError('invalid_grant', message, details);
  }
  // invalid_client and unsupported_grant_type are configuration problems: no retry will help.
  return new ZoomError('bad_response', message, details);
}
