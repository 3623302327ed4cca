// `npm start` helper: serve the extension in a browser VS Code (code-server) on 127.0.0.1.
//   const { serveWorkbench, hasDesktopCode } = require('./vscode/serve');
//   const { url, stop } = await serveWorkbench({ env: { DOCKER_HOST: 'unix:///…' }, log: console.log });
// The extension folder (repo root, or DOCKER_NETWORKS_EXT_ROOT) is linked into a fresh --extensions-dir, so a
// rebuilt dist/extension.js is picked up by "Developer: Reload Window". Port: DOCKER_NETWORKS_PORT, else 8931
// when free, else any free port. Workspace folder: `folder`, else DOCKER_NETWORKS_WORKSPACE, else an empty
// temp folder. Ctrl-C / SIGTERM stop the server (and exit, unless the caller has its own signal handlers).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { EXT_ROOT, startCodeServer, linkExtension, extensionInfo, portIsFree, freePort, onInterrupt } = require('./vscode-host');

const DEFAULT_PORT = 8931;

/** True when a desktop VS Code `code` executable is on PATH. */
function hasDesktopCode() {
  const exts = process.platform === 'win32' ? ['.cmd', '.exe', ''] : [''];
  return (process.env.PATH || '')
    .split(path.delimiter)
    .filter(Boolean)
    .some(dir =>
      exts.some(ext => {
        const f = path.join(dir, `code${ext}`);
        try {
          if (!fs.statSync(f).isFile()) return false;
          fs.accessSync(f, fs.constants.X_OK);
          return true;
        } catch {
          return false;
        }
      }),
    );
}

async function choosePort() {
  const wanted = process.env.DOCKER_NETWORKS_PORT;
  if (wanted) {
    const p = Number(wanted);
    if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`DOCKER_NETWORKS_PORT=${wanted} is not a port number`);
    if (!(await portIsFree(p))) throw new Error(`DOCKER_NETWORKS_PORT=${p}: 127.0.0.1:${p} is already in use`);
    return p;
  }
  return (await portIsFree(DEFAULT_PORT)) ? DEFAULT_PORT : freePort();
}

/**
 * @param {object} [o]
 * @param {object} [o.env]  extra environment for code-server and the extension host (e.g. DOCKER_HOST)
 * @param {(msg: string) => void} [o.log]
 * @param {string} [o.folder]  workspace folder to open
 * @param {object} [o.settings]  extra user settings
 * @returns {Promise<{ url: string, port: number, folder: string, logFile: string, stop: () => Promise<void> }>}
 */
async function serveWorkbench({ env = {}, log = console.log, folder, settings = {} } = {}) {
  const { pkg, folder: extFolder } = extensionInfo(EXT_ROOT);
  const main = path.resolve(EXT_ROOT, pkg.main || 'dist/extension.js');
  if (!fs.existsSync(main)) log(`warning: ${main} does not exist yet (npm run build); the extension will fail to activate`);
  const port = await choosePort();
  // The run's HOME is a temp dir: keep the developer's Docker contexts reachable (as the docker CLI finds them).
  const realDockerConfig = path.join(os.homedir(), '.docker');
  const extraEnv = {
    ...(process.env.DOCKER_CONFIG || !fs.existsSync(realDockerConfig) ? {} : { DOCKER_CONFIG: realDockerConfig }),
    ...env,
  };
  const server = await startCodeServer({
    port,
    env: extraEnv,
    settings,
    folder: folder || process.env.DOCKER_NETWORKS_WORKSPACE || undefined,
    prepare: d => linkExtension(d.ext, EXT_ROOT),
  });
  const url = server.folderUrl();
  log(`${extFolder} served by code-server (log: ${server.logFile})`);
  log(`Open ${url}`);
  let stopping = null;
  const removeInterrupt = onInterrupt(() => stop());
  function stop() {
    if (!stopping) {
      removeInterrupt();
      stopping = server.stop();
    }
    return stopping;
  }
  return { url, port: server.port, folder: server.folder, logFile: server.logFile, stop };
}

module.exports = { serveWorkbench, hasDesktopCode, DEFAULT_PORT };

if (require.main === module) {
  // node scripts/vscode/serve.js : serve until Ctrl-C
  serveWorkbench().catch(e => {
    console.error(e.message || e);
    process.exit(1);
  });
}
