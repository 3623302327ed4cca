// Settings edits as the user makes them: each one reaches the extension once.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from '../../support/waitFor';
import { activateExtension } from './extensionApi';

suite('Settings', () => {
  test('one edit of a view setting redraws the Networks view once', async () => {
    const api = await activateExtension();
    await waitFor(() => api.store.model, 'the explorer loaded');
    const config = vscode.workspace.getConfiguration('dockerNetworks');
    // The tree also redraws for every change of the engine data (other suites' clean-up may still send events):
    // those are counted apart and left out.
    let redraws = 0;
    let dataChanges = 0;
    const counting = [
      api.networksTree.onDidChangeTreeData(() => {
        redraws++;
      }),
      api.store.onDidChange(() => {
        dataChanges++;
      }),
    ];
    try {
      await config.update('sortBy', 'created', vscode.ConfigurationTarget.Global);
      await waitFor(() => redraws - dataChanges > 0, 'the Networks view redrawn after the edit');
      // Every listener of that edit has run by now: they are called in one dispatch.
      assert.strictEqual(redraws - dataChanges, 1);
    } finally {
      counting.forEach(subscription => subscription.dispose());
      await config.update('sortBy', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
