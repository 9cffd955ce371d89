/**
 * The Web API client for a workspace. Single workspace / Socket Mode: one client with the bot
 * token. Multi-workspace: the bot token of the workspace's installation (or of its enterprise's
 * org-wide install), cached briefly. Handlers get clients from here, never build their own.
 */

import type { InstallationStore } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { SlackConfig } from '../config.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { toSlackLogger } from './bolt-logger.js';

export interface SlackClients {
  forWorkspace(workspaceId: string, enterpriseId?: string): Promise<WebClient>;
  forget(workspaceId: string): void;
}

const CACHE_MS = 5 * 60_000;

export function createSlackClients(deps: {
  slack: SlackConfig;
  logger: Logger;
  installationStore?: InstallationStore;
  clock?: () => number;
}): SlackClients {
  const clock = deps.clock ?? Date.now;
  const options = {
    slackApiUrl: deps.slack.apiUrl,
    logger: toSlackLogger(deps.logger),
    // Honour Slack's 429 Retry-After a few times, then let the caller report the failure.
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    rejectRateLimitedCalls: false,
  };
  if (deps.slack.mode !== 'multi') {
    const client = new WebClient(deps.slack.botToken, options);
    // One bot token serves exactly one workspace: never use it on another team's behalf (its
    // users.list would be filed under the wrong workspace).
    let team: Promise<string | undefined> | undefined;
    const tokenTeam = () => {
      team ??= client.auth.test().then(
        (result) => (typeof result.team_id === 'string' ? result.team_id : undefined),
        (error: unknown) => {
          team = undefined;
          throw error;
        },
      );
      return team;
    };
    return {
      async forWorkspace(workspaceId) {
        const teamId = await tokenTeam();
        if (teamId !== undefined && teamId !== workspaceId) {
          throw new AppError('wrong_workspace', 'This app is not installed in that workspace.', {
            workspaceId,
          });
        }
        return client;
      },
      forget: () => undefined,
    };
  }
  const store = deps.installationStore;
  if (!store) throw new Error('multi-workspace mode needs an installation store');
  const cache = new Map<string, { client: WebClient; until: number }>();
  return {
    async forWorkspace(workspaceId, enterpriseId) {
      const hit = cache.get(workspaceId);
      if (hit && hit.until > clock()) return hit.client;
      const installation = await store
        .fetchInstallation({ teamId: workspaceId, enterpriseId, isEnterpriseInstall: false })
        .catch(async (error: unknown) => {
          if (!enterpriseId) throw error;
          return store.fetchInstallation({ teamId: undefined, enterpriseId, isEnterpriseInstall: true });
        });
      const token = installation.bot?.token;
      if (!token) throw new Error('The installation has no bot token');
      const client = new WebClient(token, options);
      cache.set(workspaceId, { client, until: clock() + CACHE_MS });
      return client;
    },
    forget(workspaceId) {
      cache.delete(workspaceId);
    },
  };
}
