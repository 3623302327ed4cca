// Check Connectivity in the real extension host against the test engine: two containers on different networks get
// "cannot reach" with the connect fix; the fix runs the Connect flow, and the open answer then says A reaches B on
// that network, at B's address there.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ConnectivityReport } from '../../../src/model/connectivity';
import { activateExtension, withScript } from './extensionApi';
import { cleanUpEngine, engineDocker, RUN_ID, runContainer, TEST_LABEL, uniqueName } from '../../support/engineFixture';
import { waitFor } from '../../support/waitFor';

suite('Check Connectivity', () => {
  suiteTeardown(cleanUpEngine);

  test('containers on different networks cannot reach each other; the connect fix makes A reach B at its address there', async () => {
    const api = await activateExtension();
    const front = uniqueName('front');
    const back = uniqueName('back');
    const labels = { [TEST_LABEL]: RUN_ID };
    await engineDocker().createNetwork({ Name: front, Labels: labels, IPAM: { Config: [{ Subnet: '10.219.40.0/24' }] } });
    await engineDocker().createNetwork({ Name: back, Labels: labels, IPAM: { Config: [{ Subnet: '10.219.41.0/24' }] } });
    const web = uniqueName('web');
    const db = uniqueName('db');
    await runContainer(web, front);
    await runContainer(db, back, { aliases: ['store'] });
    const node = await waitFor(
      () => api.containersTree.getChildren().find(n => n.kind === 'container' && n.name === web && n.running),
      'the web container in the Containers view',
    );
    await waitFor(() => api.store.model?.containers.some(c => c.name === db && c.running), 'the db container loaded');

    const { result, prompter } = await withScript(api, [db], () =>
      vscode.commands.executeCommand<{ uri: vscode.Uri; report: ConnectivityReport }>(
        'dockerNetworks.container.checkConnectivityTo',
        node,
        [node],
      ),
    );
    assert.match(prompter.question(/^Pick container B/).placeholder!, new RegExp(`can "${web}" reach it`));
    const { uri, report } = result;
    assert.strictEqual(report.verdict, 'unreachable');
    assert.deepStrictEqual(
      report.blockers.map(b => b.code),
      ['noSharedNetwork'],
    );
    assert.strictEqual(report.fix?.container.name, db);
    assert.strictEqual(report.fix?.network.name, front);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(document.languageId, 'markdown');
    const text = document.getText();
    assert.match(text, /\*\*Cannot reach\.\*\*/);
    assert.match(text, /they share no network/);
    assert.match(text, /## Fix/);
    assert.match(text, /## Reaching the outside and the host/);

    // The fix: the Connect flow with B and the network already chosen, confirmed with the defaults.
    const { prompter: connect } = await withScript(api, ['Connect with defaults'], () =>
      vscode.commands.executeCommand('dockerNetworks.container.applyConnectivityFix', {
        container: report.fix!.container.id,
        network: report.fix!.network.id,
      }),
    );
    assert.match(connect.question(/with the defaults, or set options/).placeholder!, new RegExp(`"${db}" to "${front}"`));
    const address = (await engineDocker().getContainer(db).inspect()).NetworkSettings.Networks[front]?.IPAddress;
    assert.ok(address, `${db} is on ${front} now`);

    // The open answer follows the engine.
    await waitFor(() => /\*\*Can reach\.\*\*/.test(document.getText()) && document.getText(), 'the answer to say "Can reach"');
    const after = document.getText();
    assert.ok(after.includes(`\`${address}\``), `B's address ${address} in:\n${after}`);
    assert.ok(after.includes(`\`${front}\``), 'the network named on the path');
    const again = await withScript(api, [db], () =>
      vscode.commands.executeCommand<{ report: ConnectivityReport }>('dockerNetworks.container.checkConnectivityTo', node, [node]),
    );
    assert.strictEqual(again.result.report.verdict, 'reachable');
    assert.strictEqual(again.result.report.paths[0].address, address);
  });

  test('the fix command refuses arguments that are not a container and a network of this engine', async () => {
    await activateExtension();
    const result = await vscode.commands.executeCommand('dockerNetworks.container.applyConnectivityFix', {
      container: 'nope',
      network: 'nope',
    });
    assert.strictEqual(result, undefined);
    const malformed = await vscode.commands.executeCommand('dockerNetworks.container.applyConnectivityFix', 'rm -rf /');
    assert.strictEqual(malformed, undefined);
  });
});
