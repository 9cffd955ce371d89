// Handshake and server-information commands. The emulator presents itself as a standalone
// MongoDB 7.0 (wire version 21), which the driver of mongoose 9 accepts.
import type { Document } from 'bson';
import type { CommandHandler } from './context.js';

export const SERVER_VERSION = '7.0.0';
export const MAX_WIRE_VERSION = 21;

// No `topologyVersion`: it would switch the driver's monitor to the streaming (exhaust) hello
// protocol, which needs replies pushed with moreToCome; plain polling is enough for a standalone.
const hello: CommandHandler = (cmd, ctx) => {
  const reply: Document = {
    helloOk: true,
    ismaster: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
  if ('hello' in cmd) {
    delete reply.ismaster;
    return { isWritablePrimary: true, ...reply };
  }
  return reply;
};

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'emulator',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['emulator'],
  javascriptEngine: 'none',
  modules: [],
  ok: 1,
});

const ok: CommandHandler = () => ({ ok: 1 });

const serverStatus: CommandHandler = (_cmd, ctx) => ({
  host: 'localhost',
  version: SERVER_VERSION,
  process: 'mongod',
  pid: process.pid,
  uptime: Math.floor(process.uptime()),
  localTime: new Date(),
  connections: { current: 1, available: 1000 },
  metrics: { cursor: { open: { total: ctx.cursors.size } } },
  ok: 1,
});

const dbStats: CommandHandler = (_cmd, ctx) => {
  const colls = ctx.store.collections(ctx.db);
  const objects = colls.reduce((n, c) => n + c.docs.size, 0);
  return {
    db: ctx.db,
    collections: colls.length,
    views: 0,
    objects,
    indexes: colls.reduce((n, c) => n + c.indexSpecs().length, 0),
    ok: 1,
  };
};

const connectionStatus: CommandHandler = () => ({
  authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
  ok: 1,
});

const whatsmyuri: CommandHandler = () => ({ you: '127.0.0.1', ok: 1 });

const hostInfo: CommandHandler = () => ({
  system: { currentTime: new Date(), hostname: 'localhost', numCores: 1 },
  os: { type: process.platform },
  ok: 1,
});

const getParameter: CommandHandler = (cmd) => {
  const reply: Document = {};
  if (cmd.featureCompatibilityVersion !== undefined || cmd.getParameter === '*') {
    reply.featureCompatibilityVersion = { version: '7.0' };
  }
  return { ...reply, ok: 1 };
};

export const handshakeCommands: Record<string, CommandHandler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  endSessions: ok,
  killSessions: ok,
  killAllSessions: ok,
  refreshSessions: ok,
  serverStatus,
  dbStats,
  connectionStatus,
  whatsmyuri,
  hostInfo,
  getParameter,
  getCmdLineOpts: () => ({ argv: ['mongod'], parsed: {}, ok: 1 }),
  getLog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  getFreeMonitoringStatus: () => ({ state: 'disabled', ok: 1 }),
};
