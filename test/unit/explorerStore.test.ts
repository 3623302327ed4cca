import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { EngineConnection } from '../../src/engine/engineConnection';
import { ExplorerStore } from '../../src/engine/explorerStore';
import { waitFor } from '../support/waitFor';
import { fakeEngine, silentLogger } from './fakeEngine';

describe('explorer store: never old data presented as live', () => {
  test('a refresh that fails keeps the last model marked stale, since when it was loaded; the next good one clears it', async () => {
    let failLists = false;
    const engine = fakeEngine({
      routes: [
        (req, res) => {
          if (!failLists || !/\/networks(\?|$)/.test(req.url ?? '')) return false;
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ message: 'driver plugin timed out' }));
          return true;
        },
      ],
    });
    await engine.start();
    const connection = new EngineConnection({
      resolveEngineAddress: () => ({ url: `unix://${engine.socketPath}`, source: 'DOCKER_HOST' }),
      timeoutMs: () => 2000,
      logger: silentLogger,
    });
    const store = new ExplorerStore(connection, silentLogger);
    try {
      connection.start();
      const loaded = await waitFor(() => store.snapshot.kind === 'ready' && store.snapshot, 'loaded', 3000);
      failLists = true;
      await store.reload();
      const stale = store.snapshot;
      assert.ok(stale.kind === 'ready' && stale.stale, 'the model is marked stale');
      assert.equal(stale.stale.since, loaded.loadedAt);
      assert.match(stale.stale.reason, /driver plugin timed out/);
      failLists = false;
      await store.reload();
      assert.ok(store.snapshot.kind === 'ready' && !store.snapshot.stale, 'a good refresh clears the mark');
    } finally {
      store.dispose();
      connection.dispose();
      await engine.stop();
    }
  });
});
