// What the multi-host suites need from the kernel, probed in a scratch network namespace so the host's links are never
// touched. Under CI a missing feature fails the suite, naming the feature; elsewhere the suite is skipped with the
// same words.
import { spawnSync } from 'node:child_process';

export type KernelFeature = 'network namespaces' | 'veth' | 'vxlan' | 'macvlan' | '802.1q VLAN' | 'ipvlan' | 'dummy links';

const SYS_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const env = { ...process.env, PATH: `${process.env.PATH ?? ''}:${SYS_PATH}` };

function ip(...args: string[]): boolean {
  return spawnSync('ip', args, { env, stdio: 'ignore' }).status === 0;
}

/**
 * Each feature's probe, run in order inside the scratch namespace `ns`: the veth pair p0/p1 is the parent of the
 * later ones (this kernel has no dummy links), so without veth (or namespaces) those report missing too.
 */
const probes: Record<Exclude<KernelFeature, 'network namespaces'>, (ns: string) => boolean> = {
  veth: ns => ip('-n', ns, 'link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1'),
  vxlan: ns => ip('-n', ns, 'link', 'add', 'vx42', 'type', 'vxlan', 'id', '42', 'dstport', '4789', 'local', '127.0.0.1'),
  macvlan: ns => ip('-n', ns, 'link', 'add', 'link', 'p0', 'name', 'mv0', 'type', 'macvlan', 'mode', 'bridge'),
  '802.1q VLAN': ns => ip('-n', ns, 'link', 'add', 'link', 'p0', 'name', 'p0.42', 'type', 'vlan', 'id', '42'),
  'dummy links': ns => ip('-n', ns, 'link', 'add', 'dm0', 'type', 'dummy'),
  ipvlan: ns => ip('-n', ns, 'link', 'add', 'link', 'p1', 'name', 'iv0', 'type', 'ipvlan', 'mode', 'l2'),
};

let cache: Set<KernelFeature> | undefined;
/** The features this kernel offers (probed once per process). */
export function kernelFeatures(): Set<KernelFeature> {
  if (cache) return cache;
  const found = new Set<KernelFeature>();
  const ns = `dn-probe-${process.pid}`;
  if (ip('netns', 'add', ns)) {
    found.add('network namespaces');
    try {
      for (const [feature, probe] of Object.entries(probes)) if (probe(ns)) found.add(feature as KernelFeature);
    } finally {
      ip('netns', 'del', ns);
    }
  }
  cache = found;
  return found;
}

export const underCi = process.env.CI === 'true' || process.env.CI === '1';

/** The sentence naming what is missing, or undefined when the kernel has every feature. */
export function missingFeatures(needed: readonly KernelFeature[]): string | undefined {
  const have = kernelFeatures();
  const missing = needed.filter(feature => !have.has(feature));
  return missing.length ? `this kernel lacks ${missing.join(', ')}, which the suite needs` : undefined;
}

/** For describe(): skip outside CI when a feature is missing; under CI run, so that suiteNeeds() fails it. */
export function skipUnlessKernelHas(needed: readonly KernelFeature[]): string | false {
  const missing = missingFeatures(needed);
  return missing && !underCi ? missing : false;
}

/** For before(): throws, naming the missing features, so a CI run fails instead of shrinking. */
export function suiteNeeds(needed: readonly KernelFeature[]): void {
  const missing = missingFeatures(needed);
  if (missing) throw new Error(missing);
}
