/**
 * The HTTP face of the Web API: `POST|GET <base>/api/<method>`, the `response_url` endpoint that
 * Bolt's respond() posts to, and the OAuth v2 authorize page of the install flow. Parses bodies
 * like Slack (form or JSON, token in `Authorization: Bearer` or `token=`), applies injected faults,
 * and records every error it answers with.
 */
import type { IncomingMessage } from 'node:http';
import type { Request, Response, Router } from 'express';
import express from 'express';
import type pino from 'pino';
import { SlackApiError } from './api-error.js';
import type { Faults } from './faults.js';
import { BodyError, contentKind, parseArgs, parseMultipart, readRawBody } from './http-body.js';
import type { Args, MethodDeps } from './methods/index.js';
import { checkMessageContent, METHODS } from './methods/index.js';
import type { Recorder } from './recorder.js';
import type { Caller, JsonObject, Workspace } from './workspace.js';
import { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS } from './workspace.js';

export interface WebApiDeps {
  workspace: Workspace;
  recorder: Recorder;
  faults: Faults;
  logger: pino.Logger;
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** Where the authorize page sends the browser when the request names no redirect_uri. */
  redirectUri: string | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const at = decoded.indexOf(':');
  if (at < 0) return undefined;
  return { id: decoded.slice(0, at), secret: decoded.slice(at + 1) };
}

function queryArgs(req: Request): Args {
  const url = new URL(req.originalUrl, 'http://stand-in');
  return Object.fromEntries(url.searchParams);
}

export function createWebApiRouter(deps: WebApiDeps): Router {
  const router = express.Router();
  const methodDeps: MethodDeps = {
    workspace: deps.workspace,
    recorder: deps.recorder,
    clientId: deps.clientId,
    clientSecret: deps.clientSecret,
  };

  const send = (res: Response, body: JsonObject, headers: Record<string, string> = {}, status = 200) => {
    res
      .status(status)
      .set({ 'content-type': 'application/json; charset=utf-8', ...headers })
      .send(JSON.stringify(body));
  };

  const fail = (
    res: Response,
    method: string,
    error: SlackApiError,
    team: string | undefined,
    headers = {},
  ) => {
    deps.recorder.error(method, error.error, error.detail, team);
    deps.logger.debug({ method, error: error.error, detail: error.detail }, 'web api error');
    send(res, { ok: false, error: error.error, ...error.extra }, headers);
  };

  const authenticate = (token: string | undefined): Caller => {
    if (token === undefined) throw new SlackApiError('not_authed', 'no token');
    const found = deps.workspace.callerByToken(token);
    if (!found) throw new SlackApiError('invalid_auth', 'unknown token');
    if ('revoked' in found) throw new SlackApiError('token_revoked', `token of ${found.revoked} was revoked`);
    return found;
  };
  /** The team an error is recorded against: the workspace, or an org install's first workspace. */
  const teamOf = (caller: Caller | undefined) =>
    caller === undefined ? undefined : caller.kind === 'team' ? caller.team.id : caller.teams[0]?.id;

  const handle = async (req: Request, res: Response) => {
    const method = String(req.params.method ?? '');
    deps.recorder.begin();
    try {
      const fault = deps.faults.take(method);
      if (fault?.kind === 'delay') await sleep(fault.delayMs);
      if (fault?.kind === 'rate_limit') {
        deps.recorder.error(
          method,
          'ratelimited',
          `injected 429, Retry-After ${fault.retryAfter}`,
          undefined,
        );
        send(res, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter) }, 429);
        return;
      }
      if (fault?.kind === 'server_error') {
        deps.recorder.error(method, 'http_error', `injected ${fault.status}`, undefined);
        send(res, { ok: false, error: 'internal_error' }, {}, fault.status);
        return;
      }
      const kind = contentKind(req.headers['content-type']);
      let args: Args;
      try {
        const raw = req.method === 'POST' ? await readRawBody(req) : '';
        const bodyArgs =
          kind === 'multipart' && raw.trim() !== ''
            ? await parseMultipart(raw, String(req.headers['content-type']))
            : parseArgs(raw, raw.trim() === '' ? 'form' : kind);
        args = { ...queryArgs(req), ...bodyArgs };
      } catch (error) {
        if (error instanceof BodyError) {
          fail(res, method, new SlackApiError(error.error, error.message), undefined);
          return;
        }
        throw error;
      }
      const spec = METHODS[method];
      if (!spec) {
        fail(res, method, new SlackApiError('unknown_method', method, { req_method: method }), undefined);
        return;
      }
      // JSON bodies must carry the token in the Authorization header, as on slack.com.
      const bodyToken = typeof args.token === 'string' && kind !== 'json' ? args.token : undefined;
      const token = bearer(req) ?? bodyToken;
      let caller: Caller | undefined;
      try {
        if (spec.auth) {
          caller = authenticate(token);
        } else {
          const basic = basicCredentials(req);
          if (basic) args = { ...args, client_id: basic.id, client_secret: basic.secret };
        }
      } catch (error) {
        if (error instanceof SlackApiError) {
          fail(res, method, error, undefined);
          return;
        }
        throw error;
      }
      const scopeHeaders: Record<string, string> = caller
        ? { 'x-oauth-scopes': caller.scopes.join(','), 'x-accepted-oauth-scopes': spec.scope ?? '' }
        : {};
      try {
        if (caller && spec.scope !== null && !caller.scopes.includes(spec.scope)) {
          throw new SlackApiError('missing_scope', spec.scope, {
            needed: spec.scope,
            provided: caller.scopes.join(','),
          });
        }
        const result = spec.run(methodDeps, caller, args);
        send(res, { ok: true, ...result }, scopeHeaders);
      } catch (error) {
        if (error instanceof SlackApiError) {
          fail(res, method, error, teamOf(caller), scopeHeaders);
          return;
        }
        throw error;
      }
    } catch (error) {
      deps.logger.error({ err: error, method }, 'web api handler failed');
      deps.recorder.error(
        method,
        'internal_error',
        error instanceof Error ? error.message : String(error),
        undefined,
      );
      if (!res.headersSent) send(res, { ok: false, error: 'internal_error' });
    } finally {
      deps.recorder.end();
    }
  };

  router.post('/api/:method', handle);
  router.get('/api/:method', handle);

  router.post('/response/:id', async (req, res) => {
    deps.recorder.begin();
    try {
      await handleResponseUrl(deps, String(req.params.id), req, res);
    } catch (error) {
      deps.logger.error({ err: error }, 'response_url handler failed');
      if (!res.headersSent) send(res, { ok: false, error: 'internal_error' }, {}, 500);
    } finally {
      deps.recorder.end();
    }
  });

  router.get('/oauth/v2/authorize', (req, res) => {
    const query = queryArgs(req);
    const get = (name: string) => (typeof query[name] === 'string' ? String(query[name]) : undefined);
    const clientId = get('client_id');
    if (deps.clientId !== undefined && clientId !== deps.clientId) {
      res.status(400).type('text/plain').send('invalid_client_id');
      return;
    }
    // `team=E…` (or a workspace an org-wide app covers) is an org admin deploying it org-wide.
    const asked = get('team') ?? deps.workspace.teamIds()[0] ?? '';
    const enterprise = deps.workspace.enterprise(asked);
    const teamId = enterprise?.orgInstall?.teamIds[0] ?? asked;
    const team = deps.workspace.team(teamId);
    if (!team) {
      res.status(400).type('text/plain').send(`unknown team ${asked}`);
      return;
    }
    const orgWide = enterprise?.orgInstall !== undefined || team.orgWide;
    const users = deps.workspace.users(team.id);
    const userId = get('user') ?? users.find((u) => u.isAdmin || u.isOwner)?.id ?? users[0]?.id ?? '';
    const redirectUri = get('redirect_uri') ?? deps.redirectUri;
    if (redirectUri === undefined) {
      res.status(400).type('text/plain').send('bad_redirect_uri: no redirect_uri given or configured');
      return;
    }
    const code = deps.workspace.issueOAuthCode({
      teamId: team.id,
      enterpriseId: orgWide ? team.enterpriseId : undefined,
      userId,
      redirectUri: get('redirect_uri'),
      scopes: (get('scope') ?? '').split(',').filter(Boolean),
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code.code);
    const state = get('state');
    if (state !== undefined) target.searchParams.set('state', state);
    deps.recorder.activity(
      'oauth_authorized',
      team.id,
      userId,
      `authorize → ${target.origin}${target.pathname}`,
    );
    res.redirect(302, target.toString());
  });

  return router;
}

async function handleResponseUrl(deps: WebApiDeps, id: string, req: Request, res: Response): Promise<void> {
  const reply = (status: number, body: JsonObject) =>
    res.status(status).set('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
  const record = deps.workspace.responseUrl(id);
  const failWith = (status: number, error: string, detail: string) => {
    deps.recorder.error('response_url', error, detail, record?.teamId);
    reply(status, { ok: false, error });
  };
  if (!record) {
    failWith(404, 'expired_url', 'unknown response_url');
    return;
  }
  if (deps.workspace.now() - record.issuedAt > RESPONSE_URL_TTL_MS) {
    failWith(404, 'expired_url', 'response_url older than 30 minutes');
    return;
  }
  if (record.uses >= RESPONSE_URL_MAX_USES) {
    failWith(404, 'used_url', `response_url used ${record.uses} times`);
    return;
  }
  let args: Args;
  try {
    args = parseArgs(
      await readRawBody(req),
      contentKind(req.headers['content-type']) === 'form' ? 'form' : 'json',
    );
    // Old-style form bodies carry the message as `payload=<json>`.
    if (typeof args.payload === 'string') args = parseArgs(args.payload, 'json');
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'bad body';
    failWith(400, 'invalid_payload', detail);
    return;
  }
  record.uses += 1;
  const { workspace, recorder } = deps;
  const teamId = record.teamId;
  const truthy = (v: unknown) => v === true || v === 'true';
  try {
    if (truthy(args.delete_original)) {
      if (record.messageTs !== undefined) {
        if (record.isEphemeral) {
          const original = workspace.findEphemeral(teamId, record.userId, record.messageTs);
          if (original) original.deleted = true;
        } else {
          workspace.deleteMessage(teamId, record.channelId, record.messageTs);
        }
      }
      recorder.activity(
        'response_url',
        teamId,
        record.userId,
        'deleted the original message',
        record.channelId,
      );
      reply(200, { ok: true });
      return;
    }
    const content = checkMessageContent(args);
    if (truthy(args.replace_original) && record.messageTs !== undefined) {
      if (record.isEphemeral) {
        const original = workspace.findEphemeral(teamId, record.userId, record.messageTs);
        if (original) {
          original.text = content.text;
          original.blocks = content.blocks;
        }
      } else {
        const original = workspace.findMessage(teamId, record.channelId, record.messageTs);
        if (original) {
          original.text = content.text;
          original.blocks = content.blocks;
          original.edited = { user: original.user, ts: workspace.nextTs() };
        }
      }
      recorder.activity(
        'response_url',
        teamId,
        record.userId,
        `replaced the original: ${content.text.slice(0, 80)}`,
        record.channelId,
      );
      reply(200, { ok: true });
      return;
    }
    if (args.response_type === 'in_channel') {
      workspace.postMessage(teamId, record.channelId, {
        text: content.text,
        blocks: content.blocks,
        thread_ts: typeof args.thread_ts === 'string' ? args.thread_ts : undefined,
        via: 'response_url',
      });
      recorder.activity(
        'message',
        teamId,
        record.userId,
        `post in ${record.channelId} (response_url): ${content.text.slice(0, 80)}`,
        record.channelId,
      );
    } else {
      workspace.postEphemeral(teamId, {
        channel: record.channelId,
        user: record.userId,
        text: content.text,
        blocks: content.blocks,
        via: 'response_url',
      });
      recorder.activity(
        'ephemeral',
        teamId,
        record.userId,
        `in ${record.channelId}: ${content.text.slice(0, 80)}`,
        record.channelId,
      );
    }
    reply(200, { ok: true });
  } catch (error) {
    if (error instanceof SlackApiError) {
      deps.recorder.error('response_url', error.error, error.detail, teamId);
      reply(400, { ok: false, error: error.error, ...error.extra });
      return;
    }
    throw error;
  }
}
