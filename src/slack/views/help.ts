/** `help` replies for the five commands and the one place error codes become user messages. */

import type { MessageKey, Translator } from '../../i18n/index.js';
import type { KnownBlock, MessageView } from '../blockkit/types.js';
import { context, section } from './blocks.js';

export const COMMANDS = [
  '/zoom-connect',
  '/zoom-status',
  '/zoom-settings',
  '/zoom-disconnect',
  '/zoom-meet',
] as const;
export type SlashCommand = (typeof COMMANDS)[number];

const HELP: Record<SlashCommand, MessageKey> = {
  '/zoom-connect': 'help.connect',
  '/zoom-status': 'help.status',
  '/zoom-settings': 'help.settings',
  '/zoom-disconnect': 'help.disconnect',
  '/zoom-meet': 'help.meet',
};

export function isSlashCommand(value: string): value is SlashCommand {
  return (COMMANDS as readonly string[]).includes(value);
}

/** `/zoom-x help` (ephemeral). Accepts the command with or without the slash. */
export function helpMessage(command: string, t: Translator): MessageView {
  const normalized = command.startsWith('/') ? command : `/${command}`;
  const key = isSlashCommand(normalized) ? HELP[normalized] : 'help.overview';
  const blocks: KnownBlock[] = [section(t(key))];
  if (key !== 'help.overview') blocks.push(context(t('help.overview')));
  return { response_type: 'ephemeral', text: t(key), blocks };
}

/**
 * Every stable error code the Slack surface may have to explain: ServiceError codes of the core,
 * ZoomError codes (src/zoom/contracts.ts) and a few of the Slack layer's own. Note: the core's
 * `not_admin` means "not a Slack admin"; a Zoom user lacking the admin role is `zoom_not_admin`.
 */
export const ERROR_CODES = [
  'not_admin',
  'not_allowed',
  'deleted_user',
  'request_busy',
  'wrong_link_kind',
  'authorization_denied',
  'no_email',
  'not_connected',
  'zoom_failed',
  'request_not_found',
  'request_expired',
  'request_not_pending',
  'state_invalid',
  'no_active_account',
  'zoom_user_not_found',
  'needs_reconnect',
  'zoom_not_admin',
  'invalid_grant',
  'token_invalid',
  'missing_scope',
  'rate_limited',
  'user_not_found',
  'meeting_not_found',
  'server_error',
  'network',
  'bad_response',
  'org_not_connected',
  'personal_not_connected',
  'invalid_input',
  'slack_error',
  'expired_trigger',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** The catalog key for a code; unknown codes fall back to the generic `internal` message. */
export function errorKey(code: string): MessageKey {
  return `error.${isErrorCode(code) ? code : 'internal'}`;
}

/** An ephemeral reply for an error code (never shows the code's internal message or details). */
export function errorMessage(code: string, t: Translator): MessageView {
  const text = t(errorKey(code));
  return { response_type: 'ephemeral', text, blocks: [section(`:warning: ${text}`)] };
}
