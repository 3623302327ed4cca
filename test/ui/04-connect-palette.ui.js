// Connect Container to Network from the command palette, with options: an alias and a fixed IPv4
// address. The engine's container inspect and the Networks tree show the new endpoint.
'use strict';
const {
  openWorkbench,
  openDockerNetworks,
  waitForTreeRows,
  treeRow,
  runCommand,
  quickPickSelect,
  typeInQuickInput,
  quickInputAccept,
  quickInputClosed,
  waitForQuickInputTitle,
  quickPickTick,
  quickInput,
  expandRow,
  rowDescription,
  testEngine,
  until,
  removeTestObjects,
  createTestNetwork,
  createTestContainer,
} = require('./workbench');

const NETWORK = 'dn-ui-connect';
const CONTAINER = 'dn-ui-connect-db';
const SUBNET = '10.212.4.0/24';
const ADDRESS = '10.212.4.20';
const TITLE = 'Connect Container to Network';

module.exports = {
  name: 'Connect Container to Network from the palette with alias and fixed IPv4',
  async run({ page, server, shot, log }) {
    const docker = testEngine();
    await removeTestObjects(docker, { networks: [NETWORK], containers: [CONTAINER] });
    try {
      await createTestNetwork(docker, NETWORK, { subnet: SUBNET });
      const container = await createTestContainer(docker, CONTAINER); // on the default bridge, not on NETWORK
      await openWorkbench(page, server);
      await openDockerNetworks(page);
      await waitForTreeRows(page, [NETWORK], { view: 'Networks' });
      await waitForTreeRows(page, [CONTAINER], { view: 'Containers' });
      log(`arranged "${NETWORK}" (${SUBNET}) and running "${CONTAINER}" on bridge`);

      await runCommand(page, `Docker Networks: ${TITLE}…`);
      await waitForQuickInputTitle(page, `${TITLE} (1/3)`);
      await quickPickTick(page, CONTAINER);
      await quickInputAccept(page);

      await waitForQuickInputTitle(page, '(2/3)');
      await quickPickSelect(page, NETWORK);
      await waitForQuickInputTitle(page, '(3/3)');
      await quickPickSelect(page, 'Set options…');

      await waitForQuickInputTitle(page, '(4/4)');
      await quickPickTick(page, 'Aliases');
      await quickPickTick(page, 'IPv4 address');
      log('ticked Aliases and IPv4 address');
      await quickInputAccept(page);

      await waitForQuickInputTitle(page, '(5/6)');
      await typeInQuickInput(page, 'db');
      await waitForQuickInputTitle(page, '(6/6)');
      const suggested = await quickInput(page).locator('input').first().inputValue();
      log(`IPv4 step suggests "${suggested}"`);
      // The network was created without an explicit gateway: the engine took the first address, 10.212.4.1.
      if (suggested === '10.212.4.1')
        log('WARNING: the suggested address is the network\'s (implicit) gateway; connecting with it fails ("Address already in use")');
      await typeInQuickInput(page, ADDRESS, { submit: false });
      await shot('connect-palette-ipv4');
      await page.keyboard.press('Enter');
      await quickInputClosed(page);

      const endpoint = await until(
        async () => {
          const info = await container.inspect();
          return info.NetworkSettings.Networks[NETWORK];
        },
        { timeout: 15000, what: `"${CONTAINER}" connected to "${NETWORK}"` },
      );
      log(
        `engine: IPAMConfig ${JSON.stringify(endpoint.IPAMConfig)}, Aliases ${JSON.stringify(endpoint.Aliases)}, IPAddress ${endpoint.IPAddress}`,
      );
      if (!endpoint.IPAMConfig || endpoint.IPAMConfig.IPv4Address !== ADDRESS)
        throw new Error(`IPAMConfig ${JSON.stringify(endpoint.IPAMConfig)}, expected IPv4Address ${ADDRESS}`);
      if (!(endpoint.Aliases || []).includes('db')) throw new Error(`Aliases ${JSON.stringify(endpoint.Aliases)} lack "db"`);

      const networkRow = treeRow(page, NETWORK, { view: 'Networks' });
      await until(async () => (await networkRow.getAttribute('aria-expanded')) !== null, {
        timeout: 15000,
        what: `"${NETWORK}" to get an endpoint`,
      });
      await expandRow(networkRow);
      const endpointRow = treeRow(page, CONTAINER, { view: 'Networks' });
      await until(async () => (await rowDescription(endpointRow)).includes(`${ADDRESS}/24`), {
        timeout: 15000,
        what: `endpoint row with ${ADDRESS}/24`,
      });
      log(`tree: "${CONTAINER}" ${await rowDescription(endpointRow)}`);
      await page.mouse.move(900, 600);
      log(`screenshot ${await shot('connect-palette-done')}`);
    } finally {
      await removeTestObjects(docker, { networks: [NETWORK], containers: [CONTAINER] });
    }
  },
};
