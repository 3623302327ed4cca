// Spaces a view's redraws so that each one is drawn as soon as it is announced.
//
// VS Code's extension host debounces every tree view's change events by 200 ms, on the leading edge, and each event
// inside the window starts the window again. An event after a quiet 200 ms is drawn at once; events closer together
// than that are held until 200 ms pass with none, so a tree announced every few milliseconds during a burst of
// engine events stays frozen until the burst ends. Announcing at most once per `spacingMs` (a little over 200 ms)
// keeps every announcement on a leading edge: a single change is drawn at once, and a long burst is drawn as it
// happens, one redraw per window.

export interface PacerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: PacerClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout),
};

/** VS Code's tree change debounce (ExtHostTreeView), plus a margin for timers that fire a little early. */
export const TREE_REDRAW_SPACING_MS = 220;

export class DrawPacer {
  private lastDrawAt = Number.NEGATIVE_INFINITY;
  private timer: unknown;

  /** `draw` announces what changed and says whether there was anything; an empty draw does not count. */
  constructor(
    private readonly draw: () => boolean,
    private readonly spacingMs = TREE_REDRAW_SPACING_MS,
    private readonly clock: PacerClock = realClock,
  ) {}

  /** Draws now if the last draw is old enough, else once when it is; requests meanwhile are folded into that one. */
  request(): void {
    if (this.timer !== undefined) return;
    const wait = this.lastDrawAt + this.spacingMs - this.clock.now();
    if (wait <= 0) this.drawNow();
    else
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.drawNow();
      }, wait);
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private drawNow(): void {
    if (this.draw()) this.lastDrawAt = this.clock.now();
  }
}
