import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EngineError } from '../../src/engine/errors';
import { dockerodeOptions } from '../../src/engine/dockerClient';
import { DockerGateway } from '../../src/engine/gateway';
import { waitFor } from '../support/waitFor';
import { fakeEngine, recordingLogger, silentLogger } from './fakeEngine';

describe('engine gateway against a fake engine', () => {
  const slowPath = '/v1.41/networks/slow';
  const engine = fakeEngine({
    routes: [
      (req, res) => {
        if (req.url === slowPath) {
          setTimeout(() => res.destroyed || res.end('{}'), 2000);
          return true;
        }
        return false;
      },
      (req, res) => {
        if (req.method === 'GET' && req.url === '/v1.41/networks/busy') {
          res.writeHead(403, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ message: 'network busy has active endpoints' }));
          return true;
        }
        return false;
      },
    ],
  });
  before(() => engine.start());
  after(() => engine.stop());
  const engineAddress = () => ({ url: `unix://${engine.socketPath}`, source: 'DOCKER_HOST' as const });

  test('negotiates the API version once and prefixes later calls with it', async () => {
    const gateway = await DockerGateway.open(engineAddress(), { timeoutMs: 5000, logger: silentLogger });
    assert.equal(gateway.engine.apiVersion, '1.41');
    assert.equal(gateway.capabilities.connectMacAddress, false);
    await gateway.listNetworks();
    assert.ok(engine.requests.includes('GET /version'));
    assert.ok(engine.requests.includes('GET /v1.41/networks'));
    gateway.dispose();
  });

  test("sends list filters as the engine's JSON form", async () => {
    const gateway = await DockerGateway.open(engineAddress(), { timeoutMs: 5000, logger: silentLogger });
    await gateway.listNetworks({ label: ['a=b'] });
    assert.ok(
      engine.requests.includes(`GET /v1.41/networks?filters=${encodeURIComponent(JSON.stringify({ label: ['a=b'] }))}`),
      engine.requests.join('\n'),
    );
  });

  test('logs every call with method, path, status and duration', async () => {
    const { lines, logger } = recordingLogger();
    const gateway = await DockerGateway.open(engineAddress(), { timeoutMs: 5000, logger });
    await gateway.listContainers();
    assert.ok(
      lines.some(line => /^debug GET \/version → 200 in \d+ ms$/.test(line)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some(line => /^debug GET \/v1\.41\/containers\/json\?all=true → 200 in \d+ ms$/.test(line)),
      lines.join('\n'),
    );
  });

  test("a refusal carries the engine's status and message, and is logged as an error", async () => {
    const { lines, logger } = recordingLogger();
    const gateway = await DockerGateway.open(engineAddress(), { timeoutMs: 5000, logger });
    await assert.rejects(
      gateway.inspectNetwork('busy'),
      (err: EngineError) =>
        err.kind === 'refused' &&
        err.statusCode === 403 &&
        err.message === 'Docker Engine refused to inspect network "busy": network busy has active endpoints (HTTP 403)',
    );
    assert.ok(lines.some(line => line.startsWith('debug GET /v1.41/networks/busy → 403')));
    assert.ok(lines.some(line => line.startsWith('error inspect network "busy" failed')));
  });

  test('a call that takes longer than the timeout fails with a timeout error', async () => {
    const gateway = await DockerGateway.open(engineAddress(), { timeoutMs: 5000, logger: silentLogger });
    const started = Date.now();
    await assert.rejects(
      gateway.inspectNetwork('slow', { timeoutMs: 150 }),
      (err: EngineError) => err.kind === 'timeout' && /did not answer/.test(err.message),
    );
    assert.ok(Date.now() - started < 1500);
  });

  test('a call can be cancelled by its caller', async () => {
    const gateway = await DockerGateway.open(engineAddress(), { timeoutMs: 5000, logger: silentLogger });
    const controller = new AbortController();
    const slowCalls = () => engine.requests.filter(request => request === `GET ${slowPath}`).length;
    const before = slowCalls();
    const pending = gateway.inspectNetwork('slow', { signal: controller.signal });
    await waitFor(() => slowCalls() > before, 'the request to reach the engine', 3000);
    controller.abort();
    await assert.rejects(pending, (err: EngineError) => err.kind === 'cancelled');
  });

  test('cancelling one call leaves a call running beside it alone', async () => {
    const gateway = await DockerGateway.open(engineAddress(), { timeoutMs: 5000, logger: silentLogger });
    const first = new AbortController();
    const cancelled = gateway.inspectNetwork('slow', { signal: first.signal });
    const untouched = gateway.inspectNetwork('slow', { signal: new AbortController().signal });
    setTimeout(() => first.abort(), 50);
    await assert.rejects(cancelled, (err: EngineError) => err.kind === 'cancelled');
    assert.deepEqual(await untouched, {});
  });

  test('no socket: unreachable, naming the socket', async () => {
    const missing = path.join(path.dirname(engine.socketPath), 'missing.sock');
    await assert.rejects(
      DockerGateway.open({ url: `unix://${missing}`, source: 'setting' }, { timeoutMs: 2000, logger: silentLogger }),
      (err: EngineError) => err.kind === 'unreachable' && err.message.includes(`no socket at ${missing}`),
    );
  });

  test('too old an engine is refused at negotiation', async () => {
    const old = fakeEngine({ apiVersion: '1.24' });
    await old.start();
    try {
      await assert.rejects(
        DockerGateway.open({ url: `unix://${old.socketPath}`, source: 'setting' }, { timeoutMs: 2000, logger: silentLogger }),
        (err: EngineError) => err.kind === 'api-version' && /too old/.test(err.message),
      );
    } finally {
      await old.stop();
    }
  });

  test('engine addresses map to dockerode options without leaking DOCKER_HOST defaults', () => {
    assert.equal(dockerodeOptions({ url: 'unix:///var/run/docker.sock', source: 'default' }).socketPath, '/var/run/docker.sock');
    assert.equal(dockerodeOptions({ url: 'unix:///var/run/docker.sock', source: 'default' }).host, undefined);
    assert.equal(dockerodeOptions({ url: 'npipe:////./pipe/docker_engine', source: 'default' }).socketPath, '\\\\.\\pipe\\docker_engine');
    const tcp = dockerodeOptions({
      url: 'tcp://10.1.1.1:2376',
      source: 'DOCKER_HOST',
      tls: { ca: 'CA', cert: 'C', key: 'K', verify: true },
    });
    assert.deepEqual([tcp.protocol, tcp.host, tcp.port, tcp.ca], ['https', '10.1.1.1', 2376, 'CA']);
    const plain = dockerodeOptions({ url: 'tcp://127.0.0.1:2375', source: 'DOCKER_HOST' });
    assert.deepEqual([plain.protocol, plain.port], ['http', 2375]);
    const hostVerifier = () => false;
    const ssh = dockerodeOptions(
      { url: 'ssh://me@box:2222', source: 'setting' },
      { host: 'box', port: 2222, username: 'me', hostVerifier },
    );
    assert.deepEqual([ssh.protocol, ssh.host, ssh.port, (ssh as { username?: string }).username], ['ssh', 'box', 2222, 'me']);
    assert.equal((ssh as { sshOptions?: { hostVerifier?: unknown } }).sshOptions?.hostVerifier, hostVerifier, 'the host key is checked');
    assert.throws(() => dockerodeOptions({ url: 'ssh://me@box', source: 'setting' }), /without a host-key check/);
  });
});
