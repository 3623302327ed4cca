// Add Engine…, Remove Engine and the engine list behind the status bar item.
import * as os from 'os';
import * as vscode from 'vscode';
import { EngineAddressError, listDockerContexts, normaliseHostUrl, readFileIfExists } from '../../engine/engineAddress';
import { engineIdOf } from '../../model/engineList';
import { engineLook } from '../tree/engineTree';
import { BACK } from '../wizard/prompter';
import type { CommandContext, CommandDefinition } from './commandContext';

const ENTER_ADDRESS = Symbol('enter an address');

/** The address as typed, or why it is not one (unix:///path, tcp://host:port, ssh://user@host, npipe://…). */
export function checkEngineAddress(text: string, context: Pick<CommandContext, 'sessions'>): string | undefined {
  if (!text.trim()) return 'Enter an engine address: unix:///path/docker.sock, tcp://host:2376, ssh://user@host';
  try {
    const url = normaliseHostUrl(text.trim());
    if (context.sessions.byId(engineIdOf(url))) return `${url} is already in the list of engines.`;
    return undefined;
  } catch (err) {
    return err instanceof EngineAddressError ? err.message : String(err);
  }
}

export const addEngineCommand: CommandDefinition = {
  id: 'dockerNetworks.engine.add',
  run: async context => {
    const title = 'Add Engine';
    const contexts = listDockerContexts({
      env: process.env,
      homeDir: os.homedir(),
      platform: process.platform,
      readFile: readFileIfExists,
    });
    const choice = await context.prompter.pick<{ name: string; host: string } | typeof ENTER_ADDRESS>({
      title,
      step: 1,
      totalSteps: 2,
      placeholder: 'Pick a Docker context, or enter an engine address',
      matchOnDescription: true,
      options: [
        ...contexts.map(c => ({
          label: c.name,
          description: `${c.host}${c.current ? ' (current context)' : ''}`,
          value: { name: c.name, host: c.host },
          group: 'Docker contexts',
        })),
        { label: 'Enter an address…', description: 'unix, tcp, ssh or npipe', value: ENTER_ADDRESS, group: 'Other' },
      ],
    });
    if (choice === undefined || choice === BACK) return undefined;
    let host: string;
    let name: string;
    if (choice === ENTER_ADDRESS) {
      const typed = await context.prompter.input({
        title,
        step: 2,
        totalSteps: 3,
        prompt: 'Address of the Docker Engine',
        placeholder: 'e.g. ssh://me@build-box, tcp://10.0.0.5:2376, unix:///run/user/1000/podman/podman.sock',
        validate: text => checkEngineAddress(text, context),
      });
      if (typeof typed !== 'string') return undefined;
      host = normaliseHostUrl(typed.trim());
      const typedName = await context.prompter.input({
        title,
        step: 3,
        totalSteps: 3,
        prompt: 'Name shown for this engine in the views',
        placeholder: host,
        value: new URL(host.replace(/^unix:\/\//, 'file://')).hostname || host,
        validate: text => (text.trim() ? undefined : 'Enter a name'),
      });
      if (typeof typedName !== 'string') return undefined;
      name = typedName.trim();
    } else {
      const problem = checkEngineAddress(choice.host, context);
      if (problem) {
        void vscode.window.showWarningMessage(`Context "${choice.name}": ${problem}`);
        return undefined;
      }
      host = normaliseHostUrl(choice.host);
      name = choice.name;
    }
    const session = await context.sessions.add(name, host);
    context.log.info(`engine added: "${name}" at ${host}`);
    void vscode.window.showInformationMessage(`Added engine "${name}" (${host}).`);
    return session.entry.id;
  },
};

export const removeEngineCommand: CommandDefinition = {
  id: 'dockerNetworks.engine.remove',
  run: async (context, clicked) => {
    const removable = context.sessions.all.filter(session => session.entry.origin === 'added');
    const fromNode =
      clicked && typeof clicked === 'object' && (clicked as { kind?: string }).kind === 'engine'
        ? context.sessions.byId((clicked as { engineId: string }).engineId)
        : undefined;
    if (fromNode && fromNode.entry.origin !== 'added') {
      void vscode.window.showInformationMessage(
        fromNode.entry.origin === 'default'
          ? 'The default engine comes from dockerNetworks.host, DOCKER_HOST or the current Docker context, and cannot be removed.'
          : `"${fromNode.entry.name}" comes from the setting dockerNetworks.engines: remove it there.`,
      );
      return;
    }
    let target = fromNode;
    if (!target) {
      if (!removable.length) {
        void vscode.window.showInformationMessage('No engine added with Add Engine… to remove (engines of the setting are removed there).');
        return;
      }
      const picked = await context.prompter.pick({
        title: 'Remove Engine',
        step: 1,
        totalSteps: 1,
        placeholder: 'Which engine should leave the views? (Nothing on the engine changes.)',
        options: removable.map(session => ({ label: session.entry.name, description: session.entry.host, value: session })),
      });
      if (picked === undefined || picked === BACK) return;
      target = picked;
    }
    await context.sessions.remove(target.entry.id);
    context.log.info(`engine removed from the views: "${target.entry.name}"`);
  },
};

/** The status bar item's click: every engine with its state; picking one shows it in the Networks view. */
export const listEnginesCommand: CommandDefinition = {
  id: 'dockerNetworks.engine.list', // SHOW_ENGINES_COMMAND
  run: async context => {
    const picked = await vscode.window.showQuickPick(
      context.sessions.all.map(session => {
        const look = engineLook(session.connection.state, session.entry.host);
        return {
          label: `$(${look.icon.replace(/~spin$/, '')}) ${session.entry.name}`,
          description: look.description,
          detail: look.tooltip,
          session,
        };
      }),
      { title: 'Docker Engines', placeHolder: 'Pick an engine to show it in the Networks view' },
    );
    if (!picked) return;
    await vscode.commands.executeCommand('dockerNetworks.networksView.focus');
    if (context.sessions.all.length > 1) {
      await context.networksView.reveal({ kind: 'engine', engineId: picked.session.entry.id }, { select: true, focus: true, expand: true });
    }
  },
};
