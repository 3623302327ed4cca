// The Networks tree follows the engine live. A network and a container created from outside with the
// docker CLI show up without pressing Refresh (the container as an endpoint row with its address), and disappear
// again when they are removed from outside.
'use strict';
const {
  openWorkbench,
  openDockerNetworks,
  waitForTreeRows,
  treeRow,
  treeLabels,
  expandRow,
  rowDescription,
  testEngine,
  testImage,
  until,
  removeTestObjects,
  dockerCli,
  TEST_LABEL,
  TEST_LABEL_VALUE,
} = require('./workbench');

const NETWORK = 'dn-ui-live';
const CONTAINER = 'dn-ui-live-app';
const SUBNET = '10.212.2.0/24';
const ADDRESS = '10.212.2.10';

module.exports = {
  name: 'live tree: outside changes show without Refresh',
  async run({ page, server, shot, log }) {
    const docker = testEngine();
    await removeTestObjects(docker, { networks: [NETWORK], containers: [CONTAINER] });
    try {
      await openWorkbench(page, server);
      await openDockerNetworks(page);
      await waitForTreeRows(page, ['bridge', 'host', 'none'], { view: 'Networks' });
      log('tree shows the built-in networks; creating a network and a container with the docker CLI');

      const label = `${TEST_LABEL}=${TEST_LABEL_VALUE}`;
      dockerCli(['network', 'create', '--label', label, '--subnet', SUBNET, NETWORK]);
      const networkRow = treeRow(page, NETWORK, { view: 'Networks' });
      await networkRow.waitFor({ timeout: 15000 });
      log(`"${NETWORK}" appeared (${await rowDescription(networkRow)})`);

      dockerCli(['run', '-d', '--name', CONTAINER, '--label', label, '--network', NETWORK, '--ip', ADDRESS, testImage(), 'sleep', '86400']);
      // The row becomes collapsible once the endpoint is known.
      await until(async () => (await networkRow.getAttribute('aria-expanded')) !== null, {
        timeout: 15000,
        what: `"${NETWORK}" to get an endpoint`,
      });
      await expandRow(networkRow);
      const endpointRow = treeRow(page, CONTAINER, { view: 'Networks' });
      await endpointRow.waitFor({ timeout: 15000 });
      await until(async () => (await rowDescription(endpointRow)).includes(`${ADDRESS}/24`), {
        timeout: 15000,
        what: `endpoint description with ${ADDRESS}/24`,
      });
      log(`endpoint "${CONTAINER}" shows "${await rowDescription(endpointRow)}"; network "${await rowDescription(networkRow)}"`);
      if (!(await rowDescription(networkRow)).includes(SUBNET))
        throw new Error(`network row does not name ${SUBNET}: "${await rowDescription(networkRow)}"`);
      await page.mouse.move(900, 600);
      log(`screenshot ${await shot('live-tree')}`);

      dockerCli(['rm', '-f', CONTAINER]);
      await endpointRow.waitFor({ state: 'detached', timeout: 15000 });
      log('endpoint row gone after docker rm -f');
      dockerCli(['network', 'rm', NETWORK]);
      await networkRow.waitFor({ state: 'detached', timeout: 15000 });
      const labels = await treeLabels(page, { view: 'Networks' });
      if (labels.includes(NETWORK) || !labels.includes('bridge')) throw new Error(`unexpected rows after removal: ${labels.join(', ')}`);
      log(`network row gone after docker network rm; rows: ${labels.join(', ')}`);
    } finally {
      await removeTestObjects(docker, { networks: [NETWORK], containers: [CONTAINER] });
    }
  },
};
