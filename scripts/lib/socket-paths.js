// Where the scripts put anything that may hold a unix socket, and proof that it fits.
//
// The kernel caps a unix socket path: sun_path holds 108 bytes on Linux and 104 on macOS and the BSDs, the
// terminating NUL included. dockerd puts containerd's sockets three levels under its exec root, and the test host
// points TMPDIR inside the clone, so a socket under the clone or under TMPDIR breaks as soon as either is a little
// long. Everything that may hold a socket therefore lives in a short directory of its own directly under /tmp,
// whatever the clone location and whatever TMPDIR says. Data that holds no socket (an engine's data root, logs,
// VS Code's user data) may stay under TMPDIR or the clone.
'use strict';
const fs = require('fs');
const path = require('path');

/** Parent of every short directory: fixed, so neither TMPDIR nor the clone's location can lengthen it. */
const SHORT_ROOT = '/tmp';
/** The longest path (bytes, NUL excluded) that binds on every platform we care about: macOS's 104 minus the NUL. */
const UNIX_SOCKET_PATH_MAX = 103;
/** fs.mkdtemp appends six characters to its prefix. */
const MKDTEMP_SUFFIX = 'XXXXXX';
/** The unit tests' stand-in engine keeps its socket in a short directory too (TMPDIR may be long). */
const FAKE_ENGINE_PREFIX = 'dn-fake-';

/** A fresh directory such as /tmp/dn-a1B2c3 for sockets, pidfiles and exec roots. */
function makeShortDir(prefix) {
  return fs.mkdtempSync(path.join(SHORT_ROOT, prefix));
}

/** What makeShortDir(prefix) returns at its longest, for checks made before the directory exists. */
function shortDirTemplate(prefix) {
  return path.join(SHORT_ROOT, prefix + MKDTEMP_SUFFIX);
}

/**
 * Every socket path the scripts can create for a clone at `cloneDir` with `tmpDir` as TMPDIR: the private engine's,
 * the test host's and the unit tests' fake engine's, each laid out by the code that creates it.
 */
function plannedSocketPaths({ cloneDir, tmpDir }) {
  const engine = require('../engine/private-engine');
  const host = require('../vscode/vscode-host');
  const engineDirs = engine.engineDirPrefixes(tmpDir);
  const hostDirs = host.runDirPrefixes(cloneDir);
  // The clone itself holds no socket: the run dir under it only has user data, extensions and logs.
  return [
    ...engine.engineSockets(engine.engineLayout({ dataDir: engineDirs.data + MKDTEMP_SUFFIX, runDir: engineDirs.run + MKDTEMP_SUFFIX })),
    ...host.testHostSockets(hostDirs.sockets + MKDTEMP_SUFFIX),
    path.join(shortDirTemplate(FAKE_ENGINE_PREFIX), 'docker.sock'),
  ];
}

/** Throws, naming the path, when one of these socket paths could not be bound. */
function assertSocketsFit(paths) {
  for (const full of paths) {
    if (Buffer.byteLength(full) > UNIX_SOCKET_PATH_MAX) {
      throw new Error(`unix socket path too long (${Buffer.byteLength(full)} > ${UNIX_SOCKET_PATH_MAX} bytes): ${full}`);
    }
  }
}

module.exports = {
  SHORT_ROOT,
  UNIX_SOCKET_PATH_MAX,
  FAKE_ENGINE_PREFIX,
  makeShortDir,
  shortDirTemplate,
  plannedSocketPaths,
  assertSocketsFit,
};
