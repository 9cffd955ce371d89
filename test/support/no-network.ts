// Loaded before every test file: any attempt to open a socket to a non-loopback address fails the
// test loudly. Tests must only talk to the stand-ins on 127.0.0.1 / ::1.
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

type ConnectArgs = Parameters<net.Socket['connect']>;
const originalConnect = net.Socket.prototype.connect;

function targetHost(args: unknown[]): string | undefined {
  const [first] = args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    if (typeof options.path === 'string') return undefined; // unix socket / IPC
    return typeof options.host === 'string' ? options.host : 'localhost';
  }
  if (typeof first === 'number') return typeof args[1] === 'string' ? args[1] : 'localhost';
  return undefined; // a path: IPC
}

net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const host = targetHost(args);
  if (host !== undefined && !LOOPBACK.test(host)) {
    throw new Error(`Test attempted to reach the network (${host}); only loopback is allowed`);
  }
  return originalConnect.apply(this, args as ConnectArgs);
} as typeof net.Socket.prototype.connect;
