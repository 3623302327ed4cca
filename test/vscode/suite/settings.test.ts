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
    // The tree also redraws for changes of the engine data (other suites' clean-up may still send events):
    // those are told apart by their cause and left out.
    const before = api.networksTree.redraws.length;
    const displayRedraws = () => api.networksTree.redraws.slice(before).filter(redraw => redraw.cause === 'display').length;
    try {
      await config.update('sortBy', 'created', vscode.ConfigurationTarget.Global);
      await waitFor(() => displayRedraws() > 0, 'the Networks view redrawn after the edit');
      // Every listener of that edit has run by now: they are called in one dispatch.
      assert.strictEqual(displayRedraws(), 1);
    } finally {
      await config.update('sortBy', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
