// Podman's Docker-compatible socket as the engine: Debian's podman serving `podman system service` with storage and
// network configuration of its own. The explorer loads it, and a network made from the Create wizard's answers is
// created, shown, inspected and removed through the same gateway as Docker's.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EngineConnection } from '../../src/engine/engineConnection';
import { readFileIfExists, resolveEngineAddress } from '../../src/engine/engineAddress';
import { ExplorerStore } from '../../src/engine/explorerStore';
import { DockerGateway } from '../../src/engine/gateway';
import { toConnectBody } from '../../src/model/connectRequest';
import { emptyAnswers, toCreateBody } from '../../src/model/createNetwork';

const NO_OPTIONS = { aliases: [], links: [], linkLocalIps: [], driverOptions: {} };
import { silentLogger } from '../support/engineFixture';
import { waitFor } from '../support/waitFor';

const engineScripts = require(path.join(__dirname, '../../../scripts/engine/private-engine.js')) as {
  ensureTestImage(dockerHost: string, options?: { log?: (line: string) => void }): Promise<string>;
  dockerFor(dockerHost: string): import('dockerode');
};
const servers = require(path.join(__dirname, '../../../scripts/engine/remote-servers.js')) as {
  startPodmanService(options: { dir: string; log: (line: string) => void }): Promise<{ dockerHost: string; stop(): Promise<void> }>;
};

describe('a Podman socket as the engine (podman system service)', () => {
  let podman: { dockerHost: string; stop(): Promise<void> };
  let gateway: DockerGateway;

  before(async () => {
    podman = await servers.startPodmanService({
      dir: fs.mkdtempSync(path.join(os.tmpdir(), 'dn-podman-')),
      log: line => console.log(`  ${line}`),
    });
    const address = resolveEngineAddress({
      env: { DOCKER_HOST: podman.dockerHost },
      homeDir: '/nonexistent',
      platform: process.platform,
      readFile: readFileIfExists,
    });
    gateway = await DockerGateway.open(address, { timeoutMs: 20000, logger: silentLogger });
  });
  /** The explorer's connection and store on the Podman socket, as a session of the extension has them. */
  function explorerOnPodman() {
    const connection = new EngineConnection({
      resolveEngineAddress: () => gateway.address,
      timeoutMs: () => 20000,
      logger: silentLogger,
    });
    const store = new ExplorerStore(connection, silentLogger);
    connection.start();
    return { connection, store };
  }

  after(async () => {
    gateway?.dispose();
    await podman?.stop();
  });

  test('the API version is negotiated and the engine is named', () => {
    console.log(`  podman: engine ${gateway.engine.engineVersion}, API ${gateway.engine.apiVersion}, ${gateway.engine.platformName}`);
    assert.match(gateway.engine.apiVersion, /^1\.\d+$/);
  });

  test('the explorer loads Podman\'s networks (its default network is "bridge" through this API)', async () => {
    const { connection, store } = explorerOnPodman();
    try {
      const snapshot = await waitFor(() => store.snapshot.kind === 'ready' && store.snapshot, 'the explorer loaded', 20000);
      const names = snapshot.model.networks.map(n => n.name);
      assert.ok(names.includes('bridge'), `networks: ${names.join(', ')}`);
    } finally {
      store.dispose();
      connection.dispose();
    }
  });

  test('a network created outside shows in the explorer without a refresh, though Podman sends no network event', async () => {
    assert.equal(gateway.engine.sendsNetworkEvents, false);
    const { connection, store } = explorerOnPodman();
    const name = `dn-outside-${process.pid}`;
    try {
      await waitFor(() => store.snapshot.kind === 'ready', 'the explorer loaded', 20000);
      await engineScripts.dockerFor(podman.dockerHost).createNetwork({ Name: name });
      await waitFor(() => store.model?.networks.some(n => n.name === name), `"${name}" in the explorer, by polling`, 20000);
    } finally {
      store.dispose();
      connection.dispose();
      await engineScripts
        .dockerFor(podman.dockerHost)
        .getNetwork(name)
        .remove()
        .catch(() => {});
    }
  });

  test("a network from the wizard's answers is created with its subnet and labels, inspected, and removed", async () => {
    const answers = {
      ...emptyAnswers(),
      name: `dn-podman-${process.pid}`,
      driver: 'bridge',
      ipv4Subnets: [{ subnet: '10.219.70.0/24', gateway: '10.219.70.1', auxAddresses: {} }],
      labels: { 'docker-networks.test': 'podman' },
    };
    const created = await gateway.createNetwork(toCreateBody(answers));
    const inspected = await gateway.inspectNetwork(created.Id);
    console.log(`  podman: created ${inspected.Name} ${JSON.stringify(inspected.IPAM?.Config)}`);
    assert.equal(inspected.Name, answers.name);
    assert.deepEqual(
      inspected.IPAM?.Config?.map(c => [c.Subnet, c.Gateway]),
      [['10.219.70.0/24', '10.219.70.1']],
    );
    assert.equal(inspected.Labels?.['docker-networks.test'], 'podman');
    assert.ok((await gateway.listNetworks()).some(n => n.Name === answers.name));
    await gateway.removeNetwork(created.Id);
    assert.ok(!(await gateway.listNetworks()).some(n => n.Name === answers.name), 'removed');
  });

  test('Connect (with an alias), Inspect and Disconnect work on a Podman container, through the same calls as Docker', async () => {
    // Podman in this sandbox cannot start containers (its default open-files limit is above what the machine allows),
    // so the container is created, not started: connecting a created container is what Connect does for stopped ones.
    const image = await engineScripts.ensureTestImage(podman.dockerHost, { log: () => {} });
    const docker = engineScripts.dockerFor(podman.dockerHost);
    const networkName = `dn-podman-connect-${process.pid}`;
    const network = await gateway.createNetwork(
      toCreateBody({
        ...emptyAnswers(),
        name: networkName,
        driver: 'bridge',
        ipv4Subnets: [{ subnet: '10.219.71.0/24', auxAddresses: {} }],
      }),
    );
    const container = await docker.createContainer({ name: `dn-podman-app-${process.pid}`, Image: image, Cmd: ['sleep', '600'] });
    try {
      const label = { network: 'the test network', container: 'the test container' };
      await gateway.connectContainer(network.Id, toConnectBody(container.id, { ...NO_OPTIONS, aliases: ['api'] }), label);
      const inspected = await gateway.inspectContainer(container.id);
      const names = Object.keys(inspected.NetworkSettings?.Networks ?? {});
      // Podman leaves NetworkID empty on a created container's endpoints: they are found by network name.
      const endpoint = inspected.NetworkSettings?.Networks?.[networkName];
      console.log(`  podman: after connect the container is on ${names.join(', ')}; aliases ${JSON.stringify(endpoint?.Aliases)}`);
      assert.ok(endpoint?.Aliases?.includes('api'), 'the alias is kept');
      await gateway.disconnectContainer(network.Id, container.id, false, label);
      const after = await gateway.inspectContainer(container.id);
      assert.ok(!(networkName in (after.NetworkSettings?.Networks ?? {})), 'disconnected');
    } finally {
      await container.remove({ force: true });
      await gateway.removeNetwork(network.Id);
    }
  });
});
