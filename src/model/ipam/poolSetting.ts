// The dockerNetworks.addressPools setting comes from settings.json, which any hand (or a workspace) can write: it is
// checked item by item before the subnet suggestions use it, and a wrong item is named with what is wrong.
import { MAX_PREFIX, parseCidr } from './addresses';
import type { AddressPool } from './suggestions';

const describe = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'string' ? `"${value}"` : `${typeof value} ${String(value)}`;

function poolProblem(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return `must be an object like { "base": "10.10.0.0/16", "size": 24 } (got ${describe(item)})`;
  const { base, size } = item as { base?: unknown; size?: unknown };
  if (typeof base !== 'string') return `"base" must be a CIDR string like "10.10.0.0/16" (got ${describe(base)})`;
  const cidr = parseCidr(base);
  if (!cidr.ok) return `"base" ${base} is not a CIDR: ${cidr.reason}`;
  if (typeof size !== 'number' || !Number.isInteger(size)) return `"size" must be a whole prefix length like 24 (got ${describe(size)})`;
  if (size < cidr.value.prefix || size > MAX_PREFIX[cidr.value.family])
    return `"size" ${size} must be between the base's prefix /${cidr.value.prefix} and /${MAX_PREFIX[cidr.value.family]}`;
  return undefined;
}

/** The pools from the raw setting value, or what is wrong with it (naming the item, counted from 1). */
export function parseAddressPools(raw: unknown): { readonly pools: AddressPool[] } | { readonly error: string } {
  if (raw === undefined || raw === null) return { pools: [] };
  if (!Array.isArray(raw)) return { error: `must be a list of { "base", "size" } objects (got ${describe(raw)})` };
  for (const [index, item] of raw.entries()) {
    const problem = poolProblem(item);
    if (problem) return { error: `item ${index + 1} ${problem}` };
  }
  return { pools: raw.map(item => ({ base: (item as AddressPool).base, size: (item as AddressPool).size })) };
}
