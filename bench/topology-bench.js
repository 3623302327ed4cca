#!/usr/bin/env node
'use strict';
// `npm run bench:topology`: which graph layout library draws the topology picture. Lays out a generated engine of
// 300 networks, 600 containers and 1,200 endpoints with each candidate and measures
//   - the first layout (median of the runs),
//   - an incremental update: one network created and two existing containers connected to it,
//   - how stable that update is: how far the nodes that did not change moved (mean, max, share that moved at all),
//   - what the library adds to a minified bundle (esbuild metafile; gzip is about what it adds to the .vsix),
// and the same for the extension's own layout (src/model/topology, compiled into out/) when it is built. Then the
// picture of several engines (--engines=N, 3): the same totals split over N engines with 4 swarm networks that every
// engine sees, and N engines of the full size each; layout, update (one engine changes), stability, the page's
// drawing, and one dagre compound graph of every engine (each engine a cluster) for comparison.
// No engine needed. Each candidate runs in this process in turn (a child process each would also count its start).
// Only the chosen library (@dagrejs/dagre) is a dependency; to measure the others again, install them first without
// saving them:  npm install --no-save elkjs@0.12.1 cytoscape@3.35.0 cytoscape-fcose@2.2.0
//
// Options (flags or environment):
//   --networks=N    BENCH_NETWORKS    (300)       --containers=N  BENCH_CONTAINERS (600)
//   --runs=N        BENCH_RUNS        first layouts and updates per candidate (5)
//   --shape=S       BENCH_SHAPE       projects (clusters wired in pairs), connected (one proxy network joins all), or both (both);
//                                     none: only the several-engines case, written to topology-engines-latest.*
//   --engines=N     BENCH_ENGINES     engines in the several-engines case (3; 1 skips it)
//   --compound=false BENCH_COMPOUND   skip the one dagre compound graph of every engine
//   --only=a,b      BENCH_ONLY        candidate names to run
//   --results-dir=D BENCH_RESULTS_DIR (bench/results): writes topology-latest.json and topology-latest.md

const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const { now, summarize, fmtMs } = require('./lib/util');
const { topologyLists, withNetworkAndTwoEndpoints, withSwarmNetworks } = require('./lib/topologyFixture');

const ROOT = path.resolve(__dirname, '..');

function option(name, env, fallback) {
  const flag = process.argv.find(a => a === `--${name}` || a.startsWith(`--${name}=`));
  if (flag) return flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : 'true';
  return process.env[env] ?? fallback;
}
const CONFIG = {
  networks: Number(option('networks', 'BENCH_NETWORKS', '300')),
  containers: Number(option('containers', 'BENCH_CONTAINERS', '600')),
  runs: Math.max(1, Number(option('runs', 'BENCH_RUNS', '5'))),
  shapes: (s => (s === 'both' ? ['projects', 'connected'] : s === 'none' ? [] : [s]))(option('shape', 'BENCH_SHAPE', 'both')),
  only: option('only', 'BENCH_ONLY', '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean),
  resultsDir: option('results-dir', 'BENCH_RESULTS_DIR', path.join(__dirname, 'results')),
  engines: Number(option('engines', 'BENCH_ENGINES', '3')),
  compound: option('compound', 'BENCH_COMPOUND', 'true') !== 'false',
};
const TARGETS = { firstMs: 1000, updateMs: 100, vsixBytes: 2 * 1024 * 1024 };

const T0 = Date.now();
const log = message => console.log(`[topology-bench +${((Date.now() - T0) / 1000).toFixed(0)}s] ${message}`);

// ---------- the graph every candidate lays out: networks and containers as boxes, endpoints as edges ----------
const clamp = (x, lo, hi) => Math.max(lo, Math.min(hi, x));
/** Box sizes as the picture draws them: about 7 px per character of the name, two lines for networks. */
function boxOf(kind, name) {
  return kind === 'network'
    ? { width: clamp(name.length * 7 + 48, 150, 300), height: 56 }
    : { width: clamp(name.length * 7 + 40, 130, 260), height: 40 };
}

function graphOf(lists) {
  const nodes = [];
  const edges = [];
  for (const n of lists.networks) nodes.push({ id: `n:${n.Id}`, kind: 'network', ...boxOf('network', n.Name) });
  const byName = new Map(lists.networks.map(n => [n.Name, n]));
  for (const c of lists.containers) {
    const name = c.Names[0].slice(1);
    nodes.push({ id: `c:${c.Id}`, kind: 'container', ...boxOf('container', name) });
    for (const netName of Object.keys(c.NetworkSettings.Networks)) {
      const net = byName.get(netName);
      if (net) edges.push({ id: `e:${net.Id}:${c.Id}`, source: `n:${net.Id}`, target: `c:${c.Id}` });
    }
  }
  return { nodes, edges };
}

/** Connected components (union-find), each {key, nodes, edges}, biggest first, ties by their first node's id. */
function componentsOf(graph) {
  const parent = new Map(graph.nodes.map(n => [n.id, n.id]));
  const find = x => {
    while (parent.get(x) !== x) {
      parent.set(x, parent.get(parent.get(x)));
      x = parent.get(x);
    }
    return x;
  };
  for (const e of graph.edges) parent.set(find(e.source), find(e.target));
  const groups = new Map();
  for (const n of graph.nodes) {
    const root = find(n.id);
    if (!groups.has(root)) groups.set(root, { nodes: [], edges: [] });
    groups.get(root).nodes.push(n);
  }
  for (const e of graph.edges) groups.get(find(e.source)).edges.push(e);
  const list = [...groups.values()].map(g => ({
    ...g,
    key: `${g.nodes
      .map(n => n.id)
      .sort()
      .join(',')}|${g.edges
      .map(e => e.id)
      .sort()
      .join(',')}`,
  }));
  return list.sort((a, b) => b.nodes.length - a.nodes.length || (a.nodes[0].id < b.nodes[0].id ? -1 : 1));
}

// ---------- packing laid-out components on shelves, keeping unchanged ones where they are ----------
const GAP = 60;
function bboxOf(positions, nodes) {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    const p = positions.get(n.id);
    x0 = Math.min(x0, p.x - n.width / 2);
    y0 = Math.min(y0, p.y - n.height / 2);
    x1 = Math.max(x1, p.x + n.width / 2);
    y1 = Math.max(y1, p.y + n.height / 2);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
const overlaps = (a, b) => a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;

/** Lays out each component on its own (layoutComponent → Map id → centre) and packs them; update() re-lays only changed ones. */
function componentPacker(layoutComponent) {
  const state = { components: new Map(), positions: new Map(), shelf: { x: 0, y: 0, rowH: 0, width: 0 } };
  const place = (local, comp, box) => {
    // Shelves as wide as the square root of the total area times 1.6: a picture about as wide as a screen.
    const s = state.shelf;
    if (s.x > 0 && s.x + box.w > s.width) {
      s.x = 0;
      s.y += s.rowH + GAP;
      s.rowH = 0;
    }
    const dx = s.x - box.x;
    const dy = s.y - box.y;
    s.x += box.w + GAP;
    s.rowH = Math.max(s.rowH, box.h);
    const placed = new Map();
    for (const n of comp.nodes) {
      const p = local.get(n.id);
      placed.set(n.id, { x: p.x + dx, y: p.y + dy });
    }
    return placed;
  };
  return {
    async first(graph) {
      const comps = componentsOf(graph);
      const area = graph.nodes.reduce((sum, n) => sum + (n.width + GAP) * (n.height + GAP * 2), 0);
      state.shelf = { x: 0, y: 0, rowH: 0, width: Math.sqrt(area) * 1.6 };
      for (const comp of comps) {
        const local = await layoutComponent(comp);
        const placed = place(local, comp, bboxOf(local, comp.nodes));
        for (const [id, p] of placed) state.positions.set(id, p);
        state.components.set(comp.key, { comp, box: bboxOf(state.positions, comp.nodes) });
      }
      return state.positions;
    },
    async update(graph) {
      const comps = componentsOf(graph);
      const keep = new Map();
      const changed = [];
      for (const comp of comps) {
        if (state.components.has(comp.key)) keep.set(comp.key, comp);
        else changed.push(comp);
      }
      const positions = new Map();
      const boxes = [];
      for (const key of keep.keys()) {
        const { comp, box } = state.components.get(key);
        for (const n of comp.nodes) positions.set(n.id, state.positions.get(n.id));
        boxes.push(box);
      }
      const components = new Map([...keep.keys()].map(key => [key, state.components.get(key)]));
      for (const comp of changed) {
        const local = await layoutComponent(comp);
        // Anchor the new layout where its old nodes were (their centroid stays put), unless that overlaps another.
        const old = comp.nodes.filter(n => state.positions.has(n.id));
        let dx = 0;
        let dy = 0;
        if (old.length) {
          for (const n of old) {
            dx += state.positions.get(n.id).x - local.get(n.id).x;
            dy += state.positions.get(n.id).y - local.get(n.id).y;
          }
          dx /= old.length;
          dy /= old.length;
        }
        const localBox = bboxOf(local, comp.nodes);
        let placed;
        const anchored = { x: localBox.x + dx, y: localBox.y + dy, w: localBox.w, h: localBox.h };
        if (old.length && !boxes.some(b => overlaps(b, anchored))) {
          placed = new Map(comp.nodes.map(n => [n.id, { x: local.get(n.id).x + dx, y: local.get(n.id).y + dy }]));
        } else {
          placed = place(local, comp, localBox);
        }
        for (const [id, p] of placed) positions.set(id, p);
        const box = bboxOf(positions, comp.nodes);
        boxes.push(box);
        components.set(comp.key, { comp, box });
      }
      state.components = components;
      state.positions = positions;
      return positions;
    },
  };
}

// ---------- the candidates ----------
function dagreLayout(dagre, graph, previous) {
  const g = previous ?? new dagre.graphlib.Graph();
  if (!previous) g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 90, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(graph.nodes.map(n => n.id));
  for (const id of g.nodes()) if (!ids.has(id)) g.removeNode(id);
  for (const n of graph.nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of graph.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const positions = new Map();
  for (const n of graph.nodes) {
    const p = g.node(n.id);
    positions.set(n.id, { x: p.x, y: p.y });
  }
  return { positions, g };
}

const ELK_BASE = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.spacing.nodeNode': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.componentComponent': String(GAP),
};
const ELK_INTERACTIVE = {
  'elk.layered.cycleBreaking.strategy': 'INTERACTIVE',
  'elk.layered.layering.strategy': 'INTERACTIVE',
  'elk.layered.crossingMinimization.strategy': 'INTERACTIVE',
  'elk.layered.nodePlacement.strategy': 'INTERACTIVE',
};
async function elkLayout(elk, graph, options, previous) {
  const result = await elk.layout({
    id: 'root',
    layoutOptions: options,
    children: graph.nodes.map(n => {
      const p = previous?.get(n.id);
      return { id: n.id, width: n.width, height: n.height, ...(p ? { x: p.x - n.width / 2, y: p.y - n.height / 2 } : {}) };
    }),
    edges: graph.edges.map(e => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions = new Map();
  for (const c of result.children) positions.set(c.id, { x: c.x + c.width / 2, y: c.y + c.height / 2 });
  return positions;
}

function cytoscapeElements(graph) {
  return [
    ...graph.nodes.map(n => ({ group: 'nodes', data: { id: n.id, w: n.width, h: n.height } })),
    ...graph.edges.map(e => ({ group: 'edges', data: { id: e.id, source: e.source, target: e.target } })),
  ];
}
function runCy(cy, options) {
  const layout = cy.layout({ name: 'fcose', animate: false, quality: 'default', nodeSeparation: 60, idealEdgeLength: 90, ...options });
  layout.run();
  const positions = new Map();
  cy.nodes().forEach(n => {
    const p = n.position();
    positions.set(n.id(), { x: p.x, y: p.y });
  });
  return positions;
}

const CANDIDATES = [
  {
    name: 'elkjs layered',
    package: 'elkjs',
    importLine: "import ELK from 'elkjs/lib/elk.bundled.js'; globalThis.lib = ELK;",
    how: 'whole graph; update: the interactive strategies seeded with the previous positions',
    make() {
      const ELK = require('elkjs/lib/elk.bundled.js');
      const elk = new ELK();
      let last;
      return {
        first: async graph => (last = await elkLayout(elk, graph, ELK_BASE)),
        update: async graph => (last = await elkLayout(elk, graph, { ...ELK_BASE, ...ELK_INTERACTIVE }, last)),
      };
    },
  },
  {
    name: 'elkjs layered, per component',
    package: 'elkjs',
    how: 'each connected component on its own, packed on shelves; update: only changed components, anchored in place',
    make() {
      const ELK = require('elkjs/lib/elk.bundled.js');
      const elk = new ELK();
      return componentPacker(comp => elkLayout(elk, comp, { ...ELK_BASE, 'elk.separateConnectedComponents': 'false' }));
    },
  },
  {
    name: 'cytoscape + fcose',
    package: 'cytoscape cytoscape-fcose',
    importLine: "import cytoscape from 'cytoscape'; import fcose from 'cytoscape-fcose'; cytoscape.use(fcose); globalThis.lib = cytoscape;",
    how: 'force-directed (fCoSE), headless; update: new nodes at their neighbours, then fCoSE incremental (randomize: false)',
    make() {
      const cytoscape = require('cytoscape');
      if (!cytoscape.__fcose) {
        cytoscape.use(require('cytoscape-fcose'));
        cytoscape.__fcose = true;
      }
      let cy;
      const style = [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', shape: 'rectangle' } }];
      return {
        first: async graph => {
          cy = cytoscape({ headless: true, styleEnabled: true, style, elements: cytoscapeElements(graph) });
          return runCy(cy, { randomize: true });
        },
        update: async graph => {
          const have = new Set(cy.elements().map(e => e.id()));
          const fresh = cytoscapeElements(graph).filter(e => !have.has(e.data.id));
          cy.add(fresh.filter(e => e.group === 'nodes'));
          cy.add(fresh.filter(e => e.group === 'edges'));
          for (const el of fresh.filter(e => e.group === 'nodes')) {
            const node = cy.getElementById(el.data.id);
            const around = node.neighborhood('node');
            if (around.length) {
              const p = around.boundingBox();
              node.position({ x: (p.x1 + p.x2) / 2, y: (p.y1 + p.y2) / 2 });
            }
          }
          return runCy(cy, { randomize: false });
        },
      };
    },
  },
  {
    name: '@dagrejs/dagre',
    package: '@dagrejs/dagre',
    importLine: "import dagre from '@dagrejs/dagre'; globalThis.lib = dagre;",
    how: "whole graph; update: the same graph object laid out again (dagre 3's dynamic mode keeps the previous order)",
    make() {
      const dagre = require('@dagrejs/dagre');
      let g;
      return {
        first: async graph => {
          const r = dagreLayout(dagre, graph);
          g = r.g;
          return r.positions;
        },
        update: async graph => dagreLayout(dagre, graph, g).positions,
      };
    },
  },
  {
    name: '@dagrejs/dagre, per component',
    package: '@dagrejs/dagre',
    how: 'each connected component on its own, packed on shelves; update: only changed components, anchored in place',
    make() {
      const dagre = require('@dagrejs/dagre');
      return componentPacker(async comp => dagreLayout(dagre, comp).positions);
    },
  },
];

const VERSIONS = { elkjs: '0.12.1', cytoscape: '3.35.0', 'cytoscape-fcose': '2.2.0', '@dagrejs/dagre': '3.1.3' };
function missingPackages(candidate) {
  return (candidate.package ?? '')
    .split(' ')
    .filter(Boolean)
    .filter(name => {
      for (const request of [`${name}/package.json`, name]) {
        try {
          require.resolve(request);
          return false;
        } catch {
          // A package whose "exports" hides package.json still resolves by its name.
        }
      }
      return true;
    })
    .map(name => `${name}@${VERSIONS[name]}`);
}

// ---------- measuring ----------
function displacement(before, after) {
  const moves = [];
  for (const [id, p] of before) {
    const q = after.get(id);
    if (q) moves.push(Math.hypot(q.x - p.x, q.y - p.y));
  }
  const mean = moves.reduce((a, b) => a + b, 0) / Math.max(1, moves.length);
  return { mean, max: Math.max(0, ...moves), movedShare: moves.filter(m => m > 1).length / Math.max(1, moves.length) };
}

/** The update: a new network with two containers from different places of the picture connected to it. */
function updatesFor(lists, runs) {
  const count = lists.containers.length;
  return Array.from({ length: runs }, (_, r) => {
    const a = (r * 97 + 11) % count;
    const b = (a + Math.floor(count / 3) + r * 31) % count;
    return withNetworkAndTwoEndpoints(lists, r, [a, b]);
  });
}

async function measure(candidate, lists, graphFor) {
  const firsts = [];
  const updates = [];
  const stability = [];
  let overlapsSeen = 0;
  const base = graphFor(lists);
  const after = updatesFor(lists, CONFIG.runs).map(graphFor);
  for (let r = 0; r < CONFIG.runs; r++) {
    const instance = candidate.make();
    let t = now();
    const before = await instance.first(base);
    firsts.push(now() - t);
    const snapshot = new Map([...before].map(([id, p]) => [id, { ...p }]));
    t = now();
    const next = await instance.update(after[r]);
    updates.push(now() - t);
    stability.push(displacement(snapshot, next));
    overlapsSeen += countOverlaps(after[r], next);
  }
  const avg = key => stability.reduce((sum, s) => sum + s[key], 0) / stability.length;
  return {
    first: summarize(firsts),
    update: summarize(updates),
    stability: {
      meanPx: Math.round(avg('mean') * 10) / 10,
      maxPx: Math.round(Math.max(...stability.map(s => s.max))),
      movedShare: Math.round(avg('movedShare') * 1000) / 1000,
    },
    overlapsAfterUpdate: Math.round((overlapsSeen / CONFIG.runs) * 10) / 10,
  };
}

/** Pairs of boxes drawn on top of each other (a layout that overlaps is not a usable picture). */
function countOverlaps(graph, positions) {
  const boxes = graph.nodes.map(n => {
    const p = positions.get(n.id);
    return { x0: p.x - n.width / 2, x1: p.x + n.width / 2, y0: p.y - n.height / 2, y1: p.y + n.height / 2 };
  });
  boxes.sort((a, b) => a.x0 - b.x0);
  let count = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length && boxes[j].x0 < boxes[i].x1 - 1; j++)
      if (boxes[j].y0 < boxes[i].y1 - 1 && boxes[i].y0 < boxes[j].y1 - 1) count++;
  return count;
}

/** Bytes a minified browser bundle of just this library has (esbuild), and gzipped (≈ what the .vsix grows by). */
async function bundleSize(importLine) {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    stdin: { contents: importLine, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    metafile: true,
    external: ['web-worker'],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)
    .map(([file, info]) => ({ file, bytes: info.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.length, gzip: zlib.gzipSync(code, { level: 9 }).length, biggestInputs: inputs.slice(0, 3) };
}

// ---------- the extension's own layout, when compiled ----------
function productCandidate() {
  const modulePath = path.join(ROOT, 'out', 'src', 'model', 'topology', 'layout.js');
  if (!fs.existsSync(modulePath)) return undefined;
  const { buildExplorerModel } = require(path.join(ROOT, 'out', 'src', 'model', 'explorer.js'));
  const { buildTopology } = require(path.join(ROOT, 'out', 'src', 'model', 'topology', 'graph.js'));
  const { TopologyLayout } = require(modulePath);
  return {
    name: 'Docker Networks (src/model/topology)',
    how: 'the extension: explorer model → topology graph → layout, as the panel runs it (model building included)',
    graphFor: lists => buildTopology(buildExplorerModel(lists.networks, lists.containers)),
    make() {
      const layout = new TopologyLayout();
      return {
        first: async graph => positionsOf(layout.update(graph)),
        update: async graph => positionsOf(layout.update(graph)),
      };
    },
  };
}
function positionsOf(laidOut) {
  return new Map(laidOut.nodes.map(n => [n.id, { x: n.x, y: n.y }]));
}

/**
 * The extension's picture drawn by its webview page in headless Chromium: the first picture, then the update's
 * diff. Undefined when Chromium or the built page is missing (reported, not failed: the layout figures stand alone).
 */
async function measureRender(lists) {
  let render;
  try {
    render = require('./lib/topologyRender');
  } catch (err) {
    return { skipped: String(err.message ?? err) };
  }
  if (!fs.existsSync(render.CHROMIUM) || !fs.existsSync(path.join(ROOT, 'dist', 'webview', 'topology.js')))
    return { skipped: `needs ${render.CHROMIUM} and dist/webview/topology.js (node scripts/build.js)` };
  const { buildExplorerModel } = require(path.join(ROOT, 'out', 'src', 'model', 'explorer.js'));
  const { buildTopology } = require(path.join(ROOT, 'out', 'src', 'model', 'topology', 'graph.js'));
  const { TopologyLayout } = require(path.join(ROOT, 'out', 'src', 'model', 'topology', 'layout.js'));
  const { diffTopology } = require(path.join(ROOT, 'out', 'src', 'model', 'topology', 'diff.js'));
  const firsts = [];
  const firstScripts = [];
  const updates = [];
  const after = updatesFor(lists, CONFIG.runs);
  for (let r = 0; r < CONFIG.runs; r++) {
    const layout = new TopologyLayout();
    const picture = layout.update(buildTopology(buildExplorerModel(lists.networks, lists.containers)));
    const next = layout.update(buildTopology(buildExplorerModel(after[r].networks, after[r].containers)));
    const { browser, page } = await render.openPage();
    try {
      firsts.push(await render.postAndPaint(page, { type: 'picture', picture, status: { kind: 'ready' } }));
      firstScripts.push(await page.evaluate(() => window.__topologyDrawMs));
      updates.push(await render.postAndPaint(page, { type: 'diff', diff: diffTopology(picture, next), status: { kind: 'ready' } }));
      const drawn = await page.locator('#nodes .node').count();
      if (drawn !== next.nodes.length) throw new Error(`the page drew ${drawn} boxes of ${next.nodes.length}`);
    } finally {
      await browser.close();
    }
  }
  return { first: summarize(firsts), firstScript: summarize(firstScripts), update: summarize(updates) };
}

// ---------- several engines: a group per engine, swarm networks spanning them ----------
const SWARM_NETWORKS = 4;

/** `engines` engine lists of `networks` / `containers` each, every one with the same swarm networks. */
function enginesLists(engines, networks, containers) {
  return Array.from({ length: engines }, (_, e) =>
    withSwarmNetworks(
      topologyLists({ networks: Math.max(1, networks - SWARM_NETWORKS), containers, shape: 'projects' }),
      SWARM_NETWORKS,
      e,
    ),
  );
}

const engineIdAt = e => `engine:tcp://10.0.0.${e + 1}:2376`;

function enginesInputs(buildExplorerModel, perEngine) {
  return perEngine.map((lists, e) => ({
    engineId: engineIdAt(e),
    name: `engine ${e + 1}`,
    host: `tcp://10.0.0.${e + 1}:2376`,
    model: buildExplorerModel(lists.networks, lists.containers),
  }));
}

function overlapsOf(picture) {
  const boxes = [...picture.nodes].sort((a, b) => a.x - a.width / 2 - (b.x - b.width / 2));
  let count = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length && boxes[j].x - boxes[j].width / 2 < boxes[i].x + boxes[i].width / 2; j++)
      if (Math.abs(boxes[i].y - boxes[j].y) < (boxes[i].height + boxes[j].height) / 2) count++;
  for (let i = 0; i < (picture.groups ?? []).length; i++)
    for (let j = i + 1; j < picture.groups.length; j++) {
      const [a, b] = [picture.groups[i], picture.groups[j]];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) count++;
    }
  return count;
}

async function measureEngines(label, engines, networksEach, containersEach) {
  const out = (...p) => require(path.join(ROOT, 'out', 'src', ...p));
  const { buildExplorerModel } = out('model', 'explorer.js');
  const { buildEnginesTopology } = out('model', 'topology', 'graph.js');
  const { EnginesLayout } = out('model', 'topology', 'groupLayout.js');
  const { diffTopology } = out('model', 'topology', 'diff.js');
  const perEngine = enginesLists(engines, networksEach, containersEach);
  const firsts = [];
  const updates = [];
  const stability = [];
  const shifts = [];
  let overlaps = 0;
  let picture;
  let next;
  for (let r = 0; r < CONFIG.runs; r++) {
    const layout = new EnginesLayout();
    let t = now();
    picture = layout.update(buildEnginesTopology(enginesInputs(buildExplorerModel, perEngine)));
    firsts.push(now() - t);
    // One engine changes: a network created there, two of its containers connected to it.
    const changed = perEngine.map((lists, e) => (e === 1 % engines ? updatesFor(lists, CONFIG.runs)[r] : lists));
    t = now();
    next = layout.update(buildEnginesTopology(enginesInputs(buildExplorerModel, changed)));
    updates.push(now() - t);
    stability.push(displacement(positionsOf(picture), positionsOf(next)));
    shifts.push(engineShifts(picture, next, `g:${engineIdAt(1 % engines)}`));
    overlaps += overlapsOf(next);
  }
  const nodes = picture.nodes.length;
  const edges = picture.edges.length;
  const spanning = picture.nodes.filter(n => !n.group).length;
  const result = {
    label,
    engines,
    nodes,
    edges,
    spanning,
    first: summarize(firsts),
    update: summarize(updates),
    stability: {
      meanPx: Math.round((stability.reduce((a, s) => a + s.mean, 0) / stability.length) * 10) / 10,
      maxPx: Math.round(Math.max(...stability.map(s => s.max))),
      movedShare: Math.round((stability.reduce((a, s) => a + s.movedShare, 0) / stability.length) * 1000) / 1000,
    },
    overlapsAfterUpdate: overlaps / CONFIG.runs,
    // The engines that did not change: how many of their nodes moved, and whether only as their whole box slid along.
    otherEngines: {
      movedShare: Math.round((shifts.reduce((a, s) => a + s.movedShare, 0) / shifts.length) * 1000) / 1000,
      rigid: shifts.every(s => s.rigid),
    },
  };
  result.render = await renderPictures(picture, next, diffTopology);
  log(
    `engines ${label}: ${nodes} nodes, ${edges} edges, ${spanning} spanning; first ${fmtMs(result.first.median)} ms, update ${fmtMs(result.update.median)} ms, unchanged nodes moved ${result.stability.meanPx} px on average (${Math.round(result.stability.movedShare * 100)} %; of the engines that did not change ${Math.round(result.otherEngines.movedShare * 100)} %, ${result.otherEngines.rigid ? 'only as whole boxes' : 'not only as whole boxes'}), ${result.overlapsAfterUpdate} overlaps${result.render.skipped ? '' : `; drawn in ${fmtMs(result.render.first.median)} ms, diff ${fmtMs(result.render.update.median)} ms`}`,
  );
  return result;
}

/** Nodes of the engines other than `changedGroup` that moved, and whether each engine's moved all by one vector. */
function engineShifts(before, after, changedGroup) {
  const was = new Map(before.nodes.map(n => [n.id, n]));
  const vectors = new Map();
  let count = 0;
  let moved = 0;
  for (const node of after.nodes) {
    const old = was.get(node.id);
    if (!old || !node.group || node.group === changedGroup) continue;
    count++;
    const v = `${Math.round(node.x - old.x)},${Math.round(node.y - old.y)}`;
    if (v !== '0,0') moved++;
    (vectors.get(node.group) ?? vectors.set(node.group, new Set()).get(node.group)).add(v);
  }
  return { movedShare: moved / Math.max(1, count), rigid: [...vectors.values()].every(set => set.size === 1) };
}

/** The grouped picture drawn by the webview page (once per run), as measureRender does for one engine. */
async function renderPictures(picture, next, diffTopology) {
  let render;
  try {
    render = require('./lib/topologyRender');
  } catch (err) {
    return { skipped: String(err.message ?? err) };
  }
  if (!fs.existsSync(render.CHROMIUM) || !fs.existsSync(path.join(ROOT, 'dist', 'webview', 'topology.js')))
    return { skipped: `needs ${render.CHROMIUM} and dist/webview/topology.js` };
  const firsts = [];
  const updates = [];
  for (let r = 0; r < Math.min(3, CONFIG.runs); r++) {
    const { browser, page } = await render.openPage();
    try {
      firsts.push(await render.postAndPaint(page, { type: 'picture', picture, status: { kind: 'ready' } }));
      updates.push(await render.postAndPaint(page, { type: 'diff', diff: diffTopology(picture, next), status: { kind: 'ready' } }));
      const drawn = await page.locator('#groups .group').count();
      if (drawn !== (next.groups ?? []).length) throw new Error(`the page drew ${drawn} engine boxes of ${next.groups.length}`);
    } finally {
      await browser.close();
    }
  }
  return { first: summarize(firsts), update: summarize(updates) };
}

/** For comparison: every engine's graph as one dagre compound graph, each engine a cluster (one run). */
function compoundDagre(engines, networksEach, containersEach) {
  const dagre = require('@dagrejs/dagre');
  const { buildExplorerModel } = require(path.join(ROOT, 'out', 'src', 'model', 'explorer.js'));
  const { buildEnginesTopology } = require(path.join(ROOT, 'out', 'src', 'model', 'topology', 'graph.js'));
  const { boxSize } = require(path.join(ROOT, 'out', 'src', 'model', 'topology', 'layout.js'));
  const graph = buildEnginesTopology(enginesInputs(buildExplorerModel, enginesLists(engines, networksEach, containersEach)));
  const t = now();
  const g = new dagre.graphlib.Graph({ compound: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 110, ranker: 'longest-path' });
  g.setDefaultEdgeLabel(() => ({}));
  for (const group of graph.groups) g.setNode(group.id, { label: group.name });
  for (const node of graph.nodes) {
    g.setNode(node.id, boxSize(node));
    if (node.group) g.setParent(node.id, node.group);
  }
  for (const edge of graph.edges) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const ms = now() - t;
  log(`engines: one dagre compound graph of ${graph.nodes.length} nodes in ${engines} clusters: ${fmtMs(ms)} ms`);
  return { nodes: graph.nodes.length, ms };
}

function machine() {
  const cpus = os.cpus();
  return `${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${os.type()} ${os.release()}, Node ${process.version}`;
}

async function main() {
  log(
    `${CONFIG.networks} networks, ${CONFIG.containers} containers, ${CONFIG.runs} runs per candidate; shapes: ${CONFIG.shapes.join(', ')}`,
  );
  const results = {
    config: CONFIG,
    targets: TARGETS,
    machine: machine(),
    date: new Date().toISOString(),
    loadAtStart: os.loadavg()[0],
    shapes: {},
    sizes: {},
  };
  const product = productCandidate();
  for (const shape of CONFIG.shapes) {
    const lists = topologyLists({ networks: CONFIG.networks, containers: CONFIG.containers, shape });
    const graph = graphOf(lists);
    const components = componentsOf(graph).map(c => c.nodes.length);
    log(
      `shape ${shape}: ${graph.nodes.length} nodes, ${graph.edges.length} edges, ${components.length} components (largest ${components[0]} nodes)`,
    );
    const rows = [];
    for (const candidate of [...CANDIDATES, ...(product ? [product] : [])]) {
      if (CONFIG.only.length && !CONFIG.only.some(o => candidate.name.includes(o))) continue;
      const missing = missingPackages(candidate);
      if (missing.length) {
        log(`${shape}: ${candidate.name}: skipped, not installed (npm install --no-save ${missing.join(' ')})`);
        continue;
      }
      log(`${shape}: ${candidate.name} …`);
      try {
        const m = await measure(candidate, lists, candidate.graphFor ?? graphOf);
        log(
          `${shape}: ${candidate.name}: first ${fmtMs(m.first.median)} ms, update ${fmtMs(m.update.median)} ms, unchanged nodes moved ${m.stability.meanPx} px on average (${Math.round(m.stability.movedShare * 100)} % moved), ${m.overlapsAfterUpdate} overlaps`,
        );
        rows.push({ name: candidate.name, how: candidate.how, ...m });
      } catch (err) {
        log(`${shape}: ${candidate.name} failed: ${err.stack ?? err}`);
        rows.push({ name: candidate.name, how: candidate.how, error: String(err.message ?? err) });
      }
    }
    const rendered = product ? await measureRender(lists) : { skipped: 'the extension is not compiled (npx tsc -p tsconfig.test.json)' };
    if (rendered.skipped) log(`${shape}: render in Chromium skipped: ${rendered.skipped}`);
    else
      log(
        `${shape}: render in Chromium: first picture ${fmtMs(rendered.first.median)} ms (script ${fmtMs(rendered.firstScript.median)} ms), update ${fmtMs(rendered.update.median)} ms`,
      );
    results.shapes[shape] = { nodes: graph.nodes.length, edges: graph.edges.length, components: components.length, rows, render: rendered };
  }
  for (const candidate of CANDIDATES.filter(c => c.importLine && !missingPackages(c).length)) {
    results.sizes[candidate.package] = await bundleSize(candidate.importLine);
    log(
      `size: ${candidate.package}: ${results.sizes[candidate.package].minified} bytes minified, ${results.sizes[candidate.package].gzip} gzip`,
    );
  }
  if (product && CONFIG.engines > 1) {
    const each = n => Math.round(n / CONFIG.engines);
    results.engines = {
      rows: [
        await measureEngines(
          `${CONFIG.engines} engines sharing ${CONFIG.networks}/${CONFIG.containers}`,
          CONFIG.engines,
          each(CONFIG.networks),
          each(CONFIG.containers),
        ),
        await measureEngines(
          `${CONFIG.engines} engines of ${CONFIG.networks}/${CONFIG.containers} each`,
          CONFIG.engines,
          CONFIG.networks,
          CONFIG.containers,
        ),
      ],
      compound: CONFIG.compound ? compoundDagre(CONFIG.engines, each(CONFIG.networks), each(CONFIG.containers)) : undefined,
    };
  }
  const vsix = path.join(ROOT, `${require(path.join(ROOT, 'package.json')).name}-${require(path.join(ROOT, 'package.json')).version}.vsix`);
  if (fs.existsSync(vsix)) results.vsixBytes = fs.statSync(vsix).size;
  results.loadAtEnd = os.loadavg()[0];
  fs.mkdirSync(CONFIG.resultsDir, { recursive: true });
  const base = CONFIG.shapes.length ? 'topology-latest' : 'topology-engines-latest';
  fs.writeFileSync(path.join(CONFIG.resultsDir, `${base}.json`), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(CONFIG.resultsDir, `${base}.md`), markdown(results));
  log(`wrote ${path.relative(ROOT, path.join(CONFIG.resultsDir, `${base}.md`))}`);
}

function markdown(results) {
  const lines = [
    `# Topology layout benchmark`,
    '',
    `${CONFIG.networks} networks, ${CONFIG.containers} containers, ${CONFIG.runs} runs per candidate. ${results.machine}; ${results.date.slice(0, 10)}; load average ${results.loadAtStart.toFixed(2)} at start, ${results.loadAtEnd.toFixed(2)} at end. Run with \`npm run bench:topology\`.`,
    '',
    `Targets: first layout ≤ ${TARGETS.firstMs} ms (with the render), update ≤ ${TARGETS.updateMs} ms, nodes that did not change stay put.`,
    '',
  ];
  for (const [shape, s] of Object.entries(results.shapes)) {
    lines.push(
      `## Shape "${shape}": ${s.nodes} nodes, ${s.edges} edges, ${s.components} connected components`,
      '',
      '| Candidate | First layout (median / p95) | Update (median / p95) | Unchanged nodes: mean move | max move | share moved | Overlaps after update |',
      '| --- | --: | --: | --: | --: | --: | --: |',
    );
    for (const r of s.rows) {
      if (r.error) lines.push(`| ${r.name} | failed: ${r.error} | | | | | |`);
      else
        lines.push(
          `| ${r.name} | ${fmtMs(r.first.median)} / ${fmtMs(r.first.p95)} ms | ${fmtMs(r.update.median)} / ${fmtMs(r.update.p95)} ms | ${r.stability.meanPx} px | ${r.stability.maxPx} px | ${Math.round(r.stability.movedShare * 100)} % | ${r.overlapsAfterUpdate} |`,
        );
    }
    const product = s.rows.find(r => r.name.startsWith('Docker Networks') && !r.error);
    if (s.render && !s.render.skipped) {
      lines.push(
        '',
        `The extension's own page in headless Chromium (the webview script and stylesheet, without VS Code), median of ${CONFIG.runs}:`,
        '',
        '| Stage | Median | p95 |',
        '| --- | --: | --: |',
        `| Draw the first picture (message → painted frame) | ${fmtMs(s.render.first.median)} ms | ${fmtMs(s.render.first.p95)} ms |`,
        `| … of which the page's script | ${fmtMs(s.render.firstScript.median)} ms | ${fmtMs(s.render.firstScript.p95)} ms |`,
        `| Draw the update's diff | ${fmtMs(s.render.update.median)} ms | ${fmtMs(s.render.update.p95)} ms |`,
      );
      if (product)
        lines.push(
          `| **First layout + render** (layout median + draw median) | **${fmtMs(product.first.median + s.render.first.median)} ms** | |`,
          `| **Update: layout + diff drawn** | **${fmtMs(product.update.median + s.render.update.median)} ms** | |`,
        );
    } else if (s.render?.skipped) lines.push('', `Render in Chromium not measured: ${s.render.skipped}.`);
    lines.push('');
  }
  if (results.engines) {
    lines.push(
      `## Several engines: a group per engine, ${SWARM_NETWORKS} swarm networks every engine sees spanning the groups`,
      '',
      'The extension (EnginesLayout): each engine laid out on its own, boxes side by side, spanning networks in a row above. The update: one engine gets a network and two of its containers join it.',
      '',
      '| Case | Nodes / edges | First layout (median / p95) | Update (median / p95) | Unchanged nodes: mean move | share moved | … of the other engines | Overlaps | Page: first picture | Page: diff |',
      '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
    );
    for (const r of results.engines.rows)
      lines.push(
        `| ${r.label} | ${r.nodes} / ${r.edges} | ${fmtMs(r.first.median)} / ${fmtMs(r.first.p95)} ms | ${fmtMs(r.update.median)} / ${fmtMs(r.update.p95)} ms | ${r.stability.meanPx} px | ${Math.round(r.stability.movedShare * 100)} % | ${Math.round(r.otherEngines.movedShare * 100)} %${r.otherEngines.rigid ? ' (whole boxes)' : ''} | ${r.overlapsAfterUpdate} | ${r.render.skipped ? 'not measured' : `${fmtMs(r.render.first.median)} ms`} | ${r.render.skipped ? '' : `${fmtMs(r.render.update.median)} ms`} |`,
      );
    if (results.engines.compound)
      lines.push(
        '',
        `For comparison, the same ${results.engines.compound.nodes} nodes as one dagre compound graph (each engine a cluster): ${fmtMs(results.engines.compound.ms)} ms for one layout, and any change lays out everything again.`,
      );
    lines.push('');
  }
  lines.push('## What each adds to a minified bundle', '', '| Package | Minified | gzip |', '| --- | --: | --: |');
  for (const [name, size] of Object.entries(results.sizes))
    lines.push(`| ${name} | ${(size.minified / 1024).toFixed(0)} KiB | ${(size.gzip / 1024).toFixed(0)} KiB |`);
  if (results.vsixBytes)
    lines.push('', `The .vsix at the time of the run: ${(results.vsixBytes / 1024).toFixed(0)} KiB (target ≤ 2048 KiB).`);
  lines.push('', '## How each candidate was run', '');
  for (const r of Object.values(results.shapes)[0]?.rows ?? []) lines.push(`- **${r.name}**: ${r.how}`);
  return `${lines.join('\n')}\n`;
}

// elkjs's in-process worker keeps a timer alive: end when the results are written.
main().then(
  () => process.exit(0),
  err => {
    console.error(err);
    process.exit(1);
  },
);
