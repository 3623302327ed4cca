// A real two-node swarm in one window: the manager and the worker (each a private engine in its own network
// namespace, see scripts/engine/swarm-rig.js) listed in dockerNetworks.engines. A swarm network is one row, under
// the manager, with the endpoints of both nodes; the manager's tasks are endpoints too; Connect from that row reaches
// the worker's containers; Remove names the services; Create on the worker explains where overlays are made.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { DockerNetworksApi } from '../../../src/extension';
import type { EndpointModel, NetworkModel } from '../../../src/model/explorer';
import type { EngineSession } from '../../../src/ui/engines/engineSessions';
import type { EngineTreeNode } from '../../../src/ui/tree/engineTree';
import { RUN_ID, runContainer, TEST_IMAGE, TEST_LABEL, uniqueName } from '../../support/engineFixture';
import { CANCEL } from '../../support/scriptedPrompter';
import { waitFor } from '../../support/waitFor';
import { activateExtension, withScript } from './extensionApi';

interface SwarmNode {
  dockerHost: string;
}
interface SwarmPair {
  manager: SwarmNode;
  worker: SwarmNode;
  stop(): Promise<void>;
}
/** Loaded when the suite starts, so that a broken rig fails this suite and not the loading of every suite. */
const loadRig = () =>
  require(path.join(__dirname, '../../../../scripts/engine/swarm-rig.js')) as {
    spawnSwarmRig(options: { log: (line: string) => void }): Promise<SwarmPair>;
  };
const engineScripts = require(path.join(__dirname, '../../../../scripts/engine/private-engine.js')) as {
  dockerFor(dockerHost: string): Docker;
};
const labels = { [TEST_LABEL]: RUN_ID };

suite('A two-node swarm in one window', () => {
  const configuration = () => vscode.workspace.getConfiguration('dockerNetworks');
  const overlay = uniqueName('span');
  let pair: SwarmPair;
  let api: DockerNetworksApi;
  let manager: Docker;
  let worker: Docker;

  const session = (name: string) => api.sessions.all.find(s => s.entry.name === name)!;
  const rootOf = (s: EngineSession) => api.engineTrees.networks.rootOf(s);
  const networksUnder = (name: string) =>
    api.engineTrees.networks.getChildren(rootOf(session(name))).filter((n): n is NetworkModel => n.kind === 'network');
  const overlayUnder = (name: string) => networksUnder(name).find(n => n.name === overlay);
  const endpointRows = (network: NetworkModel) =>
    api.engineTrees.networks.getChildren(network as EngineTreeNode).filter((n): n is EndpointModel => n.kind === 'endpoint');

  const run = (docker: Docker, name: string, network: string) => runContainer(name, network, { docker });

  suiteSetup(async function () {
    this.timeout(240000);
    api = await activateExtension();
    await vscode.commands.executeCommand('dockerNetworks.networksView.focus');
    pair = await loadRig().spawnSwarmRig({ log: line => console.log(`  [swarm] ${line}`) });
    manager = engineScripts.dockerFor(pair.manager.dockerHost);
    worker = engineScripts.dockerFor(pair.worker.dockerHost);
    await manager.createNetwork({
      Name: overlay,
      Driver: 'overlay',
      Attachable: true,
      Labels: labels,
      IPAM: { Config: [{ Subnet: '10.216.201.0/24' }] },
    });
    await run(manager, 'on-manager', overlay);
    await run(worker, 'on-worker', overlay);
    await configuration().update(
      'engines',
      [
        { name: 'node-1', host: pair.manager.dockerHost },
        { name: 'node-2', host: pair.worker.dockerHost },
      ],
      vscode.ConfigurationTarget.Global,
    );
    await waitFor(
      () => api.sessions.all.length === 3 && api.sessions.all.every(s => s.store.snapshot.kind === 'ready'),
      'the default engine and both swarm nodes loaded',
      60000,
    );
  });

  suiteTeardown(async function () {
    this.timeout(120000);
    await configuration().update('engines', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.sessions.all.length === 1, 'back to one engine', 10000);
    await pair?.stop();
  });

  test('an attachable overlay spanning both nodes is one row, under the manager, with the endpoints of both nodes', async () => {
    const network = await waitFor(() => {
      const row = overlayUnder('node-1');
      return row && endpointRows(row).length === 2 ? row : undefined;
    }, 'the overlay under node-1 with two endpoints');
    assert.deepStrictEqual(
      endpointRows(network).map(e => e.containerName),
      ['on-manager', 'on-worker'],
    );
    assert.strictEqual(new Set(endpointRows(network).map(e => e.node)).size, 2, 'each endpoint names its node');
    assert.match(String(api.engineTrees.networks.getTreeItem(network).description), /spans 2 nodes/);
    assert.strictEqual(overlayUnder('node-2'), undefined, 'the worker does not show it a second time');
    assert.match(String(api.engineTrees.networks.getTreeItem(rootOf(session('node-2'))).description), /swarm worker/);
  });

  test('the topology draws the overlay once, outside both engine boxes, with an edge to the container on each node', async function () {
    this.timeout(60000);
    await vscode.commands.executeCommand('dockerNetworks.topology.show');
    const panel = await waitFor(() => api.topology.panel, 'the topology panel');
    const drawn = await waitFor(
      () => {
        const shown = panel.shown;
        const overlays = shown?.nodes.filter(n => n.kind === 'network' && n.name === overlay) ?? [];
        return overlays.length === 1 && shown!.edges.filter(e => e.source === overlays[0].id).length >= 2
          ? { shown: shown!, node: overlays[0] }
          : undefined;
      },
      'the overlay in the picture with its endpoints on both nodes',
      30000,
    );
    const node = drawn.node as unknown as { group?: string; engineIds: readonly string[] };
    assert.strictEqual(node.group, undefined, 'the swarm network spans the engine boxes');
    assert.deepStrictEqual([...node.engineIds].sort(), [session('node-1').entry.id, session('node-2').entry.id].sort());
    const names = drawn.shown.edges
      .filter(e => e.source === drawn.node.id)
      .map(e => drawn.shown.nodes.find(n => n.id === e.target))
      .map(n => (n as { name?: string } | undefined)?.name)
      .sort();
    assert.deepStrictEqual(names, ['on-manager', 'on-worker']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test("a service's tasks are endpoints of the overlay, marked as tasks, on the nodes they run on", async function () {
    this.timeout(90000);
    const service = uniqueName('svc');
    await manager.createService({
      Name: service,
      Labels: labels,
      TaskTemplate: {
        ContainerSpec: { Image: TEST_IMAGE, Command: ['sleep', '3600'] },
        Networks: [{ Target: overlay }],
        Placement: { MaxReplicas: 1 },
      },
      Mode: { Replicated: { Replicas: 2 } },
    } as unknown as Docker.CreateServiceOptions);
    const tasks = await waitFor(
      () => {
        const row = overlayUnder('node-1');
        const found = row ? endpointRows(row).filter(e => e.task?.service === service && e.running) : [];
        return found.length === 2 ? found : undefined;
      },
      'two running tasks of the service under the overlay',
      80000,
    );
    assert.strictEqual(new Set(tasks.map(t => t.node)).size, 2, 'one task on each node');
    assert.ok(tasks.every(t => t.ipv4?.startsWith('10.216.201.')));
    const item = api.engineTrees.networks.getTreeItem(tasks[0]);
    assert.match(String(item.description), new RegExp(`task of ${service}`));

    const { prompter } = await withScript(api, [CANCEL], () =>
      vscode.commands.executeCommand('dockerNetworks.network.remove', overlayUnder('node-1'), [overlayUnder('node-1')]),
    );
    assert.match(prompter.asked[0].text, new RegExp(`used by swarm service "${service}"`));
    await manager.getService(service).remove();
  });

  test("Connect from the overlay's row offers the worker's containers and connects them on the worker", async function () {
    this.timeout(60000);
    const standalone = uniqueName('standalone');
    await run(worker, standalone, 'bridge');
    await waitFor(() => session('node-2').store.model?.containers.some(c => c.name === standalone), 'the worker lists the container');
    const network = overlayUnder('node-1')!;
    const { prompter } = await withScript(api, [[standalone], 'Connect with defaults'], () =>
      vscode.commands.executeCommand('dockerNetworks.container.connect', network, [network]),
    );
    assert.match(prompter.asked[0].optionDetails?.[prompter.asked[0].options!.indexOf(standalone)] ?? '', /^on /);
    const inspected = await worker.getContainer(standalone).inspect();
    assert.ok(inspected.NetworkSettings.Networks[overlay]?.IPAddress.startsWith('10.216.201.'), 'connected on the worker');
    await waitFor(
      () => endpointRows(overlayUnder('node-1')!).find(e => e.containerName === standalone && e.engineId === session('node-2').entry.id),
      'the new endpoint under the overlay, on node-2',
    );
  });

  test("dragging a worker's container onto the overlay under the manager connects it on the worker", async function () {
    this.timeout(60000);
    const dragged = uniqueName('dragged');
    await run(worker, dragged, 'bridge');
    const containerRow = await waitFor(
      () =>
        api.engineTrees.containers
          .getChildren(api.engineTrees.containers.rootOf(session('node-2')))
          .find(node => node.kind === 'container' && node.name === dragged),
      "the worker's container in the Containers view",
    );
    const transfer = new vscode.DataTransfer();
    api.networksDragAndDrop.handleDrag([containerRow], transfer);
    await withScript(api, ['Connect with defaults'], () => api.networksDragAndDrop.handleDrop(overlayUnder('node-1'), transfer));
    const inspected = await worker.getContainer(dragged).inspect();
    assert.ok(inspected.NetworkSettings.Networks[overlay]?.IPAddress.startsWith('10.216.201.'), 'connected on the worker');
    await waitFor(
      () => endpointRows(overlayUnder('node-1')!).some(e => e.containerName === dragged && e.node === 'node-2'),
      'the dropped container under the overlay, on node-2',
    );
  });

  test('Create on the manager makes an attachable, encrypted overlay with its subnet, gateway and labels', async () => {
    const name = uniqueName('enc');
    await withScript(
      api,
      [
        name,
        'overlay',
        'Configure options…',
        ['IPv4 subnets…', 'Attachable', 'Encrypted', 'Labels…'],
        '10.216.202.0/24',
        '10.216.202.1',
        '',
        '',
        'No, continue',
        `${TEST_LABEL}=${RUN_ID}`,
        `Create network "${name}"`,
      ],
      () => vscode.commands.executeCommand('dockerNetworks.network.create', rootOf(session('node-1'))),
    );
    // Straight after a create, the manager may describe the overlay without driver, options or IPAM for ~100 ms,
    // until swarm's allocator has run.
    const inspected = await waitFor(async () => {
      const network = await manager.getNetwork(name).inspect();
      return network.Driver && network.IPAM?.Config ? network : undefined;
    }, 'the overlay described by the allocator');
    assert.strictEqual(inspected.Driver, 'overlay');
    assert.strictEqual(inspected.Scope, 'swarm');
    assert.strictEqual(inspected.Attachable, true);
    assert.ok('encrypted' in (inspected.Options ?? {}), `options: ${JSON.stringify(inspected.Options)}`);
    assert.deepStrictEqual(inspected.IPAM?.Config, [{ Subnet: '10.216.202.0/24', Gateway: '10.216.202.1' }]);
    await waitFor(() => overlayUnder('node-1') && networksUnder('node-1').some(n => n.name === name), 'the new overlay under node-1');
  });

  test('Create on the worker explains that overlays are created on a manager', async () => {
    const { prompter } = await withScript(api, [uniqueName('wont'), 'overlay', 'OK', CANCEL], () =>
      vscode.commands.executeCommand('dockerNetworks.network.create', rootOf(session('node-2'))),
    );
    assert.match(prompter.question('Overlay networks are created on a swarm manager').text, /This engine is a swarm worker/);
  });
});
