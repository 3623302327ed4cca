import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { ConnectionState, EngineConnection } from '../../src/engine/engineConnection';
import type { EngineEvent } from '../../src/model/engineTypes';
import { fakeEngine, silentLogger, waitFor } from './fakeEngine';

describe('engine connection lifecycle', () => {
  test('reports unreachable with the cause, then recovers by itself when the engine comes back', async () => {
    const engine = fakeEngine();
    const states: ConnectionState['kind'][] = [];
    const connection = new EngineConnection({
      resolveEngineAddress: () => ({ url: `unix://${engine.socketPath}`, source: 'DOCKER_HOST' }),
      timeoutMs: () => 2000, logger: silentLogger, retryDelaysMs: [50, 100],
    });
    connection.onDidChangeState(state => states.push(state.kind));
    try {
      connection.start();
      await waitFor(() => connection.state.kind === 'unreachable', 3000, 'unreachable');
      const state = connection.state;
      assert.match(state.kind === 'unreachable' ? state.error.message : '', /no socket at/);
      await new Promise(resolve => setTimeout(resolve, 400)); // a few retries
      await engine.start();
      await waitFor(() => connection.state.kind === 'connected', 3000, 'connected');
      assert.deepEqual(states.slice(0, 2), ['connecting', 'unreachable']);
      assert.ok(states.length > 3, `retries happened: ${states.join(', ')}`);
      assert.equal(states.filter(kind => kind === 'connecting').length, 1, `retries keep the cause visible instead of "Connecting…": ${states.join(', ')}`);
    } finally {
      connection.dispose();
      await engine.stop();
    }
  });

  test('forwards engine events and notices when the engine goes away and returns', async () => {
    const engine = fakeEngine();
    await engine.start();
    const events: EngineEvent[] = [];
    let resyncs = 0;
    const connection = new EngineConnection({
      resolveEngineAddress: () => ({ url: `unix://${engine.socketPath}`, source: 'DOCKER_HOST' }),
      timeoutMs: () => 2000, logger: silentLogger, retryDelaysMs: [50],
    });
    connection.onEngineEvent(event => events.push(event));
    connection.onResync(() => resyncs++);
    try {
      connection.start();
      await waitFor(() => engine.eventStreams.length === 1, 3000, 'event subscription');
      assert.ok(engine.requests.some(r => r.startsWith('GET /v1.41/events?filters=')));
      const event = { Type: 'network', Action: 'create', Actor: { ID: 'abc', Attributes: { name: 'web' } } };
      engine.eventStreams[0].write(JSON.stringify(event) + '\n');
      await waitFor(() => events.length === 1, 3000, 'event');
      assert.deepEqual(events[0], event);

      await engine.stop();
      await waitFor(() => connection.state.kind === 'unreachable', 5000, 'unreachable after stop');
      await engine.start();
      await waitFor(() => connection.state.kind === 'connected' && engine.eventStreams.length === 1, 5000, 'reconnected');
      assert.equal(resyncs, 0, 'a fresh connection reloads through the connected state, not a resync');
    } finally {
      connection.dispose();
      await engine.stop();
    }
  });
});
