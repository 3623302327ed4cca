// The one way tests wait: poll a condition until it holds, or fail with what was awaited. Tests await what they
// need to see (a state, a tree node, an engine object) instead of sleeping for a guessed time.

export type Probe<T> = () => T | undefined | null | false | '' | 0 | Promise<T | undefined | null | false | '' | 0>;

/**
 * Calls `probe` every `intervalMs` until it returns a truthy value, and returns that value. After `timeoutMs` it
 * throws "timed out after N ms waiting for <what>". An error thrown by the probe is not retried: it fails at once.
 */
export async function waitFor<T>(probe: Probe<T>, what: string, timeoutMs = 15000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
