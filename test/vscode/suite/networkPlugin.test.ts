// A network plugin's networks in the workbench, against the real test engine and a real plugin (a remote network
// driver and IPAM driver on a unix socket the engine discovers, scripts/engine/network-plugin.js): the Create
// wizard offers its driver, its network shows its endpoint with the plugin's address and a plugin icon, and
// Disconnect and Remove from the tree reach the plugin.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DockerNetworksApi } from '../../../src/extension';
import type { NetworkModel } from '../../../src/model/explorer';
import { cleanUpEngine, engineDocker, runContainer, testLabels, uniqueName } from '../../support/engineFixture';
import { CANCEL } from '../../support/scriptedPrompter';
import { waitFor } from '../../support/waitFor';
import { activateExtension, withScript } from './extensionApi';

interface NetworkPlugin {
  name: string;
  subnet: string;
  methods(): string[];
  stop(): Promise<void>;
}
/** Loaded when the suite starts, so that a broken plugin fails this suite and not the loading of every suite. */
const loadPlugin = () =>
  require(path.join(__dirname, '../../../../scripts/engine/network-plugin.js')) as {
    start(options: { log: (line: string) => void }): Promise<NetworkPlugin>;
  };

suite("A network plugin's networks", () => {
  let api: DockerNetworksApi;
  let plugin: NetworkPlugin;
  const network = uniqueName('plugged');
  const container = uniqueName('on-plugin');

  const networkRow = () =>
    api.networksTree.getChildren().find((node): node is NetworkModel => node.kind === 'network' && node.name === network);

  suiteSetup(async function () {
    this.timeout(60000);
    api = await activateExtension();
    plugin = await loadPlugin().start({ log: line => console.log(`  [plugin] ${line}`) });
    await engineDocker().createNetwork({ Name: network, Driver: plugin.name, IPAM: { Driver: plugin.name }, Labels: testLabels });
    await runContainer(container, network);
  });

  suiteTeardown(async function () {
    this.timeout(60000);
    await cleanUpEngine();
    await plugin?.stop();
  });

  test("the network shows its endpoint with the plugin's address, under a plugin icon", async () => {
    const row = await waitFor(() => {
      const found = networkRow();
      // Created, the container is on the network without an address; started, it has the plugin's.
      return found?.endpoints.length === 1 && found.endpoints[0].ipv4 ? found : undefined;
    }, 'the plugin network with its running endpoint');
    const prefix = plugin.subnet.split('.').slice(0, 3).join('.');
    assert.ok(row.endpoints[0].ipv4?.startsWith(`${prefix}.`), `address ${row.endpoints[0].ipv4} from the plugin's pool ${plugin.subnet}`);
    const item = api.networksTree.getTreeItem(row);
    assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'extensions');
    assert.match(String(item.description), new RegExp(`^${plugin.name}`));
  });

  test("the Create wizard offers the plugin's driver as a network plugin", async () => {
    const { prompter } = await withScript(api, [uniqueName('probe'), CANCEL], () =>
      vscode.commands.executeCommand('dockerNetworks.network.create'),
    );
    const drivers = prompter.question(/^Network driver for/);
    const index = drivers.options!.indexOf(plugin.name);
    assert.ok(index >= 0, `drivers offered: ${drivers.options!.join(', ')}`);
    assert.match(drivers.optionDetails![index] ?? '', /plugin/);
  });

  test('Disconnect and Remove from the tree go through the plugin', async function () {
    this.timeout(30000);
    const endpoint = networkRow()!.endpoints[0];
    await withScript(api, ['Disconnect'], () =>
      vscode.commands.executeCommand('dockerNetworks.container.disconnect', endpoint, [endpoint]),
    );
    await waitFor(() => networkRow()?.endpoints.length === 0, 'the endpoint gone from the tree');
    assert.ok(plugin.methods().includes('NetworkDriver.Leave'), `plugin calls: ${plugin.methods().join(', ')}`);
    const row = networkRow()!;
    await withScript(api, ['Remove'], () => vscode.commands.executeCommand('dockerNetworks.network.remove', row, [row]));
    await waitFor(() => !networkRow(), 'the network gone from the tree');
    assert.ok(plugin.methods().includes('NetworkDriver.DeleteNetwork'));
  });
});
