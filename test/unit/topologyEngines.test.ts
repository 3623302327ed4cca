// The topology picture of several engines: a group per engine, node IDs unique across engines, swarm-scope networks
// that several engines see merged into one node outside the groups, and a layout where one engine's change moves
// nothing of the others.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { container, endpointSettings, network } from '../support/fixtures';
import { buildExplorerModel, ExplorerModel } from '../../src/model/explorer';
import type { ContainerSummary, Network } from '../../src/model/engineTypes';
import {
  buildEnginesTopology,
  buildTopology,
  EngineTopologyInput,
  groupIdOf,
  TopologyGraph,
  TopologyNetworkNode,
} from '../../src/model/topology/graph';
import { EnginesLayout } from '../../src/model/topology/groupLayout';
import type { Bounds, LaidOutNode, LaidOutTopology } from '../../src/model/topology/layout';
import { applyDiff, diffTopology, isEmptyDiff } from '../../src/model/topology/diff';
import { validateFromWebview, validateMenuContext } from '../../src/model/topology/protocol';

const { topologyLists } = require(path.resolve(__dirname, '../../../bench/lib/topologyFixture.js')) as {
  topologyLists(o: { networks: number; containers: number; shape?: string }): { networks: Network[]; containers: ContainerSummary[] };
};

const A = 'engine:unix:///run/a.sock';
const B = 'engine:tcp://10.0.0.2:2376';
const ingress = network('ingress', { Driver: 'overlay', Scope: 'swarm', Ingress: true });
const overlay = network('app-overlay', { Driver: 'overlay', Scope: 'swarm', Attachable: true });
const onlyOnA = network('a-only-overlay', { Driver: 'overlay', Scope: 'swarm' });
// Local networks: the same ID on both engines (the fixture derives IDs from names), as two engines' could.
const bridge = network('bridge');
const web = network('web');

function engineA(): ExplorerModel {
  return buildExplorerModel(
    [bridge, web, ingress, overlay, onlyOnA],
    [
      container('a-api', 'running', {
        web: endpointSettings(web.Id, '10.1.0.2', 24),
        'app-overlay': endpointSettings(overlay.Id, '10.9.0.2', 24),
      }),
      container('a-task', 'running', { ingress: endpointSettings(ingress.Id, '10.0.0.5', 24) }),
    ],
  );
}

function engineB(extra: Network[] = []): ExplorerModel {
  return buildExplorerModel(
    [bridge, ingress, overlay, ...extra],
    [
      container('b-db', 'running', { 'app-overlay': endpointSettings(overlay.Id, '10.9.0.3', 24) }),
      container('b-task', 'running', { ingress: endpointSettings(ingress.Id, '10.0.0.6', 24) }),
      container('b-hermit', 'exited', {}),
    ],
  );
}

const input = (engineId: string, name: string, model?: ExplorerModel, note?: string): EngineTopologyInput => ({
  engineId,
  name,
  host: engineId.slice('engine:'.length),
  ...(model ? { model } : {}),
  ...(note ? { note } : {}),
});

const twoEngines = (b = engineB()): TopologyGraph => buildEnginesTopology([input(A, 'alpha', engineA()), input(B, 'beta', b)]);

const inside = (node: LaidOutNode, box: Bounds) =>
  node.x - node.width / 2 >= box.x &&
  node.x + node.width / 2 <= box.x + box.width &&
  node.y - node.height / 2 >= box.y &&
  node.y + node.height / 2 <= box.y + box.height;
const apart = (a: Bounds, b: Bounds) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
const boxOfNode = (n: LaidOutNode): Bounds => ({ x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height });

describe('topology of several engines: the graph', () => {
  test('with one engine the picture is the single-engine one: no group, IDs as they were', () => {
    const model = engineA();
    const one = buildEnginesTopology([input(A, 'alpha', model)]);
    assert.equal(one.groups, undefined);
    assert.deepEqual(one, buildTopology(model, { engineId: A }));
    assert.ok(one.nodes.some(n => n.id === `n:${web.Id}`));
    assert.ok(one.nodes.every(n => !n.group));
  });

  test('each engine has a group; its local networks and containers are in it, with IDs unique across engines', () => {
    const graph = twoEngines();
    assert.deepEqual(
      graph.groups?.map(g => [g.id, g.name]),
      [
        [groupIdOf(A), 'alpha'],
        [groupIdOf(B), 'beta'],
      ],
    );
    const bridges = graph.nodes.filter(n => n.kind === 'network' && n.networkId === bridge.Id);
    assert.deepEqual(bridges.map(n => n.group).sort(), [groupIdOf(A), groupIdOf(B)].sort(), 'the same local network ID twice: two nodes');
    const ids = [...graph.nodes.map(n => n.id), ...graph.edges.map(e => e.id)];
    assert.equal(new Set(ids).size, ids.length, 'no ID twice');
    const api = graph.nodes.find(n => n.name === 'a-api')!;
    assert.equal(api.kind === 'container' && api.engineId, A);
    assert.equal(api.group, groupIdOf(A));
    assert.equal(graph.nodes.find(n => n.name === 'b-hermit')?.group, groupIdOf(B), 'a container on no network is in its engine');
  });

  test('a swarm network both engines see is one node outside the groups, with edges to containers of each', () => {
    const graph = twoEngines();
    const shared = graph.nodes.filter(n => n.kind === 'network' && n.networkId === overlay.Id) as TopologyNetworkNode[];
    assert.equal(shared.length, 1);
    assert.equal(shared[0].group, undefined);
    assert.deepEqual(shared[0].engineIds, [A, B]);
    const ends = graph.edges.filter(e => e.source === shared[0].id).map(e => [graph.nodes.find(n => n.id === e.target)?.name, e.engineId]);
    assert.deepEqual(ends.sort(), [
      ['a-api', A],
      ['b-db', B],
    ]);
    assert.ok(
      graph.nodes.some(n => n.kind === 'network' && n.networkId === ingress.Id && !n.group),
      'ingress spans too',
    );
    const aOnly = graph.nodes.find(n => n.kind === 'network' && n.networkId === onlyOnA.Id)!;
    assert.equal(aOnly.group, groupIdOf(A), 'a swarm network only one engine sees stays in its group');
  });

  test('an engine without a model (loading, unreachable) is an empty group with its reason', () => {
    const graph = buildEnginesTopology([input(A, 'alpha', engineA()), input(B, 'beta', undefined, 'Unreachable: connect ECONNREFUSED')]);
    assert.equal(graph.groups?.[1].note, 'Unreachable: connect ECONNREFUSED');
    assert.ok(graph.nodes.every(n => n.group !== groupIdOf(B)));
    // The overlay only one engine sees now: back in that engine's group.
    assert.equal(graph.nodes.find(n => n.kind === 'network' && n.networkId === overlay.Id)?.group, groupIdOf(A));
  });
});

describe('topology of several engines: the layout', () => {
  test('every node is inside its engine box, the boxes do not overlap, spanning networks are above them', () => {
    const picture = new EnginesLayout().update(twoEngines());
    const groups = new Map(picture.groups!.map(g => [g.id, g]));
    assert.equal(groups.size, 2);
    const [ga, gb] = picture.groups!;
    assert.ok(apart(ga, gb), 'engine boxes apart');
    for (const node of picture.nodes) {
      if (node.group) assert.ok(inside(node, groups.get(node.group)!), `${node.name} inside its box`);
      else for (const g of groups.values()) assert.ok(node.y + node.height / 2 < g.y, `${node.name} above the boxes`);
    }
    const boxes = picture.nodes.map(boxOfNode);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) assert.ok(apart(boxes[i], boxes[j]), 'no two nodes overlap');
  });

  test('a change in one engine moves no node of the other, nor its box', () => {
    const layout = new EnginesLayout();
    const before = layout.update(twoEngines());
    const after = layout.update(twoEngines(engineB([network('new-on-b')])));
    const was = new Map(before.nodes.map(n => [n.id, n]));
    for (const node of after.nodes.filter(n => n.group === groupIdOf(A)))
      assert.deepEqual([node.x, node.y], [was.get(node.id)!.x, was.get(node.id)!.y], node.name);
    assert.deepEqual(after.groups![0], before.groups![0]);
    assert.ok(after.nodes.some(n => n.name === 'new-on-b' && n.group === groupIdOf(B)));
  });

  test("an engine box that grows into the next pushes it along as a whole: the next engine's nodes keep their places in it", () => {
    const layout = new EnginesLayout();
    const wide = (n: number) => Array.from({ length: n }, (_, i) => network(`wide-${i}`));
    const before = layout.update(twoEngines());
    const bigger = buildEnginesTopology([
      input(A, 'alpha', buildExplorerModel([...engineA().networks.map(n => n.network), ...wide(40)], [])),
      input(B, 'beta', engineB()),
    ]);
    const after = layout.update(bigger);
    const [ga, gb] = after.groups!;
    assert.ok(apart(ga, gb), 'still apart');
    const was = new Map(before.nodes.map(n => [n.id, n]));
    const shifts = new Set(
      after.nodes.filter(n => n.group === groupIdOf(B)).map(n => `${n.x - was.get(n.id)!.x},${n.y - was.get(n.id)!.y}`),
    );
    assert.equal(shifts.size, 1, `one shift for all of beta's nodes: ${[...shifts].join(' ')}`);
  });

  test('the diff carries engine boxes; applied, it gives the new picture; an engine removed takes its box along', () => {
    const layout = new EnginesLayout();
    const before = layout.update(twoEngines());
    assert.ok(isEmptyDiff(diffTopology(before, layout.update(twoEngines()))));
    const three = layout.update(
      buildEnginesTopology([
        input(A, 'alpha', engineA()),
        input(B, 'beta', engineB()),
        input('engine:ssh://gamma', 'gamma', undefined, 'Loading…'),
      ]),
    );
    const added = diffTopology(before, three);
    assert.deepEqual(
      added.upsertGroups.map(g => g.name),
      ['gamma'],
    );
    const sorted = (p: LaidOutTopology) => JSON.stringify([[...p.nodes].sort((a, b) => (a.id < b.id ? -1 : 1)), p.groups]);
    assert.equal(sorted(applyDiff(before, added)), sorted(three));
    const back = layout.update(twoEngines());
    assert.deepEqual(diffTopology(three, back).removeGroups, [groupIdOf('engine:ssh://gamma')]);
  });

  test('from several engines back to one: no box, the single-engine picture', () => {
    const layout = new EnginesLayout();
    layout.update(twoEngines());
    const one = layout.update(buildEnginesTopology([input(A, 'alpha', engineA())]));
    assert.equal(one.groups, undefined);
    assert.ok(one.nodes.every(n => !n.group));
  });

  test('three engines of 100 networks and 200 containers each: boxes apart, no overlaps', () => {
    const engines = [A, B, 'engine:ssh://gamma'].map((id, i) => {
      const lists = topologyLists({ networks: 100, containers: 200 });
      return input(id, `engine ${i}`, buildExplorerModel(lists.networks, lists.containers));
    });
    const picture = new EnginesLayout().update(buildEnginesTopology(engines));
    assert.equal(picture.nodes.length, 900);
    const groups = picture.groups!;
    for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) assert.ok(apart(groups[i], groups[j]));
    const byGroup = new Map(groups.map(g => [g.id, g]));
    for (const node of picture.nodes) assert.ok(!node.group || inside(node, byGroup.get(node.group)!), node.name);
  });
});

describe('topology of several engines: what the webview and the context menu may name', () => {
  const picture = new EnginesLayout().update(twoEngines());
  const node = (name: string) => picture.nodes.find(n => n.name === name)!;

  test('an action names the item and an engine it is on: a spanning swarm network, either of its engines', () => {
    const overlayNode = node('app-overlay');
    for (const engine of [A, B]) assert.ok(validateFromWebview({ type: 'inspect', id: overlayNode.id, engine }, picture).ok, engine);
    assert.ok(validateFromWebview({ type: 'action', action: 'connect', id: node('a-api').id, engine: A }, picture).ok);
    assert.equal(validateFromWebview({ type: 'action', action: 'connect', id: node('a-api').id, engine: B }, picture).ok, false);
  });

  test('a drop connects within one engine only', () => {
    const drop = (container: string, network: string, engine: string) =>
      validateFromWebview({ type: 'drop', container: node(container).id, network: node(network).id, engine }, picture).ok;
    assert.ok(drop('b-hermit', 'app-overlay', B), 'onto a swarm network its engine sees');
    const aWeb = picture.nodes.find(n => n.kind === 'network' && n.name === 'web' && n.group === groupIdOf(A))!;
    assert.equal(
      validateFromWebview({ type: 'drop', container: node('b-hermit').id, network: aWeb.id, engine: B }, picture).ok,
      false,
      "onto another engine's local network",
    );
  });

  test("the context menu's argument must name an item of the picture in its engine", () => {
    const context = (id: string, engine: string) => ({
      webview: 'dockerNetworks.topology',
      webviewSection: 'container',
      topologyId: id,
      topologyEngine: engine,
    });
    assert.deepEqual(validateMenuContext(context(node('b-db').id, B), picture), {
      ok: true,
      id: node('b-db').id,
      engine: B,
      kind: 'container',
    });
    assert.equal(validateMenuContext(context(node('b-db').id, A), picture).ok, false);
    assert.equal(validateMenuContext(context('c:nope', B), picture).ok, false);
    assert.equal(validateMenuContext({ ...context(node('b-db').id, B), webview: 'other.view' }, picture).ok, false);
    assert.equal(validateMenuContext(context(node('b-db').id, B), undefined).ok, false, 'no picture sent yet');
  });
});
