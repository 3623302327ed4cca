#!/usr/bin/env node
// Grammar tests of the inspect documents' syntax highlighting: runs vscode-tmgrammar-test (vscode-textmate and
// vscode-oniguruma, the engine VS Code itself tokenizes with) over test/grammar/*.test.jsonc, with our grammar on top
// of VS Code's JSONC grammar (source.json.comments, shipped by the tm-grammars package), and checks that package.json
// contributes the grammar and the language the way VS Code needs them. Ends with `grammar: N passed, N failed`,
// counting every source line that carries assertions plus the checks below; exits non-zero on any failure.
//
//   node test/grammar/run.js                 the suite
//   node test/grammar/run.js --host FILE     the same against another JSONC grammar, e.g. the JSONC.tmLanguage.json
//                                            of an installed VS Code (extensions/json/syntaxes/)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const LANGUAGE = 'docker-networks-inspect';
const GRAMMAR = 'syntaxes/docker-networks-inspect.tmLanguage.json';
const LANGUAGE_CONFIGURATION = 'syntaxes/docker-networks-inspect.language-configuration.json';
const HOST_SCOPE = 'source.json.comments';
const TESTS = 'test/grammar/*.test.jsonc';
const OWN_SCOPE = /^[\w.-]+\.docker-networks$/;

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else { failed++; console.log(`✖ ${what}`); }
}

function hostGrammar() {
  const at = process.argv.indexOf('--host');
  const file = at >= 0 ? path.resolve(process.argv[at + 1] ?? '') : require.resolve('tm-grammars/grammars/jsonc.json');
  return file;
}

/** Every scope a grammar (or rule) can give a token: `name`, `contentName` and capture names, space-separated parts too. */
function grammarScopes(node, into = new Set()) {
  if (Array.isArray(node)) node.forEach(n => grammarScopes(n, into));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'name' || key === 'contentName') && typeof value === 'string') value.split(/\s+/).forEach(s => into.add(s));
      else grammarScopes(value, into);
    }
  }
  return into;
}

/** The scopes test files name in assertions (`// ^^^ required - excluded`, `// <--- required`). */
function assertedScopes(files) {
  const required = new Map();
  const named = new Map();
  for (const file of files) {
    fs.readFileSync(file, 'utf8').split(/\r?\n/).forEach((line, i) => {
      const m = /^\/\/\s*(?:\^+\s*)+(.*)$|^\/\/\s*<~*-+\s*(.*)$/.exec(line);
      if (!m) return;
      const [req, exc = ''] = (m[1] ?? m[2]).split(/\s+-(?:\s+|$)/);
      const where = `${path.relative(ROOT, file)}:${i + 1}`;
      for (const s of req.split(/\s+/).filter(Boolean)) { required.set(s, where); named.set(s, where); }
      for (const s of exc.split(/\s+/).filter(Boolean)) named.set(s, where);
    });
  }
  return { required, named };
}

function checkManifest(grammarScope) {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const languages = manifest.contributes?.languages ?? [];
  const grammars = manifest.contributes?.grammars ?? [];
  const language = languages.find(l => l.id === LANGUAGE);
  const grammar = grammars.find(g => g.language === LANGUAGE);
  check(!!language, `package.json contributes.languages has no "${LANGUAGE}" language`);
  check(!!language && !language.extensions?.length && !language.filenames?.length && !language.filenamePatterns?.length,
    `the "${LANGUAGE}" language must not claim files (no extensions, filenames or filenamePatterns): only the extension sets it`);
  check(!!language?.configuration && path.resolve(ROOT, language.configuration) === path.join(ROOT, LANGUAGE_CONFIGURATION),
    `the "${LANGUAGE}" language's configuration must be ./${LANGUAGE_CONFIGURATION}`);
  check(!!grammar, `package.json contributes.grammars has no grammar for the "${LANGUAGE}" language`);
  check(!!grammar && path.resolve(ROOT, grammar.path ?? '') === path.join(ROOT, GRAMMAR), `the "${LANGUAGE}" grammar's path must be ./${GRAMMAR}`);
  check(!!grammar && grammar.scopeName === grammarScope, `the "${LANGUAGE}" grammar's scopeName must be ${grammarScope}`);
  check(!grammars.some(g => (g.injectTo ?? []).some(s => s.startsWith('source.json'))),
    'no contributed grammar may injectTo a source.json scope: that reaches every JSON file, not only inspect documents');
  return !!grammar;
}

function main() {
  const host = hostGrammar();
  if (!fs.existsSync(host)) {
    console.log(`✖ no JSONC grammar at ${host} (npm install?)`);
    console.log('grammar: 0 passed, 1 failed');
    process.exit(1);
  }
  const ours = JSON.parse(fs.readFileSync(path.join(ROOT, GRAMMAR), 'utf8'));
  const hostGrammarJson = JSON.parse(fs.readFileSync(host, 'utf8'));
  const hostScope = hostGrammarJson.scopeName;
  console.log(`grammar: ${GRAMMAR} (${ours.scopeName}) over ${path.relative(ROOT, host) || host} (${hostScope})`);
  check(hostScope === HOST_SCOPE, `the host grammar's scopeName is ${hostScope}, not ${HOST_SCOPE}`);
  check(JSON.stringify(ours.patterns) === JSON.stringify([{ include: HOST_SCOPE }]), `${GRAMMAR} must consist of ${HOST_SCOPE} plus its own injections`);

  // The manifest entry is what VS Code loads, so the tests load the grammar through it when it is there.
  const contributed = checkManifest(ours.scopeName);

  // Assertions may only name scopes that exist, and every scope of ours must be asserted somewhere: an assertion that
  // excludes a misspelt scope would pass whatever the grammar does.
  const testFiles = fs.readdirSync(__dirname).filter(f => f.endsWith('.test.jsonc')).map(f => path.join(__dirname, f));
  const defined = grammarScopes(ours);
  const { required, named } = assertedScopes(testFiles);
  const unknown = [...named].filter(([s]) => OWN_SCOPE.test(s) && !defined.has(s));
  for (const [s, where] of unknown) console.log(`  ${where}: ${s} is not a scope of ${GRAMMAR}`);
  check(unknown.length === 0, 'every .docker-networks scope the tests name exists in the grammar');
  const untested = [...defined].filter(s => OWN_SCOPE.test(s) && !required.has(s));
  for (const s of untested) console.log(`  ${s} is never required by a test`);
  check(untested.length === 0, 'every .docker-networks scope of the grammar is required by some test');

  const pkg = require.resolve('vscode-tmgrammar-test/package.json');
  const cli = path.join(path.dirname(pkg), require(pkg).bin['vscode-tmgrammar-test']);
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-networks-grammar-'));
  const args = [cli, '--grammar', host];
  if (!contributed) args.push('--grammar', GRAMMAR);     // package.json (read by default) does not provide it yet
  args.push('--xunit-report', reports, TESTS);
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });

  // One xunit file per test file; one <testcase> per source line with assertions, failing if any of them failed.
  let cases = 0;
  let failedCases = 0;
  for (const report of fs.readdirSync(reports)) {
    const xml = fs.readFileSync(path.join(reports, report), 'utf8');
    for (const [, body] of xml.matchAll(/<testcase\b[^>]*>([\s\S]*?)<\/testcase>/g)) {
      cases++;
      if (/<(failure|error)\b/.test(body)) failedCases++;
    }
  }
  fs.rmSync(reports, { recursive: true, force: true });
  passed += cases - failedCases;
  failed += failedCases;
  if (run.status !== 0 && failedCases === 0) check(false, `vscode-tmgrammar-test exited with ${run.status ?? run.signal}`);
  if (cases === 0) check(false, 'no grammar assertion ran');

  console.log(`grammar: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
