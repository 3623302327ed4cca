// The activated extension's API, which the extension-host tests drive and observe.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DockerNetworksApi } from '../../../src/extension';
import { Answer, ScriptedPrompter } from '../../support/scriptedPrompter';

export const EXTENSION_ID = 'cnm-tools.docker-networks';

export async function activateExtension(): Promise<DockerNetworksApi> {
  const extension = vscode.extensions.getExtension<DockerNetworksApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this extension host`);
  return extension.activate();
}

/** Runs a command with its questions answered from `answers`; every answer must be used. */
export async function withScript<T>(
  api: DockerNetworksApi,
  answers: Answer[],
  run: () => Thenable<T>,
): Promise<{ result: T; prompter: ScriptedPrompter }> {
  const prompter = new ScriptedPrompter(answers);
  const restore = api.usePrompter!(prompter);
  try {
    const result = await run();
    assert.strictEqual(prompter.remaining, 0, `unused answers: the flow asked ${prompter.asked.length} questions`);
    return { result, prompter };
  } finally {
    restore();
  }
}
