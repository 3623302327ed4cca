// What every command receives: the engine connection, the explorer data and views, the log.
import type * as vscode from 'vscode';
import type { EngineConnection } from '../../engine/engineConnection';
import type { ExplorerStore } from '../../engine/explorerStore';
import type { DockerGateway } from '../../engine/gateway';
import type { ExplorerModel } from '../../model/explorer';
import type { InspectDocuments } from '../documents/inspectDocuments';
import type { ExplorerTreeProvider } from '../tree/explorerTree';
import type { NetworkViewState } from '../tree/networkViewState';
import type { ExplorerNode } from '../tree/treeItems';
import type { Prompter } from '../wizard/prompter';

export interface CommandContext {
  readonly connection: EngineConnection;
  readonly store: ExplorerStore;
  readonly networksTree: ExplorerTreeProvider;
  readonly containersTree: ExplorerTreeProvider;
  readonly networksView: vscode.TreeView<ExplorerNode>;
  readonly containersView: vscode.TreeView<ExplorerNode>;
  readonly inspectDocuments: InspectDocuments;
  readonly log: vscode.LogOutputChannel;
  readonly viewState: NetworkViewState;
  /** The Network Topology panel. */
  readonly topology: { show(focusId?: string): void };
  /** Every question to the user goes through it; tests substitute a scripted one. */
  prompter: Prompter;
  /** The connected engine: for commands whose definition `needs` it. */
  gateway(): DockerGateway;
  /** The loaded networks and containers: for commands whose definition `needs: 'explorer'`. */
  model(): ExplorerModel;
}

/**
 * What a command needs before it runs: a connected engine, or also the loaded explorer data (to pick from).
 * The registration waits for it, so a command never refuses because the first connection is still under way.
 */
export type EngineNeed = 'engine' | 'explorer';

export interface CommandDefinition {
  readonly id: string;
  readonly needs?: EngineNeed;
  readonly run: (context: CommandContext, ...args: unknown[]) => unknown;
}
