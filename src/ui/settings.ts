// Every setting key in one place, read through typed accessors.
import * as vscode from 'vscode';

export const SETTINGS_SECTION = 'dockerNetworks';

export const SettingKeys = {
  host: 'host',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
} as const;

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION);
}

export const settings = {
  host: (): string => section().get<string>(SettingKeys.host, '').trim(),
  requestTimeoutMs: (): number => Math.max(1, section().get<number>(SettingKeys.requestTimeoutSeconds, 20)) * 1000,
};

/** True when a configuration change touches the engine connection. */
export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SETTINGS_SECTION}.${SettingKeys.host}`)
    || event.affectsConfiguration(`${SETTINGS_SECTION}.${SettingKeys.requestTimeoutSeconds}`);
}
