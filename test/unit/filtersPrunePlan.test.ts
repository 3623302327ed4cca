import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { matchesPruneLabels, parsePruneLabels, planPrune, validatePruneOptions, type PrunePlan } from '../../src/model/filters/prunePlan';

import { containerOn as container, network } from '../support/fixtures';

const NOW = new Date('2026-12-01T12:00:00Z');
const summary = (plan: PrunePlan) => ({
  removable: plan.removable.map(n => n.Name),
  kept: plan.keptReferencedByStopped.map(k => [k.network.Name, k.containers]),
  skipped: plan.skipped.map(s => [s.network.Name, s.reason]),
});

describe('prune plan: which networks go', () => {
  const used = network('used');
  const stoppedOnly = network('stopped-only');
  const mixed = network('mixed');
  const networks = [
    network('bridge'),
    network('host', { Driver: 'host' }),
    network('none', { Driver: 'null' }),
    network('unused'),
    used,
    stoppedOnly,
    mixed,
    network('cfg', { ConfigOnly: true }),
    network('ingress', { Driver: 'overlay', Scope: 'swarm', Ingress: true }),
    network('paused-net'),
  ];
  const containers = [
    container('web', 'running', { used: used.Id, bridge: '' }),
    container('job-2', 'exited', { 'stopped-only': stoppedOnly.Id }),
    container('job-10', 'created', { 'stopped-only': '' }),
    container('old', 'exited', { mixed: mixed.Id }),
    container('live', 'running', { mixed: mixed.Id }),
    container('sleeper', 'paused', { 'paused-net': '' }),
  ];
  const plan = planPrune(networks, containers, { now: NOW });

  test('custom networks no container is configured on are removable', () => {
    assert.deepEqual(summary(plan).removable, ['unused']);
  });

  test('a network only stopped containers use is listed apart with those containers, in natural order', () => {
    assert.deepEqual(summary(plan).kept, [['stopped-only', ['job-2', 'job-10']]]);
  });

  test('a network with a running or paused container stays, even when stopped ones use it too', () => {
    const skipped = Object.fromEntries(summary(plan).skipped);
    assert.equal(skipped.used, 'inUse');
    assert.equal(skipped.mixed, 'inUse');
    assert.equal(skipped['paused-net'], 'inUse');
    assert.match(plan.skipped.find(s => s.network.Name === 'mixed')!.detail, /running container "live"/);
  });

  test('built-in networks are never pruned, even unused', () => {
    const skipped = Object.fromEntries(summary(plan).skipped);
    assert.equal(skipped.bridge, 'builtIn');
    assert.equal(skipped.host, 'builtIn');
    assert.equal(skipped.none, 'builtIn');
  });

  test('config-only networks are never pruned', () => {
    assert.equal(Object.fromEntries(summary(plan).skipped).cfg, 'configOnly');
  });

  test('the swarm ingress network is never pruned', () => {
    assert.equal(Object.fromEntries(summary(plan).skipped).ingress, 'ingress');
  });

  test('every network ends up in exactly one list', () => {
    const all = [...plan.removable, ...plan.keptReferencedByStopped.map(k => k.network), ...plan.skipped.map(s => s.network)];
    assert.equal(all.length, networks.length);
    assert.equal(new Set(all).size, networks.length);
  });

  test('a stopped container naming the network by a stale ID still counts, by name', () => {
    const recreated = network('recreated');
    const result = planPrune([recreated], [container('stale', 'exited', { recreated: 'old-id' })], { now: NOW });
    assert.deepEqual(summary(result).kept, [['recreated', ['stale']]]);
  });
});

describe('prune plan: until', () => {
  const networks = [
    network('ancient', { Created: '2020-01-01T00:00:00Z' }),
    network('yesterday', { Created: '2026-11-30T11:00:00Z' }),
    network('hour-ago', { Created: '2026-12-01T11:00:00Z' }),
    network('exact-cutoff', { Created: '2026-12-01T11:30:00Z' }),
    network('just-after', { Created: '2026-12-01T11:30:00.000000001Z' }),
    network('unknown-date', { Created: '' }),
  ];
  const cases: { until: string; removable: string[]; offset?: number }[] = [
    { until: '24h', removable: ['ancient', 'unknown-date', 'yesterday'] },
    { until: '30m', removable: ['ancient', 'exact-cutoff', 'hour-ago', 'unknown-date', 'yesterday'] },
    { until: '1h', removable: ['ancient', 'hour-ago', 'unknown-date', 'yesterday'] },
    { until: '1h30m', removable: ['ancient', 'unknown-date', 'yesterday'] },
    { until: '0.5h', removable: ['ancient', 'exact-cutoff', 'hour-ago', 'unknown-date', 'yesterday'] },
    { until: '2026-12-01T11:30:00Z', removable: ['ancient', 'exact-cutoff', 'hour-ago', 'unknown-date', 'yesterday'] },
    {
      until: '2026-12-01T11:30:00.000000001Z',
      removable: ['ancient', 'exact-cutoff', 'hour-ago', 'just-after', 'unknown-date', 'yesterday'],
    },
    { until: '2026-12-01T12:30:00+01:00', removable: ['ancient', 'exact-cutoff', 'hour-ago', 'unknown-date', 'yesterday'] },
    { until: '2026-12-01', removable: ['ancient', 'unknown-date', 'yesterday'], offset: 0 },
    { until: '2026-12-01T11', removable: ['ancient', 'hour-ago', 'unknown-date', 'yesterday'], offset: 0 },
    { until: '2026-12-01T12:30', removable: ['ancient', 'exact-cutoff', 'hour-ago', 'unknown-date', 'yesterday'], offset: 60 },
    { until: '2026-12-01T06:30:00', removable: ['ancient', 'exact-cutoff', 'hour-ago', 'unknown-date', 'yesterday'], offset: -300 },
    {
      until: String(Date.parse('2026-12-01T11:30:00Z') / 1000),
      removable: ['ancient', 'exact-cutoff', 'hour-ago', 'unknown-date', 'yesterday'],
    },
    { until: '0', removable: ['unknown-date'] },
  ];
  for (const { until, removable, offset } of cases) {
    test(`until=${until}${offset !== undefined ? ` (engine zone UTC${offset >= 0 ? '+' : ''}${offset / 60})` : ''} removes ${removable.join(', ')}`, () => {
      const plan = planPrune(networks, [], { now: NOW, until, localUtcOffsetMinutes: offset ?? 0 });
      assert.deepEqual(plan.removable.map(n => n.Name).sort(), removable);
      for (const skip of plan.skipped) assert.equal(skip.reason, 'createdAfterUntil');
    });
  }

  test('a duration cutoff is truncated to whole seconds, as the engine does', () => {
    const now = new Date('2026-12-01T12:00:00.900Z');
    const net = network('edge', { Created: '2026-12-01T11:00:00.500Z' });
    // now - 1h = 11:00:00.900, truncated to 11:00:00: the network (11:00:00.5) is after it and stays.
    assert.deepEqual(planPrune([net], [], { now, until: '1h' }).removable, []);
  });

  const invalid = ['yesterday', '2026-13-01', '24 hours', '1d', '2026-12-01T25:00:00Z', '12:00'];
  for (const until of invalid) {
    test(`until=${until} is refused before anything is planned`, () => {
      const error = validatePruneOptions({ now: NOW, until });
      assert.ok(error, `expected ${until} to be refused`);
      assert.match(error, /invalid value for 'until' filter/);
      assert.throws(() => planPrune([], [], { now: NOW, until }), /until/);
    });
  }

  test('valid options have no error', () => {
    assert.equal(validatePruneOptions({ now: NOW }), undefined);
    assert.equal(validatePruneOptions({ now: NOW, until: '10m' }), undefined);
  });
});

describe('prune plan: label and label!', () => {
  const networks = [
    network('prod-web', { Labels: { env: 'prod', tier: 'web' } }),
    network('prod-db', { Labels: { env: 'prod', keep: '' } }),
    network('dev', { Labels: { env: 'dev' } }),
    network('plain', { Labels: null }),
  ];
  const cases: { labels: string[]; removable: string[] }[] = [
    { labels: [], removable: ['dev', 'plain', 'prod-db', 'prod-web'] },
    { labels: ['env'], removable: ['dev', 'prod-db', 'prod-web'] },
    { labels: ['env=prod'], removable: ['prod-db', 'prod-web'] },
    { labels: ['env=prod', 'tier=web'], removable: ['prod-web'] },
    { labels: ['env=prod', 'env=dev'], removable: [] },
    { labels: ['!keep'], removable: ['dev', 'plain', 'prod-web'] },
    { labels: ['!env=prod'], removable: ['dev', 'plain'] },
    { labels: ['env', '!env=dev'], removable: ['prod-db', 'prod-web'] },
    // label! values must ALL hold to keep a network (the engine's MatchKVList).
    { labels: ['!env=prod', '!tier=web'], removable: ['dev', 'plain', 'prod-db'] },
    { labels: [' ! keep '], removable: ['dev', 'plain', 'prod-web'] },
  ];
  for (const { labels, removable } of cases) {
    test(`labels ${JSON.stringify(labels)} remove ${removable.join(', ') || 'nothing'}`, () => {
      const plan = planPrune(networks, [], { now: NOW, labels });
      assert.deepEqual(
        plan.removable.map(n => n.Name),
        removable,
      );
      for (const skip of plan.skipped) assert.equal(skip.reason, 'labelMismatch');
    });
  }

  test("labels split into the engine's label and label! filters", () => {
    assert.deepEqual(parsePruneLabels(['a', '!b=1', 'a']), { include: ['a'], exclude: ['b=1'] });
    assert.equal(matchesPruneLabels({ a: '1' }, { include: ['a'], exclude: ['a=1'] }), false);
  });

  test('filters and usage combine: a label-matching network a stopped container uses is listed apart', () => {
    const net = network('tagged', { Labels: { env: 'prod' } });
    const plan = planPrune([net], [container('batch', 'exited', { tagged: net.Id })], { now: NOW, labels: ['env=prod'] });
    assert.deepEqual(summary(plan).kept, [['tagged', ['batch']]]);
  });
});
