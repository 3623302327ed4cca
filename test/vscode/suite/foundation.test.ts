import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension } from './extensionApi';
import { cleanUpEngine, engineDocker, RUN_ID, TEST_LABEL, uniqueName } from '../../support/engineFixture';
import { waitFor } from '../../support/waitFor';

suite('Foundation: activation, the Networks view, commands', () => {
  suiteTeardown(cleanUpEngine);

  test('activates and connects to the engine named by DOCKER_HOST', async () => {
    const api = await activateExtension();
    await waitFor(() => api.connection.state.kind === 'connected', 'a connection to the test engine');
    const state = api.connection.state;
    assert.ok(state.kind === 'connected');
    assert.strictEqual(state.gateway.address.url, process.env.DOCKER_HOST);
    assert.match(state.gateway.engine.apiVersion, /^1\.\d+$/);
  });

  test("the Networks view lists the engine's built-in networks bridge, host and none", async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('dockerNetworks.networksView.focus');
    const names = await waitFor(() => {
      const roots = api.networksTree.getChildren();
      return roots.length ? roots.map(node => (node.kind === 'network' ? node.name : '')) : undefined;
    }, 'networks in the tree');
    for (const name of ['bridge', 'host', 'none']) assert.ok(names.includes(name), `${name} missing: ${names.join(', ')}`);
    const bridge = api.networksTree.getChildren().find(node => node.kind === 'network' && node.name === 'bridge')!;
    const item = api.networksTree.getTreeItem(bridge);
    assert.match(String(item.description), /^bridge · /);
    assert.strictEqual(item.contextValue?.split(' ').includes('builtin'), true);
  });

  test('a network created outside VS Code appears without a refresh, and disappears after removal', async () => {
    const api = await activateExtension();
    const name = uniqueName('outside');
    const names = () => api.networksTree.getChildren().map(node => (node.kind === 'network' ? node.name : ''));
    const network = await engineDocker().createNetwork({ Name: name, Labels: { [TEST_LABEL]: RUN_ID } });
    await waitFor(() => names().includes(name), `${name} in the tree`, 5000);
    await network.remove();
    await waitFor(() => !names().includes(name), `${name} gone from the tree`, 5000);
  });

  test('every contributed command is registered', async () => {
    await activateExtension();
    const registered = new Set(await vscode.commands.getCommands(true));
    const manifest = vscode.extensions.getExtension('cnm-tools.docker-networks')!.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    for (const { command } of manifest.contributes.commands) assert.ok(registered.has(command), `${command} is not registered`);
  });

  test('the hook that answers questions for tests exists only because VS Code runs this as a test (extensionMode Test)', async () => {
    const api = await activateExtension();
    assert.strictEqual(typeof api.usePrompter, 'function');
    assert.deepStrictEqual(
      Object.keys(api).sort(),
      [
        'connection',
        'containersTree',
        'engineTrees',
        'log',
        'networksDragAndDrop',
        'networksTree',
        'networksView',
        'sessions',
        'store',
        'topology',
        'usePrompter',
        'viewState',
      ],
      'the API is what tests read, not the command context',
    );
  });

  test('the engine calls are logged to the "Docker Networks" log channel', async () => {
    const api = await activateExtension();
    assert.strictEqual(api.log.name, 'Docker Networks');
    assert.ok(api.log.logLevel !== undefined);
  });

  test("Inspect Network opens the engine's JSON in a tab named after the network", async () => {
    const api = await activateExtension();
    const bridge = await waitFor(
      () => api.networksTree.getChildren().find(node => node.kind === 'network' && node.name === 'bridge'),
      'bridge',
    );
    await vscode.commands.executeCommand('dockerNetworks.network.inspect', bridge, [bridge]);
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.scheme === 'docker-networks-inspect' && vscode.window.activeTextEditor,
      'an inspect editor',
    );
    assert.ok(editor.document.uri.path.endsWith('/bridge'));
    const shown = JSON.parse(editor.document.getText());
    const expected = await engineDocker().getNetwork('bridge').inspect();
    assert.strictEqual(shown.Id, expected.Id);
    assert.deepStrictEqual(shown.IPAM, expected.IPAM);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
