#!/usr/bin/env node
// The same extension-host suite (out/test/vscode/suite/index.js) in DESKTOP VS Code through @vscode/test-electron.
// test-electron downloads VS Code from update.code.visualstudio.com into .vscode-test/: this works only where
// that server is reachable. Offline, use scripts/vscode/run-extension-tests.js (code-server) instead.
//
// Usage: node scripts/vscode/run-desktop-tests.js [--grep <regexp>]
// Env:   VSCODE_VERSION (default "stable"), VSCODE_EXECUTABLE_PATH (use an installed VS Code, no download),
//        MOCHA_GREP, DOCKER_NETWORKS_EXT_ROOT (extension folder, default repo root), DOCKER_HOST etc. are inherited.
// On Linux without a display it re-runs itself under xvfb-run when that exists.
// Last line: "extension-host (desktop): N passed, N failed". Exit code 0 only when every test passed.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { ROOT, EXT_ROOT, TMP_BASE } = require('./vscode-host');

const LABEL = 'extension-host (desktop)';

function onPath(cmd) {
  return (process.env.PATH || '').split(path.delimiter).some(d => {
    try {
      fs.accessSync(path.join(d, cmd), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function fail(msg) {
  console.error(`${LABEL}: ${msg}`);
  console.log(`${LABEL}: 0 passed, 1 failed`);
  process.exit(1);
}

(async () => {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--grep' || argv[i] === '-g') process.env.MOCHA_GREP = argv[++i] || '';
    else if (argv[i].startsWith('--grep=')) process.env.MOCHA_GREP = argv[i].slice(7);
    else fail(`unknown argument ${argv[i]} (usage: run-desktop-tests.js [--grep <regexp>])`);
  }

  const pkg = JSON.parse(fs.readFileSync(path.join(EXT_ROOT, 'package.json'), 'utf8'));
  const main = path.resolve(EXT_ROOT, pkg.main || 'dist/extension.js');
  const tests = path.join(EXT_ROOT, 'out', 'test', 'vscode', 'suite', 'index');
  if (!fs.existsSync(main)) fail(`${main} is missing (run "npm run build")`);
  if (!fs.existsSync(`${tests}.js`)) fail(`${tests}.js is missing (run "npm run compile-tests")`);

  // Electron needs a display on Linux.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && !process.env.DOCKER_NETWORKS_UNDER_XVFB) {
    if (onPath('xvfb-run')) {
      const r = spawnSync('xvfb-run', ['-a', process.execPath, __filename, ...argv], {
        stdio: 'inherit',
        env: { ...process.env, DOCKER_NETWORKS_UNDER_XVFB: '1' },
      });
      process.exit(r.status ?? 1);
    }
  }
  const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

  let testElectron;
  try {
    testElectron = require('@vscode/test-electron');
  } catch (e) {
    fail(`@vscode/test-electron is not installed (${e.message})`);
  }
  const { downloadAndUnzipVSCode, runTests } = testElectron;

  let executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (!executable) {
    const version = process.env.VSCODE_VERSION || 'stable';
    try {
      executable = await downloadAndUnzipVSCode({ version, cachePath: path.join(ROOT, '.vscode-test'), timeout: 30000 });
    } catch (e) {
      const msg = String((e && (e.stack || e.message)) || e);
      const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|timed? ?out/i.test(msg);
      fail(
        offline
          ? `cannot download VS Code ${version} from update.code.visualstudio.com (${(msg.match(/(getaddrinfo )?E[A-Z]+[^\n]*/) || [msg.split('\n')[0]])[0]}).\n` +
              "This machine cannot reach Microsoft's update server, so desktop VS Code tests cannot run here.\n" +
              'Run the same suite offline in code-server instead: npm run test:vscode  (scripts/vscode/run-extension-tests.js),\n' +
              'or point VSCODE_EXECUTABLE_PATH at an installed VS Code executable.'
          : `downloading VS Code ${version} failed: ${msg}`,
      );
    }
  }

  if (noDisplay) console.error(`${LABEL}: note: no DISPLAY and no xvfb-run (apt-get install -y xvfb); Electron may fail to start`);
  fs.mkdirSync(TMP_BASE, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(TMP_BASE, 'desktop-'));
  const udd = path.join(tmp, 'ud'),
    ext = path.join(tmp, 'ext'),
    ws = path.join(tmp, 'ws');
  for (const d of [udd, ext, ws]) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(udd, 'User'));
  fs.writeFileSync(
    path.join(udd, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'chat.disableAIFeatures': true,
        'git.enabled': false,
      },
      null,
      2,
    ),
  );
  const results = path.join(tmp, 'results.json');

  let code = 1,
    summary = null;
  try {
    code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: EXT_ROOT,
      extensionTestsPath: tests,
      launchArgs: [ws, '--disable-extensions', '--user-data-dir', udd, '--extensions-dir', ext, '--disable-gpu'],
      extensionTestsEnv: { VSCODE_TEST_RESULTS: results, ...(process.env.MOCHA_GREP ? { MOCHA_GREP: process.env.MOCHA_GREP } : {}) },
    });
  } catch (e) {
    console.error(`${LABEL}: ${e?.message || e}`);
    code = 1;
  }
  try {
    summary = JSON.parse(fs.readFileSync(results, 'utf8'));
  } catch {}
  if (!summary) {
    console.error(`${LABEL}: no results file - did the suite load?`);
    code = code || 1;
  } else if (summary.failures > 0) code = code || 1;
  if (summary?.failed?.length) {
    console.log('failed tests:');
    for (const f of summary.failed) console.log(`  - ${f.title}`);
  }
  if (code === 0 && !process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`${LABEL}: kept ${tmp}`);
  console.log(`${LABEL}: ${summary ? summary.passes : 0} passed, ${summary ? summary.failures : 1} failed`);
  process.exit(code === 0 ? 0 : 1);
})();
