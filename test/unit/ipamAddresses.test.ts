import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import {
  AddressFamily,
  addressKey,
  cidrContainsAddress,
  cidrsOverlap,
  familyOf,
  parseAddress,
  parseAddressOrInterface,
  parseCidr,
  reservedRole,
} from '../../src/model/ipam/addresses';
import { defaultGateway } from '../../src/model/ipam/suggestions';

/** Text that does not parse is neither contained nor overlapping. */
function contains(cidr: string, address: string): boolean {
  const block = parseCidr(cidr);
  const ip = parseAddress(address);
  return block.ok && ip.ok && cidrContainsAddress(block.value, ip.value);
}

function overlaps(cidrA: string, cidrB: string): boolean {
  const a = parseCidr(cidrA);
  const b = parseCidr(cidrB);
  return a.ok && b.ok && cidrsOverlap(a.value, b.value);
}

describe('ipam addresses: parsing single addresses', () => {
  const valid: [string, AddressFamily, string][] = [
    ['10.0.0.1', 'ipv4', '10.0.0.1'],
    ['255.255.255.255', 'ipv4', '255.255.255.255'],
    ['2001:db8::1', 'ipv6', '2001:db8::1'],
    ['2001:DB8::1', 'ipv6', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', 'ipv6', '2001:db8::1'],
    ['fd00:dead:beef::', 'ipv6', 'fd00:dead:beef::'],
    ['::', 'ipv6', '::'],
    ['::1', 'ipv6', '::1'],
    ['2001:db8:0:1:1:1:1:1', 'ipv6', '2001:db8:0:1:1:1:1:1'],
    ['::ffff:10.0.0.1', 'ipv6', '::ffff:a00:1'],
  ];
  for (const [input, family, text] of valid) {
    test(`${input} is an ${family} address written ${text}`, () => {
      const parsed = parseAddress(input);
      assert.ok(parsed.ok);
      assert.equal(parsed.value.family, family);
      assert.equal(parsed.value.text, text);
    });
  }

  const invalid: [string, string][] = [
    ['', 'it is empty'],
    ['   ', 'it is empty'],
    ['10.0.0.256', '"10.0.0.256" is not an IPv4 or IPv6 address'],
    ['10.0.1', '"10.0.1" is not an IPv4 or IPv6 address'],
    ['010.0.0.1', '"010.0.0.1" is not an IPv4 or IPv6 address'],
    ['10.0.0.1.5', '"10.0.0.1.5" is not an IPv4 or IPv6 address'],
    ['2001:db8:::1', '"2001:db8:::1" is not an IPv4 or IPv6 address'],
    ['2001:db8::1::2', '"2001:db8::1::2" is not an IPv4 or IPv6 address'],
    ['1:2:3:4:5:6:7:8:9', '"1:2:3:4:5:6:7:8:9" is not an IPv4 or IPv6 address'],
    ['12345::1', '"12345::1" is not an IPv4 or IPv6 address'],
    ['gateway', '"gateway" is not an IPv4 or IPv6 address'],
    [' 10.0.0.1', '" 10.0.0.1" contains spaces'],
    ['10.0.0.0/24', '"10.0.0.0/24" is a CIDR block, not a single address'],
    ['fe80::1%eth0', '"fe80::1%eth0" has a zone index (%…), which Docker does not accept'],
  ];
  for (const [input, reason] of invalid) {
    test(`"${input}" is refused because ${reason}`, () => {
      assert.deepEqual(parseAddress(input), { ok: false, reason });
    });
  }

  test('equal addresses written differently share one key, and the families never share one', () => {
    const key = (text: string) => {
      const p = parseAddress(text);
      assert.ok(p.ok);
      return addressKey(p.value);
    };
    assert.equal(key('2001:DB8::1'), key('2001:db8:0:0::1'));
    assert.notEqual(key('10.0.0.1'), key('::a00:1'));
  });

  test('an endpoint address with its prefix, as inspect prints it, yields the address', () => {
    const parsed = parseAddressOrInterface('10.1.0.5/24');
    assert.ok(parsed.ok);
    assert.equal(parsed.value.text, '10.1.0.5');
    const v6 = parseAddressOrInterface('2001:db8::5/64');
    assert.ok(v6.ok);
    assert.equal(v6.value.text, '2001:db8::5');
  });
});

describe('ipam addresses: parsing CIDR blocks', () => {
  const valid: [string, AddressFamily, string, number, boolean][] = [
    ['10.1.2.0/24', 'ipv4', '10.1.2.0/24', 24, false],
    ['10.1.2.3/24', 'ipv4', '10.1.2.0/24', 24, true],
    ['172.17.0.0/16', 'ipv4', '172.17.0.0/16', 16, false],
    ['0.0.0.0/0', 'ipv4', '0.0.0.0/0', 0, false],
    ['10.0.0.5/32', 'ipv4', '10.0.0.5/32', 32, false],
    ['2001:db8::/64', 'ipv6', '2001:db8::/64', 64, false],
    ['2001:db8::1/64', 'ipv6', '2001:db8::/64', 64, true],
    ['2001:DB8:0:0::/64', 'ipv6', '2001:db8::/64', 64, false],
    ['fd00:dead:beef::/48', 'ipv6', 'fd00:dead:beef::/48', 48, false],
    ['fd00:dead:beef:1::/48', 'ipv6', 'fd00:dead:beef::/48', 48, true],
    ['::ffff:10.0.0.0/104', 'ipv6', '::ffff:a00:0/104', 104, false],
    ['::/0', 'ipv6', '::/0', 0, false],
    ['2001:db8::5/128', 'ipv6', '2001:db8::5/128', 128, false],
  ];
  for (const [input, family, cidr, prefix, hostBitsSet] of valid) {
    test(`${input} is the ${family} block ${cidr}${hostBitsSet ? ', with host bits set' : ''}`, () => {
      const parsed = parseCidr(input);
      assert.ok(parsed.ok);
      assert.deepEqual(
        { family: parsed.value.family, cidr: parsed.value.cidr, prefix: parsed.value.prefix, hostBitsSet: parsed.value.hostBitsSet },
        { family, cidr, prefix, hostBitsSet },
      );
    });
  }

  test('the written address is kept beside the network address', () => {
    const parsed = parseCidr('10.1.2.3/24');
    assert.ok(parsed.ok);
    assert.deepEqual([parsed.value.address, parsed.value.network], ['10.1.2.3', '10.1.2.0']);
  });

  const invalid: [string, string][] = [
    ['', 'it is empty'],
    ['10.0.0.0', '"10.0.0.0" has no prefix length (write it as address/length, e.g. 172.30.0.0/16 or fd00:1::/64)'],
    ['2001:db8::', '"2001:db8::" has no prefix length (write it as address/length, e.g. 172.30.0.0/16 or fd00:1::/64)'],
    ['10.0.0.0/24/8', '"10.0.0.0/24/8" has more than one "/"'],
    ['/24', '"/24" has no address before the "/"'],
    ['10.89.0.300/24', '"10.89.0.300" is not an IPv4 or IPv6 address'],
    ['10.0.0.0/33', 'the prefix length /33 is longer than /32, the whole of an IPv4 address'],
    ['2001:db8::/129', 'the prefix length /129 is longer than /128, the whole of an IPv6 address'],
    ['10.0.0.0/', 'the prefix length "/" is not a whole number'],
    ['10.0.0.0/x', 'the prefix length "/x" is not a whole number'],
    ['10.0.0.0/024', 'the prefix length "/024" is not a whole number'],
    ['10.0.0.0/-1', 'the prefix length "/-1" is not a whole number'],
    ['fe80::%eth0/64', '"fe80::%eth0" has a zone index (%…), which Docker does not accept'],
    ['10.0.0.0 /24', '"10.0.0.0 " contains spaces'],
  ];
  for (const [input, reason] of invalid) {
    test(`"${input}" is refused because ${reason}`, () => {
      assert.deepEqual(parseCidr(input), { ok: false, reason });
    });
  }
});

describe('ipam addresses: containment and overlap', () => {
  const containment: [string, string, boolean][] = [
    ['10.1.0.0/16', '10.1.2.3', true],
    ['10.1.0.0/16', '10.1.0.0', true],
    ['10.1.0.0/16', '10.1.255.255', true],
    ['10.1.0.0/16', '10.2.0.1', false],
    ['10.1.2.3/24', '10.1.2.200', true],
    ['10.0.0.0/24', '::a00:5', false],
    ['::/0', '10.0.0.1', false],
    ['2001:db8::/64', '2001:db8::ffff', true],
    ['2001:db8::/64', '2001:db8:0:0:ffff:ffff:ffff:ffff', true],
    ['2001:db8::/64', '2001:db8:1::1', false],
    ['fd00:dead:beef::/48', 'fd00:dead:beef:42::1', true],
    ['nonsense', '10.0.0.1', false],
    ['10.0.0.0/8', 'nonsense', false],
  ];
  for (const [cidr, address, expected] of containment) {
    test(`${cidr} ${expected ? 'contains' : 'does not contain'} ${address}`, () => {
      assert.equal(contains(cidr, address), expected);
    });
  }

  const overlap: [string, string, boolean][] = [
    ['10.1.0.0/16', '10.1.2.0/24', true],
    ['10.1.2.0/24', '10.1.0.0/16', true],
    ['10.1.0.0/16', '10.1.0.0/16', true],
    ['10.1.0.0/24', '10.1.1.0/24', false],
    ['10.1.0.0/24', '10.1.0.255/32', true],
    ['10.1.0.0/24', '10.1.1.0/32', false],
    ['10.1.0.5/24', '10.1.0.200/25', true],
    ['10.0.0.0/8', '::/0', false],
    ['2001:db8::/32', '2001:db8:1::/48', true],
    ['2001:db8::/64', '2001:db8:0:1::/64', false],
    ['fd00:dead:beef::/48', 'fd00:dead::/32', true],
    ['10.0.0.0/8', 'nonsense', false],
  ];
  for (const [a, b, expected] of overlap) {
    test(`${a} ${expected ? 'overlaps' : 'does not overlap'} ${b}`, () => {
      assert.equal(overlaps(a, b), expected);
    });
  }
});

describe('ipam addresses: network address, default gateway and reserved addresses', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['10.1.2.0/24', '10.1.2.0', '10.1.2.1'],
    ['10.1.2.77/24', '10.1.2.0', '10.1.2.1'],
    ['172.17.0.0/16', '172.17.0.0', '172.17.0.1'],
    ['10.0.0.4/30', '10.0.0.4', '10.0.0.5'],
    ['10.0.0.0/31', '10.0.0.0', '10.0.0.0'],
    ['10.0.0.7/32', '10.0.0.7', '10.0.0.7'],
    ['2001:db8::/64', '2001:db8::', '2001:db8::1'],
    ['fd00:dead:beef::/48', 'fd00:dead:beef::', 'fd00:dead:beef::1'],
    ['2001:db8::/127', '2001:db8::', '2001:db8::1'],
    ['2001:db8::5/128', '2001:db8::5', undefined],
    ['nonsense', undefined, undefined],
  ];
  for (const [cidr, network, gateway] of cases) {
    test(`${cidr}: network ${network}, default gateway ${gateway}`, () => {
      const block = parseCidr(cidr);
      assert.deepEqual([block.ok ? block.value.network : undefined, defaultGateway(cidr)], [network, gateway]);
    });
  }

  const roles: [string, string, string | undefined][] = [
    ['10.1.2.0/24', '10.1.2.0', 'network address'],
    ['10.1.2.0/24', '10.1.2.255', 'broadcast address'],
    ['10.1.2.0/24', '10.1.2.1', undefined],
    ['10.1.3.0/24', '10.1.2.0', undefined],
    ['10.0.0.0/31', '10.0.0.0', undefined],
    ['10.0.0.0/31', '10.0.0.1', undefined],
    ['2001:db8::/64', '2001:db8::', 'subnet-router anycast address'],
    ['2001:db8::/64', '2001:db8::ffff:ffff:ffff:ffff', undefined],
    ['2001:db8::/128', '2001:db8::', 'subnet-router anycast address'],
  ];
  for (const [cidr, address, role] of roles) {
    test(`in ${cidr}, ${address} is ${role ?? 'an ordinary address'}`, () => {
      const block = parseCidr(cidr);
      const ip = parseAddress(address);
      assert.ok(block.ok && ip.ok);
      assert.equal(reservedRole(block.value, ip.value), role);
    });
  }
});

describe('ipam addresses: the family of an address or subnet written as text', () => {
  const cases: [string, AddressFamily][] = [
    ['10.1.0.0/16', 'ipv4'],
    ['172.17.0.1', 'ipv4'],
    ['2001:db8::/64', 'ipv6'],
    ['fd00::5', 'ipv6'],
    ['::ffff:10.0.0.1', 'ipv6'],
  ];
  for (const [text, family] of cases) {
    test(`${text} is ${family}`, () => assert.equal(familyOf(text), family));
  }
});
