import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { container, endpointSettings, network, withSubnet } from '../support/fixtures';
import { buildExplorerModel, ExplorerModel } from '../../src/model/explorer';
import type { ContainerSummary, Network } from '../../src/model/engineTypes';
import {
  buildTopology,
  containerNodeIdOf,
  DEFAULT_TOPOLOGY_ENGINE,
  endpointEdgeIdOf,
  endpointLabel,
  networkMarks,
  networkNodeIdOf,
  searchableText,
  TopologyContainerNode,
  TopologyNetworkNode,
} from '../../src/model/topology/graph';
import { LaidOutNode, LaidOutTopology, MAX_PART_NODES, TopologyLayout } from '../../src/model/topology/layout';
import { applyDiff, diffTopology, isEmptyDiff } from '../../src/model/topology/diff';
import { MAX_EXPORT_CHARS, validateFromWebview } from '../../src/model/topology/protocol';

// The benchmark's generator: engine-shaped lists of any size, without an engine.
const { topologyLists, withNetworkAndTwoEndpoints } = require(path.resolve(__dirname, '../../../bench/lib/topologyFixture.js')) as {
  topologyLists(o: { networks: number; containers: number; shape?: string }): { networks: Network[]; containers: ContainerSummary[] };
  withNetworkAndTwoEndpoints(
    lists: { networks: Network[]; containers: ContainerSummary[] },
    index: number,
    containers: number[],
  ): { networks: Network[]; containers: ContainerSummary[] };
};

const web = withSubnet('web', '10.10.0.0/24', '10.10.0.1', { Attachable: true, EnableIPv6: true });
const db = withSubnet('db', '10.20.0.0/24', undefined, { Internal: true });
const lonely = network('lonely', { Driver: 'macvlan' });
const bridge = network('bridge');

function sample(): ExplorerModel {
  return buildExplorerModel(
    [web, db, lonely, bridge],
    [
      container('api', 'running', {
        web: endpointSettings(web.Id, '10.10.0.2', 24, { Aliases: ['api-alias'], GlobalIPv6Address: 'fd00::2', GlobalIPv6PrefixLen: 64 }),
        db: endpointSettings(db.Id, '10.20.0.2', 24),
      }),
      container('worker', 'exited', { db: endpointSettings('', '', 0, { IPAMConfig: { IPv4Address: '10.20.0.9' } }) }),
      container('hermit', 'created', {}),
    ],
  );
}

const laidOut = (model: ExplorerModel) => new TopologyLayout().update(buildTopology(model));

function overlapping(nodes: readonly LaidOutNode[]): [string, string][] {
  const pairs: [string, string][] = [];
  const sorted = [...nodes].sort((a, b) => a.x - a.width / 2 - (b.x - b.width / 2));
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length && sorted[j].x - sorted[j].width / 2 < sorted[i].x + sorted[i].width / 2; j++) {
      const [a, b] = [sorted[i], sorted[j]];
      if (Math.abs(a.y - b.y) < (a.height + b.height) / 2) pairs.push([a.name, b.name]);
    }
  return pairs;
}

describe('topology graph', () => {
  const graph = buildTopology(sample());
  const node = (name: string) => graph.nodes.find(n => n.name === name)!;

  test('networks and containers are nodes, endpoints the edges between them', () => {
    assert.deepEqual(graph.nodes.map(n => `${n.kind} ${n.name}`).sort(), [
      'container api',
      'container hermit',
      'container worker',
      'network bridge',
      'network db',
      'network lonely',
      'network web',
    ]);
    assert.deepEqual(
      graph.edges.map(e => e.id).sort(),
      [
        endpointEdgeIdOf(db.Id, 'api'.padEnd(64, 'c')),
        endpointEdgeIdOf(db.Id, 'worker'.padEnd(64, 'c')),
        endpointEdgeIdOf(web.Id, 'api'.padEnd(64, 'c')),
      ].sort(),
    );
    for (const edge of graph.edges) {
      assert.equal(edge.source, networkNodeIdOf(edge.networkId));
      assert.equal(edge.target, containerNodeIdOf(edge.containerId));
    }
  });

  test('a network carries its driver, subnets and internal, attachable and IPv6 marks', () => {
    const w = node('web') as TopologyNetworkNode;
    assert.equal(w.driver, 'bridge');
    assert.deepEqual(w.subnets, ['10.10.0.0/24']);
    assert.deepEqual(networkMarks(w), ['attachable', 'IPv6']);
    assert.deepEqual(networkMarks(node('db') as TopologyNetworkNode), ['internal']);
    assert.equal((node('bridge') as TopologyNetworkNode).builtIn, true);
    assert.equal((node('lonely') as TopologyNetworkNode).driver, 'macvlan');
  });

  test('a container on two networks is a bridge; one on one network or none is not', () => {
    assert.equal((node('api') as TopologyContainerNode).bridge, true);
    assert.equal((node('worker') as TopologyContainerNode).bridge, false);
    assert.equal((node('hermit') as TopologyContainerNode).bridge, false);
  });

  test('edges carry IPv4 and IPv6 with prefix and the aliases; a stopped container’s endpoint is marked as not running', () => {
    const api = graph.edges.find(e => e.networkId === web.Id)!;
    assert.equal(endpointLabel(api), '10.10.0.2/24 · fd00::2/64 · api-alias');
    const worker = graph.edges.find(e => e.containerId.startsWith('worker'))!;
    assert.equal(worker.running, false);
    assert.equal(endpointLabel(worker), '10.20.0.9');
  });

  test('with the Networks view filtered, only its networks and the containers on them are drawn', () => {
    const model = sample();
    const filtered = buildTopology(model, { networks: model.networks.filter(n => n.name === 'db') });
    assert.deepEqual(filtered.nodes.map(n => n.name).sort(), ['api', 'db', 'worker']);
    // api is on one network of the picture now: it bridges nothing that is drawn.
    assert.equal((filtered.nodes.find(n => n.name === 'api') as TopologyContainerNode).bridge, false);
    assert.equal(filtered.edges.length, 2);
  });

  test('search text has names, subnets, addresses and aliases', () => {
    assert.match(searchableText(node('web')), /10\.10\.0\.0\/24/);
    assert.match(searchableText(graph.edges.find(e => e.networkId === web.Id)!), /api-alias/);
    assert.match(searchableText(node('worker')), /exited/);
  });
});

describe('topology layout', () => {
  test('every node gets a box, and no two boxes overlap', () => {
    const picture = laidOut(sample());
    assert.equal(picture.nodes.length, 7);
    assert.deepEqual(overlapping(picture.nodes), []);
    for (const n of picture.nodes) assert.ok(Number.isFinite(n.x) && Number.isFinite(n.y) && n.width > 0 && n.height > 0);
  });

  test('networks are drawn above the containers on them', () => {
    const picture = laidOut(sample());
    const y = (name: string) => picture.nodes.find(n => n.name === name)!.y;
    assert.ok(y('web') < y('api'));
    assert.ok(y('db') < y('worker'));
  });

  test('300 networks, 600 containers: no overlaps, and an added network moves no node of the parts it does not touch', () => {
    const lists = topologyLists({ networks: 300, containers: 600 });
    const layout = new TopologyLayout();
    const before = layout.update(buildTopology(buildExplorerModel(lists.networks, lists.containers)));
    assert.equal(before.nodes.length, 900);
    assert.deepEqual(overlapping(before.nodes), []);
    const next = withNetworkAndTwoEndpoints(lists, 0, [11, 211]);
    const after = layout.update(buildTopology(buildExplorerModel(next.networks, next.containers)));
    assert.equal(after.nodes.length, 901);
    assert.deepEqual(overlapping(after.nodes), []);
    const old = new Map(before.nodes.map(n => [n.id, n]));
    const moved = after.nodes.filter(n => old.has(n.id) && (old.get(n.id)!.x !== n.x || old.get(n.id)!.y !== n.y));
    // Only the two parts the new network joins are laid out again: at most 2 × 30 of 900 nodes.
    assert.ok(moved.length <= 60, `${moved.length} nodes moved`);
  });

  test('a network every part is on goes to the hub row instead of fusing the picture into one part', () => {
    const lists = topologyLists({ networks: 300, containers: 600, shape: 'connected' });
    const picture = new TopologyLayout().update(buildTopology(buildExplorerModel(lists.networks, lists.containers)));
    const hubs = picture.nodes.filter(n => n.hub);
    assert.deepEqual(
      hubs.map(n => n.name),
      ['proxy'],
    );
    const others = picture.nodes.filter(n => !n.hub);
    assert.ok(hubs[0].y < Math.min(...others.map(n => n.y)));
    assert.deepEqual(overlapping(picture.nodes), []);
    assert.ok(MAX_PART_NODES < 900);
  });

  test('reset lays everything out afresh; the same graph twice gives the same picture', () => {
    const layout = new TopologyLayout();
    const graph = buildTopology(sample());
    const a = layout.update(graph);
    const b = layout.update(graph);
    assert.deepEqual(b, a);
    layout.reset();
    assert.deepEqual(
      layout
        .update(graph)
        .nodes.map(n => n.id)
        .sort(),
      a.nodes.map(n => n.id).sort(),
    );
  });

  test('a long name widens its box', () => {
    const long = 'x'.repeat(30);
    const model = buildExplorerModel([network(long), network('a')], []);
    const picture = laidOut(model);
    const width = (name: string) => picture.nodes.find(n => n.name === name)!.width;
    assert.ok(width(long) > width('a'));
  });
});

describe('topology diff', () => {
  test('an unchanged picture gives an empty diff; applying a diff gives the new picture', () => {
    const layout = new TopologyLayout();
    const model = sample();
    const before = layout.update(buildTopology(model));
    assert.ok(isEmptyDiff(diffTopology(before, layout.update(buildTopology(model)))));

    const next = buildExplorerModel(
      [web, db, lonely, bridge, withSubnet('new-net', '10.30.0.0/24')],
      [
        container('api', 'exited', { web: endpointSettings(web.Id, '', 0) }),
        container('hermit', 'created', {}),
        container('fresh', 'running', {}),
      ],
    );
    const after = layout.update(buildTopology(next));
    const diff = diffTopology(before, after);
    assert.ok(diff.upsertNodes.some(n => n.name === 'new-net'));
    assert.ok(diff.upsertNodes.some(n => n.name === 'fresh'));
    assert.ok(diff.upsertNodes.some(n => n.name === 'api' && n.kind === 'container' && !n.running));
    assert.ok(diff.removeNodes.includes(containerNodeIdOf('worker'.padEnd(64, 'c'))));
    assert.equal(diff.removeEdges.length, 2, 'api left db, worker is gone');
    assert.equal(diff.addedNodes, 2);
    const applied = applyDiff(before, diff);
    const byId = (p: LaidOutTopology) => JSON.stringify([...p.nodes].sort((a, b) => (a.id < b.id ? -1 : 1)));
    assert.equal(byId(applied), byId(after));
    assert.deepEqual(applied.edges.map(e => e.id).sort(), after.edges.map(e => e.id).sort());
  });

  test('from nothing, the diff adds everything', () => {
    const picture = laidOut(sample());
    const diff = diffTopology(undefined, picture);
    assert.equal(diff.upsertNodes.length, picture.nodes.length);
    assert.equal(diff.addedEdges, picture.edges.length);
  });
});

describe('messages from the topology webview', () => {
  const picture = laidOut(sample());
  const id = (name: string) => picture.nodes.find(n => n.name === name)!.id;
  const edge = picture.edges[0].id;
  const engine = DEFAULT_TOPOLOGY_ENGINE;

  test('known messages with IDs of the picture and their engine pass, typed', () => {
    assert.deepEqual(validateFromWebview({ type: 'ready' }, picture), { ok: true, message: { type: 'ready' } });
    assert.deepEqual(validateFromWebview({ type: 'reveal', id: id('web'), engine }, picture), {
      ok: true,
      message: { type: 'reveal', id: id('web'), engine },
    });
    assert.ok(validateFromWebview({ type: 'inspect', id: edge, engine }, picture).ok);
    assert.ok(validateFromWebview({ type: 'action', action: 'connect', id: id('api'), engine }, picture).ok);
    assert.ok(validateFromWebview({ type: 'action', action: 'disconnect', id: edge, engine }, picture).ok);
    assert.ok(validateFromWebview({ type: 'action', action: 'remove', id: id('lonely'), engine }, picture).ok);
    assert.deepEqual(validateFromWebview({ type: 'drop', container: id('hermit'), network: id('web'), engine, extra: 1 }, picture), {
      ok: true,
      message: { type: 'drop', container: id('hermit'), network: id('web'), engine },
    });
  });

  test('unknown types and actions, and non-messages, are refused', () => {
    for (const raw of [null, 'ready', 42, [], {}, { type: 'eval', code: 'x' }, { type: 'action', action: 'rm -rf', id: id('web'), engine }])
      assert.equal(validateFromWebview(raw, picture).ok, false, JSON.stringify(raw));
    assert.equal(validateFromWebview({ type: 'action', action: '__proto__', id: id('web'), engine }, picture).ok, false);
  });

  test('IDs that are not in the current picture, of the wrong kind, or without their engine are refused', () => {
    const refused = (raw: unknown) => {
      const result = validateFromWebview(raw, picture);
      assert.equal(result.ok, false, JSON.stringify(raw));
      return result.ok ? '' : result.reason;
    };
    assert.match(refused({ type: 'reveal', id: 'n:nope', engine }), /not in the picture/);
    assert.match(refused({ type: 'reveal', id: 17, engine }), /not an ID/);
    assert.match(refused({ type: 'action', action: 'remove', id: id('api'), engine }), /is a container, not a network/);
    assert.match(refused({ type: 'drop', container: id('web'), network: id('api'), engine }), /is a network, not a container/);
    assert.match(refused({ type: 'inspect', id: 'x'.repeat(700), engine }), /not an ID/);
    assert.match(refused({ type: 'reveal', id: id('web') }), /not on engine/);
    assert.match(refused({ type: 'reveal', id: id('web'), engine: 'engine:tcp://elsewhere:2375' }), /not on engine/);
    assert.equal(validateFromWebview({ type: 'reveal', id: id('web'), engine }, undefined).ok, false, 'before any picture was sent');
  });

  test('exports must be an SVG document or a PNG data URL of bounded size', () => {
    assert.ok(validateFromWebview({ type: 'export', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }, picture).ok);
    assert.ok(validateFromWebview({ type: 'export', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' }, picture).ok);
    assert.equal(validateFromWebview({ type: 'export', format: 'svg', data: '<script>alert(1)</script>' }, picture).ok, false);
    assert.equal(validateFromWebview({ type: 'export', format: 'png', data: 'data:text/html;base64,PHNjcmlwdD4=' }, picture).ok, false);
    assert.equal(validateFromWebview({ type: 'export', format: 'gif', data: 'x' }, picture).ok, false);
    assert.equal(validateFromWebview({ type: 'export', format: 'svg', data: `<svg>${'x'.repeat(MAX_EXPORT_CHARS)}` }, picture).ok, false);
  });
});
