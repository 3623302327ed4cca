#!/usr/bin/env node
// `npm test`: the whole suite from a fresh clone. Installs what is missing, then runs in order: type check, lint
// (Biome's rules and the layer rule, checked by dependency-cruiser), build, unit tests, grammar tests, engine
// integration tests against a private Docker Engine, tests inside a real VS Code extension host, UI tests that click
// through the workbench in headless Chromium, and the packaged .vsix installed into VS Code. Ends with one summary
// line counting everything that ran; a phase that ran no test counts as a failure.
// `node scripts/test.js unit engine` runs only the named phases.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { ROOT, ensureDependencies } = require('./lib/bootstrap');
const PHASES = ['lint', 'unit', 'grammar', 'engine', 'remote', 'multihost', 'vscode', 'ui', 'package'];
/** The engine suites that start real servers of their own (TLS engine, sshd, Podman): counted as the "remote" phase. */
const REMOTE_SUITES = /^(remoteEngines|podman)\.engine\.test\.js$/;
/**
 * The suites that build multi-host rigs of their own (a two-node swarm in network namespaces, a network plugin,
 * macvlan parents): counted as the "multihost" phase.
 */
const MULTIHOST_SUITES = /^(multiHost|networkPlugin|macvlan)\.engine\.test\.js$/;
const ENGINE_PHASES = ['engine', 'remote', 'multihost', 'vscode', 'ui'];
const requested = process.argv.slice(2);
const phases = requested.length ? requested : PHASES;
for (const phase of phases) if (!PHASES.includes(phase)) fail(`unknown test phase "${phase}" (phases: ${PHASES.join(', ')})`);

const results = [];
const t0 = Date.now();
const say = message => console.log(`[test +${((Date.now() - t0) / 1000).toFixed(0)}s] ${message}`);

function fail(message) {
  console.error(message);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  return result.status === 0;
}

/** Runs a command, echoing its output, and returns [ok, output]. */
function runCapturing(command, args, env) {
  return new Promise(resolve => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', chunk => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', chunk => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', code => resolve([code === 0, output]));
  });
}

function record(name, passed, failed) {
  results.push({ name, passed, failed });
}

/** node:test phases: spec output for people, a TAP file for the counts. */
async function nodeTests(name, dir, env = {}, select = () => true) {
  const tap = path.join(ROOT, 'out', `${name}.tap`);
  const files = fs
    .readdirSync(path.join(ROOT, 'out', dir))
    .filter(f => f.endsWith('.test.js') && select(f))
    .map(f => path.join('out', dir, f));
  const [ok] = await runCapturing(
    process.execPath,
    [
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env,
  );
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const count = key => Number((new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text) ?? [])[1] ?? 0);
  const passed = count('pass');
  let failed = count('fail') + count('cancelled');
  if (!ok && failed === 0) failed = 1; // the runner itself failed (crash, no file loaded)
  if (passed + failed === 0) failed = 1; // ran no test: that is a failure too
  record(name, passed, failed);
}

/** Runner scripts that print `<label>: N passed, N failed` themselves. */
async function runnerTests(name, script, label, env) {
  const [ok, output] = await runCapturing(process.execPath, [script], env);
  const matches = [...output.matchAll(new RegExp(`^${label}: (\\d+) passed, (\\d+) failed`, 'gm'))];
  const last = matches[matches.length - 1];
  const passed = last ? Number(last[1]) : 0;
  let failed = last ? Number(last[2]) : 1;
  if (!ok && failed === 0) failed = 1;
  if (passed + failed === 0) failed = 1; // ran no test (e.g. the suite found no files): that is a failure too
  record(name, passed, failed);
}

async function main() {
  // npm test may be the first command after cloning.
  ensureDependencies(say);
  say('type check');
  // The webview script runs in a browser (DOM types, no Node): its own project.
  const typesOk = run('npx', ['tsc', '--noEmit', '-p', '.']) && run('npx', ['tsc', '--noEmit', '-p', 'src/webview']);
  record('typecheck', typesOk ? 1 : 0, typesOk ? 0 : 1);
  if (phases.includes('lint')) lintPhase();
  say('build');
  if (!run(process.execPath, ['scripts/build.js']) || !run('npx', ['tsc', '-p', 'tsconfig.test.json', '--noEmitOnError', 'false'])) {
    record('build', 0, 1);
    return;
  }

  if (phases.includes('unit')) {
    // The copy-as-CLI round trip pastes lines into every shell Debian offers; a shell that cannot be installed
    // makes that test fail (under CI) rather than shrink.
    try {
      const { ensurePrograms, TEST_SHELLS } = require('./lib/apt');
      ensurePrograms(TEST_SHELLS.programs, TEST_SHELLS.packages, { log: say, what: 'unit tests' });
    } catch (err) {
      say(err.message);
    }
    say('unit tests');
    await nodeTests('unit', 'test/unit');
  }

  if (phases.includes('grammar')) {
    say('grammar tests (syntaxes/ with vscode-textmate)');
    await runnerTests('grammar', 'test/grammar/run.js', 'grammar', {});
  }

  const needsEngine = phases.some(phase => ENGINE_PHASES.includes(phase));
  const needsHost = phases.some(phase => ['vscode', 'ui', 'package'].includes(phase));
  if (!needsEngine) return packagePhase();
  const engineScripts = require('./engine/private-engine');
  let engine;
  try {
    say('starting a private Docker Engine for the tests');
    engineScripts.ensureEnginePackages({ log: say });
    engine = await engineScripts.startPrivateEngine({ log: say });
    await engineScripts.ensureTestImage(engine.dockerHost, { log: say });
  } catch (err) {
    console.error(`could not start the test engine: ${err.message}`);
    for (const phase of phases.filter(p => ENGINE_PHASES.includes(p))) record(phase, 0, 1);
    if (engine) await engine.stop({ keepLogs: true });
    return;
  }
  const env = { DOCKER_HOST: engine.dockerHost, DOCKER_NETWORKS_TEST_IMAGE: engineScripts.TEST_IMAGE, DOCKER_CONTEXT: '' };
  try {
    if (phases.includes('engine')) {
      say(`engine integration tests against ${engine.dockerHost}`);
      await nodeTests('engine', 'test/engine', env, file => !REMOTE_SUITES.test(file) && !MULTIHOST_SUITES.test(file));
    }
    if (phases.includes('remote')) {
      say('remote engines against real servers on loopback: TLS dockerd, sshd, Podman');
      await nodeTests('remote', 'test/engine', env, file => REMOTE_SUITES.test(file));
    }
    if (phases.includes('multihost')) {
      say('multi-host networking: a two-node swarm in network namespaces, a network plugin, macvlan');
      await nodeTests('multihost', 'test/engine', env, file => MULTIHOST_SUITES.test(file));
    }
    if (needsHost && !prepareHost()) return;
    if (phases.includes('vscode')) {
      say('tests inside the VS Code extension host');
      await runnerTests('extension-host', 'scripts/vscode/run-extension-tests.js', 'extension-host', env);
    }
    if (phases.includes('ui')) {
      say('UI tests in the workbench');
      await runnerTests('ui', 'scripts/vscode/run-ui-tests.js', 'ui', env);
    }
  } finally {
    const anyFailed = results.some(r => r.failed > 0);
    await engine.stop({ keepLogs: anyFailed });
  }
  await packagePhase();
}

/**
 * Three checks, each one pass or one failure: Biome's formatting and lint rules (biome.json; `npx biome format
 * --write .` fixes the first) and the layer rule (.dependency-cruiser.js).
 */
function lintPhase() {
  say('format and lint (Biome) and the layer rule (dependency-cruiser)');
  const checks = [
    run('npx', ['biome', 'format', '.']),
    run('npx', ['biome', 'lint', '--error-on-warnings', '.']),
    run('npx', ['depcruise', 'src', '--config', '.dependency-cruiser.js']),
  ];
  const passed = checks.filter(Boolean).length;
  record('lint', passed, checks.length - passed);
}

let hostReady = false;
/** The offline VS Code (code-server on Node 24) and Chromium, installed once into a cache. */
function prepareHost() {
  if (hostReady) return true;
  say('preparing the offline VS Code (code-server) and Chromium');
  hostReady = run('sh', ['scripts/vscode/setup-test-host.sh']);
  if (!hostReady) for (const phase of phases.filter(p => ['vscode', 'ui', 'package'].includes(p))) record(phase, 0, 1);
  return hostReady;
}

/** Last, because it replaces the development bundle with the production one. */
async function packagePhase() {
  if (!phases.includes('package') || !prepareHost()) return;
  say('the .vsix: package, install into VS Code, list');
  await runnerTests('package', 'scripts/vscode/check-package.js', 'package', {});
}

main()
  .catch(err => {
    console.error(err);
    results.push({ name: 'runner', passed: 0, failed: 1 });
  })
  .finally(() => {
    const passed = results.reduce((sum, r) => sum + r.passed, 0);
    const failed = results.reduce((sum, r) => sum + r.failed, 0);
    console.log('');
    for (const r of results) console.log(`  ${r.name.padEnd(15)} ${r.passed} passed, ${r.failed} failed`);
    console.log(`total: ${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  });
