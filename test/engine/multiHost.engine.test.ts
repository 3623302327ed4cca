// A real two-node swarm (scripts/engine/swarm-rig.js): node-1 the manager, node-2 a worker, each a private engine in a
// network namespace of its own, joined by a veth pair. What an overlay looks like from each node, what a worker may
// and may not do, and the engine's own words when it refuses. docs/engine-behaviour.md ("Multi-host") lists the facts.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Docker from 'dockerode';
import { readFileIfExists, resolveListedEngineAddress } from '../../src/engine/engineAddress';
import { EngineError, engineMessageOf } from '../../src/engine/errors';
import { DockerGateway } from '../../src/engine/gateway';
import type { CreateNetworkBody } from '../../src/model/createNetwork';
import { silentLogger, TEST_IMAGE, testLabels, uniqueName } from '../support/engineFixture';
import { KernelFeature, skipUnlessKernelHas, suiteNeeds } from '../support/kernelFeatures';
import { waitFor } from '../support/waitFor';

interface RigNode {
  name: string;
  role: 'manager' | 'worker';
  dockerHost: string;
  socketPath: string;
  netns: string;
  address: string;
  nodeId: string;
  hostname: string;
}
interface SwarmPair {
  manager: RigNode;
  worker: RigNode;
  stop(): Promise<void>;
}
const scripts = path.join(__dirname, '../../../scripts/engine');
const rigScripts = require(path.join(scripts, 'swarm-rig.js')) as {
  startSwarmPair(options: { log: (line: string) => void }): Promise<SwarmPair>;
};
const { execIn } = require(path.join(scripts, 'private-engine.js')) as {
  execIn(container: Docker.Container, cmd: string[]): Promise<string>;
};

const NEEDED: KernelFeature[] = ['network namespaces', 'veth', 'vxlan'];
const NOT_A_MANAGER =
  "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";
const WORKER_CREATES_OVERLAY = 'Cannot create a multi-host network from a worker node. Please create the network from a manager node.';

function gatewayFor(node: RigNode): Promise<DockerGateway> {
  const address = resolveListedEngineAddress(node.dockerHost, node.name, {
    env: {},
    homeDir: '/nonexistent',
    platform: process.platform,
    readFile: readFileIfExists,
  });
  return DockerGateway.open(address, { timeoutMs: 20000, logger: silentLogger });
}

function overlayBody(name: string): CreateNetworkBody {
  return {
    Name: name,
    Driver: 'overlay',
    CheckDuplicate: true,
    Internal: false,
    Attachable: true,
    Ingress: false,
    EnableIPv6: false,
    ConfigOnly: false,
    Options: {},
    Labels: testLabels,
  };
}

async function runOn(docker: Docker, name: string, network: string): Promise<Docker.Container> {
  const container = await docker.createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['sleep', '86400'],
    Labels: testLabels,
    HostConfig: { NetworkMode: network },
  });
  await container.start();
  return container;
}

/** Waits until `from` reaches `target` by name: the overlay's DNS entry and VXLAN path both have to be in place. */
function pingsByName(from: Docker.Container, target: string): Promise<string> {
  return waitFor(
    async () => {
      const out = await execIn(from, ['ping', '-c', '1', '-W', '1', target]);
      return / 0% packet loss/.test(out) && out;
    },
    `a ping from ${from.id.slice(0, 12)} to ${target}`,
    20000,
    100,
  );
}

/** What the tests read of `GET /tasks` (dockerode types it as any). */
interface SwarmTask {
  NodeID: string;
  Status?: { State?: string };
  Spec?: { ContainerSpec?: { Image?: string } };
  NetworksAttachments?: { Network?: { ID?: string }; Addresses?: string[] }[];
}

/** Verbose inspect's `Services`: per service name, its virtual IP and its tasks with their nodes' addresses. */
type VerboseServices = { Services?: Record<string, { VIP: string; Tasks?: { Info?: Record<string, string> }[] }> };

/** The engine's refusal of a dockerode call: status and message verbatim. */
async function refusalOf(call: Promise<unknown>): Promise<{ status?: number; message?: string }> {
  const err = await call.then(
    () => undefined,
    (e: { statusCode?: number; json?: unknown }) => e,
  );
  assert.ok(err, 'the engine was expected to refuse');
  return { status: err.statusCode, message: engineMessageOf(err.json) };
}

describe('a two-node swarm: overlays across network namespaces', { skip: skipUnlessKernelHas(NEEDED) }, () => {
  let pair: SwarmPair;
  let manager: Docker;
  let worker: Docker;
  let managerGateway: DockerGateway;
  let workerGateway: DockerGateway;
  const shared = uniqueName('span');
  const onManager = uniqueName('on-node-1');
  const onWorker = uniqueName('on-node-2');
  let sharedId: string;
  let managerContainer: Docker.Container;

  before(async () => {
    suiteNeeds(NEEDED);
    pair = await rigScripts.startSwarmPair({ log: () => undefined });
    manager = new Docker({ socketPath: pair.manager.socketPath });
    worker = new Docker({ socketPath: pair.worker.socketPath });
    managerGateway = await gatewayFor(pair.manager);
    workerGateway = await gatewayFor(pair.worker);
    sharedId = (await managerGateway.createNetwork(overlayBody(shared))).Id;
    managerContainer = await runOn(manager, onManager, shared);
    await runOn(worker, onWorker, shared);
  });

  after(async () => {
    managerGateway?.dispose();
    workerGateway?.dispose();
    await pair?.stop();
  });

  test('the rig is real: a container on node 1 resolves and pings a container on node 2 by name over the overlay', async () => {
    const out = await pingsByName(managerContainer, onWorker);
    assert.match(out, /1 packets received/);
  });

  test('an overlay made on the manager appears on the worker only while something there is attached, with the same ID', async () => {
    const lazy = uniqueName('lazy');
    const { Id } = await managerGateway.createNetwork(overlayBody(lazy));
    const workerLists = async () => (await workerGateway.listNetworks()).find(n => n.Id === Id || n.Name === lazy);
    assert.ok(
      (await managerGateway.listNetworks()).some(n => n.Id === Id),
      'the manager lists it at once',
    );
    assert.equal(await workerLists(), undefined, 'the worker does not list it yet');
    await assert.rejects(
      workerGateway.inspectNetwork(Id),
      (err: EngineError) => err.statusCode === 404 && err.engineMessage === `network ${Id} not found`,
    );
    const container = await runOn(worker, uniqueName('first-on-node-2'), lazy);
    const seen = await workerLists();
    assert.equal(seen?.Id, Id);
    assert.equal(seen?.Scope, 'swarm');
    // A stopped container does not keep it there: the worker drops it with its last running endpoint.
    await container.stop({ t: 0 });
    await waitFor(async () => !(await workerLists()), 'the worker to drop the overlay', 10000, 100);
  });

  test('verbose inspect on either node lists both nodes as peers by address, and the containers of both as tasks', async () => {
    for (const gateway of [managerGateway, workerGateway]) {
      const verbose = (await gateway.inspectNetwork(sharedId, { verbose: true })) as unknown as {
        Peers?: { Name: string; IP: string }[];
        Services?: Record<string, { Tasks?: { Name: string; EndpointIP: string; Info?: Record<string, string> }[] }>;
      };
      const peers = verbose.Peers ?? [];
      assert.deepEqual(peers.map(p => p.IP).sort(), [pair.manager.address, pair.worker.address].sort());
      // A peer's name is networkDB's random node ID, not the host name: peers map to nodes by address.
      for (const peer of peers) assert.match(peer.Name, /^[0-9a-f]{12}$/);
      // Standalone containers are listed as the tasks of a service with an empty name, each with its node's address.
      const tasks = verbose.Services?.['']?.Tasks ?? [];
      const hostOf = Object.fromEntries(tasks.map(t => [t.Name, t.Info?.['Host IP']]));
      assert.equal(hostOf[onManager], pair.manager.address);
      assert.equal(hostOf[onWorker], pair.worker.address);
    }
  });

  describe('a service with one task on each node', () => {
    const servicesNet = uniqueName('svc-net');
    const serviceName = uniqueName('svc');
    let servicesNetId: string;
    let serviceId: string;

    before(async () => {
      servicesNetId = (await manager.createNetwork({ Name: servicesNet, Driver: 'overlay', Labels: testLabels })).id;
      const service = await manager.createService({
        Name: serviceName,
        Labels: testLabels,
        TaskTemplate: {
          ContainerSpec: { Image: TEST_IMAGE, Command: ['sleep', '86400'] },
          Networks: [{ Target: servicesNet }],
          Placement: { MaxReplicas: 1 },
        },
        Mode: { Replicated: { Replicas: 2 } },
      });
      serviceId = service.id;
    });

    test("the manager's tasks API gives every task's overlay address and node; the image stays as named", async () => {
      const tasks = await waitFor(
        async () => {
          const list = (await manager.listTasks({ filters: JSON.stringify({ service: [serviceName] }) })) as SwarmTask[];
          return list.length === 2 && list.every(t => t.Status?.State === 'running') && list;
        },
        'both tasks running',
        30000,
        200,
      );
      assert.deepEqual(tasks.map(t => t.NodeID).sort(), [pair.manager.nodeId, pair.worker.nodeId].sort());
      for (const task of tasks) {
        const attachment = (task.NetworksAttachments ?? []).find(a => a.Network?.ID === servicesNetId);
        assert.match(attachment?.Addresses?.[0] ?? '', /^10\.216\.\d+\.\d+\/24$/, 'an address from the swarm pool');
        // No registry: the API does not pin a digest (the CLI would), and the worker's failed pull falls back to the local image.
        assert.equal(task.Spec?.ContainerSpec?.Image, TEST_IMAGE);
      }
      const nodes = await manager.listNodes();
      const byHost = Object.fromEntries(nodes.map(n => [n.Description?.Hostname, n.Status?.Addr]));
      assert.deepEqual(byHost, { [pair.manager.name]: pair.manager.address, [pair.worker.name]: pair.worker.address });
    });

    test('verbose inspect on the manager lists the service with its virtual IP and a task on each node', async () => {
      const service = await waitFor(
        async () => {
          const again = (await managerGateway.inspectNetwork(servicesNetId, { verbose: true })) as unknown as VerboseServices;
          const entry = again.Services?.[serviceName];
          return entry && (entry.Tasks ?? []).length === 2 && entry;
        },
        'the service and both tasks in verbose inspect',
        20000,
        200,
      );
      assert.match(service.VIP, /^10\.216\.\d+\.\d+$/);
      assert.deepEqual((service.Tasks ?? []).map(t => t.Info?.['Host IP']).sort(), [pair.manager.address, pair.worker.address].sort());
    });

    test('the engine refuses to remove an overlay a service uses, naming network and service by ID', async () => {
      await assert.rejects(managerGateway.removeNetwork(servicesNetId, servicesNet), (err: EngineError) => {
        assert.equal(err.kind, 'refused');
        assert.equal(err.statusCode, 400);
        assert.equal(
          err.engineMessage,
          `rpc error: code = FailedPrecondition desc = network ${servicesNetId} is in use by service ${serviceId}`,
        );
        assert.match(err.message, new RegExp(`remove network "${servicesNet}"`));
        return true;
      });
      // The service is named by ID only: its name is one lookup away.
      assert.equal((await manager.getService(serviceId).inspect()).Spec.Name, serviceName);
    });
  });

  test('a worker refuses the cluster APIs (/tasks, /nodes) and removing an overlay: 503 "This node is not a swarm manager"', async () => {
    for (const call of [worker.listTasks(), worker.listNodes()])
      assert.deepEqual(await refusalOf(call), { status: 503, message: NOT_A_MANAGER });
    // Even an overlay the worker lists (a container there is attached) is removed on a manager only.
    await assert.rejects(
      workerGateway.removeNetwork(sharedId, shared),
      (err: EngineError) => err.statusCode === 503 && err.engineMessage === NOT_A_MANAGER,
    );
    assert.equal((await workerGateway.engineDetails()).swarmActive, false, 'swarmActive means "a manager" to the product');
  });

  test('a worker refuses to create an overlay, and the error names the network and quotes the engine', async () => {
    const name = uniqueName('from-worker');
    await assert.rejects(workerGateway.createNetwork(overlayBody(name)), (err: EngineError) => {
      assert.equal(err.statusCode, 403);
      assert.equal(err.engineMessage, WORKER_CREATES_OVERLAY);
      assert.equal(err.message, `Docker Engine refused to create network "${name}": ${WORKER_CREATES_OVERLAY} (HTTP 403)`);
      return true;
    });
  });

  test('a standalone container on the worker connects through the gateway to an overlay made on the manager', async () => {
    const lateNet = uniqueName('late');
    const { Id } = await managerGateway.createNetwork(overlayBody(lateNet));
    const name = uniqueName('joins-late');
    const container = await runOn(worker, name, 'bridge');
    // By the manager's ID: the worker does not list the network yet, and the engine asks the manager for it.
    await workerGateway.connectContainer(Id, { Container: container.id }, { network: lateNet, container: name });
    const settings = (await workerGateway.inspectContainer(container.id)).NetworkSettings.Networks?.[lateNet];
    assert.equal(settings?.NetworkID, Id);
    assert.match(settings?.IPAddress ?? '', /^10\.216\./);
    await runOn(manager, uniqueName('peer-on-node-1'), lateNet);
    const peerName = (await manager.listContainers({ filters: JSON.stringify({ network: [lateNet] }) }))[0].Names[0].slice(1);
    assert.match(await pingsByName(container, peerName), /1 packets received/);
  });

  test('the ingress network exists on both nodes, marked Ingress, with the same ID', async () => {
    const [onManagerSide, onWorkerSide] = await Promise.all(
      [managerGateway, workerGateway].map(async g => (await g.listNetworks()).filter(n => n.Ingress)),
    );
    assert.equal(onManagerSide.length, 1);
    assert.equal(onManagerSide[0].Name, 'ingress');
    assert.deepEqual(
      onWorkerSide.map(n => [n.Name, n.Id]),
      [['ingress', onManagerSide[0].Id]],
    );
  });
});
