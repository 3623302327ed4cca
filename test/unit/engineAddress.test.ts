import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { describeEngineAddress, EngineAddressError, EngineAddressEnvironment, resolveEngineAddress } from '../../src/engine/engineAddress';

const HOME = '/home/dev';
const sha = (name: string) => createHash('sha256').update(name).digest('hex');

function environment(overrides: Partial<EngineAddressEnvironment> & { files?: Record<string, string> } = {}): EngineAddressEnvironment {
  const files = overrides.files ?? {};
  return { env: {}, homeDir: HOME, platform: 'linux', readFile: file => files[file], ...overrides };
}

function contextFiles(name: string, host: string, extra: Record<string, string> = {}, skipTls = false): Record<string, string> {
  return {
    [`${HOME}/.docker/contexts/meta/${sha(name)}/meta.json`]: JSON.stringify({
      Name: name,
      Endpoints: { docker: { Host: host, SkipTLSVerify: skipTls } },
    }),
    ...extra,
  };
}

describe('engine address resolution', () => {
  test('uses the platform default socket when nothing is configured', () => {
    assert.deepEqual(resolveEngineAddress(environment()), { url: 'unix:///var/run/docker.sock', source: 'default' });
    assert.equal(resolveEngineAddress(environment({ platform: 'win32' })).url, 'npipe:////./pipe/docker_engine');
  });

  test('the setting wins over DOCKER_HOST and contexts', () => {
    const address = resolveEngineAddress(
      environment({ settingHost: 'unix:///run/podman/podman.sock', env: { DOCKER_HOST: 'tcp://1.2.3.4:2375', DOCKER_CONTEXT: 'remote' } }),
    );
    assert.equal(address.url, 'unix:///run/podman/podman.sock');
    assert.equal(address.source, 'setting');
  });

  test('a bare socket path in the setting becomes a unix:// address', () => {
    assert.equal(resolveEngineAddress(environment({ settingHost: '/tmp/d.sock' })).url, 'unix:///tmp/d.sock');
  });

  test('DOCKER_HOST wins over the current context', () => {
    const files = {
      [`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'remote' }),
      ...contextFiles('remote', 'tcp://10.0.0.1:2376'),
    };
    const address = resolveEngineAddress(environment({ env: { DOCKER_HOST: 'unix:///tmp/x.sock' }, files }));
    assert.deepEqual([address.url, address.source], ['unix:///tmp/x.sock', 'DOCKER_HOST']);
  });

  test('DOCKER_CONTEXT selects a context and its TLS material', () => {
    const tlsDir = `${HOME}/.docker/contexts/tls/${sha('remote')}/docker`;
    const files = contextFiles('remote', 'tcp://10.0.0.1:2376', {
      [`${tlsDir}/ca.pem`]: 'CA',
      [`${tlsDir}/cert.pem`]: 'CERT',
      [`${tlsDir}/key.pem`]: 'KEY',
    });
    const address = resolveEngineAddress(environment({ env: { DOCKER_CONTEXT: 'remote' }, files }));
    assert.deepEqual(address, {
      url: 'tcp://10.0.0.1:2376',
      source: 'context',
      contextName: 'remote',
      tls: { ca: 'CA', cert: 'CERT', key: 'KEY', verify: true, dir: tlsDir },
    });
    assert.equal(describeEngineAddress(address), 'tcp://10.0.0.1:2376 (context "remote")');
  });

  test('the current context comes from config.json, honouring DOCKER_CONFIG', () => {
    const files = {
      '/etc/dockercfg/config.json': JSON.stringify({ currentContext: 'colima' }),
      [`/etc/dockercfg/contexts/meta/${sha('colima')}/meta.json`]: JSON.stringify({
        Endpoints: { docker: { Host: 'unix:///home/dev/.colima/docker.sock' } },
      }),
    };
    const address = resolveEngineAddress(environment({ env: { DOCKER_CONFIG: '/etc/dockercfg' }, files }));
    assert.equal(address.url, 'unix:///home/dev/.colima/docker.sock');
    assert.equal(address.contextName, 'colima');
  });

  test('the "default" context means the default socket', () => {
    const files = { [`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'default' }) };
    assert.equal(resolveEngineAddress(environment({ files })).source, 'default');
  });

  test('SkipTLSVerify contexts turn verification off', () => {
    const address = resolveEngineAddress(
      environment({ env: { DOCKER_CONTEXT: 'lab' }, files: contextFiles('lab', 'tcp://lab:2376', {}, true) }),
    );
    assert.deepEqual(address.tls, { verify: false, dir: `${HOME}/.docker/contexts/tls/${sha('lab')}/docker` });
  });

  test('a missing context is a configuration error that names it', () => {
    assert.throws(
      () => resolveEngineAddress(environment({ env: { DOCKER_CONTEXT: 'gone' } })),
      (err: Error) => err instanceof EngineAddressError && /Docker context "gone" does not exist/.test(err.message),
    );
  });

  test('a broken config.json is reported with its path', () => {
    const files = { [`${HOME}/.docker/config.json`]: '{not json' };
    assert.throws(() => resolveEngineAddress(environment({ files })), /config\.json is not valid JSON/);
  });

  test('DOCKER_TLS_VERIFY reads certificates from DOCKER_CERT_PATH', () => {
    const files = { '/certs/ca.pem': 'CA', '/certs/cert.pem': 'CERT', '/certs/key.pem': 'KEY' };
    const address = resolveEngineAddress(
      environment({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, files }),
    );
    assert.deepEqual(address.tls, { ca: 'CA', cert: 'CERT', key: 'KEY', verify: true, dir: '/certs' });
  });

  test('plain tcp without TLS variables has no TLS', () => {
    assert.equal(resolveEngineAddress(environment({ env: { DOCKER_HOST: 'tcp://127.0.0.1:2375' } })).tls, undefined);
  });

  test('ssh hosts are kept as they are', () => {
    assert.equal(resolveEngineAddress(environment({ env: { DOCKER_HOST: 'ssh://me@build-box:2222' } })).url, 'ssh://me@build-box:2222');
  });

  test('unsupported schemes and garbage are rejected with the value named', () => {
    assert.throws(() => resolveEngineAddress(environment({ settingHost: 'ftp://x' })), /"ftp:\/\/x" uses the unsupported scheme "ftp"/);
    assert.throws(
      () => resolveEngineAddress(environment({ settingHost: 'localhost:2375' })),
      /"localhost:2375" is not a Docker host address/,
    );
  });
});

describe('TLS decisions for tcp hosts', () => {
  const env = (vars: Record<string, string>, host = 'tcp://h:2376') =>
    resolveEngineAddress(environment({ env: { DOCKER_HOST: host, ...vars } })).tls;

  test('port 2376 or https:// means TLS with the server verified', () => {
    assert.deepEqual(env({}), { verify: true });
    assert.deepEqual(env({}, 'https://h:8443'), { verify: true });
  });

  test('only DOCKER_TLS without DOCKER_TLS_VERIFY skips verification, as the docker CLI does', () => {
    assert.deepEqual(env({ DOCKER_TLS: '1' }), { verify: false, dir: `${HOME}/.docker` });
    assert.deepEqual(env({ DOCKER_TLS: '1', DOCKER_TLS_VERIFY: '1' }), { verify: true });
  });

  test('port 2375 without TLS variables is plain HTTP', () => {
    assert.equal(env({}, 'tcp://h:2375'), undefined);
  });
});
