import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { container, endpointSettings, network } from '../support/fixtures';
import { buildExplorerModel, describeEndpoint, describeNetwork } from '../../src/model/explorer';
import { naturalCompare } from '../../src/model/naturalSort';

describe('explorer model', () => {
  const web = network('web', { IPAM: { Driver: 'default', Config: [{ Subnet: '10.10.0.0/24', Gateway: '10.10.0.1' }] } });
  const model = buildExplorerModel(
    [network('net-10'), web, network('net-2'), network('bridge')],
    [
      container('api', 'running', { web: endpointSettings(web.Id, '10.10.0.2', 24, { Aliases: ['api-alias', 'apiccccccccc'] }) }),
      container('worker', 'exited', { web: endpointSettings('', '', 0, { IPAMConfig: { IPv4Address: '10.10.0.9' } }) }),
      container('orphan', 'created', { 'deleted-net': endpointSettings('gone-id') }),
    ],
  );

  test('networks are sorted in natural order, as the docker CLI does', () => {
    assert.deepEqual(
      model.networks.map(n => n.name),
      ['bridge', 'net-2', 'net-10', 'web'],
    );
    assert.ok(naturalCompare('net-2', 'net-10') < 0);
  });

  test('built-in networks are marked', () => {
    assert.deepEqual(
      model.networks.filter(n => n.builtIn).map(n => n.name),
      ['bridge'],
    );
  });

  test('running endpoints show their address with prefix, aliases (without the short ID) and MAC', () => {
    const api = model.networks.find(n => n.name === 'web')!.endpoints.find(e => e.containerName === 'api')!;
    assert.equal(api.ipv4, '10.10.0.2/24');
    assert.equal(api.macAddress, '02:42:0a:00:00:02');
    assert.deepEqual(api.aliases, ['api-alias']);
    assert.equal(describeEndpoint(api), '10.10.0.2/24 · alias api-alias · 02:42:0a:00:00:02');
  });

  test('stopped containers stay on the networks they are configured on, with their configured address', () => {
    const worker = model.networks.find(n => n.name === 'web')!.endpoints.find(e => e.containerName === 'worker')!;
    assert.equal(worker.running, false);
    assert.equal(worker.ipv4, '10.10.0.9');
    assert.equal(describeEndpoint(worker), '10.10.0.9 · exited');
  });

  test("a network's description counts its endpoints and names its subnets", () => {
    assert.equal(describeNetwork(model.networks.find(n => n.name === 'web')!), 'bridge · 10.10.0.0/24 · 2 endpoints');
    assert.equal(describeNetwork(model.networks.find(n => n.name === 'net-2')!), 'bridge · 0 endpoints');
  });

  test('a container naming a network that no longer exists is flagged', () => {
    const orphan = model.containers.find(c => c.name === 'orphan')!;
    assert.deepEqual(
      orphan.networks.map(n => [n.networkName, n.networkExists]),
      [['deleted-net', false]],
    );
  });
});
