// Every setting key in one place, read through typed accessors, and the one subscription to their changes.
import * as os from 'os';
import * as vscode from 'vscode';
import { defaultSshClientOptions, SshClientOptions } from '../engine/sshHostKeys';
import { ShellKind, shellKindOf } from '../model/shellQuoting';
import { DisposableOwner } from './disposable';

export const SETTINGS_SECTION = 'dockerNetworks';

export const SettingKeys = {
  host: 'host',
  engines: 'engines',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  sshKnownHostsFile: 'sshKnownHostsFile',
  sshIdentityFile: 'sshIdentityFile',
  showBuiltInNetworks: 'showBuiltInNetworks',
  groupBy: 'groupBy',
  sortBy: 'sortBy',
  labelTemplate: 'labelTemplate',
  descriptionTemplate: 'descriptionTemplate',
  fullIds: 'fullIds',
  addressPools: 'addressPools',
  subnetSize: 'subnetSize',
  cliShell: 'cliShell',
} as const;

const VIEW_KEYS = [
  SettingKeys.showBuiltInNetworks,
  SettingKeys.groupBy,
  SettingKeys.sortBy,
  SettingKeys.labelTemplate,
  SettingKeys.descriptionTemplate,
  SettingKeys.fullIds,
];

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION);
}

function oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  const value = section().get<string>(key, fallback);
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export const settings = {
  host: (): string => section().get<string>(SettingKeys.host, '').trim(),
  /** As written: parseEngineSetting checks it and names each bad entry. */
  enginesRaw: (): unknown => section().get<unknown>(SettingKeys.engines),
  /** OpenSSH's places, with the user's known_hosts and identity replaced where the settings name files. */
  sshClient: (): SshClientOptions => {
    const defaults = defaultSshClientOptions(os.homedir(), process.env);
    const knownHosts = section().get<string>(SettingKeys.sshKnownHostsFile, '').trim();
    const identity = section().get<string>(SettingKeys.sshIdentityFile, '').trim();
    return {
      knownHostsFiles: knownHosts ? [knownHosts, ...defaults.knownHostsFiles.slice(1)] : defaults.knownHostsFiles,
      identityFiles: identity ? [identity] : defaults.identityFiles,
      agentSocket: defaults.agentSocket,
      configFile: defaults.configFile,
      homeDir: defaults.homeDir,
    };
  },
  requestTimeoutMs: (): number => Math.max(1, section().get<number>(SettingKeys.requestTimeoutSeconds, 20)) * 1000,
  showBuiltInNetworks: (): boolean => section().get<boolean>(SettingKeys.showBuiltInNetworks, true),
  groupBy: () => oneOf(SettingKeys.groupBy, ['none', 'driver', 'scope'] as const, 'none'),
  sortBy: () => oneOf(SettingKeys.sortBy, ['name', 'created'] as const, 'name'),
  labelTemplate: (): string => section().get<string>(SettingKeys.labelTemplate, '{{.Name}}').trim() || '{{.Name}}',
  descriptionTemplate: (): string => section().get<string>(SettingKeys.descriptionTemplate, '').trim(),
  fullIds: (): boolean => section().get<boolean>(SettingKeys.fullIds, false),
  /** Unchecked: settings.json can hold anything here; parseAddressPools says what is wrong. */
  addressPoolsRaw: (): unknown => section().get<unknown>(SettingKeys.addressPools, []),
  /** The shell copied command lines are quoted for: the setting, or the integrated terminal's shell. */
  cliShell: (): ShellKind => {
    const chosen = oneOf(SettingKeys.cliShell, ['auto', 'posix', 'fish', 'powershell', 'cmd'] as const, 'auto');
    return chosen === 'auto' ? shellKindOf(vscode.env.shell) : chosen;
  },
  subnetSize: (): number | undefined => section().get<number | null>(SettingKeys.subnetSize, null) ?? undefined,
};

const CONNECTION_KEYS = [SettingKeys.host, SettingKeys.requestTimeoutSeconds, SettingKeys.sshKnownHostsFile, SettingKeys.sshIdentityFile];

/** What one settings edit changed: the engine connections, how the Networks view looks, the list of engines. */
export interface SettingsChange {
  readonly connection: boolean;
  readonly view: boolean;
  /** The list of engines changed. */
  readonly engines: boolean;
}

/**
 * The only listener to configuration changes: one edit becomes one event, so the tree redraws once and the engine
 * reconnects once, however many parts of the extension care.
 */
export class SettingsWatcher extends DisposableOwner {
  private readonly changeEmitter = this.own(new vscode.EventEmitter<SettingsChange>());
  readonly onDidChange = this.changeEmitter.event;

  constructor() {
    super();
    this.own(
      vscode.workspace.onDidChangeConfiguration(event => {
        const touches = (keys: readonly string[]) => keys.some(key => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
        const change = { connection: touches(CONNECTION_KEYS), view: touches(VIEW_KEYS), engines: touches([SettingKeys.engines]) };
        if (change.connection || change.view || change.engines) this.changeEmitter.fire(change);
      }),
    );
  }
}
