// Ground truth for "Check Connectivity": random topologies built on a real engine that enforces isolation, ICC and
// internal networks (iptables on, inside a network namespace of its own, so only that namespace's firewall is
// touched and nothing can leave the machine), and every prediction of the analysis compared with what happens from
// inside A: a ping to each address of B, and B's name, aliases and name.network resolved and pinged.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type Docker from 'dockerode';
import fc from 'fast-check';
import { AliasCache } from '../../src/engine/aliasCache';
import { readFileIfExists, resolveEngineAddress } from '../../src/engine/engineAddress';
import { DockerGateway } from '../../src/engine/gateway';
import { analyseConnectivity, ConnectivityReport, Verdict } from '../../src/model/connectivity';
import { buildExplorerModel, ExplorerModel } from '../../src/model/explorer';
import { DEFAULT_BRIDGE, networkOptions, Topology, topologyArbitrary } from '../support/connectivityTopology';
import { silentLogger } from '../support/engineFixture';

interface PrivateEngine {
  dockerHost: string;
  netns?: string;
  logFile: string;
  stop(options?: { keepLogs?: boolean }): Promise<void>;
}
const engineScripts = require(path.join(__dirname, '../../../scripts/engine/private-engine.js')) as {
  startPrivateEngine(options: { log: (line: string) => void; netns: boolean }): Promise<PrivateEngine>;
  ensureTestImage(dockerHost: string, options: { log: (line: string) => void }): Promise<string>;
  dockerFor(dockerHost: string): Docker;
  execIn(container: Docker.Container, cmd: string[]): Promise<string>;
};

/** Pairs whose A runs (a stopped A has nowhere to run a ping from): the suite needs at least this many. */
const MIN_PAIRS = 60;
const BASE_SEED = Number(process.env.DN_CONNECTIVITY_SEED) || 20261203;
/** Execs in flight at once: most of their time is a 1 s ping or DNS timeout. */
const CONCURRENCY = 8;
const log = (line: string) => console.log(`  ${line}`);

/**
 * The first topology from `from` on with enough observable pairs, one network of each kind, a stopped container, one
 * on `none`, one on the host network, one on two networks, an alias and a link.
 */
function drawTopology(prefix: string, from: number): { topology: Topology; seed: number } {
  const arbitrary = topologyArbitrary(prefix, { networks: [4, 5], containers: [9, 10], hostContainers: 1, everyKind: true });
  for (let seed = from; ; seed++) {
    const [topology] = fc.sample(arbitrary, { seed, numRuns: 1 });
    const running = topology.containers.filter(c => c.running).length;
    const has = (test: (c: Topology['containers'][number]) => boolean) => topology.containers.some(test);
    if (
      running * (topology.containers.length - 1) >= MIN_PAIRS &&
      has(c => !c.running) &&
      has(c => c.mode === 'none' && c.running) &&
      has(c => c.networks.length === 2 && c.running) &&
      has(c => c.networks.some(m => m.aliases.length > 0)) &&
      has(c => c.running && c.networks.some(m => m.links?.length)) &&
      has(c => c.mode === 'host')
    )
      return { topology, seed };
  }
}

async function build(docker: Docker, image: string, topology: Topology): Promise<Map<string, Docker.Container>> {
  for (const network of topology.networks)
    await docker.createNetwork({
      Name: network.name,
      Driver: 'bridge',
      ...networkOptions(network.kind),
      IPAM: { Config: [{ Subnet: `10.230.${network.index}.0/24`, Gateway: `10.230.${network.index}.1` }] },
    });
  const containers = new Map<string, Docker.Container>();
  for (const spec of topology.containers) {
    const [first, ...rest] = spec.networks;
    const mode = spec.mode === 'networks' ? first.network : spec.mode;
    const container = await docker.createContainer({
      name: spec.name,
      Image: image,
      Cmd: ['sleep', '86400'],
      // Names the engine does not know are asked of a loopback resolver that is not there: an answer in a second,
      // and no query ever leaves the namespace.
      HostConfig: { NetworkMode: mode, Dns: ['127.0.0.1'], DnsOptions: ['timeout:1', 'attempts:1'] },
      NetworkingConfig:
        spec.mode === 'networks'
          ? {
              EndpointsConfig: {
                [first.network]: first.network === DEFAULT_BRIDGE ? {} : { Aliases: [...first.aliases], Links: [...(first.links ?? [])] },
              },
            }
          : undefined,
    });
    for (const more of rest)
      await docker.getNetwork(more.network).connect({
        Container: container.id,
        EndpointConfig: more.network === DEFAULT_BRIDGE ? {} : { Aliases: [...more.aliases], Links: [...(more.links ?? [])] },
      });
    await container.start();
    if (!spec.running) await container.kill();
    containers.set(spec.name, container);
  }
  return containers;
}

/** The explorer's model of the engine, read the way the extension reads it (lists, then aliases from inspects). */
async function explorerModel(dockerHost: string): Promise<ExplorerModel> {
  const address = resolveEngineAddress({
    env: { DOCKER_HOST: dockerHost },
    homeDir: '/nonexistent',
    platform: process.platform,
    readFile: readFileIfExists,
  });
  const gateway = await DockerGateway.open(address, { timeoutMs: 15000, logger: silentLogger });
  try {
    const [networks, containers] = await Promise.all([gateway.listNetworks(), gateway.listContainers()]);
    const aliases = new AliasCache();
    await aliases.refresh(gateway, containers);
    return buildExplorerModel(networks, containers, aliases.current(), aliases.currentLinks());
  } finally {
    gateway.dispose();
  }
}

interface Probe {
  /** What ping printed in its PING line: the address a name resolved to. */
  readonly resolved?: string;
  readonly replied: boolean;
}

/** `ping -c1 -W1` each target from inside the container: addresses and names alike. */
async function probeFrom(container: Docker.Container, targets: readonly string[]): Promise<Map<string, Probe>> {
  const script = 'for t in "$@"; do out=$(ping -c1 -W1 "$t" 2>&1); printf "@@ %s\\n%s\\n" "$t" "$out"; done';
  const output = await engineScripts.execIn(container, ['sh', '-c', script, 'sh', ...targets]);
  const results = new Map<string, Probe>();
  for (const block of output.split(/^@@ /m).slice(1)) {
    const [target, ...rest] = block.split('\n');
    const text = rest.join('\n');
    const resolved = /^PING \S+ \(([^)]+)\)/m.exec(text)?.[1];
    const received = Number(/(\d+) packets received/.exec(text)?.[1] ?? 0);
    results.set(target, { resolved, replied: received > 0 });
  }
  for (const target of targets) if (!results.has(target)) throw new Error(`no ping result for ${target} in:\n${output}`);
  return results;
}

/** iptables-save of the host, or of a network namespace. */
function firewall(netns?: string): string {
  const [command, args] = netns ? ['nsenter', [`--net=/run/netns/${netns}`, 'iptables-save']] : ['iptables-save', []];
  return execFileSync(command, args as string[], { encoding: 'utf8' });
}

async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

const VERDICTS: readonly Verdict[] = ['reachable', 'addressOnly', 'unreachable'];

function confusionTable(rows: readonly { predicted: Verdict; observed: Verdict }[]): string {
  const width = 13;
  const cell = (text: string | number) => String(text).padStart(width);
  const lines = [`${'predicted ↓ observed →'.padEnd(22)}${VERDICTS.map(cell).join('')}`];
  for (const predicted of VERDICTS)
    lines.push(
      `${predicted.padEnd(22)}${VERDICTS.map(observed => cell(rows.filter(r => r.predicted === predicted && r.observed === observed).length)).join('')}`,
    );
  return lines.join('\n');
}

describe('connectivity explained from configuration, checked against real traffic', () => {
  let engine: PrivateEngine | undefined;
  let docker: Docker;
  let image: string;
  let failed = false;

  before(async () => {
    engine = await engineScripts.startPrivateEngine({ log, netns: true });
    image = await engineScripts.ensureTestImage(engine.dockerHost, { log });
    docker = engineScripts.dockerFor(engine.dockerHost);
  });

  after(async () => {
    await engine?.stop({ keepLogs: failed });
  });

  /** Builds one drawn topology, compares every prediction with real traffic, and removes it again. */
  async function groundTruth(prefix: string, from: number): Promise<void> {
    const { topology, seed } = drawTopology(prefix, from);
    log(
      `seed ${seed}: ${topology.networks.map(n => `${n.name} (${n.kind})`).join(', ')}; ${topology.containers
        .map(
          c =>
            `${c.name}${c.running ? '' : ' (stopped)'}: ${c.mode === 'networks' ? c.networks.map(m => m.network + (m.aliases.length ? `[${m.aliases.join(',')}]` : '') + (m.links?.length ? `{${m.links.join(',')}}` : '')).join('+') : c.mode}`,
        )
        .join('; ')}`,
    );
    const started = Date.now();
    const containers = await build(docker, image, topology);
    try {
      log(
        `built ${topology.networks.length} networks and ${containers.size} containers in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      // The engine enforces its rules in its own namespace's firewall, and the host's firewall knows nothing of them.
      const subnets = topology.networks.map(n => `10.230.${n.index}.0/24`);
      const inside = firewall(engine!.netns);
      assert.ok(/-j DOCKER-ISOLATION-STAGE-1/.test(inside), "the namespace's firewall has the engine's isolation rules");
      assert.ok(
        subnets.every(subnet => inside.includes(subnet)),
        'the namespace firewall names every test subnet',
      );
      const host = firewall();
      assert.deepEqual(
        subnets.filter(subnet => host.includes(subnet)),
        [],
        "the host's firewall names none of the test subnets",
      );
      const model = await explorerModel(engine!.dockerHost);
      const byName = new Map(model.containers.map(c => [c.name, c]));

      // Every address each container really has, from the engine (not from the model under test).
      const realAddresses = new Map<string, string[]>();
      for (const [name, container] of containers) {
        const inspect = await container.inspect();
        realAddresses.set(
          name,
          Object.values(inspect.NetworkSettings.Networks ?? {})
            .map(n => n.IPAddress)
            .filter(Boolean),
        );
      }

      const pairs: { a: string; b: string }[] = [];
      for (const a of topology.containers)
        if (a.running) for (const b of topology.containers) if (b !== a) pairs.push({ a: a.name, b: b.name });
      assert.ok(pairs.length >= MIN_PAIRS, `${pairs.length} pairs`);

      const rows: { a: string; b: string; predicted: Verdict; observed: Verdict; problems: string[] }[] = [];
      let observations = 0;
      let agreeing = 0;
      const probeStarted = Date.now();
      await pool(pairs, CONCURRENCY, async ({ a, b }) => {
        const report = analyseConnectivity(model, byName.get(a)!.id, byName.get(b)!.id) as ConnectivityReport;
        const addresses = [
          ...new Set([...realAddresses.get(b)!, ...report.paths.map(p => p.address).filter((x): x is string => Boolean(x))]),
        ];
        const names = report.names.map(n => n.name);
        const seen = await probeFrom(containers.get(a)!, [...addresses, ...names]);
        const problems: string[] = [];
        for (const address of addresses) {
          const predicted = report.paths.some(p => p.open && p.address === address);
          const observed = seen.get(address)!.replied;
          observations++;
          if (predicted === observed) agreeing++;
          else problems.push(`ping ${address}: predicted ${predicted ? 'a reply' : 'no reply'}, got ${observed ? 'a reply' : 'none'}`);
        }
        for (const answer of report.names) {
          const observed = seen.get(answer.name)!;
          const targets = answer.resolvesTo ? [answer.resolvesTo, ...answer.alternatives] : [];
          const target = targets.find(t => t.address === observed.resolved);
          observations++;
          const problem = !observed.resolved
            ? targets.length
              ? `name ${answer.name}: predicted ${targets.map(t => t.address).join(' or ')}, did not resolve`
              : undefined
            : !target
              ? `name ${answer.name}: resolved to ${observed.resolved}, predicted ${targets.length ? targets.map(t => t.address).join(' or ') : `no answer (${answer.reason})`}`
              : target.open !== observed.replied
                ? `name ${answer.name} → ${observed.resolved}: predicted ${target.open ? 'a reply' : 'no reply'}, got ${observed.replied ? 'a reply' : 'none'}`
                : undefined;
          if (problem) problems.push(problem);
          else agreeing++;
        }
        const name = seen.get(report.names.find(n => n.kind === 'name')!.name)!;
        const byAddress = addresses.some(address => seen.get(address)!.replied);
        const observed: Verdict = name.replied ? 'reachable' : byAddress ? 'addressOnly' : 'unreachable';
        if (observed !== report.verdict) problems.unshift(`verdict: predicted ${report.verdict}, observed ${observed}`);
        rows.push({ a, b, predicted: report.verdict, observed, problems });
      });

      // A reaches the engine's host at the gateway of each of its bridge networks, internal ones included.
      let hostChecks = 0;
      const hostProblems: string[] = [];
      await pool(
        topology.containers.filter(c => c.running),
        CONCURRENCY,
        async spec => {
          const other = topology.containers.find(c => c !== spec)!;
          const report = analyseConnectivity(model, byName.get(spec.name)!.id, byName.get(other.name)!.id)!;
          const gateways = report.outside.hostAddresses.map(h => h.address);
          if (!gateways.length) return;
          const seen = await probeFrom(containers.get(spec.name)!, gateways);
          for (const gateway of gateways) {
            hostChecks++;
            if (!seen.get(gateway)!.replied) hostProblems.push(`${spec.name} → the host at ${gateway}: predicted a reply, got none`);
          }
        },
      );

      rows.sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1));
      const agreed = rows.filter(r => !r.problems.length).length;
      log(
        `probed ${rows.length} pairs (${observations} pings and names) and ${hostChecks} host gateways in ${((Date.now() - probeStarted) / 1000).toFixed(1)} s`,
      );
      log(`confusion table (pairs):\n${confusionTable(rows).replace(/^/gm, '    ')}`);
      log(
        `agreement: ${agreed}/${rows.length} pairs (${((100 * agreed) / rows.length).toFixed(1)}%), ${agreeing}/${observations} observations, ${hostChecks - hostProblems.length}/${hostChecks} host gateways`,
      );
      const disagreements = [...rows.filter(r => r.problems.length).map(r => `${r.a} → ${r.b}: ${r.problems.join('; ')}`), ...hostProblems];
      assert.deepEqual(disagreements, [], `the analysis disagrees with the kernel (seed ${seed}):\n${disagreements.join('\n')}`);
    } finally {
      for (const container of containers.values()) await container.remove({ force: true });
      for (const network of topology.networks) await docker.getNetwork(network.name).remove();
    }
  }

  for (const [prefix, from] of [
    ['g', BASE_SEED],
    ['k', BASE_SEED + 1000],
  ] as const)
    test(`topology ${prefix}: at least ${MIN_PAIRS} ordered pairs, every ping and every name as predicted`, async () => {
      try {
        await groundTruth(prefix, from);
      } catch (err) {
        failed = true;
        throw err;
      }
    });
});
