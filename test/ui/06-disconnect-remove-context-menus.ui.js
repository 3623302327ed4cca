// The context menus of the Networks tree. Right-click an endpoint → Disconnect Container from Network… →
// modal → Disconnect; then right-click the (now unused) network → Remove Network… → modal naming it → Remove.
'use strict';
const {
  openWorkbench,
  openDockerNetworks,
  waitForTreeRows,
  treeRow,
  contextMenuPick,
  expandRow,
  waitForDialog,
  dialogButton,
  until,
  testEngine,
  removeTestObjects,
  createTestNetwork,
  createTestContainer,
  inspectNetworkOrUndefined,
} = require('./workbench');

const NETWORK = 'dn-ui-menus';
const CONTAINER = 'dn-ui-menus-api';
const SUBNET = '10.212.6.0/24';

module.exports = {
  name: 'Disconnect and Remove from the tree context menus',
  async run({ page, server, shot, log }) {
    const docker = testEngine();
    await removeTestObjects(docker, { networks: [NETWORK], containers: [CONTAINER] });
    try {
      const network = await createTestNetwork(docker, NETWORK, { subnet: SUBNET });
      const container = await createTestContainer(docker, CONTAINER, { network: NETWORK, ipv4: '10.212.6.10' });
      await openWorkbench(page, server);
      await openDockerNetworks(page);
      const [networkRow] = await waitForTreeRows(page, [NETWORK], { view: 'Networks' });
      await until(async () => (await networkRow.getAttribute('aria-expanded')) !== null, {
        timeout: 15000,
        what: `"${NETWORK}" to show its endpoint`,
      });
      await expandRow(networkRow);
      const endpointRow = treeRow(page, CONTAINER, { view: 'Networks' });
      await endpointRow.waitFor();
      log(`arranged "${CONTAINER}" on "${NETWORK}"; right-click the endpoint`);

      log(`menu entry ran by ${await contextMenuPick(page, endpointRow, 'Disconnect Container from Network…')}`);
      const disconnectDialog = await waitForDialog(page, `Disconnect "${CONTAINER}" from "${NETWORK}"?`);
      log(`modal: ${(await disconnectDialog.innerText()).replace(/\s*\n+\s*/g, ' | ')}`);
      log(`screenshot ${await shot('disconnect-modal')}`);
      await dialogButton(page, 'Disconnect');
      await until(async () => !(await container.inspect()).NetworkSettings.Networks[NETWORK], {
        timeout: 15000,
        what: `"${CONTAINER}" disconnected from "${NETWORK}"`,
      });
      const left = await inspectNetworkOrUndefined(docker, network.id);
      if (Object.keys(left.Containers || {}).length)
        throw new Error(`"${NETWORK}" still has endpoints: ${JSON.stringify(left.Containers)}`);
      await endpointRow.waitFor({ state: 'detached', timeout: 15000 });
      log('engine: no endpoint left; the endpoint row is gone');

      log(`menu entry ran by ${await contextMenuPick(page, networkRow, 'Remove Network…')}`);
      const removeDialog = await waitForDialog(page, `Remove network "${NETWORK}"?`);
      log(`modal: ${(await removeDialog.innerText()).replace(/\s*\n+\s*/g, ' | ')}`);
      log(`screenshot ${await shot('remove-modal')}`);
      await dialogButton(page, 'Remove');
      await until(async () => !(await inspectNetworkOrUndefined(docker, network.id)), {
        timeout: 15000,
        what: `"${NETWORK}" removed (404)`,
      });
      await networkRow.waitFor({ state: 'detached', timeout: 15000 });
      log('engine: network inspect answers 404; the row is gone');
    } finally {
      await removeTestObjects(docker, { networks: [NETWORK], containers: [CONTAINER] });
    }
  },
};
