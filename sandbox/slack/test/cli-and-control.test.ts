// The standalone CLI (`ready <apiUrl>`) and the JSON control API under /_sandbox.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { startHarness } from './harness.js';

function runCli(args: string[]): { child: ChildProcess; firstLine: Promise<string>; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/slack/cli.ts', ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve(out.slice(0, newline));
    });
    child.once('exit', (code) => reject(new Error(`cli exited with ${code}: ${err}`)));
  });
  return { child, firstLine, stderr: () => err };
}

describe('the CLI', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGTERM');
    child = undefined;
  });

  it('prints exactly `ready <apiUrl>` and serves the seeded workspace until SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slack-seed-'));
    const seedFile = join(dir, 'seed.json');
    await writeFile(
      seedFile,
      JSON.stringify({
        teams: [
          { id: 'T_SEEDED', name: 'Seeded', bot_token: 'xoxb-seeded', users: [{ id: 'U_X', name: 'x' }] },
        ],
      }),
    );
    const run = runCli([
      '--port',
      '0',
      '--app-url',
      'http://127.0.0.1:9/slack/events',
      '--signing-secret',
      's',
      '--seed',
      seedFile,
    ]);
    child = run.child;
    const line = await run.firstLine;
    expect(line).toMatch(/^ready http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const apiUrl = line.slice('ready '.length);
    const answer = await fetch(`${apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-seeded' },
    });
    expect(await answer.json()).toMatchObject({ ok: true, team_id: 'T_SEEDED' });
    const exited = new Promise<number | null>((resolve) => run.child.once('exit', (code) => resolve(code)));
    run.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses an invalid seed file with a message naming the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slack-seed-'));
    const seedFile = join(dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify({ teams: [{ id: 'bad', name: 'x', bot_token: 'xoxb-1' }] }));
    const run = runCli(['--port', '0', '--signing-secret', 's', '--seed', seedFile]);
    child = run.child;
    await expect(run.firstLine).rejects.toThrow(/team ids start with T/);
  });
});

describe('the control API', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness((app) => {
      app.command('/zoom-status', async ({ ack, respond, client, command }) => {
        await ack();
        await respond({
          text: 'Status',
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: 'Using: personal' } },
            {
              type: 'actions',
              elements: [
                { type: 'button', action_id: 'disconnect', text: { type: 'plain_text', text: 'Disconnect' } },
              ],
            },
          ],
        });
        await client.chat.postMessage({ channel: command.user_id, text: 'DM for you' });
      });
      app.action('disconnect', async ({ ack, respond }) => {
        await ack();
        await respond({ delete_original: true });
      });
    });
  });
  afterEach(async () => {
    await harness.stop();
  });

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${harness.standIn.url}/_sandbox/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const get = async (path: string) => {
    const response = await fetch(`${harness.standIn.url}/_sandbox/${path}`);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  it('runs a command and an action, answering with the app status, and shows the inbox', async () => {
    const command = await post('command', {
      team: 'T_ACME',
      user: 'U_BOB',
      command: '/zoom-status',
      text: '',
    });
    expect(command).toMatchObject({ status: 200, json: { ok: true, status: 200, body: '' } });
    const inbox = await get('inbox?team=T_ACME&user=U_BOB');
    expect(inbox.json).toMatchObject({
      ok: true,
      dms: [{ text: 'DM for you' }],
      ephemerals: [{ text: 'Status' }],
      modals: [],
      home: null,
      channel_messages: { C_GENERAL: [] },
    });
    const action = await post('action', {
      team: 'T_ACME',
      user: 'U_BOB',
      surface: 'message',
      text: 'Disconnect',
    });
    expect(action.json).toMatchObject({ ok: true, status: 200 });
    const after = await get('inbox?team=T_ACME&user=U_BOB');
    expect(after.json.ephemerals).toEqual([]);
    const errors = await get('errors');
    expect(errors.json).toEqual({ ok: true, errors: [] });
    const activity = await get('activity?since=0');
    const kinds = (activity.json.activity as { kind: string }[]).map((a) => a.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['command', 'ephemeral', 'message', 'action', 'response_url']),
    );
  });

  it('answers malformed or incomplete requests with a 400 JSON error', async () => {
    expect(await post('command', '{not json')).toMatchObject({ status: 400, json: { ok: false } });
    expect(await post('command', { team: 'T_ACME' })).toMatchObject({
      status: 400,
      json: { error: 'invalid_request' },
    });
    expect(await post('action', { team: 'T_ACME', user: 'U_BOB' })).toMatchObject({ status: 400 });
    expect(await post('action', { team: 'T_ACME', user: 'U_BOB', text: 'Nothing like this' })).toMatchObject({
      status: 400,
      json: { error: 'invalid_request' },
    });
    expect(await post('submit', { team: 'T_ACME', user: 'U_BOB', values: {} })).toMatchObject({
      status: 400,
    });
    expect(await get('inbox?team=T_ACME')).toMatchObject({ status: 400 });
    expect(await get('nope')).toMatchObject({ status: 404, json: { ok: false, error: 'not_found' } });
  });

  it('injects faults and describes the workspace without tokens', async () => {
    const added = await post('faults', { method: 'users.info', kind: 'server_error', status: 502, times: 1 });
    expect(added.json).toMatchObject({ ok: true, faults: [{ method: 'users.info', status: 502, times: 1 }] });
    const hit = await fetch(`${harness.standIn.apiUrl}users.info`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-acme', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=U_BOB',
    });
    expect(hit.status).toBe(502);
    const workspace = await get('workspace');
    expect(JSON.stringify(workspace.json)).not.toContain('xoxb-');
    expect(workspace.json).toMatchObject({ ok: true, teams: [{ id: 'T_ACME' }, { id: 'T_OTHER' }] });
  });

  it('delivers an event with retry headers and a bad signature on request', async () => {
    const sent = await post('event', {
      team: 'T_ACME',
      event: { type: 'app_mention', user: 'U_BOB', text: 'hi' },
    });
    expect(sent.json).toMatchObject({ ok: true, status: 200 });
    const retried = await post('redeliver', { event_id: sent.json.event_id, retry_num: 2 });
    expect(retried.json).toMatchObject({ ok: true, status: 200, event_id: sent.json.event_id });
    const forged = await post('event', {
      team: 'T_ACME',
      event: { type: 'app_mention' },
      bad_signature: true,
    });
    expect(forged.json).toMatchObject({ ok: true, status: 401 });
  });
});
