// Several engines in one window, against real engines: the test engine (the default) and two private ones listed in
// dockerNetworks.engines. Each is a root of the views with its own rows; one going down blanks no other; commands
// act on the engine of the node they were started from, or ask which engine from the palette.
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { DockerNetworksApi } from '../../../src/extension';
import type { EngineSession } from '../../../src/ui/engines/engineSessions';
import type { EngineTreeNode } from '../../../src/ui/tree/engineTree';
import { engineDocker, RUN_ID, TEST_LABEL, uniqueName } from '../../support/engineFixture';
import { ScriptedPrompter } from '../../support/scriptedPrompter';
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
const labels = { [TEST_LABEL]: RUN_ID };

suite('Several engines in one window', () => {
  const configuration = () => vscode.workspace.getConfiguration('dockerNetworks');
  const engines: PrivateEngine[] = [];
  let api: DockerNetworksApi;

  const rows = (parent?: EngineTreeNode) => api.engineTrees.networks.getChildren(parent);
  const rootOf = (session: EngineSession) => api.engineTrees.networks.rootOf(session);
  const session = (name: string) => api.sessions.all.find(s => s.entry.name === name)!;
  const networkNamesUnder = (name: string) => rows(rootOf(session(name))).flatMap(node => (node.kind === 'network' ? [node.name] : []));

  suiteSetup(async function () {
    this.timeout(120000);
    api = await activateExtension();
    await vscode.commands.executeCommand('dockerNetworks.networksView.focus');
    const log = (line: string) => console.log(`  [engines] ${line}`);
    for (let i = 0; i < 2; i++) engines.push(await engineScripts.startPrivateEngine({ log }));
    await configuration().update(
      'engines',
      engines.map((engine, i) => ({ name: `engine ${'AB'[i]}`, host: engine.dockerHost })),
      vscode.ConfigurationTarget.Global,
    );
    await waitFor(
      () => api.sessions.all.length === 3 && api.sessions.all.every(s => s.store.snapshot.kind === 'ready'),
      'three engines loaded',
      30000,
    );
  });

  suiteTeardown(async () => {
    await configuration().update('engines', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.sessions.all.length === 1, 'back to one engine', 10000);
    for (const engine of engines) await engine.stop();
  });

  test('each engine is a root with its name, endpoint and state, above its own networks', () => {
    const roots = rows();
    assert.deepStrictEqual(
      roots.map(node => node.kind),
      ['engine', 'engine', 'engine'],
    );
    const items = roots.map(root => api.engineTrees.networks.getTreeItem(root));
    assert.deepStrictEqual(
      items.map(item => item.label),
      ['Default engine', 'engine A', 'engine B'],
    );
    assert.match(String(items[1].description), new RegExp(`^${engines[0].dockerHost.replace(/[/.]/g, '\\$&')} \\(engine "engine A"\\)`));
    assert.ok(networkNamesUnder('engine A').includes('bridge'));
    // The same "bridge" name on three engines is three rows with three ids.
    const ids = roots.map(
      root => api.engineTrees.networks.getTreeItem(rows(root).find(n => n.kind === 'network' && n.name === 'bridge')!).id,
    );
    assert.strictEqual(new Set(ids).size, 3, `distinct row ids: ${ids.join(', ')}`);
  });

  test('an engine without containers says so under its root in the Containers view', () => {
    const containers = api.engineTrees.containers;
    const root = containers.getChildren().find(node => node.kind === 'engine' && node.engineId === session('engine A').entry.id)!;
    const rows = containers.getChildren(root);
    assert.deepStrictEqual(
      rows.map(row => containers.getTreeItem(row).label),
      ['No containers'],
    );
    assert.strictEqual(containers.getParent(rows[0]), root);
  });

  test("a network created on one engine shows under that engine only; no other engine's connection hears of it", async () => {
    const name = uniqueName('on-b');
    // (Reload counts are no measure here: every engine takes a fresh look when the window regains focus.)
    const heardByA: string[] = [];
    const listening = session('engine A').connection.onEngineEvent(event => heardByA.push(`${event.Type} ${event.Action}`));
    try {
      await engineScripts.dockerFor(engines[1].dockerHost).createNetwork({ Name: name, Labels: labels });
      await waitFor(() => networkNamesUnder('engine B').includes(name), 'the network under engine B', 10000);
    } finally {
      listening.dispose();
    }
    assert.ok(!networkNamesUnder('engine A').includes(name) && !networkNamesUnder('Default engine').includes(name));
    assert.deepStrictEqual(heardByA, [], 'engine A heard no event');
  });

  test("Remove from a node acts on that node's engine; Create from the palette asks which engine", async function () {
    this.timeout(60000);
    const name = uniqueName('remove-on-a');
    const dockerA = engineScripts.dockerFor(engines[0].dockerHost);
    await dockerA.createNetwork({ Name: name, Labels: labels });
    const node = await waitFor(
      () => rows(rootOf(session('engine A'))).find(n => n.kind === 'network' && n.name === name),
      'the network under engine A',
      10000,
    );
    let prompter = new ScriptedPrompter(['Remove']);
    let restore = api.usePrompter!(prompter);
    try {
      await vscode.commands.executeCommand('dockerNetworks.network.remove', node, [node]);
    } finally {
      restore();
    }
    assert.ok(!(await dockerA.listNetworks()).some(n => n.Name === name), 'removed from engine A');

    const created = uniqueName('created-on-b');
    prompter = new ScriptedPrompter(['engine B', created, 'bridge', 'Create with defaults', `Create network "${created}"`]);
    restore = api.usePrompter!(prompter);
    try {
      await vscode.commands.executeCommand('dockerNetworks.network.create');
    } finally {
      restore();
    }
    const asked = prompter.question(/Which engine should Create Network act on\?/);
    assert.deepStrictEqual(asked.options, ['Default engine', 'engine A', 'engine B']);
    assert.ok(
      (await engineScripts.dockerFor(engines[1].dockerHost).listNetworks()).some(n => n.Name === created),
      'created on engine B',
    );
    assert.ok(!(await engineDocker().listNetworks()).some(n => n.Name === created), 'not on the default engine');
    await engineScripts.dockerFor(engines[1].dockerHost).getNetwork(created).remove();
  });

  test('an inspect document opened from a node carries its engine and shows that engine’s object', async () => {
    const node = rows(rootOf(session('engine B'))).find(n => n.kind === 'network' && n.name === 'bridge')!;
    await vscode.commands.executeCommand('dockerNetworks.network.inspect', node, [node]);
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.scheme === 'docker-networks-inspect' && vscode.window.activeTextEditor,
      'the inspect tab',
    );
    assert.match(editor.document.uri.query, /engine=/);
    const shown = JSON.parse(editor.document.getText()) as { Id: string };
    const onB = await engineScripts.dockerFor(engines[1].dockerHost).getNetwork('bridge').inspect();
    assert.strictEqual(shown.Id, onB.Id);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('one engine going down marks its root unreachable and leaves the others live', async function () {
    this.timeout(60000);
    const a = session('engine A');
    await engines[0].stop();
    await waitFor(() => a.connection.state.kind === 'unreachable', 'engine A unreachable', 30000);
    const item = api.engineTrees.networks.getTreeItem(rootOf(a));
    assert.match(String(item.contextValue), /unreachable/);
    assert.match(String(item.tooltip), /Docker Engine not reachable/);
    const under = rows(rootOf(a)).map(n => (n.kind === 'hint' ? n.label : n.kind));
    assert.deepStrictEqual(under, ['Retry Connection', 'Open Settings', 'Show Log'], 'no stale networks under the lost engine');
    assert.strictEqual(session('engine B').connection.state.kind, 'connected');
    assert.ok(networkNamesUnder('engine B').includes('bridge'), 'engine B still shows its networks');
    assert.strictEqual(api.networksView.message, undefined, 'with several engines the cause is on the root, not above the view');
  });
});

suite('Add Engine… from a Docker context', () => {
  test('picking a context adds its engine beside the default one, and Remove Engine takes it out again', async function () {
    this.timeout(120000);
    const api = await activateExtension();
    const log = (line: string) => console.log(`  [context] ${line}`);
    const engine = await engineScripts.startPrivateEngine({ log });
    const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-vsc-docker-config-'));
    const previous = process.env.DOCKER_CONFIG;
    try {
      // A context as `docker context create lab --docker host=…` writes it; the extension reads DOCKER_CONFIG.
      const id = createHash('sha256').update('lab').digest('hex');
      fs.mkdirSync(path.join(configDir, 'contexts', 'meta', id), { recursive: true });
      fs.writeFileSync(
        path.join(configDir, 'contexts', 'meta', id, 'meta.json'),
        JSON.stringify({ Name: 'lab', Metadata: {}, Endpoints: { docker: { Host: engine.dockerHost, SkipTLSVerify: false } } }),
      );
      process.env.DOCKER_CONFIG = configDir;
      const prompter = new ScriptedPrompter(['lab']);
      const restore = api.usePrompter!(prompter);
      try {
        await vscode.commands.executeCommand('dockerNetworks.engine.add');
      } finally {
        restore();
      }
      const pick = prompter.question(/Pick a Docker context, or enter an engine address/);
      assert.deepStrictEqual(pick.options, ['lab', 'Enter an address…']);
      const added = await waitFor(() => api.sessions.all.find(s => s.entry.name === 'lab'), 'the engine "lab" in the list', 10000);
      await waitFor(() => added.store.snapshot.kind === 'ready', 'its networks loaded', 30000);
      const roots = api.engineTrees.networks.getChildren();
      assert.deepStrictEqual(
        roots.map(root => api.engineTrees.networks.getTreeItem(root).label),
        ['Default engine', 'lab'],
      );
      assert.ok(api.engineTrees.networks.getChildren(roots[1]).some(n => n.kind === 'network' && n.name === 'bridge'));

      const removing = new ScriptedPrompter([]);
      const restoreRemove = api.usePrompter!(removing);
      try {
        await vscode.commands.executeCommand('dockerNetworks.engine.remove', roots[1]);
      } finally {
        restoreRemove();
      }
      await waitFor(() => api.sessions.all.length === 1, 'back to the default engine alone', 10000);
    } finally {
      if (previous === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = previous;
      fs.rmSync(configDir, { recursive: true, force: true });
      await engine.stop();
    }
  });
});

suite('The default engine follows the current Docker context', () => {
  test('`docker context use` outside VS Code is noticed: the default engine reconnects to the new context', async function () {
    this.timeout(120000);
    const api = await activateExtension();
    const log = (line: string) => console.log(`  [context] ${line}`);
    const [x, y] = [await engineScripts.startPrivateEngine({ log }), await engineScripts.startPrivateEngine({ log })];
    const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-vsc-docker-config-'));
    const saved = { DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_CONFIG: process.env.DOCKER_CONFIG };
    const writeContext = (name: string, host: string) => {
      const id = createHash('sha256').update(name).digest('hex');
      fs.mkdirSync(path.join(configDir, 'contexts', 'meta', id), { recursive: true });
      fs.writeFileSync(
        path.join(configDir, 'contexts', 'meta', id, 'meta.json'),
        JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }),
      );
    };
    const use = (name: string) => fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: name }));
    const connectedTo = (host: string) => {
      const state = api.connection.state;
      return state.kind === 'connected' && state.gateway.address.url === host;
    };
    try {
      writeContext('x', x.dockerHost);
      writeContext('y', y.dockerHost);
      use('x');
      process.env.DOCKER_CONFIG = configDir;
      delete process.env.DOCKER_HOST; // DOCKER_HOST wins over contexts, as with the docker CLI
      await waitFor(() => connectedTo(x.dockerHost), 'the default engine on context "x"', 15000);
      const switched = Date.now();
      use('y');
      await waitFor(() => connectedTo(y.dockerHost), 'the default engine on context "y", without a command', 15000);
      console.log(`  context switch noticed and reconnected in ${Date.now() - switched} ms`);
    } finally {
      process.env.DOCKER_HOST = saved.DOCKER_HOST;
      if (saved.DOCKER_CONFIG === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved.DOCKER_CONFIG;
      await waitFor(() => connectedTo(saved.DOCKER_HOST!), 'back on the test engine', 15000);
      fs.rmSync(configDir, { recursive: true, force: true });
      await x.stop();
      await y.stop();
    }
  });
});
