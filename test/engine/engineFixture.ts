// Shared set-up for tests against the real private engine that `npm test` starts (DOCKER_HOST).
// A missing engine is a failure, never a skip.
import Docker from 'dockerode';
import { readFileIfExists, resolveEngineAddress } from '../../src/engine/engineAddress';
import { DockerGateway, EngineLogger } from '../../src/engine/gateway';

export const TEST_LABEL = 'docker-networks.test';
export const RUN_ID = `${process.pid}`;
export const TEST_IMAGE = process.env.DOCKER_NETWORKS_TEST_IMAGE || 'docker-networks-test/busybox:latest';

export function requireDockerHost(): string {
  const host = process.env.DOCKER_HOST;
  if (!host) throw new Error('DOCKER_HOST is not set: engine tests need the private engine that `npm test` starts (node scripts/test.js engine)');
  return host;
}

export function rawDocker(): Docker {
  const host = requireDockerHost();
  return new Docker({ socketPath: host.replace(/^unix:\/\//, '') });
}

export const silentLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export function testEngineAddress() {
  requireDockerHost();
  return resolveEngineAddress({ env: process.env, homeDir: '/nonexistent', platform: process.platform, readFile: readFileIfExists });
}

export function openGateway(logger: EngineLogger = silentLogger): Promise<DockerGateway> {
  return DockerGateway.open(testEngineAddress(), { timeoutMs: 15000, logger });
}

let counter = 0;
/** A name unique to this run, so reruns and parallel engines never clash. */
export function uniqueName(stem: string): string {
  return `dnt-${stem}-${RUN_ID}-${++counter}`;
}

export const testLabels = { [TEST_LABEL]: RUN_ID };

/** Removes every container and network this run created. */
export async function cleanUp(): Promise<void> {
  const docker = rawDocker();
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=${RUN_ID}`] });
  for (const info of await docker.listContainers({ all: true, filters })) await docker.getContainer(info.Id).remove({ force: true });
  for (const info of await docker.listNetworks({ filters })) await docker.getNetwork(info.Id).remove().catch(() => undefined);
}

export async function runContainer(name: string, networkName?: string, options: { ip?: string; aliases?: string[]; start?: boolean } = {}): Promise<Docker.Container> {
  const docker = rawDocker();
  const container = await docker.createContainer({
    name, Image: TEST_IMAGE, Cmd: ['sleep', '86400'], Labels: testLabels,
    HostConfig: { NetworkMode: networkName ?? 'none' },
    NetworkingConfig: networkName ? { EndpointsConfig: { [networkName]: { IPAMConfig: options.ip ? { IPv4Address: options.ip } : undefined, Aliases: options.aliases } } } : undefined,
  });
  if (options.start !== false) await container.start();
  return container;
}
