// The Network Topology panel in a real extension host: one panel, fed by every engine's store, and every message its
// webview sends (and every command its context menu runs) checked before the extension's own commands run, with the
// same confirmations as from the tree.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { DockerNetworksApi } from '../../../src/extension';
import { groupIdOf, networkNodeIdOf } from '../../../src/model/topology/graph';
import { TOPOLOGY_VIEW_TYPE } from '../../../src/model/topology/protocol';
import type { TopologyPanel } from '../../../src/ui/topology/topologyPanel';
import { CANCEL, ScriptedPrompter } from '../../support/scriptedPrompter';
import { cleanUpEngine, engineDocker, RUN_ID, TEST_LABEL, testLabels, uniqueName } from '../../support/engineFixture';
import { waitFor } from '../../support/waitFor';
import { activateExtension } from './extensionApi';

interface PrivateEngine {
  dockerHost: string;
  stop(): Promise<void>;
}
const engineScripts = require(path.join(__dirname, '../../../../scripts/engine/private-engine.js')) as {
  startPrivateEngine(options: { log: (line: string) => void }): Promise<PrivateEngine>;
  dockerFor(dockerHost: string): Docker;
};

/** What VS Code passes a command run from the picture's context menu (the box's data-vscode-context). */
const menuArgument = (id: string, engine: string, section = 'network') => ({
  webview: TOPOLOGY_VIEW_TYPE,
  webviewSection: section,
  topologyId: id,
  topologyEngine: engine,
  preventDefaultContextMenuItems: true,
});

async function openPanel(api: DockerNetworksApi): Promise<TopologyPanel> {
  await vscode.commands.executeCommand('dockerNetworks.topology.show');
  const panel = api.topology.panel!;
  await waitFor(() => panel.handled.some(h => h.message?.type === 'ready'), 'the webview to say it is ready', 30000);
  return panel;
}

/** Runs `act` with every question answered by `answers`; returns what was asked. */
async function answering(api: DockerNetworksApi, answers: (string | typeof CANCEL)[], act: () => Thenable<unknown>) {
  const prompter = new ScriptedPrompter(answers);
  const restore = api.usePrompter!(prompter);
  try {
    await act();
  } finally {
    restore();
  }
  return prompter.asked;
}

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

  test('messages of unknown type, naming what is not in the picture, or without its engine, are refused and do nothing', async () => {
    const api = await activateExtension();
    const panel = await openPanel(api);
    const engine = api.sessions.defaultSession.entry.id;
    await waitFor(() => panel.shown?.nodes.some(n => n.kind === 'network'), 'networks in the picture', 30000);
    const aNetwork = panel.shown!.nodes.find(n => n.kind === 'network')!.id;
    const before = panel.handled.length;
    await panel.receive({ type: 'runCommand', command: 'workbench.action.terminal.new' });
    await panel.receive({
      type: 'action',
      action: 'remove',
      id: 'n:0000000000000000000000000000000000000000000000000000000000000000',
      engine,
    });
    await panel.receive({ type: 'drop', container: 'c:nope', network: 'n:nope', engine });
    await panel.receive({ type: 'inspect', id: aNetwork });
    const refused = panel.handled.slice(before);
    assert.deepStrictEqual(
      refused.map(h => Boolean(h.refused)),
      [true, true, true, true],
    );
    assert.match(refused[0].refused!, /unknown message type/);
    assert.match(refused[1].refused!, /not in the picture/);
    assert.match(refused[3].refused!, /not on engine/);
  });

  test('Remove from the picture asks the same confirmation as from the tree; Cancel keeps the network', async () => {
    const api = await activateExtension();
    const name = uniqueName('topology-remove');
    const created = await engineDocker().createNetwork({ Name: name, Labels: testLabels });
    const panel = await openPanel(api);
    const id = networkNodeIdOf(created.id);
    // In the picture the webview holds: the store saw the create event and the panel sent it on.
    await waitFor(() => panel.shown?.nodes.some(n => n.id === id), `"${name}" in the picture`, 30000);
    const engine = api.sessions.defaultSession.entry.id;
    const asked = await answering(api, [CANCEL], () => panel.receive({ type: 'action', action: 'remove', id, engine }));
    assert.strictEqual(asked.length, 1);
    assert.strictEqual(asked[0].kind, 'confirm');
    assert.match(`${asked[0].title} ${asked[0].text}`, new RegExp(name));
    assert.ok(await engineDocker().getNetwork(created.id).inspect(), 'the network is still there');
  });

  test("the picture's context menu runs the tree's Remove, with its confirmation; a forged argument runs nothing", async () => {
    const api = await activateExtension();
    const name = uniqueName('topology-menu');
    const created = await engineDocker().createNetwork({ Name: name, Labels: testLabels });
    const panel = await openPanel(api);
    const id = networkNodeIdOf(created.id);
    await waitFor(() => panel.shown?.nodes.some(n => n.id === id), `"${name}" in the picture`, 30000);
    const engine = api.sessions.defaultSession.entry.id;
    const asked = await answering(api, [CANCEL], () =>
      vscode.commands.executeCommand('dockerNetworks.network.remove', menuArgument(id, engine)),
    );
    assert.deepStrictEqual(
      asked.map(q => q.kind),
      ['confirm'],
    );
    assert.match(asked[0].title, new RegExp(name));
    const forged = await answering(api, [], async () => {
      await vscode.commands.executeCommand('dockerNetworks.network.remove', menuArgument('n:not-in-the-picture', engine));
      await vscode.commands.executeCommand('dockerNetworks.network.remove', menuArgument(id, 'engine:tcp://elsewhere:2375'));
    });
    assert.deepStrictEqual(forged, [], 'nothing asked, nothing run');
    assert.ok(await engineDocker().getNetwork(created.id).inspect(), 'the network is still there');
  });

  test('Show in Topology on a network of the tree opens the panel and selects that network in the picture', async () => {
    const api = await activateExtension();
    const name = uniqueName('topology-show');
    const created = await engineDocker().createNetwork({ Name: name, Labels: testLabels });
    await waitFor(() => api.store.model?.networks.some(n => n.id === created.id), `"${name}" in the store`, 30000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const node = api.store.model!.networks.find(n => n.id === created.id)!;
    await vscode.commands.executeCommand('dockerNetworks.topology.showNode', node, [node]);
    const panel = api.topology.panel!;
    assert.ok(panel, 'the panel opened');
    await waitFor(() => panel.focused.includes(networkNodeIdOf(created.id)), 'the network selected in the picture', 30000);
    assert.ok(panel.panel.active, 'the panel has the focus');
  });

  suite('with several engines', () => {
    const configuration = () => vscode.workspace.getConfiguration('dockerNetworks');
    let api: DockerNetworksApi;
    let other: PrivateEngine | undefined;
    const otherSession = () => api.sessions.all.find(s => s.entry.name === 'engine B')!;

    suiteSetup(async function () {
      this.timeout(120000);
      api = await activateExtension();
      other = await engineScripts.startPrivateEngine({ log: line => console.log(`  [topology engines] ${line}`) });
      await configuration().update('engines', [{ name: 'engine B', host: other.dockerHost }], vscode.ConfigurationTarget.Global);
      await waitFor(
        () => api.sessions.all.length === 2 && api.sessions.all.every(s => s.store.snapshot.kind === 'ready'),
        'two engines loaded',
        30000,
      );
    });

    suiteTeardown(async () => {
      await configuration().update('engines', undefined, vscode.ConfigurationTarget.Global);
      await waitFor(() => api.sessions.all.length === 1, 'back to one engine', 10000);
      await other?.stop();
    });

    test("the picture has a box per engine; a network created on the second engine appears in that engine's box", async () => {
      const panel = await openPanel(api);
      const b = otherSession().entry.id;
      await waitFor(() => panel.shown?.groups?.length === 2, 'two engine boxes', 30000);
      assert.deepStrictEqual(
        panel.shown!.groups!.map(g => g.name),
        ['Default engine', 'engine B'],
      );
      const name = uniqueName('topology-on-b');
      await engineScripts.dockerFor(other!.dockerHost).createNetwork({ Name: name, Labels: { [TEST_LABEL]: RUN_ID } });
      await waitFor(() => panel.shown?.nodes.some(n => n.name === name), `"${name}" in the picture`, 30000);
      const node = panel.shown!.nodes.find(n => n.name === name)!;
      assert.strictEqual(node.group, groupIdOf(b));
      assert.ok(node.kind === 'network' && node.engineIds.includes(b));
      // The same built-in "bridge" on both engines: two nodes, one per box.
      const bridges = panel.shown!.nodes.filter(n => n.kind === 'network' && n.name === 'bridge');
      if (api.viewState.options.showBuiltIn) assert.strictEqual(new Set(bridges.map(n => n.group)).size, bridges.length);
    });

    test("the context menu on the second engine's network acts on that engine; naming the other engine is refused", async () => {
      const panel = await openPanel(api);
      const b = otherSession().entry.id;
      const docker = engineScripts.dockerFor(other!.dockerHost);
      const name = uniqueName('topology-remove-b');
      const created = await docker.createNetwork({ Name: name, Labels: { [TEST_LABEL]: RUN_ID } });
      await waitFor(() => panel.shown?.nodes.some(n => n.name === name), `"${name}" in the picture`, 30000);
      const id = panel.shown!.nodes.find(n => n.name === name)!.id;
      const wrongEngine = await answering(api, [], () =>
        vscode.commands.executeCommand('dockerNetworks.network.remove', menuArgument(id, api.sessions.defaultSession.entry.id)),
      );
      assert.deepStrictEqual(wrongEngine, []);
      const asked = await answering(api, ['Remove'], () =>
        vscode.commands.executeCommand('dockerNetworks.network.remove', menuArgument(id, b)),
      );
      assert.match(asked[0]?.title ?? '', new RegExp(name));
      await waitFor(async () => !(await docker.listNetworks()).some(n => n.Id === created.id), `"${name}" removed from engine B`, 10000);
      await waitFor(() => !panel.shown?.nodes.some(n => n.name === name), `"${name}" gone from the picture`, 10000);
    });

    test('Show in Topology on a network of the second engine selects its node there', async () => {
      const b = otherSession();
      const name = uniqueName('topology-show-b');
      await engineScripts.dockerFor(other!.dockerHost).createNetwork({ Name: name, Labels: { [TEST_LABEL]: RUN_ID } });
      await waitFor(() => b.store.model?.networks.some(n => n.name === name), `"${name}" in engine B's store`, 10000);
      const node = b.store.model!.networks.find(n => n.name === name)!;
      await vscode.commands.executeCommand('dockerNetworks.topology.showNode', node, [node]);
      const panel = api.topology.panel!;
      const expected = () =>
        panel.shown?.nodes.find(n => n.kind === 'network' && n.networkId === node.id && n.engineIds.includes(b.entry.id))?.id;
      await waitFor(() => Boolean(expected()) && panel.focused.includes(expected()!), 'the network of engine B selected', 30000);
    });

    test('engines removed from the window leave the picture: one engine, no box', async () => {
      const panel = await openPanel(api);
      await configuration().update('engines', undefined, vscode.ConfigurationTarget.Global);
      await waitFor(() => panel.shown !== undefined && panel.shown.groups === undefined, 'the single-engine picture', 30000);
      await configuration().update('engines', [{ name: 'engine B', host: other!.dockerHost }], vscode.ConfigurationTarget.Global);
      await waitFor(() => panel.shown?.groups?.length === 2, 'two boxes again', 30000);
    });
  });
});
