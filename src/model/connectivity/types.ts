// What "can A reach B?" comes to, worked out from the engine's configuration alone: the verdict, every path with
// B's address and the names of B that resolve there, what blocks the rest, the way out to the host and the outside,
// and the one change that would connect them when there is one.

/** reachable: by B's name (and so by address); addressOnly: B answers at an address but its name does not work. */
export type Verdict = 'reachable' | 'addressOnly' | 'unreachable';

export interface ContainerRef {
  readonly id: string;
  readonly name: string;
}

export interface NetworkRef {
  readonly id: string;
  readonly name: string;
}

/**
 * shared: both containers are on the network; toHost: B uses the host's network stack and A reaches the host on
 * its network; fromHost: A uses the host's network stack and reaches B's address on a bridge; sameStack: both use
 * one network stack (host networking, or one shares the other's).
 */
export type PathKind = 'shared' | 'toHost' | 'fromHost' | 'sameStack';

export interface ConnectivityPath {
  readonly kind: PathKind;
  /** The network the traffic crosses (none for sameStack). */
  readonly network?: NetworkRef & { readonly driver: string; readonly internal: boolean; readonly defaultBridge: boolean };
  /** Where A sends to: B's address on the network (no prefix), the host's gateway address, or 127.0.0.1. */
  readonly address?: string;
  /** B's IPv6 address there, when it has one. */
  readonly ipv6?: string;
  /** Whether traffic gets through on this path. */
  readonly open: boolean;
  /** Why not, in plain words, when it does not. */
  readonly reason?: string;
  /** B's names that resolve from A to this path's address. */
  readonly names: readonly string[];
}

/** link: an alias of one of A's own links (`--link B:alias` on a user-defined network), which only A resolves. */
export type NameKind = 'name' | 'alias' | 'qualified' | 'link';

export interface NameTarget {
  readonly network: NetworkRef;
  readonly address: string;
  readonly open: boolean;
  /** Whose address it is: B's, or another container's that holds the same name as an alias. */
  readonly container: ContainerRef;
}

export interface NameAnswer {
  readonly name: string;
  readonly kind: NameKind;
  /** The networks B carries this name on (aliases are per network). */
  readonly on: readonly string[];
  /** What the engine's DNS answers A with, when the name resolves (B's address when B is among the holders). */
  readonly resolvesTo?: NameTarget;
  /**
   * Other answers the engine may give: other containers holding the name on the same network, and, with A on three
   * or more networks, B's addresses on networks the engine may ask first (it fixes only the first one's place).
   */
  readonly alternatives: readonly NameTarget[];
  /** Why the name does not resolve from A. */
  readonly reason?: string;
}

/** An address of B that A cannot use, and why (A is not on that network). */
export interface UnreachableAddress {
  readonly network: NetworkRef;
  readonly address: string;
  readonly reason: string;
}

export type BlockerCode =
  | 'notRunning'
  | 'noNetworking'
  | 'hostNetworking'
  | 'noSharedNetwork'
  | 'iccDisabled'
  | 'noNames'
  | 'nameToBlockedPath'
  | 'sharedName'
  | 'missing';

export interface Blocker {
  readonly code: BlockerCode;
  readonly text: string;
}

/** One change that would let A reach B by name: connect `container` to `network` (the Connect flow, confirmed). */
export interface ConnectFix {
  readonly kind: 'connect';
  readonly container: ContainerRef;
  readonly network: NetworkRef;
  readonly text: string;
}

export interface PublishedPort {
  readonly hostIp: string;
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol: string;
}

export interface OutsideAnswer {
  /** Whether A can send traffic to other networks and the outside (a route out through a non-internal network). */
  readonly egress: boolean;
  readonly egressText: string;
  /** Where A reaches the engine's host: the gateway of each of its bridge networks. */
  readonly hostAddresses: readonly { readonly network: NetworkRef; readonly address: string }[];
  readonly hostText: string;
  /** B's ports published on the host. */
  readonly published: readonly PublishedPort[];
  /** B's ports exposed but not published: only containers that reach B use them. */
  readonly exposedOnly: readonly { readonly port: number; readonly protocol: string }[];
  readonly publishedText: string;
  /** B's addresses the engine's host reaches directly (bridge networks, internal ones too). */
  readonly hostReachesB: readonly { readonly network: NetworkRef; readonly address: string }[];
}

export interface ConnectivityReport {
  readonly from: ContainerRef & { readonly state: string };
  readonly to: ContainerRef & { readonly state: string };
  readonly verdict: Verdict;
  /** One sentence: the verdict in words, naming the network when there is one. */
  readonly summary: string;
  readonly paths: readonly ConnectivityPath[];
  readonly names: readonly NameAnswer[];
  readonly otherAddresses: readonly UnreachableAddress[];
  readonly blockers: readonly Blocker[];
  /** Facts that do not block but explain: internal networks, the default bridge, shared network stacks. */
  readonly notes: readonly string[];
  readonly fix?: ConnectFix;
  /** Advice when no one-click change exists. */
  readonly advice?: string;
  readonly outside: OutsideAnswer;
}
