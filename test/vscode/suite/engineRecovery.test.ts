// Stops a real (second, private) engine under the extension and starts it again: the views must show the cause
// and recover by themselves, without a window reload.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { DockerNetworksApi } from '../../../src/extension';
import { activateExtension } from './extensionApi';
import { RUN_ID, TEST_LABEL, uniqueName } from '../../support/engineFixture';
import { Answer, ScriptedPrompter } from '../../support/scriptedPrompter';
import { waitFor } from '../../support/waitFor';

interface PrivateEngine {
  dockerHost: string;
  dir: string;
  runDir: string;
  stop(options?: { keepLogs?: boolean }): Promise<void>;
}
// The same script `npm test` uses to start its engine; out/test/vscode/suite → repo root is four levels up.
const engineScripts = require(path.join(__dirname, '../../../../scripts/engine/private-engine.js')) as {
  startPrivateEngine(options: {
    baseDir?: string;
    runDir?: string;
    log?: (line: string) => void;
    stopOnExit?: boolean;
  }): Promise<PrivateEngine>;
  ensureTestImage(dockerHost: string, options?: { log?: (line: string) => void }): Promise<string>;
  dockerFor(dockerHost: string): Docker;
};
const log = (line: string) => console.log(`  [engine] ${line}`);

suite('Engine loss and recovery', () => {
  let engine: PrivateEngine | undefined;
  const configuration = () => vscode.workspace.getConfiguration('dockerNetworks');

  suiteTeardown(async () => {
    await configuration().update('host', undefined, vscode.ConfigurationTarget.Global);
    await engine?.stop();
  });

  test('shows why the engine is unreachable, then recovers when it restarts', async function () {
    this.timeout(120000);
    const api = await activateExtension();
    // As a user would have it: the Networks view on screen (an engine is asked again only while something is).
    await vscode.commands.executeCommand('dockerNetworks.networksView.focus');
    engine = await engineScripts.startPrivateEngine({ log, stopOnExit: true });
    // The restart reuses both directories, so the socket the setting names comes back.
    const { dir: baseDir, runDir } = engine;
    await configuration().update('host', engine.dockerHost, vscode.ConfigurationTarget.Global);
    await waitFor(
      () => api.connection.state.kind === 'connected' && api.connection.state.gateway.address.url === engine!.dockerHost,
      'connected to the second engine',
      30000,
    );

    await engine.stop({ keepLogs: true });
    // The first failure may be the event stream being reset; the next retry finds the socket gone.
    const cause = /Docker Engine not reachable at unix:\/\/.*docker\.sock \(setting dockerNetworks\.host\): (no socket|connection refused)/;
    const unreachable = await waitFor(
      () => api.connection.state.kind === 'unreachable' && cause.test(api.connection.state.error.message) && api.connection.state,
      'the unreachable state with its cause',
      30000,
    );
    assert.match(unreachable.error.message, cause);
    assert.match(String(api.networksView.message), /Docker Engine not reachable/);
    const offered = api.networksTree.getChildren().map(node => (node.kind === 'hint' ? node.label : `unexpected ${node.kind}`));
    assert.deepStrictEqual(offered, ['Retry Connection', 'Open Settings', 'Show Log'], 'actions under the cause, no stale networks');

    engine = await engineScripts.startPrivateEngine({ baseDir, runDir, log, stopOnExit: true });
    await waitFor(() => api.connection.state.kind === 'connected', 'reconnection after the restart', 30000);
    await waitFor(
      () => api.networksTree.getChildren().some(node => node.kind === 'network' && node.name === 'bridge'),
      'networks again',
      15000,
    );
    assert.strictEqual(api.networksView.message, undefined);
  });
  /** Stops the second engine and starts it again on the same directories, waiting for the extension to be back. */
  async function restartEngine(api: DockerNetworksApi): Promise<void> {
    const { dir: baseDir, runDir } = engine!;
    await engine!.stop({ keepLogs: true });
    await waitFor(() => api.connection.state.kind === 'unreachable', 'the engine seen as gone', 30000);
    engine = await engineScripts.startPrivateEngine({ baseDir, runDir, log, stopOnExit: true });
    await waitFor(() => api.connection.state.kind === 'connected', 'reconnection after the restart', 30000);
  }

  /** Runs a command whose wizard is held open before its last answer while the engine restarts, then finishes it. */
  async function finishAfterRestart(api: DockerNetworksApi, answers: Answer[], run: () => Thenable<unknown>) {
    const prompter = new ScriptedPrompter(answers);
    const hold = prompter.holdWhenRemaining(1);
    const restore = api.usePrompter!(prompter);
    try {
      const finished = run();
      await hold.reached;
      await restartEngine(api);
      hold.release();
      await finished;
      assert.strictEqual(prompter.remaining, 0, 'every answer was used');
      assert.ok(!prompter.asked.some(q => q.kind === 'error'), `no error: ${prompter.asked.map(q => q.title).join(' | ')}`);
    } finally {
      restore();
    }
  }

  test('a Create Network wizard left open while the engine restarts creates the network with every answer', async function () {
    this.timeout(120000);
    const api = await activateExtension();
    await waitFor(() => api.connection.state.kind === 'connected', 'connected to the second engine', 30000);
    const name = uniqueName('restart-create');
    await finishAfterRestart(
      api,
      [
        name,
        'bridge',
        'Configure options…',
        ['IPv4 subnet…', 'Labels…'],
        '10.219.60.0/24',
        '10.219.60.1',
        '',
        '',
        `${TEST_LABEL}=${RUN_ID}`,
        `Create network "${name}"`,
      ],
      () => vscode.commands.executeCommand('dockerNetworks.network.create'),
    );
    const inspected = await engineScripts.dockerFor(engine!.dockerHost).getNetwork(name).inspect();
    assert.deepStrictEqual(inspected.IPAM?.Config, [{ Subnet: '10.219.60.0/24', Gateway: '10.219.60.1' }]);
    assert.strictEqual(inspected.Labels?.[TEST_LABEL], RUN_ID);
  });

  test('a Connect wizard left open while the engine restarts connects with its alias and address', async function () {
    this.timeout(180000);
    const api = await activateExtension();
    await waitFor(() => api.connection.state.kind === 'connected', 'connected to the second engine', 30000);
    const docker = engineScripts.dockerFor(engine!.dockerHost);
    const image = await engineScripts.ensureTestImage(engine!.dockerHost, { log });
    const network = uniqueName('restart-connect');
    await docker.createNetwork({
      Name: network,
      Labels: { [TEST_LABEL]: RUN_ID },
      IPAM: { Config: [{ Subnet: '10.219.61.0/24', Gateway: '10.219.61.1' }] },
    });
    const container = uniqueName('restart-app');
    await docker.createContainer({ name: container, Image: image, Cmd: ['sleep', '86400'], Labels: { [TEST_LABEL]: RUN_ID } });
    const node = await waitFor(
      () => api.networksTree.getChildren().find(n => n.kind === 'network' && n.name === network),
      'the network node',
    );
    await waitFor(() => api.containersTree.getChildren().some(c => c.kind === 'container' && c.name === container), 'the container');
    await finishAfterRestart(api, [[container], 'Set options…', ['Aliases', 'IPv4 address'], 'api', '10.219.61.50'], () =>
      vscode.commands.executeCommand('dockerNetworks.container.connect', node, [node]),
    );
    const endpoint = (await docker.getContainer(container).inspect()).NetworkSettings.Networks[network];
    assert.strictEqual(endpoint?.IPAMConfig?.IPv4Address, '10.219.61.50');
    assert.ok(endpoint?.Aliases?.includes('api'), `aliases ${JSON.stringify(endpoint?.Aliases)}`);
  });
});
