#!/usr/bin/env node
'use strict';
// `npm run bench:engines`: several engines in one window. Starts 3 private engines with 300 networks each and
// measures, in the same run and interleaved:
//   (a) a refresh of all three, as the extension runs it (one store per engine, reloaded side by side);
//   (c) each engine's raw floor (the same two list GETs + JSON.parse), and the slowest of the three.
// Target: (a) ≤ 1.3 × the slowest floor (in parallel, not in sequence). It also counts the reloads events on one
// engine cause on the others (target: none).
//
// Options: --engines=N (3) --networks=N (300) --runs=N (10) --results-dir=D (bench/results).
// Writes bench/results/engines-latest.json and engines-latest.md.

const fs = require('fs');
const path = require('path');
const { ROOT, ensureCompiled, outModule } = require('./lib/build');
const { now, sleep, summarize, waitFor, fmtMs } = require('./lib/util');
const fixture = require('./lib/fixture');
const floor = require('./lib/floor');

function option(name, fallback) {
  const flag = process.argv.find(a => a.startsWith(`--${name}=`));
  return flag ? flag.slice(flag.indexOf('=') + 1) : fallback;
}
const CONFIG = {
  engines: Number(option('engines', 3)),
  networks: Number(option('networks', 300)),
  runs: Number(option('runs', 10)),
  resultsDir: option('results-dir', path.join(__dirname, 'results')),
};
const TARGET = 1.3;
const T0 = Date.now();
const log = message => console.log(`[bench:engines +${((Date.now() - T0) / 1000).toFixed(0)}s] ${message}`);
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: m => log(`store error: ${m}`) };

function storeFor(mods, engine) {
  const address = mods.engineAddress.resolveEngineAddress({
    env: { DOCKER_HOST: engine.dockerHost },
    homeDir: '/nonexistent',
    platform: process.platform,
    readFile: () => undefined,
  });
  const connection = new mods.connection.EngineConnection({ resolveEngineAddress: () => address, timeoutMs: () => 60000, logger: silent });
  const store = new mods.store.ExplorerStore(connection, silent);
  connection.start();
  const dispose = () => {
    store.dispose();
    connection.dispose();
  };
  return { connection, store, dispose };
}

async function main() {
  ensureCompiled(log);
  const mods = {
    engineAddress: outModule('src/engine/engineAddress'),
    connection: outModule('src/engine/engineConnection'),
    store: outModule('src/engine/explorerStore'),
  };
  const { startPrivateEngine, dockerFor } = require(path.join(ROOT, 'scripts/engine/private-engine.js'));
  const engines = [];
  const sessions = [];
  try {
    for (let i = 0; i < CONFIG.engines; i++) engines.push(await startPrivateEngine({ log, stopOnExit: true }));
    const api = (await dockerFor(engines[0].dockerHost).version()).ApiVersion;
    for (const [i, engine] of engines.entries()) {
      log(`engine ${i + 1}: ${CONFIG.networks} networks`);
      await fixture.populate(dockerFor(engine.dockerHost), undefined, { networks: CONFIG.networks, containers: 0, concurrency: 8, log });
    }
    for (const engine of engines) sessions.push(storeFor(mods, engine));
    await waitFor(
      () => sessions.every(s => s.store.snapshot.kind === 'ready' && s.store.model.networks.length >= CONFIG.networks),
      'every engine loaded',
      60000,
    );
    await sleep(500);

    log(`refresh of all ${CONFIG.engines} engines × ${CONFIG.runs}, interleaved with each engine's floor (after 2 unmeasured rounds)`);
    const all = [];
    const slowestFloor = [];
    const parallelFloor = [];
    const floors = engines.map(() => []);
    for (let i = -2; i < CONFIG.runs; i++) {
      const perEngine = [];
      for (const engine of engines) {
        const t = now();
        await floor.warmFloor(engine.socketPath, api);
        perEngine.push(now() - t);
      }
      let t = now();
      await Promise.all(engines.map(engine => floor.warmFloor(engine.socketPath, api)));
      const parallelMs = now() - t;
      t = now();
      await Promise.all(sessions.map(s => s.store.reload()));
      const ms = now() - t;
      if (i < 0) continue;
      all.push(ms);
      parallelFloor.push(parallelMs);
      slowestFloor.push(Math.max(...perEngine));
      perEngine.forEach((value, j) => floors[j].push(value));
    }

    log('events on engine 1: 50 networks created and removed; the other engines must not reload');
    const loadsBefore = sessions.map(s => s.store.loadCount);
    const docker1 = dockerFor(engines[0].dockerHost);
    const names = Array.from({ length: 50 }, (_, i) => `bench-engines-churn-${i}`);
    for (const name of names) await docker1.createNetwork({ Name: name, Labels: fixture.LABELS, Internal: true });
    for (const name of names) await docker1.getNetwork(name).remove();
    await waitFor(() => !sessions[0].store.model.networks.some(n => n.name.startsWith('bench-engines-churn-')), 'the churn shown', 20000);
    await sleep(500);
    const reloads = sessions.map((s, i) => s.store.loadCount - loadsBefore[i]);

    const result = {
      config: CONFIG,
      date: new Date().toISOString(),
      refreshAll: summarize(all),
      slowestFloor: summarize(slowestFloor),
      parallelFloor: summarize(parallelFloor),
      floors: floors.map(summarize),
      ratio: summarize(all).median / summarize(slowestFloor).median,
      ratioToParallelFloor: summarize(all).median / summarize(parallelFloor).median,
      sequentialWouldBe: floors.reduce((sum, f) => sum + summarize(f).median, 0),
      reloadsCausedOnOthers: reloads.slice(1),
      reloadsOnEngine1: reloads[0],
    };
    result.target = { ratio: TARGET, met: result.ratio <= TARGET, noCrossReloads: result.reloadsCausedOnOthers.every(r => r === 0) };
    const md = [
      `### Several engines: ${CONFIG.engines} × ${CONFIG.networks} networks`,
      '',
      '| Measurement | Median | p95 |',
      '| --- | ---: | ---: |',
      `| Refresh of all ${CONFIG.engines} engines (side by side) | ${fmtMs(result.refreshAll.median)} ms | ${fmtMs(result.refreshAll.p95)} ms |`,
      `| Floor: the slowest engine's two raw list GETs | ${fmtMs(result.slowestFloor.median)} ms | ${fmtMs(result.slowestFloor.p95)} ms |`,
      `| Floor: all three engines' raw GETs side by side | ${fmtMs(result.parallelFloor.median)} ms | ${fmtMs(result.parallelFloor.p95)} ms |`,
      `| (the floors one after another would be) | ${fmtMs(result.sequentialWouldBe)} ms | |`,
      '',
      `Refresh of all / slowest floor: **${result.ratio.toFixed(2)}** (target ≤ ${TARGET}, ${result.target.met ? 'PASS' : 'MISS'}); ` +
        `/ the three floors side by side: ${result.ratioToParallelFloor.toFixed(2)}. ` +
        `100 events on engine 1 (${result.reloadsOnEngine1} reloads there) caused ${result.reloadsCausedOnOthers.join(' and ')} reloads on the others ` +
        `(target 0, ${result.target.noCrossReloads ? 'PASS' : 'MISS'}).`,
      '',
    ].join('\n');
    fs.mkdirSync(CONFIG.resultsDir, { recursive: true });
    fs.writeFileSync(path.join(CONFIG.resultsDir, 'engines-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(path.join(CONFIG.resultsDir, 'engines-latest.md'), md);
    console.log(`\n${md}`);
  } finally {
    for (const s of sessions) s.dispose();
    for (const engine of engines) await engine.stop();
  }
}

main().catch(err => {
  console.error(err.stack || err.message);
  process.exitCode = 1;
});
