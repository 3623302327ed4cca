// The Networks view's options: the filter (kept per workspace) and the display settings. Publishes filter changes, keeps
// the `dockerNetworks.filterActive` context key and the view's description in step.
import * as vscode from 'vscode';
import { emptyFilter, formatFilter, isEmptyFilter, NetworkFilter, parseFilterText } from '../../model/filters/networkFilter';
import type { NetworkViewOptions } from '../../model/networkView';
import { DisposableOwner } from '../disposable';
import { settings } from '../settings';

const FILTER_STATE_KEY = 'dockerNetworks.networkFilter';
export const FILTER_ACTIVE_CONTEXT_KEY = 'dockerNetworks.filterActive';

export class NetworkViewState extends DisposableOwner {
  private readonly changeEmitter = this.own(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  private currentFilter: NetworkFilter;
  private view: vscode.TreeView<unknown> | undefined;

  constructor(private readonly memento: vscode.Memento) {
    super();
    const saved = memento.get<string>(FILTER_STATE_KEY, '');
    const parsed = parseFilterText(saved);
    this.currentFilter = 'filter' in parsed ? parsed.filter : emptyFilter();
  }

  attach(view: vscode.TreeView<unknown>): void {
    this.view = view;
    this.showFilter();
  }

  get options(): NetworkViewOptions {
    return {
      filter: this.currentFilter,
      showBuiltIn: settings.showBuiltInNetworks(),
      sortBy: settings.sortBy(),
      groupBy: settings.groupBy(),
    };
  }

  get filter(): NetworkFilter {
    return this.currentFilter;
  }

  async setFilter(filter: NetworkFilter): Promise<void> {
    this.currentFilter = filter;
    await this.memento.update(FILTER_STATE_KEY, formatFilter(filter));
    this.showFilter();
    this.changeEmitter.fire();
  }

  private showFilter(): void {
    const active = !isEmptyFilter(this.currentFilter);
    void vscode.commands.executeCommand('setContext', FILTER_ACTIVE_CONTEXT_KEY, active);
    if (this.view) this.view.description = active ? `filter: ${formatFilter(this.currentFilter)}` : undefined;
  }
}
