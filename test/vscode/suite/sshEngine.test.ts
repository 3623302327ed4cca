// An ssh:// engine in the real extension: a private dockerd behind Debian's sshd on loopback. The unknown host key is
// refused with its fingerprint, the view offers Trust SSH Host Key…, and only after the modal is answered is the key
// written to known_hosts and the engine's networks shown.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { ScriptedPrompter } from '../../support/scriptedPrompter';
import { waitFor } from '../../support/waitFor';
import { activateExtension } from './extensionApi';

const scripts = path.join(__dirname, '../../../../scripts/engine');
const engineScripts = require(path.join(scripts, 'private-engine.js')) as {
  startPrivateEngine(options: { log: (line: string) => void }): Promise<{ dockerHost: string; stop(): Promise<void> }>;
};
const servers = require(path.join(scripts, 'remote-servers.js')) as {
  startSshServer(options: { dockerHost: string; dir: string; log: (line: string) => void }): Promise<{
    port: number;
    clientKey: string;
    fingerprint(): string;
    knownHostsLine(): string;
    stop(): Promise<void>;
  }>;
};

suite('An ssh:// engine with its host key checked', () => {
  const configuration = () => vscode.workspace.getConfiguration('dockerNetworks');
  const cleanUps: (() => Promise<unknown> | unknown)[] = [];

  suiteTeardown(async () => {
    for (const key of ['host', 'sshKnownHostsFile', 'sshIdentityFile'])
      await configuration().update(key, undefined, vscode.ConfigurationTarget.Global);
    for (const cleanUp of cleanUps.reverse()) await cleanUp();
  });

  test('an unknown host key is offered for trust with its fingerprint; once trusted the networks show', async function () {
    this.timeout(120000);
    const api = await activateExtension();
    await vscode.commands.executeCommand('dockerNetworks.networksView.focus');
    const log = (line: string) => console.log(`  [ssh] ${line}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-vsc-ssh-'));
    cleanUps.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const engine = await engineScripts.startPrivateEngine({ log });
    cleanUps.push(() => engine.stop());
    const sshd = await servers.startSshServer({ dockerHost: engine.dockerHost, dir: path.join(dir, 'sshd'), log });
    cleanUps.push(() => sshd.stop());
    const knownHosts = path.join(dir, 'user-ssh', 'known_hosts');
    await configuration().update('sshKnownHostsFile', knownHosts, vscode.ConfigurationTarget.Global);
    await configuration().update('sshIdentityFile', sshd.clientKey, vscode.ConfigurationTarget.Global);
    await configuration().update('host', `ssh://root@127.0.0.1:${sshd.port}`, vscode.ConfigurationTarget.Global);

    await waitFor(
      () => api.connection.state.kind === 'unreachable' && /is not known/.test(api.connection.state.error.message),
      'the unknown host key refused',
      30000,
    );
    assert.ok(String(api.networksView.message).includes(sshd.fingerprint()), `the view shows the fingerprint: ${api.networksView.message}`);
    const offered = api.networksTree.getChildren().map(node => (node.kind === 'hint' ? node.label : node.kind));
    assert.deepStrictEqual(offered, ['Trust SSH Host Key…', 'Retry Connection', 'Open Settings', 'Show Log']);
    assert.ok(!fs.existsSync(knownHosts), 'nothing trusted before the user says so');

    const prompter = new ScriptedPrompter(['Trust and Connect']);
    const restore = api.usePrompter!(prompter);
    try {
      await vscode.commands.executeCommand('dockerNetworks.engine.trustHostKey');
    } finally {
      restore();
    }
    const modal = prompter.question(/^Trust the SSH host key of \[127\.0\.0\.1\]:\d+\?/);
    assert.ok(modal.text.includes(sshd.fingerprint()), `the modal shows the fingerprint: ${modal.text}`);
    assert.strictEqual(fs.readFileSync(knownHosts, 'utf8'), `${sshd.knownHostsLine()}\n`);
    await waitFor(() => api.connection.state.kind === 'connected', 'connected over ssh', 30000);
    await waitFor(
      () => api.networksTree.getChildren().some(node => node.kind === 'network' && node.name === 'bridge'),
      "the engine's networks",
      30000,
    );
  });
});
