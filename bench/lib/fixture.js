'use strict';
// Populates the private engine with the benchmark's networks and containers, and removes them again.

const { hostIPv4Blocks, isFreeOnHost } = require('../../scripts/engine/private-engine');
const { now, pool } = require('./util');

const BENCH_LABEL = 'docker-networks.bench';
const LABELS = { [BENCH_LABEL]: '1' };

// ---------- subnets: /24s from 10.220.0.0/16, 10.221.0.0/16, … that nothing on the host uses ----------
/** `count` free /24 subnets, 10.220.0.0/24 upwards (10.220.255 → 10.221.0 …), skipping any range the host routes. */
function pickSubnets(count) {
  const used = hostIPv4Blocks();
  const out = [];
  for (let second = 220; second < 240 && out.length < count; second++) {
    for (let third = 0; third < 256 && out.length < count; third++) {
      const subnet = `10.${second}.${third}.0/24`;
      if (isFreeOnHost(subnet, used)) out.push({ subnet, gateway: `10.${second}.${third}.1` });
    }
  }
  if (out.length < count) throw new Error(`fixture: only ${out.length} free /24s in 10.220.0.0–10.239.255.0`);
  return out;
}

// ---------- the plan: which container sits on which networks, with which aliases, running or not ----------
const pad = (i, n) => String(i).padStart(n, '0');
const networkName = j => `bench-net-${pad(j, 3)}`;
const containerName = i => `bench-c-${pad(i, 3)}`;

/**
 * Deterministic layout: container i is on 1–3 networks, two aliases per endpoint. Even containers run, or, when
 * `runningCount` is given, that many spread evenly (every tenth of 3,000 for 300).
 */
function plan(networkCount, containerCount, runningCount) {
  const containers = [];
  for (let i = 0; i < containerCount; i++) {
    const count = 1 + (i % 3);
    const nets = [];
    for (const j of [i % networkCount, (i * 7 + 1) % networkCount, (i * 13 + 5) % networkCount]) {
      if (nets.length < count && !nets.includes(j)) nets.push(j);
    }
    containers.push({
      index: i,
      name: containerName(i),
      running: runningCount === undefined ? i % 2 === 0 : (i * runningCount) % containerCount < runningCount,
      endpoints: nets.map(j => ({ network: networkName(j), aliases: [`svc${i}`, `c${i}-n${j}`] })),
    });
  }
  return containers;
}

/** Creates the networks and containers; returns {networks, containers, timings}. */
async function populate(docker, image, { networks: networkCount, containers: containerCount, running, concurrency, log }) {
  const timings = {};
  const subnets = pickSubnets(networkCount);
  let t0 = now();
  const networks = await pool(subnets, concurrency, async ({ subnet, gateway }, j) => {
    const name = networkName(j);
    const net = await docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: LABELS,
      IPAM: { Driver: 'default', Config: [{ Subnet: subnet, Gateway: gateway }] },
    });
    return { name, id: net.id, subnet };
  });
  timings.networksMs = Math.round(now() - t0);
  log(
    `setup: ${networks.length} networks (${subnets[0].subnet} … ${subnets[subnets.length - 1].subnet}) in ${(timings.networksMs / 1000).toFixed(1)} s`,
  );

  const layout = plan(networkCount, containerCount, running);
  const byName = new Map(networks.map(n => [n.name, n]));
  let createMs = 0,
    connectMs = 0,
    startMs = 0,
    done = 0;
  t0 = now();
  await pool(layout, concurrency, async c => {
    const [first, ...rest] = c.endpoints;
    let t = now();
    // API 1.41 accepts one network at create; the others are connected before the first start.
    const container = await docker.createContainer({
      name: c.name,
      Image: image,
      Cmd: ['sleep', '86400'],
      Labels: LABELS,
      HostConfig: { NetworkMode: first.network },
      NetworkingConfig: { EndpointsConfig: { [first.network]: { Aliases: first.aliases } } },
    });
    c.id = container.id;
    createMs += now() - t;
    t = now();
    for (const ep of rest)
      await docker.getNetwork(byName.get(ep.network).id).connect({ Container: c.id, EndpointConfig: { Aliases: ep.aliases } });
    connectMs += now() - t;
    if (c.running) {
      t = now();
      await container.start();
      startMs += now() - t;
    }
    if (++done % 100 === 0) log(`setup: ${done}/${layout.length} containers (${((now() - t0) / 1000).toFixed(1)} s)`);
  });
  timings.containersMs = Math.round(now() - t0);
  timings.containerCreateMsSum = Math.round(createMs);
  timings.containerConnectMsSum = Math.round(connectMs);
  timings.containerStartMsSum = Math.round(startMs);
  for (const c of layout) for (const ep of c.endpoints) ep.networkId = byName.get(ep.network).id;
  const endpoints = layout.reduce((n, c) => n + c.endpoints.length, 0);
  log(
    `setup: ${layout.length} containers (${layout.filter(c => c.running).length} running, ${endpoints} endpoints) in ${(timings.containersMs / 1000).toFixed(1)} s`,
  );
  return { networks, containers: layout, endpoints, timings };
}

/** Removes every container and network with the bench label (containers first, forced). */
async function teardown(docker, { concurrency = 8, log = console.log } = {}) {
  const t0 = now();
  const filters = JSON.stringify({ label: [`${BENCH_LABEL}=1`] });
  const containers = await docker.listContainers({ all: true, filters });
  await pool(containers, concurrency, c =>
    docker
      .getContainer(c.Id)
      .remove({ force: true, v: true })
      .catch(e => log(`teardown: container ${c.Id.slice(0, 12)}: ${e.message}`)),
  );
  const t1 = now();
  const networks = await docker.listNetworks({ filters });
  await pool(networks, concurrency, n =>
    docker
      .getNetwork(n.Id)
      .remove()
      .catch(e => log(`teardown: network ${n.Name}: ${e.message}`)),
  );
  log(
    `teardown: removed ${containers.length} containers in ${((t1 - t0) / 1000).toFixed(1)} s and ${networks.length} networks in ${((now() - t1) / 1000).toFixed(1)} s`,
  );
}

module.exports = { BENCH_LABEL, LABELS, populate, teardown, plan, pickSubnets, networkName, containerName };
