#!/usr/bin/env node
// The `.vsix` works as shipped: `npm run package` builds it (and checks it holds no node_modules, sources or maps),
// then the offline VS Code (code-server) installs it into a fresh extensions folder and lists it.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { testHostPaths, REPO } = require('./test-host-paths');

const pkg = require(path.join(REPO, 'package.json'));
const vsix = path.join(REPO, `${pkg.name}-${pkg.version}.vsix`);
const id = `${pkg.publisher}.${pkg.name}@${pkg.version}`;
let passed = 0;
let failed = 0;
const check = (what, run) => {
  try {
    run();
    console.log(`  ✔ ${what}`);
    passed++;
  } catch (err) {
    console.log(`  ✖ ${what}: ${err.message}`);
    failed++;
  }
};

check('npm run package builds a .vsix without node_modules, sources or maps', () => {
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'package.js')], { cwd: REPO, stdio: 'inherit' });
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} was not written`);
});

const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-vsix-'));
const host = testHostPaths();
const codeServer = args =>
  execFileSync(host.node24Bin, [host.codeServerEntry, '--extensions-dir', extensionsDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', HOME: extensionsDir },
  });
check('VS Code installs the .vsix', () => {
  codeServer(['--install-extension', vsix]);
});
check(`VS Code lists ${id} with its manifest and bundle`, () => {
  const listed = codeServer(['--list-extensions', '--show-versions']);
  if (!listed.includes(id)) throw new Error(`not listed: ${listed.trim() || '(nothing)'}`);
  const installed = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  for (const file of ['package.json', 'dist/extension.js', 'syntaxes/docker-networks-inspect.tmLanguage.json']) {
    if (!fs.existsSync(path.join(installed, file))) throw new Error(`${file} missing from the installed extension`);
  }
});
fs.rmSync(extensionsDir, { recursive: true, force: true });
console.log(`package: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
