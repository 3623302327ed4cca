#!/usr/bin/env node
// UI end-to-end tests: the extension folder is linked into a fresh --extensions-dir as
// <publisher>.<name>-<version>, code-server serves the workbench, headless Debian Chromium (playwright-core)
// clicks through it like a user. Every UI test is a module test/ui/*.ui.js (run in file-name order):
//   module.exports = { name: 'what it shows', async run({ page, server, shot, log, context, browser }) {...} }
// Each round gets a fresh browser context and page (nothing loaded yet: call openWorkbench(page, server) from
// test/ui/workbench.js) and therefore its own extension host. shot(name) saves
// .vscode-test-tmp/screenshots/<name>.png and returns the path. A failed round leaves <round file>-fail.png.
//
// Usage: node scripts/vscode/run-ui-tests.js [filter ...]   (substring of the round's file name or name)
// Env:   UI_ROUND_TIMEOUT_MS (default 180000), DOCKER_NETWORKS_EXT_ROOT (extension folder, default repo root),
//        DOCKER_NETWORKS_UI_DIR (rounds folder, default <repo>/test/ui), DOCKER_HOST etc. reach the extension.
// Last line: "ui: N passed, N failed". Exit code 0 only when every round passed.
'use strict';
const fs = require('fs');
const path = require('path');
const {
  ROOT,
  EXT_ROOT,
  SCREENSHOTS,
  log,
  startCodeServer,
  launchBrowser,
  linkExtension,
  extensionInfo,
  onInterrupt,
} = require('./vscode-host');

const UI_DIR = process.env.DOCKER_NETWORKS_UI_DIR ? path.resolve(process.env.DOCKER_NETWORKS_UI_DIR) : path.join(ROOT, 'test', 'ui');
const ROUND_TIMEOUT = +(process.env.UI_ROUND_TIMEOUT_MS || 180000);

function loadRounds(filters) {
  let files = [];
  try {
    files = fs
      .readdirSync(UI_DIR)
      .filter(f => f.endsWith('.ui.js'))
      .sort();
  } catch {}
  const rounds = [];
  for (const file of files) {
    const mod = require(path.join(UI_DIR, file));
    const name = mod.name || file;
    if (filters.length && !filters.some(f => file.includes(f) || name.includes(f))) continue;
    if (typeof mod.run !== 'function') throw new Error(`${file} does not export run()`);
    rounds.push({ file, id: file.replace(/\.ui\.js$/, ''), name, run: mod.run });
  }
  return rounds;
}

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, rej) => {
      t = setTimeout(() => rej(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(t));
}

(async () => {
  const filters = process.argv.slice(2);
  let rounds;
  try {
    rounds = loadRounds(filters);
  } catch (e) {
    console.error(`ui: ${e.stack || e}`);
    console.log('ui: 0 passed, 1 failed');
    process.exit(1);
  }
  if (!rounds.length) {
    console.error(`ui: no rounds ${filters.length ? `matching ${filters.join(' ')} ` : ''}in ${UI_DIR}/*.ui.js`);
    console.log('ui: 0 passed, 1 failed');
    process.exit(1);
  }
  const { pkg, folder } = extensionInfo(EXT_ROOT);
  const main = path.resolve(EXT_ROOT, pkg.main || 'dist/extension.js');
  if (!fs.existsSync(main)) {
    console.error(`ui: cannot run, ${main} is missing (run "npm run build")`);
    console.log('ui: 0 passed, 1 failed');
    process.exit(1);
  }
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const shotPath = name => path.join(SCREENSHOTS, `${String(name).replace(/[^\w.-]+/g, '_')}.png`);

  let server,
    browser,
    passed = 0,
    failed = 0,
    fatal = false,
    interrupted = false;
  const removeInterrupt = onInterrupt(async sig => {
    interrupted = true;
    console.error(`ui: ${sig}: stopping`);
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop({ keep: true });
  });
  try {
    server = await startCodeServer({ prepare: d => linkExtension(d.ext, EXT_ROOT) });
    log(`extension ${folder} linked from ${EXT_ROOT}`);
    browser = await launchBrowser(server.dirs.home);
    for (const round of rounds) {
      if (interrupted) break;
      const t = Date.now();
      const prefix = `[ui ${round.id}]`;
      const roundLog = (...a) => console.log(prefix, ...a);
      console.log(`${prefix} ${round.name}`);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      context.setDefaultTimeout(30000);
      const page = await context.newPage();
      const consoleFile = fs.createWriteStream(path.join(server.dirs.tmp, `${round.id}-console.log`));
      page.on('console', m => consoleFile.write(`[${m.type()}] ${m.text()}\n`));
      page.on('pageerror', e => consoleFile.write(`[pageerror] ${e.stack || e}\n`));
      const shot = async name => {
        const p = shotPath(name);
        await page.screenshot({ path: p });
        return p;
      };
      try {
        await withTimeout(
          Promise.resolve().then(() => round.run({ page, server, shot, log: roundLog, context, browser })),
          ROUND_TIMEOUT,
          `round ${round.id}`,
        );
        passed++;
        console.log(`${prefix} PASS (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      } catch (e) {
        if (interrupted) break;
        failed++;
        console.log(
          `${prefix} FAIL (${((Date.now() - t) / 1000).toFixed(1)} s): ${(e?.message || String(e)).split('\n').slice(0, 12).join('\n')}`,
        );
        const p = shotPath(`${round.id}-fail`);
        if (
          await page.screenshot({ path: p }).then(
            () => true,
            () => false,
          )
        )
          console.log(`${prefix} screenshot ${p}`);
      } finally {
        consoleFile.end();
        await context.close().catch(() => {});
      }
    }
  } catch (e) {
    if (interrupted) return;
    fatal = true;
    console.error(`ui: ${e?.stack || e}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop({ keep: fatal || interrupted || failed > 0 });
    removeInterrupt();
  }
  if (fatal) failed = Math.max(1, rounds.length - passed);
  console.log(`ui: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
