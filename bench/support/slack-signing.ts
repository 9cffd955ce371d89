/**
 * Slack request signing as Slack does it (DESIGN §2.5): `v0=` + hex HMAC-SHA256 of
 * `v0:{timestamp}:{rawBody}` with the signing secret. The load generator signs every request at the
 * moment it is sent, so Bolt's 5-minute freshness check holds for runs of any length.
 */
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestampSec: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${rawBody}`).digest('hex')}`;
}

export function signedHeaders(
  secret: string,
  rawBody: string,
  nowMs: number = Date.now(),
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, rawBody),
  };
}

export interface SlashCommand {
  teamId: string;
  teamDomain?: string;
  userId: string;
  userName?: string;
  channelId?: string;
  command: string;
  text?: string;
  responseUrl: string;
  triggerId: string;
  appId?: string;
}

/** The form body Slack posts for a slash command (same fields as the Slack stand-in sends). */
export function slashCommandBody(input: SlashCommand): string {
  return new URLSearchParams({
    token: 'bench-verification-token',
    team_id: input.teamId,
    team_domain: input.teamDomain ?? 'bench',
    channel_id: input.channelId ?? 'C_GENERAL',
    channel_name: 'general',
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command,
    text: input.text ?? '',
    api_app_id: input.appId ?? 'A_ZOOMAPP',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  }).toString();
}
