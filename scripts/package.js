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
// README images are relative paths in the repository; the Marketplace page needs absolute ones.
const base = `${pkg.repository.url.replace(/\.git$/, '')}/raw/HEAD`;
run('npx', ['vsce', 'package', '--no-dependencies', '--skip-license', '--baseContentUrl', base, '--baseImagesUrl', base, '--out', vsix]);
const listing = execFileSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
const forbidden = listing.split('\n').filter(file => /node_modules|\.map$|^src\/|\.ts$/.test(file));
if (forbidden.length) {
  console.error(`the package must not contain:\n${forbidden.join('\n')}`);
  process.exit(1);
}
console.log(`packaged ${vsix}:\n${listing}`);
