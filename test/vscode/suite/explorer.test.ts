// The explorer's nodes against what the engine reports: networks, endpoints with addresses, stopped endpoints,
// grouping, filters and display settings.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../../src/ui/tree/treeItems';
import { ScriptedPrompter } from '../../support/scriptedPrompter';
import { activateExtension } from './extensionApi';
import { cleanUpEngine, engineDocker, RUN_ID, TEST_IMAGE, TEST_LABEL, uniqueName } from '../../support/engineFixture';
import { waitFor } from '../../support/waitFor';

const labels = { [TEST_LABEL]: RUN_ID };
const networkNames = (nodes: ExplorerNode[]) =>
  nodes.flatMap(node => (node.kind === 'network' ? [node.name] : node.kind === 'group' ? node.networks.map(n => n.name) : []));

suite('Explorer: the trees follow the engine', () => {
  const configuration = () => vscode.workspace.getConfiguration('dockerNetworks');
  let networkName: string;
  let running: string;
  let stopped: string;

  suiteSetup(async () => {
    const docker = engineDocker();
    networkName = uniqueName('explore');
    running = uniqueName('run');
    stopped = uniqueName('stop');
    await docker.createNetwork({
      Name: networkName,
      Labels: { ...labels, tier: 'db' },
      IPAM: { Config: [{ Subnet: '10.219.1.0/24', Gateway: '10.219.1.1' }] },
    });
    for (const [name, ip, start] of [
      [running, '10.219.1.10', true],
      [stopped, '10.219.1.11', false],
    ] as const) {
      const container = await docker.createContainer({
        name,
        Image: TEST_IMAGE,
        Cmd: ['sleep', '86400'],
        Labels: labels,
        HostConfig: { NetworkMode: networkName },
        NetworkingConfig: { EndpointsConfig: { [networkName]: { IPAMConfig: { IPv4Address: ip }, Aliases: ['db'] } } },
      });
      if (start) await container.start();
    }
  });

  suiteTeardown(async () => {
    for (const key of ['groupBy', 'showBuiltInNetworks', 'labelTemplate'])
      await configuration().update(key, undefined, vscode.ConfigurationTarget.Global);
    const api = await activateExtension();
    await api.viewState.setFilter({ driver: [], id: [], label: [], name: [], scope: [], type: [], dangling: [] });
    await cleanUpEngine();
  });

  test('a network shows its running and stopped endpoints with addresses and aliases', async () => {
    const api = await activateExtension();
    const network = await waitFor(() => {
      const found = api.networksTree.getChildren().find(n => n.kind === 'network' && n.name === networkName);
      return found?.kind === 'network' && found.endpoints.length === 2 && found.endpoints.every(e => e.aliases.length) ? found : undefined;
    }, 'the network with both endpoints and their aliases');
    const endpoints = api.networksTree.getChildren(network);
    const items = endpoints.map(e => api.networksTree.getTreeItem(e));
    const byLabel = new Map(items.map(item => [String(item.label), item]));
    assert.match(String(byLabel.get(running)?.description), /^10\.219\.1\.10\/24 · alias db · 02:42:/);
    assert.strictEqual(byLabel.get(stopped)?.description, '10.219.1.11 · alias db · created');
    assert.strictEqual(byLabel.get(running)?.contextValue, 'endpoint running');
    assert.strictEqual(byLabel.get(stopped)?.contextValue, 'endpoint stopped');
    const inspected = await engineDocker().getNetwork(networkName).inspect();
    assert.strictEqual(
      Object.keys(inspected.Containers ?? {}).length,
      1,
      "the engine's inspect hides the stopped container; the tree does not",
    );
    const networkItem = api.networksTree.getTreeItem(network);
    assert.strictEqual(networkItem.description, 'bridge · 10.219.1.0/24 · 2 endpoints');
    assert.strictEqual(networkItem.tooltip, undefined, 'the hover text is resolved when hovered, not sent with every redraw');
    const hovered = api.networksTree.resolveTreeItem(networkItem, network);
    assert.match((hovered.tooltip as vscode.MarkdownString).value, /gateway `10\.219\.1\.1`/);
    assert.strictEqual(networkItem.contextValue, 'network custom inUse');
  });

  test('getParent lets reveal find an endpoint, and the Containers view lists networks per container', async () => {
    const api = await activateExtension();
    const network = api.networksTree.getChildren().find(n => n.kind === 'network' && n.name === networkName)!;
    const endpoint = api.networksTree.getChildren(network)[0];
    assert.strictEqual(api.networksTree.getParent(endpoint), network);
    const container = api.containersTree.getChildren().find(c => c.kind === 'container' && c.name === running)!;
    const memberships = api.containersTree.getChildren(container);
    assert.deepStrictEqual(
      memberships.map(m => api.containersTree.getTreeItem(m).label),
      [networkName],
    );
    await vscode.commands.executeCommand('dockerNetworks.container.revealInNetworks', container);
    await waitFor(
      () => api.networksView.selection.some(n => n.kind === 'endpoint' && n.containerName === running),
      'the endpoint selected in the Networks view',
    );
  });

  test('grouping by driver puts networks under driver nodes', async () => {
    const api = await activateExtension();
    await configuration().update('groupBy', 'driver', vscode.ConfigurationTarget.Global);
    try {
      const roots = await waitFor(() => {
        const r = api.networksTree.getChildren();
        return r.every(n => n.kind === 'group') && r.length ? r : undefined;
      }, 'groups');
      const labelsShown = roots.map(r => String(api.networksTree.getTreeItem(r).label));
      assert.ok(labelsShown.includes('bridge') && labelsShown.includes('host') && labelsShown.includes('null'), labelsShown.join(', '));
      const bridgeGroup = roots.find(r => r.kind === 'group' && r.key === 'bridge')!;
      assert.ok(networkNames(api.networksTree.getChildren(bridgeGroup)).includes(networkName));
      const network = api.networksTree.getChildren(bridgeGroup).find(n => n.kind === 'network' && n.name === networkName)!;
      assert.strictEqual(api.networksTree.getParent(network), bridgeGroup, 'the same group node, so reveal works');
    } finally {
      await configuration().update('groupBy', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('hiding built-in networks and a label template change what the view shows', async () => {
    const api = await activateExtension();
    await configuration().update('showBuiltInNetworks', false, vscode.ConfigurationTarget.Global);
    await waitFor(() => !networkNames(api.networksTree.getChildren()).includes('bridge'), 'bridge hidden');
    await configuration().update('showBuiltInNetworks', undefined, vscode.ConfigurationTarget.Global);
    await configuration().update('labelTemplate', '{{.Name}} [{{.Label "tier"}}]', vscode.ConfigurationTarget.Global);
    const network = api.networksTree.getChildren().find(n => n.kind === 'network' && n.name === networkName)!;
    await waitFor(() => api.networksTree.getTreeItem(network).label === `${networkName} [db]`, 'the templated label');
    await configuration().update('labelTemplate', undefined, vscode.ConfigurationTarget.Global);
  });

  const filterCases: [string, (name: string) => string, (names: string[], name: string) => boolean][] = [
    [
      'name=dge finds bridge (unanchored regular expression)',
      () => 'name=dge',
      names => names.includes('bridge') && !names.includes('host'),
    ],
    ['type=builtin shows only bridge, host and none', () => 'type=builtin', names => names.sort().join() === 'bridge,host,none'],
    ['label=tier=db finds the labelled network', () => 'label=tier=db', (names, name) => names.join() === name],
    ['driver=null finds none', () => 'driver=null', names => names.join() === 'none'],
    [
      'dangling=true leaves out networks that only a stopped container uses',
      () => 'dangling=true type=custom',
      (names, name) => !names.includes(name),
    ],
  ];
  for (const [what, filter, check] of filterCases) {
    test(`Filter Networks: ${what}`, async () => {
      const api = await activateExtension();
      const restore = api.usePrompter!(new ScriptedPrompter([filter(networkName)]));
      try {
        await vscode.commands.executeCommand('dockerNetworks.network.filter');
      } finally {
        restore();
      }
      const names = networkNames(api.networksTree.getChildren());
      assert.ok(check(names, networkName), `${filter(networkName)} → ${names.join(', ')}`);
      for (const term of filter(networkName).split(' '))
        assert.ok(api.networksView.description?.includes(term), `${api.networksView.description} shows ${term}`);
      await vscode.commands.executeCommand('dockerNetworks.network.clearFilter');
      assert.strictEqual(api.networksView.description, undefined);
    });
  }
});
