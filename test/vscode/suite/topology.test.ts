// The Network Topology panel in a real extension host: one panel, fed by the store, and every message its webview
// sends checked before the extension's own commands run, with the same confirmations as from the tree.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { networkNodeIdOf } from '../../../src/model/topology/graph';
import { CANCEL, ScriptedPrompter } from '../../support/scriptedPrompter';
import { cleanUpEngine, engineDocker, testLabels, uniqueName } from '../../support/engineFixture';
import { waitFor } from '../../support/waitFor';
import { activateExtension } from './extensionApi';

suite('Network Topology panel', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The suites after this one expect the Networks view to be where the user would look.
    await vscode.commands.executeCommand('dockerNetworks.networksView.focus');
    await cleanUpEngine();
  });

  test('Show Network Topology opens one panel, and opening it again brings the same one forward', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('dockerNetworks.topology.show');
    const panel = api.topology.panel;
    assert.ok(panel, 'no panel');
    assert.strictEqual(panel.panel.viewType, 'dockerNetworks.topology');
    await vscode.commands.executeCommand('dockerNetworks.topology.show');
    assert.strictEqual(api.topology.panel, panel);
    // The page loads in the workbench and asks for the picture.
    await waitFor(() => panel.handled.some(h => h.message?.type === 'ready'), 'the webview to say it is ready', 30000);
  });

  test('messages of unknown type, or naming what is not in the picture, are refused and do nothing', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('dockerNetworks.topology.show');
    const panel = api.topology.panel!;
    await waitFor(() => panel.handled.some(h => h.message?.type === 'ready'), 'the webview to say it is ready', 30000);
    const before = panel.handled.length;
    await panel.receive({ type: 'runCommand', command: 'workbench.action.terminal.new' });
    await panel.receive({ type: 'action', action: 'remove', id: 'n:0000000000000000000000000000000000000000000000000000000000000000' });
    await panel.receive({ type: 'drop', container: 'c:nope', network: 'n:nope' });
    const refused = panel.handled.slice(before);
    assert.deepStrictEqual(
      refused.map(h => Boolean(h.refused)),
      [true, true, true],
    );
    assert.match(refused[0].refused!, /unknown message type/);
    assert.match(refused[1].refused!, /not in the picture/);
  });

  test('Remove from the picture asks the same confirmation as from the tree; Cancel keeps the network', async () => {
    const api = await activateExtension();
    const name = uniqueName('topology-remove');
    const created = await engineDocker().createNetwork({ Name: name, Labels: testLabels });
    await vscode.commands.executeCommand('dockerNetworks.topology.show');
    const panel = api.topology.panel!;
    const id = networkNodeIdOf(created.id);
    // In the picture the webview holds: the store saw the create event and the panel sent it on.
    await waitFor(() => panel.shown?.nodes.some(n => n.id === id), `"${name}" in the picture`, 30000);
    const prompter = new ScriptedPrompter([CANCEL]);
    const restore = api.usePrompter!(prompter);
    try {
      await panel.receive({ type: 'action', action: 'remove', id });
    } finally {
      restore();
    }
    assert.strictEqual(prompter.asked.length, 1);
    assert.strictEqual(prompter.asked[0].kind, 'confirm');
    assert.match(`${prompter.asked[0].title} ${prompter.asked[0].text}`, new RegExp(name));
    assert.ok(await engineDocker().getNetwork(created.id).inspect(), 'the network is still there');
  });
});
