'use strict';
// A real two-node swarm on one machine: two private engines, each in a network namespace of its own, joined by a
// veth pair on a private /24. Node 1 is the manager, node 2 a worker; overlay traffic (VXLAN, UDP 4789) really
// crosses the veth. docs/engine-behaviour.md ("Multi-host") has what was measured with it.
// Module:  startSwarmPair({log, names})  -> {manager: Node, worker: Node, subnet, stop(), stopSync()}
//          Node = {name, role, dockerHost, socketPath, netns, address, nodeId, hostname, logFile}
//          stop() leaves the swarm (force), stops both engines and deletes the veth and the namespaces; the same
//          happens synchronously on process exit and on SIGINT/SIGTERM/SIGHUP (without the swarm leave: the
//          engines' data roots, swarm state included, are deleted anyway).
//          spawnSwarmRig({log})          -> {manager, worker, subnet, swarmAddressPool, stop()}: the CLI below in a child
//          process, for runners whose own process must not hold the engines (stop() sends SIGTERM and awaits the exit)
// CLI:     node scripts/engine/swarm-rig.js start
//          prints the pair as one line of JSON on stdout (logs go to stderr), keeps running until SIGTERM/SIGINT,
//          then tears everything down and exits; also when its parent process dies.
//
// Node names: both dockerds would share the host's UTS name, and swarm names a node (Description.Hostname, and
// the name networkDB gives its peer in verbose network inspect) after os.Hostname(). So each dockerd runs in a UTS
// namespace of its own whose host name is the node's name (startPrivateEngine's `hostname`): `GET /nodes` and the
// overlay's Peers then say "node-1" and "node-2". A node label or Spec.Name would change neither of those.

const { execFileSync, spawnSync } = require('child_process');
const { startPrivateEngine, ensureTestImage, dockerFor, isFreeOnHost, hostIPv4Blocks } = require('./private-engine');

const SYS_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const ENV = { ...process.env, PATH: `${process.env.PATH || ''}:${SYS_PATH}` };
/** Swarm's own default pool (10.0.0.0/8) may overlap the host's routes: overlays get subnets from here instead. */
const SWARM_ADDRESS_POOL = '10.216.0.0/16';
const READY_TIMEOUT_MS = 60000;

const delay = ms => new Promise(r => setTimeout(r, ms));
const ip = (...args) => execFileSync('ip', args, { env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
const linkExists = name => spawnSync('ip', ['link', 'show', name], { env: ENV, stdio: 'ignore' }).status === 0;

/** A free 10.212.X.0/24 for the link between the nodes (the engines' own bridges use 10.213.X.0/24). */
function pickLinkSubnet() {
  const used = hostIPv4Blocks();
  for (let i = 0; i < 254; i++) {
    const x = ((process.pid + i * 11 + Math.floor(Math.random() * 8)) % 254) + 1;
    if (isFreeOnHost(`10.212.${x}.0/24`, used)) return x;
  }
  throw new Error('swarm rig: no free /24 in 10.212.0.0/16 for the link between the nodes');
}

let rigCounter = 0;
/** Joins two namespaces with a veth pair; one end in each, addressed .1 and .2 in `10.212.X.0/24`. */
function linkNamespaces(netnsA, netnsB) {
  let base;
  do base = `dnsw${process.pid}${(rigCounter++).toString(36)}`.slice(0, 13);
  while (linkExists(`${base}a`) || linkExists(`${base}b`));
  const ends = [`${base}a`, `${base}b`];
  const x = pickLinkSubnet();
  const addresses = [`10.212.${x}.1`, `10.212.${x}.2`];
  ip('link', 'add', ends[0], 'type', 'veth', 'peer', 'name', ends[1]);
  try {
    [netnsA, netnsB].forEach((netns, i) => {
      ip('link', 'set', ends[i], 'netns', netns);
      ip('-n', netns, 'addr', 'add', `${addresses[i]}/24`, 'dev', ends[i]);
      ip('-n', netns, 'link', 'set', ends[i], 'up');
    });
  } catch (e) {
    removeLink(ends);
    throw new Error(`swarm rig: could not join the namespaces with a veth pair (${String(e.stderr || e.message).trim()})`);
  }
  return { ends, addresses, subnet: `10.212.${x}.0/24` };
}

/** Deleting either end deletes the pair; an end already in a deleted namespace is gone with it. */
function removeLink(ends) {
  for (const end of ends) if (linkExists(end)) spawnSync('ip', ['link', 'del', end], { env: ENV, stdio: 'ignore' });
}

async function waitUntil(probe, what, timeoutMs = READY_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      if (await probe()) return;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`swarm rig: timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (${last.message})` : ''}`);
    await delay(200);
  }
}

// ---------- rigs to tear down on exit ----------
const liveRigs = new Set();
let handlersInstalled = false;
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('exit', () => {
    for (const rig of liveRigs) rig.stopSync();
  });
  const onSignal = sig => {
    for (const rig of liveRigs) rig.stopSync();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, onSignal);
}

/**
 * Starts the two engines, links them, makes node 1 a manager and node 2 a worker, waits until the manager lists
 * both nodes Ready, and imports the test image on both. Cleans up whatever it made when a step fails.
 */
async function startSwarmPair({ log = console.log, names = ['node-1', 'node-2'] } = {}) {
  if (!isFreeOnHost(SWARM_ADDRESS_POOL)) throw new Error(`swarm rig: the host already routes into ${SWARM_ADDRESS_POOL}`);
  const engines = [];
  let link;
  let stopped = false;
  const rig = {
    stopSync() {
      if (stopped) return;
      stopped = true;
      liveRigs.delete(rig);
      for (const engine of engines) engine.stopSync({});
      if (link) removeLink(link.ends);
    },
    stop() {
      stopping = stopping || leaveAndStop();
      return stopping;
    },
  };
  let stopping;
  const leaveAndStop = async () => {
    if (stopped) return;
    // A worker leaves first, so the manager never waits for a node that is going away.
    for (const engine of [...engines].reverse())
      await dockerFor(engine.dockerHost)
        .swarmLeave({ force: true })
        .catch(() => undefined);
    stopped = true;
    liveRigs.delete(rig);
    for (const engine of engines) await engine.stop({});
    if (link) removeLink(link.ends);
    log('swarm rig: stopped both nodes');
  };
  liveRigs.add(rig);
  installExitHandlers();
  try {
    // Side by side: each start makes its namespace and bridge synchronously before its first await, so they never race.
    const starting = names.map(hostname => startPrivateEngine({ netns: true, hostname, stopOnExit: false, log }));
    const started = await Promise.allSettled(starting);
    for (const result of started) if (result.status === 'fulfilled') engines.push(result.value);
    const failed = started.find(result => result.status === 'rejected');
    if (failed) throw failed.reason;
    link = linkNamespaces(engines[0].netns, engines[1].netns);
    const [managerDocker, workerDocker] = engines.map(e => dockerFor(e.dockerHost));
    const [managerAddress, workerAddress] = link.addresses;
    const managerId = await managerDocker.swarmInit({
      ListenAddr: `${managerAddress}:2377`,
      AdvertiseAddr: managerAddress,
      DefaultAddrPool: [SWARM_ADDRESS_POOL],
      SubnetSize: 24,
    });
    const { JoinTokens } = await managerDocker.swarmInspect();
    await workerDocker.swarmJoin({
      ListenAddr: `${workerAddress}:2377`,
      AdvertiseAddr: workerAddress,
      RemoteAddrs: [`${managerAddress}:2377`],
      JoinToken: JoinTokens.Worker,
    });
    await waitUntil(async () => {
      const nodes = await managerDocker.listNodes();
      return nodes.length === 2 && nodes.every(n => n.Status.State === 'ready');
    }, 'both nodes Ready on the manager');
    const workerId = (await workerDocker.info()).Swarm.NodeID;
    await Promise.all(engines.map(engine => ensureTestImage(engine.dockerHost, { log })));
    const node = (engine, i, role, nodeId) => ({
      name: names[i],
      role,
      dockerHost: engine.dockerHost,
      socketPath: engine.socketPath,
      netns: engine.netns,
      address: link.addresses[i],
      nodeId: typeof nodeId === 'string' ? nodeId.trim() : String(nodeId),
      hostname: engine.hostname,
      logFile: engine.logFile,
    });
    rig.manager = node(engines[0], 0, 'manager', managerId);
    rig.worker = node(engines[1], 1, 'worker', workerId);
    rig.subnet = link.subnet;
    rig.swarmAddressPool = SWARM_ADDRESS_POOL;
    log(`swarm rig: ${names[0]} (manager, ${managerAddress}) and ${names[1]} (worker, ${workerAddress}) are Ready`);
    return rig;
  } catch (e) {
    await rig.stop().catch(() => rig.stopSync());
    throw e;
  }
}

/** The pair as the CLI prints it: plain data only. */
function describePair(rig) {
  const { manager, worker, subnet, swarmAddressPool } = rig;
  return { manager, worker, subnet, swarmAddressPool };
}

/** Runs `swarm-rig.js start` in a child process and resolves with the pair it prints. */
function spawnSwarmRig({ log = console.log } = {}) {
  const { spawn } = require('child_process');
  const readline = require('readline');
  const child = spawn(process.execPath, [__filename, 'start'], { stdio: ['ignore', 'pipe', 'pipe'], env: ENV });
  readline.createInterface({ input: child.stderr }).on('line', log);
  const exited = new Promise(resolve => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', line => {
      try {
        resolve({ ...JSON.parse(line), stop });
      } catch (e) {
        stop().finally(() => reject(new Error(`swarm rig: unreadable output ${JSON.stringify(line)} (${e.message})`)));
      }
    });
    exited.then(code => reject(new Error(`swarm rig: the rig process exited (${code}) before printing the pair`)));
  });
}

async function main(cmd) {
  if (cmd !== 'start') {
    console.error('usage: node scripts/engine/swarm-rig.js start');
    process.exitCode = 2;
    return;
  }
  const parent = process.ppid;
  // Logs on stderr, so stdout carries the JSON line alone.
  const log = message => console.error(message);
  const rig = await startSwarmPair({ log });
  // Tear down gracefully (swarm leave first) on the first signal; the synchronous handlers cover the rest.
  const onSignal = () => {
    rig
      .stop()
      .catch(e => log(`swarm rig: ${e.message}`))
      .finally(() => process.exit(0));
  };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.stdout.write(`${JSON.stringify(describePair(rig))}\n`);
  // Also when whoever started the rig dies without a word (its child is re-parented): no engines are left running.
  const watch = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(watch);
      onSignal();
    }
  }, 1000);
}

module.exports = { startSwarmPair, spawnSwarmRig, describePair, SWARM_ADDRESS_POOL };

if (require.main === module)
  main(process.argv[2]).catch(e => {
    console.error(e.message || e);
    process.exit(1);
  });
