// The label and description templates from the settings, compiled once per settings edit. An invalid template falls
// back to the default and says why in the log and a warning, instead of blanking the tree.
import * as vscode from 'vscode';
import { compileTemplate, CompiledTemplate } from '../../model/filters/formatTemplate';
import { settings } from '../settings';
import type { NetworkDisplay } from './treeItems';

export class NetworkDisplaySettings {
  private display: NetworkDisplay;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.display = this.read();
  }

  /** After a settings edit that touches the view: compile the templates again. */
  reload(): void {
    this.display = this.read();
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
