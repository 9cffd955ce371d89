// Slash command text escaping, as configured by `should_escape` in the app manifest.
import { afterEach, describe, expect, it } from 'vitest';
import {
  commandEscapingFromManifest,
  DEFAULT_SEED,
  escapeCommandText,
  loadCommandEscaping,
  parseSeed,
} from '../index.js';
import { createWorkspace } from '../workspace.js';
import type { Harness } from './harness.js';
import { startHarness } from './harness.js';

const workspace = createWorkspace(parseSeed(DEFAULT_SEED), () => 1_700_000_000_000);

describe('escapeCommandText', () => {
  it('turns known @users, #channels and links into Slack markup and leaves the rest', () => {
    expect(escapeCommandText('@bob users #general https://zoom.test/x @nobody', workspace, 'T_ACME')).toBe(
      '<@U_BOB|bob> users <#C_GENERAL|general> <https://zoom.test/x> @nobody',
    );
    expect(escapeCommandText('@bob', workspace, 'T_OTHER')).toBe('@bob');
  });

  it('reads should_escape per command from a manifest', async () => {
    expect(
      commandEscapingFromManifest({
        features: { slash_commands: [{ command: '/a', should_escape: true }, { command: '/b' }] },
      }),
    ).toEqual({ '/a': true, '/b': false });
    const fromRepo = await loadCommandEscaping('manifest.yml');
    expect(fromRepo['/zoom-status']).toBe(true);
    // /zoom-meet escapes too: its invitees come as <@U…|name> (issue 14).
    expect(fromRepo['/zoom-meet']).toBe(true);
    expect(fromRepo['/zoom-settings']).toBe(false);
  });
});

describe('commands through Bolt', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.stop();
  });

  it('delivers escaped text only for commands that ask for it', async () => {
    const texts: string[] = [];
    harness = await startHarness(
      (app) => {
        app.command(/.*/, async ({ ack, command }) => {
          texts.push(command.text);
          await ack();
        });
      },
      { commandEscaping: { '/zoom-status': true, '/zoom-meet': false } },
    );
    const admin = harness.standIn.user('T_ACME', 'U_SLACKADMIN');
    await admin.command('/zoom-status', '@alice');
    await admin.command('/zoom-meet', 'sync with @alice');
    expect(texts).toEqual(['<@U_ALICE|alice>', 'sync with @alice']);
  });
});
