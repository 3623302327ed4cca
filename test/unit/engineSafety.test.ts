// What reaches the engine connection is only what our resolution decided, and what is shown of it keeps secrets out.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { describeEngineAddress, redactCredentials, resolveEngineAddress } from '../../src/engine/engineAddress';
import { dockerFor } from '../../src/engine/gateway';

describe('engine addresses shown in logs, views and messages carry no password', () => {
  test('a password in a tcp or ssh address becomes ***; a user name stays', () => {
    assert.equal(redactCredentials('tcp://admin:s3cr3t@10.0.0.5:2376'), 'tcp://admin:***@10.0.0.5:2376');
    assert.equal(redactCredentials('ssh://deploy:pa:ss@host'), 'ssh://deploy:***@host');
    assert.equal(redactCredentials('ssh://deploy@host'), 'ssh://deploy@host');
    assert.equal(redactCredentials('unix:///var/run/docker.sock'), 'unix:///var/run/docker.sock');
    assert.equal(describeEngineAddress({ url: 'tcp://admin:s3cr3t@10.0.0.5:2375', source: 'setting' }), 'tcp://admin:***@10.0.0.5:2375 (setting dockerNetworks.host)');
  });

  test('an address refused as invalid is named without its password', () => {
    assert.throws(() => resolveEngineAddress({ settingHost: 'gopher://u:s3cr3t@h', env: {}, homeDir: '/nonexistent', platform: 'linux', readFile: () => undefined }),
      (err: Error) => !err.message.includes('s3cr3t') && err.message.includes('u:***@h'));
  });
});

describe('docker-modem\'s own environment defaults cannot slip in behind our resolution', () => {
  test('DOCKER_HOST, DOCKER_CERT_PATH, DOCKER_CLIENT_TIMEOUT and DOCKER_PATH_PREFIX leave the modem built for our address alone', () => {
    const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-certs-'));
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(certs, file), `not a real ${file}`);
    const saved = { ...process.env };
    Object.assign(process.env, { DOCKER_HOST: 'tcp://203.0.113.9:2376', DOCKER_CERT_PATH: certs, DOCKER_CLIENT_TIMEOUT: '1', DOCKER_PATH_PREFIX: '/evil/', DOCKER_TLS_VERIFY: '1' });
    try {
      const modem = dockerFor({ url: 'unix:///tmp/dn-own.sock', source: 'setting' }).modem as unknown as Record<string, unknown>;
      assert.equal(process.env.DOCKER_HOST, 'tcp://203.0.113.9:2376', 'the environment is left as it was');
      assert.equal(modem.socketPath, '/tmp/dn-own.sock');
      for (const field of ['host', 'port', 'ca', 'cert', 'key', 'timeout']) assert.equal(modem[field], undefined, `${field} came from the environment: ${String(modem[field])}`);
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
