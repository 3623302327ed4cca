#!/usr/bin/env node
// `npm start`: build the extension and open it in a real VS Code against a Docker Engine.
// Desktop VS Code (`code --extensionDevelopmentPath`) when `code` is on PATH, else code-server on 127.0.0.1.
// Uses your engine when one answers; otherwise starts the private engine the tests use and seeds demo networks.
// Ctrl-C stops whatever this script started.
'use strict';
const { spawn, spawnSync } = require('child_process');
const http = require('http');
const { ROOT, ensureDependencies } = require('./lib/bootstrap');

const log = message => console.log(`[start] ${message}`);

/** GET /_ping on a unix socket or tcp host; true when the engine answers. */
function engineAnswers(dockerHost) {
  return new Promise(resolve => {
    const target = dockerHost.startsWith('unix://')
      ? { socketPath: dockerHost.slice('unix://'.length) }
      : dockerHost.startsWith('tcp://')
        ? { host: new URL(dockerHost).hostname, port: new URL(dockerHost).port || 2375 }
        : undefined;
    if (!target) return resolve(true); // ssh:// and others: let the extension deal with them
    const request = http.get({ ...target, path: '/_ping', timeout: 2000 }, res => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

async function chooseEngine() {
  const userHost = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  if (process.env.DOCKER_CONTEXT || (await engineAnswers(userHost))) {
    log(`using your Docker Engine (${process.env.DOCKER_CONTEXT ? `context ${process.env.DOCKER_CONTEXT}` : userHost})`);
    return { env: {}, stop: async () => {} };
  }
  log(`no Docker Engine answers at ${userHost}: starting a private one with demo networks (it goes away on Ctrl-C)`);
  const engineScripts = require('./engine/private-engine');
  const { seedDemo } = require('./engine/seed-demo');
  engineScripts.ensureEnginePackages({ log });
  const engine = await engineScripts.startPrivateEngine({ log });
  await engineScripts.ensureTestImage(engine.dockerHost, { log });
  await seedDemo(engine.dockerHost, { log });
  log(`private engine: DOCKER_HOST=${engine.dockerHost}`);
  return { env: { DOCKER_HOST: engine.dockerHost }, stop: () => engine.stop() };
}

async function main() {
  ensureDependencies(log);
  if (spawnSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  const engine = await chooseEngine();
  const serve = require('./vscode/serve');
  let stopWorkbench = async () => {};
  if (serve.hasDesktopCode() && !process.env.DOCKER_NETWORKS_USE_CODE_SERVER) {
    log('opening desktop VS Code with the extension under development');
    const code = spawn('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, '--wait'], {
      stdio: 'inherit',
      env: { ...process.env, ...engine.env },
    });
    stopWorkbench = async () => {
      code.kill();
    };
    code.on('exit', () => shutdown());
  } else {
    log('no desktop `code` on PATH: serving VS Code (code-server) on 127.0.0.1');
    if (spawnSync('sh', ['scripts/vscode/setup-test-host.sh'], { cwd: ROOT, stdio: 'inherit' }).status !== 0)
      throw new Error('could not install code-server');
    const workbench = await serve.serveWorkbench({ env: engine.env, log });
    stopWorkbench = workbench.stop;
    log(`ready: open ${workbench.url} — Ctrl-C stops VS Code${engine.env.DOCKER_HOST ? ' and the private engine' : ''}`);
  }

  let stopping = false;
  async function shutdown() {
    if (stopping) return;
    stopping = true;
    log('stopping');
    await stopWorkbench().catch(() => {});
    await engine.stop().catch(() => {});
    process.exit(0);
  }
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch(err => {
  console.error(`[start] ${err.message}`);
  process.exit(1);
});
