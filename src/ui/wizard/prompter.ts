// The wizard's view of the user: every question goes through a Prompter, so wizard steps run unchanged against
// VS Code's quick input or a scripted prompter in tests. No `vscode` import here on purpose.

/** Returned when the user pressed the Back button. */
export const BACK = Symbol('back');
export type Back = typeof BACK;

export type Severity = 'error' | 'warning' | 'info';
export interface ValidationMessage {
  readonly message: string;
  readonly severity: Severity;
}
/** undefined = valid; a string = an error (blocks Enter); a ValidationMessage may also be a warning or info. */
export type Validator = (value: string) => string | ValidationMessage | undefined | Promise<string | ValidationMessage | undefined>;

export interface StepHeader {
  /** The wizard's title; the prompter adds the step counter: "Create Network (2/4)". */
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
}

export interface InputQuestion extends StepHeader {
  readonly prompt: string;
  readonly placeholder: string;
  readonly value?: string;
  readonly validate?: Validator;
  readonly password?: boolean;
}

export interface PickOption<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly value: T;
  readonly picked?: boolean;
  /** Shown as a separator line before this option. */
  readonly group?: string;
}

export interface PickQuestion<T> extends StepHeader {
  readonly placeholder: string;
  readonly options: readonly PickOption<T>[];
  readonly canPickMany?: boolean;
  readonly matchOnDescription?: boolean;
}

export interface ConfirmQuestion {
  /** One sentence naming what will happen, e.g. `Remove network "web"?` */
  readonly message: string;
  /** The consequences, naming each object. */
  readonly detail: string;
  /** Button labels; the first is the default action. Cancel is always offered. */
  readonly choices: readonly string[];
}

export interface Prompter {
  /** A non-modal error with follow-up actions (e.g. Retry): resolves to the chosen action, if any. */
  error(message: string, actions: readonly string[]): Promise<string | undefined>;
  /** A modal confirmation: resolves to the chosen label, or undefined for Cancel. */
  confirm(question: ConfirmQuestion): Promise<string | undefined>;
  /** Resolves to the typed value, BACK, or undefined when the user cancelled (Escape). */
  input(question: InputQuestion): Promise<string | Back | undefined>;
  pick<T>(question: PickQuestion<T> & { canPickMany?: false }): Promise<T | Back | undefined>;
  pickMany<T>(question: PickQuestion<T>): Promise<T[] | Back | undefined>;
}

export function stepTitle(header: StepHeader): string {
  return header.totalSteps > 1 ? `${header.title} (${header.step}/${header.totalSteps})` : header.title;
}

export function normaliseValidation(result: string | ValidationMessage | undefined): ValidationMessage | undefined {
  if (result === undefined || result === '') return undefined;
  return typeof result === 'string' ? { message: result, severity: 'error' } : result;
}

/**
 * What an input step shows as it opens: the prompt and its example first, never an error for an answer not given yet.
 * A blocking error appears once the user types or presses Enter; warnings and hints may show at once.
 */
export function openingMessage(result: ValidationMessage | undefined): ValidationMessage | undefined {
  return result?.severity === 'error' ? undefined : result;
}
