// Right-click a network → Inspect Network… opens a read-only editor tab named after the network with
// the engine's JSON. Its screenshot (inspect-tab.png) is the README picture: a network with a subnet and two
// containers, the tree expanded beside the JSON.
'use strict';
const {
  openWorkbench,
  openDockerNetworks,
  waitForTreeRows,
  contextMenuPick,
  expandRow,
  rowDescription,
  activeEditorTitle,
  activeEditorText,
  until,
  testEngine,
  removeTestObjects,
  createTestNetwork,
  createTestContainer,
} = require('./workbench');

// Plain names read better in the README; they are labelled, and removeTestObjects only removes labelled ones.
const NETWORK = 'backend';
const SUBNET = '10.212.7.0/24';
const GATEWAY = '10.212.7.1';
const CONTAINERS = [
  { name: 'api', ipv4: '10.212.7.10' },
  { name: 'db', ipv4: '10.212.7.20', aliases: ['database'] },
];

module.exports = {
  name: 'Inspect Network opens the JSON in an editor tab',
  async run({ page, server, shot, log }) {
    const docker = testEngine();
    await removeTestObjects(docker);
    try {
      const network = await createTestNetwork(docker, NETWORK, {
        subnet: SUBNET,
        gateway: GATEWAY,
        labels: { 'com.example.team': 'payments' },
      });
      for (const c of CONTAINERS) await createTestContainer(docker, c.name, { network: NETWORK, ipv4: c.ipv4, aliases: c.aliases });
      await page.setViewportSize({ width: 1440, height: 860 });
      await openWorkbench(page, server);
      await openDockerNetworks(page);
      const [networkRow] = await waitForTreeRows(page, [NETWORK], { view: 'Networks' });
      // A wider side bar, so the descriptions (driver · subnet · endpoints, addresses) show in full.
      const sidebar = await page.locator('.part.sidebar').boundingBox();
      await page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + sidebar.height / 2);
      await page.mouse.down();
      await page.mouse.move(sidebar.x + sidebar.width + 120, sidebar.y + sidebar.height / 2, { steps: 8 });
      await page.mouse.up();
      log(`side bar ${Math.round(sidebar.width)} px → ${Math.round((await page.locator('.part.sidebar').boundingBox()).width)} px wide`);
      await until(async () => (await rowDescription(networkRow)).includes('2 endpoints'), {
        timeout: 15000,
        what: `"${NETWORK}" with 2 endpoints`,
      });
      await expandRow(networkRow);
      await waitForTreeRows(
        page,
        CONTAINERS.map(c => c.name),
        { view: 'Networks' },
      );
      log(`tree: ${NETWORK} (${await rowDescription(networkRow)}), ${CONTAINERS.map(c => c.name).join(', ')}`);

      log(`menu entry ran by ${await contextMenuPick(page, networkRow, 'Inspect Network…')}`);
      await until(async () => (await activeEditorTitle(page)).includes(NETWORK), {
        timeout: 15000,
        what: `an editor tab named "${NETWORK}"`,
      });
      const title = await activeEditorTitle(page);
      const text = await until(
        async () => {
          const t = await activeEditorText(page);
          return t.includes(network.id) && t.includes(SUBNET) ? t : undefined;
        },
        { timeout: 15000, what: 'the inspect JSON in the editor' },
      );
      for (const expected of [`"Name": "${NETWORK}"`, `"Subnet": "${SUBNET}"`, `"Gateway": "${GATEWAY}"`]) {
        if (!text.includes(expected)) throw new Error(`inspect document lacks ${expected}:\n${text.slice(0, 600)}`);
      }
      log(`editor tab "${title}" shows the JSON (${text.split('\n').length} visible lines, with ${SUBNET} and gateway ${GATEWAY})`);
      await page.mouse.move(1100, 700);
      // The README picture: no hover left over from the last click.
      await until(async () => (await page.locator('.monaco-hover:visible, .workbench-hover-container:visible').count()) === 0, {
        timeout: 5000,
        what: 'hovers to close',
      });
      log(`screenshot ${await shot('inspect-tab')}`);
    } finally {
      await removeTestObjects(docker);
    }
  },
};
