#!/usr/bin/env node
'use strict';
// `npm run bench:ui`: how fast engine changes reach the user's screen, measured where the user sees them. Starts
// its own private Docker Engine with 300 networks, a code-server workbench with this extension, and headless
// Chromium. An in-page MutationObserver timestamps every row of the Networks view as it appears or goes (Date.now(),
// the same clock as the docker CLI calls and the engine events this process records), so each figure is shown
// against its floor from the same run: the CLI call returning, or the engine's event arriving.
//
// Measures: create → row, rm → gone, connect → child row, disconnect → child gone, a 100-create burst (rows over
// time, the longest stretch with no new row while creates had finished), Refresh of 300 networks → the change
// redrawn, and activation → first rows.
//
// Options (flags or environment):
//   --repeats=N   BENCH_UI_REPEATS   samples of each single action (5)
//   --burst=N     BENCH_UI_BURST     creates in the burst (100)
//   --networks=N  BENCH_UI_NETWORKS  networks in the engine besides the measured ones (300)
//   --strict      BENCH_STRICT=1     exit 1 when a target is missed
// Writes bench/results/ui-latest.json and ui-latest.md.

const fs = require('fs');
const path = require('path');
const { execFile, execFileSync } = require('child_process');
const { promisify } = require('util');
const { median, sleep } = require('./lib/util');
const fixture = require('./lib/fixture');
const floor = require('./lib/floor');

const ROOT = path.join(__dirname, '..');
const execFileP = promisify(execFile);

function option(name, env, fallback) {
  const flag = process.argv.find(a => a === `--${name}` || a.startsWith(`--${name}=`));
  if (flag) return flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : 'true';
  return process.env[env] ?? fallback;
}
const CONFIG = {
  repeats: Math.max(1, Number(option('repeats', 'BENCH_UI_REPEATS', 5))),
  burst: Math.max(1, Number(option('burst', 'BENCH_UI_BURST', 100))),
  networks: Number(option('networks', 'BENCH_UI_NETWORKS', 300)),
  strict: /^(1|true)$/.test(option('strict', 'BENCH_STRICT', '')),
  resultsDir: path.join(__dirname, 'results'),
};
/** What the user should get (issue-level targets, in ms). */
const TARGETS = { rowAfterEventMs: 50, burstStretchMs: 150, refreshMs: 100, activationToRowsMs: 500 };

const T0 = Date.now();
const log = message => console.log(`[bench:ui +${((Date.now() - T0) / 1000).toFixed(0)}s] ${message}`);

/** Names sort before the fixture's `bench-net-…`, so the measured rows are at the top of the view, on screen. */
const MEASURED_PREFIX = '0-uib';

// ---------- the page side: a recorder of the Networks view's rows ----------

/** Runs in the page (before the workbench loads): records rows appearing and going, and the view's progress bar. */
function installRecorder() {
  const record = { events: [], labels: new Set(), roots: 0, progress: false, installedAt: 0 };
  window.__dnBench = record;
  const networksPane = () =>
    [...document.querySelectorAll('.part.sidebar .pane')].find(
      pane => pane.querySelector('.pane-header h3.title')?.textContent.trim().toLowerCase() === 'networks',
    );
  const read = pane => {
    const t = Date.now();
    const labels = new Set();
    let roots = record.roots;
    for (const row of pane.querySelectorAll('.monaco-list-row')) {
      const label = row.querySelector('.label-name')?.textContent.trim();
      if (label) labels.add(label);
      if (row.getAttribute('aria-level') === '1') roots = Number(row.getAttribute('aria-setsize')) || roots;
    }
    for (const label of labels) if (!record.labels.has(label)) record.events.push({ t, kind: 'add', label });
    for (const label of record.labels) if (!labels.has(label)) record.events.push({ t, kind: 'remove', label });
    if (roots !== record.roots) record.events.push({ t, kind: 'roots', count: roots });
    const progress = Boolean(pane.querySelector('.monaco-progress-container.active'));
    if (progress !== record.progress) record.events.push({ t, kind: progress ? 'progress-start' : 'progress-end' });
    Object.assign(record, { labels, roots, progress });
  };
  // The user's click, on the page's clock (playwright's click() first waits for the element to be stable).
  document.addEventListener('mousedown', () => record.events.push({ t: Date.now(), kind: 'click' }), true);
  const attach = () => {
    const pane = networksPane();
    if (!pane) return void setTimeout(attach, 5);
    record.installedAt = Date.now();
    new MutationObserver(() => read(pane)).observe(pane, { subtree: true, childList: true, attributes: true, characterData: true });
    read(pane);
  };
  attach();
}

/** The recorder's events since `since` (ms epoch). */
async function pageEvents(page, since = 0) {
  return page.evaluate(t => window.__dnBench.events.filter(event => event.t >= t), since);
}

async function waitForPage(page, predicate, what, since, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await pageEvents(page, since)).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

// ---------- the engine side: CLI calls and the events they cause ----------

function engineEvents(docker) {
  const seen = [];
  let stream;
  const ready = docker.getEvents({ filters: { type: ['network'] } }).then(s => {
    stream = s;
    let buffer = '';
    s.on('data', chunk => {
      const t = Date.now();
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          const event = JSON.parse(line);
          seen.push({ t, action: event.Action, id: event.Actor?.ID, name: event.Actor?.Attributes?.name });
        } catch {}
      }
    });
  });
  return {
    ready,
    /** The first event of `action` on network `name` at or after `since`. */
    async next(action, name, since, timeoutMs = 20000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = seen.find(event => event.t >= since && event.action === action && event.name === name);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no ${action} event for ${name}`);
        await sleep(5);
      }
    },
    close: () => stream?.destroy(),
  };
}

/** Runs the docker CLI; returns when it started and returned. */
async function cli(env, args) {
  const started = Date.now();
  await execFileP('docker', args, { env });
  return { started, returned: Date.now() };
}

// ---------- the measurements ----------

/** One measured action: the CLI call, the engine's event it caused, and the moment the page showed it. */
function sample(call, event, shown) {
  return {
    id: event.id,
    action: event.action,
    eventAt: event.t,
    shownAt: shown.t,
    cli: call.returned - call.started,
    afterEvent: shown.t - event.t,
    afterCli: shown.t - call.returned,
    total: shown.t - call.started,
  };
}

async function measureCreateAndRemove(page, events, env) {
  const create = [];
  const remove = [];
  for (let i = 0; i < CONFIG.repeats; i++) {
    const name = `${MEASURED_PREFIX}-c-${i}`;
    const call = await cli(env, ['network', 'create', '--label', `${fixture.BENCH_LABEL}=1`, name]);
    const event = await events.next('create', name, call.started);
    const row = await waitForPage(page, e => e.kind === 'add' && e.label === name, `the row of ${name}`, call.started);
    create.push(sample(call, event, row));
    await sleep(300);
    const rm = await cli(env, ['network', 'rm', name]);
    const destroyed = await events.next('destroy', name, rm.started);
    const gone = await waitForPage(page, e => e.kind === 'remove' && e.label === name, `${name} gone`, rm.started);
    remove.push(sample(rm, destroyed, gone));
    await sleep(300);
  }
  return { create, remove };
}

async function measureConnect(page, events, env, docker, image) {
  const network = `${MEASURED_PREFIX}-conn`;
  const anchor = 'uib-anchor';
  const mover = 'uib-mover';
  await docker.createNetwork({ Name: network, Labels: fixture.LABELS });
  for (const [name, net] of [
    [anchor, network],
    [mover, 'bridge'],
  ]) {
    const container = await docker.createContainer({
      name,
      Image: image,
      Cmd: ['sleep', '86400'],
      Labels: fixture.LABELS,
      HostConfig: { NetworkMode: net },
    });
    await container.start();
  }
  const { treeRow, expandRow } = require('../test/ui/workbench');
  const row = treeRow(page, network, { view: 'Networks' });
  await waitForPage(page, e => e.kind === 'add' && e.label === anchor, 'the network to get its endpoint', 0).catch(async () => {
    await expandRow(row);
    await waitForPage(page, e => e.kind === 'add' && e.label === anchor, `${anchor} under ${network}`, 0);
  });
  const connect = [];
  const disconnect = [];
  for (let i = 0; i < CONFIG.repeats; i++) {
    const call = await cli(env, ['network', 'connect', network, mover]);
    const event = await events.next('connect', network, call.started);
    const shown = await waitForPage(page, e => e.kind === 'add' && e.label === mover, `${mover} under ${network}`, call.started);
    connect.push(sample(call, event, shown));
    await sleep(300);
    const off = await cli(env, ['network', 'disconnect', network, mover]);
    const gone = await events.next('disconnect', network, off.started);
    const hidden = await waitForPage(page, e => e.kind === 'remove' && e.label === mover, `${mover} gone`, off.started);
    disconnect.push(sample(off, gone, hidden));
    await sleep(300);
  }
  return { connect, disconnect };
}

/**
 * Creates in a row (the CLI, one after another, as a script would) while the tree shows them. A stall is a stretch
 * in which creates had finished whose rows were not shown and no new row came.
 */
async function measureBurst(page, env) {
  const baseline = await page.evaluate(() => window.__dnBench.roots);
  const started = Date.now();
  const finishes = [];
  for (let i = 0; i < CONFIG.burst; i++) {
    const name = `${MEASURED_PREFIX}-b-${String(i).padStart(3, '0')}`;
    await cli(env, ['network', 'create', '--label', `${fixture.BENCH_LABEL}=1`, name]);
    finishes.push(Date.now());
  }
  const lastRow = await waitForPage(page, e => e.kind === 'roots' && e.count >= baseline + CONFIG.burst, 'every burst row', started, 30000);
  const increases = (await pageEvents(page, started)).filter(e => e.kind === 'roots' && e.t <= lastRow.t);
  const timeline = [...finishes.map(t => ({ t, finish: true })), ...increases.map(e => ({ t: e.t, shown: e.count - baseline }))].sort(
    (a, b) => a.t - b.t || (a.finish ? -1 : 1),
  );
  let finished = 0;
  let shown = 0;
  let waitingSince;
  let longestStall = { ms: 0, at: 0 };
  for (const point of timeline) {
    if (point.finish) {
      finished++;
      if (finished > shown && waitingSince === undefined) waitingSince = point.t;
    } else {
      if (waitingSince !== undefined && point.t - waitingSince > longestStall.ms)
        longestStall = { ms: point.t - waitingSince, at: point.t - started };
      shown = Math.max(shown, point.shown);
      waitingSince = finished > shown ? point.t : undefined;
    }
  }
  const series = [];
  for (let t = 0; t <= lastRow.t - started + 250; t += 500) {
    const at = started + t;
    series.push({
      t,
      finished: finishes.filter(f => f <= at).length,
      shown: Math.max(0, ...increases.filter(e => e.t <= at).map(e => e.count - baseline)),
    });
  }
  return {
    creates: CONFIG.burst,
    durationMs: finishes.at(-1) - started,
    redraws: increases.length,
    longestStallMs: longestStall.ms,
    longestStallAtMs: longestStall.at,
    lastRowAfterLastCreateMs: lastRow.t - finishes.at(-1),
    series,
  };
}

/** Removes the burst's networks again, so the rows measured next are on screen. */
async function removeBurst(page, docker) {
  const names = Array.from({ length: CONFIG.burst }, (_, i) => `${MEASURED_PREFIX}-b-${String(i).padStart(3, '0')}`);
  const { pool } = require('./lib/util');
  await pool(names, 8, name => docker.getNetwork(name).remove());
  const expected = (await docker.listNetworks()).length;
  const deadline = Date.now() + 30000;
  while ((await page.evaluate(() => window.__dnBench.roots)) !== expected && Date.now() < deadline) await sleep(50);
}

/**
 * Refresh when the tree is behind: removing a config-only network sends no event (docs/engine-behaviour.md), so
 * its row stays until a refresh. Measures the click on the view's Refresh button → the row gone, against the raw
 * engine calls a refresh needs (the lists of networks and containers), measured right after.
 */
async function measureRefresh(page, env, engine, api) {
  const samples = [];
  for (let i = 0; samples.length < CONFIG.repeats && i < CONFIG.repeats * 3; i++) {
    const name = `${MEASURED_PREFIX}-cfg-${i}`;
    const created = await cli(env, [
      'network',
      'create',
      '--config-only',
      '--subnet',
      `10.249.${i}.0/24`,
      '--label',
      `${fixture.BENCH_LABEL}=1`,
      name,
    ]);
    await waitForPage(page, e => e.kind === 'add' && e.label === name, `the row of ${name}`, created.started);
    await cli(env, ['network', 'rm', name]);
    await sleep(500);
    // Something else (a reconciling reload after another event) may have caught the removal already: not a sample.
    if (!(await page.evaluate(label => window.__dnBench.labels.has(label), name))) {
      log(`${name} went without a refresh; measuring again`);
      continue;
    }
    const rowsBefore = await page.evaluate(() => window.__dnBench.labels.size);
    const button = page.locator('.part.sidebar .pane-header .actions .action-label[aria-label^="Refresh"]').first();
    await page.locator('.part.sidebar .pane-header').first().hover();
    const beforeClick = Date.now();
    await button.click();
    const clicked = (await waitForPage(page, e => e.kind === 'click', 'the click', beforeClick)).t;
    const gone = await waitForPage(page, e => e.kind === 'remove' && e.label === name, `${name} gone after Refresh`, clicked);
    const floorStarted = Date.now();
    await floor.warmFloor(engine.socketPath, api);
    const floorMs = Date.now() - floorStarted;
    const changes = (await pageEvents(page, clicked)).filter(e => e.kind === 'add' || e.kind === 'remove').length;
    samples.push({ clickedAt: clicked, shownAt: gone.t, ms: gone.t - clicked, floorMs, rowsOnScreen: rowsBefore, rowChanges: changes });
    await sleep(300);
  }
  return samples;
}

/** Sets a log channel to Debug the way a user does (Developer: Set Log Level…): its debug lines time each stage. */
async function debugLevelFor(page, channel) {
  const { runCommand, quickPickSelect, quickInputClosed } = require('../test/ui/workbench');
  await runCommand(page, 'Developer: Set Log Level...');
  await quickPickSelect(page, channel);
  await quickPickSelect(page, 'Debug');
  await quickInputClosed(page);
}

/** The extension's log lines (the Docker Networks channel), with their times as ms since the epoch. */
function extensionLog(userDataDir) {
  const files = [];
  const walk = dir => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'Docker Networks.log') files.push(full);
    }
  };
  walk(path.join(userDataDir, 'logs'));
  const lines = [];
  for (const file of files)
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) \[(\w+)\] (.*)$/gm))
      lines.push({ t: new Date(match[1].replace(' ', 'T')).getTime(), level: match[2], text: match[3] });
  return lines.sort((a, b) => a.t - b.t);
}

/** When activation began and ended: the timestamp of the extension's own line minus the duration it names. */
function activationFrom(lines) {
  for (const line of lines) {
    const match = line.text.match(/^activated: both views registered (\d+) ms/);
    if (match) return { startedAt: line.t - Number(match[1]), endedAt: line.t, ms: Number(match[1]) };
  }
  return undefined;
}

/**
 * Where the time between the engine's event and the row goes, from the extension's debug lines: the event reaching
 * the extension host, the explorer publishing it, the tree announcing the redraw, VS Code asking for the rows, and
 * the row on screen (the page's clock).
 */
function stagesOf(sample, lines) {
  const after = (t, pattern) => lines.find(line => line.t >= t && pattern.test(line.text));
  // A refresh starts with the click and reaches the extension as its list of networks: the line names when it ended.
  const listed = sample.clickedAt && after(sample.clickedAt, /^GET \/v[\d.]+\/networks → 200 in (\d+) ms/);
  const received = sample.clickedAt
    ? listed && { t: listed.t - Number(listed.text.match(/in (\d+) ms/)[1]) }
    : after(sample.eventAt - 50, new RegExp(`^event: network ${sample.action} ${sample.id}`));
  if (!received) return undefined;
  const published = after(received.t, /^explorer: published/);
  const announced = published && after(published.t, /^networks tree: redraw/);
  const asked = announced && after(announced.t, /^networks tree: VS Code asks/);
  return {
    received: received.t - (sample.clickedAt ?? sample.eventAt),
    published: published ? published.t - received.t : undefined,
    announced: announced ? announced.t - published.t : undefined,
    asked: asked ? asked.t - announced.t : undefined,
    drawn: sample.shownAt - (asked ?? announced ?? published ?? received).t,
  };
}

function stageTable(result, lines) {
  const kinds = ['create', 'remove', 'connect', 'disconnect', 'refresh'];
  const rows = [];
  for (const kind of kinds) {
    const stages = result[kind].map(sample => stagesOf(sample, lines)).filter(Boolean);
    if (!stages.length) continue;
    const mid = key => {
      const values = stages.map(stage => stage[key]).filter(v => v !== undefined);
      return values.length ? `${Math.round(median(values))} ms` : 'n/a';
    };
    rows.push(`| ${kind} | ${['received', 'published', 'announced', 'asked', 'drawn'].map(mid).join(' | ')} |`);
  }
  return [
    '| Stage (medians) | event (refresh: click) → extension host | → explorer published | → tree announced | → VS Code asked for rows | → row on screen |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
  ];
}

// ---------- report ----------

const ms = v => `${Math.round(v)} ms`;
const med = (samples, key) => median(samples.map(s => s[key]));

function report(result) {
  const rows = [];
  const single = (what, samples) =>
    rows.push([what, ms(med(samples, 'afterEvent')), ms(med(samples, 'afterCli')), ms(med(samples, 'total')), ms(med(samples, 'cli'))]);
  single('`docker network create` → row', result.create);
  single('`docker network rm` → row gone', result.remove);
  single('`docker network connect` → child row', result.connect);
  single('`docker network disconnect` → child row gone', result.disconnect);
  const lines = [
    `UI benchmark, ${result.machine}: medians of ${CONFIG.repeats}, ${CONFIG.networks} other networks in the view.`,
    '',
    '| What the user does (CLI, outside VS Code) | after the engine event | after the CLI returned | CLI start → screen | floor: the CLI call |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(r => `| ${r.join(' | ')} |`),
    '',
    `| Burst of ${result.burst.creates} creates in a row (${ms(result.burst.durationMs)}) | |`,
    '|---|---:|',
    `| longest stretch with no new row while creates had finished | ${ms(result.burst.longestStallMs)} |`,
    `| redraws during the burst | ${result.burst.redraws} |`,
    `| last row after the last create returned | ${ms(result.burst.lastRowAfterLastCreateMs)} |`,
    '',
    `| Refresh with ${CONFIG.networks} networks, one removed without an event | median |`,
    '|---|---:|',
    `| click → the row gone | ${ms(med(result.refresh, 'ms'))} |`,
    `| floor: the raw engine calls of a refresh | ${ms(med(result.refresh, 'floorMs'))} |`,
    `| rows changed on screen per refresh | ${med(result.refresh, 'rowChanges')} |`,
    '',
    ...result.stages,
    '',
    '| Activation | |',
    '|---|---:|',
    `| activation began → both views registered | ${result.activation ? ms(result.activation.ms) : 'n/a'} |`,
    `| activation began → first rows | ${result.activation ? ms(result.activation.toRows) : 'n/a'} |`,
    `| click on the activity bar icon → first rows | ${ms(result.activationClickToRows)} |`,
    '',
    'Burst, rows over time (ms since the first create: creates finished / rows shown):',
    result.burst.series.map(p => `${p.t}: ${p.finished}/${p.shown}`).join(', '),
  ];
  const verdicts = [
    ['create → row within 50 ms of the event', med(result.create, 'afterEvent') <= TARGETS.rowAfterEventMs],
    ['rm → gone within 50 ms of the event', med(result.remove, 'afterEvent') <= TARGETS.rowAfterEventMs],
    ['burst: no stretch over 150 ms without new rows', result.burst.longestStallMs <= TARGETS.burstStretchMs],
    ['refresh ≤ 100 ms', med(result.refresh, 'ms') <= TARGETS.refreshMs],
    ['activation → first rows ≤ 500 ms', result.activation !== undefined && result.activation.toRows <= TARGETS.activationToRowsMs],
  ];
  lines.push('', ...verdicts.map(([what, ok]) => `${ok ? 'PASS' : 'MISS'} ${what}`));
  return { text: lines.join('\n'), missed: verdicts.filter(([, ok]) => !ok).length };
}

// ---------- main ----------

async function main() {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.js')], { stdio: 'inherit' });
  const engineScripts = require(path.join(ROOT, 'scripts/engine/private-engine.js'));
  const host = require(path.join(ROOT, 'scripts/vscode/vscode-host.js'));
  let engine;
  let server;
  let browser;
  let events;
  try {
    engineScripts.ensureEnginePackages({ log });
    engine = await engineScripts.startPrivateEngine({ log, stopOnExit: true });
    const image = await engineScripts.ensureTestImage(engine.dockerHost, { log });
    process.env.DOCKER_HOST = engine.dockerHost;
    process.env.DOCKER_CONTEXT = '';
    const env = { ...process.env, DOCKER_HOST: engine.dockerHost };
    delete env.DOCKER_CONTEXT;
    const docker = engineScripts.dockerFor(engine.dockerHost);
    const version = await docker.version();
    log(`filling the engine with ${CONFIG.networks} networks`);
    await fixture.populate(docker, image, { networks: CONFIG.networks, containers: 0, concurrency: 8, log });
    events = engineEvents(docker);
    await events.ready;

    server = await host.startCodeServer({ prepare: d => host.linkExtension(d.ext, ROOT) });
    browser = await host.launchBrowser(server.dirs.home);
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    await context.addInitScript(installRecorder);
    const page = await context.newPage();
    const workbench = require('../test/ui/workbench');
    await workbench.openWorkbench(page, server);
    const icon = workbench.activityBarItem(page);
    await icon.waitFor({ timeout: 60000 });
    const clicked = Date.now();
    await workbench.openDockerNetworks(page);
    const firstRow = await waitForPage(page, e => e.kind === 'add' && /^bench-net-/.test(e.label), 'the first network rows', 0, 60000);
    const activation = activationFrom(extensionLog(server.dirs.udd));
    const result = {
      machine:
        `${require('os').cpus().length} CPUs, Docker Engine ${version.Version}, code-server ${require(path.join(ROOT, 'test/host/code-server/package.json')).dependencies?.['code-server'] ?? ''}`.trim(),
      activation: activation && { ...activation, toRows: firstRow.t - activation.startedAt },
      activationClickToRows: firstRow.t - clicked,
    };
    log(
      `first rows ${result.activationClickToRows} ms after the click; activation ${activation ? `${activation.ms} ms` : 'not found in the log'}`,
    );
    await debugLevelFor(page, 'Docker Networks');
    await sleep(1500);

    log(`create / rm × ${CONFIG.repeats}`);
    Object.assign(result, await measureCreateAndRemove(page, events, env));
    log(`connect / disconnect × ${CONFIG.repeats}`);
    Object.assign(result, await measureConnect(page, events, env, docker, image));
    log(`burst of ${CONFIG.burst} creates`);
    result.burst = await measureBurst(page, env);
    await removeBurst(page, docker);
    log(`refresh × ${CONFIG.repeats}`);
    result.refresh = await measureRefresh(page, env, engine, version.ApiVersion).catch(async err => {
      log(`refresh could not be measured: ${err.message}`);
      await page.screenshot({ path: path.join(CONFIG.resultsDir, 'ui-refresh-failed.png') });
      return [];
    });

    result.stages = stageTable(result, extensionLog(server.dirs.udd));
    const { text, missed } = report(result);
    fs.mkdirSync(CONFIG.resultsDir, { recursive: true });
    fs.writeFileSync(path.join(CONFIG.resultsDir, 'ui-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(path.join(CONFIG.resultsDir, 'ui-latest.md'), `${text}\n`);
    console.log(`\n${text}\n`);
    if (missed && CONFIG.strict) process.exitCode = 1;
  } finally {
    events?.close();
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (engine) await engine.stop();
  }
}

main().catch(err => {
  console.error(`bench:ui failed: ${err.stack || err}`);
  process.exit(1);
});
