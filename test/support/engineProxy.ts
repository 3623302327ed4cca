// A unix-socket relay in front of the real test engine, for tests of what the extension does when the engine is
// slow, when only its event stream is cut, or when its traffic is watched. It can hold every new connection for a
// while (an engine slow to answer), delay every response, cut the `/events` streams (the engine stays up), and it
// records the request line of every call it relays, and how many connections were open at once.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

// The scripts' short-directory helper (out/test/support → repo root is three levels up).
const shortPaths = require(path.join(__dirname, '../../../scripts/lib/socket-paths.js')) as { makeShortDir(prefix: string): string };

export interface EngineProxyOptions {
  /** How long each new connection waits before it reaches the engine. */
  readonly holdMs?: number;
  /** Added to every piece of every response. */
  readonly responseDelayMs?: number;
}

export interface EngineProxy {
  readonly dockerHost: string;
  holdMs: number;
  responseDelayMs: number;
  /** "GET /v1.41/networks/<id>" for every request relayed so far, in order. */
  readonly requests: string[];
  /** The most connections (so: requests in flight) open at the same time. */
  readonly maxOpenConnections: number;
  /** Ends every `/events` stream and refuses new ones until `restoreEvents`; other calls go on. */
  cutEvents(): void;
  restoreEvents(): void;
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g;
const isEventsRequest = (line: string) => /^GET \S*\/events(\?|$)/.test(line);

export async function startEngineProxy(engineSocket: string, options: EngineProxyOptions = {}): Promise<EngineProxy> {
  const dir = shortPaths.makeShortDir('dn-proxy-');
  const socketPath = path.join(dir, 'docker.sock');
  const sockets = new Set<net.Socket>();
  const eventStreams = new Set<net.Socket>();
  let clients = 0;
  let maxOpen = 0;
  let eventsCut = false;
  const proxy: EngineProxy = {
    dockerHost: `unix://${socketPath}`,
    holdMs: options.holdMs ?? 0,
    responseDelayMs: options.responseDelayMs ?? 0,
    requests: [],
    get maxOpenConnections() {
      return maxOpen;
    },
    cutEvents: () => {
      eventsCut = true;
      for (const client of eventStreams) client.destroy();
    },
    restoreEvents: () => {
      eventsCut = false;
    },
    close,
  };
  const server = net.createServer(client => {
    sockets.add(client);
    maxOpen = Math.max(maxOpen, ++clients);
    client.on('close', () => {
      sockets.delete(client);
      eventStreams.delete(client);
      clients--;
    });
    client.on('data', chunk => {
      for (const match of chunk.toString('latin1').matchAll(REQUEST_LINE)) {
        const line = `${match[1]} ${match[2]}`;
        proxy.requests.push(line);
        if (isEventsRequest(line)) {
          if (eventsCut) client.destroy();
          else eventStreams.add(client);
        }
      }
    });
    client.pause();
    setTimeout(() => {
      if (client.destroyed) return;
      const engine = net.connect(engineSocket, () => {
        client.pipe(engine);
        client.resume();
      });
      sockets.add(engine);
      engine.on('data', chunk => {
        if (!proxy.responseDelayMs) client.write(chunk);
        else
          setTimeout(() => {
            if (!client.destroyed) client.write(chunk);
          }, proxy.responseDelayMs);
      });
      engine.on('end', () => setTimeout(() => client.end(), proxy.responseDelayMs));
      engine.on('close', () => {
        sockets.delete(engine);
        setTimeout(() => client.destroy(), proxy.responseDelayMs);
      });
      engine.on('error', () => client.destroy());
      client.on('error', () => engine.destroy());
      client.on('close', () => engine.destroy());
    }, proxy.holdMs);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  function close(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    return new Promise(resolve =>
      server.close(() => {
        fs.rmSync(dir, { recursive: true, force: true });
        resolve();
      }),
    );
  }
  return proxy;
}
