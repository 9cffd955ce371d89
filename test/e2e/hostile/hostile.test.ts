/**
 * Hostile input against every route (issue 8): over 1,000 generated malformed, unsigned, stale,
 * replayed, oversized and wrong-method requests. Every answer is 4xx (2xx only for the public
 * health and metrics GETs), the process stays alive, the database is unchanged, nothing redirects
 * anywhere but Zoom's authorize page, our pages carry the security headers, and no secret shows
 * up in any log line, response or Slack message of the whole suite.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishSignIn, startSignIn } from '../../support/link-browser.js';
import {
  approvalLinkIn,
  type ReliabilityHarness,
  SIGNING_SECRET,
  secretLeaks,
  startReliabilityHarness,
  T,
} from '../reliability/support/harness.js';
import { generateProbes, type Probe } from './probes.js';

let h: ReliabilityHarness;
let approvalLink: string;
let usedCallback: { path: string; cookie: string };
const bodies: string[] = [];
const locations: string[] = [];

interface Result {
  probe: Probe;
  status: number;
}

async function send(probe: Probe): Promise<Result> {
  try {
    const response = await fetch(`${h.url}${probe.path}`, {
      method: probe.method,
      redirect: 'manual',
      ...(probe.headers ? { headers: probe.headers } : {}),
      ...(probe.body !== undefined && !['GET', 'HEAD'].includes(probe.method) ? { body: probe.body } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (text.length < 200_000) bodies.push(text);
    const location = response.headers.get('location');
    if (location) locations.push(location);
    return { probe, status: response.status };
  } catch (error) {
    // The server may close the socket on an oversized body it refused (413 sent, upload cut short).
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return {
      probe,
      status: cause === 'UND_ERR_SOCKET' || cause === 'EPIPE' || cause === 'ECONNRESET' ? 499 : 0,
    };
  }
}

async function pool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: size }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Count and content digest of every collection. */
async function snapshot(): Promise<Record<string, { count: number; digest: string }>> {
  const db = h.app.db.db;
  if (!db) throw new Error('no database');
  const out: Record<string, { count: number; digest: string }> = {};
  for (const { name } of await db.listCollections().toArray()) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    out[name] = {
      count: docs.length,
      digest: createHash('sha256').update(JSON.stringify(docs)).digest('hex'),
    };
  }
  return out;
}

beforeAll(async () => {
  h = await startReliabilityHarness('hostile');
  // A real org connection (so there are live Zoom tokens to look for), captured callback included.
  const admin = h.slack.user(T, 'U_SLACKADMIN');
  await admin.command('/zoom-connect', 'org');
  await admin.select({ actionId: 'connect_org_path_choice', value: 'send' });
  await admin.submit({ connect_recipient: { connect_recipient_pick: 'U_ZOOMADMIN' } });
  const link = approvalLinkIn(admin.lastModal()?.view) ?? '';
  const started = await startSignIn(link);
  if (!started.ok) throw new Error(`link page refused: ${started.status}`);
  const cookie = started.jar.header();
  const consent = h.zoom.control.consent(started.authorizeUrl, 'zoom-admin@acme.test');
  if ('refused' in consent) throw new Error(consent.refused);
  const done = await finishSignIn(consent.location, started.jar);
  expect(done.status).toBe(200);
  const callbackUrl = new URL(consent.location);
  usedCallback = { path: `${callbackUrl.pathname}${callbackUrl.search}`, cookie };
  // A pending request whose token is used only on the wrong route or tampered.
  await admin.command('/zoom-connect', 'org');
  await admin.select({ actionId: 'connect_org_path_choice', value: 'send' });
  await admin.submit({ connect_recipient: { connect_recipient_pick: 'U_OWNER' } });
  approvalLink = approvalLinkIn(admin.lastModal()?.view) ?? '';
  expect(approvalLink).toMatch(/\/zoom\/approve\//);
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe('hostile input', () => {
  it('1,000+ generated hostile requests: 4xx, alive, database unchanged', { timeout: 90_000 }, async () => {
    await h.slack.settle();
    const before = await snapshot();
    const probes = generateProbes({
      signingSecret: SIGNING_SECRET,
      zoomWebhookSecrets: ['org-webhook-secret', 'user-webhook-secret'],
      approvalToken: approvalLink.split('/').at(-1) ?? '',
      usedCallback,
      now: () => h.clock().getTime(),
    });
    expect(probes.length).toBeGreaterThanOrEqual(1_000);
    const results = await pool(probes, 16, send);

    const table = new Map<string, Map<string, number>>();
    const unexpected: string[] = [];
    for (const { probe, status } of results) {
      const row = table.get(probe.route) ?? new Map<string, number>();
      const column = status === 499 ? '413/cut' : String(status);
      row.set(column, (row.get(column) ?? 0) + 1);
      table.set(probe.route, row);
      const ok =
        (status >= 400 && status < 500) || (probe.publicOk === true && status >= 200 && status < 300);
      if (!ok)
        unexpected.push(
          `${probe.route} ${probe.kind} ${probe.method} ${probe.path.slice(0, 80)} → ${status}`,
        );
    }
    const columns = [...new Set([...table.values()].flatMap((row) => [...row.keys()]))].sort();
    const lines = [
      ['route', 'total', ...columns].join(' | '),
      ...[...table.entries()].map(([route, row]) =>
        [route, [...row.values()].reduce((a, b) => a + b, 0), ...columns.map((c) => row.get(c) ?? 0)].join(
          ' | ',
        ),
      ),
      `all | ${results.length}`,
    ];
    console.log(`hostile-input results (status counts by route)\n${lines.join('\n')}`);
    const byKind = new Map<string, number>();
    for (const { probe } of results) byKind.set(probe.kind, (byKind.get(probe.kind) ?? 0) + 1);
    console.log(`hostile-input kinds: ${[...byKind.entries()].map(([k, n]) => `${k}=${n}`).join(', ')}`);

    expect(unexpected).toEqual([]);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
    await h.slack.settle();
    expect(await snapshot()).toEqual(before);
    // Nothing ever redirected (no valid link was clicked): no open redirect at all.
    expect(locations).toEqual([]);
  });

  it('the approval page reveals nothing without a valid token', async () => {
    const unknown = await fetch(`${h.url}/zoom/approve/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    const html = await unknown.text();
    for (const leak of ['U_SLACKADMIN', 'T_ACME', 'Acme', 'zoom-admin@acme.test', 'U_OWNER']) {
      expect(html).not.toContain(leak);
    }
    const valid = await fetch(approvalLink);
    expect(valid.status).toBe(200);
    expect(await valid.text()).toMatch(/U_SLACKADMIN|Sam|Acme/);
  });

  it('a bare GET never leaves for Zoom, whatever is appended (issue 13: ?go=1 is gone)', async () => {
    for (const suffix of ['?go=1', '?go=1&next=https://evil.test', '?redirect_uri=https://evil.test']) {
      const page = await fetch(`${approvalLink}${suffix}`, { redirect: 'manual' });
      expect(page.status).toBe(200);
      expect(page.headers.get('location')).toBeNull();
      expect(await page.text()).toMatch(/<form method="post"/);
    }
  });

  it('the page’s own form leads only to Zoom’s authorize URL, with our callback', async () => {
    for (const suffix of ['', '?next=https://evil.test', '?redirect_uri=https://evil.test&state=x']) {
      const started = await startSignIn(`${approvalLink}${suffix}`);
      if (!started.ok) throw new Error(`refused: ${started.status}`);
      expect(started.authorizeUrl.startsWith(`${h.zoom.url}/oauth/authorize?`)).toBe(true);
      expect(new URL(started.authorizeUrl).searchParams.get('redirect_uri')).toBe(
        `${h.config.publicUrl}/zoom/oauth/callback`,
      );
    }
    const page = await fetch(approvalLink);
    for (const cookie of page.headers.getSetCookie()) {
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
    }
    expect(page.headers.getSetCookie().length).toBeGreaterThan(0);
  });

  it('a CSRF token from another browser’s page is refused (403, no redirect)', async () => {
    const mine = await fetch(approvalLink);
    const theirs = await fetch(approvalLink);
    const theirCsrf = /name="csrf" value="([^"]+)"/.exec(await theirs.text())?.[1] ?? '';
    const myCookie = mine.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    expect(theirCsrf).not.toBe('');
    const pressed = await fetch(approvalLink, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: myCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: theirCsrf }).toString(),
    });
    expect(pressed.status).toBe(403);
    expect(pressed.headers.get('location')).toBeNull();
  });

  it('security headers on our pages and answers', async () => {
    for (const path of [
      '/healthz',
      '/zoom/approve/nothing-here-at-all',
      '/zoom/oauth/callback',
      new URL(approvalLink).pathname,
    ]) {
      const response = await fetch(`${h.url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('bodies over 1 MB are refused with 413 and the process stays healthy', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x61);
    for (const path of ['/slack/events', '/zoom/webhooks']) {
      const response = await fetch(`${h.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      }).catch(() => null);
      // Either a clean 413, or the connection cut right after the 413 was sent.
      if (response) expect(response.status, path).toBe(413);
    }
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it('no secret in any log line, response body or Slack message of the suite', async () => {
    const org = await h.app.models.orgConnections.findOne({ workspaceId: T }).lean();
    // Live Zoom tokens are among the secrets looked for.
    expect(await h.app.models.zoomGrants.countDocuments({ _id: org?.grantId })).toBe(1);
    expect(h.logLines.length).toBeGreaterThan(100);
    expect(await secretLeaks(h, bodies)).toEqual([]);
  });
});
