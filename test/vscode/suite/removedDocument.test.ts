// An inspect document whose object was removed keeps its last state under a notice and stops asking the engine for
// it: IDs are never reused, and asking again on every later event only fills the log with 404s.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EngineProxy, startEngineProxy } from '../../support/engineProxy';
import { cleanUpEngine, engineDocker, testLabels, uniqueName } from '../../support/engineFixture';
import { waitFor } from '../../support/waitFor';
import { activateExtension } from './extensionApi';

suite('Inspect document of a removed network', () => {
  const configuration = () => vscode.workspace.getConfiguration('dockerNetworks');
  let proxy: EngineProxy | undefined;

  suiteTeardown(async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await configuration().update('host', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.connection.state.kind === 'connected', 'the test engine again', 30000);
    await proxy?.close();
    await cleanUpEngine();
  });

  test('after the removed notice, later engine events do not inspect the removed network again', async function () {
    this.timeout(60000);
    const api = await activateExtension();
    proxy = await startEngineProxy(process.env.DOCKER_HOST!.replace(/^unix:\/\//, ''));
    await configuration().update('host', proxy.dockerHost, vscode.ConfigurationTarget.Global);
    await waitFor(
      () =>
        api.connection.state.kind === 'connected' && api.connection.state.gateway.addressDescription.includes(proxy!.dockerHost.slice(7)),
      'connected through the watching proxy',
      30000,
    );

    const network = uniqueName('gone');
    const created = await engineDocker().createNetwork({ Name: network, Labels: testLabels });
    const node = await waitFor(
      () => api.networksTree.getChildren().find(n => n.kind === 'network' && n.name === network),
      'the network node',
    );
    await vscode.commands.executeCommand('dockerNetworks.network.inspect', node, [node]);
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.path.endsWith(`/${network}`) && vscode.window.activeTextEditor,
      'the network tab',
    );
    await engineDocker().getNetwork(created.id).remove();
    await waitFor(
      () => editor.document.getText().startsWith(`// The network "${network}" has been removed from the engine.`),
      'the removed notice',
    );
    const inspectsOfRemoved = () =>
      proxy!.requests.filter(line => line.startsWith('GET') && line.includes(`/networks/${created.id}`)).length;
    const before = inspectsOfRemoved();

    // Three more engine changes, each seen by the explorer (so each refreshed the open documents).
    for (const index of [1, 2, 3]) {
      const other = uniqueName(`later${index}`);
      await engineDocker().createNetwork({ Name: other, Labels: testLabels });
      await waitFor(() => api.store.model?.networks.some(n => n.name === other), `${other} in the explorer`);
    }
    assert.strictEqual(
      inspectsOfRemoved(),
      before,
      `the removed network was inspected again: ${proxy.requests.filter(l => l.includes(created.id)).join(', ')}`,
    );
    assert.ok(editor.document.getText().startsWith(`// The network "${network}" has been removed`), 'the notice stays');
  });
});
