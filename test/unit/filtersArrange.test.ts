import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { buildExplorerModel } from '../../src/model/explorer';
import { arrangeNetworks, groupNetworks, sortNetworks } from '../../src/model/filters/arrange';
import { network } from '../support/fixtures';

const models = buildExplorerModel(
  [
    network('net-10', { Created: '2026-01-10T00:00:00Z' }),
    network('net-2', { Created: '2026-01-02T00:00:00.000000002Z' }),
    network('bridge', { Created: '2025-06-01T08:00:00+02:00' }),
    network('host', { Driver: 'host', Created: '2025-06-01T06:00:00Z' }),
    network('none', { Driver: 'null', Created: '' }),
    network('mesh', { Driver: 'overlay', Scope: 'swarm', Created: '2026-01-02T00:00:00.000000001Z' }),
    network('Apps', { Driver: 'macvlan', Created: '2026-02-01T00:00:00Z' }),
    network('legacy', { Created: 'not a date' }),
  ],
  [],
).networks;
const names = (list: readonly { name: string }[]) => list.map(n => n.name);

describe('arranging networks: sorting', () => {
  test('by name in natural order: net-2 before net-10', () => {
    assert.deepEqual(names(sortNetworks([...models].reverse(), 'name')), [
      'Apps',
      'bridge',
      'host',
      'legacy',
      'mesh',
      'net-2',
      'net-10',
      'none',
    ]);
  });

  test('by creation time newest first, to the nanosecond, unknown times last in name order', () => {
    assert.deepEqual(names(sortNetworks(models, 'created')), ['Apps', 'net-10', 'net-2', 'mesh', 'bridge', 'host', 'legacy', 'none']);
  });

  test('equal creation times fall back to name order', () => {
    const same = buildExplorerModel([network('b'), network('a'), network('c')], []).networks;
    assert.deepEqual(names(sortNetworks([...same].reverse(), 'created')), ['a', 'b', 'c']);
  });

  test('the input is left untouched', () => {
    const input = [...models].reverse();
    const before = names(input);
    sortNetworks(input, 'created');
    assert.deepEqual(names(input), before);
  });
});

describe('arranging networks: grouping', () => {
  test('no grouping gives one group with every network in the given order', () => {
    const groups = groupNetworks(models, 'none');
    assert.equal(groups.length, 1);
    assert.deepEqual(names(groups[0]!.networks), names(models));
  });

  test('by driver: groups sorted by driver, networks keep their order inside', () => {
    const groups = groupNetworks(sortNetworks(models, 'name'), 'driver');
    assert.deepEqual(
      groups.map(g => [g.key, g.label, names(g.networks)]),
      [
        ['bridge', 'bridge', ['bridge', 'legacy', 'net-2', 'net-10']],
        ['host', 'host', ['host']],
        ['macvlan', 'macvlan', ['Apps']],
        ['null', 'null', ['none']],
        ['overlay', 'overlay', ['mesh']],
      ],
    );
  });

  test('by scope', () => {
    const groups = groupNetworks(sortNetworks(models, 'name'), 'scope');
    assert.deepEqual(
      groups.map(g => [g.key, names(g.networks)]),
      [
        ['local', ['Apps', 'bridge', 'host', 'legacy', 'net-2', 'net-10', 'none']],
        ['swarm', ['mesh']],
      ],
    );
  });

  test('hiding built-ins removes bridge, host and none, and groups left empty disappear', () => {
    const groups = groupNetworks(models, 'driver', { hideBuiltIn: true });
    assert.deepEqual(
      groups.map(g => g.key),
      ['bridge', 'macvlan', 'overlay'],
    );
    assert.ok(!groups.some(g => g.networks.some(n => n.builtIn)));
  });

  test('a network reporting no driver goes to a "(none)" group placed last', () => {
    const odd = buildExplorerModel([network('x', { Driver: '' }), network('y')], []).networks;
    assert.deepEqual(
      groupNetworks(odd, 'driver').map(g => [g.key, g.label]),
      [
        ['bridge', 'bridge'],
        ['', '(none)'],
      ],
    );
  });

  test('arrangeNetworks hides, sorts, then groups', () => {
    const groups = arrangeNetworks(models, { sortBy: 'created', groupBy: 'driver', hideBuiltIn: true });
    assert.deepEqual(
      groups.map(g => [g.key, names(g.networks)]),
      [
        ['bridge', ['net-10', 'net-2', 'legacy']],
        ['macvlan', ['Apps']],
        ['overlay', ['mesh']],
      ],
    );
    assert.deepEqual(names(arrangeNetworks(models)[0]!.networks), ['Apps', 'bridge', 'host', 'legacy', 'mesh', 'net-2', 'net-10', 'none']);
  });
});
