import express from 'express';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createSlackTransport } from '../../../src/slack/bolt.js';

const logger = pino({ level: 'silent' });

function routesOf(app: express.Express): string[] {
  const stack =
    (app as unknown as { router?: { stack: unknown[] }; _router?: { stack: unknown[] } }).router?.stack ?? [];
  const paths: string[] = [];
  const walk = (layers: unknown[]) => {
    for (const layer of layers as Array<{ route?: { path: string }; handle?: { stack?: unknown[] } }>) {
      if (layer.route) paths.push(layer.route.path);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(stack);
  return paths;
}

describe('Slack transport per mode', () => {
  it('single workspace: Bolt mounts /slack/events on our express app', () => {
    const http = express();
    createSlackTransport({
      slack: { mode: 'single', signingSecret: 's', botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:1/api/' },
      logger,
      expressApp: http,
      publicUrl: 'https://app.test',
    });
    expect(routesOf(http)).toContain('/slack/events');
    expect(routesOf(http)).not.toContain('/slack/install');
  });

  it('Socket Mode: Slack arrives over the socket, so nothing Slack is mounted on the HTTP app', () => {
    const http = express();
    const transport = createSlackTransport({
      slack: { mode: 'socket', appToken: 'xapp-1', botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:1/api/' },
      logger,
      expressApp: http,
      publicUrl: 'https://app.test',
    });
    expect(routesOf(http)).toEqual([]);
    expect(typeof transport.start).toBe('function');
  });

  it('multi-workspace: install and OAuth redirect routes exist, and an installation store is required', () => {
    const http = express();
    const slack = {
      mode: 'multi' as const,
      signingSecret: 's',
      clientId: 'c',
      clientSecret: 'cs',
      stateSecret: 'a-long-state-secret',
      apiUrl: 'http://127.0.0.1:1/api/',
    };
    expect(() =>
      createSlackTransport({ slack, logger, expressApp: http, publicUrl: 'https://app.test' }),
    ).toThrow(/installation store/);
    createSlackTransport({
      slack,
      logger,
      expressApp: http,
      publicUrl: 'https://app.test',
      installationStore: {
        storeInstallation: async () => undefined,
        fetchInstallation: async () => {
          throw new Error('none');
        },
      },
    });
    expect(routesOf(http)).toEqual(expect.arrayContaining(['/slack/events', '/slack/install']));
  });
});
