/**
 * The sandbox UI's Zoom panel (sandbox/ui/public/zoom-panel.js) in Chromium, alone: rendered on a
 * page of the real UI server, whose /zoom-api/ pass-through reaches a real Zoom stand-in. Both
 * accounts are shown; Delete (user, meeting) and Remove app ask first; Remove app lets you choose
 * who removes it and user_data_retention; the person being played becomes the consent page's
 * login hint. Skipped, with a message, where Chromium is absent.
 */
import { existsSync } from 'node:fs';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityFeed } from '../../ui/activity.js';
import { startUiServer, type UiServer } from '../../ui/server.js';
import { APPS, type Harness, startHarness } from './support.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const WAIT = 15_000;
if (!HAS_CHROMIUM) process.stdout.write(`[zoom panel test] skipped: ${CHROMIUM} is absent\n`);

// A page of the UI server's origin that renders only the panel, with the same `act` contract as app.js.
const PANEL_PAGE = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/ui/styles.css">
<script type="importmap">{ "imports": { "preact": "/vendor/preact.js", "preact/hooks": "/vendor/hooks.js", "htm": "/vendor/htm.js" } }</script>
<script type="module">
  import { h, render } from 'preact';
  import { ZoomPanel } from '/ui/zoom-panel.js';
  let state = null;
  let playing;
  const draw = () => render(h(ZoomPanel, { state, busy: false, act, playing }), document.getElementById('root'));
  async function refresh() { state = await (await fetch('/zoom-api/state')).json(); draw(); }
  async function act(method, path, body) {
    await fetch('/zoom-api/' + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await refresh();
  }
  window.play = async (email) => { playing = email; await refresh(); };
  window.refreshPanel = refresh;
  await refresh();
  window.ready = true;
</script></head><body><div id="root"></div></body></html>`;

let h: Harness;
let ui: UiServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  h = await startHarness();
  await h.authorize('org', 'zoom-admin@acme.test');
  await h.authorize('org', 'owner@globex.test');
  const org = await h.authorize('org', 'owner@acme.test');
  await h.api(org.access_token, 'POST', '/users/alice@acme.test/meetings', { topic: 'Weekly sync' });
  const zoomControl = async (path: string): Promise<unknown> =>
    (await fetch(`${h.zoom.url}/_sandbox${path}`)).json();
  ui = await startUiServer({
    port: 0,
    appUrl: 'http://127.0.0.1:9',
    slackControlUrl: 'http://127.0.0.1:9/_sandbox',
    zoomControlUrl: `${h.zoom.url}/_sandbox`,
    zoomBrowserUrl: h.zoom.url,
    zoomApps: [],
    teams: [],
    database: 'none',
    restored: false,
    slackMode: 'multi',
    feed: createActivityFeed({
      slackControl: async () => ({ activity: [] }),
      zoomControl,
      zoomAppName: () => 'app',
    }),
    logger: pino({ level: 'silent' }),
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  page = await browser.newPage({ viewport: { width: 900, height: 1400 } });
  const panelUrl = `${ui.url}panel.html`;
  await page.route(panelUrl, (route) => route.fulfill({ contentType: 'text/html', body: PANEL_PAGE }));
  await page.goto(panelUrl);
  await page.waitForFunction('window.ready === true', undefined, { timeout: WAIT });
});

afterAll(async () => {
  await browser?.close();
  await ui?.stop();
  await h?.stop();
});

const events = (name: string) => h.hook.events.filter((event) => event.event === name);

describe.skipIf(!HAS_CHROMIUM)('the Zoom panel', () => {
  it('shows both accounts with their users (Slack names), roles including the custom one, apps and meetings', async () => {
    const acme = page.getByTestId('zoom-account-acme');
    const globex = page.getByTestId('zoom-account-globex');
    await expect.poll(() => acme.textContent(), { timeout: WAIT }).toContain('Zoe Zoomadmin');
    expect(await acme.textContent()).toContain('Weekly sync');
    expect(await acme.getByTestId('zoom-grant').count()).toBe(2);
    expect(await globex.textContent()).toContain('Gloria Globex');
    expect(await globex.getByTestId('zoom-grant').count()).toBe(1);
    const roles = await page.getByLabel('Zoom role of bob@acme.test').locator('option').allTextContents();
    expect(roles).toEqual(['Owner', 'Admin', 'Member', 'IT Admin']);
  });

  it('tells the stand-in who is played, so the consent page starts on them', async () => {
    await page.evaluate("window.play('alice@acme.test')");
    await expect.poll(() => h.zoom.control.state().login_hint, { timeout: WAIT }).toBe('alice@acme.test');
    // Carol has no Zoom user: no hint.
    await page.evaluate("window.play('carol@acme.test')");
    await expect.poll(() => h.zoom.control.state().login_hint, { timeout: WAIT }).toBeNull();
  });

  it('changes a role (the custom admin role too): Zoom sends user.updated', async () => {
    await page.getByLabel('Zoom role of slack-admin@acme.test').selectOption('IT Admin');
    await expect.poll(() => events('user.updated').length, { timeout: WAIT }).toBe(1);
    expect(events('user.updated')[0]?.payload.object).toMatchObject({ role: 'IT Admin' });
  });

  it('Delete of a user asks first; Cancel keeps the user; confirming deletes and Zoom sends user.deleted', async () => {
    const row = page.getByTestId('zoom-user-bob@acme.test');
    await row.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByTestId('zoom-confirm');
    await confirm.waitFor({ timeout: WAIT });
    expect(await confirm.textContent()).toContain('Delete the Zoom user bob@acme.test?');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached', timeout: WAIT });
    expect(h.zoom.control.state().users.some((user) => user.email === 'bob@acme.test')).toBe(true);
    expect(events('user.deleted')).toEqual([]);

    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('zoom-confirm').getByRole('button', { name: 'Delete user' }).click();
    await row.waitFor({ state: 'detached', timeout: WAIT });
    expect(events('user.deleted').map((event) => event.payload.object)).toMatchObject([
      { email: 'bob@acme.test' },
    ]);
  });

  it('Delete of a meeting asks first, then Zoom sends meeting.deleted', async () => {
    const meeting = page.locator('[data-testid^="zoom-meeting-"]').filter({ hasText: 'Weekly sync' });
    await meeting.getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('zoom-confirm').getByRole('button', { name: 'Delete meeting' }).click();
    await meeting.waitFor({ state: 'detached', timeout: WAIT });
    expect(events('meeting.deleted').map((event) => event.payload.object)).toMatchObject([
      { topic: 'Weekly sync' },
    ]);
  });

  it('Remove app: another admin of the account may remove it, choosing user_data_retention', async () => {
    const grant = page
      .getByTestId('zoom-account-acme')
      .getByTestId('zoom-grant')
      .filter({ hasText: 'zoom-admin@acme.test' });
    await grant.getByRole('button', { name: 'Remove app' }).click();
    const confirm = page.getByTestId('zoom-confirm');
    const removers = await confirm.getByLabel('Remove as').locator('option').allTextContents();
    expect(removers).toEqual(['zoom-admin@acme.test', 'owner@acme.test', 'slack-admin@acme.test']);
    await confirm.getByLabel('Remove as').selectOption('owner@acme.test');
    await confirm.getByLabel('Let the app keep my data').check();
    await confirm.getByRole('button', { name: 'Remove app' }).click();
    await expect.poll(() => events('app_deauthorized').length, { timeout: WAIT }).toBe(1);
    const owner = h.zoom.control.state().users.find((user) => user.email === 'owner@acme.test');
    expect(events('app_deauthorized')[0]).toMatchObject({
      app: APPS.org.id,
      payload: { account_id: 'acme', user_id: owner?.id, client_id: 'org-app', user_data_retention: 'true' },
    });
    // Installed for the whole account: every grant of it in Acme is gone, Globex's stays.
    await expect
      .poll(() => page.getByTestId('zoom-account-acme').getByTestId('zoom-grant').count(), { timeout: WAIT })
      .toBe(0);
    expect(await page.getByTestId('zoom-account-globex').getByTestId('zoom-grant').count()).toBe(1);
  });
});
