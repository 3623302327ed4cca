// What reaches the engine connection is only what our resolution decided, and what is shown of it keeps secrets out.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { describeEngineAddress, redactCredentials, resolveEngineAddress } from '../../src/engine/engineAddress';
import { dockerFor } from '../../src/engine/dockerClient';
import { MAX_EVENT_LINE } from '../../src/engine/eventLines';
import { DockerGateway } from '../../src/engine/gateway';
import type { EngineEvent } from '../../src/model/engineTypes';
import { waitFor } from '../support/waitFor';
import { fakeEngine, silentLogger } from './fakeEngine';

describe('engine addresses shown in logs, views and messages carry no password', () => {
  test('a password in a tcp or ssh address becomes ***; a user name stays', () => {
    assert.equal(redactCredentials('tcp://admin:s3cr3t@10.0.0.5:2376'), 'tcp://admin:***@10.0.0.5:2376');
    assert.equal(redactCredentials('ssh://deploy:pa:ss@host'), 'ssh://deploy:***@host');
    assert.equal(redactCredentials('ssh://deploy@host'), 'ssh://deploy@host');
    assert.equal(redactCredentials('unix:///var/run/docker.sock'), 'unix:///var/run/docker.sock');
    assert.equal(
      describeEngineAddress({ url: 'tcp://admin:s3cr3t@10.0.0.5:2375', source: 'setting' }),
      'tcp://admin:***@10.0.0.5:2375 (setting dockerNetworks.host)',
    );
  });

  test('an address refused as invalid is named without its password', () => {
    assert.throws(
      () =>
        resolveEngineAddress({
          settingHost: 'gopher://u:s3cr3t@h',
          env: {},
          homeDir: '/nonexistent',
          platform: 'linux',
          readFile: () => undefined,
        }),
      (err: Error) => !err.message.includes('s3cr3t') && err.message.includes('u:***@h'),
    );
  });
});

describe("docker-modem's own environment defaults cannot slip in behind our resolution", () => {
  test('DOCKER_HOST, DOCKER_CERT_PATH, DOCKER_CLIENT_TIMEOUT and DOCKER_PATH_PREFIX leave the modem built for our address alone', () => {
    const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-certs-'));
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(certs, file), `not a real ${file}`);
    const saved = { ...process.env };
    Object.assign(process.env, {
      DOCKER_HOST: 'tcp://203.0.113.9:2376',
      DOCKER_CERT_PATH: certs,
      DOCKER_CLIENT_TIMEOUT: '1',
      DOCKER_PATH_PREFIX: '/evil/',
      DOCKER_TLS_VERIFY: '1',
    });
    try {
      const modem = dockerFor({ url: 'unix:///tmp/dn-own.sock', source: 'setting' }).modem as unknown as Record<string, unknown>;
      assert.equal(process.env.DOCKER_HOST, 'tcp://203.0.113.9:2376', 'the environment is left as it was');
      assert.equal(modem.socketPath, '/tmp/dn-own.sock');
      for (const field of ['host', 'port', 'ca', 'cert', 'key', 'timeout'])
        assert.equal(modem[field], undefined, `${field} came from the environment: ${String(modem[field])}`);
      assert.equal(modem.pathPrefix, '/');
      assert.equal(modem.protocol, 'http');
    } finally {
      for (const key of ['DOCKER_HOST', 'DOCKER_CERT_PATH', 'DOCKER_CLIENT_TIMEOUT', 'DOCKER_PATH_PREFIX', 'DOCKER_TLS_VERIFY']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      fs.rmSync(certs, { recursive: true, force: true });
    }
  });
});

describe('the event stream cannot grow memory without bound', () => {
  test('a line longer than the cap is dropped with a warning, and the events after it still arrive', async () => {
    const engine = fakeEngine();
    await engine.start();
    const warnings: string[] = [];
    const gateway = await DockerGateway.open(
      { url: `unix://${engine.socketPath}`, source: 'DOCKER_HOST' },
      { timeoutMs: 5000, logger: { ...silentLogger, warn: line => warnings.push(line) } },
    );
    const events: EngineEvent[] = [];
    const controller = new AbortController();
    const following = gateway.streamEvents({}, event => events.push(event), controller.signal);
    try {
      await waitFor(() => engine.eventStreams.length === 1, 'subscribed', 3000);
      const chunk = 'x'.repeat(64 * 1024);
      for (let sent = 0; sent <= MAX_EVENT_LINE * 2; sent += chunk.length) engine.eventStreams[0].write(chunk);
      engine.eventStreams[0].write('\n' + JSON.stringify({ Type: 'network', Action: 'create', Actor: { ID: 'after' } }) + '\n');
      await waitFor(() => events.length === 1, 'the event after the long line', 5000);
      assert.equal((events[0].Actor as { ID: string }).ID, 'after');
      assert.equal(warnings.filter(w => w.includes('longer than')).length, 1, warnings.join('\n'));
    } finally {
      controller.abort();
      await following.catch(() => undefined);
      gateway.dispose();
      await engine.stop();
    }
  });
});
