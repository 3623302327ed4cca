// `docker network ls --format` templates for tree labels and descriptions: the CLI's fields (docker/cli
// cli/command/network/formatter.go networkContext) plus two of the extension's own. Only field actions are
// supported, `{{.Name}}` and `{{.Label "key"}}` (with Go's `{{-`/`-}}` whitespace trimming); text outside actions
// is kept verbatim.
//
// Fields as the CLI prints them:
//   ID         12 characters (stringid.TruncateID) unless `noTrunc`
//   Name, Driver, Scope
//   IPv4       `true`/`false` (EnableIPv4). Engines before API 1.48 do not report it and always enable IPv4, so it
//              prints `true` there (the CLI prints Go's zero value `false`, which is wrong for those engines).
//   IPv6, Internal  `true`/`false`
//   Labels     `k=v` joined by `,`, sorted by key (the CLI's order is Go's random map order)
//   Label "k"  the value, or empty
//   CreatedAt  Go's time.Time String(): `2026-11-29 02:24:48.63 +0000 UTC`
// Extension fields:
//   Subnets    the IPAM subnets joined by `, `
//   Endpoints  how many containers (running or stopped) are configured on the network
import type { NetworkModel } from '../explorer';
import { GO_ZERO_TIME, goTimeString, parseRfc3339 } from './goTime';

export const TEMPLATE_FIELDS = [
  'ID',
  'Name',
  'Driver',
  'Scope',
  'IPv4',
  'IPv6',
  'Internal',
  'Labels',
  'Label',
  'CreatedAt',
  'Subnets',
  'Endpoints',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export interface RenderOptions {
  /** Full network IDs, as `--no-trunc`. */
  readonly noTrunc?: boolean;
}

export type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly field: TemplateField; readonly argument?: string };

export interface CompiledTemplate {
  readonly source: string;
  /** The fields used, in order of first use. */
  readonly fields: readonly TemplateField[];
  render(network: NetworkModel, options?: RenderOptions): string;
}

function isField(name: string): name is TemplateField {
  return (TEMPLATE_FIELDS as readonly string[]).includes(name);
}

/** Go's TruncateID: drop an `algo:` prefix, keep 12 characters. */
export function truncateId(id: string): string {
  const colon = id.indexOf(':');
  const bare = colon >= 0 ? id.slice(colon + 1) : id;
  return bare.length > 12 ? bare.slice(0, 12) : bare;
}

/** `.Label`'s argument: a Go string literal, "…" (with escapes) or `…` (raw). */
function parseStringLiteral(text: string): string | undefined {
  if (/^`[^`]*`$/.test(text)) return text.slice(1, -1);
  if (!/^"(?:[^"\\]|\\.)*"$/.test(text)) return undefined;
  try {
    return JSON.parse(text) as string;
  } catch {
    return undefined;
  }
}

function knownFieldsHint(): string {
  return `known fields: ${TEMPLATE_FIELDS.map(field => (field === 'Label' ? '.Label "key"' : `.${field}`)).join(', ')}`;
}

function parseAction(inner: string, action: string): Part | { error: string } {
  const match = /^\.([A-Za-z_][A-Za-z0-9_]*)(?:\s+(.*))?$/s.exec(inner);
  if (!match) {
    return {
      error: `unsupported template action ${action}: only fields such as {{.Name}} or {{.Label "key"}} can be used (${knownFieldsHint()})`,
    };
  }
  const name = match[1]!;
  const argument = match[2]?.trim();
  if (!isField(name)) {
    const suggestion = TEMPLATE_FIELDS.find(field => field.toLowerCase() === name.toLowerCase());
    return { error: `unknown field '${name}' in ${action}${suggestion ? ` (did you mean .${suggestion}?)` : ''}; ${knownFieldsHint()}` };
  }
  if (name === 'Label') {
    if (!argument) return { error: `field 'Label' needs a label key in ${action}, e.g. {{.Label "com.example.env"}}` };
    const key = parseStringLiteral(argument);
    if (key === undefined) return { error: `field 'Label' needs a quoted label key in ${action}, e.g. {{.Label "com.example.env"}}` };
    return { kind: 'field', field: name, argument: key };
  }
  if (argument) return { error: `field '${name}' takes no argument in ${action}` };
  return { kind: 'field', field: name };
}

/** Longer templates are refused: a tree label or description never needs more, and parsing stays cheap. */
export const MAX_TEMPLATE_LENGTH = 1000;

/**
 * The `}}` closing the action whose `{{` is at `open`, skipping quoted strings (`{{.Label "a}}b"}}`); -1 when there
 * is none. One pass from `open`: a quote is scanned once, and an unterminated one is an error (as in Go's lexer)
 * instead of a reason to rescan, so parsing a whole template stays linear. A comment action (`/*` to `*` `/`) ends
 * where the comment does, whatever quotes it holds.
 */
function findClose(source: string, open: number): number | { error: string } {
  let start = open + 2;
  if (source[start] === '-' && /\s/.test(source[start + 1] ?? '')) start += 2;
  while (start < source.length && /\s/.test(source[start]!)) start++;
  if (source.startsWith('/*', start)) {
    const end = source.indexOf('*/', start + 2);
    return end < 0 ? -1 : source.indexOf('}}', end + 2);
  }
  for (let i = start; i < source.length; i++) {
    const char = source[i]!;
    if (char === '"' || char === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== char && source[j] !== '\n') j += char === '"' && source[j] === '\\' ? 2 : 1;
      if (j >= source.length || source[j] !== char) {
        const lineEnd = source.indexOf('\n', i);
        const shown = source.slice(open, Math.min(lineEnd < 0 ? source.length : lineEnd, open + 80));
        return { error: `unterminated quoted string in ${JSON.stringify(shown)}` };
      }
      i = j;
    } else if (char === '}' && source[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}

/** The template's parts, in time linear in its length; `maxLength` is raised only by tests that check exactly that. */
export function parseTemplate(source: string, maxLength = MAX_TEMPLATE_LENGTH): Part[] | { error: string } {
  if (source.length > maxLength) {
    return { error: `template is ${source.length} characters long; at most ${maxLength} are allowed` };
  }
  const parts: Part[] = [];
  let text = '';
  let trimNext = false;
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    let literal = source.slice(i, open < 0 ? undefined : open);
    if (trimNext) literal = literal.trimStart();
    trimNext = false;
    text += literal;
    if (open < 0) break;
    const close = findClose(source, open);
    if (typeof close !== 'number') return close;
    if (close < 0) return { error: `unclosed action ${JSON.stringify(source.slice(open, open + 80))}: missing "}}"` };
    const action = source.slice(open, close + 2);
    let inner = source.slice(open + 2, close);
    // Go's trim markers `{{- ` and ` -}}`; trimEnd/trimStart are linear, unlike a /\s+$/ search.
    if (inner[0] === '-' && /\s/.test(inner[1] ?? '')) {
      text = text.trimEnd();
      inner = inner.slice(1);
    }
    if (inner.endsWith('-') && /\s/.test(inner[inner.length - 2] ?? '')) {
      trimNext = true;
      inner = inner.slice(0, -1);
    }
    inner = inner.trim();
    if (text) parts.push({ kind: 'text', text });
    text = '';
    if (inner.startsWith('/*') && inner.endsWith('*/')) {
      i = close + 2;
      continue;
    }
    if (!inner) return { error: `empty action ${action}` };
    const part = parseAction(inner, action);
    if ('error' in part) return part;
    parts.push(part);
    i = close + 2;
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

function sortedLabels(labels: Readonly<Record<string, string>> | null | undefined): string {
  if (!labels) return '';
  return Object.keys(labels)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map(key => `${key}=${labels[key]}`)
    .join(',');
}

function createdAt(created: string | undefined): string {
  if (!created) return GO_ZERO_TIME;
  const parsed = parseRfc3339(created);
  return parsed ? goTimeString(parsed) : created;
}

function fieldValue(model: NetworkModel, part: Extract<Part, { kind: 'field' }>, options: RenderOptions): string {
  const network = model.network;
  switch (part.field) {
    case 'ID':
      return options.noTrunc ? network.Id : truncateId(network.Id);
    case 'Name':
      return network.Name;
    case 'Driver':
      return network.Driver;
    case 'Scope':
      return network.Scope;
    case 'IPv4':
      return String(network.EnableIPv4 ?? true);
    case 'IPv6':
      return String(Boolean(network.EnableIPv6));
    case 'Internal':
      return String(Boolean(network.Internal));
    case 'Labels':
      return sortedLabels(network.Labels);
    case 'Label':
      return network.Labels?.[part.argument ?? ''] ?? '';
    case 'CreatedAt':
      return createdAt(network.Created);
    case 'Subnets':
      return model.subnets.join(', ');
    case 'Endpoints':
      return String(model.endpoints.length);
  }
}

const compiledCache = new Map<string, CompiledTemplate | { error: string }>();

/** Parses a template once; render it for each network. */
export function compileTemplate(source: string): { template: CompiledTemplate } | { error: string } {
  // Refused before the cache, so an over-long template is never kept.
  if (source.length > MAX_TEMPLATE_LENGTH)
    return { error: `template parsing error: ${(parseTemplate(source) as { error: string }).error}` };
  const cached = compiledCache.get(source);
  if (cached) return 'error' in cached ? cached : { template: cached };
  const parsed = parseTemplate(source);
  let result: CompiledTemplate | { error: string };
  if ('error' in parsed) {
    result = { error: `template parsing error: ${parsed.error}` };
  } else {
    const fields = [...new Set(parsed.flatMap(part => (part.kind === 'field' ? [part.field] : [])))];
    result = {
      source,
      fields,
      render: (network, options = {}) =>
        parsed.map(part => (part.kind === 'text' ? part.text : fieldValue(network, part, options))).join(''),
    };
  }
  if (compiledCache.size > 100) compiledCache.clear();
  compiledCache.set(source, result);
  return 'error' in result ? result : { template: result };
}

/** Undefined when the template can be rendered; otherwise what is wrong, naming the field or the unclosed action. */
export function validateTemplate(source: string): string | undefined {
  const compiled = compileTemplate(source);
  return 'error' in compiled ? compiled.error : undefined;
}

/** Renders a template for one network; throws the validation error when the template is invalid. */
export function renderTemplate(source: string, network: NetworkModel, options: RenderOptions = {}): string {
  const compiled = compileTemplate(source);
  if ('error' in compiled) throw new Error(compiled.error);
  return compiled.template.render(network, options);
}
