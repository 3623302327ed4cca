#!/usr/bin/env node
// `npm run package`: a production bundle, then a .vsix with @vscode/vsce. The .vscodeignore allow-list keeps
// node_modules, sources and source maps out; this script checks that it did.
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const pkg = require(path.join(ROOT, 'package.json'));
const vsix = `${pkg.name}-${pkg.version}.vsix`;
const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });

run(process.execPath, ['scripts/build.js', '--production']);
run('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix]);
const listing = execFileSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
const forbidden = listing.split('\n').filter(file => /node_modules|\.map$|^src\/|\.ts$/.test(file));
if (forbidden.length) {
  console.error(`the package must not contain:\n${forbidden.join('\n')}`);
  process.exit(1);
}
console.log(`packaged ${vsix}:\n${listing}`);
