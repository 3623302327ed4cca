import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import {
  describePluginDriver,
  isPluginDriver,
  managedPluginDrivers,
  offeredNetworkDrivers,
  pluginIpamDrivers,
  pluginNetworkDrivers,
} from '../../src/model/pluginDrivers';
import { network } from '../support/fixtures';

// /info Plugins.Network of Engine 20.10 once the legacy plugin "weave" has been used (measured).
const engineDrivers = ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay', 'weave'];
const networks = [
  network('bridge'),
  network('none', { Driver: 'null', IPAM: { Driver: 'null', Config: [] } }),
  network('w1', { Driver: 'weave', IPAM: { Driver: 'weave-ipam', Config: [{ Subnet: '10.32.0.0/24' }] } }),
  network('w2', { Driver: 'weave', Scope: 'global' }),
  network('c1', { Driver: 'calico', Scope: 'global', IPAM: { Driver: 'calico-ipam', Config: [] } }),
];

describe('plugin drivers', () => {
  test('every driver not built into the engine is a plugin driver', () => {
    assert.deepEqual(['bridge', 'host', 'null', 'overlay', 'macvlan', 'ipvlan', 'weave', 'vieux/net:latest'].map(isPluginDriver), [
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  test("plugin network drivers are the engine's plus those networks use, with the scopes of those networks", () => {
    assert.deepEqual(pluginNetworkDrivers(engineDrivers, networks), [
      { name: 'calico', scopes: ['global'], networks: 1 },
      { name: 'weave', scopes: ['global', 'local'], networks: 2 },
    ]);
  });

  test('a plugin the engine reports but no network uses yet is offered without a scope', () => {
    assert.deepEqual(pluginNetworkDrivers(['bridge', 'fresh'], []), [{ name: 'fresh', scopes: [], networks: 0 }]);
  });

  test('the wizard offers the creatable built-in drivers first, then every plugin driver once', () => {
    assert.deepEqual(offeredNetworkDrivers(engineDrivers, networks), ['bridge', 'macvlan', 'ipvlan', 'overlay', 'weave', 'calico']);
  });

  test("IPAM plugins come from networks and managed plugins, never Docker's own default and null", () => {
    assert.deepEqual(
      pluginIpamDrivers(networks, ['infoblox', 'default']).map(d => d.name),
      ['calico-ipam', 'infoblox', 'weave-ipam'],
    );
  });

  test('managed plugins are sorted into network and IPAM drivers by their interface types; disabled ones are left out', () => {
    const plugins = [
      { Name: 'vieux/net:latest', Enabled: true, Config: { Interface: { Types: ['docker.networkdriver/1.0'] } } },
      { Name: 'infoblox:latest', Enabled: true, Config: { Interface: { Types: ['docker.ipamdriver/1.0'] } } },
      { Name: 'off:latest', Enabled: false, Config: { Interface: { Types: ['docker.networkdriver/1.0'] } } },
      { Name: 'vieux/sshfs:latest', Enabled: true, Config: { Interface: { Types: ['docker.volumedriver/1.0'] } } },
    ];
    assert.deepEqual(managedPluginDrivers(plugins), { network: ['vieux/net:latest'], ipam: ['infoblox:latest'] });
  });

  test('a plugin driver is described with its scope and how many networks use it', () => {
    assert.equal(
      describePluginDriver({ name: 'weave', scopes: ['global', 'local'], networks: 2 }),
      'network plugin · scope global, local (2 networks)',
    );
    assert.equal(describePluginDriver({ name: 'x', scopes: ['local'], networks: 1 }, 'IPAM'), 'IPAM plugin · scope local (1 network)');
    assert.equal(describePluginDriver(undefined), 'network plugin · no network uses it yet');
  });
});
