// The engine matches `name` and `id` filters with Go's `regexp.MatchString` (RE2 syntax, unanchored, case-sensitive).
// RE2JS (npm re2js) is a port of RE2 / Go's regexp: the same syntax, the same errors in the same words
// ("error parsing regexp: missing closing ): `(`"), and matching in time linear in the text, so a pattern like
// `(a+)+b` cannot hang the extension host the way a backtracking JavaScript RegExp does.
// Known difference: RE2JS accepts `(?<name>…)` as Go 1.22 and later do; engines built with older Go reject it.
import { RE2JS } from 're2js';

type Compiled = { readonly regexp: RE2JS } | { readonly error: string };

const cache = new Map<string, Compiled>();

function compile(pattern: string): Compiled {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let compiled: Compiled;
  try {
    compiled = { regexp: RE2JS.compile(pattern) };
  } catch (err) {
    compiled = { error: err instanceof Error ? err.message : String(err) };
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/** The compiled Go regular expression, or undefined when Go would refuse to compile it. */
export function compileGoRegExp(pattern: string): RE2JS | undefined {
  const compiled = compile(pattern);
  return 'regexp' in compiled ? compiled.regexp : undefined;
}

/** Why Go refuses to compile a pattern, in Go's words (`error parsing regexp: …`); undefined when it compiles. */
export function goRegExpError(pattern: string): string | undefined {
  const compiled = compile(pattern);
  return 'error' in compiled ? compiled.error : undefined;
}

/** Go's `regexp.MatchString(pattern, text)`, in linear time; an invalid pattern matches nothing. */
export function goRegExpMatches(pattern: string, text: string): boolean {
  return compileGoRegExp(pattern)?.test(text) ?? false;
}
