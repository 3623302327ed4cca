import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { ConnectionState, EngineConnection } from '../../src/engine/engineConnection';
import type { EngineEvent } from '../../src/model/engineTypes';
import { waitFor } from '../support/waitFor';
import { fakeEngine, silentLogger } from './fakeEngine';

describe('engine connection lifecycle', () => {
  test('reports unreachable with the cause, then recovers by itself when the engine comes back', async () => {
    const engine = fakeEngine();
    const states: ConnectionState['kind'][] = [];
    const connection = new EngineConnection({
      resolveEngineAddress: () => ({ url: `unix://${engine.socketPath}`, source: 'DOCKER_HOST' }),
      timeoutMs: () => 2000,
      logger: silentLogger,
      retryDelaysMs: [50, 100],
    });
    connection.onDidChangeState(state => states.push(state.kind));
    try {
      connection.start();
      await waitFor(() => connection.state.kind === 'unreachable', 'unreachable', 3000);
      const state = connection.state;
      assert.match(state.kind === 'unreachable' ? state.error.message : '', /no socket at/);
      await waitFor(
        () => states.filter(kind => kind === 'unreachable').length >= 3,
        'two retries that found the engine still unreachable',
        3000,
      );
      await engine.start();
      await waitFor(() => connection.state.kind === 'connected', 'connected', 3000);
      assert.deepEqual(states.slice(0, 2), ['connecting', 'unreachable']);
      assert.ok(states.length > 3, `retries happened: ${states.join(', ')}`);
      assert.equal(
        states.filter(kind => kind === 'connecting').length,
        1,
        `retries keep the cause visible instead of "Connecting…": ${states.join(', ')}`,
      );
    } finally {
      connection.dispose();
      await engine.stop();
    }
  });

  test('while nothing of ours is visible an unreachable engine is not asked again; showing a view tries at once', async () => {
    const engine = fakeEngine();
    const connection = new EngineConnection({
      resolveEngineAddress: () => ({ url: `unix://${engine.socketPath}`, source: 'DOCKER_HOST' }),
      timeoutMs: () => 2000,
      logger: silentLogger,
      retryDelaysMs: [30],
    });
    let attempts = 0;
    connection.onDidChangeState(state => {
      if (state.kind === 'unreachable' && state.retryInMs === 0) attempts++;
    });
    try {
      connection.setPaused(true);
      connection.start();
      await waitFor(() => connection.state.kind === 'unreachable', 'unreachable', 3000);
      await engine.start();
      // The retry timer fires (30 ms) but, paused, it only marks a retry as due: the engine is not asked.
      const asked = engine.requests.length;
      await waitFor(() => (connection as unknown as { retryDue: boolean }).retryDue, 'a retry due while paused', 3000);
      assert.equal(engine.requests.length, asked, 'no request while paused');
      assert.equal(attempts, 0);
      connection.setPaused(false);
      await waitFor(() => connection.state.kind === 'connected', 'connected as soon as something is visible', 3000);
    } finally {
      connection.dispose();
      await engine.stop();
    }
  });

  test('an engine that stops answering without closing the event stream is noticed by an idle ping', async () => {
    const engine = fakeEngine();
    await engine.start();
    const connection = new EngineConnection({
      resolveEngineAddress: () => ({ url: `unix://${engine.socketPath}`, source: 'DOCKER_HOST' }),
      timeoutMs: () => 300,
      logger: silentLogger,
      retryDelaysMs: [60000],
      idleCheckMs: 200,
    });
    try {
      connection.start();
      await waitFor(
        () => connection.state.kind === 'connected' && engine.eventStreams.length === 1,
        'connected and following events',
        3000,
      );
      engine.freeze();
      await waitFor(() => connection.state.kind === 'unreachable', 'unreachable once a ping gets no answer', 3000);
      const state = connection.state;
      assert.match(state.kind === 'unreachable' ? state.error.message : '', /did not answer "ping" in time/);
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
      timeoutMs: () => 2000,
      logger: silentLogger,
      retryDelaysMs: [50],
    });
    connection.onEngineEvent(event => events.push(event));
    connection.onResync(() => resyncs++);
    try {
      connection.start();
      await waitFor(() => engine.eventStreams.length === 1, 'event subscription', 3000);
      assert.ok(engine.requests.some(r => r.startsWith('GET /v1.41/events?filters=')));
      await waitFor(() => resyncs === 1, 'a resync once the subscription is taken', 3000);
      const event = { Type: 'network', Action: 'create', Actor: { ID: 'abc', Attributes: { name: 'web' } } };
      engine.eventStreams[0].write(JSON.stringify(event) + '\n');
      await waitFor(() => events.length === 1, 'event', 3000);
      assert.deepEqual(events[0], event);

      await engine.stop();
      await waitFor(() => connection.state.kind === 'unreachable', 'unreachable after stop', 5000);
      await engine.start();
      await waitFor(() => connection.state.kind === 'connected' && engine.eventStreams.length === 1, 'reconnected', 5000);
      // Once per subscription the engine has taken: a change made just before it would otherwise go unseen.
      await waitFor(() => resyncs === 2, 'a resync after each subscription', 3000);
    } finally {
      connection.dispose();
      await engine.stop();
    }
  });
});
