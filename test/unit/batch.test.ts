import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { batchReport, runEach } from '../../src/model/batch';
import { removalWords } from '../../src/model/removal';

describe('actions on several objects', () => {
  test("a failure does not stop the others, and keeps the engine's reason", async () => {
    const outcome = await runEach(
      ['a', 'b', 'c'],
      name => name,
      async name => {
        if (name === 'b') throw new Error('network b has active endpoints');
      },
    );
    assert.deepEqual(outcome, { done: ['a', 'c'], failed: [{ name: 'b', reason: 'network b has active endpoints' }], skipped: [] });
    assert.deepEqual(batchReport(outcome, removalWords), {
      message: 'Removed 2 networks: "a", "c". Could not remove "b": network b has active endpoints',
      isError: true,
    });
  });

  test('a cancel leaves the rest untouched and names them', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const outcome = await runEach(
      ['a', 'b', 'c'],
      name => name,
      async name => {
        if (name === 'a') controller.abort();
      },
      { signal: controller.signal, onItem: name => seen.push(name) },
    );
    assert.deepEqual(seen, ['a']);
    assert.deepEqual(outcome, { done: ['a'], failed: [], skipped: ['b', 'c'] });
    assert.equal(
      batchReport(outcome, removalWords).message,
      'Removed network "a". Cancelled before "b", "c": they were left as they were.',
    );
  });

  test('nothing done says so', () => {
    assert.equal(batchReport({ done: [], failed: [], skipped: [] }, removalWords).message, 'Nothing was done.');
  });
});
