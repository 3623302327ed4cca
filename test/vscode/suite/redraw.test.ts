// A change redraws only the rows it touches, so VS Code keeps what the user opened and selected.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { TREE_REDRAW_SPACING_MS } from '../../../src/model/drawPacer';
import { networkNodeId } from '../../../src/ui/tree/treeItems';
import { activateExtension } from './extensionApi';
import { cleanUpEngine, engineDocker, RUN_ID, TEST_IMAGE, TEST_LABEL, uniqueName } from '../../support/engineFixture';
import { waitFor } from '../../support/waitFor';

const labels = { [TEST_LABEL]: RUN_ID };

suite('Redraws: only what changed', () => {
  let opened: string;
  let other: string;
  let container: string;

  suiteSetup(async () => {
    const docker = engineDocker();
    opened = uniqueName('opened');
    other = uniqueName('other');
    container = uniqueName('mover');
    await docker.createNetwork({ Name: opened, Labels: labels, IPAM: { Config: [{ Subnet: '10.219.21.0/24' }] } });
    await docker.createNetwork({ Name: other, Labels: labels, IPAM: { Config: [{ Subnet: '10.219.22.0/24' }] } });
    const created = await docker.createContainer({
      name: container,
      Image: TEST_IMAGE,
      Cmd: ['sleep', '86400'],
      Labels: labels,
      HostConfig: { NetworkMode: opened },
    });
    await created.start();
  });

  suiteTeardown(cleanUpEngine);

  test('connecting a container elsewhere redraws that network, and the open, selected network stays so', async () => {
    const api = await activateExtension();
    const openedNetwork = await waitFor(() => {
      const network = api.store.model?.networks.find(n => n.name === opened && n.endpoints.length === 1);
      return network && api.networksTree.findById(networkNodeId(network.id));
    }, 'the opened network with its endpoint');
    assert.ok(openedNetwork.kind === 'network');
    const otherId = api.store.model?.networks.find(n => n.name === other)?.id;
    assert.ok(otherId, 'the other network is loaded');
    await api.networksView.reveal(openedNetwork, { select: true, expand: true });
    await waitFor(
      () => api.networksView.selection.some(node => node.kind === 'network' && node.name === opened),
      'the opened network selected',
    );
    const redrawsBefore = api.networksTree.redraws.length;

    await engineDocker().getNetwork(other).connect({ Container: container });

    await waitFor(
      () => api.networksTree.redraws.slice(redrawsBefore).some(redraw => redraw.ids?.includes(networkNodeId(otherId))),
      'a redraw of the network the container joined',
    );
    const redraws = api.networksTree.redraws.slice(redrawsBefore);
    assert.ok(
      redraws.every(redraw => redraw.ids !== undefined && !redraw.ids.includes(networkNodeId(openedNetwork.id))),
      `only the changed rows are redrawn, never the whole tree or the untouched network: ${JSON.stringify(redraws)}`,
    );
    assert.ok(
      api.networksView.selection.some(node => node.kind === 'network' && node.name === opened),
      'the selection is kept',
    );
  });

  test('Refresh with nothing changed on the engine redraws nothing', async () => {
    const api = await activateExtension();
    await waitFor(() => api.store.snapshot.kind === 'ready', 'the explorer loaded');
    const loadsBefore = api.store.loadCount;
    // Let the reloads that earlier events scheduled run first.
    await waitFor(() => {
      const last = api.networksTree.redraws.at(-1);
      return !last || Date.now() - last.at > 500;
    }, 'no redraw for half a second');
    const redrawsBefore = api.networksTree.redraws.length;
    await vscode.commands.executeCommand('dockerNetworks.refresh');
    assert.ok(api.store.loadCount > loadsBefore, 'the refresh reloaded from the engine');
    // A redraw would be announced within one pacing window of the reload.
    await new Promise(resolve => setTimeout(resolve, TREE_REDRAW_SPACING_MS + 100));
    assert.deepStrictEqual(api.networksTree.redraws.slice(redrawsBefore), [], 'no row was redrawn');
  });
});
