// Shared helpers for tests inside the VS Code extension host: the activated extension's API, the real engine.
import * as assert from 'assert';
import Docker from 'dockerode';
import * as vscode from 'vscode';
import type { DockerNetworksApi } from '../../../src/extension';

export const EXTENSION_ID = 'cnm-tools.docker-networks';
export const TEST_LABEL = 'docker-networks.test';
export const RUN_ID = `vscode-${process.pid}`;
export const TEST_IMAGE = process.env.DOCKER_NETWORKS_TEST_IMAGE || 'docker-networks-test/busybox:latest';

export async function activateExtension(): Promise<DockerNetworksApi> {
  const extension = vscode.extensions.getExtension<DockerNetworksApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this extension host`);
  return extension.activate();
}

/** A dockerode client on the test engine, for arranging and checking (the extension uses its own gateway). */
export function engineDocker(): Docker {
  const host = process.env.DOCKER_HOST;
  if (!host) throw new Error('DOCKER_HOST is not set: these tests need the private engine that `npm test` starts');
  return new Docker({ socketPath: host.replace(/^unix:\/\//, '') });
}

export async function waitUntil<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

let counter = 0;
export function uniqueName(stem: string): string {
  return `dnv-${stem}-${process.pid}-${++counter}`;
}

export async function cleanUpEngine(): Promise<void> {
  const docker = engineDocker();
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=${RUN_ID}`] });
  for (const info of await docker.listContainers({ all: true, filters })) await docker.getContainer(info.Id).remove({ force: true });
  for (const info of await docker.listNetworks({ filters })) await docker.getNetwork(info.Id).remove().catch(() => undefined);
}
