// The registration table: every command the extension contributes, one file each.
import type { CommandDefinition } from './commandContext';
import { checkConnectivityCommand, checkConnectivityToCommand } from './checkConnectivity';
import { connectContainerCommand } from './connectContainer';
import { connectivityFixCommand } from './connectivityFix';
import { copyIdCommand, copyNameCommand } from './copyIdentity';
import { createNetworkCommand, duplicateNetworkCommand } from './createNetwork';
import { copyAsCliCommand, copyAsComposeCommand } from './copyNetworkAs';
import { revealInContainersCommand, revealInNetworksCommand } from './reveal';
import { disconnectContainerCommand } from './disconnectContainer';
import { clearFilterCommand, filterNetworksCommand } from './filterNetworks';
import { inspectContainerCommand } from './inspectContainer';
import { copyInspectedAsCliCommand, refreshInspectCommand, revealInspectedCommand } from './inspectDocumentActions';
import { inspectNetworkCommand, inspectNetworkVerboseCommand } from './inspectNetwork';
import { openSettingsCommand } from './openSettings';
import { pruneNetworksCommand } from './pruneNetworks';
import { refreshCommand } from './refresh';
import { removeNetworkCommand } from './removeNetwork';
import { retryConnectionCommand } from './retryConnection';
import { showLogCommand } from './showLog';
import { trustHostKeyCommand } from './trustHostKey';
import { addEngineCommand, listEnginesCommand, removeEngineCommand } from './manageEngines';
import { showInTopologyCommand, showTopologyCommand } from './showTopology';

export const COMMANDS: readonly CommandDefinition[] = [
  refreshCommand,
  retryConnectionCommand,
  openSettingsCommand,
  showLogCommand,
  inspectNetworkCommand,
  inspectContainerCommand,
  removeNetworkCommand,
  disconnectContainerCommand,
  connectContainerCommand,
  filterNetworksCommand,
  clearFilterCommand,
  pruneNetworksCommand,
  createNetworkCommand,
  duplicateNetworkCommand,
  inspectNetworkVerboseCommand,
  refreshInspectCommand,
  copyInspectedAsCliCommand,
  revealInspectedCommand,
  copyIdCommand,
  copyNameCommand,
  copyAsCliCommand,
  copyAsComposeCommand,
  revealInNetworksCommand,
  revealInContainersCommand,
  trustHostKeyCommand,
  addEngineCommand,
  removeEngineCommand,
  listEnginesCommand,
  checkConnectivityCommand,
  checkConnectivityToCommand,
  connectivityFixCommand,
  showTopologyCommand,
  showInTopologyCommand,
];
