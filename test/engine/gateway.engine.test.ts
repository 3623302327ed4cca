import { strict as assert } from 'node:assert';
import { after, describe, test } from 'node:test';
import { EngineError } from '../../src/engine/errors';
import { cleanUp, openGateway, rawDocker, testLabels, uniqueName } from './engineFixture';

describe('gateway against the real engine', () => {
  after(cleanUp);

  test('negotiates the engine\'s API version and reports what it honours', async () => {
    const gateway = await openGateway();
    const version = await rawDocker().version();
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
    const docker = rawDocker();
    const name = uniqueName('filtered');
    await docker.createNetwork({ Name: name, Labels: { ...testLabels, 'dn.filter': 'yes' } });
    const gateway = await openGateway();
    const found = await gateway.listNetworks({ label: ['dn.filter=yes'] });
    assert.deepEqual(found.map(n => n.Name), [name]);
    gateway.dispose();
  });

  test('an engine refusal keeps the engine\'s own message and status (missing network: 404)', async () => {
    const gateway = await openGateway();
    await assert.rejects(gateway.inspectNetwork('dnt-no-such-network'), (err: EngineError) =>
      err.kind === 'refused' && err.statusCode === 404 && /network dnt-no-such-network not found/.test(err.engineMessage ?? '')
      && err.message.startsWith('Docker Engine refused to inspect network "dnt-no-such-network": '));
    gateway.dispose();
  });

  test('follows network events from the engine', async () => {
    const gateway = await openGateway();
    const controller = new AbortController();
    const seen: string[] = [];
    const name = uniqueName('evented');
    const streaming = gateway.streamEvents({ type: ['network'] }, event => {
      if (event.Actor.Attributes?.name === name) seen.push(event.Action);
      if (seen.includes('destroy')) controller.abort();
    }, controller.signal);
    await new Promise(resolve => setTimeout(resolve, 200));
    const network = await rawDocker().createNetwork({ Name: name, Labels: testLabels });
    await network.remove();
    const timer = setTimeout(() => controller.abort(), 10000);
    await streaming;
    clearTimeout(timer);
    assert.deepEqual(seen, ['create', 'destroy']);
    gateway.dispose();
  });
});
