// What every command receives: the engine connection, the explorer data and views, the log.
import type * as vscode from 'vscode';
import type { EngineConnection } from '../../engine/engineConnection';
import type { ExplorerStore } from '../../engine/explorerStore';
import type { DockerGateway } from '../../engine/gateway';
import type { ConnectivityReport, ContainerRef } from '../../model/connectivity';
import type { ExplorerModel } from '../../model/explorer';
import type { InspectTarget } from '../documents/inspectDocuments';
import type { EngineSession, EngineSessions } from '../engines/engineSessions';
import type { EngineScopedTree, EngineTreeNode } from '../tree/engineTree';
import type { NetworkViewState } from '../tree/networkViewState';
import type { ExplorerNode } from '../tree/treeItems';
import type { Prompter } from '../wizard/prompter';

/** Connectivity answers of the command's engine. */
export interface EngineConnectivityDocuments {
  open(a: ContainerRef, b: ContainerRef): Promise<vscode.Uri>;
  report(uri: vscode.Uri): ConnectivityReport | undefined;
}

/** Inspect documents of the command's engine. */
export interface EngineInspectDocuments {
  open(target: InspectTarget): Promise<vscode.TextEditor>;
  refresh(uri: vscode.Uri): void;
}

/**
 * A command runs against one engine: the clicked node's, the inspect document's, or the one the user picked when
 * the window has several. `connection`, `store`, the trees and the documents are that engine's.
 */
export interface CommandContext {
  readonly engine: EngineSession;
  readonly sessions: EngineSessions;
  readonly connection: EngineConnection;
  readonly store: ExplorerStore;
  readonly networksTree: EngineScopedTree;
  readonly containersTree: EngineScopedTree;
  readonly networksView: vscode.TreeView<EngineTreeNode>;
  readonly containersView: vscode.TreeView<EngineTreeNode>;
  readonly inspectDocuments: EngineInspectDocuments;
  /** Check Connectivity's answers for this engine, as Markdown documents that follow its data. */
  readonly connectivityDocuments: EngineConnectivityDocuments;
  readonly log: vscode.LogOutputChannel;
  readonly viewState: NetworkViewState;
  /** The Network Topology panel. */
  readonly topology: TopologyView;
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
  /** Run from the palette (no node) in a window with several engines: once for each engine, instead of asking. */
  readonly everyEngine?: boolean;
  readonly run: (context: CommandContext, ...args: unknown[]) => unknown;
}

/** What commands use of the Network Topology panel. */
export interface TopologyView {
  /** Opens the panel; with `focus`, selects that network or container of that engine. */
  show(focus?: { readonly engineId: string; readonly kind: 'network' | 'container'; readonly id: string }): void;
  /** A `webview/context` command's argument as the engine and node it names, or why not. */
  resolveMenuContext(raw: unknown): { readonly engine: EngineSession; readonly node: ExplorerNode } | { readonly refused: string };
}
