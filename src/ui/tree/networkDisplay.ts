// The label and description templates from the settings, compiled once per change. An invalid template falls
// back to the default and says why in the log and a warning, instead of blanking the tree.
import * as vscode from 'vscode';
import { compileTemplate, CompiledTemplate } from '../../model/filters/formatTemplate';
import { DisposableOwner } from '../disposable';
import { affectsView, settings } from '../settings';
import type { NetworkDisplay } from './treeItems';

export class NetworkDisplaySettings extends DisposableOwner {
  private readonly changeEmitter = this.own(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  private display: NetworkDisplay;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.display = this.read();
    this.own(vscode.workspace.onDidChangeConfiguration(event => {
      if (!affectsView(event)) return;
      this.display = this.read();
      this.changeEmitter.fire();
    }));
  }

  get current(): NetworkDisplay {
    return this.display;
  }

  private read(): NetworkDisplay {
    const description = settings.descriptionTemplate();
    return {
      label: this.compile('labelTemplate', settings.labelTemplate()),
      description: description ? this.compile('descriptionTemplate', description) : undefined,
      fullIds: settings.fullIds(),
    };
  }

  private compile(setting: string, source: string): CompiledTemplate | undefined {
    const compiled = compileTemplate(source);
    if ('template' in compiled) return compiled.template;
    const message = `Setting dockerNetworks.${setting} "${source}" is not a valid template: ${compiled.error}. Using the default.`;
    this.log.warn(message);
    void vscode.window.showWarningMessage(message);
    return undefined;
  }
}
