import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import {
  emptyFilter,
  filterNetworks,
  formatFilter,
  inUseNetworkIds,
  isEmptyFilter,
  matchesFilter,
  parseFilterText,
  validateFilter,
  type NetworkFilter,
} from '../../src/model/filters/networkFilter';

import { containerOn as container, network } from '../support/fixtures';

function filterOf(text: string): NetworkFilter {
  const parsed = parseFilterText(text);
  if ('error' in parsed) throw new Error(`unexpected parse error: ${parsed.error}`);
  return parsed.filter;
}

const bridge = network('bridge', { Id: 'f3a1b2c3d4e5'.padEnd(64, '1') });
const host = network('host', { Driver: 'host', Id: '0badc0ffee00'.padEnd(64, '2') });
const none = network('none', { Driver: 'null', Id: '9876543210ab'.padEnd(64, '3') });
const web = network('web', { Id: 'abc123def456'.padEnd(64, '4'), Labels: { env: 'prod', tier: 'front' } });
const api = network('api', { Id: 'abd000000000'.padEnd(64, '5'), Labels: { env: 'dev' } });
const overlay = network('mesh', { Driver: 'overlay', Scope: 'swarm', Id: 'm'.repeat(25) });
const idle = network('idle-net', { Id: 'eeee00000000'.padEnd(64, '6'), Labels: null });
const ALL = [bridge, host, none, web, api, overlay, idle];

const containers = [
  container('web-1', 'running', { web: web.Id }),
  // Stopped, configured on api by name only (NetworkID empty, as for a container connected while stopped).
  container('api-worker', 'exited', { api: '' }),
  container('on-bridge', 'running', { bridge: bridge.Id }),
];
const context = { inUseNetworkIds: inUseNetworkIds(ALL, containers) };
const names = (filter: NetworkFilter) => filterNetworks(ALL, filter, context).map(n => n.Name);

describe('network filter: parsing what users type', () => {
  const cases: { text: string; expected: Partial<NetworkFilter> }[] = [
    { text: '', expected: {} },
    { text: 'driver=bridge label=env=prod name=web', expected: { driver: ['bridge'], label: ['env=prod'], name: ['web'] } },
    { text: 'driver=bridge,name=web', expected: { driver: ['bridge'], name: ['web'] } },
    { text: 'driver=bridge, name=web', expected: { driver: ['bridge'], name: ['web'] } },
    { text: '--filter driver=bridge --filter=name=web -f scope=local', expected: { driver: ['bridge'], name: ['web'], scope: ['local'] } },
    { text: 'name=web name=web name=api', expected: { name: ['web', 'api'] } },
    { text: 'name="my net" label=\'desc=a b\'', expected: { name: ['my net'], label: ['desc=a b'] } },
    { text: 'name=web{1,3}', expected: { name: ['web{1,3}'] } },
    { text: 'name=', expected: { name: [''] } },
    { text: 'type=builtin type=custom dangling=1', expected: { type: ['builtin', 'custom'], dangling: ['1'] } },
  ];
  for (const { text, expected } of cases) {
    test(`"${text}" parses`, () => {
      const parsed = parseFilterText(text);
      assert.ok('filter' in parsed, JSON.stringify(parsed));
      assert.deepEqual(parsed.filter, { ...emptyFilter(), ...expected });
    });
  }

  test('a key written in capitals is the same key, as in the CLI', () => {
    assert.deepEqual(filterOf('Name=web DRIVER=bridge').name, ['web']);
    assert.deepEqual(filterOf('Name=web DRIVER=bridge').driver, ['bridge']);
  });

  const errors: { text: string; error: RegExp }[] = [
    { text: 'bogus=1', error: /^Invalid filter 'bogus'$/ },
    { text: 'name=web bogus=1', error: /^Invalid filter 'bogus'$/ },
    { text: 'type=foo', error: /^invalid filter: 'type'='foo'$/ },
    { text: 'dangling=maybe', error: /'maybe'.*dangling|dangling.*'maybe'/ },
    { text: 'dangling=true dangling=false', error: /more than one value for filter key "dangling"/ },
    { text: 'web', error: /bad format of filter 'web' \(expected name=value\)/ },
    { text: 'name = web', error: /bad format of filter/ },
    { text: 'name="web', error: /unterminated quote/ },
    { text: 'constructor=x', error: /^Invalid filter 'constructor'$/ },
    { text: 'name=(', error: /^invalid name filter '\(': error parsing regexp: missing closing \): `\(`$/ },
    { text: 'name=web name=a{2,1}', error: /^invalid name filter 'a\{2,1\}': error parsing regexp: invalid repeat count/ },
    { text: 'id=(?=abc)', error: /^invalid id filter '\(\?=abc\)': error parsing regexp: invalid or unsupported Perl syntax/ },
  ];
  for (const { text, error } of errors) {
    test(`"${text}" is rejected as the engine would`, () => {
      const parsed = parseFilterText(text);
      assert.ok('error' in parsed, `expected an error for ${text}`);
      assert.match(parsed.error, error);
    });
  }

  test('the same dangling value twice is one value, not a conflict', () => {
    assert.deepEqual(filterOf('dangling=true dangling=true').dangling, ['true']);
  });

  test('validateFilter accepts a valid filter and names the offending key otherwise', () => {
    assert.equal(validateFilter(filterOf('name=web')), undefined);
    assert.equal(validateFilter({ ...emptyFilter(), network: ['x'] } as Record<string, string[]>), "Invalid filter 'network'");
  });
});

describe('network filter: canonical text', () => {
  const texts = [
    'driver=bridge label=env=prod name=web',
    'name="my net"',
    'label="desc=say \\"hi\\""',
    'name=a,b',
    'name=""',
    'id=abc type=custom dangling=false',
  ];
  for (const text of texts) {
    test(`formatting "${text}" and parsing it back gives the same filter`, () => {
      const filter = filterOf(text);
      assert.deepEqual(filterOf(formatFilter(filter)), filter);
    });
  }

  test('keys come out in a fixed order whatever order they were typed in', () => {
    assert.equal(formatFilter(filterOf('name=web --filter driver=bridge label=env=prod')), 'driver=bridge label=env=prod name=web');
  });

  test('an empty filter is empty and prints as nothing', () => {
    assert.ok(isEmptyFilter(emptyFilter()));
    assert.ok(isEmptyFilter(filterOf('  ')));
    assert.ok(!isEmptyFilter(filterOf('name=web')));
    assert.equal(formatFilter(emptyFilter()), '');
  });
});

describe("network filter: matching with the engine's semantics", () => {
  const cases: { text: string; expected: string[] }[] = [
    { text: '', expected: ['bridge', 'host', 'none', 'web', 'api', 'mesh', 'idle-net'] },
    // name and id: exact or unanchored, case-sensitive regular expression
    { text: 'name=dge', expected: ['bridge'] },
    { text: 'name=bridge', expected: ['bridge'] },
    { text: 'name=^w', expected: ['web'] },
    { text: 'name=Web', expected: [] },
    { text: 'name=(?i)WEB', expected: ['web'] },
    { text: 'name=web name=api', expected: ['web', 'api'] },
    { text: 'name=', expected: ['bridge', 'host', 'none', 'web', 'api', 'mesh', 'idle-net'] },
    { text: 'id=abc123', expected: ['web'] },
    // Unanchored: a partial ID matches anywhere in the ID, as on the engine (none's ID is 9876543210ab...).
    { text: 'id=ab', expected: ['none', 'web', 'api'] },
    { text: 'id=^ab', expected: ['web', 'api'] },
    { text: `id=${web.Id}`, expected: ['web'] },
    // driver and scope: exact
    { text: 'driver=bridge', expected: ['bridge', 'web', 'api', 'idle-net'] },
    { text: 'driver=bri', expected: [] },
    { text: 'driver=host driver=null', expected: ['host', 'none'] },
    { text: 'scope=swarm', expected: ['mesh'] },
    { text: 'scope=loc', expected: [] },
    // labels: key present or key=value; every label value must hold; different keys AND
    { text: 'label=env', expected: ['web', 'api'] },
    { text: 'label=env=prod', expected: ['web'] },
    { text: 'label=env=prod label=tier', expected: ['web'] },
    { text: 'label=env=prod label=env=dev', expected: [] },
    { text: 'label=env label=tier=back', expected: [] },
    { text: 'label=env driver=bridge name=a', expected: ['api'] },
    // type
    { text: 'type=builtin', expected: ['bridge', 'host', 'none'] },
    { text: 'type=custom', expected: ['web', 'api', 'mesh', 'idle-net'] },
    { text: 'type=builtin type=custom', expected: ['bridge', 'host', 'none', 'web', 'api', 'mesh', 'idle-net'] },
    { text: 'type=custom driver=bridge', expected: ['web', 'api', 'idle-net'] },
    // dangling: computed from containers, stopped ones included; built-ins are never dangling
    { text: 'dangling=true', expected: ['mesh', 'idle-net'] },
    { text: 'dangling=1', expected: ['mesh', 'idle-net'] },
    { text: 'dangling=false', expected: ['bridge', 'host', 'none', 'web', 'api'] },
    { text: 'dangling=0 type=custom', expected: ['web', 'api'] },
  ];
  for (const { text, expected } of cases) {
    test(`"${text || '(no filter)'}" keeps ${expected.length ? expected.join(', ') : 'nothing'}`, () => {
      assert.deepEqual(names(filterOf(text)), expected);
    });
  }

  test('a network only a stopped container uses is not dangling', () => {
    assert.ok(context.inUseNetworkIds.has(api.Id));
    assert.equal(matchesFilter(api, filterOf('dangling=true'), context), false);
  });

  test('a container names a network by its ID even when the name it recorded is outdated', () => {
    const used = inUseNetworkIds(ALL, [container('renamed', 'exited', { 'old-name': idle.Id })]);
    assert.deepEqual([...used], [idle.Id]);
  });

  test('a container naming a network the engine no longer has marks nothing as in use', () => {
    assert.equal(inUseNetworkIds(ALL, [container('orphan', 'created', { gone: 'gone-id' })]).size, 0);
  });

  test('a name pattern that would backtrack for ever is matched in linear time', () => {
    const long = network(`acc-${'a'.repeat(60)}`, { Id: 'a'.repeat(64) });
    const huge = network('a'.repeat(10_000), { Id: 'a'.repeat(10_000) });
    const started = performance.now();
    const filter = filterOf('name=(a+)+b');
    assert.deepEqual(filterNetworks([long, huge, web], filter, context), []);
    assert.deepEqual(filterNetworks([long, huge], filterOf('id=(a+)+b'), context), []);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 500, `took ${elapsed.toFixed(0)} ms`);
  });

  test('an invalid name pattern matches nothing, as on the engine', () => {
    assert.equal(matchesFilter(web, { ...emptyFilter(), name: ['('] }, context), false);
    assert.equal(matchesFilter(web, { ...emptyFilter(), name: ['['] }, context), false);
    assert.equal(matchesFilter(web, { ...emptyFilter(), id: ['('] }, context), false);
    assert.equal(matchesFilter(web, { ...emptyFilter(), name: ['(', 'we'] }, context), true);
  });

  test('a filter value that fails validation matches nothing instead of everything', () => {
    assert.equal(matchesFilter(web, { ...emptyFilter(), type: ['foo'] }, context), false);
    assert.equal(matchesFilter(idle, { ...emptyFilter(), dangling: ['maybe'] }, context), false);
  });
});
