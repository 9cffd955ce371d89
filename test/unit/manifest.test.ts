import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_SCOPES } from '../../src/slack/bolt.js';

const root = path.resolve(import.meta.dirname, '../..');
// Slack's manifest schema: the shared reference when it sits beside the checkout, else our copy of it.
const sharedSchema = path.resolve(root, '../shared/reference/slack-manifest.schema.json');
const schemaPath = existsSync(sharedSchema)
  ? sharedSchema
  : path.join(root, 'test/fixtures/slack-manifest.schema.json');

function loadManifest(): Record<string, unknown> {
  return parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as Record<string, unknown>;
}

function validator() {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // Slack's schema uses formats (uri, …) that ajv only knows through ajv-formats; accept them as strings.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(schema);
}

describe('manifest.yml', () => {
  it("validates against Slack's manifest JSON schema", () => {
    const validate = validator();
    const ok = validate(loadManifest());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator rejects a broken manifest (the check can fail)', () => {
    const validate = validator();
    const broken = { ...loadManifest(), features: { slash_commands: [{ command: 'zoom-meet' }] } };
    expect(validate(broken)).toBe(false);
  });

  it('declares the five commands, the events, App Home and exactly the documented bot scopes', () => {
    const manifest = loadManifest() as {
      features: {
        slash_commands: { command: string; description: string; usage_hint: string }[];
        app_home: Record<string, boolean>;
      };
      oauth_config: { scopes: { bot: string[] } };
      settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean } };
    };
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([
      '/zoom-connect',
      '/zoom-status',
      '/zoom-settings',
      '/zoom-disconnect',
      '/zoom-meet',
    ]);
    for (const command of manifest.features.slash_commands) {
      expect(command.description.length).toBeGreaterThan(10);
      expect(command.usage_hint).toContain('help');
    }
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      ['app_home_opened', 'app_uninstalled', 'team_join', 'tokens_revoked', 'user_change'].sort(),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(BOT_SCOPES);
  });
});
