import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { buildExplorerModel, describeEndpoint, describeNetwork, ExplorerModel } from '../../src/model/explorer';
import { planRemoval, removalQuestion } from '../../src/model/removal';
import { mergeSwarmModels, SwarmState, swarmMembership, swarmNodesFrom, swarmTasksFrom, withSwarmEndpoints } from '../../src/model/swarm';
import { container, endpointSettings, network } from '../support/fixtures';

const overlay = network('app-net', { Driver: 'overlay', Scope: 'swarm', Attachable: true });
const ingress = network('ingress', { Driver: 'overlay', Scope: 'swarm', Ingress: true });
const localBridge = network('bridge');

const nodes = swarmNodesFrom([
  { ID: 'node-a-id', Description: { Hostname: 'host' }, Spec: { Role: 'manager' }, Status: { State: 'ready', Addr: '10.99.0.1' } },
  { ID: 'node-b-id', Description: { Hostname: 'host' }, Spec: { Role: 'worker' }, Status: { State: 'ready', Addr: '10.99.0.2' } },
]);
const [managerNode, workerNode] = nodes;

const tasks = swarmTasksFrom(
  [
    {
      ID: 'task-on-b',
      ServiceID: 'svc-web',
      NodeID: 'node-b-id',
      Slot: 2,
      DesiredState: 'running',
      Status: { State: 'running', ContainerStatus: { ContainerID: 'webtask2'.padEnd(64, 'c') } },
      NetworksAttachments: [{ Network: { ID: overlay.Id, Spec: { Name: 'app-net' } }, Addresses: ['10.0.1.7/24'] }],
    },
    {
      ID: 'task-shut-down',
      ServiceID: 'svc-web',
      NodeID: 'node-b-id',
      Slot: 1,
      DesiredState: 'shutdown',
      Status: { State: 'shutdown' },
      NetworksAttachments: [{ Network: { ID: overlay.Id }, Addresses: ['10.0.1.3/24'] }],
    },
  ],
  [{ ID: 'svc-web', Spec: { Name: 'web' } }],
);

const managerSwarm: SwarmState = { clusterId: 'cluster-1', nodeId: 'node-a-id', manager: true, nodes, tasks };
const workerSwarm: SwarmState = { clusterId: '', nodeId: 'node-b-id', manager: false, nodes: [], tasks: [] };

function managerModel(): ExplorerModel {
  const model = buildExplorerModel(
    [localBridge, overlay, ingress],
    [container('api', 'running', { 'app-net': endpointSettings(overlay.Id, '10.0.1.2', 24) })],
  );
  return withSwarmEndpoints(model, managerSwarm);
}

function workerModel(): ExplorerModel {
  const model = buildExplorerModel(
    [localBridge, overlay, ingress],
    [
      container('client', 'running', { 'app-net': endpointSettings(overlay.Id, '10.0.1.9', 24) }),
      container('webtask2', 'running', { 'app-net': endpointSettings(overlay.Id, '10.0.1.7', 24) }),
    ],
  );
  return withSwarmEndpoints(model, workerSwarm);
}

describe('swarm networks in the explorer', () => {
  test('swarm membership comes from /info; a node outside any swarm has none', () => {
    assert.equal(swarmMembership({ Swarm: { LocalNodeState: 'inactive' } }), undefined);
    assert.deepEqual(
      swarmMembership({ Swarm: { LocalNodeState: 'active', NodeID: 'n1', NodeAddr: '10.99.0.2', ControlAvailable: false } }),
      { clusterId: '', nodeId: 'n1', nodeAddress: '10.99.0.2', manager: false },
    );
  });

  test('nodes that share a hostname are told apart by their short ID', () => {
    assert.deepEqual(
      nodes.map(n => n.name),
      ['host (node-a-id)', 'host (node-b-id)'],
    );
  });

  test('only the tasks meant to run are kept, with their service names', () => {
    assert.deepEqual(
      tasks.map(t => [t.id, t.serviceName, t.slot]),
      [['task-on-b', 'web', 2]],
    );
  });

  test('on a manager, the tasks on other nodes are endpoints of the overlay, marked as tasks, with their node', () => {
    const net = managerModel().networks.find(n => n.name === 'app-net')!;
    assert.deepEqual(
      net.endpoints.map(e => [e.containerName, e.node, e.task?.service, e.taskOnly ?? false, e.ipv4]),
      [
        ['api', managerNode.name, undefined, false, '10.0.1.2/24'],
        ['web.2', workerNode.name, 'web', true, '10.0.1.7/24'],
      ],
    );
    assert.match(describeNetwork(net), /spans 2 nodes/);
    assert.match(describeEndpoint(net.endpoints[1]), /^on host \(node-b-id\) · 10\.0\.1\.7\/24 · task of web$/);
  });

  test('local networks are untouched and an engine outside any swarm keeps its model object', () => {
    const plain = buildExplorerModel([localBridge], []);
    assert.equal(withSwarmEndpoints(plain, undefined), plain);
    assert.equal(managerModel().networks.find(n => n.name === 'bridge')!.nodes, undefined);
  });

  test('the ingress network says so in its description', () => {
    assert.match(describeNetwork(managerModel().networks.find(n => n.name === 'ingress')!), /^overlay \(ingress\)/);
  });

  describe('two engines of one swarm', () => {
    const merged = mergeSwarmModels([
      { engineId: 'worker', engineName: 'node-2', model: workerModel() },
      { engineId: 'manager', engineName: 'node-1', model: managerModel() },
    ]);
    const underManager = merged.get('manager')!;
    const underWorker = merged.get('worker')!;

    test('each swarm network is shown once, under the manager', () => {
      assert.deepEqual(
        underManager.networks.map(n => n.name),
        ['app-net', 'bridge', 'ingress'],
      );
      assert.deepEqual(
        underWorker.networks.map(n => n.name),
        ['bridge'],
      );
    });

    test("its endpoints are every engine's, grouped by node; the worker's own container replaces the manager's task entry", () => {
      const net = underManager.networks.find(n => n.name === 'app-net')!;
      assert.deepEqual(
        net.endpoints.map(e => [e.containerName, e.node, e.engineId, e.task?.service, e.taskOnly ?? false]),
        [
          ['api', managerNode.name, undefined, undefined, false],
          ['client', workerNode.name, 'worker', undefined, false],
          ['webtask2', workerNode.name, 'worker', 'web', false],
        ],
      );
      assert.deepEqual(net.nodes, [managerNode.name, workerNode.name]);
    });

    test('engines alone in their swarm keep their model as it is', () => {
      const alone = managerModel();
      const result = mergeSwarmModels([
        { engineId: 'manager', engineName: 'node-1', model: alone },
        { engineId: 'other', engineName: 'x', model: buildExplorerModel([localBridge], []) },
      ]);
      assert.equal(result.get('manager'), alone);
    });

    test('removing the overlay names the services that use it and does not disconnect their tasks', () => {
      const net = underManager.networks.find(n => n.name === 'app-net')!;
      const plan = planRemoval([net]);
      assert.deepEqual(plan.entries[0].services, ['web']);
      assert.deepEqual(
        plan.entries[0].running.map(e => e.containerName),
        ['api', 'client'],
      );
      assert.match(removalQuestion(plan).detail, /used by swarm service "web": the engine refuses to remove it/);
    });
  });
});
