// Helpers for the create / connect / remove engine tests: wizard inputs read from the real engine, a script builder
// that follows the Create Network wizard's step order, request counting, veth pairs and model snapshots.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { promisify } from 'node:util';
import type { DockerGateway, EngineLogger } from '../../src/engine/gateway';
import type { CreateNetworkAnswers } from '../../src/model/createNetwork';
import type { Network } from '../../src/model/engineTypes';
import { buildExplorerModel, ExplorerModel } from '../../src/model/explorer';
import { DEFAULT_ADDRESS_POOLS } from '../../src/model/ipam';
import type { CreateWizardInput } from '../../src/ui/wizard/createNetwork/wizard';
import type { Answer } from '../support/scriptedPrompter';
import { openGateway, RUN_ID, silentLogger, TEST_LABEL } from '../support/engineFixture';
import { waitFor } from '../support/waitFor';

const run = promisify(execFile);

/** `docker-networks.test=<run>`: typed into the wizard's Labels step so cleanUpEngine finds every network it creates. */
export const TEST_LABEL_TEXT = `${TEST_LABEL}=${RUN_ID}`;

/** What the Create Network command feeds the wizard, read from the engine the way the command reads it. */
export async function createWizardInput(gateway: DockerGateway, overrides: Partial<CreateWizardInput> = {}): Promise<CreateWizardInput> {
  const [existingNetworks, details] = await Promise.all([gateway.listNetworks(), gateway.engineDetails()]);
  return {
    existingNetworks,
    drivers: details.networkDrivers,
    swarmActive: details.swarmActive,
    capabilities: gateway.capabilities,
    hostAddresses: [],
    hostInterfaces: Object.keys(os.networkInterfaces()),
    pools: DEFAULT_ADDRESS_POOLS,
    copy: async () => undefined,
    ...overrides,
  };
}

export interface SubnetScript {
  subnet: string;
  gateway?: string;
  ipRange?: string;
  /** As typed: `router=10.0.0.2, nas=10.0.0.3`. */
  aux?: string;
}

/** One wizard run, described by what the user would tick and type; `createScript` turns it into prompter answers. */
export interface CreateScript {
  name: string;
  driver?: string;
  /** macvlan / ipvlan: an interface offered in the list, or typed after "Type an interface name…". */
  parent?: { pick: string } | { type: string };
  /** Checklist labels ticked besides the ones implied by the fields below (Internal, Attachable, Config only, …). */
  ticks?: string[];
  ipv4?: SubnetScript[];
  ipv6?: SubnetScript[];
  configFrom?: string;
  bridgeName?: string;
  mtu?: string;
  /** The default host address published ports bind to (com.docker.network.bridge.host_binding_ipv4). */
  hostBinding?: string;
  mode?: string;
  driverOpts?: string;
  /** As typed (the test label is added in front unless `testLabel: false`). */
  labels?: string;
  testLabel?: boolean;
  /** Stop after this many answers (for validation tests that end at the step that refuses). */
  until?: number;
}

/** The prompter answers for a wizard run, in the order the wizard asks (see runCreateNetworkWizard's valueSteps). */
export function createScript(script: CreateScript): Answer[] {
  const driver = script.driver ?? 'bridge';
  const answers: Answer[] = [script.name, driver];
  if (script.parent) {
    if ('pick' in script.parent) answers.push(script.parent.pick);
    else answers.push('Type an interface name…', script.parent.type);
  }
  const labels = script.testLabel === false ? script.labels : [TEST_LABEL_TEXT, script.labels].filter(Boolean).join(', ');
  const ticks = [
    ...(script.ipv4?.length ? [driver === 'bridge' ? 'IPv4 subnet…' : 'IPv4 subnets…'] : []),
    ...(script.ipv6?.length ? ['IPv6…'] : []),
    ...(script.configFrom ? ['Config from…'] : []),
    ...(script.bridgeName ? ['Bridge interface name…'] : []),
    ...(script.mtu ? ['MTU…'] : []),
    ...(script.hostBinding ? ['Host binding address…'] : []),
    ...(script.mode ? [`${driver} mode…`] : []),
    ...(script.driverOpts ? ['Other driver options…'] : []),
    ...(labels ? ['Labels…'] : []),
    ...(script.ticks ?? []),
  ];
  if (!ticks.length) {
    answers.push('Create with defaults');
  } else {
    answers.push('Configure options…', ticks);
    const subnets = (list: SubnetScript[], withMorePick: boolean, family: string) =>
      list.forEach((s, index) => {
        answers.push(s.subnet, s.gateway ?? '', s.ipRange ?? '', s.aux ?? '');
        if (withMorePick) answers.push(index < list.length - 1 ? `Add another ${family} subnet` : 'No, continue');
      });
    if (script.ipv4?.length) subnets(script.ipv4, driver !== 'bridge', 'IPv4');
    if (script.ipv6?.length) subnets(script.ipv6, true, 'IPv6');
    if (script.configFrom) answers.push(script.configFrom);
    if (script.bridgeName) answers.push(script.bridgeName);
    if (script.mtu) answers.push(script.mtu);
    if (script.hostBinding) answers.push(script.hostBinding);
    if (script.mode) answers.push(script.mode);
    if (script.driverOpts) answers.push(script.driverOpts);
    if (labels) answers.push(labels);
  }
  answers.push(`Create network "${script.name}"`);
  return script.until === undefined ? answers : answers.slice(0, script.until);
}

/** A logger that records the gateway's request lines (`POST /v1.41/networks/create → 201 in 12 ms`). */
export function countingLogger(): EngineLogger & { readonly lines: string[]; count(pattern: RegExp): number } {
  const lines: string[] = [];
  return {
    ...silentLogger,
    lines,
    debug: (line: string) => {
      lines.push(line);
    },
    count: (pattern: RegExp) => lines.filter(line => pattern.test(line)).length,
  };
}

export const CREATE_REQUEST = /^POST \/v[\d.]+\/networks\/create/;

export async function countingGateway(): Promise<{ gateway: DockerGateway; logger: ReturnType<typeof countingLogger> }> {
  const logger = countingLogger();
  return { gateway: await openGateway(logger), logger };
}

/** The explorer model from fresh engine data, as the extension builds it (two list calls). */
export async function engineModel(gateway: DockerGateway): Promise<ExplorerModel> {
  const [networks, containers] = await Promise.all([gateway.listNetworks(), gateway.listContainers()]);
  return buildExplorerModel(networks, containers);
}

export function networkNamed(model: ExplorerModel, name: string) {
  const found = model.networks.find(n => n.name === name);
  if (!found) throw new Error(`network "${name}" is not in the model (${model.networks.map(n => n.name).join(', ')})`);
  return found;
}

export function containerNamed(model: ExplorerModel, name: string) {
  const found = model.containers.find(c => c.name === name);
  if (!found) throw new Error(`container "${name}" is not in the model (${model.containers.map(c => c.name).join(', ')})`);
  return found;
}

/** Drops `undefined` members so answers compare with what the engine reports. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The parts of a network's inspect that its creation decides (everything but ID, time and attachments). */
export function createdShape(network: Network) {
  return plain({
    Driver: network.Driver,
    Scope: network.Scope,
    EnableIPv6: network.EnableIPv6,
    Internal: network.Internal,
    Attachable: network.Attachable,
    Ingress: network.Ingress,
    ConfigOnly: network.ConfigOnly,
    ConfigFrom: network.ConfigFrom?.Network ?? '',
    IPAM: network.IPAM,
    Options: network.Options ?? {},
    Labels: network.Labels ?? {},
  });
}

/** Answers as the engine reports them back: IPv4 first, no undefined fields. */
export function normalisedAnswers(answers: CreateNetworkAnswers): CreateNetworkAnswers {
  return plain(answers);
}

// ——— The docker CLI ———

export function dockerCli(): string {
  for (const candidate of ['/usr/local/bin/docker', '/usr/bin/docker']) if (fs.existsSync(candidate)) return candidate;
  throw new Error('no docker CLI at /usr/local/bin/docker or /usr/bin/docker');
}

/** Runs a `docker …` command line (as the extension copies it) through sh against the test engine. */
export async function runDockerCommandLine(commandLine: string): Promise<{ stdout: string; stderr: string }> {
  if (!commandLine.startsWith('docker ')) throw new Error(`not a docker command: ${commandLine}`);
  const line = `"${dockerCli()}" ${commandLine.slice('docker '.length)}`;
  return run('sh', ['-c', line], { env: { ...process.env, DOCKER_CONTEXT: '' } });
}

// ——— veth pairs (macvlan parents) ———

/** A veth pair named after this run (interface names hold 15 characters); both ends up. */
export async function addVethPair(stem: string): Promise<{ a: string; b: string; remove(): Promise<void> }> {
  const suffix = RUN_ID.slice(-6);
  const a = `dnt${stem}${suffix}a`.slice(0, 15);
  const b = `dnt${stem}${suffix}b`.slice(0, 15);
  await run('ip', ['link', 'del', a]).catch(() => undefined);
  await run('ip', ['link', 'add', a, 'type', 'veth', 'peer', 'name', b]);
  await run('ip', ['link', 'set', a, 'up']);
  await run('ip', ['link', 'set', b, 'up']);
  return {
    a,
    b,
    remove: () =>
      run('ip', ['link', 'del', a]).then(
        () => undefined,
        () => undefined,
      ),
  };
}

/** Waits until os.networkInterfaces() lists the interface (it does once the link has an address); false on timeout. */
export function waitForInterface(name: string, timeoutMs = 3000): Promise<boolean> {
  return waitFor(() => name in os.networkInterfaces(), `interface ${name} in os.networkInterfaces()`, timeoutMs).then(
    () => true,
    () => false,
  );
}

/** Whether the host has a network interface of that name (`ip link show`). */
export async function linkExists(name: string): Promise<boolean> {
  return run('ip', ['link', 'show', name]).then(
    () => true,
    () => false,
  );
}
