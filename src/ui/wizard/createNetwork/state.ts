// What the Create Network wizard knows (the engine's networks, drivers, host addresses) and what it collects.
import type { EngineCapabilities } from '../../../model/apiVersion';
import type { CreateNetworkAnswers } from '../../../model/createNetwork';
import type { Network } from '../../../model/engineTypes';
import type { AddressPool, HostAddress, IpamIssue } from '../../../model/ipam';
import type { ShellKind } from '../../../model/shellQuoting';
import type { ValidationMessage } from '../prompter';

export interface CreateWizardInput {
  readonly existingNetworks: readonly Network[];
  /** Network drivers the engine offers (`/info` Plugins.Network). */
  readonly drivers: readonly string[];
  readonly swarmActive: boolean;
  /** The engine is a swarm worker: it can use overlays but not create them. */
  readonly swarmWorker?: boolean;
  /** IPAM drivers of enabled managed plugins (`GET /plugins`); legacy IPAM plugins are known only from networks. */
  readonly ipamPlugins?: readonly string[];
  readonly capabilities: EngineCapabilities;
  readonly hostAddresses: readonly HostAddress[];
  readonly hostInterfaces: readonly string[];
  readonly pools: readonly AddressPool[];
  readonly subnetSize?: number;
  readonly copy: (text: string, what: string) => Promise<void>;
  /** The shell the copied command line is quoted for (default sh/bash/zsh). */
  readonly shell?: ShellKind;
  /** Prefilled answers: Duplicate Network, or Retry after the engine refused. */
  readonly initial?: CreateNetworkAnswers;
  readonly title?: string;
}

export type OptionKey =
  | 'ipv4'
  | 'ipv6'
  | 'internal'
  | 'attachable'
  | 'ingress'
  | 'scope'
  | 'configOnly'
  | 'configFrom'
  | 'ipam'
  | 'driverOpts'
  | 'labels'
  | 'bridgeName'
  | 'mtu'
  | 'iccOff'
  | 'masqueradeOff'
  | 'hostBinding'
  | 'mode'
  | 'encrypted';

export interface WizardState {
  answers: CreateNetworkAnswers;
  /** "Configure options…" rather than "Create with defaults". */
  configure: boolean;
  /** The options ticked in the checklist. */
  chosen: OptionKey[];
}

/** The first error among the issues (with the model's suggestion), else the first warning: what the input box shows. */
export function firstIssue(issues: readonly IpamIssue[], fieldPrefix?: string): string | ValidationMessage | undefined {
  const relevant = fieldPrefix ? issues.filter(issue => issue.field.startsWith(fieldPrefix)) : [...issues];
  const error = relevant.find(issue => issue.severity === 'error');
  if (error) return error.message + (error.suggestion ? ` Suggested: ${error.suggestion}` : '');
  const warning = relevant.find(issue => issue.severity === 'warning');
  return warning ? { message: warning.message, severity: 'warning' } : undefined;
}
