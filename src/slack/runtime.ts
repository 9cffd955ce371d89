/**
 * What every listener receives (dependencies passed in from app.ts), and the two things every
 * listener does: find out who is acting (admin? which language?) and turn a failure into a clear
 * message. Errors carry stable codes; this is the one place they become words.
 */
import type { AfterAckQueue } from '../after-ack.js';
import { isAppError } from '../errors.js';
import { createTranslator, type Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { MemberView } from '../services/directory.js';
import type { Services } from '../services/index.js';
import type { MessageView } from './blockkit/types.js';
import type { SlackClients } from './clients.js';
import type { HomePublisher } from './home.js';
import type { SlackNotifier } from './notifier.js';
import type { ResponseUrlClient } from './response-url.js';
import { errorMessage, isErrorCode } from './views/index.js';
import type { WorkspaceRegistry } from './workspaces.js';

export interface SlackAppDeps {
  services: Services;
  clients: SlackClients;
  notifier: SlackNotifier;
  home: HomePublisher;
  workspaces: WorkspaceRegistry;
  logger: Logger;
  metrics?: Metrics | undefined;
  /** False while the database is unreachable: commands answer "temporarily unavailable" at once. */
  isDatabaseUp(): boolean;
  /** Where all work after an ack runs (bounded, measured, drained on shutdown: src/after-ack.ts). */
  afterAck: AfterAckQueue;
  /** Posts command replies to their response_url. */
  responseUrls: ResponseUrlClient;
}

export interface Actor {
  workspaceId: string;
  userId: string;
  isAdmin: boolean;
  email: string | null;
  /** The member's directory entry as read for this request (null: not in the directory yet). */
  member: MemberView | null;
  t: Translator;
}

export async function resolveActor(
  deps: Pick<SlackAppDeps, 'services' | 'workspaces'>,
  workspaceId: string,
  userId: string,
): Promise<Actor> {
  await deps.workspaces.ensureKnown(workspaceId);
  // Refreshes the member from users.info when its cached admin flags are older than 5 minutes.
  const { isAdmin, member } = await deps.services.directory.actor(workspaceId, userId);
  return {
    workspaceId,
    userId,
    isAdmin,
    email: member?.email ?? null,
    member,
    t: createTranslator(member?.locale),
  };
}

/** The stable code of any failure; the Slack layer's own codes come from Slack Web API errors. */
export function errorCodeOf(error: unknown): string {
  if (isAppError(error)) {
    // The core's ZoomError "not_admin" is about the Zoom role, not the Slack one.
    if (error.name === 'ZoomError' && error.code === 'not_admin') return 'zoom_not_admin';
    return error.code;
  }
  const slackError = (error as { data?: { error?: unknown } } | null)?.data?.error;
  if (slackError === 'expired_trigger_id' || slackError === 'exchanged_trigger_id') return 'expired_trigger';
  if (typeof slackError === 'string') return 'slack_error';
  return 'internal';
}

export function userMessageFor(error: unknown, t: Translator): MessageView {
  const code = errorCodeOf(error);
  return errorMessage(isErrorCode(code) ? code : 'internal', t);
}

/** Log what the user was not shown: expected refusals at debug, the rest as errors. */
export function logFailure(logger: Logger, error: unknown, context: Record<string, unknown>): void {
  const code = errorCodeOf(error);
  if (code === 'internal' || code === 'slack_error')
    logger.error({ err: error, ...context }, 'Slack handler failed');
  else logger.info({ code, ...context }, 'Slack action refused');
}
