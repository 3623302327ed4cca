import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { Network } from '../../src/model/engineTypes';
import { hasErrors, IpamIssue } from '../../src/model/ipam/issues';
import {
  IpamRequest,
  IpamSubnetRequest,
  checkAgainstExisting,
  checkAgainstHostAddresses,
  validateIpamRequest,
} from '../../src/model/ipam/validation';
import { network as fixtureNetwork } from '../support/fixtures';

function network(name: string, subnets: string[], overrides: Partial<Network> = {}): Network {
  return fixtureNetwork(name, { IPAM: { Driver: 'default', Config: subnets.map(Subnet => ({ Subnet })) }, ...overrides });
}

const err = (field: string, message: string, suggestion?: string): IpamIssue =>
  suggestion === undefined ? { severity: 'error', field, message } : { severity: 'error', field, message, suggestion };
const warn = (field: string, message: string): IpamIssue => ({ severity: 'warning', field, message });

function one(entry: IpamSubnetRequest): IpamRequest {
  return { subnets: [entry] };
}

describe('ipam validation: well-formed requests pass', () => {
  const cases: [string, IpamRequest][] = [
    ['no subnets at all (Docker picks one)', { subnets: [] }],
    ['an IPv4 subnet alone', one({ subnet: '172.30.0.0/16' })],
    [
      'IPv4 with gateway, range and aux address',
      one({ subnet: '10.1.0.0/16', gateway: '10.1.0.1', ipRange: '10.1.5.0/24', auxAddresses: { router: '10.1.0.2' } }),
    ],
    [
      'IPv6 with gateway, range and aux address',
      one({ subnet: '2001:db8::/64', gateway: '2001:db8::1', ipRange: '2001:db8::/80', auxAddresses: { router: '2001:db8::2' } }),
    ],
    ['a ULA /48', one({ subnet: 'fd00:dead:beef::/48', gateway: 'fd00:dead:beef::1' })],
    ['dual stack', { subnets: [{ subnet: '10.1.0.0/16', gateway: '10.1.0.1' }, { subnet: 'fd00:dead:beef::/48' }] }],
    ['a range equal to its subnet', one({ subnet: '10.1.0.0/24', ipRange: '10.1.0.0/24' })],
    ['the lower half of an IPv6 /64 as its range', one({ subnet: '2001:db8::/64', ipRange: '2001:db8::/65' })],
    [
      'an IPv6 gateway on the last address (IPv6 has no broadcast)',
      one({ subnet: '2001:db8::/64', gateway: '2001:db8::ffff:ffff:ffff:ffff' }),
    ],
    ['a /30, the smallest IPv4 block the engine can give a gateway', one({ subnet: '10.0.0.4/30', gateway: '10.0.0.5' })],
    ['blank optional fields, as an empty form leaves them', one({ subnet: '10.1.0.0/16', gateway: '', ipRange: ' ', auxAddresses: {} })],
    ['two IPv4 subnets for a driver that takes several', { subnets: [{ subnet: '10.1.0.0/16' }, { subnet: '10.2.0.0/16' }] }],
  ];
  for (const [name, request] of cases) {
    test(name, () => assert.deepEqual(validateIpamRequest(request), []));
  }
});

describe('ipam validation: each rule of the structured form', () => {
  const cases: [string, IpamRequest, IpamIssue[]][] = [
    [
      'an empty subnet',
      one({ subnet: '' }),
      [err('subnets[0].subnet', 'Subnet is empty: enter a CIDR block such as 172.30.0.0/16 or fd00:1::/64.')],
    ],
    [
      'an invalid IPv4 subnet',
      one({ subnet: '10.89.0.300/24' }),
      [err('subnets[0].subnet', 'Subnet "10.89.0.300/24" is not a valid CIDR block: "10.89.0.300" is not an IPv4 or IPv6 address.')],
    ],
    [
      'a subnet without prefix',
      one({ subnet: '10.89.0.0' }),
      [
        err(
          'subnets[0].subnet',
          'Subnet "10.89.0.0" is not a valid CIDR block: "10.89.0.0" has no prefix length (write it as address/length, e.g. 172.30.0.0/16 or fd00:1::/64).',
        ),
      ],
    ],
    [
      'an invalid IPv6 subnet',
      one({ subnet: '2001:db8:::/64' }),
      [err('subnets[0].subnet', 'Subnet "2001:db8:::/64" is not a valid CIDR block: "2001:db8:::" is not an IPv4 or IPv6 address.')],
    ],
    [
      'an IPv6 prefix too long',
      one({ subnet: '2001:db8::/130' }),
      [
        err(
          'subnets[0].subnet',
          'Subnet "2001:db8::/130" is not a valid CIDR block: the prefix length /130 is longer than /128, the whole of an IPv6 address.',
        ),
      ],
    ],
    [
      'IPv4 host bits',
      one({ subnet: '10.1.2.3/24' }),
      [err('subnets[0].subnet', 'Subnet 10.1.2.3/24 has host bits set: the network address of that block is 10.1.2.0/24.', '10.1.2.0/24')],
    ],
    [
      'IPv6 host bits',
      one({ subnet: '2001:db8::1/64' }),
      [
        err(
          'subnets[0].subnet',
          'Subnet 2001:db8::1/64 has host bits set: the network address of that block is 2001:db8::/64.',
          '2001:db8::/64',
        ),
      ],
    ],
    [
      'an IPv4 /31 leaves the engine no address for the gateway (it keeps both ends back)',
      one({ subnet: '10.0.0.0/31', gateway: '10.0.0.0' }),
      [
        err(
          'subnets[0].subnet',
          'Subnet 10.0.0.0/31 leaves no address for the gateway: the engine keeps back the first and last address of an IPv4 block, even a /31 or /32, and refuses it ("No available addresses on this pool").',
        ),
      ],
    ],
    [
      'an IPv4 /32 leaves none either',
      one({ subnet: '10.0.0.5/32' }),
      [
        err(
          'subnets[0].subnet',
          'Subnet 10.0.0.5/32 leaves no address for the gateway: the engine keeps back the first and last address of an IPv4 block, even a /31 or /32, and refuses it ("No available addresses on this pool").',
        ),
      ],
    ],
    [
      'an IPv6 /128 leaves none',
      one({ subnet: '2001:db8::/128' }),
      [
        err(
          'subnets[0].subnet',
          'Subnet 2001:db8::/128 leaves no address for the gateway: the engine keeps back the first address of an IPv6 block, and refuses it ("No available addresses on this pool").',
        ),
      ],
    ],
    [
      'an IPv6 /127 leaves the gateway only',
      one({ subnet: '2001:db8::/127' }),
      [warn('subnets[0].subnet', 'Subnet 2001:db8::/127 has 1 usable address: too few for a gateway and a container.')],
    ],

    [
      'an invalid gateway',
      one({ subnet: '10.92.0.0/24', gateway: '10.92.0.x' }),
      [err('subnets[0].gateway', 'Gateway "10.92.0.x" is not a valid IP address: "10.92.0.x" is not an IPv4 or IPv6 address.')],
    ],
    [
      'a gateway outside its subnet',
      one({ subnet: '10.92.0.0/24', gateway: '10.93.0.1' }),
      [err('subnets[0].gateway', 'Gateway 10.93.0.1 is outside subnet 10.92.0.0/24.', '10.92.0.1')],
    ],
    [
      'a gateway on the network address',
      one({ subnet: '10.92.0.0/24', gateway: '10.92.0.0' }),
      [err('subnets[0].gateway', 'Gateway 10.92.0.0 is the network address of 10.92.0.0/24.', '10.92.0.1')],
    ],
    [
      'a gateway on the broadcast address',
      one({ subnet: '10.92.0.0/24', gateway: '10.92.0.255' }),
      [err('subnets[0].gateway', 'Gateway 10.92.0.255 is the broadcast address of 10.92.0.0/24.', '10.92.0.1')],
    ],
    [
      'an IPv6 gateway on the subnet-router anycast address',
      one({ subnet: '2001:db8::/64', gateway: '2001:db8::' }),
      [
        err(
          'subnets[0].gateway',
          'Gateway 2001:db8:: is the subnet-router anycast address of 2001:db8::/64 (its first address, which Docker never hands out).',
          '2001:db8::1',
        ),
      ],
    ],
    [
      'an IPv6 gateway outside its subnet',
      one({ subnet: 'fd00:dead:beef::/48', gateway: 'fd00:dead:bee0::1' }),
      [err('subnets[0].gateway', 'Gateway fd00:dead:bee0::1 is outside subnet fd00:dead:beef::/48.', 'fd00:dead:beef::1')],
    ],
    [
      'an IPv6 gateway on an IPv4 subnet',
      one({ subnet: '10.1.0.0/16', gateway: '2001:db8::1' }),
      [err('subnets[0].gateway', 'Gateway 2001:db8::1 is an IPv6 address but subnet 10.1.0.0/16 is IPv4.', '10.1.0.1')],
    ],
    [
      'an IPv4 gateway on an IPv6 subnet',
      one({ subnet: '2001:db8::/64', gateway: '10.1.0.1' }),
      [err('subnets[0].gateway', 'Gateway 10.1.0.1 is an IPv4 address but subnet 2001:db8::/64 is IPv6.', '2001:db8::1')],
    ],
    [
      'a gateway checked against the corrected network of a host-bits subnet',
      one({ subnet: '10.1.2.3/24', gateway: '10.1.2.255' }),
      [
        err('subnets[0].subnet', 'Subnet 10.1.2.3/24 has host bits set: the network address of that block is 10.1.2.0/24.', '10.1.2.0/24'),
        err('subnets[0].gateway', 'Gateway 10.1.2.255 is the broadcast address of 10.1.2.0/24.', '10.1.2.1'),
      ],
    ],

    [
      'an invalid IP range',
      one({ subnet: '10.1.0.0/16', ipRange: '10.1.0.0' }),
      [
        err(
          'subnets[0].ipRange',
          'IP range "10.1.0.0" is not a valid CIDR block: "10.1.0.0" has no prefix length (write it as address/length, e.g. 172.30.0.0/16 or fd00:1::/64).',
        ),
      ],
    ],
    [
      'an IP range with host bits',
      one({ subnet: '10.1.0.0/16', ipRange: '10.1.5.7/24' }),
      [
        err(
          'subnets[0].ipRange',
          'IP range 10.1.5.7/24 has host bits set: the network address of that block is 10.1.5.0/24.',
          '10.1.5.0/24',
        ),
      ],
    ],
    [
      'an IP range larger than its subnet',
      one({ subnet: '10.1.0.0/16', ipRange: '10.0.0.0/15' }),
      [
        err(
          'subnets[0].ipRange',
          'IP range 10.0.0.0/15 is larger than its subnet 10.1.0.0/16: the range must lie inside the subnet.',
          '10.1.0.0/16',
        ),
      ],
    ],
    [
      'an IP range outside its subnet',
      one({ subnet: '10.1.0.0/16', ipRange: '10.2.0.0/24' }),
      [err('subnets[0].ipRange', 'IP range 10.2.0.0/24 is outside subnet 10.1.0.0/16: the range must lie inside the subnet.')],
    ],
    [
      'an IPv6 range larger than its subnet',
      one({ subnet: '2001:db8::/64', ipRange: '2001:db8::/48' }),
      [
        err(
          'subnets[0].ipRange',
          'IP range 2001:db8::/48 is larger than its subnet 2001:db8::/64: the range must lie inside the subnet.',
          '2001:db8::/64',
        ),
      ],
    ],
    [
      'an IPv6 range outside its subnet',
      one({ subnet: '2001:db8::/64', ipRange: 'fd00:1::/80' }),
      [err('subnets[0].ipRange', 'IP range fd00:1::/80 is outside subnet 2001:db8::/64: the range must lie inside the subnet.')],
    ],
    [
      'an IPv6 range on an IPv4 subnet',
      one({ subnet: '10.1.0.0/16', ipRange: '2001:db8::/80' }),
      [err('subnets[0].ipRange', 'IP range 2001:db8::/80 is IPv6 but subnet 10.1.0.0/16 is IPv4.')],
    ],
    [
      'an IPv6 range that fills its /64: the engine cannot count that far',
      one({ subnet: '2001:db8::/64', ipRange: '2001:db8::/64' }),
      [
        err(
          'subnets[0].ipRange',
          'IP range 2001:db8::/64 reaches the 2^64th address of subnet 2001:db8::/64, which the engine cannot count to: it refuses the network ("invalid bit range"). Use a range that ends earlier, such as the lower half of a /64.',
        ),
      ],
    ],
    [
      'an IPv6 range on the upper half of a /64 ends on its last address',
      one({ subnet: '2001:db8::/64', ipRange: '2001:db8:0:0:8000::/65' }),
      [
        err(
          'subnets[0].ipRange',
          'IP range 2001:db8:0:0:8000::/65 reaches the 2^64th address of subnet 2001:db8::/64, which the engine cannot count to: it refuses the network ("invalid bit range"). Use a range that ends earlier, such as the lower half of a /64.',
        ),
      ],
    ],
    [
      'a /64 range at the start of a /48 holds 2^64 addresses',
      one({ subnet: '2001:db8::/48', ipRange: '2001:db8::/64' }),
      [
        err(
          'subnets[0].ipRange',
          'IP range 2001:db8::/64 reaches the 2^64th address of subnet 2001:db8::/48, which the engine cannot count to: it refuses the network ("invalid bit range"). Use a range that ends earlier, such as the lower half of a /64.',
        ),
      ],
    ],

    [
      'an aux address without a name',
      one({ subnet: '10.1.0.0/24', auxAddresses: { '': '10.1.0.5' } }),
      [err('subnets[0].auxAddresses', 'Auxiliary address 10.1.0.5 has an unusable name: the key is empty. Write it as name=address.')],
    ],
    [
      'an aux name with whitespace',
      one({ subnet: '10.1.0.0/24', auxAddresses: { 'my host': '10.1.0.5' } }),
      [
        err(
          'subnets[0].auxAddresses.my host',
          'Auxiliary address 10.1.0.5 has an unusable name: the key "my host" contains whitespace. Write it as name=address.',
        ),
      ],
    ],
    [
      'an aux name without address',
      one({ subnet: '10.1.0.0/24', auxAddresses: { host: '' } }),
      [err('subnets[0].auxAddresses.host', 'Auxiliary address "host" has no address.')],
    ],
    [
      'an invalid aux address',
      one({ subnet: '10.1.0.0/24', auxAddresses: { host: '10.1.0.500' } }),
      [
        err(
          'subnets[0].auxAddresses.host',
          'Auxiliary address "host" (10.1.0.500) is not a valid IP address: "10.1.0.500" is not an IPv4 or IPv6 address.',
        ),
      ],
    ],
    [
      'an aux address outside its subnet',
      one({ subnet: '10.97.0.0/24', auxAddresses: { a: '10.98.0.5' } }),
      [err('subnets[0].auxAddresses.a', 'Auxiliary address "a" (10.98.0.5) is outside subnet 10.97.0.0/24.')],
    ],
    [
      'an IPv6 aux address outside its subnet',
      one({ subnet: '2001:db8::/64', auxAddresses: { a: '2001:db8:1::5' } }),
      [err('subnets[0].auxAddresses.a', 'Auxiliary address "a" (2001:db8:1::5) is outside subnet 2001:db8::/64.')],
    ],
    [
      'an aux address of the other family',
      one({ subnet: '10.97.0.0/24', auxAddresses: { a: '2001:db8::5' } }),
      [err('subnets[0].auxAddresses.a', 'Auxiliary address "a" (2001:db8::5) is an IPv6 address but subnet 10.97.0.0/24 is IPv4.')],
    ],
    [
      'an aux address on the broadcast address',
      one({ subnet: '10.97.0.0/24', auxAddresses: { a: '10.97.0.255' } }),
      [err('subnets[0].auxAddresses.a', 'Auxiliary address "a" (10.97.0.255) is the broadcast address of 10.97.0.0/24.')],
    ],
    [
      'an aux address equal to the gateway',
      one({ subnet: '10.97.0.0/24', gateway: '10.97.0.1', auxAddresses: { a: '10.97.0.1' } }),
      [err('subnets[0].auxAddresses.a', 'Auxiliary address "a" (10.97.0.1) is the gateway address, which the gateway already holds.')],
    ],
    [
      'an IPv6 aux address equal to the gateway, written differently',
      one({ subnet: '2001:db8::/64', gateway: '2001:db8::1', auxAddresses: { a: '2001:DB8:0::1' } }),
      [err('subnets[0].auxAddresses.a', 'Auxiliary address "a" (2001:DB8:0::1) is the gateway address, which the gateway already holds.')],
    ],
    [
      'two aux addresses sharing one address',
      one({ subnet: '10.97.0.0/24', auxAddresses: { a: '10.97.0.5', b: '10.97.0.6', c: '10.97.0.5' } }),
      [err('subnets[0].auxAddresses.c', 'Auxiliary addresses "a" and "c" are both 10.97.0.5: each must be different.')],
    ],

    [
      'two IPv4 subnets that overlap',
      { subnets: [{ subnet: '10.1.0.0/16' }, { subnet: '10.1.2.0/24' }] },
      [
        err(
          'subnets[1].subnet',
          'Subnet 10.1.2.0/24 overlaps subnet 10.1.0.0/16 (subnets[0]): the subnets of one network must not overlap.',
        ),
      ],
    ],
    [
      'two IPv6 subnets that overlap',
      { subnets: [{ subnet: '2001:db8::/64' }, { subnet: 'fd00::/8' }, { subnet: '2001:db8::/32' }] },
      [
        err(
          'subnets[2].subnet',
          'Subnet 2001:db8::/32 overlaps subnet 2001:db8::/64 (subnets[0]): the subnets of one network must not overlap.',
        ),
      ],
    ],
    ['an IPv4 and an IPv6 subnet never overlap', { subnets: [{ subnet: '0.0.0.0/0' }, { subnet: '::/0' }] }, []],
  ];
  for (const [name, request, expected] of cases) {
    test(name, () => assert.deepEqual(validateIpamRequest(request), expected));
  }
});

describe('ipam validation: driver limits', () => {
  const dual = { subnets: [{ subnet: '10.1.0.0/16' }, { subnet: '2001:db8::/64' }] };
  const twoV4 = { subnets: [{ subnet: '10.1.0.0/16' }, { subnet: '10.2.0.0/16' }] };
  const cases: [string, IpamRequest, string | undefined, IpamIssue[]][] = [
    ['bridge takes one IPv4 and one IPv6 subnet', dual, 'bridge', []],
    [
      'bridge refuses a second IPv4 subnet',
      twoV4,
      'bridge',
      [
        err(
          'subnets[1].subnet',
          'The bridge driver takes one IPv4 subnet, so 10.2.0.0/16 is one too many: the engine refuses it with "bridge driver doesn\'t support multiple subnets".',
        ),
      ],
    ],
    [
      'an empty driver means bridge',
      { subnets: [{ subnet: 'fd00:1::/64' }, { subnet: 'fd00:2::/64' }] },
      '',
      [
        err(
          'subnets[1].subnet',
          'The bridge driver takes one IPv6 subnet, so fd00:2::/64 is one too many: the engine refuses it with "bridge driver doesn\'t support multiple subnets".',
        ),
      ],
    ],
    ['macvlan takes several', twoV4, 'macvlan', []],
    ['an unknown driver is not judged', twoV4, undefined, []],
  ];
  for (const [name, request, driver, expected] of cases) {
    test(name, () => assert.deepEqual(validateIpamRequest(request, { driver }), expected));
  }
});

describe('ipam validation: overlap with existing networks', () => {
  const existing = [
    network('web', ['10.1.2.0/24']),
    network('v6net', ['10.50.0.0/16', '2001:db8::/64'], { EnableIPv6: true }),
    network('template', ['10.5.0.0/16'], { ConfigOnly: true }),
    network('host', []),
    network('odd', ['not-a-subnet']),
  ];
  const cases: [string, string[], IpamIssue[]][] = [
    [
      "a subnet holding another network's",
      ['10.1.0.0/16'],
      [err('subnets[0].subnet', '10.1.0.0/16 overlaps 10.1.2.0/24 of network "web"')],
    ],
    [
      "a subnet inside another network's",
      ['10.50.3.0/24'],
      [err('subnets[0].subnet', '10.50.3.0/24 overlaps 10.50.0.0/16 of network "v6net"')],
    ],
    ['an IPv6 subnet', ['2001:db8::/48'], [err('subnets[0].subnet', '2001:db8::/48 overlaps 2001:db8::/64 of network "v6net"')]],
    [
      'one subnet against two networks',
      ['10.0.0.0/8'],
      [
        err('subnets[0].subnet', '10.0.0.0/8 overlaps 10.1.2.0/24 of network "web"'),
        err('subnets[0].subnet', '10.0.0.0/8 overlaps 10.50.0.0/16 of network "v6net"'),
      ],
    ],
    [
      'the second subnet of a request',
      ['172.30.0.0/16', '2001:db8::/64'],
      [err('subnets[1].subnet', '2001:db8::/64 overlaps 2001:db8::/64 of network "v6net"')],
    ],
    ['a config-only network allocates nothing', ['10.5.0.0/24'], []],
    ['a free subnet', ['10.2.0.0/16', 'fd00:dead:beef::/48'], []],
    ['an unparsable subnet is left to the syntax rules', ['10.1.0.300/16'], []],
  ];
  for (const [name, subnets, expected] of cases) {
    test(name, () => assert.deepEqual(checkAgainstExisting({ subnets: subnets.map(subnet => ({ subnet })) }, existing), expected));
  }
});

describe("ipam validation: overlap with the host's own addresses", () => {
  const host = [
    { interface: 'lo', cidr: '127.0.0.1/8' },
    { interface: 'eth0', cidr: '192.168.1.5/24' },
    { interface: 'eth0', cidr: 'fe80::1c2d:3eff:fe4f:5a6b/64' },
    { interface: 'tun0', cidr: '10.8.0.2/16' },
    { interface: 'wg0', cidr: 'fd00:dead:beef:1::2/64' },
    { interface: 'docker0', cidr: '172.17.0.1/16' },
    { interface: 'br-0123456789ab', cidr: '172.18.0.1/16' },
  ];
  const cases: [string, string, IpamIssue[]][] = [
    [
      'a LAN',
      '192.168.1.0/24',
      [
        warn(
          'subnets[0].subnet',
          '192.168.1.0/24 overlaps 192.168.1.0/24 of host interface "eth0" (192.168.1.5/24): containers could not reach hosts on that LAN or VPN.',
        ),
      ],
    ],
    [
      'a VPN',
      '10.8.0.0/24',
      [
        warn(
          'subnets[0].subnet',
          '10.8.0.0/24 overlaps 10.8.0.0/16 of host interface "tun0" (10.8.0.2/16): containers could not reach hosts on that LAN or VPN.',
        ),
      ],
    ],
    [
      'an IPv6 VPN',
      'fd00:dead:beef::/48',
      [
        warn(
          'subnets[0].subnet',
          'fd00:dead:beef::/48 overlaps fd00:dead:beef:1::/64 of host interface "wg0" (fd00:dead:beef:1::2/64): containers could not reach hosts on that LAN or VPN.',
        ),
      ],
    ],
    ["Docker's own bridges are existing networks, not host networks", '172.16.0.0/12', []],
    ['a free subnet', '10.99.0.0/16', []],
  ];
  for (const [name, subnet, expected] of cases) {
    test(name, () => {
      const issues = checkAgainstHostAddresses({ subnets: [{ subnet }] }, host);
      assert.deepEqual(issues, expected);
      assert.equal(hasErrors(issues), false);
    });
  }
});
