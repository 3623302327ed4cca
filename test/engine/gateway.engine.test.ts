import { strict as assert } from 'node:assert';
import { after, describe, test } from 'node:test';
import { EngineError } from '../../src/engine/errors';
import { cleanUpEngine, openGateway, engineDocker, testLabels, uniqueName } from '../support/engineFixture';
import { waitFor } from '../support/waitFor';

describe('gateway against the real engine', () => {
  after(cleanUpEngine);

  test("negotiates the engine's API version and reports what it honours", async () => {
    const gateway = await openGateway();
    const version = await engineDocker().version();
    assert.equal(gateway.engine.apiVersion, version.ApiVersion);
    assert.equal(gateway.capabilities.connectMacAddress, Number(version.ApiVersion.split('.')[1]) >= 44);
    gateway.dispose();
  });

  test('lists the built-in networks bridge, host and none', async () => {
    const gateway = await openGateway();
    const names = (await gateway.listNetworks()).map(n => n.Name);
    for (const name of ['bridge', 'host', 'none']) assert.ok(names.includes(name), `${name} missing from ${names.join(', ')}`);
    gateway.dispose();
  });

  test('passes filters to the engine (label)', async () => {
    const docker = engineDocker();
    const name = uniqueName('filtered');
    await docker.createNetwork({ Name: name, Labels: { ...testLabels, 'dn.filter': 'yes' } });
    const gateway = await openGateway();
    const found = await gateway.listNetworks({ label: ['dn.filter=yes'] });
    assert.deepEqual(
      found.map(n => n.Name),
      [name],
    );
    gateway.dispose();
  });

  test("an engine refusal keeps the engine's own message and status (missing network: 404)", async () => {
    const gateway = await openGateway();
    await assert.rejects(
      gateway.inspectNetwork('dnt-no-such-network'),
      (err: EngineError) =>
        err.kind === 'refused' &&
        err.statusCode === 404 &&
        /network dnt-no-such-network not found/.test(err.engineMessage ?? '') &&
        err.message.startsWith('Docker Engine refused to inspect network "dnt-no-such-network": '),
    );
    gateway.dispose();
  });

  test('follows network events from the engine', async () => {
    const gateway = await openGateway();
    const controller = new AbortController();
    const seen: string[] = [];
    const name = uniqueName('evented');
    const markers = new Set<string>();
    let subscribed = false;
    const streaming = gateway.streamEvents(
      { type: ['network'] },
      event => {
        if (markers.has(event.Actor.Attributes?.name ?? '')) subscribed = true;
        if (event.Actor.Attributes?.name === name) seen.push(event.Action);
      },
      controller.signal,
    );
    try {
      // The engine reports only what happens after it took the subscription, and streamEvents does not say when that
      // is: create marker networks until one of them is reported.
      await waitFor(
        async () => {
          const marker = uniqueName('marker');
          markers.add(marker);
          await (await engineDocker().createNetwork({ Name: marker, Labels: testLabels })).remove();
          return subscribed;
        },
        'the event stream to report a marker network',
        10000,
      );
      const network = await engineDocker().createNetwork({ Name: name, Labels: testLabels });
      await network.remove();
      await waitFor(() => seen.includes('destroy'), `the destroy event of ${name}`, 10000);
    } finally {
      controller.abort();
      await streaming;
      gateway.dispose();
    }
    assert.deepEqual(seen, ['create', 'destroy']);
  });
});
