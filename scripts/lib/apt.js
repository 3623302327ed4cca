// Installs Debian packages the tests need, once, when a program they provide is missing (root or sudo-less root
// only: the test machines run as root). Used for the engine's packages and for the shells the quoting tests run.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const PATH_DIRS = (process.env.PATH || '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin', '/bin']);

/** The full path of a program on PATH (or the usual sbin/bin folders), or undefined. */
function findProgram(name) {
  for (const dir of PATH_DIRS) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** Sync. apt-get install of `packages` when any of `programs` is missing; throws with what to do on failure. */
function ensurePrograms(programs, packages, { log = console.log, what = 'tests' } = {}) {
  const missing = programs.filter(p => !findProgram(p));
  if (!missing.length) return;
  log(`${what}: missing ${missing.join(', ')}; installing ${packages.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
    const r = spawnSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0)
      throw new Error(
        `${what}: 'apt-get ${args.join(' ')}' failed (${r.error ? r.error.message : 'exit ' + r.status}); install ${packages.join(', ')} by hand (needs root)`,
      );
  }
  const still = programs.filter(p => !findProgram(p));
  if (still.length) throw new Error(`${what}: still missing after apt-get: ${still.join(', ')}`);
}

/** The shells from Debian the copy-as-CLI round-trip test pastes lines into (bash and dash are always there); busybox for its sh. */
const TEST_SHELLS = {
  programs: ['bash', 'dash', 'zsh', 'fish', 'mksh', 'busybox'],
  packages: ['bash', 'dash', 'zsh', 'fish', 'mksh', 'busybox'],
};

module.exports = { findProgram, ensurePrograms, TEST_SHELLS };
