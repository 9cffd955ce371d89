/**
 * api.test, auth.test, auth.teams.list and oauth.v2.access. An org-wide installation answers as
 * Slack's do: auth.test names the enterprise (`team_id` is the E… id, `is_enterprise_install:
 * true`), and its OAuth exchange has `team: null`, the `enterprise` and `is_enterprise_install`.
 */
import { SlackApiError } from '../api-error.js';
import type { JsonObject } from '../workspace.js';
import { OAUTH_CODE_TTL_MS } from '../workspace.js';
import type { MethodDeps, MethodSpec } from './support.js';
import { callerTeams, needCaller, str } from './support.js';

function exchangeCode(deps: MethodDeps, args: Record<string, unknown>) {
  const clientId = str(args, 'client_id');
  const clientSecret = str(args, 'client_secret');
  if (clientId === undefined) throw new SlackApiError('invalid_client_id', 'client_id is required');
  if (deps.clientId !== undefined && clientId !== deps.clientId) throw new SlackApiError('invalid_client_id');
  if (deps.clientSecret !== undefined && clientSecret !== deps.clientSecret)
    throw new SlackApiError('bad_client_secret');
  const grant = str(args, 'grant_type') ?? 'authorization_code';
  if (grant !== 'authorization_code') throw new SlackApiError('invalid_grant_type', grant);
  const codeArg = str(args, 'code');
  const code = codeArg === undefined ? undefined : deps.workspace.oauthCode(codeArg);
  if (!code || code.used)
    throw new SlackApiError('invalid_code', code?.used ? 'code already used' : 'unknown code');
  if (deps.workspace.now() - code.issuedAt > OAUTH_CODE_TTL_MS)
    throw new SlackApiError('invalid_code', 'code expired');
  const redirectUri = str(args, 'redirect_uri');
  if (code.redirectUri !== undefined && redirectUri !== undefined && redirectUri !== code.redirectUri) {
    throw new SlackApiError('bad_redirect_uri', redirectUri);
  }
  code.used = true;
  return code;
}

export const AUTH_METHODS: Record<string, MethodSpec> = {
  'api.test': {
    scope: null,
    auth: false,
    run: (_deps, _caller, args) => ({
      args: Object.fromEntries(Object.entries(args).filter(([k]) => k !== 'token')),
    }),
  },

  'auth.test': {
    scope: null,
    auth: true,
    run(_deps, maybeCaller) {
      const caller = needCaller(maybeCaller);
      if (caller.kind === 'org') {
        const { enterprise, install } = caller;
        return {
          url: `https://${enterprise.domain}.enterprise.slack.com/`,
          team: enterprise.name,
          user: install.botName,
          team_id: enterprise.id,
          user_id: install.botUserId,
          bot_id: install.botId,
          enterprise_id: enterprise.id,
          is_enterprise_install: true,
        };
      }
      const { team } = caller;
      const body: JsonObject = {
        url: `https://${team.domain}.slack.com/`,
        team: team.name,
        user: team.botName,
        team_id: team.id,
        user_id: team.botUserId,
        bot_id: team.botId,
        is_enterprise_install: false,
      };
      if (team.enterpriseId !== undefined) body.enterprise_id = team.enterpriseId;
      return body;
    },
  },

  /** "Obtain a full list of workspaces your org-wide app has been approved for." */
  'auth.teams.list': {
    scope: null,
    auth: true,
    run(_deps, maybeCaller) {
      const caller = needCaller(maybeCaller);
      return {
        teams: callerTeams(caller).map((t) => ({ id: t.id, name: t.name, icon: { image_default: true } })),
        response_metadata: { next_cursor: '' },
      };
    },
  },

  'oauth.v2.access': {
    scope: null,
    auth: false,
    run(deps, _caller, args) {
      const code = exchangeCode(deps, args);
      const base = { app_id: deps.workspace.appId, authed_user: { id: code.userId }, token_type: 'bot' };
      if (code.enterpriseId !== undefined) {
        const enterprise = deps.workspace.enterprise(code.enterpriseId);
        const install = deps.workspace.installOrg(code.enterpriseId);
        deps.recorder.activity(
          'app_installed',
          code.teamId,
          code.userId,
          `deployed to ${enterprise?.name ?? code.enterpriseId} by ${code.userId}`,
        );
        return {
          ...base,
          scope: install.scopes.join(','),
          access_token: install.botToken,
          bot_user_id: install.botUserId,
          team: null,
          enterprise: { id: code.enterpriseId, name: enterprise?.name ?? '' },
          is_enterprise_install: true,
        };
      }
      const existing = deps.workspace.team(code.teamId);
      if (existing?.orgWide) {
        throw new SlackApiError(
          'cannot_install_an_org_installed_app',
          `${code.teamId} is covered by an org-wide install`,
        );
      }
      const team = deps.workspace.install(code.teamId);
      deps.recorder.activity('app_installed', team.id, code.userId, `installed by ${code.userId}`);
      return {
        ...base,
        scope: team.scopes.join(','),
        access_token: team.botToken,
        bot_user_id: team.botUserId,
        team: { id: team.id, name: team.name },
        enterprise:
          team.enterpriseId === undefined ? null : { id: team.enterpriseId, name: team.enterpriseName ?? '' },
        is_enterprise_install: false,
      };
    },
  },
};
