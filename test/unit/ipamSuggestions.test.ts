import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { IPv4CidrRange } from 'ip-num';
import type { Network, NetworkEndpoint } from '../../src/model/engineTypes';
import type { AddressFamily } from '../../src/model/ipam/addresses';
import type { IpamIssue } from '../../src/model/ipam/issues';
import {
  AddressPool,
  AddressUse,
  AddressUsers,
  DEFAULT_ADDRESS_POOLS,
  DEFAULT_GLOBAL_ADDRESS_POOLS,
  defaultGateway,
  suggestFreeAddress,
  suggestFreeSubnet,
  takenSubnets,
  validateEndpointAddress,
} from '../../src/model/ipam/suggestions';
import { network as fixtureNetwork } from '../support/fixtures';

function network(name: string, config: NonNullable<Network['IPAM']['Config']>, overrides: Partial<Network> = {}): Network {
  return fixtureNetwork(name, { IPAM: { Driver: 'default', Config: config }, ...overrides });
}

function endpoint(name: string, ipv4: string, ipv6 = ''): NetworkEndpoint {
  return { Name: name, EndpointID: `${name}-ep`, MacAddress: '02:42:0a:01:00:05', IPv4Address: ipv4, IPv6Address: ipv6 };
}

/** `count` consecutive blocks from `first`, stepped by ip-num. */
function consecutive(first: string, count: number): string[] {
  const blocks: string[] = [];
  for (let range: IPv4CidrRange | undefined = IPv4CidrRange.fromCidr(first); range && blocks.length < count; range = range.nextRange()) {
    blocks.push(range.toCidrString());
  }
  return blocks;
}

describe("ipam suggestions: Docker's default address pools", () => {
  test("match moby's localScopeDefaultNetworks and globalScopeDefaultNetworks", () => {
    assert.deepEqual(DEFAULT_ADDRESS_POOLS, [
      { base: '172.17.0.0/16', size: 16 },
      { base: '172.18.0.0/16', size: 16 },
      { base: '172.19.0.0/16', size: 16 },
      { base: '172.20.0.0/14', size: 16 },
      { base: '172.24.0.0/14', size: 16 },
      { base: '172.28.0.0/14', size: 16 },
      { base: '192.168.0.0/16', size: 20 },
    ]);
    assert.deepEqual(DEFAULT_GLOBAL_ADDRESS_POOLS, [{ base: '10.0.0.0/8', size: 24 }]);
  });

  test("the taken list comes from every network's subnets, config-only networks excepted", () => {
    const networks = [
      network('web', [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }, { Subnet: 'fd00:1::/64' }]),
      network('template', [{ Subnet: '10.5.0.0/16' }], { ConfigOnly: true }),
      network('none', []),
      network('odd', [{ Subnet: 'garbage' }, {}]),
    ];
    assert.deepEqual(takenSubnets(networks), ['172.18.0.0/16', 'fd00:1::/64']);
  });
});

describe('ipam suggestions: a free subnet', () => {
  const cases: [string, readonly AddressPool[], string[], number | undefined, string | undefined][] = [
    ["nothing taken: the first pool's first block", DEFAULT_ADDRESS_POOLS, [], undefined, '172.17.0.0/16'],
    ['docker0 holds 172.17.0.0/16', DEFAULT_ADDRESS_POOLS, ['172.17.0.0/16'], undefined, '172.18.0.0/16'],
    ['a taken address with host bits counts as its block', DEFAULT_ADDRESS_POOLS, ['172.17.0.1/16'], undefined, '172.18.0.0/16'],
    ['a small taken subnet spoils its whole block', DEFAULT_ADDRESS_POOLS, ['172.17.5.0/24'], undefined, '172.18.0.0/16'],
    [
      'the next pool when one is full',
      DEFAULT_ADDRESS_POOLS,
      ['172.17.0.0/16', '172.18.0.0/16', '172.19.0.0/16'],
      undefined,
      '172.20.0.0/16',
    ],
    ['a taken supernet skips every block it covers', DEFAULT_ADDRESS_POOLS, ['172.16.0.0/12'], undefined, '192.168.0.0/20'],
    ['a prefix override carves smaller blocks', DEFAULT_ADDRESS_POOLS, ['172.17.0.0/24'], 24, '172.17.1.0/24'],
    ['a prefix override larger than every pool fits none', DEFAULT_ADDRESS_POOLS, [], 12, undefined],
    ["a prefix override past the family's length fits none", DEFAULT_ADDRESS_POOLS, [], 33, undefined],
    ['a half-taken block is skipped', [{ base: '10.0.0.0/16', size: 24 }], ['10.0.0.128/25'], undefined, '10.0.1.0/24'],
    [
      'a taken block larger than the size is jumped',
      [{ base: '10.0.0.0/16', size: 24 }],
      ['10.0.0.0/23', '10.0.2.0/24'],
      undefined,
      '10.0.3.0/24',
    ],
    ['taken subnets of the other family are ignored', DEFAULT_ADDRESS_POOLS, ['::/0'], undefined, '172.17.0.0/16'],
    ['unparsable taken entries are ignored', DEFAULT_ADDRESS_POOLS, ['garbage', ''], undefined, '172.17.0.0/16'],
    [
      'an unparsable pool is skipped',
      [
        { base: 'nope', size: 24 },
        { base: '10.9.0.0/16', size: 24 },
      ],
      [],
      undefined,
      '10.9.0.0/24',
    ],
    [
      'an IPv6 pool',
      [{ base: 'fd00:dead:beef::/48', size: 64 }],
      ['fd00:dead:beef::/64', 'fd00:dead:beef:1::/64'],
      undefined,
      'fd00:dead:beef:2::/64',
    ],
    [
      'an IPv6 pool with a taken /56',
      [{ base: 'fd00:dead:beef::/48', size: 64 }],
      ['fd00:dead:beef::/56'],
      undefined,
      'fd00:dead:beef:100::/64',
    ],
    ['an exhausted pool', [{ base: '192.168.0.0/16', size: 20 }], consecutive('192.168.0.0/20', 16), undefined, undefined],
    ['a pool covered by one taken network', [{ base: '192.168.0.0/16', size: 20 }], ['192.168.0.0/16'], undefined, undefined],
    [
      'a pool at the very end of the address space',
      [{ base: '255.255.255.0/24', size: 25 }],
      ['255.255.255.0/25', '255.255.255.128/25'],
      undefined,
      undefined,
    ],
    [
      'the last block at the end of the address space',
      [{ base: '255.255.255.0/24', size: 25 }],
      ['255.255.255.0/25'],
      undefined,
      '255.255.255.128/25',
    ],
  ];
  for (const [name, pools, taken, prefix, expected] of cases) {
    test(name, () => assert.equal(suggestFreeSubnet(pools, taken, prefix), expected));
  }

  test('300 taken subnets are stepped past quickly', () => {
    const taken = consecutive('10.0.0.0/24', 300);
    const started = performance.now();
    assert.equal(suggestFreeSubnet([{ base: '10.0.0.0/8', size: 24 }], taken), '10.1.44.0/24');
    assert.equal(suggestFreeSubnet(DEFAULT_ADDRESS_POOLS, consecutive('172.17.0.0/24', 300)), '172.19.0.0/16');
    assert.equal(suggestFreeSubnet([{ base: '10.0.0.0/8', size: 28 }], [...taken].reverse()), '10.1.44.0/28');
    assert.ok(performance.now() - started < 2000, `took ${performance.now() - started} ms`);
  });

  test('a pool exhausted by 300 taken subnets answers quickly', () => {
    const taken = consecutive('10.0.0.0/24', 300);
    const started = performance.now();
    assert.equal(suggestFreeSubnet([{ base: '10.0.0.0/16', size: 24 }], taken), undefined);
    assert.ok(performance.now() - started < 2000, `took ${performance.now() - started} ms`);
  });
});

describe('ipam suggestions: the gateway', () => {
  const cases: [string, string | undefined][] = [
    ['10.1.0.0/16', '10.1.0.1'],
    ['10.1.2.3/24', '10.1.2.1'],
    ['10.0.0.0/31', '10.0.0.0'],
    ['2001:db8::/64', '2001:db8::1'],
    ['fd00:dead:beef::/48', 'fd00:dead:beef::1'],
    ['2001:db8::/128', undefined],
    ['garbage', undefined],
  ];
  for (const [subnet, expected] of cases) {
    test(`${subnet} → ${expected}`, () => assert.equal(defaultGateway(subnet), expected));
  }
});

describe('ipam suggestions: a free address to connect with', () => {
  const cases: [string, string, AddressUse, string | undefined][] = [
    ['the first host of an empty subnet', '10.1.0.0/24', {}, '10.1.0.1'],
    ['past the gateway', '10.1.0.0/24', { gateway: '10.1.0.1' }, '10.1.0.2'],
    ['past addresses in use, in either form', '10.1.0.0/24', { gateway: '10.1.0.1', inUse: ['10.1.0.2/24', '10.1.0.3'] }, '10.1.0.4'],
    ['past aux addresses', '10.1.0.0/24', { gateway: '10.1.0.1', auxAddresses: { router: '10.1.0.2' } }, '10.1.0.3'],
    ['inside the IP range', '10.1.0.0/24', { gateway: '10.1.0.1', ipRange: '10.1.0.128/25' }, '10.1.0.128'],
    ["a range at the subnet's start skips the network address", '10.1.0.0/24', { ipRange: '10.1.0.0/25' }, '10.1.0.1'],
    ['a range outside the subnet is ignored', '10.1.0.0/24', { ipRange: '10.9.0.0/25' }, '10.1.0.1'],
    ['a full range', '10.1.0.0/24', { ipRange: '10.1.0.252/30', inUse: ['10.1.0.252', '10.1.0.253', '10.1.0.254'] }, undefined],
    ['a full subnet', '10.1.0.0/30', { gateway: '10.1.0.1', inUse: ['10.1.0.2'] }, undefined],
    [
      'IPv6 past the anycast address, gateway and used ones',
      '2001:db8::/64',
      { gateway: '2001:db8::1', inUse: ['2001:db8:0:0::2/64'] },
      '2001:db8::3',
    ],
    ['IPv6 inside the range', 'fd00:dead:beef::/48', { ipRange: 'fd00:dead:beef:1::/64' }, 'fd00:dead:beef:1::'],
    ['in-use entries of the other family are ignored', '10.1.0.0/24', { inUse: ['::a01:1'] }, '10.1.0.1'],
    ['an invalid subnet', '10.1.0.0', {}, undefined],
  ];
  for (const [name, subnet, use, expected] of cases) {
    test(name, () => assert.equal(suggestFreeAddress(subnet, use), expected));
  }

  test('a crowded /16 answers quickly', () => {
    const inUse: string[] = [];
    for (const range of IPv4CidrRange.fromCidr('10.1.0.0/17').take(32768n)) inUse.push(range.toString());
    const started = performance.now();
    assert.equal(suggestFreeAddress('10.1.0.0/16', { inUse }), '10.1.128.0');
    assert.ok(performance.now() - started < 3000, `took ${performance.now() - started} ms`);
  });
});

describe('ipam suggestions: a fixed address for network connect', () => {
  const web = network(
    'web',
    [
      { Subnet: '10.1.0.0/24', Gateway: '10.1.0.1', IPRange: '10.1.0.128/25', AuxiliaryAddresses: { router: '10.1.0.2' } },
      { Subnet: '2001:db8::/64', Gateway: '2001:db8::1' },
    ],
    { EnableIPv6: true, Containers: { ep1: endpoint('api', '10.1.0.5/24', '2001:db8::5/64'), ep2: endpoint('cache', '10.1.0.128/24') } },
  );
  const plain = network('plain', []);
  const v4only = network('v4only', [{ Subnet: '10.7.0.0/24', Gateway: '10.7.0.1' }]);
  const bridge = network('bridge', [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }]);
  const err = (field: string, message: string, suggestion?: string): IpamIssue =>
    suggestion === undefined ? { severity: 'error', field, message } : { severity: 'error', field, message, suggestion };

  const cases: [string, string, AddressFamily, Network, AddressUsers, IpamIssue[]][] = [
    ['no address asked for', '', 'ipv4', web, [], []],
    ['a free IPv4 address', '10.1.0.10', 'ipv4', web, [], []],
    ['a free address outside the dynamic range', '10.1.0.100', 'ipv4', web, [], []],
    ['a free IPv6 address', '2001:db8::10', 'ipv6', web, [], []],
    ['a free IPv6 address written long-hand', '2001:0db8:0:0:0:0:0:10', 'ipv6', web, [], []],
    [
      'an unparsable address',
      '10.1.0.x',
      'ipv4',
      web,
      [],
      [err('ipv4Address', '"10.1.0.x" is not a valid IPv4 address: "10.1.0.x" is not an IPv4 or IPv6 address.')],
    ],
    [
      'an IPv6 address given to --ip',
      '2001:db8::10',
      'ipv4',
      web,
      [],
      [err('ipv4Address', '2001:db8::10 is an IPv6 address, but an IPv4 one is asked for here (use --ip6 for IPv6).')],
    ],
    [
      'an IPv4 address given to --ip6',
      '10.1.0.10',
      'ipv6',
      web,
      [],
      [err('ipv6Address', '10.1.0.10 is an IPv4 address, but an IPv6 one is asked for here (use --ip for IPv4).')],
    ],
    [
      'a predefined network',
      '172.17.0.9',
      'ipv4',
      bridge,
      [],
      [
        err(
          'ipv4Address',
          'A fixed address is not possible on the default "bridge" network: the engine refuses ("user specified IP address is supported on user defined networks only"). Use a user-defined network.',
        ),
      ],
    ],
    [
      'the host network',
      '10.1.0.10',
      'ipv4',
      network('host', [], { Driver: 'host' }),
      [],
      [
        err(
          'ipv4Address',
          '"host" is the host network: the engine never connects running containers to it ("container cannot be disconnected from host network or connected to host network"). Start the container with --network host instead.',
        ),
      ],
    ],
    [
      'a network without subnets',
      '10.1.0.10',
      'ipv4',
      plain,
      [],
      [
        err(
          'ipv4Address',
          '"plain" has no configured subnet, so a fixed address cannot be given ("user specified IP address is supported only when connecting to networks with user configured subnets").',
        ),
      ],
    ],
    [
      'IPv6 on a network without IPv6',
      '2001:db8::10',
      'ipv6',
      v4only,
      [],
      [err('ipv6Address', '"v4only" has no IPv6 subnet (IPv6 is not enabled on it), so no IPv6 address can be given.')],
    ],
    [
      'an address outside every subnet',
      '10.2.0.5',
      'ipv4',
      web,
      [],
      [err('ipv4Address', '10.2.0.5 does not belong to any of network "web"\'s subnets (10.1.0.0/24).', '10.1.0.129')],
    ],
    [
      'an IPv6 address outside every subnet',
      'fd00::5',
      'ipv6',
      web,
      [],
      [err('ipv6Address', 'fd00::5 does not belong to any of network "web"\'s subnets (2001:db8::/64).', '2001:db8::2')],
    ],
    [
      'the network address',
      '10.1.0.0',
      'ipv4',
      web,
      [],
      [err('ipv4Address', '10.1.0.0 is the network address of 10.1.0.0/24: Docker never gives it to a container.', '10.1.0.129')],
    ],
    [
      'the broadcast address',
      '10.1.0.255',
      'ipv4',
      web,
      [],
      [err('ipv4Address', '10.1.0.255 is the broadcast address of 10.1.0.0/24: Docker never gives it to a container.', '10.1.0.129')],
    ],
    [
      'the subnet-router anycast address',
      '2001:db8::',
      'ipv6',
      web,
      [],
      [
        err(
          'ipv6Address',
          '2001:db8:: is the subnet-router anycast address of 2001:db8::/64 (its first address, which Docker never hands out): Docker never gives it to a container.',
          '2001:db8::2',
        ),
      ],
    ],
    ['the gateway', '10.1.0.1', 'ipv4', web, [], [err('ipv4Address', '10.1.0.1 is the gateway of network "web".', '10.1.0.129')]],
    [
      'the IPv6 gateway',
      '2001:db8::1',
      'ipv6',
      web,
      [],
      [err('ipv6Address', '2001:db8::1 is the gateway of network "web".', '2001:db8::2')],
    ],
    [
      'an aux address',
      '10.1.0.2',
      'ipv4',
      web,
      [],
      [err('ipv4Address', '10.1.0.2 is reserved as auxiliary address "router" of network "web".', '10.1.0.129')],
    ],
    [
      'an address a connected container holds',
      '10.1.0.5',
      'ipv4',
      web,
      [],
      [err('ipv4Address', '10.1.0.5 is already used by container "api".', '10.1.0.129')],
    ],
    [
      'an IPv6 address a connected container holds',
      '2001:db8::5',
      'ipv6',
      web,
      [],
      [err('ipv6Address', '2001:db8::5 is already used by container "api".', '2001:db8::2')],
    ],
    [
      'an address a stopped container is configured with, by name',
      '10.1.0.9',
      'ipv4',
      web,
      { '10.1.0.9': 'worker' },
      [err('ipv4Address', '10.1.0.9 is already used by container "worker".', '10.1.0.129')],
    ],
    [
      'an address in use, without a name',
      '10.1.0.9',
      'ipv4',
      web,
      ['10.1.0.9'],
      [err('ipv4Address', '10.1.0.9 is already in use on network "web".', '10.1.0.129')],
    ],
  ];
  for (const [name, address, family, net, inUse, expected] of cases) {
    test(name, () => assert.deepEqual(validateEndpointAddress(address, family, net, inUse), expected));
  }
});
