// Loaded by the VS Code extension host as extensionTestsPath; must export run(): Promise<void>.
// Used by both runners: scripts/vscode/run-extension-tests.js (code-server, offline) and
// scripts/vscode/run-desktop-tests.js (@vscode/test-electron). Runs every *.test.js next to this file
// (and below it) with mocha's tdd UI (suite/test).
//   MOCHA_GREP           only tests whose full title matches this (a regular expression source, as mocha --grep)
//   MOCHA_TIMEOUT        per-test timeout in ms (default 30000)
//   VSCODE_TEST_RESULTS  file to write { passes, failures, pending, tests, failed: [{ title, error }] } to
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

interface FailedTest {
  title: string;
  error: string;
}

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

function writeResults(data: object): void {
  const out = process.env.VSCODE_TEST_RESULTS;
  if (!out) return;
  try {
    fs.writeFileSync(out, JSON.stringify(data, null, 2));
  } catch (e) {
    console.error(`could not write test results to ${out}: ${(e as Error).message}`);
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.MOCHA_TIMEOUT) || 30000,
    reporter: 'spec',
  });
  const grep = process.env.MOCHA_GREP;
  if (grep) mocha.grep(grep);
  const files = findTests(__dirname);
  for (const f of files) mocha.addFile(f);

  return new Promise((resolve, reject) => {
    const failed: FailedTest[] = [];
    let runner: Mocha.Runner;
    try {
      runner = mocha.run(failures => {
        const stats = runner.stats;
        writeResults({
          passes: stats?.passes ?? 0,
          failures,
          pending: stats?.pending ?? 0,
          tests: stats?.tests ?? 0,
          duration: stats?.duration ?? 0,
          files: files.map(f => path.relative(__dirname, f)),
          grep: grep ?? null,
          failed,
        });
        if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
        else resolve();
      });
      runner.on('fail', (test: Mocha.Runnable, err: Error) => {
        failed.push({ title: test.fullTitle(), error: String(err?.stack || err?.message || err) });
      });
    } catch (e) {
      // A test file that throws while loading ends up here: record it as a failure.
      const error = String((e as Error)?.stack || e);
      writeResults({
        passes: 0,
        failures: 1,
        pending: 0,
        tests: 0,
        duration: 0,
        files: files.map(f => path.relative(__dirname, f)),
        grep: grep ?? null,
        failed: [{ title: 'loading the test files', error }],
      });
      reject(e);
    }
  });
}
