// Runs a wizard's steps on top of a Prompter, in the manner of VS Code's MultiStepInput sample: the flow owns Back
// and Cancel, so a step only asks, assigns the answer and returns. The list of steps is recomputed from the state
// before each one (ticking an option adds its steps, and the counter "2/5" stays true); the state keeps every answer,
// so going Back (or retrying after an engine refusal) shows what the user typed before. No `vscode` here.
import { BACK, Back, ConfirmQuestion, InputQuestion, PickQuestion, Prompter, StepHeader } from './prompter';

type Headless<Q> = Omit<Q, keyof StepHeader>;

/** What a step can ask. Back and Cancel never come back as values: the flow handles them. */
export interface StepAsker {
  input(question: Headless<InputQuestion>): Promise<string>;
  pick<T>(question: Headless<PickQuestion<T>>): Promise<T>;
  pickMany<T>(question: Headless<PickQuestion<T>>): Promise<T[]>;
  /** An explanation with an OK button (e.g. why a choice is not possible); the step goes on afterwards. */
  explain(message: string, detail: string): Promise<void>;
  confirm(question: ConfirmQuestion): Promise<string | undefined>;
  /** Leave this step as if the user pressed Back (e.g. nothing to pick here). */
  back(): never;
  /** End the wizard as if the user pressed Escape. */
  cancel(): never;
}

export type Step<S> = (state: S, ask: StepAsker) => Promise<void>;

class FlowExit {
  constructor(readonly kind: 'back' | 'cancel') {}
}

function answered<T>(answer: T | Back | undefined): T {
  if (answer === BACK) throw new FlowExit('back');
  if (answer === undefined) throw new FlowExit('cancel');
  return answer;
}

function askerFor(prompter: Prompter, header: StepHeader): StepAsker {
  return {
    input: async question => answered(await prompter.input({ ...header, ...question })),
    pick: async question => answered(await prompter.pick({ ...header, ...question, canPickMany: false })),
    pickMany: async question => answered(await prompter.pickMany({ ...header, ...question })),
    explain: async (message, detail) => {
      await prompter.confirm({ message, detail, choices: [] });
    },
    confirm: question => prompter.confirm(question),
    back: () => {
      throw new FlowExit('back');
    },
    cancel: () => {
      throw new FlowExit('cancel');
    },
  };
}

/** Runs the steps in order; true when the user went through all of them, false on Cancel (or Back from the first). */
export async function runFlow<S>(prompter: Prompter, title: string, state: S, steps: (state: S) => readonly Step<S>[]): Promise<boolean> {
  let index = 0;
  const visited: number[] = [];
  for (;;) {
    const current = steps(state);
    if (index >= current.length) return true;
    try {
      await current[index](state, askerFor(prompter, { title, step: index + 1, totalSteps: current.length }));
      visited.push(index);
      index++;
    } catch (err) {
      if (!(err instanceof FlowExit)) throw err;
      if (err.kind === 'cancel') return false;
      const previous = visited.pop();
      if (previous === undefined) return false;
      index = previous;
    }
  }
}

/** One question on its own (a pick from the palette): the answer, or undefined when the user cancelled. */
export async function askOnce<T>(prompter: Prompter, title: string, ask: (asker: StepAsker) => Promise<T>): Promise<T | undefined> {
  let result: T | undefined;
  const finished = await runFlow(prompter, title, {}, () => [
    async (_state, asker) => {
      result = await ask(asker);
    },
  ]);
  return finished ? result : undefined;
}
