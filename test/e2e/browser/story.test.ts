// The main story of the product, clicked through the sandbox UI in Debian's Chromium as the people
// involved: a Slack admin asks, the Zoom admin approves from the DM (app page → Zoom consent →
// app result page), a member creates a meeting, a personal connection takes precedence, the Zoom
// admin loses the role and everybody is told. Screenshots of the key screens go to
// test-artifacts/screenshots/ (git-ignored). Skipped, with a message, where Chromium is absent.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Sandbox, startSandbox } from '../../../sandbox/launcher/start.js';
import { uniqueDatabaseUri } from '../../support/database.js';

/** With MONGODB_URI (CI may set one), a database of its own so earlier runs leave nothing behind. */
const freshDatabase = (name: string) =>
  process.env.MONGODB_URI ? uniqueDatabaseUri(process.env.MONGODB_URI, name) : undefined;

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SHOTS = resolve('test-artifacts/screenshots');
const WAIT = 15_000;

if (!HAS_CHROMIUM) {
  process.stdout.write(
    `[browser test] skipped: ${CHROMIUM} is absent (install it with: apt-get install -y chromium)\n`,
  );
}

let sandbox: Sandbox;
let browser: Browser;
let page: Page;

async function shot(target: Page, name: string): Promise<void> {
  await target.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

/** Waits until `locator` (first match) shows `text`; a timeout fails the test with a clear message. */
async function seen(locator: Locator, text: string | RegExp): Promise<string> {
  const match = locator.filter({ hasText: text }).first();
  try {
    await match.waitFor({ state: 'visible', timeout: WAIT });
  } catch {
    const shown = await locator.allTextContents().catch(() => []);
    throw new Error(`expected to see ${String(text)}; saw:\n${shown.join('\n---\n').slice(0, 2000)}`);
  }
  return (await match.textContent()) ?? '';
}

async function actAs(userId: string, name: string): Promise<void> {
  await page.getByTestId(`person-${userId}`).click();
  await seen(page.locator('.me'), name);
}

async function command(text: string): Promise<void> {
  const composer = page.getByTestId('composer');
  await composer.fill(text);
  await composer.press('Enter');
  // The composer empties once the stand-in delivered the command and the app's follow-ups landed.
  await expect.poll(() => composer.inputValue(), { timeout: WAIT }).toBe('');
}

const modal = () => page.getByTestId('modal');
const messages = () => page.getByTestId('message');

/** Follows a link button into a new tab: the app's page, Zoom's consent as `email`, the app's result. */
async function approveInBrowser(link: Locator, email: string, prefix: string): Promise<string> {
  const opened = page.context().waitForEvent('page');
  await link.click();
  const tab = await opened;
  await tab.waitForLoadState();
  expect(new URL(tab.url()).origin).toBe(sandbox.appUrl);
  await shot(tab, `${prefix}-a-app-page`);
  // The page's one action is a form button: only it (in this browser) goes on to Zoom.
  await tab.getByRole('button', { name: 'Continue to Zoom' }).click();
  await tab.waitForURL((url) => url.pathname === '/oauth/authorize', { timeout: WAIT });
  expect(new URL(tab.url()).origin).toBe(sandbox.zoomUrl);
  await tab.locator('#email').selectOption(email);
  await shot(tab, `${prefix}-b-zoom-consent`);
  await tab.getByRole('button', { name: 'Allow' }).click();
  // The callback redirects to the result page (a reload shows the result again).
  await tab.waitForURL((url) => url.pathname.startsWith('/zoom/result/'), { timeout: WAIT });
  expect(new URL(tab.url()).origin).toBe(sandbox.appUrl);
  await shot(tab, `${prefix}-c-app-result`);
  const text = (await tab.locator('body').textContent()) ?? '';
  await tab.close();
  return text;
}

describe.skipIf(!HAS_CHROMIUM)('sandbox UI in Chromium: the main story', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sandbox = await startSandbox({
      port: 0,
      dataDir: null,
      env: { MONGODB_URI: freshDatabase('sandbox_story') },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    await page.goto(sandbox.url);
    await seen(page.getByTestId('person-U_SLACKADMIN'), 'Sam Admin');
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it('lists every seeded person with their role and language', async () => {
    // The page's placeholder goes once the app is drawn.
    expect(await page.getByText('Loading the sandbox').count()).toBe(0);
    await seen(page.getByTestId('person-U_SLACKADMIN'), 'admin');
    await seen(page.getByTestId('person-U_BOB'), 'fr-FR');
    await seen(page.getByTestId('person-U_ZOOMADMIN'), 'Zoom: Admin');
    await seen(page.getByTestId('person-U_CAROL'), 'no Zoom user');
    await shot(page, '00-people');
  });

  it('renders what the app sends as text, never as markup or script links', async () => {
    // Runs in the page (as a string: this project's TypeScript has no DOM types).
    const script = `(async () => {
      const { render } = await import('/vendor/preact.js');
      const { mrkdwn } = await import('/ui/mrkdwn.js');
      const table = await (await fetch('/vendor/emoji-shortcodes.json')).json();
      const host = document.createElement('div');
      const ctx = {
        userName: (id) => (id === 'U_ALICE' ? 'Alice Martin' : id),
        channelName: (id) => id,
        emoji: (name) => table[name],
      };
      render(mrkdwn(${JSON.stringify(
        '*bold* _it_ snake_case_word :white_check_mark: :large_orange_circle: <@U_ALICE> <https://example.test/a|a link> <javascript:alert(1)|bad> &lt;script&gt;x&lt;/script&gt; <img src=x onerror=alert(1)>\n>quoted',
      )}, ctx), host);
      return {
        html: host.innerHTML,
        links: [...host.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        scripts: host.querySelectorAll('script, img').length,
        text: host.textContent,
      };
    })()`;
    const rendered = z
      .object({
        html: z.string(),
        links: z.array(z.string().nullable()),
        scripts: z.number(),
        text: z.string(),
      })
      .parse(await page.evaluate(script));
    expect(rendered.html).toContain('<b>bold</b>');
    expect(rendered.html).toContain('<i>it</i>');
    expect(rendered.text).toContain('✅');
    expect(rendered.text).toContain('🟠');
    expect(rendered.text).toContain('snake_case_word');
    expect(rendered.html).toContain('<blockquote>');
    expect(rendered.text).toContain('@Alice Martin');
    // Only the http(s) link keeps an address; anything else is inert text.
    expect(rendered.links.filter((href) => href !== null)).toEqual(['https://example.test/a']);
    expect(rendered.scripts).toBe(0);
    expect(rendered.text).toContain('<script>x</script>');
  });

  it('walks the story: ask, approve from the DM, meet, go personal, lose the Zoom admin role', async () => {
    // 1. The Slack admin asks for an organization connection and sends it to the Zoom admin.
    await actAs('U_SLACKADMIN', 'Sam Admin');
    await command('/zoom-connect org');
    await seen(modal(), 'Who approves in Zoom?');
    await modal().getByText('Send to my Zoom admin').click();
    const recipient = modal().locator('[data-action-id=connect_recipient_pick] input');
    await recipient.waitFor({ timeout: WAIT });
    // Slack's client refuses an empty required field and says so under it; nothing reaches the app.
    await page.getByTestId('modal-submit').click();
    await seen(modal().locator('.bk-error'), 'Please complete this required field.');
    await shot(page, '01a-required-field');
    // People are found by typing, as in Slack.
    await recipient.fill('zoe');
    await shot(page, '01b-people-search');
    await modal()
      .getByRole('option', { name: /Zoe Zoomadmin/ })
      .click();
    await seen(modal().locator('.bk-chip'), 'Zoe Zoomadmin');
    await shot(page, '01-admin-asks');
    await page.getByTestId('modal-submit').click();
    await seen(modal(), 'The approval request was sent to @Zoe Zoomadmin');
    await shot(page, '02-link-ready');
    await page.getByTestId('modal-close').click();
    await modal().waitFor({ state: 'detached', timeout: WAIT });

    // 2. The Zoom admin approves from the DM: the app's page, Zoom's consent, the app's result.
    await actAs('U_ZOOMADMIN', 'Zoe Zoomadmin');
    // The DM is unread until Zoe opens it.
    await seen(page.getByTestId('unread-dms'), '1');
    await page.getByTestId('open-dm').click();
    await seen(messages(), 'Zoom approval requested');
    await page.getByTestId('unread-dms').waitFor({ state: 'detached', timeout: WAIT });
    await shot(page, '03-approval-dm');
    const result = await approveInBrowser(
      messages().locator('a[data-action-id=approve_in_zoom]').first(),
      'zoom-admin@acme.test',
      '04-approve',
    );
    expect(result).toContain('Zoom is connected');

    // The requester is told.
    await actAs('U_SLACKADMIN', 'Sam Admin');
    await page.getByTestId('open-dm').click();
    await seen(messages(), 'Zoom is now connected for');

    // 3. A member creates a meeting through the organization connection.
    await actAs('U_ALICE', 'Alice Martin');
    await command('/zoom-meet Weekly sync');
    const meeting = await seen(messages(), 'Weekly sync');
    expect(meeting).toContain('organization');
    await seen(page.getByTestId('zoom-panel'), 'Weekly sync');
    // The app's own Zoom API call is in the activity pane, and the post is named as one.
    await seen(
      page.getByTestId('activity').locator('li'),
      /POST \/v2\/users\/alice@acme\.test\/meetings → 201/,
    );
    await seen(
      page.getByTestId('activity').locator('li .kind'),
      /post in #general|command answer posted in #general/,
    );
    await shot(page, '05-meeting-org');

    // 4. Her personal connection then takes precedence.
    await command('/zoom-connect personal');
    await seen(modal(), 'Connect Zoom');
    await page.getByTestId('modal-submit').click();
    await seen(modal(), 'Connect in Zoom');
    const personal = await approveInBrowser(
      modal().locator('a[data-action-id=open_zoom_link]').first(),
      'alice@acme.test',
      '06-personal',
    );
    expect(personal).toContain('You connected the Zoom account alice@acme.test to Alice Martin in Acme.');
    await page.getByTestId('modal-close').click();
    await command('/zoom-status');
    const status = await seen(page.locator('.message.ephemeral'), 'organization available as backup');
    expect(status).toMatch(/personal/i);
    await shot(page, '07-status-personal-first');

    // 5. In Zoom, the Zoom admin loses the admin role: everybody concerned is told.
    await page.getByLabel('Zoom role of zoom-admin@acme.test').selectOption('Member');
    await seen(page.getByTestId('activity'), 'user.updated');
    await actAs('U_SLACKADMIN', 'Sam Admin');
    await page.getByTestId('open-dm').click();
    await seen(messages(), 'Zoom connection needs reconnecting');
    await shot(page, '08-admin-told');
    // A member without a personal account is told why Zoom stopped for them, in French for Bob.
    await actAs('U_BOB', 'Bob Dupont');
    await command('/zoom-status');
    await seen(page.locator('.message.ephemeral'), 'doit être reconnectée par un administrateur');
    await shot(page, '09-member-told-fr');
    // Alice is told which of her meetings went through the organization connection, and keeps
    // working through her personal account.
    await actAs('U_ALICE', 'Alice Martin');
    await page.getByTestId('open-dm').click();
    // Her meeting through the organization is hosted by her own Zoom user: it keeps working.
    const affected = await seen(messages(), 'Your upcoming Zoom meetings');
    expect(affected).toContain('Weekly sync');
    expect(affected).toContain('Still working');
    await command('/zoom-status');
    await seen(page.locator('.message.ephemeral').last(), /Using: personal/);
    await shot(page, '10-personal-unaffected');

    // The other Zoom panel actions: Alice removes the personal app in Zoom, Bob's Zoom user is deleted.
    await page
      .getByTestId('zoom-grant')
      .filter({ hasText: 'alice@acme.test' })
      .getByRole('button', { name: 'Remove app' })
      .click();
    // The Zoom panel asks first, as Zoom's admin console does.
    await page.getByTestId('zoom-confirm').getByRole('button', { name: 'Remove app' }).click();
    await seen(page.getByTestId('activity').locator('li'), 'app_deauthorized');
    await page.getByTestId('zoom-user-bob@acme.test').getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('zoom-confirm').getByRole('button', { name: 'Delete user' }).click();
    await seen(page.getByTestId('activity').locator('li'), 'user.deleted');
    await page.getByTestId('zoom-user-bob@acme.test').waitFor({ state: 'detached', timeout: WAIT });
    await seen(messages(), 'was removed in Zoom');
    await shot(page, '11-personal-app-removed');

    // The second workspace is installed too, and Acme's organization connection is not its.
    await actAs('U_OTHERADMIN', 'Oscar Other');
    await command('/zoom-status');
    await seen(page.locator('.message.ephemeral'), 'No Zoom account is active for you.');

    // Nothing the app sent was refused by Slack along the way.
    const errors = z
      .object({ errors: z.array(z.unknown()) })
      .parse(await (await fetch(`${sandbox.slackUrl}/_sandbox/errors`)).json());
    expect(errors.errors).toEqual([]);
  }, 180_000);

  it('waits for a yes in Slack: a personal link signed in by someone else, another account’s Owner', async () => {
    // Bob (French) gets his personal link, and somebody else's Zoom user signs in with it.
    await actAs('U_BOB', 'Bob Dupont');
    await command('/zoom-connect personal');
    await page.getByTestId('modal-submit').click();
    await seen(modal(), 'Se connecter à Zoom');
    await seen(modal(), 'Ne le transférez pas');
    const waiting = await approveInBrowser(
      modal().locator('a[data-action-id=open_zoom_link]').first(),
      'owner@acme.test',
      '13-personal-other-user',
    );
    expect(waiting).toContain('Waiting for Bob Dupont');
    await page.getByTestId('modal-close').click();
    await page.getByTestId('open-dm').click();
    const ask = await seen(messages(), 'Est-ce votre compte Zoom');
    expect(ask).toContain('owner@acme.test');
    await shot(page, '14-parked-personal-fr');
    await messages()
      .filter({ hasText: 'Est-ce votre compte Zoom' })
      .getByRole('button', { name: 'Annuler' })
      .click();
    await seen(messages(), 'n’est pas utilisé');
    await shot(page, '15-parked-cancelled-fr');

    // Sam asks Olivia, and the Owner of another Zoom account (Globex) approves with the link.
    await actAs('U_SLACKADMIN', 'Sam Admin');
    await command('/zoom-connect org');
    await modal().getByText('Send to my Zoom admin').click();
    const recipient = modal().locator('[data-action-id=connect_recipient_pick] input');
    await recipient.fill('olivia');
    await modal()
      .getByRole('option', { name: /Olivia Owner/ })
      .click();
    await page.getByTestId('modal-submit').click();
    await seen(modal(), 'The approval request was sent to @Olivia Owner');
    const parkedOrg = await approveInBrowser(
      modal().locator('a[data-action-id=open_zoom_link]').first(),
      'owner@globex.test',
      '16-org-other-account',
    );
    expect(parkedOrg).toContain('Waiting for a Slack admin');
    expect(parkedOrg).toContain('You signed in to Zoom as owner@globex.test');
    expect(parkedOrg).toContain('Globex');
    // Acme's connection needs reconnecting: the page does not claim it keeps serving.
    expect(parkedOrg).toContain('which has stopped serving');
    await page.getByTestId('modal-close').click();
    await page.getByTestId('open-dm').click();
    const switchAsk = await seen(messages(), 'Switch account');
    expect(switchAsk).toContain('Zoom account Globex (globex): 0 of');
    expect(switchAsk).toContain('stopped serving');
    await shot(page, '17-parked-org-switch');
    // Olivia's request no longer offers Approve: it says it waits for Slack.
    await actAs('U_OWNER', 'Olivia Owner');
    await page.getByTestId('open-dm').click();
    await seen(messages(), 'a Slack admin now confirms it in Slack');
    expect(await messages().locator('a[data-action-id=approve_in_zoom]').count()).toBe(0);
    await shot(page, '18-request-dm-closed');
  }, 120_000);

  it('opens Home at its top, however far it or the channel was scrolled', async () => {
    await actAs('U_SLACKADMIN', 'Sam Admin');
    await page.getByTestId('open-home').click();
    const home = page.getByTestId('home');
    await seen(home, 'Your Zoom');
    await home.evaluate((el: { scrollTop: number; scrollHeight: number }) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.locator('.sidebar button', { hasText: '# general' }).click();
    await page.getByTestId('timeline').waitFor({ timeout: WAIT });
    await page.getByTestId('open-home').click();
    await seen(home, 'Your Zoom');
    expect(await home.evaluate((el: { scrollTop: number }) => el.scrollTop)).toBe(0);
    await shot(page, '12-home-top');
  });

  it('draws date, time and date-time pickers, multi-selects and date tokens in the reader’s zone', async () => {
    // A message of the stand-in's own (the product has no picker in a message yet), to Sam's DM.
    const blocks = [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'Starts <!date^1392734382^{date_short} at {time}|Feb 18, 2014 14:39 UTC>',
        },
      },
      {
        type: 'actions',
        block_id: 'pickers',
        elements: [
          { type: 'datepicker', action_id: 'day', initial_date: '2025-03-10' },
          { type: 'timepicker', action_id: 'at', initial_time: '09:30' },
          { type: 'datetimepicker', action_id: 'when', initial_date_time: 1741608000 },
          { type: 'multi_users_select', action_id: 'who', initial_users: ['U_ALICE', 'U_BOB'] },
        ],
      },
    ];
    const posted = await fetch(`${sandbox.slackUrl}/api/chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-acme', 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'U_SLACKADMIN', text: 'Pickers', blocks }),
    });
    expect(z.object({ ok: z.literal(true) }).parse(await posted.json()).ok).toBe(true);
    await page.getByTestId('open-dm').click();
    const message = messages().filter({ hasText: 'Starts' }).last();
    // Sam's Slack time zone is America/Los_Angeles: 14:39 UTC is 6:39 AM there.
    await seen(message.locator('.slack-date'), 'Feb 18, 2014 at 6:39 AM');
    expect(await message.locator('input[type=date]').inputValue()).toBe('2025-03-10');
    expect(await message.locator('input[type=time]').inputValue()).toBe('09:30');
    // 2025-03-10 12:00 UTC on Sam's wall clock (PDT).
    expect(await message.locator('input[type=datetime-local]').inputValue()).toBe('2025-03-10T05:00');
    expect(await message.locator('.bk-chip').allTextContents()).toEqual([
      expect.stringContaining('Alice Martin'),
      expect.stringContaining('Bob Dupont'),
    ]);
    await shot(page, '13-pickers');
  });

  for (const [width, height] of [
    [1280, 720],
    [900, 800],
  ] as const) {
    it(`fits a ${width}×${height} window: the Zoom panel and the Send button are not cut`, async () => {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US' });
      const small = await context.newPage();
      await small.goto(`${sandbox.url}#T_ACME/U_ALICE`);
      await seen(small.locator('.me'), 'Alice Martin');
      const send = small.getByRole('button', { name: 'Send' });
      const panel = small.getByTestId('zoom-panel');
      await panel.waitFor({ timeout: WAIT });
      if (width >= 1000) {
        // Everything fits in the window: the panel's box ends inside it.
        const box = await panel.boundingBox();
        expect(box && box.y + box.height <= height && box.x + box.width <= width).toBe(true);
      }
      await send.scrollIntoViewIfNeeded();
      const sendBox = await send.boundingBox();
      expect(sendBox && sendBox.x + sendBox.width <= width).toBe(true);
      // Nothing is wider than the window (no sideways scrolling).
      expect(await small.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      await shot(small, `14-layout-${width}`);
      await context.close();
    });
  }
});
