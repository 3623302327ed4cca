'use strict';
// Demo networks and containers for `npm start` and screenshots. Idempotent: what exists (by name) is kept.
// Module: seedDemo(dockerHost, {log}) -> {networks: [names], containers: [names]}
// CLI:    DOCKER_HOST=unix:///... node scripts/engine/seed-demo.js

const { dockerFor, ensureTestImage } = require('./private-engine');

const DEMO = { 'docker-networks.demo': 'true' };

const NETWORKS = [
  {
    Name: 'demo-frontend',
    Driver: 'bridge',
    Labels: { ...DEMO, tier: 'frontend' },
    IPAM: { Driver: 'default', Config: [{ Subnet: '10.215.10.0/24', Gateway: '10.215.10.1', IPRange: '10.215.10.128/25' }] },
  },
  {
    Name: 'demo-backend',
    Driver: 'bridge',
    Internal: true,
    Labels: { ...DEMO, tier: 'backend', owner: 'db-team' },
    IPAM: { Driver: 'default', Config: [{ Subnet: '10.215.11.0/24', Gateway: '10.215.11.1' }] },
  },
  {
    Name: 'demo-dualstack',
    Driver: 'bridge',
    EnableIPv6: true,
    Labels: { ...DEMO },
    IPAM: { Driver: 'default', Config: [{ Subnet: '10.215.12.0/24' }, { Subnet: 'fd00:dead:beef::/64' }] },
  },
  {
    Name: 'demo-empty',
    Driver: 'bridge',
    Labels: { ...DEMO },
    Options: { 'com.docker.network.driver.mtu': '1400' },
    IPAM: { Driver: 'default', Config: [{ Subnet: '10.215.13.0/24' }] },
  },
];

// [name, first network + endpoint config, extra networks to connect, start?]
const CONTAINERS = [
  {
    name: 'demo-web',
    net: 'demo-frontend',
    ep: { Aliases: ['web', 'www'] },
    more: [
      ['demo-backend', { Aliases: ['web-internal'] }],
      ['demo-dualstack', {}],
    ],
    start: true,
  },
  { name: 'demo-db', net: 'demo-backend', ep: { IPAMConfig: { IPv4Address: '10.215.11.10' }, Aliases: ['db'] }, more: [], start: true },
  { name: 'demo-stopped', net: 'demo-frontend', ep: {}, more: [], start: false },
];

async function seedDemo(dockerHost, { log = console.log } = {}) {
  const docker = dockerFor(dockerHost);
  const image = await ensureTestImage(dockerHost, { log });
  const existingNets = new Set((await docker.listNetworks()).map(n => n.Name));
  for (const spec of NETWORKS) {
    if (existingNets.has(spec.Name)) {
      log(`demo: network ${spec.Name} exists`);
      continue;
    }
    await docker.createNetwork({ CheckDuplicate: true, ...spec });
    log(`demo: created network ${spec.Name}`);
  }
  const existing = new Set((await docker.listContainers({ all: true })).flatMap(c => c.Names.map(n => n.replace(/^\//, ''))));
  for (const c of CONTAINERS) {
    if (existing.has(c.name)) {
      log(`demo: container ${c.name} exists`);
      continue;
    }
    const ctr = await docker.createContainer({
      name: c.name,
      Image: image,
      Cmd: ['sleep', '86400'],
      Labels: { ...DEMO },
      Hostname: c.name,
      HostConfig: { NetworkMode: c.net },
      NetworkingConfig: { EndpointsConfig: { [c.net]: c.ep } },
    });
    // API 1.41 takes only one network at create time; connect the rest before start.
    for (const [net, ep] of c.more) await docker.getNetwork(net).connect({ Container: ctr.id, EndpointConfig: ep });
    if (c.start) await ctr.start();
    log(`demo: created container ${c.name}${c.start ? '' : ' (not started)'}`);
  }
  return { networks: NETWORKS.map(n => n.Name), containers: CONTAINERS.map(c => c.name) };
}

module.exports = { seedDemo, DEMO_LABEL: 'docker-networks.demo' };

if (require.main === module) {
  // Never seed a developer's own engine by accident.
  if (!process.env.DOCKER_HOST) {
    console.error('seed-demo: set DOCKER_HOST to the private engine (see private-engine.js start)');
    process.exit(2);
  }
  seedDemo(process.env.DOCKER_HOST).catch(e => {
    console.error(`seed-demo: ${e.message || e}`);
    process.exit(1);
  });
}
