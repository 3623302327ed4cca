// Create, connect, disconnect, remove and prune through the real commands, answered by a scripted prompter, with
// the engine's inspect confirming each step.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DockerNetworksApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/ui/tree/treeItems';
import { CANCEL } from '../../support/scriptedPrompter';
import { activateExtension, withScript } from './extensionApi';
import { cleanUpEngine, engineDocker, RUN_ID, runContainer, TEST_IMAGE, TEST_LABEL, uniqueName } from '../../support/engineFixture';
import { waitFor } from '../../support/waitFor';

const labels = { [TEST_LABEL]: RUN_ID };

function networkNode(api: DockerNetworksApi, name: string): ExplorerNode | undefined {
  return api.networksTree.getChildren().find(node => node.kind === 'network' && node.name === name);
}

suite('Workflows: create, connect, disconnect, remove, prune', () => {
  suiteTeardown(cleanUpEngine);

  test('Create Network: a subnet and gateway through the wizard, then the network is revealed and selected', async () => {
    const api = await activateExtension();
    const name = uniqueName('created');
    await withScript(
      api,
      [
        name,
        'bridge',
        'Configure options…',
        ['IPv4 subnet…', 'Labels…'],
        '10.219.20.0/24',
        '10.219.20.1',
        '',
        '',
        `${TEST_LABEL}=${RUN_ID}`,
        `Create network "${name}"`,
      ],
      () => vscode.commands.executeCommand('dockerNetworks.network.create'),
    );
    const inspected = await engineDocker().getNetwork(name).inspect();
    assert.deepStrictEqual(inspected.IPAM?.Config, [{ Subnet: '10.219.20.0/24', Gateway: '10.219.20.1' }]);
    await waitFor(
      () => api.networksView.selection.some(n => n.kind === 'network' && n.name === name),
      'the new network selected in the tree',
    );
  });

  test("Create Network: the engine's refusal is shown with the network name, and Retry reopens the wizard with the answers", async () => {
    const api = await activateExtension();
    const name = uniqueName('refused');
    const { prompter } = await withScript(
      api,
      [name, 'macvlan', 'Type an interface name…', 'dntnosuch0', 'Create with defaults', `Create network "${name}"`, 'Retry', CANCEL],
      () => vscode.commands.executeCommand('dockerNetworks.network.create'),
    );
    const error = prompter.asked.find(q => q.kind === 'error')!;
    assert.match(
      error.title,
      new RegExp(`Could not create network "${name}": Docker Engine refused to create network "${name}": .*dntnosuch0`),
    );
    const reopened = prompter.question('Name of the new network');
    assert.strictEqual(reopened.value, name, 'the wizard reopened with the name kept');
  });

  test('Connect from a network node: a fixed address and an alias, confirmed by container inspect', async () => {
    const api = await activateExtension();
    const network = uniqueName('connect');
    await engineDocker().createNetwork({
      Name: network,
      Labels: labels,
      IPAM: { Config: [{ Subnet: '10.219.21.0/24', Gateway: '10.219.21.1' }] },
    });
    const container = uniqueName('app');
    await runContainer(container, 'bridge', { start: false });
    const node = await waitFor(() => networkNode(api, network), 'the network node');
    await waitFor(() => api.containersTree.getChildren().some(c => c.kind === 'container' && c.name === container), 'the container');
    await withScript(api, [[container], 'Set options…', ['Aliases', 'IPv4 address'], 'api', '10.219.21.50'], () =>
      vscode.commands.executeCommand('dockerNetworks.container.connect', node, [node]),
    );
    const inspected = await engineDocker().getContainer(container).inspect();
    const endpoint = inspected.NetworkSettings.Networks[network];
    assert.strictEqual(endpoint.IPAMConfig?.IPv4Address, '10.219.21.50');
    assert.ok(endpoint.Aliases?.includes('api'));
  });

  test('Connect refuses an address already in use, naming the container that holds it — before anything is sent', async () => {
    const api = await activateExtension();
    const network = uniqueName('taken');
    await engineDocker().createNetwork({ Name: network, Labels: labels, IPAM: { Config: [{ Subnet: '10.219.22.0/24' }] } });
    const holder = uniqueName('holder');
    const other = uniqueName('other');
    const container = await engineDocker().createContainer({
      name: holder,
      Image: TEST_IMAGE,
      Cmd: ['sleep', '86400'],
      Labels: labels,
      HostConfig: { NetworkMode: network },
      NetworkingConfig: { EndpointsConfig: { [network]: { IPAMConfig: { IPv4Address: '10.219.22.5' } } } },
    });
    await container.start();
    await runContainer(other, 'bridge');
    const node = await waitFor(() => {
      const n = networkNode(api, network);
      return n?.kind === 'network' && n.endpoints.length === 1 ? n : undefined;
    }, 'the network with its holder');
    // The scripted prompter treats a blocking validation error like a user who cannot press Enter: the flow stops.
    const { prompter } = await withScript(api, [[other], 'Set options…', ['IPv4 address'], '10.219.22.5'], () =>
      vscode.commands.executeCommand('dockerNetworks.container.connect', node, [node]),
    );
    assert.match(prompter.question(/^Fixed IPv4 address/).validation ?? '', new RegExp(`10\\.219\\.22\\.5.*${holder}`));
    const inspected = await engineDocker().getContainer(other).inspect();
    assert.ok(!(network in inspected.NetworkSettings.Networks), 'nothing was connected');
  });

  test('Disconnect from an endpoint node asks first, then the engine no longer lists the endpoint', async () => {
    const api = await activateExtension();
    const network = uniqueName('disc');
    await engineDocker().createNetwork({ Name: network, Labels: labels });
    const container = uniqueName('leaver');
    await runContainer(container, network);
    const endpoint = await waitFor(() => {
      const n = networkNode(api, network);
      return n?.kind === 'network' ? n.endpoints[0] : undefined;
    }, 'the endpoint');
    const { prompter } = await withScript(api, ['Disconnect'], () =>
      vscode.commands.executeCommand('dockerNetworks.container.disconnect', endpoint, [endpoint]),
    );
    assert.match(prompter.question(/^Disconnect /).title, new RegExp(`Disconnect "${container}" from "${network}"\\?`));
    const inspected = await engineDocker().getNetwork(network).inspect();
    assert.deepStrictEqual(Object.keys(inspected.Containers ?? {}), []);
  });

  test('Remove a network with a running container: the dialog names it; Disconnect Them and Remove removes it', async () => {
    const api = await activateExtension();
    const network = uniqueName('busy');
    await engineDocker().createNetwork({ Name: network, Labels: labels });
    const container = uniqueName('tenant');
    await runContainer(container, network);
    const node = await waitFor(() => {
      const n = networkNode(api, network);
      return n?.kind === 'network' && n.endpoints.some(e => e.running) ? n : undefined;
    }, 'the busy network');
    const { prompter } = await withScript(api, ['Disconnect Them and Remove'], () =>
      vscode.commands.executeCommand('dockerNetworks.network.remove', node, [node]),
    );
    assert.match(prompter.question(/^Remove network/).text, new RegExp(`"${network}" has running containers attached: "${container}"`));
    await assert.rejects(engineDocker().getNetwork(network).inspect(), /404|not found/);
    assert.ok((await engineDocker().getContainer(container).inspect()).State.Running, 'the container keeps running');
  });

  test('Remove keeps a network when the user cancels the warning about stopped containers', async () => {
    const api = await activateExtension();
    const network = uniqueName('kept');
    await engineDocker().createNetwork({ Name: network, Labels: labels });
    await runContainer(uniqueName('sleeper'), network, { start: false });
    const node = await waitFor(() => {
      const n = networkNode(api, network);
      return n?.kind === 'network' && n.endpoints.length ? n : undefined;
    }, 'the network');
    const { prompter } = await withScript(api, [CANCEL], () =>
      vscode.commands.executeCommand('dockerNetworks.network.remove', node, [node]),
    );
    assert.match(prompter.question(/^Remove network/).text, /will fail to start/);
    assert.ok(await engineDocker().getNetwork(network).inspect(), 'still there');
  });

  test('Prune shows what it would remove, keeps networks of stopped containers unless ticked, and reports', async () => {
    const api = await activateExtension();
    const unused = uniqueName('unused');
    const referenced = uniqueName('referenced');
    await engineDocker().createNetwork({ Name: unused, Labels: { ...labels, prunetest: RUN_ID } });
    await engineDocker().createNetwork({ Name: referenced, Labels: { ...labels, prunetest: RUN_ID } });
    await runContainer(uniqueName('idle'), referenced, { start: false });
    const { prompter, result } = await withScript(api, ['Only some: by age or labels…', '', `prunetest=${RUN_ID}`, [unused], 'Prune'], () =>
      vscode.commands.executeCommand<{ done: string[] }>('dockerNetworks.network.prune'),
    );
    const pick = prompter.asked.find(q => q.kind === 'pickMany')!;
    assert.deepStrictEqual(pick.options, [unused, referenced]);
    assert.match(pick.optionDetails![1]!, /used by stopped/);
    assert.deepStrictEqual(result.done, [unused]);
    assert.ok(await engineDocker().getNetwork(referenced).inspect(), 'the referenced network stays');
  });
});
