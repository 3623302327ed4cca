import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { emptyAnswers, toComposeSnippet } from '../../src/model/createNetwork';

// Values YAML would read as something else, or Compose would interpolate, when written bare.
const TRICKY = [
  '1e3',
  '.inf',
  '-.inf',
  '.nan',
  '0x1F',
  '0o17',
  '017',
  '1_000',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'true',
  'False',
  'null',
  'Null',
  '~',
  '',
  '@x',
  '*a',
  '&a',
  '!tag',
  '- x',
  'key: value',
  '#x',
  ' leading',
  'trailing ',
  'line\nbreak',
  '$VAR',
  '$' + '{VAR}',
  '$$',
  'a$b',
  '"quoted"',
  "'single'",
  '[a]',
  '{a: b}',
  '%x',
  '`x`',
  '|',
  '>',
  '?',
  'ünïcødé',
  '10.0.0.0/24',
  'fd00::/64',
  '::1',
  '12:30',
  '2001-12-14',
  // Characters YAML does not allow raw (JSON.stringify would leave them so), and escapes that must stay literal.
  'del\x7f',
  'nel\u0085',
  'c1\u009b',
  'ls\u2028ps\u2029',
  '\ufeffbom',
  'nbsp\u00a0',
  'tab\there',
  'cr\rlf',
  'bell\x07',
  'a\\b',
  '\\n',
  '\\x41',
  '\\u0041',
  '😀',
  '$' + '{VAR:-default}',
  '$$VAR',
  '$',
  'a $ b',
  '<<',
  '=',
  '? x',
  ': x',
  '---',
  '...',
  '0b101',
  '+1',
  '-1',
  '1.',
  '.5',
  '1e-3',
  'NaN',
  '.Inf',
  '1:2:3',
];

/** Compose reads `$$` as a literal `$`. */
const composeValue = (value: unknown) => (typeof value === 'string' ? value.replace(/\$\$/g, '$') : value);

describe('Copy as Compose round-trips every value through a YAML parser and Compose interpolation', () => {
  test('labels, driver options and IPAM options with tricky values and keys come back exactly', () => {
    const pairs = Object.fromEntries(TRICKY.map((value, index) => [`${TRICKY[(index + 7) % TRICKY.length]}-${index}`, value]));
    const answers = { ...emptyAnswers(), name: 'web', labels: pairs, driverOptions: pairs, ipamDriver: 'x', ipamOptions: pairs };
    const snippet = toComposeSnippet(answers);
    // The parser here is lenient; Compose's (go-yaml) refuses characters outside YAML's printable set, so none is raw.
    assert.doesNotMatch(snippet, /[^\t\n\x20-\x7e\xa1-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u);
    const parsed = parse(snippet) as {
      networks: Record<
        string,
        { labels: Record<string, unknown>; driver_opts: Record<string, unknown>; ipam: { options: Record<string, unknown> } }
      >;
    };
    const network = parsed.networks.web;
    for (const section of [network.labels, network.driver_opts, network.ipam.options]) {
      assert.deepEqual(Object.fromEntries(Object.entries(section).map(([k, v]) => [k, composeValue(v)])), pairs);
    }
  });

  test('driver, IPAM driver, subnets and aux addresses with tricky values come back exactly', () => {
    // An empty gateway, IP range or IPAM driver means none, as in the API body: the labels test covers ''.
    for (const value of TRICKY.filter(Boolean)) {
      const answers = {
        ...emptyAnswers(),
        name: 'web',
        driver: value,
        ipamDriver: value,
        ipv4Subnets: [{ subnet: value, gateway: value, ipRange: value, auxAddresses: { [value]: value, plain: value } }],
      };
      const parsed = parse(toComposeSnippet(answers)) as {
        networks: {
          web: {
            driver: unknown;
            ipam: {
              driver: unknown;
              config: { subnet: unknown; gateway: unknown; ip_range: unknown; aux_addresses: Record<string, unknown> }[];
            };
          };
        };
      };
      const network = parsed.networks.web;
      const config = network.ipam.config[0];
      assert.deepEqual(
        [network.driver, network.ipam.driver, config.subnet, config.gateway].map(composeValue),
        [value, value, value, value],
        JSON.stringify(value),
      );
      assert.equal(composeValue(config.ip_range), value);
      assert.deepEqual(Object.fromEntries(Object.entries(config.aux_addresses).map(([k, v]) => [k, composeValue(v)])), {
        [value]: value,
        plain: value,
      });
    }
  });

  for (const name of ['1e3', 'yes', 'null', '@x', 'a$b', '0x1F', '~', 'no', '- x', 'key: value', ' pad ', 'del\x7f', '$' + '{VAR}']) {
    test(`a network named ${JSON.stringify(name)} keeps its name`, () => {
      const parsed = parse(toComposeSnippet({ ...emptyAnswers(), name })) as { networks: Record<string, { name: unknown }> };
      assert.deepEqual(Object.keys(parsed.networks), [name]);
      assert.equal(composeValue(parsed.networks[name].name), name);
    });
  }
});
