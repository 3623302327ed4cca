// What the Connect wizard collects, as the Engine API body and as the equivalent `docker network connect` line.
import { CliLine, cliLine, ShellKind } from './shellQuoting';

export interface ConnectOptions {
  aliases: string[];
  ipv4?: string;
  ipv6?: string;
  links: string[];
  linkLocalIps: string[];
  driverOptions: Record<string, string>;
  macAddress?: string;
  gatewayPriority?: number;
}

export function emptyConnectOptions(): ConnectOptions {
  return { aliases: [], links: [], linkLocalIps: [], driverOptions: {} };
}

export interface ConnectRequestBody {
  Container: string;
  EndpointConfig?: {
    IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] };
    Links?: string[];
    Aliases?: string[];
    DriverOpts?: Record<string, string>;
    MacAddress?: string;
    GwPriority?: number;
  };
}

export function toConnectBody(containerId: string, options: ConnectOptions): ConnectRequestBody {
  const ipam = {
    ...(options.ipv4 ? { IPv4Address: options.ipv4 } : {}),
    ...(options.ipv6 ? { IPv6Address: options.ipv6 } : {}),
    ...(options.linkLocalIps.length ? { LinkLocalIPs: options.linkLocalIps } : {}),
  };
  const config = {
    ...(Object.keys(ipam).length ? { IPAMConfig: ipam } : {}),
    ...(options.links.length ? { Links: options.links } : {}),
    ...(options.aliases.length ? { Aliases: options.aliases } : {}),
    ...(Object.keys(options.driverOptions).length ? { DriverOpts: options.driverOptions } : {}),
    ...(options.macAddress ? { MacAddress: options.macAddress } : {}),
    ...(options.gatewayPriority !== undefined ? { GwPriority: options.gatewayPriority } : {}),
  };
  return Object.keys(config).length ? { Container: containerId, EndpointConfig: config } : { Container: containerId };
}

/** The `docker network connect` line, quoted for the shell it will be pasted into, or why it cannot be. */
export function toConnectCliCommand(network: string, container: string, options: ConnectOptions, shell: ShellKind = 'posix'): CliLine {
  const args = ['docker', 'network', 'connect'];
  for (const alias of options.aliases) args.push(`--alias=${alias}`);
  if (options.ipv4) args.push(`--ip=${options.ipv4}`);
  if (options.ipv6) args.push(`--ip6=${options.ipv6}`);
  for (const link of options.links) args.push(`--link=${link}`);
  for (const ip of options.linkLocalIps) args.push(`--link-local-ip=${ip}`);
  for (const [key, value] of Object.entries(options.driverOptions)) args.push(`--driver-opt=${key}=${value}`);
  if (options.gatewayPriority !== undefined) args.push(`--gw-priority=${options.gatewayPriority}`);
  args.push(network, container);
  return cliLine(args, shell);
}

/** DNS names the engine accepts as aliases: letters, digits, `-`, `_`, `.`; no spaces. */
export function aliasProblem(alias: string): string | undefined {
  if (!alias) return 'an alias cannot be empty';
  if (/\s/.test(alias)) return `alias "${alias}" contains whitespace`;
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(alias))
    return `alias "${alias}" may only contain letters, digits, "-", "_" and "." and must start with a letter or digit`;
  return undefined;
}

export function macAddressProblem(mac: string): string | undefined {
  return /^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/.test(mac)
    ? undefined
    : `"${mac}" is not a MAC address (six hex pairs separated by ":", e.g. 02:42:ac:11:00:02)`;
}

/** Splits what users type into a list field: commas or whitespace. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map(part => part.trim())
    .filter(Boolean);
}
