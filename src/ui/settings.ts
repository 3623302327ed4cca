// Every setting key in one place, read through typed accessors.
import * as vscode from 'vscode';

export const SETTINGS_SECTION = 'dockerNetworks';

export const SettingKeys = {
  host: 'host',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  showBuiltInNetworks: 'showBuiltInNetworks',
  groupBy: 'groupBy',
  sortBy: 'sortBy',
  labelTemplate: 'labelTemplate',
  descriptionTemplate: 'descriptionTemplate',
  fullIds: 'fullIds',
  addressPools: 'addressPools',
  subnetSize: 'subnetSize',
} as const;

const VIEW_KEYS = [SettingKeys.showBuiltInNetworks, SettingKeys.groupBy, SettingKeys.sortBy, SettingKeys.labelTemplate, SettingKeys.descriptionTemplate, SettingKeys.fullIds];

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION);
}

function oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  const value = section().get<string>(key, fallback);
  return (allowed as readonly string[]).includes(value) ? value as T : fallback;
}

export interface AddressPoolSetting {
  base: string;
  size: number;
}

export const settings = {
  host: (): string => section().get<string>(SettingKeys.host, '').trim(),
  requestTimeoutMs: (): number => Math.max(1, section().get<number>(SettingKeys.requestTimeoutSeconds, 20)) * 1000,
  showBuiltInNetworks: (): boolean => section().get<boolean>(SettingKeys.showBuiltInNetworks, true),
  groupBy: () => oneOf(SettingKeys.groupBy, ['none', 'driver', 'scope'] as const, 'none'),
  sortBy: () => oneOf(SettingKeys.sortBy, ['name', 'created'] as const, 'name'),
  labelTemplate: (): string => section().get<string>(SettingKeys.labelTemplate, '{{.Name}}').trim() || '{{.Name}}',
  descriptionTemplate: (): string => section().get<string>(SettingKeys.descriptionTemplate, '').trim(),
  fullIds: (): boolean => section().get<boolean>(SettingKeys.fullIds, false),
  addressPools: (): AddressPoolSetting[] => section().get<AddressPoolSetting[]>(SettingKeys.addressPools, []),
  subnetSize: (): number | undefined => section().get<number | null>(SettingKeys.subnetSize, null) ?? undefined,
};

export function affectsView(event: vscode.ConfigurationChangeEvent): boolean {
  return VIEW_KEYS.some(key => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
}

/** True when a configuration change touches the engine connection. */
export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SETTINGS_SECTION}.${SettingKeys.host}`)
    || event.affectsConfiguration(`${SETTINGS_SECTION}.${SettingKeys.requestTimeoutSeconds}`);
}
