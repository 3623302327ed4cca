// The layer rule, checked by `npm test` (phase "lint"): src/model is pure logic that runs anywhere (unit tests,
// benchmarks) and src/engine talks to the Docker Engine without VS Code; only src/ui (and src/extension.ts, which
// wires the layers) may use the VS Code API.
'use strict';

const VSCODE = '^(vscode$|node_modules/@types/vscode/)';
const DOCKERODE = '^(dockerode$|node_modules/(@types/)?dockerode/)';

module.exports = {
  forbidden: [
    {
      name: 'model-is-pure',
      comment: 'src/model holds the rules and shapes only: no VS Code, no dockerode, no engine or UI code.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: [VSCODE, DOCKERODE, '^src/engine/', '^src/ui/', '^src/extension\\.ts$'] },
    },
    {
      name: 'engine-without-vscode',
      comment: 'src/engine is the gateway to the Docker Engine; it must run outside VS Code (engine tests, benchmarks).',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: [VSCODE, '^src/ui/', '^src/extension\\.ts$'] },
    },
    {
      name: 'webview-is-a-web-page',
      comment: 'src/webview runs in the webview (a browser page): only the pure topology model, no VS Code, Node or engine code.',
      severity: 'error',
      from: { path: '^src/webview/' },
      to: { path: [VSCODE, DOCKERODE, '^src/engine/', '^src/ui/', '^src/extension\\.ts$'] },
    },
    {
      name: 'webview-without-node',
      comment: 'A browser has no Node built-ins.',
      severity: 'error',
      from: { path: '^src/webview/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(out|dist)/' },
  },
};
