// The engine's `/events` stream is one JSON object per line. Lines are split as they arrive; a line that is not
// JSON is logged and skipped, and a line that never ends is dropped rather than allowed to grow memory.
import type { IncomingMessage } from 'http';
import type { EngineEvent } from '../model/engineTypes';
import type { EngineLogger } from './gateway';

/** The longest event line kept while waiting for its end (events are a few hundred bytes). */
export const MAX_EVENT_LINE = 1024 * 1024;

/** Resolves when the stream ends or closes; rejects with the stream's error. */
export function readEventLines(stream: IncomingMessage, onEvent: (event: EngineEvent) => void, logger: EngineLogger): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let pending = '';
    /** Inside an over-long line: everything up to its end is dropped. */
    let skipping = false;
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (line && !skipping) emitEvent(line, onEvent, logger);
        skipping = false;
      }
      if (pending.length > MAX_EVENT_LINE) {
        if (!skipping) logger.warn(`dropped an engine event line longer than ${MAX_EVENT_LINE} bytes`);
        skipping = true;
        pending = '';
      }
    });
    stream.on('end', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', reject);
  });
}

function emitEvent(line: string, onEvent: (event: EngineEvent) => void, logger: EngineLogger): void {
  let event: EngineEvent;
  try {
    event = JSON.parse(line) as EngineEvent;
  } catch (err) {
    logger.warn(`ignored an engine event that is not JSON: ${line.slice(0, 200)} (${(err as Error).message})`);
    return;
  }
  onEvent(event);
}
