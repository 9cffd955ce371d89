import { AppError } from '../errors.js';

/** Stable codes of everything a service refuses or fails to do. Surfaces map them to messages. */
export type ServiceErrorCode =
  | 'invalid_input'
  | 'not_admin'
  | 'not_allowed'
  | 'deleted_user'
  | 'request_not_found'
  | 'request_expired'
  | 'request_not_pending'
  | 'request_busy'
  | 'state_invalid'
  | 'authorization_denied'
  | 'no_active_account'
  | 'no_email'
  | 'zoom_user_not_found'
  | 'needs_reconnect'
  | 'not_connected'
  | 'zoom_failed';

export class ServiceError extends AppError<ServiceErrorCode> {}

export function isServiceError(value: unknown, code?: ServiceErrorCode): value is ServiceError {
  return value instanceof ServiceError && (code === undefined || value.code === code);
}
