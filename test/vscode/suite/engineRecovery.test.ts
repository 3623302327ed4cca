// Stops a real (second, private) engine under the extension and starts it again: the views must show the cause
// and recover by themselves, without a window reload.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension } from './extensionApi';
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
};

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
    const log = (line: string) => console.log(`  [engine] ${line}`);
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
});
