// A unix-socket relay in front of the real test engine, for tests of what the extension does when the engine is
// slow or its traffic is watched: it can hold every new connection for a while (an engine that answers slowly) and
// it records the request line of every call it relays (to prove what the extension does not ask for).
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

// The scripts' short-directory helper (out/test/support → repo root is three levels up).
const shortPaths = require(path.join(__dirname, '../../../scripts/lib/socket-paths.js')) as { makeShortDir(prefix: string): string };

export interface EngineProxy {
  readonly dockerHost: string;
  /** How long each new connection waits before it reaches the engine. */
  holdMs: number;
  /** "GET /v1.41/networks/<id>" for every request relayed so far, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g;

export async function startEngineProxy(engineSocket: string, options: { holdMs?: number } = {}): Promise<EngineProxy> {
  const dir = shortPaths.makeShortDir('dn-proxy-');
  const socketPath = path.join(dir, 'docker.sock');
  const open = new Set<net.Socket>();
  const proxy: EngineProxy = { dockerHost: `unix://${socketPath}`, holdMs: options.holdMs ?? 0, requests: [], close };
  const server = net.createServer(client => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('data', chunk => { for (const match of chunk.toString('latin1').matchAll(REQUEST_LINE)) proxy.requests.push(`${match[1]} ${match[2]}`); });
    client.pause();
    setTimeout(() => {
      if (client.destroyed) return;
      const engine = net.connect(engineSocket, () => { client.pipe(engine); engine.pipe(client); client.resume(); });
      open.add(engine);
      engine.on('close', () => { open.delete(engine); client.destroy(); });
      engine.on('error', () => client.destroy());
      client.on('error', () => engine.destroy());
      client.on('close', () => engine.destroy());
    }, proxy.holdMs);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  function close(): Promise<void> {
    for (const socket of open) socket.destroy();
    return new Promise(resolve => server.close(() => { fs.rmSync(dir, { recursive: true, force: true }); resolve(); }));
  }
  return proxy;
}
