// The real test engine that `npm test` starts (DOCKER_HOST), shared by the engine tests (node) and the tests inside
// the VS Code extension host: a dockerode client for arranging and checking, a gateway of our own, names and labels
// unique to this process, and clean-up. A missing engine is a failure, never a skip.
import Docker from 'dockerode';
import { readFileIfExists, resolveEngineAddress } from '../../src/engine/engineAddress';
import { DockerGateway, EngineLogger } from '../../src/engine/gateway';

export const TEST_LABEL = 'docker-networks.test';
export const RUN_ID = `${process.pid}`;
export const TEST_IMAGE = process.env.DOCKER_NETWORKS_TEST_IMAGE || 'docker-networks-test/busybox:latest';
/** Put on everything a test creates, so cleanUpEngine() finds it. */
export const testLabels = { [TEST_LABEL]: RUN_ID };

function requireDockerHost(): string {
  const host = process.env.DOCKER_HOST;
  if (!host)
    throw new Error('DOCKER_HOST is not set: these tests need the private engine that `npm test` starts (node scripts/test.js engine)');
  return host;
}

/** A dockerode client on the test engine, for arranging and checking (the code under test uses its own gateway). */
export function engineDocker(): Docker {
  return new Docker({ socketPath: requireDockerHost().replace(/^unix:\/\//, '') });
}

export const silentLogger: EngineLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** The engine address as the extension resolves it from DOCKER_HOST (no Docker context files). */
export function testEngineAddress() {
  requireDockerHost();
  return resolveEngineAddress({ env: process.env, homeDir: '/nonexistent', platform: process.platform, readFile: readFileIfExists });
}

export function openGateway(logger: EngineLogger = silentLogger): Promise<DockerGateway> {
  return DockerGateway.open(testEngineAddress(), { timeoutMs: 15000, logger });
}

let counter = 0;
/** A name unique to this process, so reruns and parallel test processes never clash. */
export function uniqueName(stem: string): string {
  return `dnt-${stem}-${RUN_ID}-${++counter}`;
}

/** Removes every container and network this process created (labelled with testLabels). */
export async function cleanUpEngine(): Promise<void> {
  const docker = engineDocker();
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=${RUN_ID}`] });
  for (const info of await docker.listContainers({ all: true, filters })) await docker.getContainer(info.Id).remove({ force: true });
  for (const info of await docker.listNetworks({ filters }))
    await docker
      .getNetwork(info.Id)
      .remove()
      .catch(() => undefined);
}

/**
 * A labelled test container running `sleep`, on `networkName` (or none), started unless `start: false`; on the test
 * engine unless `docker` names another (a swarm node, say).
 */
export async function runContainer(
  name: string,
  networkName?: string,
  options: { ip?: string; aliases?: string[]; start?: boolean; docker?: Docker } = {},
): Promise<Docker.Container> {
  const container = await (options.docker ?? engineDocker()).createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['sleep', '86400'],
    Labels: testLabels,
    HostConfig: { NetworkMode: networkName ?? 'none' },
    NetworkingConfig: networkName
      ? {
          EndpointsConfig: {
            [networkName]: { IPAMConfig: options.ip ? { IPv4Address: options.ip } : undefined, Aliases: options.aliases },
          },
        }
      : undefined,
  });
  if (options.start !== false) await container.start();
  return container;
}
