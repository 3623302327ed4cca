import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { emptyAnswers, toComposeSnippet } from '../../src/model/createNetwork';

// Values YAML would read as something else, or Compose would interpolate, when written bare.
const TRICKY = ['1e3', '.inf', '-.inf', '.nan', '0x1F', '0o17', '017', '1_000', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', 'null', 'Null', '~', '',
  '@x', '*a', '&a', '!tag', '- x', 'key: value', '#x', ' leading', 'trailing ', 'line\nbreak', '$VAR', '$' + '{VAR}', '$$', 'a$b', '"quoted"', "'single'", '[a]', '{a: b}',
  '%x', '`x`', '|', '>', '?', 'ünïcødé', '10.0.0.0/24', 'fd00::/64', '::1', '12:30', '2001-12-14'];

/** Compose reads `$$` as a literal `$`. */
const composeValue = (value: unknown) => (typeof value === 'string' ? value.replace(/\$\$/g, '$') : value);

describe('Copy as Compose round-trips every value through a YAML parser and Compose interpolation', () => {
  test('labels, driver options and IPAM options with tricky values and keys come back exactly', () => {
    const pairs = Object.fromEntries(TRICKY.map((value, index) => [`${TRICKY[(index + 7) % TRICKY.length]}-${index}`, value]));
    const answers = { ...emptyAnswers(), name: 'web', labels: pairs, driverOptions: pairs, ipamDriver: 'x', ipamOptions: pairs };
    const parsed = parse(toComposeSnippet(answers)) as { networks: Record<string, { labels: Record<string, unknown>; driver_opts: Record<string, unknown>; ipam: { options: Record<string, unknown> } }> };
    const network = parsed.networks.web;
    for (const section of [network.labels, network.driver_opts, network.ipam.options]) {
      assert.deepEqual(Object.fromEntries(Object.entries(section).map(([k, v]) => [k, composeValue(v)])), pairs);
    }
  });

  for (const name of ['1e3', 'yes', 'null', '@x', 'a$b', '0x1F']) {
    test(`a network named ${JSON.stringify(name)} keeps its name`, () => {
      const parsed = parse(toComposeSnippet({ ...emptyAnswers(), name })) as { networks: Record<string, { name: unknown }> };
      assert.deepEqual(Object.keys(parsed.networks), [name]);
      assert.equal(composeValue(parsed.networks[name].name), name);
    });
  }
});
