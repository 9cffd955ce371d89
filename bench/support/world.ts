/**
 * The benchmark runner's own view of the database: a mongoose connection (with command monitoring,
 * to count writes), the core services over the real Zoom gateway pointed at the Zoom stand-in, and
 * the seeding helpers. The app processes read what this writes.
 */
import mongoose from 'mongoose';
import pino from 'pino';
import { z } from 'zod';
import { createTokenCipher, parseEncryptionKeys } from '../../src/crypto/token-cipher.js';
import { createModels, ensureIndexes, type MemberDoc, type Models } from '../../src/db/models/index.js';
import {
  createServices,
  type Services,
  type SlackDirectory,
  type SlackProfile,
} from '../../src/services/index.js';
import { createZoomGateway } from '../../src/zoom/index.js';
import { quietNotifier, runAtOnce } from './quiet-notifier.js';
import { ADMIN_ID, PUBLIC_URL, ZOOM_APPS } from './scenario.js';

/** Commands that change data: what "number of database writes" counts. */
export const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify']);

export interface WriteCounter {
  /** Starts a fresh count of every command sent; returns a function that stops it and gives the counts by command name. */
  start(): () => Record<string, number>;
}

export interface TimedCommand {
  name: string;
  /** The first stage's match / the query filter, as JSON (to tell the commands apart). */
  filter: string;
  durationMs: number;
}

export interface BenchWorld {
  connection: mongoose.Connection;
  models: Models;
  services: Services;
  writes: WriteCounter;
  /** Runs `work` and returns every command it sent with the server round-trip time the driver measured. */
  timeCommands(work: () => Promise<unknown>): Promise<TimedCommand[]>;
  /** Inserts members `from`..`from + count - 1` straight into the collection, in bulk. */
  seedMembers(
    workspaceId: string,
    from: number,
    count: number,
    emailOf: (i: number) => string,
  ): Promise<void>;
  /** Runs the org approval end to end: request → open → consent at the Zoom stand-in → callback. */
  connectOrg(workspaceId: string, zoomAdminEmail: string): Promise<void>;
  stop(options?: { drop?: boolean }): Promise<void>;
}

const consentSchema = z.union([z.object({ location: z.url() }), z.object({ refused: z.string() })]);

function adminProfile(): SlackProfile {
  return {
    id: ADMIN_ID,
    name: 'bench-admin',
    realName: 'Bench Admin',
    email: 'bench-admin@bench.test',
    deleted: false,
    isAdmin: true,
    isOwner: false,
    isPrimaryOwner: false,
  };
}

/** The runner only ever acts as the admin; everyone else is seeded straight into the collection. */
const directory: SlackDirectory = {
  async userInfo(_workspaceId, userId) {
    return userId === ADMIN_ID ? adminProfile() : null;
  },
  async listUsers() {
    return { users: [adminProfile()] };
  },
};

export function memberDoc(workspaceId: string, i: number, email: string, now: Date): MemberDoc {
  const realName = `Member ${String(i).padStart(6, '0')}`;
  return {
    workspaceId,
    slackUserId: `U${String(i).padStart(7, '0')}`,
    name: `member${i}`,
    realName,
    sortName: realName.toLowerCase(),
    email,
    isAdmin: false,
    isOwner: false,
    isPrimaryOwner: false,
    enterpriseAdmin: false,
    enterpriseOwner: false,
    deleted: false,
    locale: 'en-US',
    tz: 'Europe/Paris',
    optedOut: false,
    // A realistic mix for the counts: a few personal connections, some unmatched emails.
    personalStatus: i % 25 === 0 ? 'active' : i % 101 === 0 ? 'needs_reconnect' : 'none',
    zoomMatch: i % 40 === 0 ? 'not_found' : 'found',
    adminCheckedAt: now,
    lastSeenAt: now,
    updatedAt: now,
  };
}

export async function openWorld(options: {
  uri: string;
  zoomUrl: string;
  encryptionKeys: string;
}): Promise<BenchWorld> {
  const logger = pino({ level: 'silent' });
  const connection = mongoose.createConnection(options.uri, { monitorCommands: true });
  await connection.asPromise();
  const models = createModels(connection);
  await ensureIndexes(models);

  let counting: Record<string, number> | null = null;
  connection.getClient().on('commandStarted', (event) => {
    if (counting) {
      counting[event.commandName] = (counting[event.commandName] ?? 0) + 1;
    }
  });

  let timing: { started: Map<number, { name: string; filter: string }>; done: TimedCommand[] } | null = null;
  const client = connection.getClient();
  client.on('commandStarted', (event) => {
    if (!timing) return;
    const command = event.command as {
      filter?: unknown;
      query?: unknown;
      pipeline?: Array<{ $match?: unknown }>;
    };
    const filter = command.filter ?? command.query ?? command.pipeline?.[0]?.$match ?? null;
    timing.started.set(event.requestId, { name: event.commandName, filter: JSON.stringify(filter) });
  });
  client.on('commandSucceeded', (event) => {
    const started = timing?.started.get(event.requestId);
    if (timing && started) timing.done.push({ ...started, durationMs: event.duration });
  });

  const cipher = createTokenCipher(parseEncryptionKeys(options.encryptionKeys));
  const zoom = createZoomGateway({
    oauthUrl: options.zoomUrl,
    apiUrl: `${options.zoomUrl}/v2`,
    publicUrl: PUBLIC_URL,
    apps: {
      org: { clientId: ZOOM_APPS.org.clientId, clientSecret: ZOOM_APPS.org.clientSecret },
      user: { clientId: ZOOM_APPS.user.clientId, clientSecret: ZOOM_APPS.user.clientSecret },
    },
    cipher,
    instanceId: 'bench-runner',
    logger,
  });
  const services = createServices({
    models,
    zoom,
    slack: directory,
    cipher,
    publicUrl: PUBLIC_URL,
    logger,
    zoomClientIds: { org: 'bench-org-app', user: 'bench-user-app' },
    notifier: quietNotifier,
    defer: runAtOnce,
  });

  async function consent(authorizeUrl: string, email: string): Promise<URL> {
    const response = await fetch(`${options.zoomUrl}/_sandbox/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ authorize_url: authorizeUrl, email }),
    });
    if (!response.ok)
      throw new Error(`Zoom stand-in consent: HTTP ${response.status} ${await response.text()}`);
    const outcome = consentSchema.parse(await response.json());
    if ('refused' in outcome) throw new Error(`Zoom refused the consent: ${outcome.refused}`);
    return new URL(outcome.location);
  }

  return {
    connection,
    models,
    services,
    writes: {
      start() {
        const counts: Record<string, number> = {};
        counting = counts;
        return () => {
          counting = null;
          return counts;
        };
      },
    },
    async timeCommands(work) {
      const current = {
        started: new Map<number, { name: string; filter: string }>(),
        done: [] as TimedCommand[],
      };
      timing = current;
      try {
        await work();
      } finally {
        timing = null;
      }
      return current.done;
    },
    async seedMembers(workspaceId, from, count, emailOf) {
      const now = new Date();
      const batch = 5_000;
      for (let start = from; start < from + count; start += batch) {
        const size = Math.min(batch, from + count - start);
        const docs = Array.from({ length: size }, (_, j) =>
          memberDoc(workspaceId, start + j, emailOf(start + j), now),
        );
        await models.members.collection.insertMany(docs, { ordered: false });
      }
    },
    async connectOrg(workspaceId, zoomAdminEmail) {
      await services.settings.ensureWorkspace(workspaceId, { name: workspaceId });
      await services.directory.applyUser(workspaceId, adminProfile());
      const { link } = await services.approvals.create(workspaceId, { kind: 'org', requesterId: ADMIN_ID });
      const { authorizeUrl } = await services.approvals.open(link.split('/').at(-1) ?? '', 'org');
      const redirect = await consent(authorizeUrl, zoomAdminEmail);
      const result = await services.approvals.handleCallback({
        state: redirect.searchParams.get('state') ?? '',
        code: redirect.searchParams.get('code') ?? undefined,
      });
      if (result.outcome !== 'completed')
        throw new Error(`org connection for ${workspaceId}: ${result.outcome}`);
    },
    async stop(stopOptions = {}) {
      if (stopOptions.drop) await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    },
  };
}
