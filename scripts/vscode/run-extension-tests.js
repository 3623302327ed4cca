#!/usr/bin/env node
// Extension-host integration tests INSIDE a real VS Code (like @vscode/test-electron, but offline):
// code-server's Node extension host only starts when a workbench client connects, so headless Chromium opens
// the workbench with ?payload=[["extensionDevelopmentPath",..],["extensionTestsPath",..]]. A built workbench
// honours that payload only with the enable-smoke-test-driver switch. When the tests end, the workbench calls
// window.codeAutomationExit(code); window.codeAutomationLog carries the extension host's console (mocha output).
// The suite (out/test/vscode/suite/index.js) writes its counts to $VSCODE_TEST_RESULTS.
//
// Usage: node scripts/vscode/run-extension-tests.js [--grep <regexp>]
// Env:   VSCODE_TEST_TIMEOUT_MS (default 600000), MOCHA_GREP, VERBOSE=1 (all workbench log lines),
//        DOCKER_NETWORKS_EXT_ROOT (extension folder, default repo root), DOCKER_HOST etc. reach the extension host.
// Last line: "extension-host: N passed, N failed" (a run that produced no results counts as 1 failed).
// Exit code 0 only when every test passed.
'use strict';
const fs = require('fs');
const path = require('path');
const { EXT_ROOT, log, startCodeServer, launchBrowser, onInterrupt } = require('./vscode-host');

// Workbench chatter (and teardown cancellations after the suite ended); VERBOSE=1 shows it.
const NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|Updating additional builtin|\[Service Worker\]|\[AccountPolicyGate\]|\[AgentHost|Creation of workbench contribution|Timed out waiting for authentication provider|Ignoring fetching additional builtin extensions|No search provider registered for scheme|Canceled(: Canceled)*\s*$)/;
const TIMEOUT = +(process.env.VSCODE_TEST_TIMEOUT_MS || 600000);

function parseArgs(argv) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--grep' || argv[i] === '-g') process.env.MOCHA_GREP = argv[++i] || '';
    else if (argv[i].startsWith('--grep=')) process.env.MOCHA_GREP = argv[i].slice(7);
    else {
      console.error(`unknown argument ${argv[i]} (usage: run-extension-tests.js [--grep <regexp>])`);
      process.exit(2);
    }
  }
}

/** Paths the run needs, or exit 1 with a message saying how to produce them. */
function checkInputs() {
  const pkg = JSON.parse(fs.readFileSync(path.join(EXT_ROOT, 'package.json'), 'utf8'));
  const main = path.resolve(EXT_ROOT, pkg.main || 'dist/extension.js');
  const tests = path.join(EXT_ROOT, 'out', 'test', 'vscode', 'suite', 'index');
  const missing = [];
  if (!fs.existsSync(main)) missing.push(`${path.relative(EXT_ROOT, main)} (the extension bundle: run "npm run build")`);
  if (!fs.existsSync(`${tests}.js`)) missing.push(`out/test/vscode/suite/index.js (the compiled suite: run "npm run compile-tests")`);
  if (missing.length) {
    console.error(`extension-host: cannot run, missing in ${EXT_ROOT}:\n  ${missing.join('\n  ')}`);
    console.log('extension-host: 0 passed, 1 failed');
    process.exit(1);
  }
  return { tests };
}

(async () => {
  parseArgs(process.argv.slice(2));
  const { tests } = checkInputs();
  const t0 = Date.now();
  let server,
    browser,
    code = 1,
    summary = null;
  const removeInterrupt = onInterrupt(async sig => {
    console.error(`extension-host: ${sig}: stopping`);
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop({ keep: true });
  });
  try {
    server = await startCodeServer({ extraArgs: ['--vscode-option', 'enable-smoke-test-driver'] });
    browser = await launchBrowser(server.dirs.home);
    const page = await browser.newPage();
    let done;
    const finished = new Promise(r => {
      done = r;
    });
    const consoleLog = fs.createWriteStream(path.join(server.dirs.tmp, 'workbench-console.log'));
    page.on('console', m => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', e => consoleLog.write(`[pageerror] ${e.stack || e}\n`));
    page.on('crash', () => {
      console.error('the workbench page crashed');
      done(3);
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (!process.env.VERBOSE && NOISE.test(String(args[0]).split('\n')[0])) return;
      (type === 'error' ? console.error : console.log)(...args);
    });
    await page.exposeFunction('codeAutomationExit', c => done(c));
    const remote = p => `vscode-remote://remote${p}`; // code-server's remoteAuthority is literally "remote"
    const payload = [
      ['extensionDevelopmentPath', remote(EXT_ROOT)],
      ['extensionTestsPath', remote(tests)],
    ];
    await page.goto(server.folderUrl(`&payload=${encodeURIComponent(JSON.stringify(payload))}`));
    log(`workbench loading; tests run in the extension host${process.env.MOCHA_GREP ? ` (grep ${process.env.MOCHA_GREP})` : ''}`);
    const timer = setTimeout(() => {
      console.error(`extension-host: timed out after ${TIMEOUT} ms`);
      done(124);
    }, TIMEOUT);
    code = await finished;
    clearTimeout(timer);
    consoleLog.end();
    try {
      summary = JSON.parse(fs.readFileSync(server.results, 'utf8'));
    } catch {}
    log(`extension host exited with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (!summary) {
      console.error('extension-host: no results file - did the suite load? (see the output above)');
      code = code || 1;
    } else if (summary.failures > 0 && code === 0) code = 1;
  } catch (e) {
    console.error(`extension-host: ${e?.stack || e}`);
    code = 1;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop({ keep: code !== 0 });
    removeInterrupt();
  }
  if (summary?.failed?.length) {
    console.log('failed tests:');
    for (const f of summary.failed) console.log(`  - ${f.title}`);
  }
  console.log(`extension-host: ${summary ? summary.passes : 0} passed, ${summary ? summary.failures : code ? 1 : 0} failed`);
  process.exit(code === 0 ? 0 : 1);
})();
