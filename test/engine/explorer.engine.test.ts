import { strict as assert } from 'node:assert';
import { after, describe, test } from 'node:test';
import { EngineConnection } from '../../src/engine/engineConnection';
import { ExplorerStore } from '../../src/engine/explorerStore';
import {
  cleanUpEngine,
  engineDocker,
  runContainer,
  silentLogger,
  testEngineAddress,
  testLabels,
  uniqueName,
} from '../support/engineFixture';
import { waitFor } from '../support/waitFor';

describe('explorer data from the real engine', () => {
  after(cleanUpEngine);

  test('shows running and stopped endpoints with their addresses, live from events', async () => {
    const connection = new EngineConnection({ resolveEngineAddress: testEngineAddress, timeoutMs: () => 15000, logger: silentLogger });
    const store = new ExplorerStore(connection, silentLogger);
    connection.start();
    try {
      await waitFor(() => store.snapshot.kind === 'ready' || undefined, 'first snapshot');
      const networkName = uniqueName('explorer');
      await engineDocker().createNetwork({
        Name: networkName,
        Labels: testLabels,
        IPAM: { Config: [{ Subnet: '10.216.1.0/24', Gateway: '10.216.1.1' }] },
      });
      const running = uniqueName('running');
      const stopped = uniqueName('stopped');
      await runContainer(running, networkName, { ip: '10.216.1.10', aliases: ['db'] });
      await runContainer(stopped, networkName, { ip: '10.216.1.11', start: false });

      const network = await waitFor(() => {
        const snapshot = store.snapshot;
        const found = snapshot.kind === 'ready' ? snapshot.model.networks.find(n => n.name === networkName) : undefined;
        return found && found.endpoints.length === 2 && found.endpoints.some(e => e.aliases.length) ? found : undefined;
      }, 'the network with two endpoints and the alias (from events, no manual refresh)');

      const byName = new Map(network.endpoints.map(e => [e.containerName, e]));
      assert.equal(byName.get(running)?.ipv4, '10.216.1.10/24');
      assert.equal(byName.get(running)?.running, true);
      assert.deepEqual(byName.get(running)?.aliases, ['db'], 'aliases come from container inspect, cached per container');
      assert.equal(byName.get(stopped)?.ipv4, '10.216.1.11', 'a stopped container shows its configured address');
      assert.equal(byName.get(stopped)?.running, false);
      assert.deepEqual(network.subnets, ['10.216.1.0/24']);

      const inspected = await engineDocker().getNetwork(networkName).inspect();
      assert.equal(Object.keys(inspected.Containers ?? {}).length, 1, "the engine's inspect only lists the running one");
    } finally {
      store.dispose();
      connection.dispose();
    }
  });

  test('a connect made outside shows at once from one container inspect, without waiting for the full reload', async () => {
    const connection = new EngineConnection({ resolveEngineAddress: testEngineAddress, timeoutMs: () => 15000, logger: silentLogger });
    const store = new ExplorerStore(connection, silentLogger, 60000); // a full reload would come only after a minute
    connection.start();
    try {
      const networkName = uniqueName('patched');
      await engineDocker().createNetwork({ Name: networkName, Labels: testLabels });
      const container = uniqueName('joiner');
      await runContainer(container, 'bridge');
      await waitFor(() => store.snapshot.kind === 'ready' || undefined, 'first snapshot');
      await store.reload();
      const loadsBefore = store.loadCount;
      await engineDocker()
        .getNetwork(networkName)
        .connect({ Container: container, EndpointConfig: { Aliases: ['late'] } });
      const endpoint = await waitFor(
        () => {
          const snapshot = store.snapshot;
          const network = snapshot.kind === 'ready' ? snapshot.model.networks.find(n => n.name === networkName) : undefined;
          return network?.endpoints.find(e => e.containerName === container);
        },
        'the endpoint from the connect event',
        3000,
      );
      assert.deepEqual(endpoint.aliases, ['late']);
      assert.equal(store.loadCount, loadsBefore, 'no full reload was needed');
    } finally {
      store.dispose();
      connection.dispose();
    }
  });

  test('a refresh costs two engine calls however many networks exist', async () => {
    const calls: string[] = [];
    const countingLogger = { ...silentLogger, debug: (line: string) => calls.push(line) };
    const counted = new EngineConnection({ resolveEngineAddress: testEngineAddress, timeoutMs: () => 15000, logger: countingLogger });
    const store = new ExplorerStore(counted, silentLogger);
    counted.start();
    try {
      const names: string[] = [];
      for (let i = 0; i < 5; i++) {
        names.push(uniqueName('count'));
        await engineDocker().createNetwork({ Name: names[i], Labels: testLabels });
      }
      // Each create event is applied with one network inspect: let those land before counting a refresh.
      await waitFor(() => names.every(name => store.model?.networks.some(n => n.name === name)), 'the five networks from their events');
      await store.reload();
      calls.length = 0;
      await store.reload();
      const requests = calls.filter(line => /^GET \/v[\d.]+\/(networks|containers)/.test(line));
      assert.equal(requests.length, 2, `an unchanged engine costs two calls:\n${requests.join('\n')}`);
    } finally {
      store.dispose();
      counted.dispose();
    }
  });
});
