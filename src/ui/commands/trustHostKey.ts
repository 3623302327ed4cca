import * as vscode from 'vscode';
import { hostKeyToTrust } from '../../engine/errors';
import { trustHostKey } from '../../engine/sshHostKeys';
import { knownHostsName } from '../../model/knownHosts';
import type { CommandDefinition } from './commandContext';

const TRUST = 'Trust and Connect';

/**
 * Trusts the ssh:// engine's host key that was just refused as unknown, after a modal that shows its fingerprint;
 * the key goes into the user's known_hosts, where ssh and the docker CLI find it too. A changed key is never offered.
 */
export const trustHostKeyCommand: CommandDefinition = {
  id: 'dockerNetworks.engine.trustHostKey',
  run: async context => {
    const state = context.connection.state;
    const problem = state.kind === 'unreachable' ? hostKeyToTrust(state.error) : undefined;
    if (!problem) {
      void vscode.window.showInformationMessage('No SSH host key is waiting to be trusted: the engine was not refused for an unknown key.');
      return;
    }
    const name = knownHostsName(problem.host, problem.port);
    const choice = await context.prompter.confirm({
      message: `Trust the SSH host key of ${name}?`,
      detail:
        `${problem.keyType} key fingerprint:\n${problem.fingerprint}\n\n` +
        `Trust it only if it is the fingerprint the server shows (on the server: ssh-keygen -lf /etc/ssh/ssh_host_${problem.keyType.replace(/^ssh-|-.*$/g, '')}_key.pub). ` +
        `This line is added to ${problem.knownHostsFile}:\n${problem.trustLine}`,
      choices: [TRUST],
    });
    if (choice !== TRUST) return;
    trustHostKey(problem);
    context.log.info(`trusted the SSH host key of ${name} (${problem.keyType} ${problem.fingerprint}) in ${problem.knownHostsFile}`);
    context.connection.reconnect();
  },
};
