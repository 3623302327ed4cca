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
    let redraws = 0;
    const counting = api.networksTree.onDidChangeTreeData(() => { redraws++; });
    try {
      await config.update('sortBy', 'created', vscode.ConfigurationTarget.Global);
      await waitFor(() => redraws > 0, 'the Networks view redrawn after the edit');
      // Every listener of that edit has run by now: they are called in one dispatch.
      assert.strictEqual(redraws, 1);
    } finally {
      counting.dispose();
      await config.update('sortBy', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
