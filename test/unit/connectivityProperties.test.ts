// Properties of the connectivity analysis on random topologies (user bridges, internal and ICC-off networks, the
// default bridge, aliases, stopped containers, none and host): the verdict agrees with the paths and names it gives,
// reachability by address is symmetric, and the suggested fix, applied, makes A reach B by name.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyseConnectivity, connectivityMarkdown } from '../../src/model/connectivity';
import { buildExplorerModel, ExplorerModel } from '../../src/model/explorer';
import { Topology, topologyArbitrary, topologyFixtures } from '../support/connectivityTopology';

const RUNS = { numRuns: 300, seed: 20261203 };
const topologies = topologyArbitrary('t', { networks: [1, 4], containers: [2, 6], hostContainers: 1 });

function modelOf(topology: Topology): ExplorerModel {
  const { networks, containers } = topologyFixtures(topology);
  return buildExplorerModel(networks, containers);
}

function* pairs(model: ExplorerModel) {
  for (const a of model.containers) for (const b of model.containers) if (a.id !== b.id) yield [a, b] as const;
}

describe('connectivity on random topologies', () => {
  test('the verdict follows from the paths and names the report gives', () => {
    fc.assert(
      fc.property(topologies, topology => {
        const model = modelOf(topology);
        for (const [a, b] of pairs(model)) {
          const report = analyseConnectivity(model, a.id, b.id)!;
          const open = report.paths.filter(p => p.open && p.address);
          const name = report.names.find(n => n.kind === 'name')!;
          assert.equal(report.verdict === 'unreachable', open.length === 0, report.summary);
          if (report.verdict === 'reachable') {
            assert.ok(name.resolvesTo?.open, report.summary);
            assert.ok(open.some(p => p.address === name.resolvesTo!.address));
          }
          if (!a.running || !b.running) assert.equal(report.verdict, 'unreachable');
          if (report.verdict !== 'unreachable') assert.ok(report.blockers.every(blocker => blocker.code !== 'noSharedNetwork'));
          else assert.ok(report.blockers.length > 0, `an unreachable pair says why: ${report.summary}`);
          assert.ok(connectivityMarkdown(report).length > 0);
        }
      }),
      RUNS,
    );
  });

  test('reaching by address is symmetric: the engine drops or passes both directions alike', () => {
    fc.assert(
      fc.property(topologies, topology => {
        const model = modelOf(topology);
        for (const [a, b] of pairs(model)) {
          const there = analyseConnectivity(model, a.id, b.id)!.verdict !== 'unreachable';
          const back = analyseConnectivity(model, b.id, a.id)!.verdict !== 'unreachable';
          assert.equal(there, back, `${a.name} ↔ ${b.name}`);
        }
      }),
      RUNS,
    );
  });

  test('the suggested fix, applied, lets A reach B by name', () => {
    fc.assert(
      fc.property(topologies, topology => {
        const model = modelOf(topology);
        for (const [a, b] of pairs(model)) {
          const fix = analyseConnectivity(model, a.id, b.id)!.fix;
          if (!fix || !a.running || !b.running) continue;
          const fixed: Topology = {
            ...topology,
            containers: topology.containers.map(c =>
              c.name === fix.container.name ? { ...c, networks: [...c.networks, { network: fix.network.name, aliases: [] }] } : c,
            ),
          };
          const after = modelOf(fixed);
          const idOf = (name: string) => after.containers.find(c => c.name === name)!.id;
          const report = analyseConnectivity(after, idOf(a.name), idOf(b.name))!;
          assert.equal(report.verdict, 'reachable', `${a.name} → ${b.name} after "${fix.text}": ${report.summary}`);
        }
      }),
      RUNS,
    );
  });

  test('a pair with no way by name gets a fix or advice, never silence', () => {
    fc.assert(
      fc.property(topologies, topology => {
        const model = modelOf(topology);
        for (const [a, b] of pairs(model)) {
          const report = analyseConnectivity(model, a.id, b.id)!;
          if (report.verdict !== 'reachable') assert.ok(report.fix || report.advice, `${a.name} → ${b.name}: ${report.summary}`);
        }
      }),
      RUNS,
    );
  });
});
