// `key=value` entries as the create dialog takes them: labels (`--label`), driver options (`-o`), IPAM options
// (`--ipam-opt`) and auxiliary addresses (`--aux-address`). The docker CLI stores them in maps where the last
// duplicate silently wins; here duplicates are reported so nothing typed is lost without a word.
import { parseAddress } from './addresses';
import { IpamIssue, error, warning } from './issues';

export type KeyValueKind = 'label' | 'driverOption' | 'ipamOption' | 'auxAddress';

export interface KeyValueEntry {
  readonly key: string;
  readonly value: string;
  /** False for a bare `key`, which only a label may be. */
  readonly hasValue: boolean;
}

export interface KeyValueResult {
  /** The entries that passed, last value winning, as Docker would store them. */
  readonly values: Record<string, string>;
  readonly issues: IpamIssue[];
}

const KIND_NAMES: Readonly<Record<KeyValueKind, string>> = {
  label: 'Label',
  driverOption: 'Driver option',
  ipamOption: 'IPAM option',
  auxAddress: 'Auxiliary address',
};

/** Docker's documentation reserves these label namespaces for Docker itself. */
const RESERVED_LABEL_PREFIXES = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/** `a=b, c=d` → `['a=b', 'c=d']`; blank segments (a trailing comma) are dropped. Values cannot contain commas. */
export function splitKeyValueList(text: string): string[] {
  return text
    .split(',')
    .map(part => part.trim())
    .filter(part => part !== '');
}

/** Splits at the first `=`, as the docker CLI does: `k=v=w` is key `k`, value `v=w`. */
export function parseKeyValue(raw: string): KeyValueEntry {
  const at = raw.indexOf('=');
  return at < 0 ? { key: raw, value: '', hasValue: false } : { key: raw.slice(0, at), value: raw.slice(at + 1), hasValue: true };
}

/** Why a key is unusable, or undefined. The docker CLI refuses empty label names and whitespace in them. */
export function keyProblem(key: string): string | undefined {
  if (key.trim() === '') return 'the key is empty';
  if (/\s/.test(key)) return `the key "${key}" contains whitespace`;
  return undefined;
}

/** Validates entries as typed, one per flag: `['a=b', 'c']`. */
export function validateKeyValues(raws: readonly string[], kind: KeyValueKind, field: string): KeyValueResult {
  const values: Record<string, string> = {};
  const issues: IpamIssue[] = [];
  raws.forEach((raw, index) => {
    const entry = parseKeyValue(raw);
    const entryIssues = entryProblems(entry, raw, kind, `${field}[${index}]`);
    issues.push(...entryIssues, ...duplicateProblems(entry, values, kind, `${field}[${index}]`));
    if (!entryIssues.some(issue => issue.severity === 'error')) values[entry.key] = entry.value;
  });
  return { values, issues };
}

/** Validates a comma-separated list: `a=b,c=d`. Field indexes count the list's entries. */
export function parseKeyValueList(text: string, kind: KeyValueKind, field: string): KeyValueResult {
  return validateKeyValues(splitKeyValueList(text), kind, field);
}

function entryProblems(entry: KeyValueEntry, raw: string, kind: KeyValueKind, field: string): IpamIssue[] {
  const name = KIND_NAMES[kind];
  const problem = keyProblem(entry.key);
  if (problem) return [error(field, `${name} "${raw}" is not valid: ${problem}.`, fixedKey(entry))];
  if (kind === 'label') return reservedLabelProblems(entry.key, field);
  if (kind === 'auxAddress') return auxValueProblems(entry, field);
  return entry.hasValue ? [] : [error(field, `${name} "${entry.key}" has no value: write it as ${entry.key}=<value>.`)];
}

/** Offers the key with its whitespace removed, when that leaves one. */
function fixedKey(entry: KeyValueEntry): string | undefined {
  const key = entry.key.replace(/\s+/g, '');
  if (key === '' || key === entry.key) return undefined;
  return entry.hasValue ? `${key}=${entry.value}` : key;
}

function reservedLabelProblems(key: string, field: string): IpamIssue[] {
  const prefix = RESERVED_LABEL_PREFIXES.find(reserved => key.startsWith(reserved));
  return prefix ? [warning(field, `Label "${key}" uses the "${prefix}" namespace, which Docker reserves for its own labels.`)] : [];
}

function auxValueProblems(entry: KeyValueEntry, field: string): IpamIssue[] {
  if (entry.value === '') return [error(field, `Auxiliary address "${entry.key}" has no address: write it as ${entry.key}=<address>.`)];
  const address = parseAddress(entry.value);
  return address.ok ? [] : [error(field, `Auxiliary address "${entry.key}" is not valid: ${address.reason}.`)];
}

function duplicateProblems(entry: KeyValueEntry, seen: Readonly<Record<string, string>>, kind: KeyValueKind, field: string): IpamIssue[] {
  if (!Object.hasOwn(seen, entry.key)) return [];
  const name = KIND_NAMES[kind];
  const earlier = seen[entry.key];
  return earlier === entry.value
    ? [warning(field, `${name} "${entry.key}" is given twice with the same value.`)]
    : [error(field, `${name} "${entry.key}" is given twice, as "${earlier}" and as "${entry.value}"; Docker would keep only the last.`)];
}
