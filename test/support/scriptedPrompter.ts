// A Prompter that answers from a script, for wizard tests in node and in the extension host. It records every
// question so tests can assert that each step says in words what it asks (title with counter, prompt, placeholder).
import {
  BACK,
  Back,
  ConfirmQuestion,
  InputQuestion,
  normaliseValidation,
  openingMessage,
  PickQuestion,
  Prompter,
  stepTitle,
} from '../../src/ui/wizard/prompter';

export const CANCEL = Symbol('cancel');

/** A typed value, an option label (or labels for multi-pick), BACK, or CANCEL. Confirmations take a button label. */
export type Answer = string | string[] | typeof BACK | typeof CANCEL;

export interface AskedQuestion {
  readonly kind: 'input' | 'pick' | 'pickMany' | 'confirm' | 'error';
  readonly title: string;
  readonly text: string;
  readonly placeholder?: string;
  readonly options?: string[];
  readonly optionDetails?: (string | undefined)[];
  readonly value?: string;
  readonly validation?: string;
  /** What an input step showed as it opened, before anything was typed (never an error). */
  readonly opening?: string;
  readonly openingSeverity?: string;
}

export class ScriptedPrompter implements Prompter {
  readonly asked: AskedQuestion[] = [];

  private held?: { atRemaining: number; reached: () => void; released: Promise<void> };

  constructor(private readonly answers: Answer[]) {}

  /**
   * Holds the flow open when only `remaining` answers are left, as a user who walked away from an open wizard would:
   * `reached` resolves when the flow is waiting there, and the flow goes on once `release` is called.
   */
  holdWhenRemaining(remaining: number): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    let reached!: () => void;
    const released = new Promise<void>(resolve => (release = resolve));
    const reachedPromise = new Promise<void>(resolve => (reached = resolve));
    this.held = { atRemaining: remaining, reached, released };
    return { reached: reachedPromise, release };
  }

  private async waitIfHeld(): Promise<void> {
    const held = this.held;
    if (!held || this.answers.length !== held.atRemaining) return;
    this.held = undefined;
    held.reached();
    await held.released;
  }

  /** The question whose text (prompt, placeholder or message) matches: tests find steps by what they ask, not by position. */
  question(what: string | RegExp): AskedQuestion {
    const matches = (q: AskedQuestion) =>
      [q.text, q.placeholder, q.title].some(t => t !== undefined && (typeof what === 'string' ? t.includes(what) : what.test(t)));
    const found = this.asked.filter(matches);
    if (!found.length) throw new Error(`no question asked ${String(what)}; asked: ${this.asked.map(q => q.text).join(' | ')}`);
    return found[found.length - 1];
  }

  /** Every input step asked, for checks that hold for all of them. */
  get inputs(): AskedQuestion[] {
    return this.asked.filter(q => q.kind === 'input');
  }

  get remaining(): number {
    return this.answers.length;
  }

  private next(question: string): Answer {
    const answer = this.answers.shift();
    if (answer === undefined) throw new Error(`the script has no answer left for: ${question}`);
    return answer;
  }

  async input(question: InputQuestion): Promise<string | Back | undefined> {
    await this.waitIfHeld();
    const answer = this.next(question.prompt);
    // Shown through the same policy as VS Code's input box, so tests see what the user sees before typing.
    const shown = openingMessage(normaliseValidation(await question.validate?.(question.value ?? '')));
    const record = {
      kind: 'input' as const,
      title: stepTitle(question),
      text: question.prompt,
      placeholder: question.placeholder,
      value: question.value,
      opening: shown?.message,
      openingSeverity: shown?.severity,
    };
    if (answer === BACK) {
      this.asked.push(record);
      return BACK;
    }
    if (answer === CANCEL) {
      this.asked.push(record);
      return undefined;
    }
    const typed = Array.isArray(answer) ? answer.join(', ') : answer;
    const validation = normaliseValidation(await question.validate?.(typed));
    this.asked.push({ ...record, validation: validation?.message });
    if (validation?.severity === 'error') throw new ScriptedValidationError(question.prompt, typed, validation.message);
    return typed;
  }

  async pick<T>(question: PickQuestion<T>): Promise<T | Back | undefined> {
    const chosen = await this.choose(question, false);
    return chosen === BACK || chosen === undefined ? chosen : chosen[0];
  }

  pickMany<T>(question: PickQuestion<T>): Promise<T[] | Back | undefined> {
    return this.choose(question, true);
  }

  private async choose<T>(question: PickQuestion<T>, many: boolean): Promise<T[] | Back | undefined> {
    await this.waitIfHeld();
    const answer = this.next(question.placeholder);
    this.asked.push({
      kind: many ? 'pickMany' : 'pick',
      title: stepTitle(question),
      text: question.placeholder,
      placeholder: question.placeholder,
      options: question.options.map(o => o.label),
      optionDetails: question.options.map(o => [o.description, o.detail].filter(Boolean).join(' | ') || undefined),
    });
    if (answer === BACK) return BACK;
    if (answer === CANCEL) return undefined;
    const labels = Array.isArray(answer) ? answer : [answer];
    return labels.map(label => {
      const option = question.options.find(o => o.label === label);
      if (!option)
        throw new Error(`no option "${label}" in "${question.placeholder}"; options: ${question.options.map(o => o.label).join(', ')}`);
      return option.value;
    });
  }

  /** Errors are recorded; the script answers them like confirmations (an action label, or CANCEL). */
  async error(message: string, actions: readonly string[]): Promise<string | undefined> {
    await this.waitIfHeld();
    const answer = this.next(message);
    this.asked.push({ kind: 'error', title: message, text: message, options: [...actions] });
    if (answer === CANCEL || answer === BACK) return undefined;
    if (typeof answer !== 'string' || !actions.includes(answer))
      throw new Error(`"${String(answer)}" is not an action of "${message}" (${actions.join(', ')})`);
    return answer;
  }

  async confirm(question: ConfirmQuestion): Promise<string | undefined> {
    await this.waitIfHeld();
    const answer = this.next(question.message);
    this.asked.push({ kind: 'confirm', title: question.message, text: question.detail, options: [...question.choices] });
    if (answer === CANCEL || answer === BACK) return undefined;
    if (typeof answer !== 'string' || (question.choices.length && !question.choices.includes(answer))) {
      throw new Error(`"${String(answer)}" is not a choice of "${question.message}" (${question.choices.join(', ')})`);
    }
    return answer;
  }
}

export class ScriptedValidationError extends Error {
  constructor(
    readonly prompt: string,
    readonly value: string,
    readonly validation: string,
  ) {
    super(`"${value}" was refused at "${prompt}": ${validation}`);
  }
}
