import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { ContainerSummary, Network } from '../../src/model/engineTypes';
import { buildExplorerModel, describeEndpoint, describeNetwork } from '../../src/model/explorer';
import { naturalCompare } from '../../src/model/naturalSort';

function network(name: string, overrides: Partial<Network> = {}): Network {
  return {
    Name: name, Id: `${name}-id`.padEnd(64, '0'), Created: '2026-11-29T02:24:48.63Z', Scope: 'local', Driver: 'bridge', EnableIPv6: false,
    IPAM: { Driver: 'default', Config: [] }, Internal: false, Attachable: false, Ingress: false, ConfigOnly: false, Containers: {}, Labels: {}, Options: {},
    ...overrides,
  };
}

function container(name: string, state: string, networks: ContainerSummary['NetworkSettings']): ContainerSummary {
  return { Id: `${name}`.padEnd(64, 'c'), Names: [`/${name}`], Image: 'busybox', Created: 0, State: state, Status: state, NetworkSettings: networks };
}

const endpointSettings = (networkId: string, ip = '', prefix = 0, extra = {}) => ({
  NetworkID: networkId, EndpointID: ip ? 'ep' : '', Gateway: '', IPAddress: ip, IPPrefixLen: prefix, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, MacAddress: ip ? '02:42:0a:00:00:02' : '', ...extra,
});

describe('explorer model', () => {
  const web = network('web', { IPAM: { Driver: 'default', Config: [{ Subnet: '10.10.0.0/24', Gateway: '10.10.0.1' }] } });
  const model = buildExplorerModel([network('net-10'), web, network('net-2'), network('bridge')], [
    container('api', 'running', { Networks: { web: endpointSettings(web.Id, '10.10.0.2', 24, { Aliases: ['api-alias', 'apiccccccccc'] }) } }),
    container('worker', 'exited', { Networks: { web: endpointSettings('', '', 0, { IPAMConfig: { IPv4Address: '10.10.0.9' } }) } }),
    container('orphan', 'created', { Networks: { 'deleted-net': endpointSettings('gone-id') } }),
  ]);

  test('networks are sorted in natural order, as the docker CLI does', () => {
    assert.deepEqual(model.networks.map(n => n.name), ['bridge', 'net-2', 'net-10', 'web']);
    assert.ok(naturalCompare('net-2', 'net-10') < 0);
  });

  test('built-in networks are marked', () => {
    assert.deepEqual(model.networks.filter(n => n.builtIn).map(n => n.name), ['bridge']);
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

  test('a network\'s description counts its endpoints and names its subnets', () => {
    assert.equal(describeNetwork(model.networks.find(n => n.name === 'web')!), 'bridge · 10.10.0.0/24 · 2 endpoints');
    assert.equal(describeNetwork(model.networks.find(n => n.name === 'net-2')!), 'bridge · 0 endpoints');
  });

  test('a container naming a network that no longer exists is flagged', () => {
    const orphan = model.containers.find(c => c.name === 'orphan')!;
    assert.deepEqual(orphan.networks.map(n => [n.networkName, n.networkExists]), [['deleted-net', false]]);
  });
});
