// Shared helpers for running the extension in a REAL VS Code offline:
//   startCodeServer()  an isolated code-server 4.139 (= VS Code 1.139 server + Node 24 extension host) on 127.0.0.1
//   launchBrowser()    headless Debian Chromium (playwright-core) acting as the workbench client
// The test host (Node 24 + code-server) lives in a cache dir outside the clone: see test-host-paths.js and
// setup-test-host.sh. Each run gets fresh dirs under <repo>/.vscode-test-tmp/run-*/ (user data, extensions,
// workspace, HOME) and a short /tmp/dn-vsc-* for TMPDIR and XDG_RUNTIME_DIR, where code-server and Chromium put
// their unix sockets (a path under the clone could be too long for one: lib/socket-paths.js). Both are deleted
// after a good run and kept (with code-server.log) after a bad one.
//
// Environment:
//   DOCKER_NETWORKS_EXT_ROOT  folder of the extension under test (default: the repo root)
//   DOCKER_HOST, DOCKER_*, DOCKER_NETWORKS_*  passed through untouched to code-server and its extension host
//   CHROMIUM                  Chromium executable (default /usr/bin/chromium)
//   KEEP_TMP=1                keep the run dir even after a good run;  SHOW_SERVER_LOG=1  echo code-server output
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');
const { testHostPaths } = require('./test-host-paths');
const { SHORT_ROOT } = require('../lib/socket-paths');

const ROOT = path.resolve(__dirname, '..', '..');
const EXT_ROOT = process.env.DOCKER_NETWORKS_EXT_ROOT ? path.resolve(process.env.DOCKER_NETWORKS_EXT_ROOT) : ROOT;
const TMP_BASE = path.join(ROOT, '.vscode-test-tmp');
const SCREENSHOTS = path.join(TMP_BASE, 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const T0 = Date.now();
const log = (...a) => console.log(`[vscode-host +${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);

/** Seed user settings: no welcome page, no trust banner, no chat sidebar, no network traffic. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
};

function hostPaths() {
  const p = testHostPaths();
  return {
    node24: process.env.NODE24 || p.node24Bin,
    entry: process.env.CODE_SERVER_ENTRY || p.codeServerEntry,
    cache: p.root,
  };
}

/** `{ id: 'publisher.name', folder: 'publisher.name-version', pkg }` of the extension in extRoot. */
function extensionInfo(extRoot = EXT_ROOT) {
  const pkg = JSON.parse(fs.readFileSync(path.join(extRoot, 'package.json'), 'utf8'));
  return { id: `${pkg.publisher}.${pkg.name}`, folder: `${pkg.publisher}.${pkg.name}-${pkg.version}`, pkg };
}

/** Where a run's directories are made (fs.mkdtemp prefixes): sockets never under the clone. */
function runDirPrefixes(root = ROOT) {
  return { run: path.join(root, '.vscode-test-tmp', 'run-'), sockets: path.join(SHORT_ROOT, 'dn-vsc-') };
}

/**
 * Sockets other programs create in the TMPDIR (the sockets dir) and XDG_RUNTIME_DIR we give them: VS Code's IPC
 * handles (a UUID and a version in the name), its Git helper and Chromium's singleton socket.
 */
function testHostSockets(socketsDir) {
  return [
    'xdg-runtime/vscode-ipc-01234567-89ab-cdef-0123-456789abcdef-1.139.0.sock',
    'vscode-git-0123456789.sock',
    '.org.chromium.Chromium.XXXXXX/SingletonSocket',
  ].map(name => path.join(socketsDir, name));
}

/** "Install" the extension the way VS Code finds it: a folder publisher.name-version in --extensions-dir. */
function linkExtension(extensionsDir, extRoot = EXT_ROOT) {
  const { folder } = extensionInfo(extRoot);
  const link = path.join(extensionsDir, folder);
  fs.symlinkSync(extRoot, link, 'dir');
  return link;
}

function portIsFree(port, host = '127.0.0.1') {
  return new Promise(res => {
    const s = net.createServer();
    s.unref();
    s.once('error', () => res(false));
    s.listen(port, host, () => s.close(() => res(true)));
  });
}

function freePort(host = '127.0.0.1') {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, host, () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Drop run dirs kept by earlier failed or killed runs once they are 2 days old and their server is gone. */
function pruneOldRuns() {
  let entries = [];
  try {
    entries = fs.readdirSync(TMP_BASE);
  } catch {
    return;
  }
  for (const name of entries) {
    if (!name.startsWith('run-')) continue;
    const dir = path.join(TMP_BASE, name);
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs < 2 * 86400e3) continue;
      const pid = +fs.readFileSync(path.join(dir, 'code-server.pid'), 'utf8').trim() || 0;
      if (pid && alive(pid)) continue;
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* not ours or already gone */
    }
  }
}

// Servers still running in this process: killed (whole process group) if the process exits without stop().
const running = new Set();
process.on('exit', () => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
});

/**
 * Ctrl-C / SIGTERM: run `cleanup` (e.g. stop the server), then exit unless someone else listens for the signal.
 * Returns a function that removes the handlers.
 */
function onInterrupt(cleanup) {
  const sigs = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handlers = sigs.map(sig => {
    const h = async () => {
      try {
        await cleanup(sig);
      } catch {}
      if (process.listenerCount(sig) === 0) process.exit(128 + { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[sig]);
    };
    process.once(sig, h);
    return [sig, h];
  });
  return () => {
    for (const [sig, h] of handlers) process.removeListener(sig, h);
  };
}

/**
 * Start an isolated code-server in its own process group.
 * @param {object} [o]
 * @param {string[]} [o.extraArgs]  more code-server arguments (e.g. ['--vscode-option', 'enable-smoke-test-driver'])
 * @param {(dirs) => any} [o.prepare]  called with the run dirs before start (e.g. link the extension into dirs.ext)
 * @param {object} [o.env]  extra environment for code-server and its extension host (wins over everything)
 * @param {object} [o.settings]  extra user settings, merged over the seed settings
 * @param {number} [o.port]  fixed port (default: a free one)
 * @param {string} [o.folder]  workspace folder to open (default: an empty dirs.ws)
 * @returns {Promise<{url, port, pid, dirs, results, logFile, folder, folderUrl(query?), stop({keep}?)}>}
 */
async function startCodeServer({ extraArgs = [], prepare, env = {}, settings = {}, port, folder } = {}) {
  const hp = hostPaths();
  for (const f of [hp.node24, hp.entry]) {
    if (!fs.existsSync(f)) throw new Error(`${f} missing: run "sh scripts/vscode/setup-test-host.sh" first`);
  }
  fs.mkdirSync(TMP_BASE, { recursive: true });
  pruneOldRuns();
  const prefixes = runDirPrefixes();
  const tmp = fs.mkdtempSync(prefixes.run);
  const d = {
    tmp,
    udd: path.join(tmp, 'ud'),
    ext: path.join(tmp, 'ext'),
    ws: path.join(tmp, 'ws'),
    home: path.join(tmp, 'home'),
    t: fs.mkdtempSync(prefixes.sockets),
  };
  for (const k of ['udd', 'ext', 'ws', 'home']) fs.mkdirSync(d[k], { recursive: true });
  fs.mkdirSync(path.join(d.udd, 'User'));
  fs.writeFileSync(path.join(d.udd, 'User', 'settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  const logFile = path.join(tmp, 'code-server.log');
  let cp = null;
  const keepMsg = () => log(`kept ${tmp} and ${d.t} (code-server log: ${logFile})`);
  try {
    if (prepare) await prepare(d);
    if (port == null) port = await freePort();
    else if (!(await portIsFree(port))) throw new Error(`port 127.0.0.1:${port} is in use`);
    const base = {};
    for (const [k, v] of Object.entries(process.env)) {
      // Variables of an enclosing VS Code / Electron / code-server would confuse the inner one.
      if (/^(VSCODE_|ELECTRON_)/.test(k) || k === 'CODE_SERVER_CONFIG' || k === 'NODE_OPTIONS') continue;
      base[k] = v; // DOCKER_HOST, DOCKER_*, DOCKER_NETWORKS_* stay as they are
    }
    const cenv = {
      ...base,
      HOME: d.home,
      TMPDIR: d.t, // keep code-server and Chromium out of the real $HOME and /tmp
      XDG_CONFIG_HOME: path.join(d.home, '.config'),
      XDG_DATA_HOME: path.join(d.home, '.local/share'),
      XDG_CACHE_HOME: path.join(d.home, '.cache'),
      XDG_RUNTIME_DIR: path.join(d.t, 'xdg-runtime'),
      NODE_DISABLE_COMPILE_CACHE: '1',
      EXTENSIONS_GALLERY: '{}', // no marketplace (open-vsx) requests
      VSCODE_TEST_RESULTS: path.join(tmp, 'results.json'), // inherited by the extension host (suite index)
      ...env,
    };
    fs.mkdirSync(cenv.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
    const ws = folder ? path.resolve(folder) : d.ws;
    const args = [
      hp.entry,
      '--config',
      path.join(tmp, 'config.yaml'),
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      d.udd,
      '--extensions-dir',
      d.ext,
      ...extraArgs,
      ws,
    ];
    cp = spawn(hp.node24, args, { env: cenv, cwd: d.home, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(cp.pid);
    fs.writeFileSync(path.join(tmp, 'code-server.pid'), `${cp.pid}\n`);
    const out = fs.createWriteStream(logFile);
    cp.stdout.pipe(out);
    cp.stderr.pipe(out);
    if (process.env.SHOW_SERVER_LOG) {
      cp.stdout.pipe(process.stdout);
      cp.stderr.pipe(process.stderr);
    }
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60000;
    for (;;) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {}
      if (cp.exitCode !== null || cp.signalCode) throw new Error(`code-server exited (${cp.exitCode ?? cp.signalCode}), see ${logFile}`);
      if (Date.now() > deadline) throw new Error(`code-server did not answer ${url}/healthz within 60 s, see ${logFile}`);
      await new Promise(r => setTimeout(r, 100));
    }
    log(`code-server up at ${url} (pid ${cp.pid})`);
    const child = cp;
    let stopped = false;
    const stop = async ({ keep = false } = {}) => {
      if (stopped) return;
      stopped = true;
      await killGroup(child);
      running.delete(child.pid);
      if (keep || process.env.KEEP_TMP) keepMsg();
      else for (const dir of [tmp, d.t]) fs.rmSync(dir, { recursive: true, force: true });
    };
    return {
      url,
      port,
      pid: cp.pid,
      dirs: d,
      folder: ws,
      logFile,
      stop,
      results: cenv.VSCODE_TEST_RESULTS,
      folderUrl: q => `${url}/?folder=${encodeURIComponent(ws).replace(/%2F/g, '/')}${q || ''}`,
    };
  } catch (e) {
    if (cp) {
      await killGroup(cp);
      running.delete(cp.pid);
    }
    keepMsg();
    throw e;
  }
}

/** SIGTERM the whole process group (server + extension hosts + pty host), SIGKILL what is left after 5 s. */
async function killGroup(cp) {
  try {
    process.kill(-cp.pid, 'SIGTERM');
  } catch {}
  await new Promise(r => {
    if (cp.exitCode !== null || cp.signalCode) return r();
    const t = setTimeout(r, 5000);
    cp.once('exit', () => {
      clearTimeout(t);
      r();
    });
  });
  // The leader may be gone while extension hosts of the group linger: wait briefly, then SIGKILL the group.
  for (let i = 0; i < 20; i++) {
    try {
      process.kill(-cp.pid, 0);
    } catch {
      return;
    }
    await new Promise(r => setTimeout(r, 100));
  }
  try {
    process.kill(-cp.pid, 'SIGKILL');
  } catch {}
}

/** Headless Chromium; `home` keeps its dconf/cache files out of the real $HOME. Fresh profile every launch. */
async function launchBrowser(home) {
  const { chromium } = require('playwright-core');
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} missing: run "sh scripts/vscode/setup-test-host.sh" (apt-get install chromium) or set CHROMIUM`);
  const env = { ...process.env };
  if (home) Object.assign(env, { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

module.exports = {
  ROOT,
  EXT_ROOT,
  TMP_BASE,
  SCREENSHOTS,
  CHROMIUM,
  SETTINGS,
  log,
  runDirPrefixes,
  testHostSockets,
  startCodeServer,
  launchBrowser,
  linkExtension,
  extensionInfo,
  hostPaths,
  freePort,
  portIsFree,
  onInterrupt,
  killGroup,
};
