'use strict';
// A private Docker Engine for tests and `npm start`, beside any engine already on the machine.
// docs/engine-behaviour.md says why each dockerd flag is there.
// Module:  ensureEnginePackages({log})            (sync)
//          startPrivateEngine({baseDir, runDir, log, stopOnExit, startTimeoutMs, netns, extraArgs, hostname})
//              -> {dockerHost, socketPath, dir, runDir, logFile, bridge, bridgeSubnet, pid, netns, stop({keepLogs}), stopSync({keepLogs})}
//             netns: true runs dockerd with iptables on, inside a network namespace of its own (created here and
//             deleted on stop), so it enforces isolation, ICC and internal networks without touching the host's
//             firewall; its socket stays on the host's filesystem. extraArgs: more dockerd flags (a TLS listener).
//             hostname: dockerd runs in a UTS namespace of its own with that host name (its swarm node name).
//             dir (data root, log, config) follows TMPDIR; runDir (sockets, exec root, pidfile) is a short directory
//             directly under /tmp, so socket paths fit whatever the clone location and TMPDIR (lib/socket-paths.js).
//          ensureTestImage(dockerHost, {log})     -> 'docker-networks-test/busybox:latest'
//          dockerFor(dockerHost)                  -> dockerode instance
// CLI:     node scripts/engine/private-engine.js start|selftest

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { spawn, spawnSync, execFileSync } = require('child_process');
const { IPv4CidrRange } = require('ip-num');
const { SHORT_ROOT, assertSocketsFit } = require('../lib/socket-paths');

const TEST_IMAGE = 'docker-networks-test/busybox:latest';
const SYS_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const ENV = { ...process.env, PATH: `${process.env.PATH || ''}:${SYS_PATH}` };

const noop = () => {};
const sleepSync = ms => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const delay = ms => new Promise(r => setTimeout(r, ms));

function findBin(name) {
  for (const dir of ENV.PATH.split(':')) {
    const p = path.join(dir || '.', name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

// A dynamically linked /bin/busybox (Debian's `busybox` package) can't run in a scratch image: look for PT_INTERP.
function isStaticElf(file) {
  try {
    const b = fs.readFileSync(file);
    if (b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2) return false; // 64-bit ELF only
    const phoff = Number(b.readBigUInt64LE(0x20)),
      phentsize = b.readUInt16LE(0x36),
      phnum = b.readUInt16LE(0x38);
    for (let i = 0; i < phnum; i++) if (b.readUInt32LE(phoff + i * phentsize) === 3) return false;
    return true;
  } catch {
    return false;
  }
}

/** Sync. Installs docker.io, busybox-static, iproute2 with apt-get when a tool is missing. Throws on failure. */
function ensureEnginePackages({ log = console.log } = {}) {
  const missing = ['dockerd', 'containerd', 'runc', 'ip', 'tar'].filter(b => !findBin(b));
  if (!isStaticElf('/bin/busybox')) missing.push('static /bin/busybox');
  if (!missing.length) return;
  log(`engine: missing ${missing.join(', ')}; installing docker.io busybox-static iproute2 with apt-get`);
  const env = { ...ENV, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'docker.io', 'busybox-static', 'iproute2', 'tar']]) {
    const r = spawnSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0)
      throw new Error(
        `engine: 'apt-get ${args.join(' ')}' failed (${r.error ? r.error.message : 'exit ' + r.status}); ` +
          'install docker.io, busybox-static and iproute2 by hand (needs root)',
      );
  }
  const still = ['dockerd', 'containerd', 'ip'].filter(b => !findBin(b));
  if (still.length || !isStaticElf('/bin/busybox'))
    throw new Error(`engine: still missing after apt-get: ${still.join(', ') || 'static busybox'}`);
}

// ---------- host network helpers ----------
const ipJson = (...args) => JSON.parse(execFileSync('ip', ['-j', ...args], { env: ENV, encoding: 'utf8' }) || '[]');
const ip = (...args) => execFileSync('ip', args, { env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
const netnsNames = () => new Set(ipJson('netns', 'list').map(n => n.name));
const linkNames = () => new Set(ipJson('link', 'show').map(l => l.ifname));
// IPv4 blocks as [first, last] ip-num addresses (ip-num does the math; host bits in a route or address are masked).
function ipv4Block(cidr) {
  const range = IPv4CidrRange.fromCidr(cidr.includes('/') ? cidr : `${cidr}/32`);
  return [range.getFirst(), range.getLast()];
}
const blocksOverlap = ([aFirst, aLast], [bFirst, bLast]) => aFirst.isLessThanOrEquals(bLast) && bFirst.isLessThanOrEquals(aLast);
/** Every IPv4 block the host routes or holds an address in: a subnet of ours must overlap none of them. */
function hostIPv4Blocks() {
  const blocks = [];
  for (const rt of ipJson('route', 'show', 'table', 'all')) if (/^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(rt.dst)) blocks.push(ipv4Block(rt.dst));
  for (const l of ipJson('addr', 'show'))
    for (const a of l.addr_info || []) if (a.family === 'inet') blocks.push(ipv4Block(`${a.local}/${a.prefixlen}`));
  return blocks;
}
const isFreeOnHost = (cidr, blocks = hostIPv4Blocks()) => !blocks.some(used => blocksOverlap(used, ipv4Block(cidr)));
// Pick a free 10.213.X.0/24 (start at a pid-derived X so parallel engines rarely race for the same one).
function pickBridgeSubnet() {
  const used = hostIPv4Blocks();
  for (let i = 0; i < 254; i++) {
    const x = ((process.pid + i * 7 + Math.floor(Math.random() * 8)) % 254) + 1;
    if (isFreeOnHost(`10.213.${x}.0/24`, used)) return x;
  }
  throw new Error('engine: no free /24 in 10.213.0.0/16 for the private bridge');
}

// ---------- process helpers (read /proc so zombies don't count as alive) ----------
function procStat(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { pid: Number(pid), state: f[0], ppid: Number(f[1]), pgrp: Number(f[2]) };
  } catch {
    return null;
  }
}
const alive = pid => {
  const s = procStat(pid);
  return !!s && s.state !== 'Z' && s.state !== 'X';
};
function procs() {
  return fs
    .readdirSync('/proc')
    .filter(d => /^\d+$/.test(d))
    .map(procStat)
    .filter(s => s && s.state !== 'Z' && s.state !== 'X');
}
const cmdline = pid => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};
const kill = (pid, sig) => {
  try {
    process.kill(pid, sig);
  } catch {
    /* gone */
  }
};
function waitGone(test, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!test()) return true;
    sleepSync(100);
  }
  return !test();
}

function tail(file, n = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

function ping(socketPath, timeout = 2000) {
  return new Promise(resolve => {
    const req = http.request({ socketPath, path: '/_ping', timeout }, res => {
      let body = '';
      res.on('data', d => {
        body += d;
      });
      res.on('end', () => resolve(res.statusCode === 200 && body.trim() === 'OK'));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

// Sync (a child node process does the HTTP), so the process 'exit' handler can use it too.
function killContainersSync(socketPath) {
  const code = `const http=require('http');const s=${JSON.stringify(socketPath)};
const req=(m,p)=>new Promise((ok)=>{const r=http.request({socketPath:s,method:m,path:p,timeout:5000},(res)=>{let b='';res.on('data',(d)=>b+=d);res.on('end',()=>ok(b));});r.on('error',()=>ok('[]'));r.on('timeout',()=>r.destroy());r.end();});
req('GET','/containers/json').then((b)=>Promise.all(JSON.parse(b||'[]').map((c)=>req('POST','/containers/'+c.Id+'/kill'))));`;
  spawnSync(process.execPath, ['-e', code], { env: { ...ENV, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'ignore', timeout: 10000 });
}

// ---------- engine registry, so Ctrl-C / SIGTERM / process.exit stop engines that asked for it ----------
const onExitEngines = new Set();
let handlersInstalled = false;
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const onSignal = sig => {
    for (const e of onExitEngines) e.stopSync({});
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, onSignal);
  // process.exit() (e.g. from mocha) skips async work: stop synchronously.
  process.once('exit', () => {
    for (const e of onExitEngines) e.stopSync({});
  });
}

let engineCounter = 0;

/** Where new engine directories are made: fs.mkdtemp prefixes. Only the data dir follows TMPDIR. */
function engineDirPrefixes(tmpDir = os.tmpdir()) {
  return { data: path.join(tmpDir, 'dn-engine-'), run: path.join(SHORT_ROOT, 'dn-') };
}

/** Every file a private engine uses, from its two directories. */
function engineLayout({ dataDir, runDir }) {
  return {
    dataDir,
    runDir,
    socketPath: path.join(runDir, 'docker.sock'),
    pidFile: path.join(runDir, 'docker.pid'),
    execRoot: path.join(runDir, 'x'),
    dataRoot: path.join(dataDir, 'data'),
    logFile: path.join(dataDir, 'dockerd.log'),
    configFile: path.join(dataDir, 'daemon.json'),
  };
}

/**
 * Every unix socket a private dockerd (20.10) creates, measured with containers, a user network and swarm mode:
 * its API socket, containerd's three, the metrics socket, libnetwork's (named after a 12-character controller ID)
 * and the swarm control socket. All sit under the run dir; containerd's shims use fixed paths in /run/containerd.
 */
function engineSockets(layout) {
  const underExecRoot = [
    'containerd/containerd.sock',
    'containerd/containerd.sock.ttrpc',
    'containerd/containerd-debug.sock',
    'metrics.sock',
    'libnetwork/0123456789ab.sock',
    'swarm/control.sock',
  ];
  return [layout.socketPath, ...underExecRoot.map(name => path.join(layout.execRoot, name))];
}

function makeDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return path.resolve(dir);
}

/**
 * Starts a private dockerd. Resolves when /_ping answers OK; throws (after cleaning up) with the log tail otherwise.
 * stop({keepLogs}) is idempotent; it blocks the event loop while it waits for dockerd (a few seconds at most).
 */
async function startPrivateEngine({
  baseDir,
  runDir: givenRunDir,
  log = console.log,
  stopOnExit = true,
  startTimeoutMs = 60000,
  netns: inNamespace = false,
  extraArgs = [],
  hostname,
} = {}) {
  ensureEnginePackages({ log });
  if (hostname !== undefined && !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(hostname))
    throw new Error(`engine: "${hostname}" is not a host name (letters, digits and inner hyphens, at most 63)`);
  if (inNamespace)
    for (const tool of ['nsenter', 'iptables']) if (!findBin(tool)) throw new Error(`engine: ${tool} is missing (util-linux, iptables)`);
  const prefixes = engineDirPrefixes();
  const dir = baseDir ? makeDir(baseDir) : fs.mkdtempSync(prefixes.data);
  const runDir = givenRunDir ? makeDir(givenRunDir) : fs.mkdtempSync(prefixes.run);
  const layout = engineLayout({ dataDir: dir, runDir });
  const { socketPath, logFile, pidFile, execRoot, configFile } = layout;
  try {
    assertSocketsFit(engineSockets(layout));
  } catch (e) {
    for (const d of [dir, runDir]) fs.rmSync(d, { recursive: true, force: true });
    throw e;
  }
  // Auto-allocated subnets come from a pool no stock daemon uses, so they are predictable in tests.
  // deprecated-key-path: else dockerd 20.10 may write /etc/docker/key.json (it exists only as a config-file key).
  fs.writeFileSync(
    configFile,
    JSON.stringify({ 'default-address-pools': [{ base: '10.214.0.0/16', size: 24 }], 'deprecated-key-path': path.join(dir, 'key.json') }),
  );

  // dockerd only creates a bridge named docker0; any other --bridge must exist first.
  const linksBefore = linkNames();
  let bridge;
  do bridge = `dnt${process.pid}${(engineCounter++).toString(36)}`.slice(0, 15);
  while (linksBefore.has(bridge));
  const x = pickBridgeSubnet();
  // A namespaced engine gets a namespace with only its loopback: nothing it does can leave the machine.
  let netns;
  if (inNamespace) {
    const existing = netnsNames();
    let n = 0;
    do netns = `dn-${process.pid}-${n++}`;
    while (existing.has(netns));
    ip('netns', 'add', netns);
  }
  const inNs = (...args) => (netns ? ['-n', netns, ...args] : args);
  try {
    ip(...inNs('link', 'add', bridge, 'type', 'bridge'));
    try {
      ip(...inNs('addr', 'add', `10.213.${x}.1/24`, 'dev', bridge));
      ip(...inNs('link', 'set', bridge, 'up'));
      if (netns) ip(...inNs('link', 'set', 'lo', 'up'));
    } catch (e) {
      try {
        ip(...inNs('link', 'del', bridge));
      } catch {
        /* ignore */
      }
      throw e;
    }
  } catch (e) {
    if (netns) spawnSync('ip', ['netns', 'del', netns], { env: ENV, stdio: 'ignore' });
    throw e;
  }

  const ns = `dn-${bridge}`; // own containerd namespace, in case dockerd picks up a system containerd
  const args = [
    `--host=unix://${socketPath}`,
    `--data-root=${layout.dataRoot}`,
    `--exec-root=${execRoot}`,
    `--pidfile=${pidFile}`,
    `--config-file=${configFile}`,
    // In its own namespace the engine programs that namespace's firewall only, the way a real host's engine does.
    ...(netns ? ['--iptables=true'] : ['--iptables=false', '--ip-masq=false', '--ip-forward=false']),
    '--shutdown-timeout=2',
    `--bridge=${bridge}`,
    `--containerd-namespace=${ns}`,
    `--containerd-plugins-namespace=${ns}-plugins`,
    ...extraArgs, // e.g. a TLS listener on 127.0.0.1 besides the unix socket
  ];
  const out = fs.openSync(logFile, 'a');
  // nsenter, not `ip netns exec`: the latter remounts /sys and hides the cgroup mounts dockerd needs. nsenter execs
  // dockerd in place, so the child's PID is dockerd's.
  // hostname: dockerd names its swarm node (and its networkDB peer) after the UTS host name, so engines sharing
  // the host's name collide. A fresh UTS namespace with its own name fixes that; `unshare` and `sh` exec in place,
  // so the child's PID stays dockerd's.
  const ownUts = hostname ? [findBin('unshare'), '--uts', '--', '/bin/sh', '-c', 'hostname "$0" && exec "$@"', hostname] : [];
  const inNetns = netns ? [findBin('nsenter'), `--net=/run/netns/${netns}`, '--'] : [];
  const command = [...inNetns, ...ownUts, findBin('dockerd'), ...args];
  const child = spawn(command[0], command.slice(1), { detached: true, stdio: ['ignore', out, out], env: ENV });
  fs.closeSync(out);
  child.unref(); // the engine must not keep `node` alive by itself; stop() or the exit handlers end it
  let exited = null;
  const exitEvent = new Promise(r =>
    child.on('exit', (code, sig) => {
      exited = sig || `exit ${code}`;
      r();
    }),
  );
  child.on('error', e => {
    exited = e.message;
  });

  let stopped = false;
  const engine = {
    dockerHost: `unix://${socketPath}`,
    socketPath,
    dir,
    runDir,
    logFile,
    bridge,
    bridgeSubnet: `10.213.${x}.0/24`,
    pid: child.pid,
    netns,
    hostname,
    stopSync({ keepLogs = false } = {}) {
      if (stopped) return;
      stopped = true;
      onExitEngines.delete(engine);
      // dockerd waits each container's StopTimeout (10 s; --shutdown-timeout doesn't shorten it) and busybox
      // `sleep` as PID 1 ignores SIGTERM: kill running containers through the API first.
      if (alive(child.pid)) killContainersSync(socketPath);
      // Only ever signal the PID from our own pidfile (or our own child if the pidfile is gone).
      let pid = child.pid;
      try {
        pid = Number(fs.readFileSync(pidFile, 'utf8').trim()) || pid;
      } catch {
        /* dockerd removed it */
      }
      if (alive(pid)) {
        kill(pid, 'SIGTERM');
        if (!waitGone(() => alive(pid), 15000)) {
          kill(pid, 'SIGKILL');
          waitGone(() => alive(pid), 3000);
        }
      }
      // Its containerd stays in the process group we created (pgid = child.pid); kill the group only if it is ours.
      const inGroup = () => procs().some(p => p.pgrp === child.pid);
      if (inGroup()) {
        kill(-child.pid, 'SIGTERM');
        if (!waitGone(inGroup, 5000)) {
          kill(-child.pid, 'SIGKILL');
          waitGone(inGroup, 2000);
        }
      }
      // After an unclean stop, shims (own process groups) and their containers may remain: their command line names our exec-root.
      const shims = procs().filter(p => p.pid !== process.pid && cmdline(p.pid).includes(`${execRoot}/`));
      if (shims.length) {
        const all = procs();
        const descendants = pid => all.filter(p => p.ppid === pid).flatMap(p => [...descendants(p.pid), p.pid]);
        for (const s of shims) {
          for (const d of descendants(s.pid)) kill(d, 'SIGKILL');
          kill(s.pid, 'SIGKILL');
        }
        waitGone(() => shims.some(s => alive(s.pid)), 3000);
      }
      // Mounts left under dir (overlay2 home, netns files) would keep veths alive and make rm fail.
      const ours = m => [dir, runDir].some(d => m === d || m.startsWith(d + '/'));
      const mounts = fs
        .readFileSync('/proc/self/mountinfo', 'utf8')
        .split('\n')
        .map(l => l.split(' ')[4])
        .filter(m => m && ours(m))
        .sort((a, b) => b.length - a.length);
      for (const m of mounts) spawnSync('umount', ['-l', m], { env: ENV, stdio: 'ignore' });
      // A namespaced engine's links all live in its namespace: deleting the namespace deletes them.
      if (netns) spawnSync('ip', ['netns', 'del', netns], { env: ENV, stdio: 'ignore' });
      // dockerd leaves user networks' bridges behind; their names are in its network store. Delete only links
      // that didn't exist before this engine started, so another daemon's links are never touched.
      const names = new Set(netns ? [] : [bridge]);
      try {
        const db = fs.readFileSync(path.join(layout.dataRoot, 'network', 'files', 'local-kv.db')).toString('latin1');
        for (const m of db.matchAll(/"BridgeName":"([^"\\]{1,15})"/g)) names.add(m[1]);
      } catch {
        /* no store */
      }
      const now = netns ? new Set() : linkNames();
      for (const n of names)
        if (now.has(n) && !linksBefore.has(n)) {
          try {
            ip('link', 'del', n);
          } catch {
            /* raced */
          }
        }
      if (!keepLogs) for (const d of [dir, runDir]) fs.rmSync(d, { recursive: true, force: true });
      log(`engine: stopped dockerd ${pid}${keepLogs ? `; logs kept in ${logFile}` : ''}`);
    },
    // Let libuv reap dockerd so no zombie is left (PID 1 in some containers never reaps).
    stop: async opts => {
      engine.stopSync(opts);
      await Promise.race([exitEvent, delay(2000)]);
    },
  };
  if (stopOnExit) {
    onExitEngines.add(engine);
    installExitHandlers();
  }

  const t0 = Date.now();
  while (!(await ping(socketPath))) {
    const why = exited
      ? `dockerd exited early (${exited})`
      : Date.now() - t0 > startTimeoutMs
        ? `dockerd did not answer /_ping within ${startTimeoutMs / 1000} s`
        : null;
    if (why) {
      const logTail = tail(logFile);
      engine.stopSync({ keepLogs: true });
      throw new Error(`engine: ${why}. Last lines of ${logFile}:\n${logTail}`);
    }
    await delay(200);
  }
  log(
    `engine: dockerd pid ${child.pid} ready at unix://${socketPath} in ${Date.now() - t0} ms (bridge ${bridge}, 10.213.${x}.0/24${netns ? `, network namespace ${netns}, iptables on` : ''})`,
  );
  return engine;
}

/** A dockerode client for a DOCKER_HOST-style address (unix://, tcp://). */
function dockerFor(dockerHost) {
  const Docker = require('dockerode');
  if (!dockerHost) return new Docker();
  if (dockerHost.startsWith('unix://')) return new Docker({ socketPath: dockerHost.slice('unix://'.length) });
  const u = new URL(dockerHost.replace(/^tcp:/, 'http:'));
  return new Docker({ host: u.hostname, port: Number(u.port) || 2375, protocol: 'http' });
}

/** Imports a busybox-only image (no registry needed) unless it is there already. Returns its name. */
async function ensureTestImage(dockerHost, { log = console.log } = {}) {
  const docker = dockerFor(dockerHost);
  try {
    await docker.getImage(TEST_IMAGE).inspect();
    return TEST_IMAGE;
  } catch (e) {
    if (e.statusCode !== 404) throw e;
  }
  ensureEnginePackages({ log });
  const t0 = Date.now();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-rootfs-'));
  try {
    for (const d of ['bin', 'etc', 'tmp', 'proc', 'sys', 'dev', 'root', 'var/run', 'usr/share/udhcpc'])
      fs.mkdirSync(path.join(root, d), { recursive: true });
    fs.chmodSync(path.join(root, 'tmp'), 0o1777);
    fs.copyFileSync('/bin/busybox', path.join(root, 'bin/busybox'));
    fs.chmodSync(path.join(root, 'bin/busybox'), 0o755);
    // Every applet (sh, sleep, ip, ping, wget, nc, udhcpc, ...) as a symlink, as `busybox --install -s` would.
    const applets = execFileSync('/bin/busybox', ['--list'], { encoding: 'utf8' })
      .split('\n')
      .filter(a => a && a !== 'busybox');
    for (const a of applets) fs.symlinkSync('busybox', path.join(root, 'bin', a));
    const etc = {
      passwd: 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n',
      group: 'root:x:0:\nnogroup:x:65534:\n',
      hosts: '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n',
      'resolv.conf': '',
      hostname: 'busybox\n',
      'nsswitch.conf': 'hosts: files dns\n',
    };
    for (const [f, c] of Object.entries(etc)) fs.writeFileSync(path.join(root, 'etc', f), c);
    const tar = spawn('tar', ['-C', root, '--numeric-owner', '--owner=0', '--group=0', '-cf', '-', '.'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tarErr = '';
    tar.stderr.on('data', d => {
      tarErr += d;
    });
    const tarDone = new Promise(r => tar.on('close', r));
    const [repo, tag] = TEST_IMAGE.split(':');
    // `changes` goes into the query string once per entry, like `docker import --change`.
    const stream = await docker.importImage(tar.stdout, { repo, tag, changes: ['CMD ["sleep","86400"]'] });
    const events = await new Promise((resolve, reject) =>
      docker.modem.followProgress(stream, (err, res) => (err ? reject(err) : resolve(res))),
    );
    const code = await tarDone;
    const failed = events.find(e => e.error || e.errorDetail);
    if (code !== 0 || failed)
      throw new Error(
        `engine: importing ${TEST_IMAGE} failed: ${failed ? failed.error || JSON.stringify(failed.errorDetail) : 'tar exit ' + code + ' ' + tarErr}`,
      );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  log(`engine: imported ${TEST_IMAGE} in ${Date.now() - t0} ms`);
  return TEST_IMAGE;
}

// ---------- CLI ----------
function firewallSnapshot() {
  const out = [];
  for (const cmd of ['iptables-save', 'ip6tables-save']) {
    if (!findBin(cmd)) continue;
    const r = spawnSync(cmd, [], { env: ENV, encoding: 'utf8' });
    out.push(
      (r.stdout || '')
        .split('\n')
        .filter(l => !l.startsWith('#'))
        .map(l => l.replace(/\[\d+:\d+\]/g, ''))
        .join('\n'),
    );
  }
  return out.join('\n---\n');
}
const sysctls = () =>
  ['net/ipv4/ip_forward', 'net/ipv6/conf/all/forwarding']
    .map(k => {
      try {
        return fs.readFileSync(`/proc/sys/${k}`, 'utf8').trim();
      } catch {
        return '-';
      }
    })
    .join(',');

async function selftest() {
  const fw0 = firewallSnapshot(),
    links0 = linkNames(),
    sys0 = sysctls();
  const failures = [];
  const check = (ok, what) => {
    if (!ok) failures.push(what);
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  };
  let engine,
    dirs = [];
  try {
    const t0 = Date.now();
    engine = await startPrivateEngine({});
    dirs = [engine.dir, engine.runDir];
    console.log(`  start: ${Date.now() - t0} ms`);
    const t1 = Date.now();
    const image = await ensureTestImage(engine.dockerHost);
    console.log(`  image: ${Date.now() - t1} ms`);
    const docker = dockerFor(engine.dockerHost);
    const info = await docker.version();
    check(/^1\.\d+/.test(info.ApiVersion), `engine API ${info.ApiVersion}, version ${info.Version}`);
    const img = await docker.getImage(image).inspect();
    check(JSON.stringify(img.Config.Cmd) === '["sleep","86400"]', `image default Cmd ${JSON.stringify(img.Config.Cmd)}`);
    const net = await docker.createNetwork({
      Name: 'selftest-net',
      Driver: 'bridge',
      CheckDuplicate: true,
      IPAM: { Config: [{ Subnet: '10.215.1.0/24', Gateway: '10.215.1.1' }] },
      Labels: { 'docker-networks.test': 'true' },
    });
    const c = await docker.createContainer({
      Image: image,
      Cmd: ['sleep', '86400'],
      name: 'selftest-c',
      HostConfig: { NetworkMode: 'selftest-net' },
      NetworkingConfig: { EndpointsConfig: { 'selftest-net': { IPAMConfig: { IPv4Address: '10.215.1.10' }, Aliases: ['st'] } } },
    });
    await c.start();
    const ci = await c.inspect();
    check(ci.State.Running, 'container running');
    check(
      ci.NetworkSettings.Networks['selftest-net']?.IPAddress === '10.215.1.10',
      `container IP ${ci.NetworkSettings.Networks['selftest-net']?.IPAddress}`,
    );
    const ni = await net.inspect();
    check(
      ni.IPAM.Config[0].Subnet === '10.215.1.0/24' && Object.keys(ni.Containers || {}).includes(ci.Id),
      'network inspect lists subnet and container',
    );
    const auto = await docker.createNetwork({ Name: 'selftest-auto' });
    const ai = await auto.inspect();
    check(ai.IPAM.Config[0].Subnet.startsWith('10.214.'), `auto subnet from private pool ${ai.IPAM.Config[0].Subnet}`);
    const pingOut = await execIn(c, ['ping', '-c', '1', '-W', '2', '10.215.1.1']);
    check(/1 packets received/.test(pingOut), 'container pings its gateway');
    await auto.remove();
    await c.remove({ force: true });
    await net.remove();
    check(
      (await docker.listNetworks()).every(n => !n.Name.startsWith('selftest')),
      'networks removed',
    );
    // Leave one network and one running container behind: stop() must clean those up too.
    await docker.createNetwork({ Name: 'selftest-left', IPAM: { Config: [{ Subnet: '10.215.2.0/24' }] } });
    const left = await docker.createContainer({ Image: image, HostConfig: { NetworkMode: 'selftest-left' } });
    await left.start();
  } catch (e) {
    check(false, `unexpected error: ${e.stack || e}`);
  } finally {
    const t2 = Date.now();
    if (engine) {
      await engine.stop({});
      await engine.stop({});
      console.log(`  stop: ${Date.now() - t2} ms (called twice)`);
    }
  }
  const links1 = linkNames();
  const extra = [...links1].filter(l => !links0.has(l));
  check(extra.length === 0, `no leftover links ${extra.join(' ')}`);
  check(firewallSnapshot() === fw0, 'iptables/ip6tables unchanged');
  check(sysctls() === sys0, `forwarding sysctls unchanged (${sys0})`);
  check(
    dirs.every(d => !fs.existsSync(d)),
    'engine data and run dirs removed',
  );
  const strays = engine ? procs().filter(p => p.pid === engine.pid || cmdline(p.pid).includes(engine.dir)) : [];
  check(strays.length === 0, `no leftover processes ${strays.map(p => p.pid).join(' ')}`);
  const passed = failures.length === 0 ? 1 : 0;
  console.log(`engine selftest: ${passed} passed, ${1 - passed} failed`);
  return passed === 1;
}

async function execIn(container, Cmd) {
  const ex = await container.exec({ Cmd, AttachStdout: true, AttachStderr: true });
  const stream = await ex.start({ hijack: true, stdin: false });
  return new Promise(resolve => {
    let out = '';
    const sink = {
      write: d => {
        out += d;
        return true;
      },
    };
    container.modem.demuxStream(stream, sink, sink);
    stream.on('end', () => resolve(out));
    stream.on('close', () => resolve(out));
  });
}

async function main(cmd) {
  if (cmd === 'start') {
    const engine = await startPrivateEngine({});
    await ensureTestImage(engine.dockerHost);
    console.log(`DOCKER_HOST=${engine.dockerHost}`);
    console.log('engine: running; press Ctrl-C to stop it');
    setInterval(noop, 1 << 30); // keep the process alive; the SIGINT handler stops the engine
    return;
  }
  if (cmd === 'selftest') {
    process.exitCode = (await selftest()) ? 0 : 1;
    return;
  }
  console.error('usage: node scripts/engine/private-engine.js start|selftest');
  process.exitCode = 2;
}

module.exports = {
  ensureEnginePackages,
  startPrivateEngine,
  engineDirPrefixes,
  engineLayout,
  engineSockets,
  ensureTestImage,
  dockerFor,
  execIn,
  hostIPv4Blocks,
  isFreeOnHost,
  TEST_IMAGE,
};

if (require.main === module)
  main(process.argv[2]).catch(e => {
    console.error(e.message || e);
    process.exit(1);
  });
