// Inspect documents: the engine's JSON, kept current by events, with a notice on removal, links and hovers on IDs.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension } from './extensionApi';
import { cleanUpEngine, engineDocker, RUN_ID, TEST_IMAGE, TEST_LABEL, uniqueName } from '../../support/engineFixture';
import { waitFor } from '../../support/waitFor';

const labels = { [TEST_LABEL]: RUN_ID };

suite('Inspect documents', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await cleanUpEngine();
  });

  test("a network document equals the engine's inspect, follows an external connect, and says when the network is removed", async () => {
    const api = await activateExtension();
    const network = uniqueName('doc');
    await engineDocker().createNetwork({ Name: network, Labels: labels, IPAM: { Config: [{ Subnet: '10.219.30.0/24' }] } });
    const node = await waitFor(
      () => api.networksTree.getChildren().find(n => n.kind === 'network' && n.name === network),
      'the network node',
    );
    await vscode.commands.executeCommand('dockerNetworks.network.inspect', node, [node]);
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.path.endsWith(`/${network}`) && vscode.window.activeTextEditor,
      'the network tab',
    );
    assert.strictEqual(editor.document.languageId, 'docker-networks-inspect');
    assert.deepStrictEqual(JSON.parse(editor.document.getText()), await engineDocker().getNetwork(network).inspect());

    const container = uniqueName('joiner');
    const created = await engineDocker().createContainer({
      name: container,
      Image: TEST_IMAGE,
      Cmd: ['sleep', '86400'],
      Labels: labels,
      HostConfig: { NetworkMode: 'bridge' },
    });
    await created.start();
    await engineDocker().getNetwork(network).connect({ Container: container });
    const expected = JSON.stringify(
      await waitFor(async () => {
        const inspected = await engineDocker().getNetwork(network).inspect();
        return Object.keys(inspected.Containers ?? {}).includes(created.id) && inspected;
      }, 'the engine to settle the endpoint'),
    );
    await waitFor(
      () => JSON.stringify(JSON.parse(editor.document.getText())) === expected,
      'the new endpoint in the open document, without any user action',
    );

    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    const containerLink = links.find(link => link.target?.path.includes(`/container/${created.id}/`));
    assert.ok(containerLink, 'the container ID links to its own inspect document');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      containerLink.range.start,
    );
    const hoverText = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join(' ');
    assert.match(hoverText, new RegExp(`container "${container}" · running`));

    await engineDocker().getNetwork(network).disconnect({ Container: container, Force: true });
    await engineDocker().getNetwork(network).remove();
    await waitFor(
      () => editor.document.getText().startsWith(`// The network "${network}" has been removed from the engine.`),
      'the removed notice',
    );
  });

  test("opening the same object again focuses its tab; a container document equals the engine's inspect", async () => {
    const api = await activateExtension();
    const container = uniqueName('inspected');
    const created = await engineDocker().createContainer({ name: container, Image: TEST_IMAGE, Cmd: ['sleep', '86400'], Labels: labels });
    const node = await waitFor(
      () => api.containersTree.getChildren().find(c => c.kind === 'container' && c.name === container),
      'the container node',
    );
    await vscode.commands.executeCommand('dockerNetworks.container.inspect', node, [node]);
    await vscode.commands.executeCommand('dockerNetworks.container.inspect', node, [node]);
    const tabs = vscode.window.tabGroups.all.flatMap(group => group.tabs).filter(tab => tab.label === container);
    assert.strictEqual(tabs.length, 1, 'one tab per object');
    const shown = JSON.parse(vscode.window.activeTextEditor!.document.getText());
    assert.strictEqual(shown.Id, created.id);
    assert.deepStrictEqual(shown.Config, (await created.inspect()).Config);
  });
});
