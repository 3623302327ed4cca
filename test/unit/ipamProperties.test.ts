// Property tests of the IP rules behind every validation message: they never throw, whatever is typed, and they
// agree with ip-num (which does all the IP math) on what an address and a block are.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { IPv4, IPv4CidrRange, IPv6, IPv6CidrRange } from 'ip-num';
import { cidrContainsAddress, parseAddress, parseCidr, validateIpamRequest } from '../../src/model/ipam';

const RUNS = { numRuns: 500, seed: 20261203 };
const typed = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef.:/%- ') }),
  fc.ipV4().map(ip => `${ip}/${ip.length % 33}`),
);

describe('IPAM rules on arbitrary input', () => {
  test('parsing and validating any text never throws: it answers with a reason', () => {
    fc.assert(
      fc.property(typed, typed, typed, (subnet, gateway, ipRange) => {
        const address = parseAddress(gateway);
        const cidr = parseCidr(subnet);
        if (!address.ok) assert.ok(address.reason.length > 0);
        if (!cidr.ok) assert.ok(cidr.reason.length > 0);
        const issues = validateIpamRequest({ subnets: [{ subnet, gateway, ipRange, auxAddresses: { x: gateway } }] }, { driver: 'bridge' });
        for (const issue of issues) assert.ok(issue.message.length > 0);
      }),
      RUNS,
    );
  });

  test('every IPv4 and IPv6 address is read as ip-num reads it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), text => {
        const parsed = parseAddress(text);
        assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.reason}`);
        const expected = text.includes(':') ? IPv6.fromString(text) : IPv4.fromString(text);
        assert.equal(parsed.value.ip.getValue(), expected.getValue());
      }),
      RUNS,
    );
  });

  test("a block and its members agree with ip-num's ranges", () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), fc.ipV4(), (base, prefix, probe) => {
        const cidr = parseCidr(`${base}/${prefix}`);
        assert.ok(cidr.ok);
        const range = IPv4CidrRange.fromCidr(`${base}/${prefix}`);
        assert.equal(cidr.value.first.getValue(), range.getFirst().getValue());
        const address = parseAddress(probe);
        assert.ok(address.ok);
        const inRange =
          range.getFirst().getValue() <= IPv4.fromString(probe).getValue() &&
          IPv4.fromString(probe).getValue() <= range.getLast().getValue();
        assert.equal(cidrContainsAddress(cidr.value, address.value), inRange);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.ipV6(), fc.integer({ min: 0, max: 128 }), (base, prefix) => {
        const cidr = parseCidr(`${base}/${prefix}`);
        assert.ok(cidr.ok, `${base}/${prefix}`);
        assert.equal(
          cidr.value.first.getValue(),
          IPv6CidrRange.fromCidr(`${IPv6.fromString(base).toString()}/${prefix}`)
            .getFirst()
            .getValue(),
        );
      }),
      RUNS,
    );
  });
});
