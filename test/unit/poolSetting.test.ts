import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parseAddressPools } from '../../src/model/ipam';

describe('the dockerNetworks.addressPools setting, as settings.json may hold it', () => {
  test('well-formed pools pass, unset means none', () => {
    assert.deepEqual(
      parseAddressPools([
        { base: '10.10.0.0/16', size: 24 },
        { base: 'fd00::/48', size: 64 },
      ]),
      {
        pools: [
          { base: '10.10.0.0/16', size: 24 },
          { base: 'fd00::/48', size: 64 },
        ],
      },
    );
    assert.deepEqual(parseAddressPools(undefined), { pools: [] });
  });

  const wrong: [string, unknown, RegExp][] = [
    ['a non-string base', [{ base: 5, size: 24 }], /item 1 "base" must be a CIDR string .*got number 5/],
    [
      'a base that is no CIDR',
      [
        { base: '10.10.0.0/16', size: 24 },
        { base: '10.300.0.0/16', size: 24 },
      ],
      /item 2 "base" 10\.300\.0\.0\/16 is not a CIDR/,
    ],
    ['a size outside the base', [{ base: '10.10.0.0/16', size: 8 }], /"size" 8 must be between the base's prefix \/16 and \/32/],
    ['a fractional size', [{ base: '10.10.0.0/16', size: 24.5 }], /"size" must be a whole prefix length/],
    ['an item that is no object', ['10.10.0.0/16'], /item 1 must be an object/],
    ['a value that is no list', { base: '10.10.0.0/16' }, /must be a list/],
  ];
  for (const [what, raw, message] of wrong) {
    test(`${what} is named, not a TypeError`, () => {
      const parsed = parseAddressPools(raw);
      assert.ok('error' in parsed, JSON.stringify(parsed));
      assert.match(parsed.error, message);
    });
  }
});
