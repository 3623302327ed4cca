// The Create Network wizard and the real engine agree on what can be created. A generated sample of requests (many of
// them invalid) goes through the wizard itself, driven by a scripted prompter, and then to the engine: every request
// the wizard accepts the engine accepts, and every refusal the wizard predicts the engine makes too. Where they differ
// on purpose, the difference is a named engine quirk below, with its reason (also in docs/engine-behaviour.md).
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { DockerGateway } from '../../src/engine/gateway';
import {
  CreateNetworkAnswers,
  CreateNetworkBody,
  DriverOptionKeys,
  emptyAnswers,
  SubnetAnswer,
  toCreateBody,
} from '../../src/model/createNetwork';
import { runCreateNetworkWizard } from '../../src/ui/wizard/createNetwork/wizard';
import { cleanUpEngine, engineDocker, openGateway, RUN_ID, TEST_LABEL, testLabels, uniqueName } from '../support/engineFixture';
import { ScriptedPrompter, ScriptedValidationError } from '../support/scriptedPrompter';
import { createScript, CreateScript, createWizardInput } from './networkTestKit';

/** Another sample: DOCKER_NETWORKS_AGREEMENT_SEED=<n>. */
const SAMPLE = { numRuns: 200, seed: Number(process.env.DOCKER_NETWORKS_AGREEMENT_SEED ?? 20261203) };
/** A private range no other test and no default pool uses: the default pools hold only ~30 networks. */
/** Every case has its own slot beside it (see SLOT); 200 cases fit in 10.220.1-250. */
const EXISTING_SUBNET = '10.220.0.0/24';

type Pairs = [string, string][];
interface GeneratedSubnet {
  subnet: string;
  gateway?: string;
  ipRange?: string;
  aux: Pairs;
}
type NameKind = 'fresh' | 'fresh-unicode' | 'fresh-dotted' | 'with-space' | 'empty' | 'built-in' | 'existing';
interface GeneratedRequest {
  name: NameKind;
  builtIn: string;
  ipv4?: GeneratedSubnet;
  ipv6: GeneratedSubnet[];
  internal: boolean;
  attachable: boolean;
  iccOff: boolean;
  masqueradeOff: boolean;
  mtu?: string;
  bridgeName?: 'fresh' | 'too-long' | 'with-space';
  hostBinding?: string;
  driverOptions: Pairs;
  labels: Pairs;
}

// ——— The sample ———

const maybe = <T>(arbitrary: fc.Arbitrary<T>, weight = 2) =>
  fc.oneof({ weight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arbitrary as fc.Arbitrary<T | undefined> });

function auxPairs(values: string[]): fc.Arbitrary<Pairs> {
  const name = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('router', 'nas', 'printer') }, fc.constantFrom('my router', ''));
  const pair = fc.tuple(name, fc.constantFrom(...values));
  // Names unique: the request is a map, so a name given twice would not be what the user typed.
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant([] as Pairs) },
    fc.uniqueArray(pair, { minLength: 1, maxLength: 2, selector: ([k]) => k }),
  );
}

/**
 * `§` stands for the case's own slot (a /24 in 10.220/16, a /64 in fd22::/48): Engine 20.10 keeps the pool of some
 * refused creates allocated (see SLOT), so no two cases share a subnet.
 */
const SLOT = '§';
const ipv4Subnet: fc.Arbitrary<GeneratedSubnet> = fc.record({
  subnet: fc.oneof(
    { weight: 8, arbitrary: fc.constant('10.220.§.0/24') },
    fc.constantFrom(
      '10.220.§.64/26',
      '10.220.§.4/30',
      '10.220.§.8/31',
      '10.220.§.9/32',
      '10.220.§.5/24',
      '10.220.0.128/25',
      '10.220.0.0/16',
      '10.220.§.0/33',
      '10.220.300.0/24',
      'not-a-subnet',
      'fd22:0:0:§::/64',
    ),
  ),
  gateway: maybe(
    fc.constantFrom('10.220.§.1', '10.220.§.254', '10.220.§.65', '10.220.§.0', '10.220.§.255', '10.221.§.1', '10.220.§.300', 'fd22::1'),
  ),
  ipRange: maybe(
    fc.constantFrom(
      '10.220.§.128/25',
      '10.220.§.16/28',
      '10.220.§.0/24',
      '10.220.§.5/28',
      '10.220.0.0/16',
      '10.221.§.0/28',
      'nope',
      'fd22::/80',
    ),
  ),
  aux: auxPairs(['10.220.§.2', '10.220.§.3', '10.220.§.1', '10.220.§.66', '10.221.§.2', 'fd22::2', 'nope', '']),
});

const ipv6Subnet: fc.Arbitrary<GeneratedSubnet> = fc.record({
  subnet: fc.oneof(
    { weight: 8, arbitrary: fc.constant('fd22:0:0:§::/64') },
    fc.constantFrom(
      'fd22:0:0:§::/80',
      'fd22:0:0:§::/120',
      'fd22:0:0:§::/127',
      'fd22:0:0:§::/128',
      'fd22:0:0:§::5/64',
      'fd22:0:0:§::/129',
      'fd22:::/64',
      '10.220.1.0/24',
    ),
  ),
  gateway: maybe(fc.constantFrom('fd22:0:0:§::1', 'fd22:0:0:§::ffff', 'fd22:0:0:§::', 'fd23::1', '10.220.1.1', 'fd22:::1')),
  ipRange: maybe(
    fc.constantFrom(
      'fd22:0:0:§::/65',
      'fd22:0:0:§:8000::/65',
      'fd22:0:0:§::/64',
      'fd22:0:0:§::/112',
      'fd22:0:0:§:ffff:ffff:ffff:0/112',
      'fd22:0:0:§::5/112',
      'fd23::/80',
      '10.220.1.0/25',
      'zz',
    ),
  ),
  aux: auxPairs(['fd22:0:0:§::2', 'fd22:0:0:§::3', 'fd22:0:0:§::1', 'fd23::2', '10.220.1.2', 'nope']),
});

/** The generated subnet in its slot: decimal in an IPv4 octet, hexadecimal in an IPv6 group. */
function inSlot(s: GeneratedSubnet, slot: number, family: 'ipv4' | 'ipv6'): GeneratedSubnet {
  const fill = (text: string) => text.replaceAll(SLOT, family === 'ipv4' ? String(slot) : slot.toString(16));
  return {
    subnet: fill(s.subnet),
    gateway: s.gateway && fill(s.gateway),
    ipRange: s.ipRange && fill(s.ipRange),
    aux: s.aux.map(([k, v]) => [k, fill(v)]),
  };
}

/** Mostly usable keys, sometimes one the wizard refuses (empty, with whitespace). */
const keyValue = (keys: string[], badKeys: string[], values: string[]) => {
  const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...keys) }, fc.constantFrom(...badKeys));
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant([] as Pairs) },
    fc.array(fc.tuple(key, fc.constantFrom(...values)), { maxLength: 3 }),
  );
};

const request: fc.Arbitrary<GeneratedRequest> = fc.record({
  name: fc.oneof(
    { weight: 12, arbitrary: fc.constant<NameKind>('fresh') },
    fc.constantFrom<NameKind>('fresh-unicode', 'fresh-dotted', 'with-space', 'empty', 'built-in', 'existing'),
  ),
  builtIn: fc.constantFrom('bridge', 'host', 'none'),
  ipv4: maybe(ipv4Subnet, 1),
  ipv6: fc.oneof({ weight: 3, arbitrary: fc.constant([] as GeneratedSubnet[]) }, fc.array(ipv6Subnet, { minLength: 1, maxLength: 2 })),
  internal: fc.boolean(),
  attachable: fc.boolean(),
  iccOff: fc.boolean(),
  masqueradeOff: fc.boolean(),
  mtu: maybe(fc.constantFrom('1450', '68', '9000', '65535', '67', '65536', 'abc', '-1')),
  bridgeName: maybe(fc.constantFrom('fresh' as const, 'too-long' as const, 'with-space' as const)),
  hostBinding: maybe(fc.constantFrom('127.0.0.1', '0.0.0.0', '300.1.1.1', 'localhost')),
  driverOptions: keyValue(['com.example.colour', 'x'], ['with space', ''], ['blue', '1', 'a=b']),
  labels: keyValue(['env', 'team', 'com.docker.reserved'], ['with space', ''], ['dev', 'payments', '', 'x=y']),
});

// ——— One request, as the user types it and as the engine receives it ———

interface Case {
  index: number;
  request: GeneratedRequest;
  /** What the user means: sent to the engine when the wizard refuses, to see whether the engine refuses too. */
  intended: CreateNetworkAnswers;
  script: CreateScript;
}

/** As typed: `k=v, k2=v2`; a label without value as its bare key (an empty one as `=`, else nothing would be typed). */
const pairsText = (pairs: Pairs, bareKeys = false) =>
  pairs.map(([k, v]) => (bareKeys && v === '' && k !== '' ? k : `${k}=${v}`)).join(', ');

function subnetAnswer(s: GeneratedSubnet): SubnetAnswer {
  return {
    subnet: s.subnet,
    ...(s.gateway ? { gateway: s.gateway } : {}),
    ...(s.ipRange ? { ipRange: s.ipRange } : {}),
    auxAddresses: Object.fromEntries(s.aux),
  };
}

function buildCase(index: number, generated: GeneratedRequest, names: { existing: string }): Case {
  // Case i owns 10.220.(i+1).0/24 and fd22:0:0:(i+1)::/64; a second IPv6 subnet takes fd22:0:0:(i+1+256)::/64.
  const r: GeneratedRequest = {
    ...generated,
    ipv4: generated.ipv4 && inSlot(generated.ipv4, index + 1, 'ipv4'),
    ipv6: generated.ipv6.map((s, n) => inSlot(s, index + 1 + 256 * n, 'ipv6')),
  };
  const fresh = uniqueName(`agree${index}`);
  const name = {
    fresh,
    'fresh-unicode': `${fresh}-netzwërk`,
    'fresh-dotted': `${fresh}.v1_a-b`,
    'with-space': `${fresh} x`,
    empty: '',
    'built-in': r.builtIn,
    existing: names.existing,
  }[r.name];
  const bridgeName =
    r.bridgeName && { fresh: `dnta${RUN_ID.slice(-4)}${index}`, 'too-long': 'dnt-agree-too-long0', 'with-space': 'dnt a' }[r.bridgeName];
  const driverOptions: Record<string, string> = {
    ...(bridgeName ? { [DriverOptionKeys.bridgeName]: bridgeName } : {}),
    ...(r.mtu ? { [DriverOptionKeys.mtu]: r.mtu } : {}),
    ...(r.iccOff ? { [DriverOptionKeys.icc]: 'false' } : {}),
    ...(r.masqueradeOff ? { [DriverOptionKeys.ipMasquerade]: 'false' } : {}),
    ...(r.hostBinding ? { [DriverOptionKeys.hostBindingIpv4]: r.hostBinding } : {}),
    ...Object.fromEntries(r.driverOptions),
  };
  const intended: CreateNetworkAnswers = {
    ...emptyAnswers(),
    name,
    ipv4Subnets: r.ipv4 ? [subnetAnswer(r.ipv4)] : [],
    enableIPv6: r.ipv6.length > 0,
    ipv6Subnets: r.ipv6.map(subnetAnswer),
    internal: r.internal,
    attachable: r.attachable,
    driverOptions,
    labels: { ...testLabels, ...Object.fromEntries(r.labels) },
  };
  const script: CreateScript = {
    name,
    ipv4: r.ipv4 ? [{ ...r.ipv4, aux: pairsText(r.ipv4.aux) }] : undefined,
    ipv6: r.ipv6.length ? r.ipv6.map(s => ({ ...s, aux: pairsText(s.aux) })) : undefined,
    bridgeName,
    mtu: r.mtu,
    hostBinding: r.hostBinding,
    driverOpts: r.driverOptions.length ? pairsText(r.driverOptions) : undefined,
    labels: r.labels.length ? pairsText(r.labels, true) : undefined,
    ticks: [
      ...(r.internal ? ['Internal'] : []),
      ...(r.attachable ? ['Attachable'] : []),
      ...(r.iccOff ? ['Disable inter-container communication'] : []),
      ...(r.masqueradeOff ? ['Disable IP masquerading'] : []),
    ],
  };
  return { index, request: r, intended, script };
}

type WizardVerdict = { accepts: true; answers: CreateNetworkAnswers } | { accepts: false; says: string };
type EngineVerdict = { accepts: true } | { accepts: false; says: string };

// ——— Where the wizard and the engine differ on purpose ———

interface EngineQuirk {
  readonly name: string;
  /** The wizard refuses what the engine takes ('wizard stricter'), or the engine refuses what the wizard sends. */
  readonly stricter: 'wizard' | 'engine';
  /** Matches the wizard's refusal (wizard stricter) or the engine's message (engine stricter). */
  readonly says: RegExp;
  readonly why: string;
}

/** Measured on Engine 20.10 (API 1.41); see docs/engine-behaviour.md, "Where the wizard is stricter than the engine". */
const ENGINE_QUIRKS: readonly EngineQuirk[] = [
  {
    name: 'a network name with whitespace',
    stricter: 'wizard',
    says: /contains whitespace, which docker commands cannot address without quoting/,
    why: 'The engine takes any name, but every docker command that names the network then needs quoting; the wizard refuses it.',
  },
  {
    name: 'host bits in a subnet or IP range',
    stricter: 'wizard',
    says: /has host bits set/,
    why: 'Engine 20.10 stores 10.0.0.5/24 as typed; API 1.44+ engines refuse it. The wizard offers the network address instead.',
  },
  {
    name: 'an IP range larger than or outside its subnet',
    stricter: 'wizard',
    says: /^IP range \S+ is (larger than its subnet|outside subnet)/,
    why: 'Engine 20.10 takes such a range and then hands out addresses outside the subnet; API 1.44+ engines refuse it.',
  },
  {
    name: 'an IP range of the other address family',
    stricter: 'wizard',
    says: /^IP range \S+ is IPv[46] but subnet \S+ is IPv[46]/,
    why: 'Engine 20.10 takes an IPv4 range in an IPv6 subnet on a network without IPv6 enabled, and refuses every other mix; the wizard refuses them all.',
  },
  {
    name: 'a subnet of the other address family at the IPv4 or IPv6 step',
    stricter: 'wizard',
    says: /is an IPv[46] block, and this is the IPv[46] subnet/,
    why: 'Engine 20.10 takes an IPv6 subnet in the IPAM list of a network without IPv6 enabled, and containers then get no IPv6 address; the wizard asks for IPv6 subnets under "IPv6…", which enables IPv6.',
  },
  {
    name: 'an MTU the kernel refuses',
    stricter: 'wizard',
    says: /^MTU ".*" must be a whole number from 68 to 65535/,
    why: 'Engine 20.10 stores any number at create; every container then fails to start on the network ("failed to set MTU on host interface …: invalid argument").',
  },
  {
    name: 'a key with no name or with whitespace',
    stricter: 'wizard',
    says: /is not valid: the key (is empty|".*" contains whitespace)/,
    why: 'The Engine API stores any map key, but the docker CLI refuses such label names, a label= filter cannot match them, and the copied command line must mean the same: the wizard holds every key=value list to that rule.',
  },
  {
    name: 'a key given twice with different values',
    stricter: 'wizard',
    says: /is given twice, as ".*" and as ".*"; Docker would keep only the last/,
    why: 'The body is a map, so the engine only ever sees the last value (the docker CLI drops the others silently); the wizard asks instead of losing a typed value.',
  },
];

function quirkFor(wizard: WizardVerdict, engine: EngineVerdict): EngineQuirk | undefined {
  if (!wizard.accepts && engine.accepts) return ENGINE_QUIRKS.find(q => q.stricter === 'wizard' && q.says.test(wizard.says));
  if (wizard.accepts && !engine.accepts) return ENGINE_QUIRKS.find(q => q.stricter === 'engine' && q.says.test(engine.says));
  return undefined;
}

describe('the Create Network wizard and the engine agree on what can be created', () => {
  let gateway: DockerGateway;
  const existing = uniqueName('agree-existing');

  before(async () => {
    gateway = await openGateway();
    await engineDocker().createNetwork({ Name: existing, Labels: testLabels, IPAM: { Config: [{ Subnet: EXISTING_SUBNET }] } });
  });
  after(async () => {
    gateway.dispose();
    await cleanUpEngine();
  });

  async function askWizard(c: Case): Promise<WizardVerdict> {
    const input = await createWizardInput(gateway);
    try {
      const answers = await runCreateNetworkWizard(new ScriptedPrompter(createScript(c.script)), input);
      if (!answers) throw new Error('the wizard was cancelled');
      return { accepts: true, answers };
    } catch (err) {
      if (err instanceof ScriptedValidationError) return { accepts: false, says: err.validation };
      const summary = /Cannot create yet: (.*?); options:/s.exec((err as Error).message);
      if (summary) return { accepts: false, says: summary[1] };
      throw err;
    }
  }

  /** Sends the body; a network the engine creates is removed at once, so the sample never fills the address space. */
  async function askEngine(body: CreateNetworkBody): Promise<EngineVerdict> {
    try {
      const { Id } = await gateway.createNetwork(body);
      await engineDocker().getNetwork(Id).remove();
      return { accepts: true };
    } catch (err) {
      const engineMessage = (err as { engineMessage?: string }).engineMessage;
      return { accepts: false, says: engineMessage ?? (err as Error).message };
    }
  }

  test(`on ${SAMPLE.numRuns} generated requests, the engine accepts what the wizard accepts and refuses what it refuses`, async () => {
    const started = Date.now();
    const cases = fc.sample(request, SAMPLE).map((r, index) => buildCase(index, r, { existing }));
    const tally = { bothAccept: 0, bothRefuse: 0 };
    const quirks = new Map<string, number>();
    const unexplained: string[] = [];
    for (const c of cases) {
      const wizard = await askWizard(c);
      if (wizard.accepts) {
        assert.deepEqual(toCreateBody(wizard.answers), toCreateBody(c.intended), `case ${c.index}: the wizard kept every answer`);
      }
      const engine = await askEngine(toCreateBody(wizard.accepts ? wizard.answers : c.intended));
      if (wizard.accepts && engine.accepts) tally.bothAccept++;
      else if (!wizard.accepts && !engine.accepts) tally.bothRefuse++;
      else {
        const quirk = quirkFor(wizard, engine);
        if (quirk) quirks.set(quirk.name, (quirks.get(quirk.name) ?? 0) + 1);
        else
          unexplained.push(
            `case ${c.index}: wizard ${wizard.accepts ? 'accepts' : `refuses (${wizard.says})`}, engine ${engine.accepts ? 'accepts' : `refuses (${engine.says})`}\n    ${JSON.stringify(toCreateBody(c.intended))}`,
          );
      }
    }
    const pinned = [...quirks.values()].reduce((a, b) => a + b, 0);
    console.log(
      `  create agreement: ${tally.bothAccept + tally.bothRefuse}/${cases.length} agree (${tally.bothAccept} accepted by both, ${tally.bothRefuse} refused by both), ${pinned} named engine quirks, ${unexplained.length} unexplained (seed ${SAMPLE.seed}), in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    for (const [name, count] of quirks) console.log(`    quirk "${name}": ${count}`);
    assert.equal(unexplained.length, 0, `the wizard and the engine disagree:\n  ${unexplained.join('\n  ')}`);
    // The sample must exercise both sides, or agreement says nothing.
    assert.ok(tally.bothAccept >= 30 && tally.bothRefuse >= 30, JSON.stringify(tally));
    const left = await engineDocker().listNetworks({ filters: JSON.stringify({ label: [`${TEST_LABEL}=${RUN_ID}`] }) });
    assert.deepEqual(
      left.map(n => n.Name),
      [existing],
      'every network the sample created was removed',
    );
  });
});
