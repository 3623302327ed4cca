// The Prompter on VS Code's quick input: step counter in the title, Back button, Escape cancels, validation as
// you type (errors block Enter, warnings do not; a step never opens with an error).
import * as vscode from 'vscode';
import {
  BACK,
  Back,
  ConfirmQuestion,
  InputQuestion,
  ValidationMessage,
  normaliseValidation,
  openingMessage,
  PickOption,
  PickQuestion,
  Prompter,
  stepTitle,
} from './prompter';

type Item<T> = vscode.QuickPickItem & { value?: T };

function toItems<T>(options: readonly PickOption<T>[]): Item<T>[] {
  const items: Item<T>[] = [];
  let group: string | undefined;
  for (const option of options) {
    if (option.group && option.group !== group) {
      items.push({ label: option.group, kind: vscode.QuickPickItemKind.Separator });
      group = option.group;
    }
    items.push({ label: option.label, description: option.description, detail: option.detail, picked: option.picked, value: option.value });
  }
  return items;
}

const SEVERITY = {
  error: vscode.InputBoxValidationSeverity.Error,
  warning: vscode.InputBoxValidationSeverity.Warning,
  info: vscode.InputBoxValidationSeverity.Info,
};

export class VsCodePrompter implements Prompter {
  async error(message: string, actions: readonly string[]): Promise<string | undefined> {
    return vscode.window.showErrorMessage(message, ...actions);
  }

  async confirm(question: ConfirmQuestion): Promise<string | undefined> {
    return vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, ...question.choices);
  }

  input(question: InputQuestion): Promise<string | Back | undefined> {
    const box = vscode.window.createInputBox();
    box.title = stepTitle(question);
    box.prompt = question.prompt;
    box.placeholder = question.placeholder;
    box.value = question.value ?? '';
    box.password = question.password ?? false;
    box.ignoreFocusOut = true;
    box.buttons = question.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    let latest = 0;
    let blocking = false;
    /** As the box opens, errors stay hidden (openingMessage): the prompt says what to type first. */
    const validate = async (value: string, opening = false) => {
      const ticket = ++latest;
      let result: ValidationMessage | undefined;
      try {
        result = normaliseValidation(await question.validate?.(value));
      } catch (err) {
        result = { message: `Cannot check this value: ${(err as Error).message}`, severity: 'error' };
      }
      if (ticket !== latest) return blocking;
      const shown = opening ? openingMessage(result) : result;
      box.validationMessage = shown ? { message: shown.message, severity: SEVERITY[shown.severity] } : undefined;
      blocking = result?.severity === 'error';
      return blocking;
    };
    return new Promise(resolve => {
      let settled = false;
      const finish = (value: string | Back | undefined) => {
        if (!settled) {
          settled = true;
          resolve(value);
          box.dispose();
        }
      };
      box.onDidChangeValue(value => void validate(value));
      box.onDidTriggerButton(button => {
        if (button === vscode.QuickInputButtons.Back) finish(BACK);
      });
      box.onDidAccept(async () => {
        box.busy = true;
        try {
          if (!(await validate(box.value))) finish(box.value);
        } finally {
          box.busy = false;
        }
      });
      box.onDidHide(() => finish(undefined));
      box.show();
      void validate(box.value, true);
    });
  }

  async pick<T>(question: PickQuestion<T>): Promise<T | Back | undefined> {
    const result = await this.showPick(question, false);
    return result === BACK || result === undefined ? result : result[0];
  }

  pickMany<T>(question: PickQuestion<T>): Promise<T[] | Back | undefined> {
    return this.showPick(question, true);
  }

  private showPick<T>(question: PickQuestion<T>, many: boolean): Promise<T[] | Back | undefined> {
    const pick = vscode.window.createQuickPick<Item<T>>();
    pick.title = stepTitle(question);
    pick.placeholder = question.placeholder;
    pick.canSelectMany = many;
    pick.matchOnDescription = question.matchOnDescription ?? true;
    pick.ignoreFocusOut = true;
    pick.items = toItems(question.options);
    if (many) pick.selectedItems = pick.items.filter(item => item.picked);
    pick.buttons = question.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    return new Promise(resolve => {
      let settled = false;
      const finish = (value: T[] | Back | undefined) => {
        if (!settled) {
          settled = true;
          resolve(value);
          pick.dispose();
        }
      };
      pick.onDidTriggerButton(button => {
        if (button === vscode.QuickInputButtons.Back) finish(BACK);
      });
      pick.onDidAccept(() => {
        const chosen = many ? pick.selectedItems : pick.activeItems.slice(0, 1);
        if (!many && chosen.length === 0) return;
        finish(chosen.map(item => item.value as T));
      });
      pick.onDidHide(() => finish(undefined));
      pick.show();
    });
  }
}
