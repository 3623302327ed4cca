// A minimal typed event emitter, so engine and model code can publish changes without importing `vscode`.

export type Listener<T> = (value: T) => void;

export interface Subscription {
  dispose(): void;
}

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  constructor(private readonly onListenerError?: (error: unknown) => void) {}

  readonly event = (listener: Listener<T>): Subscription => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  /** One listener's exception must not keep the others from hearing, nor escape into the code that fired. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (err) {
        this.onListenerError?.(err);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
