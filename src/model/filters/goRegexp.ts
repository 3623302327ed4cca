// The engine matches `name` and `id` filters with Go's `regexp.MatchString` (RE2 syntax, unanchored, case-sensitive).
// This translates an RE2 pattern into an equivalent JavaScript RegExp for the cases users type, and refuses what Go
// refuses (so such a filter matches nothing, as on the engine): lookarounds, backreferences, unknown escapes, repeat
// counts above 1000. Translated: leading flag groups `(?i)` `(?s)` `(?m)` `(?U)`, `(?P<name>`, `\A`, `\z`, `\Q…\E`,
// `\a`, octal `\123`, `\x{10FFFF}`, POSIX classes `[[:alpha:]]`, `]` first in a class, `\pL`. Not translatable in
// Node's RegExp (no inline modifiers before V8 12.5) and so treated as invalid: flag groups after the start
// (`a(?i)b`, `(?i:b)`), negated POSIX classes (`[[:^alpha:]]`).

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ', upper: 'A-Z',
  word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

const MAX_REPEAT = 1000;

class Unsupported extends Error {}

function literal(codePoint: number): string {
  if (codePoint <= 0xffff) return `\\u${codePoint.toString(16).padStart(4, '0')}`;
  return String.fromCodePoint(codePoint).split('').map(unit => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}

const isAlphanumeric = (char: string) => /[0-9A-Za-z]/.test(char);

interface Translation { source: string; flags: string }

function translate(pattern: string): Translation {
  let flags = '';
  let i = 0;
  // Leading flag groups, e.g. (?i) or (?is); `U` (ungreedy) changes which match is found, never whether one is.
  for (let lead = /^\(\?([imsU]+)\)/.exec(pattern.slice(i)); lead; lead = /^\(\?([imsU]+)\)/.exec(pattern.slice(i))) {
    for (const flag of lead[1]!) if (flag !== 'U' && !flags.includes(flag)) flags += flag;
    i += lead[0].length;
  }

  let out = '';
  let inClass = false;
  let classStart = -1;
  let unicode = false;

  const readEscape = (): string => {
    const next = pattern[i + 1];
    if (next === undefined) throw new Unsupported('trailing backslash');
    // In Go an escaped ASCII non-alphanumeric is itself; emit it as a code point so JS treats it as a plain atom.
    if (next.charCodeAt(0) < 0x80 && !isAlphanumeric(next)) { i += 2; return literal(next.charCodeAt(0)); }
    switch (next) {
      case 'a': i += 2; return '\\x07';
      case 'f': case 't': case 'n': case 'r': case 'v': i += 2; return `\\${next}`;
      case 'd': case 'D': case 's': case 'S': case 'w': case 'W': i += 2; return `\\${next}`;
      case 'b': case 'B':
        if (inClass) throw new Unsupported('\\b in a class');
        i += 2; return `\\${next}`;
      case 'A': if (inClass) throw new Unsupported('\\A in a class'); i += 2; return '(?<![\\s\\S])';
      case 'z': if (inClass) throw new Unsupported('\\z in a class'); i += 2; return '(?![\\s\\S])';
      case 'x': {
        const braced = /^\\x\{([0-9A-Fa-f]+)\}/.exec(pattern.slice(i));
        if (braced) {
          const codePoint = parseInt(braced[1]!, 16);
          if (codePoint > 0x10ffff) throw new Unsupported('code point out of range');
          i += braced[0].length; return literal(codePoint);
        }
        const short = /^\\x([0-9A-Fa-f]{2})/.exec(pattern.slice(i));
        if (!short) throw new Unsupported('bad \\x escape');
        i += 4; return literal(parseInt(short[1]!, 16));
      }
      case 'p': case 'P': {
        const braced = /^\\[pP]\{(\^?)([A-Za-z_]+)\}/.exec(pattern.slice(i));
        const single = /^\\[pP]([A-Za-z])/.exec(pattern.slice(i));
        const match = braced ?? single;
        if (!match) throw new Unsupported('bad \\p escape');
        const negated = (next === 'P') !== (braced ? braced[1] === '^' : false);
        const name = braced ? braced[2]! : single![1]!;
        unicode = true;
        i += match[0].length;
        const property = name === 'Any' ? 'Any' : /^[A-Z][a-z]?$/.test(name) ? name : `Script=${name}`;
        return property === 'Any' ? (negated ? '[^\\s\\S]' : '[\\s\\S]') : `\\${negated ? 'P' : 'p'}{${property}}`;
      }
      case 'Q': {
        const end = pattern.indexOf('\\E', i + 2);
        const quoted = pattern.slice(i + 2, end < 0 ? undefined : end);
        i = end < 0 ? pattern.length : end + 2;
        return Array.from(quoted).map(char => literal(char.codePointAt(0)!)).join('');
      }
      default: {
        const octal = /^\\(0[0-7]{0,2}|[1-7][0-7]{1,2})/.exec(pattern.slice(i));
        if (octal) { i += octal[0].length; return literal(parseInt(octal[1]!, 8)); }
        // Backreferences (\1), \Z, \G, \C, \k, \y...: all errors in RE2.
        throw new Unsupported(`invalid escape \\${next}`);
      }
    }
  };

  while (i < pattern.length) {
    const char = pattern[i]!;
    if (char === '\\') { out += readEscape(); continue; }

    if (inClass) {
      if (char === ']' && i !== classStart) { inClass = false; out += ']'; i++; continue; }
      if (char === ']') { out += '\\]'; i++; continue; } // `]` first in a class is a literal in RE2
      if (char === '[') {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
        if (posix) {
          const ranges = POSIX_CLASSES[posix[2]!];
          if (!ranges || posix[1]) throw new Unsupported(`POSIX class ${posix[0]}`);
          out += ranges; i += posix[0].length; continue;
        }
        out += '\\['; i++; continue;
      }
      out += char; i++; continue;
    }

    if (char === '[') {
      inClass = true;
      out += '[';
      i++;
      if (pattern[i] === '^') { out += '^'; i++; }
      classStart = i;
      continue;
    }
    if (char === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i);
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) { out += `(?<${named[1]}>`; i += named[0].length; continue; }
      if (rest.startsWith('(?:')) { out += '(?:'; i += 3; continue; }
      // Lookarounds are not RE2; flag groups past the start cannot be expressed in Node's RegExp.
      throw new Unsupported(`group ${rest.slice(0, 4)}`);
    }
    if (char === '{') {
      const repeat = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (repeat) {
        const min = Number(repeat[1]);
        const max = repeat[3] ? Number(repeat[3]) : min;
        if (min > MAX_REPEAT || max > MAX_REPEAT) throw new Unsupported('repeat count above 1000');
        out += repeat[0]; i += repeat[0].length; continue;
      }
      out += '\\{'; i++; continue; // a `{` that does not start a repeat is a literal in RE2
    }
    if (char === '}' || char === ']') { out += `\\${char}`; i++; continue; }
    out += char;
    i++;
  }
  if (inClass) throw new Unsupported('missing closing ]');
  return { source: out, flags: unicode ? `${flags}u` : flags };
}

const cache = new Map<string, RegExp | null>();

/** The JavaScript equivalent of a Go regular expression, or undefined when Go would refuse to compile it. */
export function compileGoRegExp(pattern: string): RegExp | undefined {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached ?? undefined;
  let compiled: RegExp | null;
  try {
    const { source, flags } = translate(pattern);
    compiled = new RegExp(source, flags);
  } catch {
    compiled = null;
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, compiled);
  return compiled ?? undefined;
}

/** Go's `regexp.MatchString(pattern, text)`; an invalid pattern matches nothing. */
export function goRegExpMatches(pattern: string, text: string): boolean {
  return compileGoRegExp(pattern)?.test(text) ?? false;
}
