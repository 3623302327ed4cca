// The Connect wizard's options: which `docker network connect` options apply here (and why not, in the engine's
// words), the step that asks each one's value, and what is sent once the user chose. No `vscode` here.
import type { EngineCapabilities } from '../../model/apiVersion';
import { aliasProblem, ConnectOptions, macAddressProblem, splitList } from '../../model/connectRequest';
import { connectRestrictions, staticAddressRestriction } from '../../model/connectRules';
import type { ContainerModel, NetworkModel } from '../../model/explorer';
import { AddressFamily, familyName } from '../../model/ipam';
import type { Step } from './flow';

/** Address checks against the network's subnets and used addresses (ip-num based, in the model). */
export interface EndpointAddressTools {
  validate(address: string, family: AddressFamily, network: NetworkModel): string | undefined;
  suggest(family: AddressFamily, network: NetworkModel): string | undefined;
}

export type OptionKey = 'aliases' | 'ipv4' | 'ipv6' | 'links' | 'linkLocal' | 'driverOpts' | 'mac' | 'gwPriority';

export interface ConnectState {
  containers: ContainerModel[];
  network?: NetworkModel;
  configure: boolean;
  chosen: OptionKey[];
  options: ConnectOptions;
}

/** Only what is ticked now: values typed before going Back and unticking, or before choosing defaults, are dropped. */
export function effectiveOptions(state: ConnectState): ConnectOptions {
  const o = state.options;
  const on = (key: OptionKey) => state.configure && state.chosen.includes(key);
  return {
    aliases: on('aliases') ? o.aliases : [],
    ipv4: on('ipv4') ? o.ipv4 : undefined,
    ipv6: on('ipv6') ? o.ipv6 : undefined,
    links: on('links') ? o.links : [],
    linkLocalIps: on('linkLocal') ? o.linkLocalIps : [],
    driverOptions: on('driverOpts') ? o.driverOptions : {},
    macAddress: on('mac') ? o.macAddress : undefined,
    gatewayPriority: on('gwPriority') ? o.gatewayPriority : undefined,
  };
}

export function optionChoices(s: ConnectState, capabilities: EngineCapabilities) {
  const network = s.network!;
  const restrictions = connectRestrictions(network.network);
  const many = s.containers.length > 1;
  const choice = (key: OptionKey, label: string, description: string, unavailable?: string) => ({
    label,
    description: unavailable ? `not available: ${unavailable}` : description,
    value: key,
    picked: s.chosen.includes(key),
  });
  const choices = [
    choice('aliases', 'Aliases', 'extra DNS names on this network (--alias)', restrictions.aliases ? 'default bridge' : undefined),
    choice(
      'ipv4',
      'IPv4 address',
      "a fixed address in the network's subnet (--ip)",
      staticAddressRestriction(network.network, 'ipv4')
        ? 'no IPv4 subnet configured'
        : many
          ? 'one address cannot go to several containers'
          : undefined,
    ),
    choice(
      'ipv6',
      'IPv6 address',
      'a fixed IPv6 address (--ip6)',
      staticAddressRestriction(network.network, 'ipv6')
        ? 'no IPv6 subnet configured'
        : many
          ? 'one address cannot go to several containers'
          : undefined,
    ),
    choice('links', 'Links', 'legacy links to other containers: name:alias (--link)'),
    choice('linkLocal', 'Link-local IPs', 'extra link-local addresses (--link-local-ip)'),
    choice('driverOpts', 'Driver options', 'key=value options for the network driver (--driver-opt)'),
  ];
  if (capabilities.connectMacAddress)
    choices.push(
      choice(
        'mac',
        'MAC address',
        'a fixed MAC address for this endpoint',
        many ? 'one MAC address cannot go to several containers' : undefined,
      ),
    );
  if (capabilities.gatewayPriority)
    choices.push(choice('gwPriority', 'Gateway priority', 'which network provides the default route (--gw-priority)'));
  return choices;
}

export function optionProblem(key: OptionKey, s: ConnectState): string | undefined {
  const network = s.network!.network;
  const many = s.containers.length > 1;
  switch (key) {
    case 'aliases':
      return connectRestrictions(network).aliases;
    case 'ipv4':
      return (
        staticAddressRestriction(network, 'ipv4') ??
        (many ? 'A fixed IPv4 address can only be given when connecting one container.' : undefined)
      );
    case 'ipv6':
      return (
        staticAddressRestriction(network, 'ipv6') ??
        (many ? 'A fixed IPv6 address can only be given when connecting one container.' : undefined)
      );
    case 'mac':
      return many ? 'A fixed MAC address can only be given when connecting one container.' : undefined;
    default:
      return undefined;
  }
}

/** The step that asks one ticked option's value. */
export function optionStep(key: OptionKey, addresses: EndpointAddressTools): Step<ConnectState> {
  return async (s, ask) => {
    const network = s.network!;
    const o = s.options;
    const list = (
      prompt: string,
      placeholder: string,
      current: readonly string[],
      emptyMessage: string,
      problem?: (entry: string) => string | undefined,
    ) =>
      ask
        .input({
          prompt,
          placeholder,
          value: current.join(', '),
          validate: text => (splitList(text).length ? (problem ? splitList(text).map(problem).find(Boolean) : undefined) : emptyMessage),
        })
        .then(splitList);
    switch (key) {
      case 'aliases':
        o.aliases = await list(
          `Aliases for the container on "${network.name}": other containers there can reach it by these names`,
          'e.g. db, primary-db (comma or space separated)',
          o.aliases,
          'Enter at least one alias, or go back and untick Aliases',
          aliasProblem,
        );
        return;
      case 'ipv4':
      case 'ipv6': {
        const family: AddressFamily = key;
        const suggestion = addresses.suggest(family, network);
        const answer = await ask.input({
          prompt: `Fixed ${familyName(family)} address for "${s.containers[0].name}" on "${network.name}" (${network.subnets.join(', ')})`,
          placeholder: suggestion
            ? `next free address: ${suggestion}`
            : `an ${familyName(family)} address inside the network's subnet, e.g. ${family === 'ipv4' ? '172.30.0.10' : 'fd00:1::10'}`,
          value: (family === 'ipv4' ? o.ipv4 : o.ipv6) ?? suggestion ?? '',
          validate: text => addresses.validate(text.trim(), family, network),
        });
        if (family === 'ipv4') o.ipv4 = answer.trim();
        else o.ipv6 = answer.trim();
        return;
      }
      case 'links':
        o.links = await list(
          'Links to other containers, as container or container:alias',
          'e.g. db:database, cache',
          o.links,
          'Enter at least one link, or go back and untick Links',
        );
        return;
      case 'linkLocal':
        o.linkLocalIps = await list(
          'Link-local addresses for the endpoint (169.254.0.0/16 or fe80::/10)',
          'e.g. 169.254.10.10, fe80::10',
          o.linkLocalIps,
          'Enter at least one address, or go back and untick Link-local IPs',
        );
        return;
      case 'driverOpts': {
        const entries = await list(
          'Driver options for this endpoint, as key=value',
          'e.g. com.example.opt=1',
          Object.entries(o.driverOptions).map(([k, v]) => `${k}=${v}`),
          'Enter at least one option',
          entry => (/^[^=\s]+=/.test(entry) ? undefined : `"${entry}" is not key=value`),
        );
        o.driverOptions = Object.fromEntries(
          entries.map(entry => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
        );
        return;
      }
      case 'mac':
        o.macAddress = (
          await ask.input({
            prompt: `MAC address for "${s.containers[0].name}" on "${network.name}"`,
            placeholder: 'e.g. 02:42:ac:11:00:02',
            value: o.macAddress ?? '',
            validate: text => macAddressProblem(text.trim()),
          })
        ).trim();
        return;
      case 'gwPriority':
        o.gatewayPriority = Number(
          (
            await ask.input({
              prompt: 'Gateway priority: the network with the highest priority provides the default route',
              placeholder: 'an integer, e.g. 1 (default 0)',
              value: String(o.gatewayPriority ?? ''),
              validate: text => (/^-?\d+$/.test(text.trim()) ? undefined : `"${text}" is not an integer`),
            })
          ).trim(),
        );
        return;
    }
  };
}
