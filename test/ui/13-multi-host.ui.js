// Multi-host networking as a user sees it: the two nodes of a real swarm (two engines in network namespaces, VXLAN
// between them, see scripts/engine/swarm-rig.js) are listed in dockerNetworks.engines beside the default engine.
// An attachable overlay with a container on each node is one row, under the manager, "spans 2 nodes", with both
// endpoints, each "on <node>". On the default engine, a network of a test network plugin (a remote driver and IPAM
// driver over a unix socket, scripts/engine/network-plugin.js) shows its endpoint with an address from the plugin.
'use strict';
const fs = require('fs');
const path = require('path');
const { openWorkbench, openDockerNetworks, waitForTreeRows, treeRow, until } = require('./workbench');
const { expandRow, rowDescription, testEngine, testImage } = require('./workbench');
const engineScripts = require('../../scripts/engine/private-engine');
const swarmRig = require('../../scripts/engine/swarm-rig');
const networkPlugin = require('../../scripts/engine/network-plugin');

const LABELS = { 'docker-networks.test': 'ui' };

async function runOn(docker, name, network) {
  const container = await docker.createContainer({
    name,
    Image: testImage(),
    Cmd: ['sleep', '3600'],
    Labels: LABELS,
    HostConfig: { NetworkMode: network },
  });
  await container.start();
  return container;
}

/** Drags the side bar's edge to the right, so the rows' descriptions (node, address, role) are readable whole. */
async function widenSideBar(page) {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (!sidebar) return;
  const edge = sidebar.x + sidebar.width + 1;
  await page.mouse.move(edge, sidebar.y + 200);
  await page.mouse.down();
  await page.mouse.move(edge + 380, sidebar.y + 200, { steps: 8 });
  await page.mouse.up();
}

module.exports = {
  name: 'multi-host: an overlay across two swarm nodes is one network; a plugin network shows its endpoint',
  async run({ page, server, shot, log }) {
    const file = path.join(server.dirs.udd, 'Machine', 'settings.json');
    const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const pair = await swarmRig.spawnSwarmRig({ log });
    // The plugin logs every call it answers: only its start is worth a line here.
    const plugin = await networkPlugin.start({ log: line => /listening/.test(line) && log(line) });
    const local = testEngine();
    const pluginNetwork = 'plugin-net';
    const pluginContainer = 'on-plugin';
    try {
      const manager = engineScripts.dockerFor(pair.manager.dockerHost);
      const worker = engineScripts.dockerFor(pair.worker.dockerHost);
      await manager.createNetwork({
        Name: 'app-overlay',
        Driver: 'overlay',
        Attachable: true,
        Labels: LABELS,
        IPAM: { Config: [{ Subnet: '10.216.207.0/24' }] },
      });
      await runOn(manager, 'web-on-node-1', 'app-overlay');
      await runOn(worker, 'db-on-node-2', 'app-overlay');
      await local.createNetwork({ Name: pluginNetwork, Driver: plugin.name, IPAM: { Driver: plugin.name }, Labels: LABELS });
      await runOn(local, pluginContainer, pluginNetwork);

      fs.mkdirSync(path.dirname(file), { recursive: true });
      const base = original ? JSON.parse(original) : {};
      const engines = [
        { name: 'node-1', host: pair.manager.dockerHost },
        { name: 'node-2', host: pair.worker.dockerHost },
      ];
      fs.writeFileSync(file, JSON.stringify({ ...base, 'dockerNetworks.engines': engines }, null, 2));
      await openWorkbench(page, server);
      await openDockerNetworks(page);
      await waitForTreeRows(page, ['Default engine', 'node-1', 'node-2'], { view: 'Networks', timeout: 60000 });

      const overlayRow = treeRow(page, 'app-overlay', { view: 'Networks' });
      await until(async () => /spans 2 nodes/.test(await rowDescription(overlayRow).catch(() => '')), {
        timeout: 60000,
        what: 'the overlay row saying it spans 2 nodes',
      });
      // Each engine's tree redraws at its own pace: the worker's row goes within a redraw of the manager's merge.
      let overlayRows = 0;
      await until(async () => (overlayRows = await page.locator('.monaco-list-row', { hasText: /^app-overlay/ }).count()) === 1, {
        timeout: 10000,
        what: `the overlay shown once (shown ${overlayRows} times)`,
      });
      await expandRow(overlayRow);
      const [onManager, onWorker] = await waitForTreeRows(page, ['web-on-node-1', 'db-on-node-2'], { view: 'Networks', timeout: 30000 });
      for (const row of [onManager, onWorker]) {
        const description = await rowDescription(row);
        log(`endpoint: ${description}`);
        if (!/^on .+ · 10\.216\.207\.\d+\/24/.test(description))
          throw new Error(`the endpoint does not name its node and address: ${description}`);
      }

      const pluginRow = treeRow(page, pluginNetwork, { view: 'Networks' });
      await until(async () => /1 endpoint/.test(await rowDescription(pluginRow).catch(() => '')), {
        timeout: 30000,
        what: 'the plugin network with its endpoint',
      });
      await expandRow(pluginRow);
      const [endpoint] = await waitForTreeRows(page, [pluginContainer], { view: 'Networks' });
      log(`plugin endpoint: ${await rowDescription(endpoint)}`);
      await widenSideBar(page);
      await page.mouse.move(1100, 700);
      log(`screenshot ${await shot('multi-host')}`);
    } finally {
      fs.writeFileSync(file, original ?? '{}');
      await local
        .getContainer(pluginContainer)
        .remove({ force: true })
        .catch(() => {});
      await local
        .getNetwork(pluginNetwork)
        .remove()
        .catch(() => {});
      await plugin.stop();
      await pair.stop();
    }
  },
};
