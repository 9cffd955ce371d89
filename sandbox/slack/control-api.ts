/**
 * The stand-in's own JSON API under `/_sandbox`: act as a user, read what users see, read recorded
 * errors and activity, inject faults. Acts answer `{ok, status, body, json}` with the app's answer.
 */
import type { Request, Response, Router } from 'express';
import express from 'express';
import type pino from 'pino';
import { z } from 'zod';
import type { Actors, ActResult } from './actors.js';
import { ActorError } from './actors.js';
import type { Faults } from './faults.js';
import { faultSchema } from './faults.js';
import { BodyError, readRawBody } from './http-body.js';
import type { Recorder } from './recorder.js';
import type { SimulatedUser } from './simulated-user.js';
import type { JsonObject, Workspace } from './workspace.js';

export interface ControlDeps {
  workspace: Workspace;
  actors: Actors;
  recorder: Recorder;
  faults: Faults;
  logger: pino.Logger;
  user(teamId: string, userId: string): SimulatedUser;
  setAppUrl(url: string): void;
  appUrl(): string | undefined;
  unfurl(url: string): Promise<{ status: number; body: string; location: string | undefined }>;
}

const deliveryFields = {
  retry_num: z.number().int().nonnegative().optional(),
  retry_reason: z.string().optional(),
  bad_signature: z.boolean().optional(),
  stale_by_seconds: z.number().int().nonnegative().optional(),
};
const who = { team: z.string().min(1), user: z.string().min(1) };

const schemas = {
  command: z.object({
    ...who,
    command: z.string().min(1),
    text: z.string().optional(),
    channel: z.string().optional(),
    ...deliveryFields,
  }),
  action: z
    .object({
      ...who,
      surface: z.enum(['message', 'modal', 'home']).optional(),
      action_id: z.string().optional(),
      block_id: z.string().optional(),
      text: z.string().optional(),
      value: z.unknown().optional(),
      target: z.string().optional(),
    })
    .refine((v) => v.action_id !== undefined || v.text !== undefined, 'action_id or text is required'),
  submit: z.object({
    ...who,
    view_id: z.string().optional(),
    values: z.record(z.string(), z.unknown()).default({}),
  }),
  close: z.object({ ...who, view_id: z.string().optional() }),
  shortcut: z.object({
    ...who,
    callback_id: z.string().min(1).max(255),
    /** The conversation the person is looking at; with message_ts, the message of a message shortcut. */
    channel: z.string().optional(),
    message_ts: z.string().optional(),
  }),
  home: z.object(who),
  event: z.object({
    team: z.string().min(1),
    event: z.looseObject({ type: z.string().min(1) }),
    event_id: z.string().optional(),
    ...deliveryFields,
  }),
  redeliver: z.object({
    event_id: z.string().min(1),
    retry_num: z.number().int().positive().default(1),
    retry_reason: z.string().optional(),
  }),
  appUrl: z.object({ url: z.url() }),
  unfurl: z.object({ url: z.url({ protocol: /^https?$/ }) }),
  oauthCode: z.object({ ...who, redirect_uri: z.string().optional() }),
  inbox: z.object(who),
  activity: z.object({ since: z.coerce.number().int().nonnegative().default(0) }),
};

class RequestError extends Error {}

async function jsonBody(req: Request): Promise<unknown> {
  const raw = await readRawBody(req, 1024 * 1024);
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new RequestError('body is not valid JSON');
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new RequestError(
      result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  }
  return result.data;
}

function actAnswer(result: ActResult & { eventId?: string }): JsonObject {
  const answer: JsonObject = {
    ok: true,
    status: result.status,
    body: result.body,
    json: result.json ?? null,
  };
  if (result.blocked !== undefined) answer.blocked = result.blocked;
  if (result.errors !== undefined) answer.errors = result.errors;
  if (result.eventId !== undefined) answer.event_id = result.eventId;
  return answer;
}

export function createControlRouter(deps: ControlDeps): Router {
  const router = express.Router();
  const { workspace, actors, recorder } = deps;

  const route =
    (handler: (req: Request) => Promise<JsonObject> | JsonObject) => async (req: Request, res: Response) => {
      try {
        res.status(200).json(await handler(req));
      } catch (error) {
        if (error instanceof RequestError || error instanceof ActorError || error instanceof z.ZodError) {
          res.status(400).json({ ok: false, error: 'invalid_request', message: error.message });
        } else if (error instanceof BodyError) {
          res
            .status(error.status === 200 ? 400 : error.status)
            .json({ ok: false, error: error.error, message: error.message });
        } else if (error instanceof TypeError && /fetch failed/.test(error.message)) {
          res.status(502).json({
            ok: false,
            error: 'app_unreachable',
            message: `could not reach ${deps.appUrl() ?? 'the app'}`,
          });
        } else if (error instanceof Error && error.name === 'TimeoutError') {
          res.status(504).json({ ok: false, error: 'app_timeout', message: error.message });
        } else {
          deps.logger.error({ err: error }, 'control api failed');
          res.status(500).json({
            ok: false,
            error: 'internal_error',
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }
    };

  const delivery = (v: {
    retry_num?: number;
    retry_reason?: string;
    bad_signature?: boolean;
    stale_by_seconds?: number;
  }) => ({
    ...(v.retry_num !== undefined ? { retryNum: v.retry_num } : {}),
    ...(v.retry_reason !== undefined ? { retryReason: v.retry_reason } : {}),
    ...(v.bad_signature !== undefined ? { badSignature: v.bad_signature } : {}),
    ...(v.stale_by_seconds !== undefined ? { staleBySeconds: v.stale_by_seconds } : {}),
  });

  router.post(
    '/command',
    route(async (req) => {
      const v = parse(schemas.command, await jsonBody(req));
      const options = { ...delivery(v), ...(v.channel !== undefined ? { channel: v.channel } : {}) };
      return actAnswer(await actors.command(v.team, v.user, v.command, v.text ?? '', options));
    }),
  );
  router.post(
    '/action',
    route(async (req) => {
      const v = parse(schemas.action, await jsonBody(req));
      return actAnswer(
        await actors.action(v.team, v.user, {
          ...(v.surface !== undefined ? { surface: v.surface } : {}),
          ...(v.action_id !== undefined ? { actionId: v.action_id } : {}),
          ...(v.block_id !== undefined ? { blockId: v.block_id } : {}),
          ...(v.text !== undefined ? { text: v.text } : {}),
          ...(v.value !== undefined ? { value: v.value } : {}),
          ...(v.target !== undefined ? { target: v.target } : {}),
        }),
      );
    }),
  );
  router.post(
    '/submit',
    route(async (req) => {
      const v = parse(schemas.submit, await jsonBody(req));
      return actAnswer(await actors.submit(v.team, v.user, v.values, v.view_id));
    }),
  );
  router.post(
    '/close',
    route(async (req) => {
      const v = parse(schemas.close, await jsonBody(req));
      return actAnswer(await actors.closeModal(v.team, v.user, v.view_id));
    }),
  );
  router.post(
    '/shortcut',
    route(async (req) => {
      const v = parse(schemas.shortcut, await jsonBody(req));
      if (v.message_ts !== undefined) {
        if (v.channel === undefined) throw new RequestError('channel: a message shortcut needs the channel');
        return actAnswer(
          await actors.messageShortcut(v.team, v.user, v.callback_id, {
            channel: v.channel,
            ts: v.message_ts,
          }),
        );
      }
      return actAnswer(
        await actors.shortcut(
          v.team,
          v.user,
          v.callback_id,
          v.channel !== undefined ? { channel: v.channel } : {},
        ),
      );
    }),
  );
  router.post(
    '/home',
    route(async (req) => {
      const v = parse(schemas.home, await jsonBody(req));
      return actAnswer(await actors.openHome(v.team, v.user));
    }),
  );
  router.post(
    '/event',
    route(async (req) => {
      const v = parse(schemas.event, await jsonBody(req));
      const options = { ...delivery(v), ...(v.event_id !== undefined ? { eventId: v.event_id } : {}) };
      return actAnswer(await actors.event(v.team, v.event, options));
    }),
  );
  router.post(
    '/redeliver',
    route(async (req) => {
      const v = parse(schemas.redeliver, await jsonBody(req));
      return actAnswer(await actors.redeliver(v.event_id, v.retry_num, v.retry_reason));
    }),
  );
  router.get(
    '/inbox',
    route((req) => {
      const v = parse(schemas.inbox, req.query);
      if (!workspace.user(v.team, v.user)) throw new RequestError(`unknown user ${v.user} in ${v.team}`);
      const user = deps.user(v.team, v.user);
      const channelMessages: Record<string, unknown> = {};
      for (const channel of workspace.channels(v.team)) {
        if (!channel.isIm && channel.members.has(v.user))
          channelMessages[channel.id] = user.channelMessages(channel.id);
      }
      return {
        ok: true,
        dms: user.dms(),
        ephemerals: user.ephemerals(),
        modals: user.modals(),
        home: user.home() ?? null,
        channel_messages: channelMessages,
      };
    }),
  );
  router.get(
    '/errors',
    // `team: null` rather than a dropped key when the error has no team (e.g. an unknown token).
    route(() => ({ ok: true, errors: recorder.errors().map((e) => ({ ...e, team: e.team ?? null })) })),
  );
  router.delete(
    '/errors',
    route(() => {
      recorder.clearErrors();
      return { ok: true };
    }),
  );
  router.get(
    '/activity',
    route((req) => {
      const v = parse(schemas.activity, req.query);
      return { ok: true, activity: recorder.activitySince(v.since), last_seq: recorder.lastSeq() };
    }),
  );
  router.get(
    '/faults',
    route(() => ({ ok: true, faults: deps.faults.list() })),
  );
  router.post(
    '/faults',
    route(async (req) => {
      deps.faults.add(parse(faultSchema, await jsonBody(req)));
      return { ok: true, faults: deps.faults.list() };
    }),
  );
  router.delete(
    '/faults',
    route(() => {
      deps.faults.clear();
      return { ok: true };
    }),
  );
  router.post(
    '/app-url',
    route(async (req) => {
      const v = parse(schemas.appUrl, await jsonBody(req));
      deps.setAppUrl(v.url);
      return { ok: true };
    }),
  );
  router.post(
    '/unfurl',
    route(async (req) => {
      const v = parse(schemas.unfurl, await jsonBody(req));
      const result = await deps.unfurl(v.url);
      return { ok: true, status: result.status, body: result.body, location: result.location ?? null };
    }),
  );
  router.post(
    '/oauth/code',
    route(async (req) => {
      const v = parse(schemas.oauthCode, await jsonBody(req));
      if (!workspace.user(v.team, v.user)) throw new RequestError(`unknown user ${v.user} in ${v.team}`);
      const code = workspace.issueOAuthCode({
        teamId: v.team,
        userId: v.user,
        redirectUri: v.redirect_uri,
        scopes: [],
      });
      return { ok: true, code: code.code };
    }),
  );
  router.get(
    '/workspace',
    route(() => ({ ok: true, ...describeWorkspace(workspace) })),
  );
  return router;
}

/** The workspace without secrets: teams, users, channels, and who has modals open. */
export function describeWorkspace(workspace: Workspace): JsonObject {
  return {
    app_id: workspace.appId,
    enterprises: workspace.enterpriseIds().map((id) => {
      const enterprise = workspace.enterprise(id);
      const org = enterprise?.orgInstall;
      return {
        id,
        name: enterprise?.name,
        domain: enterprise?.domain,
        org_install: org
          ? { installed: org.installed, bot_user_id: org.botUserId, teams: org.teamIds }
          : null,
      };
    }),
    teams: workspace.teamIds().map((teamId) => {
      const team = workspace.team(teamId);
      return {
        id: teamId,
        name: team?.name,
        domain: team?.domain,
        enterprise_id: team?.enterpriseId ?? null,
        enterprise_name: team?.enterpriseName ?? null,
        org_wide: team?.orgWide ?? false,
        installed: team?.installed,
        bot_user_id: team?.botUserId,
        scopes: team?.scopes,
        users: workspace.users(teamId).map((u) => ({
          id: u.id,
          name: u.name,
          real_name: u.realName,
          email: u.email ?? null,
          is_admin: u.isAdmin,
          is_owner: u.isOwner,
          is_primary_owner: u.isPrimaryOwner,
          is_bot: u.isBot,
          deleted: u.deleted,
          locale: u.locale,
          tz: u.tz,
          open_modals: workspace.modalStack(teamId, u.id).length,
        })),
        channels: workspace.channels(teamId).map((c) => ({
          id: c.id,
          name: c.name,
          is_im: c.isIm,
          is_private: c.isPrivate,
          members: [...c.members],
        })),
      };
    }),
  };
}
