// Public entry of the MongoDB wire-protocol emulator used by tests and the sandbox.
import type { AddressInfo } from 'node:net';
import { type Logger, pino } from 'pino';
import { CursorManager } from './cursors.js';
import { loadSnapshot, saveSnapshot } from './persistence.js';
import { createWireServer } from './server.js';
import { Store } from './store.js';
import { startTtlMonitor, type TtlScheduler } from './ttl.js';

export interface MongoEmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback by default. */
  host?: string;
  /** When set, data is loaded from and saved to this file. */
  persistPath?: string;
  /** How often expired TTL documents are deleted (default 60 s, like mongod). */
  ttlIntervalMs?: number;
  /** The clock TTL expiry is judged by (default: the system clock). */
  now?: () => Date;
  /** What runs the TTL sweep every `ttlIntervalMs` (default: an unref'd setInterval). */
  ttlScheduler?: TtlScheduler;
  logger?: Logger;
}

export interface MongoEmulator {
  uri: string;
  port: number;
  stop(): Promise<void>;
}

// Snapshots rewrite the whole store, so bursts of writes are coalesced.
const PERSIST_DEBOUNCE_MS = 500;

export async function startMongoEmulator(options: MongoEmulatorOptions = {}): Promise<MongoEmulator> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const host = options.host ?? '127.0.0.1';
  const store = new Store();
  const cursors = new CursorManager();
  const { persistPath } = options;
  if (persistPath) loadSnapshot(store, persistPath);

  let saveTimer: NodeJS.Timeout | undefined;
  const save = (): void => {
    saveTimer = undefined;
    if (!persistPath) return;
    try {
      saveSnapshot(store, persistPath);
    } catch (err) {
      logger.error({ err, persistPath }, 'failed to persist the emulator data');
    }
  };
  const changed = (): void => {
    store.version += 1;
    if (persistPath && !saveTimer) saveTimer = setTimeout(save, PERSIST_DEBOUNCE_MS);
  };

  const server = createWireServer({ store, cursors, logger, changed });
  const stopTtl = startTtlMonitor(store, {
    intervalMs: options.ttlIntervalMs ?? 60_000,
    now: options.now,
    schedule: options.ttlScheduler,
    onDelete: (n) => {
      logger.debug({ deleted: n }, 'TTL monitor removed expired documents');
      changed();
    },
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const uriHost = host.includes(':') ? `[${host}]` : host;
  const uri = `mongodb://${uriHost}:${port}/`;
  logger.info({ uri }, 'MongoDB emulator listening');

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => {
      stopTtl();
      if (saveTimer) clearTimeout(saveTimer);
      if (persistPath) save();
      cursors.clear();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
    return stopped;
  };
  return { uri, port, stop };
}
