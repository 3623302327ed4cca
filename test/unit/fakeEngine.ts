// A tiny stand-in for the Docker Engine on a unix socket, for unit tests of the gateway and the connection.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

// The scripts' short-directory helper (out/test/unit → repo root is three levels up): TMPDIR may be too long.
const shortPaths = require(path.join(__dirname, '../../../scripts/lib/socket-paths.js')) as {
  makeShortDir(prefix: string): string;
  FAKE_ENGINE_PREFIX: string;
};

export interface FakeEngine {
  readonly socketPath: string;
  readonly requests: string[];
  /** Open `/events` responses: write to them to emit events, end them to break the stream. */
  readonly eventStreams: http.ServerResponse[];
  start(): Promise<void>;
  stop(): Promise<void>;
  /** From now on no request gets an answer and open streams stay open and silent: an engine gone without a reset. */
  freeze(): void;
}

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

export function fakeEngine(
  options: { apiVersion?: string; minApiVersion?: string; engineVersion?: string; routes?: Route[] } = {},
): FakeEngine {
  const dir = shortPaths.makeShortDir(shortPaths.FAKE_ENGINE_PREFIX);
  const socketPath = path.join(dir, 'docker.sock');
  const requests: string[] = [];
  const eventStreams: http.ServerResponse[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Api-Version': options.apiVersion ?? '1.41' });
    res.end(JSON.stringify(body));
  };
  let frozen = false;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    if (frozen) return;
    for (const route of options.routes ?? []) if (route(req, res)) return;
    const url = req.url ?? '';
    if (url.endsWith('/_ping')) {
      res.writeHead(200);
      res.end('OK');
      return;
    }
    if (/^(\/v[\d.]+)?\/version$/.test(url))
      return json(res, 200, {
        Version: options.engineVersion ?? '20.10.24',
        ApiVersion: options.apiVersion ?? '1.41',
        MinAPIVersion: options.minApiVersion ?? '1.12',
        Os: 'linux',
        Arch: 'amd64',
      });
    if (/\/networks(\?|$)/.test(url)) return json(res, 200, []);
    if (/\/containers\/json/.test(url)) return json(res, 200, []);
    if (/\/events/.test(url)) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      eventStreams.push(res);
      return;
    }
    json(res, 404, { message: `page not found: ${url}` });
  };
  let server: http.Server | undefined;
  return {
    socketPath,
    requests,
    eventStreams,
    freeze: () => {
      frozen = true;
    },
    start: () =>
      new Promise(resolve => {
        fs.mkdirSync(dir, { recursive: true });
        fs.rmSync(socketPath, { force: true });
        server = http.createServer(handler);
        server.on('connection', socket => {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
        });
        server.listen(socketPath, () => resolve());
      }),
    stop: () =>
      new Promise(resolve => {
        eventStreams.splice(0).forEach(res => res.destroy());
        for (const socket of sockets) socket.destroy();
        const done = () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (!server) return done();
        server.close(() => done());
        server = undefined;
      }),
  };
}

export const silentLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      debug: (m: string) => lines.push(`debug ${m}`),
      info: (m: string) => lines.push(`info ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
      error: (m: string) => lines.push(`error ${m}`),
    },
  };
}
