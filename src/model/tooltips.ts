// Markdown tooltips for explorer nodes: everything `docker network inspect` would tell at a glance.
import type { EndpointModel, NetworkModel } from './explorer';
import { isPluginDriver, isPluginIpamDriver } from './pluginDrivers';

// Everything here comes from the engine and is untrusted: a name, label or option may hold Markdown, HTML, links,
// images, table pipes or line breaks. It must render as exactly its text.
const LINE_BREAKS = /[\r\n\u2028\u2029\t\v\f]+/g;
const oneLine = (text: string) => text.replace(LINE_BREAKS, ' ');

/** Every ASCII punctuation character escaped (CommonMark allows it for all of them), so nothing but text renders. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[!-/:-@[-`{-~]/g, match => `\\${match}`);
}

/** A code span: literal inside, except that table cells split on `|` (GFM unescapes `\|` there) and backticks end it. */
export function code(text: string): string {
  return `\`${oneLine(text).replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

function keyValues(record: Record<string, string> | null | undefined): string {
  const entries = Object.entries(record ?? {});
  return entries.length ? entries.map(([key, value]) => code(value ? `${key}=${value}` : key)).join(', ') : '—';
}

function yesNo(value: boolean | undefined): string {
  return value ? 'yes' : 'no';
}

export function networkTooltip(model: NetworkModel): string {
  const n = model.network;
  const lines = [
    isPluginDriver(n.Driver)
      ? `**${escapeMarkdown(n.Name)}** — network of the network plugin ${code(n.Driver)}`
      : `**${escapeMarkdown(n.Name)}** — ${escapeMarkdown(n.Driver)} network${model.builtIn ? ' (built-in)' : ''}`,
    '',
    `| | |`,
    `|---|---|`,
    `| ID | ${code(n.Id)} |`,
    `| Driver | ${code(n.Driver)} |`,
    `| Scope | ${escapeMarkdown(n.Scope)} |`,
  ];
  const configs = n.IPAM?.Config ?? [];
  configs.forEach((config, index) => {
    const parts = [
      config.Subnet && `subnet ${code(config.Subnet)}`,
      config.Gateway && `gateway ${code(config.Gateway)}`,
      config.IPRange && `ip-range ${code(config.IPRange)}`,
      config.AuxiliaryAddresses && Object.keys(config.AuxiliaryAddresses).length
        ? `aux ${keyValues(config.AuxiliaryAddresses)}`
        : undefined,
    ].filter(Boolean);
    lines.push(`| IPAM ${configs.length > 1 ? index + 1 : ''} | ${parts.join(', ') || '—'} |`);
  });
  if (n.IPAM?.Driver && n.IPAM.Driver !== 'default')
    lines.push(
      `| IPAM driver | ${code(n.IPAM.Driver)}${isPluginIpamDriver(n.IPAM.Driver) ? ' (IPAM plugin)' : ''} ${keyValues(n.IPAM.Options)} |`,
    );
  lines.push(
    `| IPv6 | ${yesNo(n.EnableIPv6)} |`,
    `| Internal | ${yesNo(n.Internal)} |`,
    `| Attachable | ${yesNo(n.Attachable)} |`,
    `| Ingress | ${yesNo(n.Ingress)} |`,
  );
  if (n.ConfigOnly) lines.push('| Config only | yes |');
  if (n.ConfigFrom?.Network) lines.push(`| Config from | ${escapeMarkdown(n.ConfigFrom.Network)} |`);
  lines.push(
    `| Labels | ${keyValues(n.Labels)} |`,
    `| Driver options | ${keyValues(n.Options)} |`,
    `| Created | ${escapeMarkdown(n.Created ?? '—')} |`,
    `| Endpoints | ${model.endpoints.length} (${model.endpoints.filter(e => e.running).length} running) |`,
  );
  if (model.nodes?.length) lines.push(`| Nodes | ${model.nodes.map(escapeMarkdown).join(', ')} |`);
  if (n.Scope === 'swarm') lines.push('', SWARM_SCOPE_NOTE);
  if (n.Ingress) lines.push('', INGRESS_NOTE);
  return lines.join('\n');
}

/** Why a swarm network is missing on some nodes: it is not a fault, it is how the engine works. */
export const SWARM_SCOPE_NOTE =
  '_Swarm scope: one network with the same ID on every node. Managers list every swarm network; a worker lists one only while a container or task on that worker is attached to it, so it appears there on first use._';

export const INGRESS_NOTE =
  "_Ingress: the swarm's routing mesh. Every node has it; published service ports reach the services through it. There is one at most, only services use it (containers cannot connect), and removing it breaks published ports until one is created again._";

export function endpointTooltip(endpoint: EndpointModel): string {
  const lines = [
    `**${escapeMarkdown(endpoint.containerName)}** on **${escapeMarkdown(endpoint.networkName)}**`,
    '',
    `| | |`,
    `|---|---|`,
    `| Container | ${endpoint.taskOnly && endpoint.containerId.startsWith('task-') ? '—' : code(endpoint.containerId.slice(0, 12))} (${escapeMarkdown(endpoint.containerState)}) |`,
    `| IPv4 | ${endpoint.ipv4 ? code(endpoint.ipv4) : '—'} |`,
    `| IPv6 | ${endpoint.ipv6 ? code(endpoint.ipv6) : '—'} |`,
    `| MAC | ${endpoint.macAddress ? code(endpoint.macAddress) : '—'} |`,
    `| Aliases | ${endpoint.aliases.length ? endpoint.aliases.map(code).join(', ') : '—'} |`,
  ];
  if (endpoint.node) lines.push(`| Node | ${escapeMarkdown(endpoint.node)} |`);
  if (endpoint.task)
    lines.push(
      `| Task | ${escapeMarkdown(endpoint.task.service)}${endpoint.task.slot ? ` slot ${endpoint.task.slot}` : ''} (${code(endpoint.task.id.slice(0, 12))}) |`,
    );
  if (endpoint.taskOnly) lines.push('', "_Reported by the swarm manager's task list: the window has no engine for the node it runs on._");
  if (!endpoint.running)
    lines.push('', '_Stopped: configured on this network, no active endpoint (`docker network inspect` does not list it)._');
  return lines.join('\n');
}
