// Remote engines against real servers on loopback: a private dockerd with --tlsverify (certificates made with
// openssl), reached the three ways a user configures TLS; and the same kind of engine behind Debian's sshd, where the
// host key is checked against known_hosts before anything is sent.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EngineAddressEnvironment, readFileIfExists, resolveEngineAddress } from '../../src/engine/engineAddress';
import { EngineError } from '../../src/engine/errors';
import { DockerGateway } from '../../src/engine/gateway';
import { trustHostKey } from '../../src/engine/sshHostKeys';
import { silentLogger } from '../support/engineFixture';

interface PrivateEngine {
  dockerHost: string;
  stop(): Promise<void>;
}
const scripts = path.join(__dirname, '../../../scripts/engine');
const engineScripts = require(path.join(scripts, 'private-engine.js')) as {
  startPrivateEngine(options: { log: (line: string) => void; extraArgs?: string[] }): Promise<PrivateEngine>;
};
interface TlsMaterial {
  ca: string;
  certDir(name: string, files?: { ca?: string; cert?: string | null; key?: string | null }): string;
}
interface SshServer {
  port: number;
  clientKey: string;
  knownHostsLine(): string;
  fingerprint(): string;
  rotateHostKey(): Promise<void>;
  stop(): Promise<void>;
}
const servers = require(path.join(scripts, 'remote-servers.js')) as {
  freePort(): Promise<number>;
  makeTlsMaterial(dir: string): TlsMaterial;
  tlsEngineArgs(material: TlsMaterial, port: number): string[];
  startSshServer(options: { dockerHost: string; dir: string; log: (line: string) => void }): Promise<SshServer>;
};

const log = (line: string) => console.log(`  ${line}`);

function environment(overrides: Partial<EngineAddressEnvironment> & { env: Record<string, string | undefined> }): EngineAddressEnvironment {
  return { homeDir: '/nonexistent', platform: process.platform, readFile: readFileIfExists, ...overrides };
}

async function networkNames(gateway: DockerGateway): Promise<string[]> {
  return (await gateway.listNetworks()).map(network => network.Name);
}

async function refusal(open: Promise<DockerGateway>): Promise<EngineError> {
  const outcome = await open.then(
    gateway => {
      gateway.dispose();
      return undefined;
    },
    (err: EngineError) => err,
  );
  assert.ok(outcome instanceof EngineError, 'the connection is refused');
  return outcome;
}

describe('a TLS engine (dockerd --tlsverify on 127.0.0.1)', () => {
  let dir: string;
  let material: TlsMaterial;
  let engine: PrivateEngine;
  let url: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-tls-'));
    material = servers.makeTlsMaterial(path.join(dir, 'pki'));
    const port = await servers.freePort();
    url = `tcp://127.0.0.1:${port}`;
    engine = await engineScripts.startPrivateEngine({ log, extraArgs: servers.tlsEngineArgs(material, port) });
  });
  after(async () => {
    await engine?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = (env: EngineAddressEnvironment) => DockerGateway.open(resolveEngineAddress(env), { timeoutMs: 15000, logger: silentLogger });

  test('connects through DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const gateway = await open(
      environment({ env: { DOCKER_HOST: url, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: material.certDir('env') } }),
    );
    assert.ok((await networkNames(gateway)).includes('bridge'));
    gateway.dispose();
  });

  test('connects through a Docker context that holds the TLS material', async () => {
    const home = path.join(dir, 'home-context');
    const config = path.join(home, '.docker');
    const id = createHash('sha256').update('remote-tls').digest('hex');
    fs.mkdirSync(path.join(config, 'contexts', 'meta', id), { recursive: true });
    fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ currentContext: 'remote-tls' }));
    fs.writeFileSync(
      path.join(config, 'contexts', 'meta', id, 'meta.json'),
      JSON.stringify({ Name: 'remote-tls', Endpoints: { docker: { Host: url, SkipTLSVerify: false } } }),
    );
    const tlsDir = path.join(config, 'contexts', 'tls', id);
    fs.mkdirSync(tlsDir, { recursive: true });
    fs.renameSync(material.certDir('context'), path.join(tlsDir, 'docker'));
    const address = resolveEngineAddress(environment({ env: {}, homeDir: home }));
    assert.equal(address.source, 'context');
    const gateway = await DockerGateway.open(address, { timeoutMs: 15000, logger: silentLogger });
    assert.ok((await networkNames(gateway)).includes('bridge'));
    gateway.dispose();
  });

  test('connects through the setting, with the certificates where the docker CLI keeps them (~/.docker)', async () => {
    const home = path.join(dir, 'home-setting');
    fs.mkdirSync(home, { recursive: true });
    fs.renameSync(material.certDir('setting'), path.join(home, '.docker'));
    const gateway = await open(environment({ env: { DOCKER_TLS_VERIFY: '1' }, settingHost: url, homeDir: home }));
    assert.ok((await networkNames(gateway)).includes('bridge'));
    gateway.dispose();
  });

  const failures: [string, { ca?: string; cert?: string | null; key?: string | null }, RegExp][] = [
    ['a wrong CA', { ca: 'other-ca.pem' }, /the engine's certificate is not signed by the CA given \(ca\.pem in .*a-wrong-CA\)/],
    [
      'an expired client certificate',
      { cert: 'expired-client.pem', key: 'expired-client-key.pem' },
      /the engine refused the client certificate \(cert\.pem in .*\): it expired on Jan\s+2 00:00:00 2020 GMT/,
    ],
    [
      'no client certificate',
      { cert: null, key: null },
      /the engine requires a client certificate, and none was given \(cert\.pem and key\.pem in /,
    ],
  ];
  for (const [what, files, cause] of failures) {
    test(`${what} gives a TLS error that names the endpoint and the cause`, async () => {
      const certDir = material.certDir(what.replace(/\W+/g, '-'), files);
      const error = await refusal(open(environment({ env: { DOCKER_HOST: url, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir } })));
      log(`${what}: ${error.message}`);
      assert.match(error.message, new RegExp(`^Docker Engine not reachable at ${url.replace(/[.]/g, '\\.')} \\(DOCKER_HOST\\): TLS`));
      assert.match(error.message, cause);
    });
  }
});

describe('an ssh:// engine (Debian sshd on 127.0.0.1, docker system dial-stdio on the far side)', () => {
  let dir: string;
  let engine: PrivateEngine;
  let sshd: SshServer;
  let knownHosts: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-ssh-'));
    engine = await engineScripts.startPrivateEngine({ log });
    sshd = await servers.startSshServer({ dockerHost: engine.dockerHost, dir: path.join(dir, 'sshd'), log });
    knownHosts = path.join(dir, 'user', '.ssh', 'known_hosts');
  });
  after(async () => {
    await sshd?.stop();
    await engine?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = () =>
    DockerGateway.open(
      { url: `ssh://root@127.0.0.1:${sshd.port}`, source: 'setting' },
      { timeoutMs: 20000, logger: silentLogger, ssh: { knownHostsFiles: [knownHosts], identityFiles: [sshd.clientKey] } },
    );

  test('an unknown host is refused with its fingerprint and how to trust it', async () => {
    const error = await refusal(open());
    log(`unknown host: ${error.message}`);
    assert.equal(error.hostKey?.verdict.kind, 'unknown');
    assert.ok(error.message.includes(sshd.fingerprint()), `the message shows ${sshd.fingerprint()}`);
    assert.match(error.message, new RegExp(`ssh-keyscan -p ${sshd.port} 127\\.0\\.0\\.1 >> `));
    assert.ok(!fs.existsSync(knownHosts), 'nothing was trusted without the user');
  });

  test('once trusted, the engine answers over ssh, and known_hosts holds the line ssh-keyscan would print', async () => {
    const error = await refusal(open());
    trustHostKey(error.hostKey!);
    assert.equal(fs.readFileSync(knownHosts, 'utf8'), `${sshd.knownHostsLine()}\n`);
    assert.equal((fs.statSync(path.dirname(knownHosts)).mode & 0o777).toString(8), '700');
    const gateway = await open();
    assert.ok((await networkNames(gateway)).includes('bridge'));
    gateway.dispose();
  });

  test('~/.ssh/config is honoured: a Host alias gives the HostName, Port, User and IdentityFile', async () => {
    const config = path.join(dir, 'user', '.ssh', 'config');
    fs.writeFileSync(
      config,
      `Host dn-build-box\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User root\n  IdentityFile ${sshd.clientKey}\n`,
    );
    const gateway = await DockerGateway.open(
      { url: 'ssh://dn-build-box', source: 'setting' },
      { timeoutMs: 20000, logger: silentLogger, ssh: { knownHostsFiles: [knownHosts], identityFiles: [], configFile: config } },
    );
    assert.ok((await networkNames(gateway)).includes('bridge'));
    gateway.dispose();
  });

  test('the key in an ssh-agent is used when no key file is given (SSH_AUTH_SOCK)', async () => {
    const agentSocket = path.join(dir, 'agent.sock');
    const agent = spawnSync('ssh-agent', ['-a', agentSocket], { encoding: 'utf8' });
    assert.equal(agent.status, 0, agent.stderr);
    const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(agent.stdout)?.[1]);
    try {
      const added = spawnSync('ssh-add', [sshd.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket }, encoding: 'utf8' });
      assert.equal(added.status, 0, added.stderr);
      const gateway = await DockerGateway.open(
        { url: `ssh://root@127.0.0.1:${sshd.port}`, source: 'setting' },
        { timeoutMs: 20000, logger: silentLogger, ssh: { knownHostsFiles: [knownHosts], identityFiles: [], agentSocket } },
      );
      assert.ok((await networkNames(gateway)).includes('bridge'));
      gateway.dispose();
    } finally {
      if (pid) process.kill(pid);
    }
  });

  test('a changed host key is refused loudly, naming the known_hosts line it contradicts', async () => {
    await sshd.rotateHostKey();
    const error = await refusal(open());
    log(`changed key: ${error.message}`);
    assert.equal(error.hostKey?.verdict.kind, 'changed');
    assert.match(error.message, /REFUSED: the SSH host key of \[127\.0\.0\.1\]:\d+ has CHANGED/);
    assert.match(error.message, new RegExp(`line 1 of ${knownHosts.replace(/[.]/g, '\\.')}`));
    assert.ok(error.message.includes(sshd.fingerprint()));
  });
});
