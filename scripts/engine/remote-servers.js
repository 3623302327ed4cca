'use strict';
// The servers the remote-engine tests talk to, made on this machine and bound to loopback only:
//   makeTlsMaterial(dir)   a CA, a server certificate for 127.0.0.1, client certificates (good, expired, from
//                          another CA), made with openssl; returns the file paths.
//   startSshServer({dockerHost, dir}) Debian's sshd on a free 127.0.0.1 port with its own config, host key and
//                          authorized key; the session gets DOCKER_HOST, so `docker system dial-stdio` (what the
//                          docker CLI's and docker-modem's ssh transport run remotely) reaches the private engine.
//   startPodmanService({dir}) Debian's podman serving its Docker-compatible API on a unix socket of its own.
// The ssh test user is root (who may use the engine's socket), allowed in by key only, on this sshd alone.
const fs = require('fs');
const net = require('net');
const path = require('path');
const { execFileSync, spawn, spawnSync } = require('child_process');
const { ensurePrograms, findProgram } = require('../lib/apt');

/** A TCP port nothing listens on at the moment, on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function openssl(args, cwd) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA-signed certificate for `name`; `dates` (openssl ca's -startdate/-enddate) makes one that has expired. */
function signed(dir, ca, name, { subject, extensions, dates }) {
  openssl(
    [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      `${name}-key.pem`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    ],
    dir,
  );
  fs.writeFileSync(path.join(dir, `${name}.ext`), `${extensions}\n`);
  if (!dates) {
    openssl(
      [
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        `${ca}.pem`,
        '-CAkey',
        `${ca}-key.pem`,
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        '2',
        '-extfile',
        `${name}.ext`,
      ],
      dir,
    );
    return;
  }
  // Only `openssl ca` takes explicit dates (x509 -req starts every certificate now).
  const db = path.join(dir, `${ca}-db`);
  fs.mkdirSync(db, { recursive: true });
  fs.writeFileSync(path.join(db, 'index.txt'), '');
  fs.writeFileSync(path.join(db, 'serial'), '1000\n');
  fs.writeFileSync(
    path.join(dir, `${ca}.cnf`),
    [
      '[ca]',
      'default_ca = test',
      '[test]',
      `dir = ${db}`,
      'database = $dir/index.txt',
      'serial = $dir/serial',
      `new_certs_dir = ${db}`,
      'default_md = sha256',
      'policy = any',
      'copy_extensions = none',
      '[any]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  openssl(
    [
      'ca',
      '-batch',
      '-config',
      `${ca}.cnf`,
      '-cert',
      `${ca}.pem`,
      '-keyfile',
      `${ca}-key.pem`,
      '-in',
      `${name}.csr`,
      '-out',
      `${name}.pem`,
      '-startdate',
      dates[0],
      '-enddate',
      dates[1],
      '-extfile',
      `${name}.ext`,
      '-notext',
    ],
    dir,
  );
}

function makeCa(dir, name) {
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      `${name}-key.pem`,
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
    ],
    dir,
  );
}

/** Everything a --tlsverify engine and its clients need, under `dir`. */
function makeTlsMaterial(dir, { log = () => {} } = {}) {
  ensurePrograms(['openssl'], ['openssl'], { log, what: 'TLS tests' });
  fs.mkdirSync(dir, { recursive: true });
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  signed(dir, 'ca', 'server', { subject: '/CN=127.0.0.1', extensions: 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth' });
  signed(dir, 'ca', 'client', { subject: '/CN=dn-client', extensions: 'extendedKeyUsage=clientAuth' });
  signed(dir, 'ca', 'expired-client', {
    subject: '/CN=dn-expired-client',
    extensions: 'extendedKeyUsage=clientAuth',
    dates: ['20200101000000Z', '20200102000000Z'],
  });
  signed(dir, 'other-ca', 'stranger', { subject: '/CN=dn-stranger', extensions: 'extendedKeyUsage=clientAuth' });
  const file = name => path.join(dir, name);
  return {
    dir,
    ca: file('ca.pem'),
    otherCa: file('other-ca.pem'),
    server: { cert: file('server.pem'), key: file('server-key.pem') },
    client: { cert: file('client.pem'), key: file('client-key.pem') },
    expiredClient: { cert: file('expired-client.pem'), key: file('expired-client-key.pem') },
    /** A folder as DOCKER_CERT_PATH and contexts expect it: ca.pem, cert.pem, key.pem. */
    certDir(name, { ca = 'ca.pem', cert = 'client.pem', key = 'client-key.pem' } = {}) {
      const out = path.join(dir, name);
      fs.mkdirSync(out, { recursive: true });
      fs.copyFileSync(file(ca), path.join(out, 'ca.pem'));
      if (cert) fs.copyFileSync(file(cert), path.join(out, 'cert.pem'));
      if (key) fs.copyFileSync(file(key), path.join(out, 'key.pem'));
      return out;
    },
  };
}

/** dockerd flags for a --tlsverify listener on 127.0.0.1:port with this material. */
function tlsEngineArgs(material, port) {
  return [
    '--tlsverify',
    `--tlscacert=${material.ca}`,
    `--tlscert=${material.server.cert}`,
    `--tlskey=${material.server.key}`,
    `--host=tcp://127.0.0.1:${port}`,
  ];
}

async function waitForPort(port, child, logFile, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise(resolve => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(
        `sshd did not listen on 127.0.0.1:${port}: ${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : 'no log'}`,
      );
    await new Promise(r => setTimeout(r, 50));
  }
}

/**
 * sshd on 127.0.0.1 with its own host key and an authorized client key, whose sessions reach `dockerHost`.
 * Returns { port, dir, clientKey, hostKeyLine(name), rotateHostKey(), stop() }.
 */
async function startSshServer({ dockerHost, dir, log = () => {} }) {
  ensurePrograms(['sshd', 'ssh-keygen', 'docker'], ['openssh-server', 'openssh-client', 'docker.io'], { log, what: 'SSH tests' });
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege separation directory
  const keygen = (file, type = 'ed25519') => execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'dn-test', '-f', file]);
  const hostKey = path.join(dir, 'host_ed25519');
  const clientKey = path.join(dir, 'client_ed25519');
  keygen(hostKey);
  keygen(clientKey);
  fs.copyFileSync(`${clientKey}.pub`, path.join(dir, 'authorized_keys'));
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      `SetEnv DOCKER_HOST=${dockerHost}`,
      '',
    ].join('\n'),
  );
  const logFile = path.join(dir, 'sshd.log');
  const sshd = findProgram('sshd');
  let child;
  const start = async () => {
    // Kept referenced: stop() awaits its exit, and an unreferenced child's exit would not keep the test process alive.
    child = spawn(sshd, ['-D', '-e', '-f', config], { stdio: ['ignore', fs.openSync(logFile, 'a'), fs.openSync(logFile, 'a')] });
    const running = child;
    process.once('exit', () => running.exitCode === null && running.kill('SIGKILL'));
    await waitForPort(port, child, logFile);
  };
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise(r => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  log(`ssh: sshd pid ${child.pid} on 127.0.0.1:${port}, sessions reach ${dockerHost}`);
  const publicKey = () => fs.readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  return {
    port,
    dir,
    clientKey,
    /** The known_hosts line that trusts this server's current key. */
    knownHostsLine: () => `[127.0.0.1]:${port} ${publicKey()}`,
    fingerprint: () => execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`], { encoding: 'utf8' }).split(/\s+/)[1],
    /** A new host key, as a reinstalled server (or an attacker) would present. */
    async rotateHostKey() {
      await stop();
      for (const f of [hostKey, `${hostKey}.pub`]) fs.rmSync(f, { force: true });
      keygen(hostKey);
      await start();
    },
    stop,
  };
}

/**
 * Podman's Docker-compatible API (`podman system service`) on a unix socket under `dir`, with its own storage and
 * network configuration there, so the machine's own Podman state is never touched. Returns { dockerHost, stop() }.
 */
async function startPodmanService({ dir, log = () => {} }) {
  ensurePrograms(['podman'], ['podman'], { log, what: 'Podman tests' });
  fs.mkdirSync(dir, { recursive: true });
  const socket = path.join(dir, 'podman.sock');
  const logFile = path.join(dir, 'podman.log');
  const out = fs.openSync(logFile, 'a');
  const args = ['--root', path.join(dir, 'root'), '--runroot', path.join(dir, 'run'), '--network-config-dir', path.join(dir, 'networks')];
  const child = spawn(findProgram('podman'), [...args, 'system', 'service', '--time=0', `unix://${socket}`], {
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  const deadline = Date.now() + 20000;
  while (!fs.existsSync(socket)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(
        `podman system service did not start: ${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : 'no log'}`,
      );
    await new Promise(r => setTimeout(r, 50));
  }
  log(`podman: API service pid ${child.pid} at unix://${socket}`);
  return {
    dockerHost: `unix://${socket}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(r => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      // Podman's storage leaves its overlay mounted under the root it was given: unmount before removing.
      const mounts = fs
        .readFileSync('/proc/mounts', 'utf8')
        .split('\n')
        .map(line => line.split(' ')[1])
        .filter(point => point && (point === dir || point.startsWith(`${dir}/`)))
        .reverse();
      for (const point of mounts) spawnSync('umount', ['-l', point]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { freePort, makeTlsMaterial, tlsEngineArgs, startSshServer, startPodmanService };
