#!/usr/bin/env node
// Bundles src/extension.ts into dist/extension.js (one file). `vscode` is provided by the host; the optional
// native add-ons of ssh2 / cpu-features stay external so their pure-JS fallbacks load at run time.
// The topology picture's webview script is a second, browser bundle: dist/webview/topology.js.
'use strict';
const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Any `require('./x.node')` is left to Node at run time: the add-on is optional and never shipped. */
const nativeAddonsExternal = {
  name: 'native-addons-external',
  setup(build) {
    build.onResolve({ filter: /\.node$/ }, args => ({ path: args.path, external: true }));
  },
};

/**
 * dockerode loads gRPC and protobuf at start-up only for BuildKit image builds, which this extension never does.
 * Replacing those two modules with a stub keeps ~700 KB of code out of the bundle and out of activation time.
 */
const withoutBuildKit = {
  name: 'dockerode-without-buildkit',
  setup(build) {
    build.onResolve({ filter: /^\.\/(session|buildkit)$/ }, args =>
      /[\\/]dockerode[\\/]lib$/.test(args.resolveDir) ? { path: args.path, namespace: 'no-buildkit' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'no-buildkit' }, () => ({
      contents: 'module.exports = function () { throw new Error("BuildKit builds are not part of Docker Networks"); };',
      loader: 'js',
    }));
  },
};

async function main() {
  const ctx = await esbuild.context({
    absWorkingDir: ROOT,
    entryPoints: ['src/extension.ts'],
    bundle: true,
    outfile: 'dist/extension.js',
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    external: ['vscode', 'cpu-features'],
    plugins: [nativeAddonsExternal, withoutBuildKit],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'warning',
  });
  const webview = await esbuild.context({
    absWorkingDir: ROOT,
    entryPoints: ['src/webview/topology/main.ts'],
    bundle: true,
    outfile: 'dist/webview/topology.js',
    format: 'iife',
    platform: 'browser',
    target: 'chrome114',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'warning',
  });
  if (watch) {
    await ctx.watch();
    await webview.watch();
    console.log('[build] watching src/ for changes');
    return;
  }
  await ctx.rebuild();
  await ctx.dispose();
  await webview.rebuild();
  await webview.dispose();
  console.log(`[build] dist/extension.js, dist/webview/topology.js (${production ? 'production' : 'development'})`);
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
