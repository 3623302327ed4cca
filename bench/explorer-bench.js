#!/usr/bin/env node
'use strict';
// `npm run bench`: how fast the explorer's data layer (EngineConnection + ExplorerStore) produces the full tree model
// for a large engine, against what CLI-wrapping tools do and against the raw-HTTP floor; and how fast an external
// change shows up in the model. Starts its own private Docker Engine, fills it, measures, cleans up.
//
// Options (flags or environment):
//   --preset=NAME     BENCH_PRESET        default (300/600) or large (1,000 networks, 3,000 containers, 300 running,
//                                         warm target ≤ 1.2 × floor); the options below override a preset's values
//   --networks=N      BENCH_NETWORKS      networks to create            (300)
//   --containers=N    BENCH_CONTAINERS    containers to create          (600)
//   --running=N       BENCH_RUNNING       of those, started             (half: the even ones)
//   --churn=N         BENCH_CHURN         networks created then removed for the heap check (500: 1,000 events)
//   --runs=N          BENCH_RUNS          warm samples for (a) and (c)  (10)
//   --cold-runs=N     BENCH_COLD_RUNS     cold loads of (a), (c)        (5)
//   --cli-runs=N      BENCH_CLI_RUNS      runs of (b)                   (3)
//   --events=N        BENCH_EVENTS        connects per event round      (50)
//   --concurrency=N   BENCH_CONCURRENCY   parallel setup requests       (8)
//   --investigate     BENCH_INVESTIGATE=1 always run the what-if rounds (otherwise only when a target is missed)
//   --strict          BENCH_STRICT=1      exit 1 when a target is missed
//   --results-dir=D   BENCH_RESULTS_DIR   where latest.json/latest.md go (bench/results)
// Writes bench/results/latest.json and latest.md (latest-large.* for the large preset).

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile, execFileSync } = require('child_process');
const { promisify } = require('util');

const { ROOT, ensureCompiled, outModule } = require('./lib/build');
const { now, sleep, summarize, median, pool, waitFor, fmtMs } = require('./lib/util');
const fixture = require('./lib/fixture');
const floor = require('./lib/floor');

const execFileP = promisify(execFile);

// ---------- options ----------
function option(name, env, fallback) {
  const flag = process.argv.find(a => a === `--${name}` || a.startsWith(`--${name}=`));
  if (flag) return flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : 'true';
  return process.env[env] ?? fallback;
}
const num = (name, env, fallback) => {
  const v = Number(option(name, env, String(fallback)));
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a non-negative integer`);
  return v;
};
const PRESETS = {
  default: { networks: 300, containers: 600, running: undefined, coldRuns: 5, cliRuns: 3, warmOverFloor: 1.3 },
  // The scale a large team's shared engine reaches; the CLI round alone takes a minute here, so it runs once.
  large: { networks: 1000, containers: 3000, running: 300, coldRuns: 3, cliRuns: 1, warmOverFloor: 1.2 },
};
const PRESET_NAME = option('preset', 'BENCH_PRESET', 'default');
const PRESET = PRESETS[PRESET_NAME];
if (!PRESET) throw new Error(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
const CONFIG = {
  preset: PRESET_NAME,
  networks: num('networks', 'BENCH_NETWORKS', PRESET.networks),
  containers: num('containers', 'BENCH_CONTAINERS', PRESET.containers),
  running: option('running', 'BENCH_RUNNING', undefined) === undefined ? PRESET.running : num('running', 'BENCH_RUNNING', 0),
  churn: num('churn', 'BENCH_CHURN', 500),
  runs: Math.max(1, num('runs', 'BENCH_RUNS', 10)),
  coldRuns: Math.max(1, num('cold-runs', 'BENCH_COLD_RUNS', PRESET.coldRuns)),
  cliRuns: Math.max(1, num('cli-runs', 'BENCH_CLI_RUNS', PRESET.cliRuns)),
  events: num('events', 'BENCH_EVENTS', 50),
  concurrency: Math.max(1, num('concurrency', 'BENCH_CONCURRENCY', 8)),
  investigate: /^(1|true)$/.test(option('investigate', 'BENCH_INVESTIGATE', '')),
  strict: /^(1|true)$/.test(option('strict', 'BENCH_STRICT', '')),
  pacedSpacingMs: 500,
  resultsDir: option('results-dir', 'BENCH_RESULTS_DIR', path.join(__dirname, 'results')),
};
const TARGETS = { warmOverFloor: PRESET.warmOverFloor, cliOverStore: 5, eventP95Ms: 250, heapGrowth: 0.1 };

const T0 = Date.now();
const log = message => console.log(`[bench +${((Date.now() - T0) / 1000).toFixed(0)}s] ${message}`);

// ---------- engine-call accounting: the gateway logs every call at debug level ----------
function countingLogger() {
  const calls = [];
  return {
    calls,
    logger: {
      debug: line => calls.push({ t: now(), line }),
      info: () => {},
      warn: line => log(`store warn: ${line}`),
      error: line => log(`store error: ${line}`),
    },
  };
}
function categorize(lines) {
  const kinds = { version: 0, events: 0, listNetworks: 0, listContainers: 0, inspectContainer: 0, ping: 0, other: 0 };
  for (const { line } of lines) {
    const p = line.split(' ')[1] || '';
    if (/^\/v[\d.]+\/version/.test(p) || p === '/version') kinds.version++;
    else if (/\/events/.test(p)) kinds.events++;
    else if (/\/networks(\?|$)/.test(p)) kinds.listNetworks++;
    else if (/\/containers\/json/.test(p)) kinds.listContainers++;
    else if (/\/containers\/[0-9a-f]+\/json/.test(p)) kinds.inspectContainer++;
    else if (/\/_ping/.test(p)) kinds.ping++;
    else kinds.other++;
  }
  return Object.fromEntries(Object.entries(kinds).filter(([, v]) => v));
}

// ---------- what "the full tree model" means: every bench endpoint, with its aliases ----------
function expectation(layout) {
  const expected = new Map();
  for (const c of layout) for (const ep of c.endpoints) expected.set(`${c.id}|${ep.networkId}`, ep.aliases);
  return expected;
}
function modelProgress(model, expected) {
  let endpoints = 0,
    withAliases = 0;
  for (const n of model.networks) {
    for (const e of n.endpoints) {
      const want = expected.get(`${e.containerId}|${n.id}`);
      if (!want) continue;
      endpoints++;
      if (want.every(a => e.aliases.includes(a))) withAliases++;
    }
  }
  return { endpoints, withAliases, complete: withAliases === expected.size };
}

// ---------- (a) the extension's data layer ----------
function newStore(mods, dockerHost, { debounceMs } = {}) {
  const { calls, logger } = countingLogger();
  const address = mods.engineAddress.resolveEngineAddress({
    env: { DOCKER_HOST: dockerHost },
    homeDir: '/nonexistent',
    platform: process.platform,
    readFile: () => undefined,
  });
  const connection = new mods.connection.EngineConnection({ resolveEngineAddress: () => address, timeoutMs: () => 60000, logger });
  const Store = mods.store.ExplorerStore;
  const store = debounceMs === undefined ? new Store(connection, logger) : new Store(connection, logger, debounceMs);
  // Instrumentation only: note when each load() (one reload: two lists, model, alias pass) starts and ends.
  const loads = [];
  const load = store.load;
  store.load = function instrumentedLoad() {
    const rec = { start: now(), end: NaN };
    loads.push(rec);
    return load.call(this).finally(() => {
      rec.end = now();
    });
  };
  return {
    connection,
    store,
    calls,
    loads,
    dispose() {
      store.dispose();
      connection.dispose();
    },
  };
}

/** Connect → first snapshot → full model with aliases. */
async function coldLoad(mods, dockerHost, expected, options) {
  const t0 = now();
  const s = newStore(mods, dockerHost, options);
  const marks = { connected: NaN, firstReady: NaN, complete: NaN };
  let resolveComplete;
  const complete = new Promise(r => {
    resolveComplete = r;
  });
  s.connection.onDidChangeState(st => {
    if (st.kind === 'connected' && Number.isNaN(marks.connected)) marks.connected = now() - t0;
  });
  s.store.onDidChange(snap => {
    if (snap.kind !== 'ready') return;
    if (Number.isNaN(marks.firstReady)) marks.firstReady = now() - t0;
    if (Number.isNaN(marks.complete) && modelProgress(snap.model, expected).complete) {
      marks.complete = now() - t0;
      resolveComplete();
    }
  });
  s.connection.start();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('cold load did not produce the full model within 180 s')), 180000);
  });
  try {
    await Promise.race([complete, timeout]);
  } catch (e) {
    s.dispose();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  const tEnd = t0 + marks.complete;
  const lines = s.calls.filter(c => c.t <= tEnd + 0.001);
  return { ...s, marks, callCount: lines.length, byKind: categorize(lines) };
}

/** Waits until the store has no load in flight and published nothing for quietMs. */
async function settle(store, quietMs = 500) {
  let last = now();
  const sub = store.onDidChange(() => {
    last = now();
  });
  try {
    await waitFor(() => !store.loading && now() - last >= quietMs, 'the store to settle', 60000, 20);
  } finally {
    sub.dispose();
  }
}

// ---------- heap: after the full load, and after a churn of events ----------
// The store's heap in this process is what the extension host holds for the explorer (VS Code's tree items aside).
require('v8').setFlagsFromString('--expose-gc');
const collectGarbage = require('vm').runInNewContext('gc');
function heapUsedMiB() {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** `count` networks created and removed again (2 × count events) while the store follows: does its heap come back? */
async function heapChurn(docker, s, { count, networksInUse }) {
  await settle(s.store);
  const afterLoadMiB = heapUsedMiB();
  const subnets = fixture.pickSubnets(networksInUse + count).slice(networksInUse);
  const loadsBefore = s.store.loadCount;
  const t0 = now();
  const ids = await pool(subnets, CONFIG.concurrency, async ({ subnet }, i) => {
    const created = await docker.createNetwork({
      Name: `bench-churn-${i}`,
      Labels: fixture.LABELS,
      IPAM: { Config: [{ Subnet: subnet }] },
    });
    return created.id;
  });
  await pool(ids, CONFIG.concurrency, id => docker.getNetwork(id).remove());
  const ms = now() - t0;
  await waitFor(
    () => s.store.model && !s.store.model.networks.some(n => n.name.startsWith('bench-churn-')),
    'the churn gone from the model',
    30000,
  );
  await settle(s.store);
  const afterChurnMiB = heapUsedMiB();
  return {
    events: 2 * count,
    ms,
    reloads: s.store.loadCount - loadsBefore,
    afterLoadMiB,
    afterChurnMiB,
    growth: afterChurnMiB / afterLoadMiB - 1,
  };
}

// ---------- (b) the CLI way ----------
async function cliRound(env) {
  const t0 = now();
  const { stdout } = await execFileP('docker', ['network', 'ls', '-q'], { env, maxBuffer: 64 << 20 });
  const ids = stdout.split('\n').filter(Boolean);
  for (const id of ids) JSON.parse((await execFileP('docker', ['network', 'inspect', id], { env, maxBuffer: 64 << 20 })).stdout);
  return { ms: now() - t0, processes: 1 + ids.length, ids };
}
async function cliBatchRound(env) {
  const t0 = now();
  const { stdout } = await execFileP('docker', ['network', 'ls', '-q'], { env, maxBuffer: 64 << 20 });
  const ids = stdout.split('\n').filter(Boolean);
  JSON.parse((await execFileP('docker', ['network', 'inspect', ...ids], { env, maxBuffer: 256 << 20 })).stdout);
  return { ms: now() - t0, processes: 2 };
}

// ---------- event → tree latency ----------
function pairPicker(layout, networks) {
  // Every (container, network) pair the container is not on yet, in a fixed pseudo-random order (mulberry32).
  let seed = 0x5eed;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const candidates = running => {
    const all = [];
    for (const c of layout)
      if (c.running === running)
        for (const net of networks) if (!c.endpoints.some(e => e.networkId === net.id)) all.push({ container: c, network: net });
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [all[i], all[j]] = [all[j], all[i]];
    }
    return all;
  };
  const queues = { running: candidates(true), stopped: candidates(false) };
  return (count, { stopped = false } = {}) => queues[stopped ? 'stopped' : 'running'].splice(0, count);
}

/**
 * Connects each pair (spacingMs 0: back-to-back, each awaited; else one every spacingMs) and times, per connect,
 * issue → engine ack, issue → endpoint in the model, issue → endpoint with its alias in the model.
 */
async function eventRound(docker, s, pairs, { spacingMs, label, timeoutMs = 20000 }) {
  const recs = pairs.map((p, k) => ({
    pair: p,
    alias: `ev-${label}-${k}`,
    issued: NaN,
    acked: NaN,
    event: NaN,
    seen: NaN,
    aliased: NaN,
    error: null,
  }));
  const open = new Set();
  const reloadsBefore = s.store.loadCount,
    callsBefore = s.calls.length;
  const sub = s.store.onDidChange(snap => {
    if (snap.kind !== 'ready' || !open.size) return;
    const t = now();
    const nets = new Map(snap.model.networks.map(n => [n.id, n]));
    for (const rec of open) {
      const ep = nets.get(rec.pair.network.id)?.endpoints.find(e => e.containerId === rec.pair.container.id);
      if (!ep) continue;
      if (Number.isNaN(rec.seen)) rec.seen = t;
      if (ep.aliases.includes(rec.alias)) {
        rec.aliased = t;
        open.delete(rec);
      }
    }
  });
  const byKey = new Map(recs.map(r => [`${r.pair.container.id}|${r.pair.network.id}`, r]));
  const evSub = s.connection.onEngineEvent(e => {
    if (e.Type !== 'network' || e.Action !== 'connect') return;
    const rec = byKey.get(`${e.Actor?.Attributes?.container}|${e.Actor?.ID}`);
    if (rec && Number.isNaN(rec.event)) rec.event = now();
  });
  const t0 = now();
  for (const rec of recs) {
    open.add(rec);
    rec.issued = now();
    try {
      await docker.getNetwork(rec.pair.network.id).connect({ Container: rec.pair.container.id, EndpointConfig: { Aliases: [rec.alias] } });
      rec.acked = now();
      rec.pair.container.endpoints.push({ network: rec.pair.network.name, networkId: rec.pair.network.id, aliases: [rec.alias] });
    } catch (e) {
      rec.error = e.message;
      open.delete(rec);
    }
    if (spacingMs) {
      const wait = rec.issued + spacingMs - now();
      if (wait > 0) await sleep(wait);
    }
  }
  const issuedFor = now() - t0;
  await waitFor(() => open.size === 0, `${label}: ${open.size} connect(s) to show up`, timeoutMs, 5).catch(e => log(e.message));
  sub.dispose();
  evSub.dispose();
  const ok = recs.filter(r => !r.error && !Number.isNaN(r.seen));
  // The reload that first showed the endpoint: the last one that started before it was seen (none: patched in place).
  for (const r of ok) {
    const starts = s.loads.filter(l => l.start <= r.seen && l.start >= r.issued);
    r.reloadStart = starts.length ? starts[starts.length - 1].start : NaN;
  }
  const withEvent = ok.filter(r => !Number.isNaN(r.event));
  const viaReload = withEvent.filter(r => !Number.isNaN(r.reloadStart));
  const roundLoads = s.loads.filter(l => l.start >= t0 && !Number.isNaN(l.end));
  return {
    label,
    spacingMs,
    connects: recs.length,
    errors: recs.filter(r => r.error).map(r => r.error),
    missing: recs.filter(r => !r.error && Number.isNaN(r.seen)).length,
    burstMs: Math.round(issuedFor),
    engineAckMs: summarize(ok.map(r => r.acked - r.issued)),
    toModelMs: summarize(ok.map(r => r.seen - r.issued)),
    afterAckMs: summarize(ok.map(r => r.seen - r.acked)),
    toAliasMs: summarize(ok.filter(r => !Number.isNaN(r.aliased)).map(r => r.aliased - r.issued)),
    reloads: s.store.loadCount - reloadsBefore,
    engineCalls: categorize(s.calls.slice(callsBefore)),
    // where the time goes: engine (issue → its event), then the store (event → model)
    path: {
      issueToEventMs: summarize(withEvent.map(r => r.event - r.issued)),
      eventToModelMs: summarize(withEvent.map(r => r.seen - r.event)),
      eventToReloadStartMs: summarize(viaReload.map(r => r.reloadStart - r.event)),
      reloadStartToModelMs: summarize(viaReload.map(r => r.seen - r.reloadStart)),
      reloadDurationMs: summarize(roundLoads.map(l => l.end - l.start)),
      eventsSeen: withEvent.length,
    },
  };
}

/** A stopped container connected to a network: does the model ever show it (without a manual refresh)? */
async function stoppedConnectCheck(docker, s, pairs, waitMs = 3000) {
  const out = [];
  for (const { container, network } of pairs) {
    const issued = now();
    let seen = NaN;
    const probe = snap =>
      snap.kind === 'ready' && snap.model.networks.find(n => n.id === network.id)?.endpoints.some(e => e.containerId === container.id);
    const sub = s.store.onDidChange(snap => {
      if (Number.isNaN(seen) && probe(snap)) seen = now() - issued;
    });
    const reloadsBefore = s.store.loadCount;
    await docker.getNetwork(network.id).connect({ Container: container.id, EndpointConfig: { Aliases: ['stopped-check'] } });
    container.endpoints.push({ network: network.name, networkId: network.id, aliases: ['stopped-check'] });
    await sleep(waitMs);
    sub.dispose();
    out.push({
      container: container.name,
      network: network.name,
      seenMs: Number.isNaN(seen) ? null : Math.round(seen),
      reloads: s.store.loadCount - reloadsBefore,
    });
  }
  // The same change after a manual refresh, to show it is only the missing trigger.
  await s.store.reload();
  const snap = s.store.snapshot;
  const visibleAfterRefresh = pairs.every(({ container, network }) =>
    snap.model.networks.find(n => n.id === network.id)?.endpoints.some(e => e.containerId === container.id),
  );
  return { checks: out, visibleAfterRefresh };
}

// ---------- report ----------
function machineInfo(engineVersion, cliVersion) {
  const cpus = os.cpus();
  return {
    nproc: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    engine: `Docker Engine ${engineVersion.Version} (API ${engineVersion.ApiVersion})`,
    dockerCli: cliVersion,
    date: new Date().toISOString(),
    loadavgAtStart: os.loadavg().map(x => Math.round(x * 100) / 100),
  };
}
const verdict = ok => (ok ? 'PASS' : 'MISS');
const ratio = x => (Number.isFinite(x) ? x.toFixed(2) : '–');

const p5 = x => `${fmtMs(x.median)}/${fmtMs(x.p95)}`;
function pathLine(p) {
  return (
    `p50/p95 ms: issue → engine event ${p5(p.issueToEventMs)}, event → model ${p5(p.eventToModelMs)}` +
    ` [event → reload start ${p5(p.eventToReloadStartMs)}, reload start → model ${p5(p.reloadStartToModelMs)}; reload duration ${p5(p.reloadDurationMs)}]`
  );
}

const heapLine = h =>
  `${h.afterLoadMiB.toFixed(1)} MiB after the load, ${h.afterChurnMiB.toFixed(1)} MiB after ${h.events} events ` +
  `(${h.growth >= 0 ? '+' : ''}${(h.growth * 100).toFixed(1)}%, target ≤ +${TARGETS.heapGrowth * 100}%; ${h.reloads} full reloads)`;

function renderTable(r) {
  const rows = [
    ['(a) store.reload(), warm', r.a.warm.median, r.a.warm.p95, r.a.warmCallsPerReload],
    ['(a) cold: connect → full model (with aliases)', r.a.cold.median, r.a.cold.p95, r.a.coldCalls],
    ['    cold: connect → first snapshot (no aliases)', r.a.coldFirstSnapshot.median, r.a.coldFirstSnapshot.p95, ''],
    [`(b) CLI: network ls -q + ${r.b.inspects} × network inspect`, r.b.perNetwork.median, r.b.perNetwork.p95, r.b.processes + ' procs'],
    ['    CLI: network ls -q + one inspect of all (info)', r.b.batch.median, r.b.batch.p95, '2 procs'],
    ['(c) floor, warm: 2 raw GETs + JSON.parse', r.c.warm.median, r.c.warm.p95, r.c.warmCalls],
    ['(c) floor, cold: + inspects (pool of 8)', r.c.cold.median, r.c.cold.p95, r.c.coldCalls],
  ];
  const lines = [];
  lines.push(`${'measurement'.padEnd(50)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(9)}  engine calls`);
  for (const [name, med, p95, calls] of rows)
    lines.push(`${name.padEnd(50)} ${fmtMs(med).padStart(10)} ${fmtMs(p95).padStart(9)}  ${calls}`);
  lines.push('');
  lines.push(`a/c warm  = ${ratio(r.ratios.warmOverFloor)}  (target ≤ ${TARGETS.warmOverFloor})  ${verdict(r.targets.warmOverFloor)}`);
  lines.push(`b/a warm  = ${ratio(r.ratios.cliOverStore)}  (target ≥ ${TARGETS.cliOverStore})  ${verdict(r.targets.cliOverStore)}`);
  lines.push(`a/c warm, best case (min/min) = ${ratio(r.ratios.warmOverFloorBestCase)}  (info: less sensitive to other load)`);
  lines.push(`a/c cold  = ${ratio(r.ratios.coldOverColdFloor)}  (info)`);
  if (r.heap) lines.push(`heap      = ${heapLine(r.heap)}  ${verdict(r.targets.heapGrowth)}`);
  for (const ev of r.events.rounds) {
    lines.push(
      `event → model, ${ev.label.padEnd(28)} median ${fmtMs(ev.toModelMs.median)} ms, p95 ${fmtMs(ev.toModelMs.p95)} ms` +
        ` (engine ack median ${fmtMs(ev.engineAckMs.median)} ms; with alias p95 ${fmtMs(ev.toAliasMs.p95)} ms; ${ev.reloads} reloads)` +
        (ev.target ? `  target p95 ≤ ${TARGETS.eventP95Ms}: ${verdict(ev.toModelMs.p95 <= TARGETS.eventP95Ms)}` : ''),
    );
    lines.push(`    ${pathLine(ev.path)}`);
  }
  return lines.join('\n');
}

function renderMarkdown(r) {
  const m = r.machine;
  const md = [];
  md.push(`### Explorer benchmark`);
  md.push('');
  md.push(
    `${r.config.networks} networks, ${r.config.containers} containers (${r.setup.running} running), ${r.setup.endpoints} endpoints. ` +
      `Machine: ${m.nproc} CPUs (${m.cpuModel}), ${m.kernel}, Node ${m.node}, ${m.engine}, docker CLI ${m.dockerCli}; ${m.date.slice(0, 10)}. ` +
      `Load average ${m.loadavgAtStart[0]} at start, ${m.loadavgAtEnd?.[0] ?? '?'} at end. Run with \`npm run bench${r.config.preset === 'default' ? '' : ` -- --preset=${r.config.preset}`}\`.`,
  );
  md.push('');
  md.push('| Measurement | Median | p95 | Engine calls |');
  md.push('| --- | ---: | ---: | ---: |');
  md.push(
    `| (a) Docker Networks: refresh (\`store.reload()\`, warm) | ${fmtMs(r.a.warm.median)} ms | ${fmtMs(r.a.warm.p95)} ms | ${r.a.warmCallsPerReload} |`,
  );
  md.push(
    `| (a) Docker Networks: cold load, connect → full tree with aliases | ${fmtMs(r.a.cold.median)} ms | ${fmtMs(r.a.cold.p95)} ms | ${r.a.coldCalls} |`,
  );
  md.push(
    `| (b) CLI: \`docker network ls -q\` + \`docker network inspect\` per network | ${fmtMs(r.b.perNetwork.median)} ms | ${fmtMs(r.b.perNetwork.p95)} ms | ${r.b.processes} (processes) |`,
  );
  md.push(
    `| (c) Floor: raw \`GET /networks\` + \`GET /containers/json\` + \`JSON.parse\` | ${fmtMs(r.c.warm.median)} ms | ${fmtMs(r.c.warm.p95)} ms | ${r.c.warmCalls} |`,
  );
  md.push(`| (c) Floor, cold: + container inspects | ${fmtMs(r.c.cold.median)} ms | ${fmtMs(r.c.cold.p95)} ms | ${r.c.coldCalls} |`);
  for (const ev of r.events.rounds.filter(e => e.target)) {
    md.push(
      `| External \`network connect\` → endpoint in the tree (${ev.connects}, ${ev.spacingMs ? `one per ${ev.spacingMs} ms` : 'back-to-back'}) | ${fmtMs(ev.toModelMs.median)} ms | ${fmtMs(ev.toModelMs.p95)} ms | |`,
    );
  }
  md.push('');
  const evs = r.events.rounds
    .filter(e => e.target)
    .map(e => `${e.spacingMs ? 'paced' : 'burst'} p95 ${fmtMs(e.toModelMs.p95)} ms ${verdict(e.toModelMs.p95 <= TARGETS.eventP95Ms)}`)
    .join(', ');
  md.push(
    `Ratios: warm refresh / floor **${ratio(r.ratios.warmOverFloor)}** (target ≤ ${TARGETS.warmOverFloor}, ${verdict(r.targets.warmOverFloor)}); ` +
      `CLI / warm refresh **${ratio(r.ratios.cliOverStore)}** (target ≥ ${TARGETS.cliOverStore}, ${verdict(r.targets.cliOverStore)}); ` +
      `event → tree (target p95 ≤ ${TARGETS.eventP95Ms} ms): ${evs}.`,
  );
  const split = r.events.rounds
    .filter(e => e.target)
    .map(
      e =>
        `${e.spacingMs ? 'paced' : 'burst'}: engine ${p5(e.path.issueToEventMs)} ms, store ${p5(e.path.eventToModelMs)} ms (${e.reloads} reloads for ${e.connects} events)`,
    )
    .join('; ');
  if (r.heap) md.push(`Heap of the explorer's data layer (after a forced GC): ${heapLine(r.heap)}, ${verdict(r.targets.heapGrowth)}.`);
  if (split)
    md.push(
      `Where the event latency goes (p50/p95): the engine's own connect (issue → its event), then the store (event → model: the connect applied from one container inspect; a throttled full reload follows): ${split}.`,
    );
  md.push('');
  return md.join('\n');
}

// ---------- main ----------
async function main() {
  ensureCompiled(log);
  const mods = {
    engineAddress: outModule('src/engine/engineAddress'),
    connection: outModule('src/engine/engineConnection'),
    store: outModule('src/engine/explorerStore'),
    explorer: outModule('src/model/explorer'),
    aliasCache: outModule('src/engine/aliasCache'),
  };
  const { startPrivateEngine, ensureTestImage, dockerFor } = require(path.join(ROOT, 'scripts/engine/private-engine.js'));

  // private-engine.js's own SIGINT/SIGTERM handlers (installed by startPrivateEngine) stop the engine, which takes its
  // containers, networks, bridges and data directory with it, then exit. Before the engine exists, exit at once.
  let engine;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      log(`${sig}: ${engine ? 'stopping the private engine (its containers, networks and data go with it)' : 'exiting'}`);
      if (!engine) process.exit(130);
    });
  }

  const result = { config: CONFIG, targets: {}, ratios: {} };
  let docker;
  let cliConfigDir;
  const stores = [];
  try {
    engine = await startPrivateEngine({ log, stopOnExit: true });
    const image = await ensureTestImage(engine.dockerHost, { log });
    docker = dockerFor(engine.dockerHost);
    const version = await docker.version();
    const api = version.ApiVersion;
    cliConfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-bench-cli-'));
    process.once('exit', () => fs.rmSync(cliConfigDir, { recursive: true, force: true })); // Ctrl-C skips `finally`
    const cliEnv = { ...process.env, DOCKER_HOST: engine.dockerHost, DOCKER_CONFIG: cliConfigDir };
    delete cliEnv.DOCKER_CONTEXT;
    const cliVersion = execFileSync('docker', ['version', '--format', '{{.Client.Version}}'], { env: cliEnv, encoding: 'utf8' }).trim();
    result.machine = machineInfo(version, cliVersion);
    log(
      `machine: ${result.machine.nproc} CPUs, ${result.machine.engine}, docker CLI ${cliVersion}, load ${result.machine.loadavgAtStart.join(' ')}`,
    );

    // 1. populate
    const setup = await fixture.populate(docker, image, {
      networks: CONFIG.networks,
      containers: CONFIG.containers,
      running: CONFIG.running,
      concurrency: CONFIG.concurrency,
      log,
    });
    result.setup = { ...setup.timings, endpoints: setup.endpoints, running: setup.containers.filter(c => c.running).length };
    const expected = expectation(setup.containers);
    await sleep(1000); // let the engine finish its own work (events, checkpoints)

    // 2. cold: (c) the cold floor and (a) a new connection + store (so a new alias cache), interleaved
    log(`(a)/(c) cold × ${CONFIG.coldRuns}, interleaved`);
    const colds = [],
      cCold = [];
    const coldFloorInfo = {};
    let warmStore;
    for (let i = 0; i < CONFIG.coldRuns; i++) {
      const t = now();
      const f = await floor.coldFloor(engine.socketPath, api, 8);
      cCold.push(now() - t);
      Object.assign(coldFloorInfo, { coldCalls: f.calls, coldBytes: f.bytes });
      const cold = await coldLoad(mods, engine.dockerHost, expected);
      colds.push(cold);
      log(
        `(a) cold #${i + 1}: connected ${fmtMs(cold.marks.connected)} ms, first snapshot ${fmtMs(cold.marks.firstReady)} ms, full model ${fmtMs(cold.marks.complete)} ms, ` +
          `${cold.callCount} engine calls ${JSON.stringify(cold.byKind)}; (c) cold floor ${fmtMs(cCold[i])} ms`,
      );
      if (i < CONFIG.coldRuns - 1) {
        await settle(cold.store, 200);
        cold.dispose();
        await sleep(300);
      } else warmStore = cold;
    }
    stores.push(warmStore);
    result.a = {
      cold: summarize(colds.map(c => c.marks.complete)),
      coldFirstSnapshot: summarize(colds.map(c => c.marks.firstReady)),
      coldConnected: summarize(colds.map(c => c.marks.connected)),
      coldCalls: colds[0].callCount,
      coldCallsByKind: colds[0].byKind,
    };

    // 3. (a) warm reloads interleaved with (c) the warm floor, so machine noise hits both alike
    await settle(warmStore.store);
    log(`(a)/(c) warm × ${CONFIG.runs}, interleaved (after 2 unmeasured rounds each)`);
    const aWarm = [],
      cWarm = [],
      callsPerReload = [];
    let warmCallLines;
    for (let i = -2; i < CONFIG.runs; i++) {
      let t = now();
      const f = await floor.warmFloor(engine.socketPath, api);
      const cMs = now() - t;
      const mark = warmStore.calls.length;
      t = now();
      await warmStore.store.reload();
      const aMs = now() - t;
      if (i < 0) continue;
      cWarm.push(cMs);
      aWarm.push(aMs);
      const lines = warmStore.calls.slice(mark);
      callsPerReload.push(lines.length);
      if (!warmCallLines) warmCallLines = lines.map(l => l.line);
      if (i === 0) result.c = { warmCalls: f.calls, warmBytes: f.bytes, ...coldFloorInfo, cold: summarize(cCold) };
    }
    const snap = warmStore.store.snapshot;
    if (snap.kind !== 'ready' || !modelProgress(snap.model, expected).complete) throw new Error('the warm snapshot is not the full model');
    result.a.warm = summarize(aWarm);
    result.a.warmCallsPerReload = median(callsPerReload);
    result.a.warmCallLines = warmCallLines;
    result.c.warm = summarize(cWarm);
    log(
      `(a) warm reload median ${fmtMs(result.a.warm.median)} ms p95 ${fmtMs(result.a.warm.p95)} ms, ${result.a.warmCallsPerReload} calls; (c) warm floor median ${fmtMs(result.c.warm.median)} ms`,
    );

    // 4. where the warm time goes (same process, same data)
    result.breakdown = await breakdown(mods, warmStore, engine.socketPath, api);
    log(`breakdown (warm): ${JSON.stringify(Object.fromEntries(Object.entries(result.breakdown).map(([k, v]) => [k, v.median ?? v])))}`);
    result.aliasPass = await aliasPassComparison(mods, warmStore, engine.socketPath, api);
    log(
      `alias pass (cold path, ${result.aliasPass.inspects} inspects): ${JSON.stringify(
        Object.fromEntries(
          Object.entries(result.aliasPass)
            .filter(([, v]) => v.median !== undefined)
            .map(([k, v]) => [k, v.median]),
        ),
      )}`,
    );

    // 5. (b) the CLI way
    log(`(b) CLI × ${CONFIG.cliRuns}: docker network ls -q + docker network inspect per network`);
    const bRuns = [];
    for (let i = 0; i < CONFIG.cliRuns; i++) {
      const run = await cliRound(cliEnv);
      bRuns.push(run);
      log(`(b) run ${i + 1}: ${fmtMs(run.ms)} ms for ${run.processes} docker processes`);
    }
    const batch = [];
    for (let i = 0; i < CONFIG.cliRuns; i++) batch.push((await cliBatchRound(cliEnv)).ms);
    result.b = {
      perNetwork: summarize(bRuns.map(r => r.ms)),
      processes: bRuns[0].processes,
      inspects: bRuns[0].ids.length,
      batch: summarize(batch),
    };

    // 6. event → tree latency on the warm store (it follows /events)
    const pick = pairPicker(setup.containers, setup.networks);
    result.events = { rounds: [] };
    if (CONFIG.events > 0) {
      await settle(warmStore.store);
      log(`events: ${CONFIG.events} back-to-back connects`);
      result.events.rounds.push({
        ...(await eventRound(docker, warmStore, pick(CONFIG.events), { spacingMs: 0, label: 'burst (back-to-back)' })),
        target: true,
      });
      await settle(warmStore.store);
      log(`events: ${CONFIG.events} connects, one per ${CONFIG.pacedSpacingMs} ms`);
      result.events.rounds.push({
        ...(await eventRound(docker, warmStore, pick(CONFIG.events), {
          spacingMs: CONFIG.pacedSpacingMs,
          label: `paced (1 per ${CONFIG.pacedSpacingMs} ms)`,
        })),
        target: true,
      });
      await settle(warmStore.store);
      log('events: stopped containers connected to a network (no engine event expected)');
      result.events.stoppedConnect = await stoppedConnectCheck(docker, warmStore, pick(3, { stopped: true }));
    }

    // 6b. heap after the load and after the churn
    if (CONFIG.churn > 0) {
      log(`heap: ${CONFIG.churn} networks created and removed (${2 * CONFIG.churn} events) while the store follows`);
      result.heap = await heapChurn(docker, warmStore, { count: CONFIG.churn, networksInUse: CONFIG.networks });
      log(
        `heap: ${result.heap.afterLoadMiB.toFixed(1)} MiB after the load, ${result.heap.afterChurnMiB.toFixed(1)} MiB after ${result.heap.events} events ` +
          `(${(result.heap.growth * 100).toFixed(1)}%; ${result.heap.reloads} reloads in ${fmtMs(result.heap.ms)} ms)`,
      );
    }

    // ratios and targets
    result.ratios = {
      warmOverFloor: result.a.warm.median / result.c.warm.median,
      cliOverStore: result.b.perNetwork.median / result.a.warm.median,
      coldOverColdFloor: result.a.cold.median / result.c.cold.median,
      warmOverFloorBestCase: result.a.warm.min / result.c.warm.min,
    };
    result.targets = {
      warmOverFloor: result.ratios.warmOverFloor <= TARGETS.warmOverFloor,
      cliOverStore: result.ratios.cliOverStore >= TARGETS.cliOverStore,
      eventP95: result.events.rounds.filter(e => e.target).every(e => e.toModelMs.p95 <= TARGETS.eventP95Ms),
      ...(result.heap ? { heapGrowth: result.heap.growth <= TARGETS.heapGrowth } : {}),
    };
    result.targetValues = TARGETS;

    // 7. what-if rounds (investigation only; src/ is unchanged): run when a target is missed or on request
    if (CONFIG.events > 0 && (CONFIG.investigate || !result.targets.eventP95)) {
      warmStore.dispose();
      stores.length = 0;
      result.whatIf = [];
      const variants = [
        { label: 'as shipped (debounce 100 ms), again', options: {} },
        { label: 'debounce 25 ms', options: { debounceMs: 25 } },
      ];
      for (const v of variants) {
        log(`what-if: ${v.label}`);
        const s = await coldLoad(mods, engine.dockerHost, expectation(setup.containers), v.options);
        stores.push(s);
        await settle(s.store);
        const burst = await eventRound(docker, s, pick(CONFIG.events), { spacingMs: 0, label: `burst, ${v.label}` });
        await settle(s.store);
        // fewer paced connects than the main round: they take spacing × count
        const paced = await eventRound(docker, s, pick(Math.min(CONFIG.events, 20)), {
          spacingMs: CONFIG.pacedSpacingMs,
          label: `paced, ${v.label}`,
        });
        result.whatIf.push({ variant: v.label, burst, paced });
        log(
          `what-if ${v.label}: event → model burst ${p5(burst.path.eventToModelMs)} ms (${burst.reloads} reloads), paced ${p5(paced.path.eventToModelMs)} ms (${paced.reloads} reloads)`,
        );
        s.dispose();
        stores.length = 0;
      }
    }
    result.machine.loadavgAtEnd = os.loadavg().map(x => Math.round(x * 100) / 100);
    result.totalSeconds = Math.round((Date.now() - T0) / 1000);

    // 8. report
    const table = renderTable(result);
    console.log(`\n${table}\n`);
    if (result.whatIf)
      console.log(
        'what-if (investigation; p50/p95 ms; "event → model" is the store\'s own share, "issue → model" adds the engine\'s connect):',
      );
    for (const w of result.whatIf ?? []) {
      const line = ev =>
        `event → model ${p5(ev.path.eventToModelMs).padEnd(11)} issue → model ${p5(ev.toModelMs).padEnd(11)} ${String(ev.reloads).padStart(2)} reloads`;
      console.log(`  ${w.variant.padEnd(38)} burst: ${line(w.burst)} | paced: ${line(w.paced)}`);
    }
    if (result.events.stoppedConnect) {
      const sc = result.events.stoppedConnect;
      console.log(
        `stopped container connected: shown without refresh in ${sc.checks.filter(c => c.seenMs !== null).length}/${sc.checks.length} cases` +
          ` (reloads triggered: ${sc.checks.map(c => c.reloads).join(', ')}); after a manual refresh: ${sc.visibleAfterRefresh ? 'shown' : 'NOT shown'}`,
      );
    }
    const dir = path.resolve(CONFIG.resultsDir);
    fs.mkdirSync(dir, { recursive: true });
    const stem = CONFIG.preset === 'default' ? 'latest' : `latest-${CONFIG.preset}`;
    fs.writeFileSync(path.join(dir, `${stem}.json`), JSON.stringify(result, null, 2) + '\n');
    const md = renderMarkdown(result);
    fs.writeFileSync(path.join(dir, `${stem}.md`), md);
    console.log(`\n${md}`);
    log(`wrote ${path.join(dir, `${stem}.json`)} and ${stem}.md`);
    const missed = Object.entries(result.targets)
      .filter(([, ok]) => !ok)
      .map(([k]) => k);
    if (missed.length) log(`targets missed: ${missed.join(', ')}`);
    return CONFIG.strict && missed.length ? 1 : 0;
  } finally {
    for (const s of stores) {
      try {
        s.dispose();
      } catch {
        /* already */
      }
    }
    if (docker) await fixture.teardown(docker, { concurrency: CONFIG.concurrency, log }).catch(e => log(`teardown failed: ${e.message}`));
    if (engine) await engine.stop({});
    if (cliConfigDir) fs.rmSync(cliConfigDir, { recursive: true, force: true });
  }
}

/** The cold path's alias pass three ways, interleaved: the product's AliasCache (batches of 8), a pool of 8 through the gateway, a raw pool of 8. */
async function aliasPassComparison(mods, s, socketPath, api, rounds = 3) {
  const gateway = s.connection.requireGateway();
  const containers = await gateway.listContainers();
  const wanted = containers.filter(c => Object.keys(c.NetworkSettings?.Networks ?? {}).some(n => !['bridge', 'host', 'none'].includes(n)));
  const ways = {
    aliasCacheBatchesOf8: () => new mods.aliasCache.AliasCache().refresh(gateway, containers),
    gatewayPoolOf8: () => pool(wanted, 8, c => gateway.inspectContainer(c.Id)),
    rawPoolOf8: () => pool(wanted, 8, c => floor.rawGet(socketPath, `/v${api}/containers/${c.Id}/json`)),
  };
  const samples = Object.fromEntries(Object.keys(ways).map(k => [k, []]));
  for (let i = 0; i < rounds; i++) {
    for (const [k, fn] of Object.entries(ways)) {
      const t = now();
      await fn();
      samples[k].push(now() - t);
    }
  }
  return { inspects: wanted.length, ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)])) };
}

/** Warm-path pieces, each timed alone, round-robin so machine noise hits all alike (median of 10). */
async function breakdown(mods, s, socketPath, api) {
  const gateway = s.connection.requireGateway();
  let networks, containers;
  [networks, containers] = await Promise.all([gateway.listNetworks(), gateway.listContainers()]);
  const aliases = s.store.aliases.current();
  const netText = await floor.rawText(socketPath, `/v${api}/networks`);
  const ctrText = await floor.rawText(socketPath, `/v${api}/containers/json?all=1`);
  const one = containers.find(c => c.State === 'running') ?? containers[0];
  const pieces = {
    gatewayLists: () => Promise.all([gateway.listNetworks(), gateway.listContainers()]),
    rawLists: () => floor.warmFloor(socketPath, api),
    gatewayNetworks: () => gateway.listNetworks(),
    rawNetworks: () => floor.rawGet(socketPath, `/v${api}/networks`),
    gatewayContainers: () => gateway.listContainers(),
    rawContainers: () => floor.rawGet(socketPath, `/v${api}/containers/json?all=1`),
    jsonParse: () => {
      JSON.parse(netText);
      JSON.parse(ctrText);
    },
    buildModel: () => mods.explorer.buildExplorerModel(networks, containers, aliases),
    aliasSignatures: () => containers.map(c => mods.explorer.aliasSignature(c)),
    aliasCacheCopy: () => s.store.aliases.current(),
    inspectOneContainer: () => gateway.inspectContainer(one.Id),
    inspectOneContainerRaw: () => floor.rawGet(socketPath, `/v${api}/containers/${one.Id}/json`),
    listOneContainerRaw: () =>
      floor.rawGet(socketPath, `/v${api}/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ id: [one.Id] }))}`),
  };
  const samples = Object.fromEntries(Object.keys(pieces).map(k => [k, []]));
  for (let i = -1; i < 10; i++) {
    for (const [k, fn] of Object.entries(pieces)) {
      const t = now();
      await fn();
      if (i >= 0) samples[k].push(now() - t);
    }
  }
  return {
    ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)])),
    bytes: { networks: Buffer.byteLength(netText), containers: Buffer.byteLength(ctrText) },
  };
}

main().then(
  code => process.exit(code),
  err => {
    console.error(`bench failed: ${err?.stack ? err.stack : err}`);
    process.exit(1);
  },
);
