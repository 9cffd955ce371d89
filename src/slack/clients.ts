/**
 * The Web API client for a workspace. Single workspace / Socket Mode: one client with the bot
 * token. Multi-workspace: the bot token of the workspace's own installation or, on Enterprise
 * Grid, of its enterprise's org-wide installation, cached briefly. Handlers get clients from here,
 * never build their own.
 *
 * Grid: an org-wide installation is stored under its enterprise (Bolt's InstallationStore keys it
 * so), and nothing in it names the workspaces it covers. Every request from a Grid workspace says
 * its enterprise (Bolt's `context.enterpriseId`): the listeners note it here, the workspace registry
 * stores it with the workspace, and `enterpriseOf` reads it back for work no request started
 * (jobs, Zoom webhooks, DMs after the answer).
 */

import type { Installation } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { SlackConfig } from '../config.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { toSlackLogger } from './bolt-logger.js';

export interface SlackClients {
  /** The client that acts in `workspaceId`; `enterpriseId` when the caller knows it (Grid). */
  forWorkspace(workspaceId: string, enterpriseId?: string): Promise<WebClient>;
  /** A request from `workspaceId` said it belongs to `enterpriseId` (Grid). */
  noteEnterprise(workspaceId: string, enterpriseId: string): void;
  /** The enterprise of a Grid workspace: as a request said, else as stored; undefined outside Grid. */
  enterpriseOf(workspaceId: string): Promise<string | undefined>;
  forget(workspaceId: string): void;
}

/** What the clients need of the installation store (src/slack/installation-store.ts). */
export interface WorkspaceInstallations {
  /** The workspace's own installation, else its enterprise's org-wide one; throws when neither. */
  fetchForWorkspace(workspaceId: string, enterpriseId: string | undefined): Promise<Installation>;
}

const CACHE_MS = 5 * 60_000;

export function createSlackClients(deps: {
  slack: SlackConfig;
  logger: Logger;
  installationStore?: WorkspaceInstallations;
  /** The enterprise stored with a workspace (the workspaces collection); absent: only what requests said. */
  storedEnterpriseOf?: (workspaceId: string) => Promise<string | undefined>;
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
  const noted = new Map<string, string>();
  const enterpriseOf = async (workspaceId: string) =>
    noted.get(workspaceId) ?? (await deps.storedEnterpriseOf?.(workspaceId));
  const noteEnterprise = (workspaceId: string, enterpriseId: string) => {
    noted.set(workspaceId, enterpriseId);
  };

  if (deps.slack.mode !== 'multi') {
    return singleTokenClients(new WebClient(deps.slack.botToken, options), { noteEnterprise, enterpriseOf });
  }
  const store = deps.installationStore;
  if (!store) throw new Error('multi-workspace mode needs an installation store');
  const cache = new Map<string, { client: WebClient; until: number }>();
  return {
    async forWorkspace(workspaceId, enterpriseId) {
      if (enterpriseId !== undefined) noteEnterprise(workspaceId, enterpriseId);
      const hit = cache.get(workspaceId);
      if (hit && hit.until > clock()) return hit.client;
      const installation = await store.fetchForWorkspace(
        workspaceId,
        enterpriseId ?? (await enterpriseOf(workspaceId)),
      );
      const token = installation.bot?.token;
      if (!token) throw new Error('The installation has no bot token');
      const client = new WebClient(token, options);
      cache.set(workspaceId, { client, until: clock() + CACHE_MS });
      return client;
    },
    noteEnterprise,
    enterpriseOf,
    forget(workspaceId) {
      cache.delete(workspaceId);
    },
  };
}

/**
 * One bot token serves the workspace it was issued in, or (an org-wide token) the workspaces of its
 * enterprise the app was added to (`auth.teams.list`). It is never used on another team's behalf:
 * its users.list would be filed under the wrong workspace.
 */
function singleTokenClients(
  client: WebClient,
  grid: Pick<SlackClients, 'noteEnterprise' | 'enterpriseOf'>,
): SlackClients {
  let scope: Promise<{ teamId: string | undefined; orgWide: boolean }> | undefined;
  let covered: Promise<Map<string, string>> | undefined;
  const tokenScope = () => {
    scope ??= client.auth.test().then(
      (result) => ({
        teamId: typeof result.team_id === 'string' ? result.team_id : undefined,
        orgWide: result.is_enterprise_install === true,
      }),
      (error: unknown) => {
        scope = undefined;
        throw error;
      },
    );
    return scope;
  };
  const teams = () => {
    covered ??= coveredTeams(client).catch((error: unknown) => {
      covered = undefined;
      throw error;
    });
    return covered;
  };
  const refuse = (workspaceId: string) =>
    new AppError('wrong_workspace', 'This app is not installed in that workspace.', { workspaceId });
  return {
    async forWorkspace(workspaceId) {
      const { teamId, orgWide } = await tokenScope();
      if (orgWide) {
        if ((await teams()).has(workspaceId)) return client;
        // The app may have been added to a workspace since: read the list again once.
        covered = undefined;
        if ((await teams()).has(workspaceId)) return client;
        throw refuse(workspaceId);
      }
      if (teamId !== undefined && teamId !== workspaceId) throw refuse(workspaceId);
      return client;
    },
    ...grid,
    forget: () => undefined,
  };
}

const teamsPage = z.object({
  teams: z.array(z.object({ id: z.string(), name: z.string().default('') }).loose()).default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).loose().optional(),
});

/** The workspaces (id → name) an org-wide token was added to: `auth.teams.list`, every page. */
export async function coveredTeams(client: WebClient): Promise<Map<string, string>> {
  const teams = new Map<string, string>();
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const result = teamsPage.parse(
      await client.auth.teams.list({ limit: 1000, ...(cursor ? { cursor } : {}) }),
    );
    for (const team of result.teams) teams.set(team.id, team.name);
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return teams;
}
