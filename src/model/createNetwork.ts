// What the Create Network wizard collects, and the three ways it is spoken: the Engine API body, the equivalent
// `docker network create` command line, and a Compose `networks:` entry. Also the reverse: answers from an existing
// network, for Duplicate Network and Copy as CLI / Compose.
import type { Network } from './engineTypes';
import { CliLine, cliLine, ShellKind } from './shellQuoting';
import { familyOf } from './ipam/addresses';
import type { IpamRequest } from './ipam/validation';

export interface SubnetAnswer {
  subnet: string;
  gateway?: string;
  ipRange?: string;
  auxAddresses: Record<string, string>;
}

export interface CreateNetworkAnswers {
  name: string;
  driver: string;
  ipv4Subnets: SubnetAnswer[];
  enableIPv6: boolean;
  ipv6Subnets: SubnetAnswer[];
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  /** undefined = the driver's default scope. */
  scope?: string;
  configOnly: boolean;
  configFrom?: string;
  /** undefined = the default IPAM driver. */
  ipamDriver?: string;
  ipamOptions: Record<string, string>;
  driverOptions: Record<string, string>;
  labels: Record<string, string>;
}

export function emptyAnswers(): CreateNetworkAnswers {
  return {
    name: '',
    driver: 'bridge',
    ipv4Subnets: [],
    enableIPv6: false,
    ipv6Subnets: [],
    internal: false,
    attachable: false,
    ingress: false,
    configOnly: false,
    ipamOptions: {},
    driverOptions: {},
    labels: {},
  };
}

/** Well-known driver options, so the wizard can name them in words and the CLI line uses the right keys. */
export const DriverOptionKeys = {
  bridgeName: 'com.docker.network.bridge.name',
  mtu: 'com.docker.network.driver.mtu',
  icc: 'com.docker.network.bridge.enable_icc',
  ipMasquerade: 'com.docker.network.bridge.enable_ip_masquerade',
  hostBindingIpv4: 'com.docker.network.bridge.host_binding_ipv4',
  parent: 'parent',
  macvlanMode: 'macvlan_mode',
  ipvlanMode: 'ipvlan_mode',
  overlayEncrypted: 'encrypted',
} as const;

export interface CreateNetworkBody {
  Name: string;
  Driver: string;
  CheckDuplicate: boolean;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  EnableIPv6: boolean;
  Scope?: string;
  ConfigOnly: boolean;
  ConfigFrom?: { Network: string };
  IPAM?: {
    Driver: string;
    Config: { Subnet: string; Gateway?: string; IPRange?: string; AuxiliaryAddresses?: Record<string, string> }[];
    Options: Record<string, string>;
  };
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

/**
 * The subnets the answers create: IPv4 first, IPv6 only when IPv6 is enabled. The API body, the CLI line, the Compose
 * entry and the `subnets[i]` fields of IPAM issues all count subnets in this order.
 */
function requestedSubnets(answers: CreateNetworkAnswers): SubnetAnswer[] {
  return [...answers.ipv4Subnets, ...(answers.enableIPv6 ? answers.ipv6Subnets : [])];
}

/** The IPAM request the answers make, to check before anything reaches the engine. */
export function ipamRequestOf(answers: CreateNetworkAnswers): IpamRequest {
  return { subnets: requestedSubnets(answers).map(subnet => ({ ...subnet })) };
}

export function toCreateBody(answers: CreateNetworkAnswers): CreateNetworkBody {
  const subnets = requestedSubnets(answers);
  const needsIpam = subnets.length > 0 || answers.ipamDriver !== undefined || Object.keys(answers.ipamOptions).length > 0;
  return {
    Name: answers.name,
    Driver: answers.driver,
    CheckDuplicate: true,
    Internal: answers.internal,
    Attachable: answers.attachable,
    Ingress: answers.ingress,
    EnableIPv6: answers.enableIPv6,
    ...(answers.scope ? { Scope: answers.scope } : {}),
    ConfigOnly: answers.configOnly,
    ...(answers.configFrom ? { ConfigFrom: { Network: answers.configFrom } } : {}),
    ...(needsIpam
      ? {
          IPAM: {
            Driver: answers.ipamDriver ?? 'default',
            Config: subnets.map(s => ({
              Subnet: s.subnet,
              ...(s.gateway ? { Gateway: s.gateway } : {}),
              ...(s.ipRange ? { IPRange: s.ipRange } : {}),
              ...(Object.keys(s.auxAddresses).length ? { AuxiliaryAddresses: s.auxAddresses } : {}),
            })),
            Options: answers.ipamOptions,
          },
        }
      : {}),
    Options: answers.driverOptions,
    Labels: answers.labels,
  };
}

/** The `docker network create` line for the answers, quoted for the shell it will be pasted into, or why it cannot be. */
export function toDockerCliCommand(answers: CreateNetworkAnswers, shell: ShellKind = 'posix'): CliLine {
  return cliLine(createNetworkArgv(answers), shell);
}

/** The argv of the equivalent `docker network create`, each flag and its value one argument (`--label=k=v`). */
export function createNetworkArgv(answers: CreateNetworkAnswers): string[] {
  const args: string[] = ['docker', 'network', 'create'];
  const flag = (name: string, value?: string) => {
    args.push(value === undefined ? name : `${name}=${value}`);
  };
  if (answers.driver !== 'bridge') flag('--driver', answers.driver);
  if (answers.scope) flag('--scope', answers.scope);
  if (answers.configOnly) flag('--config-only');
  if (answers.configFrom) flag('--config-from', answers.configFrom);
  if (answers.internal) flag('--internal');
  if (answers.attachable) flag('--attachable');
  if (answers.ingress) flag('--ingress');
  if (answers.enableIPv6) flag('--ipv6');
  if (answers.ipamDriver) flag('--ipam-driver', answers.ipamDriver);
  for (const [key, value] of Object.entries(answers.ipamOptions)) flag('--ipam-opt', `${key}=${value}`);
  for (const subnet of requestedSubnets(answers)) {
    flag('--subnet', subnet.subnet);
    if (subnet.ipRange) flag('--ip-range', subnet.ipRange);
    if (subnet.gateway) flag('--gateway', subnet.gateway);
    for (const [key, value] of Object.entries(subnet.auxAddresses)) flag('--aux-address', `${key}=${value}`);
  }
  for (const [key, value] of Object.entries(answers.driverOptions)) flag('--opt', `${key}=${value}`);
  for (const [key, value] of Object.entries(answers.labels)) flag('--label', value === '' ? key : `${key}=${value}`);
  args.push(answers.name);
  return args;
}

/** Words YAML 1.1 or 1.2 read as booleans or null when unquoted (Compose has read both over the years). */
const YAML_KEYWORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
/** Plain scalars that stay strings: start with a letter or `_` (no number, `.inf`, `@x`, `*a`, `- x`), or an IP/CIDR. */
const YAML_PLAIN = /^([A-Za-z_][A-Za-z0-9_./-]*|\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?)$/;

/**
 * A YAML double-quoted scalar that reads back as exactly `value`: `\\` and `"` escaped, and every character YAML
 * does not allow as-is (controls, DEL, C1, NEL, the Unicode line and paragraph separators, BOM, lone surrogates)
 * written as an escape. JSON.stringify is not enough: it leaves DEL, C1 controls and U+2028 raw.
 */
function yamlQuoted(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (
      code < 0x20 ||
      (code >= 0x7f && code <= 0xa0) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0xfeff ||
      (code >= 0xd800 && code <= 0xdfff) ||
      code === 0xfffe ||
      code === 0xffff
    ) {
      out += code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += char;
  }
  return `${out}"`;
}

/** A key as YAML reads it back exactly. */
function yamlKey(value: string): string {
  return YAML_PLAIN.test(value) && !YAML_KEYWORDS.test(value) ? value : yamlQuoted(value);
}

/**
 * A value as Compose reads it back exactly: YAML must not turn it into a number, boolean or null, and Compose
 * interpolates `$VAR` and `${VAR}` in values, so a literal `$` is written `$$`.
 */
function yamlString(value: string): string {
  const literal = value.replace(/\$/g, '$$$$');
  return YAML_PLAIN.test(literal) && !YAML_KEYWORDS.test(literal) ? literal : yamlQuoted(literal);
}

/** A Compose `networks:` entry that creates the same network. */
export function toComposeSnippet(answers: CreateNetworkAnswers): string {
  const lines = ['networks:', `  ${yamlKey(answers.name)}:`];
  const add = (indent: number, text: string) => lines.push(`${' '.repeat(indent)}${text}`);
  add(4, `name: ${yamlString(answers.name)}`);
  add(4, `driver: ${yamlString(answers.driver)}`);
  const driverOptions = Object.entries(answers.driverOptions);
  if (driverOptions.length) {
    add(4, 'driver_opts:');
    for (const [key, value] of driverOptions) add(6, `${yamlKey(key)}: ${yamlString(value)}`);
  }
  if (answers.internal) add(4, 'internal: true');
  if (answers.attachable) add(4, 'attachable: true');
  if (answers.enableIPv6) add(4, 'enable_ipv6: true');
  const subnets = requestedSubnets(answers);
  if (subnets.length || answers.ipamDriver) {
    add(4, 'ipam:');
    if (answers.ipamDriver) add(6, `driver: ${yamlString(answers.ipamDriver)}`);
    if (subnets.length) {
      add(6, 'config:');
      for (const subnet of subnets) {
        add(8, `- subnet: ${yamlString(subnet.subnet)}`);
        if (subnet.ipRange) add(10, `ip_range: ${yamlString(subnet.ipRange)}`);
        if (subnet.gateway) add(10, `gateway: ${yamlString(subnet.gateway)}`);
        const aux = Object.entries(subnet.auxAddresses);
        if (aux.length) {
          add(10, 'aux_addresses:');
          for (const [key, value] of aux) add(12, `${yamlKey(key)}: ${yamlString(value)}`);
        }
      }
    }
    const ipamOptions = Object.entries(answers.ipamOptions);
    if (ipamOptions.length) {
      add(6, 'options:');
      for (const [key, value] of ipamOptions) add(8, `${yamlKey(key)}: ${yamlString(value)}`);
    }
  }
  const labels = Object.entries(answers.labels);
  if (labels.length) {
    add(4, 'labels:');
    for (const [key, value] of labels) add(6, `${yamlKey(key)}: ${yamlString(value)}`);
  }
  return lines.join('\n') + '\n';
}

/** Answers that would recreate `network` (Duplicate Network, Copy as CLI / Compose). */
export function answersFromNetwork(network: Network, name = network.Name): CreateNetworkAnswers {
  const configs = network.IPAM?.Config ?? [];
  const toAnswer = (config: NonNullable<Network['IPAM']['Config']>[number]): SubnetAnswer => ({
    subnet: config.Subnet ?? '',
    ...(config.Gateway ? { gateway: config.Gateway } : {}),
    ...(config.IPRange ? { ipRange: config.IPRange } : {}),
    auxAddresses: { ...(config.AuxiliaryAddresses ?? {}) },
  });
  const withSubnet = configs.filter(config => config.Subnet);
  if (network.ConfigFrom?.Network) {
    // Subnets, options and labels come from the config-only network; the engine refuses them beside --config-from.
    return {
      ...emptyAnswers(),
      name,
      driver: network.Driver,
      internal: network.Internal,
      attachable: network.Attachable,
      ingress: network.Ingress,
      ...(network.Scope && network.Scope !== 'local' ? { scope: network.Scope } : {}),
      configFrom: network.ConfigFrom.Network,
    };
  }
  return {
    name,
    driver: network.Driver,
    ipv4Subnets: withSubnet.filter(config => familyOf(config.Subnet!) === 'ipv4').map(toAnswer),
    enableIPv6: network.EnableIPv6,
    ipv6Subnets: withSubnet.filter(config => familyOf(config.Subnet!) === 'ipv6').map(toAnswer),
    internal: network.Internal,
    attachable: network.Attachable,
    ingress: network.Ingress,
    ...(network.Scope && network.Scope !== 'local' ? { scope: network.Scope } : {}),
    configOnly: network.ConfigOnly,
    ...(network.IPAM?.Driver && network.IPAM.Driver !== 'default' ? { ipamDriver: network.IPAM.Driver } : {}),
    ipamOptions: { ...(network.IPAM?.Options ?? {}) },
    driverOptions: { ...(network.Options ?? {}) },
    labels: { ...(network.Labels ?? {}) },
  };
}
