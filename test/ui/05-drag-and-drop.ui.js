// Drag a container from the Containers view onto a network in the Networks view. The Connect wizard
// opens straight at its options step; "Connect with defaults" connects it.
// Playwright's locator.dragTo() (real mouse down/move/up; Chromium runs the HTML5 drag and drop) is what this round
// uses; UI_DND=dispatch switches to synthetic dragstart/dragover/drop events with one shared DataTransfer instead.
'use strict';
const {
  openWorkbench,
  openDockerNetworks,
  expandView,
  waitForTreeRows,
  treeRow,
  quickPickSelect,
  waitForQuickInputText,
  quickInputTitle,
  quickInputClosed,
  expandRow,
  rowDescription,
  dragRowOnto,
  until,
  testEngine,
  removeTestObjects,
  createTestNetwork,
  createTestContainer,
} = require('./workbench');

const NETWORK = 'dn-ui-drop';
const CONTAINER = 'dn-ui-drop-web';
const SUBNET = '10.212.5.0/24';

module.exports = {
  name: 'drag a container onto a network to connect it',
  async run({ page, server, shot, log }) {
    const docker = testEngine();
    await removeTestObjects(docker, { networks: [NETWORK], containers: [CONTAINER] });
    try {
      await createTestNetwork(docker, NETWORK, { subnet: SUBNET });
      const container = await createTestContainer(docker, CONTAINER);
      await openWorkbench(page, server);
      await openDockerNetworks(page);
      await expandView(page, 'Containers');
      const [networkRow] = await waitForTreeRows(page, [NETWORK], { view: 'Networks' });
      const [containerRow] = await waitForTreeRows(page, [CONTAINER], { view: 'Containers' });
      log(`arranged "${NETWORK}" (${SUBNET}) and "${CONTAINER}"; dragging the container onto the network`);

      // A drag that starts while the tree re-renders can be lost: retry, alternating the two ways of dragging.
      const placeholder = `Connect "${CONTAINER}" to "${NETWORK}" with the defaults, or set options?`;
      const ways =
        process.env.UI_DND === 'dispatch'
          ? ['dispatched HTML5 drag events', 'locator.dragTo()']
          : ['locator.dragTo()', 'dispatched HTML5 drag events'];
      let how;
      for (let attempt = 0; attempt < 4 && !how; attempt++) {
        const way = ways[attempt % 2];
        if (way === 'locator.dragTo()') await containerRow.dragTo(networkRow);
        else await dragRowOnto(page, containerRow, networkRow);
        if (
          await waitForQuickInputText(page, placeholder, { timeout: 5000 }).then(
            () => true,
            () => false,
          )
        )
          how = way;
        else log(`drop via ${way} did not open the wizard; trying again`);
      }
      if (!how)
        throw new Error(
          'No drop opened the Connect wizard: did handleDrop get the container ids? ' +
            '(a drag from the Containers view carries the mime type twice, an empty placeholder first)',
        );
      log(`drop via ${how} opened the wizard: "${await quickInputTitle(page)}" / ${placeholder}`);
      log(`screenshot ${await shot('drag-and-drop-options')}`);
      await quickPickSelect(page, 'Connect with defaults');
      await quickInputClosed(page);

      const endpoint = await until(async () => (await container.inspect()).NetworkSettings.Networks[NETWORK], {
        timeout: 15000,
        what: `"${CONTAINER}" connected to "${NETWORK}"`,
      });
      log(`engine: "${CONTAINER}" on "${NETWORK}" with ${endpoint.IPAddress}/${endpoint.IPPrefixLen}`);
      if (!endpoint.IPAddress?.startsWith('10.212.5.')) throw new Error(`unexpected address ${endpoint.IPAddress}`);

      await until(async () => (await networkRow.getAttribute('aria-expanded')) !== null, {
        timeout: 15000,
        what: `"${NETWORK}" to get an endpoint`,
      });
      await expandRow(networkRow);
      const endpointRow = treeRow(page, CONTAINER, { view: 'Networks' });
      await until(async () => (await rowDescription(endpointRow)).includes(endpoint.IPAddress), {
        timeout: 15000,
        what: 'the endpoint row',
      });
      log(`tree: "${CONTAINER}" ${await rowDescription(endpointRow)}`);
      await page.mouse.move(900, 600);
      log(`screenshot ${await shot('drag-and-drop-done')}`);
    } finally {
      await removeTestObjects(docker, { networks: [NETWORK], containers: [CONTAINER] });
    }
  },
};
