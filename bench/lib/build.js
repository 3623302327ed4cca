'use strict';
// Compiles src/ and test/ into out/ with `npx tsc -p tsconfig.test.json` when out/ is missing or older than src/.

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '../..');

function listTs(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The src/ files whose compiled .js in out/ is missing or older than the source. */
function staleOutputs() {
  return listTs(path.join(ROOT, 'src')).filter(ts => {
    const js = path.join(ROOT, 'out', path.relative(ROOT, ts)).replace(/\.ts$/, '.js');
    try {
      return fs.statSync(js).mtimeMs < fs.statSync(ts).mtimeMs;
    } catch {
      return true;
    }
  });
}

function ensureCompiled(log = console.log) {
  const stale = staleOutputs();
  if (!stale.length) return;
  log(
    `build: ${stale.length} compiled file(s) missing or stale (e.g. ${path.relative(ROOT, stale[0])}); running npx tsc -p tsconfig.test.json`,
  );
  const t0 = Date.now();
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.test.json'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const still = staleOutputs();
  if (still.length) throw new Error(`build: tsc did not produce ${path.relative(ROOT, still[0])} (exit ${r.status})`);
  // tsc emits even with type errors in tests; the benchmark only needs src/.
  if (r.status !== 0) log(`build: tsc exited ${r.status} (type errors?), but every src/ file was emitted; continuing`);
  log(`build: done in ${Date.now() - t0} ms`);
}

/** require() of a compiled module under out/, e.g. outModule('src/engine/explorerStore'). */
function outModule(rel) {
  return require(path.join(ROOT, 'out', `${rel}.js`));
}

module.exports = { ROOT, ensureCompiled, outModule };
