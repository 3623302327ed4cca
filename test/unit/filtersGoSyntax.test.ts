import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { compileGoRegExp, goRegExpError, goRegExpMatches } from '../../src/model/filters/goRegexp';
import { goTimeString, parseGoDuration, parseRfc3339, parseUntil } from '../../src/model/filters/goTime';

describe('Go regular expressions as the engine matches name and id filters', () => {
  const matches: [pattern: string, text: string, expected: boolean][] = [
    ['dge', 'bridge', true],
    ['^br', 'bridge', true],
    ['^dge', 'bridge', false],
    ['ge$', 'bridge', true],
    ['BRIDGE', 'bridge', false],
    ['(?i)BRIDGE', 'bridge', true],
    ['(?is)a.b', 'A\nB', true],
    ['a.b', 'a\nb', false],
    ['net-[0-9]+', 'net-10', true],
    ['[[:digit:]]{2}', 'net-10', true],
    ['[[:digit:]]{3}', 'net-10', false],
    ['[]a]', ']', true],
    ['\\Anet\\z', 'net', true],
    ['\\Anet\\z', 'network', false],
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['a\\.b', 'axb', false],
    ['a\\-b', 'a-b', true],
    ['(?P<x>web)-\\d', 'web-1', true],
    ['\\x{41}', 'A', true],
    ['\\101', 'A', true],
    ['\\pL+', 'ünïcode', true],
    ['web{1,3}', 'webbb', true],
    ['web{', 'web{', true],
    ['a}', 'a}', true],
    ['a(?i)b', 'aB', true],
    ['a(?i)b', 'AB', false],
    ['(?i:b)c', 'Bc', true],
    ['[[:^alpha:]]', 'ab1', true],
    ['[[:^alpha:]]', 'abc', false],
    ['\\d+$', 'net-10', true],
    ['\\bweb\\b', 'my-web-1', true],
    ['\\p{Greek}', 'net-α', true],
  ];
  for (const [pattern, text, expected] of matches) {
    test(`${pattern} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(text)}`, () => {
      assert.equal(goRegExpMatches(pattern, text), expected);
    });
  }

  const invalid = [
    '[',
    '(',
    '*',
    'a**',
    'a++',
    '(?=web)',
    '(?!web)',
    '(?<=a)b',
    '(a)\\1',
    'a{1001}',
    'a{2,1}',
    '\\y',
    '\\Z',
    '\\C',
    '[z-a]',
    '\\p{Nope}',
  ];
  for (const pattern of invalid) {
    test(`${pattern} is invalid in Go, so it matches nothing`, () => {
      assert.equal(compileGoRegExp(pattern), undefined);
      assert.equal(goRegExpMatches(pattern, pattern), false);
      assert.match(goRegExpError(pattern) ?? '', /^error parsing regexp: /);
    });
  }

  test("the reason a pattern is refused is Go's own message", () => {
    assert.equal(goRegExpError('('), 'error parsing regexp: missing closing ): `(`');
    assert.equal(goRegExpError('a{2,1}'), 'error parsing regexp: invalid repeat count: `{2,1}`');
    assert.equal(goRegExpError('(?=x)'), 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
    assert.equal(goRegExpError('web'), undefined);
  });

  test('catastrophic patterns match in linear time: (a+)+b against long names returns at once', () => {
    const started = performance.now();
    assert.equal(goRegExpMatches('(a+)+b', `acc-${'a'.repeat(60)}`), false);
    assert.equal(goRegExpMatches('(a+)+b', 'a'.repeat(10_000)), false);
    assert.equal(goRegExpMatches('(a|aa)*c', 'a'.repeat(10_000)), false);
    assert.equal(goRegExpMatches('(a+)+b', `${'a'.repeat(10_000)}b`), true);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 500, `took ${elapsed.toFixed(0)} ms`);
  });
});

describe('Go durations', () => {
  const cases: [text: string, nanos: bigint | undefined][] = [
    ['24h', 86_400_000_000_000n],
    ['30m', 1_800_000_000_000n],
    ['1h30m', 5_400_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['.5s', 500_000_000n],
    ['300ms', 300_000_000n],
    ['2us', 2_000n],
    ['2µs', 2_000n],
    ['-1h', -3_600_000_000_000n],
    ['0', 0n],
    ['1', undefined],
    ['1d', undefined],
    ['h', undefined],
    ['.s', undefined],
    ['', undefined],
    ['1h ', undefined],
  ];
  for (const [text, nanos] of cases) {
    test(`"${text}" is ${nanos === undefined ? 'not a duration' : `${nanos}ns`}`, () => {
      assert.equal(parseGoDuration(text), nanos);
    });
  }
});

describe('engine timestamps', () => {
  test('nanoseconds are kept exactly', () => {
    const parsed = parseRfc3339('2026-11-29T02:24:48.630431862Z')!;
    assert.equal(parsed.epochNanos, BigInt(Date.parse('2026-11-29T02:24:48Z')) * 1_000_000n + 630_431_862n);
    assert.equal(goTimeString(parsed), '2026-11-29 02:24:48.630431862 +0000 UTC');
  });

  test('an offset is applied to the instant but kept for printing', () => {
    const parsed = parseRfc3339('2026-11-29T03:24:48+01:00')!;
    assert.equal(parsed.epochNanos, BigInt(Date.parse('2026-11-29T02:24:48Z')) * 1_000_000n);
    assert.equal(goTimeString(parsed), '2026-11-29 03:24:48 +0100 +0100');
    assert.equal(goTimeString(parseRfc3339('2026-11-29T03:24:48-05:30')!), '2026-11-29 03:24:48 -0530 -0530');
  });

  test("Go's zero time and years before 100 are read correctly", () => {
    const zero = parseRfc3339('0001-01-01T00:00:00Z')!;
    assert.equal(goTimeString(zero), '0001-01-01 00:00:00 +0000 UTC');
    assert.equal(zero.epochNanos, -62_135_596_800n * 1_000_000_000n);
  });

  test('what is not an RFC 3339 timestamp is refused', () => {
    for (const text of ['', 'yesterday', '2026-02-30T00:00:00Z', '2026-11-29 02:24:48Z', '2026-11-29T24:00:00Z']) {
      assert.equal(parseRfc3339(text), undefined, text);
    }
  });

  test('until accepts a Unix timestamp with nanoseconds', () => {
    assert.deepEqual(parseUntil('1136073600.000000001', new Date(0)), { cutoffNanos: 1_136_073_600_000_000_001n });
  });

  test("until reads a date with a zone in that zone, and one without in the engine's", () => {
    const now = new Date('2026-12-01T12:00:00Z');
    assert.deepEqual(parseUntil('2026-12-01Z', now, 120), { cutoffNanos: BigInt(Date.parse('2026-12-01T00:00:00Z')) * 1_000_000n });
    assert.deepEqual(parseUntil('2026-12-01-05:00', now, 120), { cutoffNanos: BigInt(Date.parse('2026-12-01T05:00:00Z')) * 1_000_000n });
    assert.deepEqual(parseUntil('2026-12-01', now, 120), { cutoffNanos: BigInt(Date.parse('2026-11-30T22:00:00Z')) * 1_000_000n });
  });
});
