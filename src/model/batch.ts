// Actions on several objects at once (connect, disconnect, remove, prune): one at a time, every failure collected
// with the engine's reason, never stopping at the first one; a cancel leaves the rest untouched and says which.

export interface BatchOutcome {
  readonly done: string[];
  readonly failed: { readonly name: string; readonly reason: string }[];
  /** Not attempted because the user cancelled. */
  readonly skipped: string[];
}

export interface BatchOptions {
  readonly signal?: AbortSignal;
  /** Called before each item, e.g. to show its name in a progress notification. */
  readonly onItem?: (name: string, index: number, total: number) => void;
}

export async function runEach<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  act: (item: T, signal?: AbortSignal) => Promise<void>,
  options: BatchOptions = {},
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { done: [], failed: [], skipped: [] };
  for (const [index, item] of items.entries()) {
    const name = nameOf(item);
    if (options.signal?.aborted) {
      outcome.skipped.push(name);
      continue;
    }
    options.onItem?.(name, index, items.length);
    try {
      await act(item, options.signal);
      outcome.done.push(name);
    } catch (err) {
      outcome.failed.push({ name, reason: (err as Error).message });
    }
  }
  return outcome;
}

export interface BatchWords {
  /** The sentence for what succeeded, e.g. `Removed 2 networks: "a", "b".` */
  done(names: readonly string[]): string;
  /** The sentence for one failure; the reason is the engine's message with context. */
  failed(name: string, reason: string): string;
  /** How a name is written in the cancel sentence; quoted by default. */
  show?(name: string): string;
}

export const quoted = (names: readonly string[]): string => names.map(n => `"${n}"`).join(', ');

/** One message for the whole batch: what was done, each failure, and what a cancel left undone. */
export function batchReport(outcome: BatchOutcome, words: BatchWords): { message: string; isError: boolean } {
  const parts: string[] = [];
  if (outcome.done.length) parts.push(words.done(outcome.done));
  for (const failure of outcome.failed) parts.push(words.failed(failure.name, failure.reason));
  const show = words.show ?? ((name: string) => `"${name}"`);
  if (outcome.skipped.length)
    parts.push(
      `Cancelled before ${outcome.skipped.map(show).join(', ')}: ${outcome.skipped.length === 1 ? 'it was' : 'they were'} left as they were.`,
    );
  return { message: parts.join(' ') || 'Nothing was done.', isError: outcome.failed.length > 0 };
}
