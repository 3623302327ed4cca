// A unix-socket relay in front of the real test engine that holds every new connection for a while: an engine
// that answers slowly, for tests of what the extension does while the first connection is under way.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

// The scripts' short-directory helper (out/test/support → repo root is three levels up).
const shortPaths = require(path.join(__dirname, '../../../scripts/lib/socket-paths.js')) as { makeShortDir(prefix: string): string };

export interface SlowEngineProxy {
  readonly dockerHost: string;
  /** How long each new connection waits before it reaches the engine. */
  delayMs: number;
  close(): Promise<void>;
}

export async function startSlowEngineProxy(engineSocket: string, delayMs: number): Promise<SlowEngineProxy> {
  const dir = shortPaths.makeShortDir('dn-slow-');
  const socketPath = path.join(dir, 'docker.sock');
  const open = new Set<net.Socket>();
  const proxy = { dockerHost: `unix://${socketPath}`, delayMs, close };
  const server = net.createServer(client => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.pause();
    setTimeout(() => {
      if (client.destroyed) return;
      const engine = net.connect(engineSocket, () => { client.pipe(engine); engine.pipe(client); client.resume(); });
      open.add(engine);
      engine.on('close', () => { open.delete(engine); client.destroy(); });
      engine.on('error', () => client.destroy());
      client.on('error', () => engine.destroy());
      client.on('close', () => engine.destroy());
    }, proxy.delayMs);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  function close(): Promise<void> {
    for (const socket of open) socket.destroy();
    return new Promise(resolve => server.close(() => { fs.rmSync(dir, { recursive: true, force: true }); resolve(); }));
  }
  return proxy;
}
