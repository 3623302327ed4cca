// The first palette command in a new window often runs while the first connection is still under way: it must
// wait for it (a notification when slow), then go on as if the engine had been there all along; when the engine
// cannot be reached, it names the engine and the cause and offers what helps.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { CANCEL, ScriptedPrompter } from '../../support/scriptedPrompter';
import { EngineProxy, startEngineProxy } from '../../support/engineProxy';
import { activateExtension } from './extensionApi';
import { waitFor } from '../../support/waitFor';

suite('Commands while the first connection is under way', () => {
  const configuration = () => vscode.workspace.getConfiguration('dockerNetworks');
  let proxy: EngineProxy | undefined;

  suiteTeardown(async () => {
    const api = await activateExtension();
    await configuration().update('host', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.connection.state.kind === 'connected', 'the test engine again', 30000);
    await proxy?.close();
  });

  test('Create Network from the palette waits for a slow engine, then opens its first step', async function () {
    this.timeout(60000);
    const api = await activateExtension();
    proxy = await startEngineProxy(process.env.DOCKER_HOST!.replace(/^unix:\/\//, ''), { holdMs: 1500 });
    await configuration().update('host', proxy.dockerHost, vscode.ConfigurationTarget.Global);
    await waitFor(
      () => api.connection.state.kind === 'connecting' && api.connection.state.engineAddress?.startsWith(proxy!.dockerHost),
      'connecting to the slow engine',
    );

    const prompter = new ScriptedPrompter([CANCEL]);
    const restore = api.usePrompter!(prompter);
    try {
      await vscode.commands.executeCommand('dockerNetworks.network.create');
    } finally {
      restore();
    }
    assert.strictEqual(api.connection.state.kind, 'connected');
    assert.deepStrictEqual(
      prompter.asked.map(q => q.kind),
      ['input'],
      'the wizard opened, with no error before it',
    );
    assert.match(prompter.question('Name of the new network').title, /^Create Network \(1\/\d\)/);
  });

  test('an unreachable engine is named with its cause, with Retry Connection, Open Settings and Show Log', async function () {
    this.timeout(60000);
    const api = await activateExtension();
    const missing = `unix:///tmp/dn-missing-${process.pid}/docker.sock`;
    await configuration().update('host', missing, vscode.ConfigurationTarget.Global);
    await waitFor(
      () =>
        api.connection.state.kind === 'unreachable' &&
        api.connection.state.retryInMs > 0 &&
        api.connection.state.engineAddress.startsWith(missing),
      'the missing engine reported unreachable',
      30000,
    );

    const prompter = new ScriptedPrompter([CANCEL]);
    const restore = api.usePrompter!(prompter);
    try {
      await vscode.commands.executeCommand('dockerNetworks.network.create');
    } finally {
      restore();
    }
    assert.strictEqual(prompter.asked.length, 1, 'only the error, no wizard');
    const [error] = prompter.asked;
    assert.strictEqual(error.kind, 'error');
    assert.match(
      error.title,
      /^Create Network: Docker Engine not reachable at unix:\/\/\/tmp\/dn-missing-\d+\/docker\.sock \(setting dockerNetworks\.host\): no socket/,
    );
    assert.deepStrictEqual(error.options, ['Retry Connection', 'Open Settings', 'Show Log']);
  });
});
