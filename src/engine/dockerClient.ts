// The dockerode client for one engine address, built from the extension's own address resolution only.
import * as https from 'https';
import Docker from 'dockerode';
import type { EngineAddress } from './engineAddress';

/** What an ssh:// connection is given besides the address: the host-key check, and the user's key and agent. */
export interface SshConnection {
  /** Where the address really goes (after ~/.ssh/config): host, port and user. */
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly hostVerifier: (key: Buffer) => boolean;
  readonly privateKey?: Buffer;
  readonly agentSocket?: string;
}

/**
 * A dockerode client for exactly this address. docker-modem reads DOCKER_HOST, DOCKER_CERT_PATH (it loads the
 * files), DOCKER_CLIENT_TIMEOUT and DOCKER_PATH_PREFIX as defaults whenever DOCKER_HOST is set, before our options
 * apply: a bad certificate path there would break every engine, and a timeout or prefix would slip in. So the
 * client is built with DOCKER_HOST out of sight (synchronously: nothing else runs meanwhile); our resolution has
 * already read it.
 */
export function dockerFor(address: EngineAddress, ssh?: SshConnection): Docker {
  const options = dockerodeOptions(address, ssh);
  const dockerHost = process.env.DOCKER_HOST;
  delete process.env.DOCKER_HOST;
  try {
    return new Docker(options);
  } finally {
    if (dockerHost !== undefined) process.env.DOCKER_HOST = dockerHost;
  }
}

/** dockerode options for an engine address: unix and npipe sockets, tcp/http(s) with or without TLS, ssh. */
export function dockerodeOptions(address: EngineAddress, ssh?: SshConnection): Docker.DockerOptions {
  // docker-modem merges its own defaults from the environment (DOCKER_HOST, DOCKER_CERT_PATH, DOCKER_CLIENT_TIMEOUT,
  // DOCKER_PATH_PREFIX) under what it is given: every field they set is given here, so only our resolution counts.
  const base = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    timeout: undefined,
    connectionTimeout: undefined,
    pathPrefix: '/',
    username: undefined,
    password: undefined,
    headers: {},
  } as Docker.DockerOptions;
  const scheme = address.url.slice(0, address.url.indexOf(':')).toLowerCase();
  if (scheme === 'unix') return { ...base, socketPath: decodeURIComponent(address.url.slice('unix://'.length)) };
  if (scheme === 'npipe') return { ...base, socketPath: address.url.slice('npipe://'.length).replace(/\//g, '\\') };
  const url = new URL(address.url);
  if (scheme === 'ssh') {
    // Without a host verifier ssh2 accepts any key: an ssh:// engine is only reached through the known_hosts check.
    if (!ssh) throw new Error(`ssh engine ${url.hostname} reached without a host-key check`);
    return {
      ...base,
      protocol: 'ssh',
      host: ssh.host,
      port: ssh.port,
      username: ssh.username,
      sshOptions: { agent: ssh.agentSocket, privateKey: ssh.privateKey, hostVerifier: ssh.hostVerifier },
    } as Docker.DockerOptions;
  }
  const tls = address.tls;
  const secure = scheme === 'https' || Boolean(tls);
  const options: Docker.DockerOptions = {
    ...base,
    protocol: secure ? 'https' : 'http',
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 2376 : 2375,
    ca: tls?.ca,
    cert: tls?.cert,
    key: tls?.key,
  };
  // docker-modem has no switch for unverified TLS; an agent that skips verification does it (SkipTLSVerify contexts).
  if (secure && tls && !tls.verify)
    (options as { agent?: https.Agent }).agent = new https.Agent({ rejectUnauthorized: false, ca: tls.ca, cert: tls.cert, key: tls.key });
  return options;
}
