// The Engine API's JSON, as far as this extension reads it. Plain data: the engine layer fills it,
// the model layer reasons about it, neither depends on dockerode's typings.

export interface IpamConfig {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

export interface NetworkEndpoint {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  IPv4Address: string;
  IPv6Address: string;
}

export interface Network {
  Name: string;
  Id: string;
  Created: string;
  Scope: string;
  Driver: string;
  EnableIPv4?: boolean;
  EnableIPv6: boolean;
  IPAM: { Driver: string; Options?: Record<string, string> | null; Config?: IpamConfig[] | null };
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom?: { Network: string };
  ConfigOnly: boolean;
  /** Only filled by inspect (the list returns `{}` since API 1.28). */
  Containers?: Record<string, NetworkEndpoint> | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

export interface ContainerEndpointSettings {
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] } | null;
  Links?: string[] | null;
  Aliases?: string[] | null;
  MacAddress?: string;
  NetworkID: string;
  EndpointID: string;
  Gateway: string;
  IPAddress: string;
  IPPrefixLen: number;
  IPv6Gateway: string;
  GlobalIPv6Address: string;
  GlobalIPv6PrefixLen: number;
  DNSNames?: string[] | null;
  GwPriority?: number;
}

/** A port in the container list: exposed (`PrivatePort` only) or published on the host (`PublicPort`, `IP`). */
export interface ContainerPort {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

/** One entry of `GET /containers/json?all=1`. */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  Command?: string;
  Created: number;
  State: string;
  Status: string;
  Labels?: Record<string, string> | null;
  /** `NetworkMode`: a network name, `none`, `host`, `default` or `container:<id>`. */
  HostConfig?: { NetworkMode?: string } | null;
  Ports?: ContainerPort[] | null;
  NetworkSettings?: { Networks?: Record<string, ContainerEndpointSettings> | null } | null;
}

/** `GET /containers/{id}/json`, the parts the explorer reads. */
export interface ContainerInspect {
  Id: string;
  Name: string;
  Created: string;
  State: { Status: string; Running?: boolean };
  Config: { Image: string; Labels?: Record<string, string> | null; ExposedPorts?: Record<string, unknown> | null };
  HostConfig?: { NetworkMode?: string } | null;
  NetworkSettings: {
    Networks?: Record<string, ContainerEndpointSettings> | null;
    /** `80/tcp` → the host bindings (null or empty when exposed but not published). */
    Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
  };
}

/** `GET /version`, the parts used for negotiation and the status line. */
export interface EngineVersionInfo {
  Version: string;
  ApiVersion: string;
  MinAPIVersion?: string;
  Os?: string;
  Arch?: string;
  Platform?: { Name?: string };
  Components?: { Name: string; Version: string }[];
}

/** `GET /info`, the parts the Create Network dialog reads. */
export interface EngineSystemInfo {
  Name?: string;
  Plugins?: { Network?: string[] };
  Swarm?: {
    LocalNodeState?: string;
    ControlAvailable?: boolean;
    NodeID?: string;
    NodeAddr?: string;
    Cluster?: { ID?: string } | null;
  };
}

/** `GET /nodes` (managers only), the parts the explorer reads. */
export interface SwarmNodeInfo {
  ID: string;
  Spec?: { Name?: string; Role?: string };
  Description?: { Hostname?: string };
  Status?: { State?: string; Addr?: string };
}

/** `GET /services` (managers only), the parts the explorer reads. */
export interface SwarmServiceInfo {
  ID: string;
  Spec?: { Name?: string };
}

/** `GET /tasks` (managers only): where each task of a service runs and its addresses on each network. */
export interface SwarmTaskInfo {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState?: string;
  Status?: { State?: string; ContainerStatus?: { ContainerID?: string } };
  NetworksAttachments?: { Network?: { ID: string; Spec?: { Name?: string } }; Addresses?: string[] | null }[] | null;
}

/** One message of `GET /events`. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  scope?: string;
  time?: number;
  timeNano?: number;
}
