// The activated extension's API, which the extension-host tests drive and observe.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DockerNetworksApi } from '../../../src/extension';

export const EXTENSION_ID = 'cnm-tools.docker-networks';

export async function activateExtension(): Promise<DockerNetworksApi> {
  const extension = vscode.extensions.getExtension<DockerNetworksApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this extension host`);
  return extension.activate();
}
