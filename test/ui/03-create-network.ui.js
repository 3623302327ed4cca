// The Create Network wizard through the command palette, with options: a bridge network with a chosen
// IPv4 subnet and gateway. Checks the step counter in the title, the live validation of a subnet with host bits,
// the new network selected in the tree, and what the engine created.
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
  quickInputMessage,
  quickInputClosed,
  quickInputTitle,
  waitForQuickInputTitle,
  quickPickTick,
  quickInput,
  rowDescription,
  testEngine,
  until,
  removeTestObjects,
  inspectNetworkOrUndefined,
} = require('./workbench');

const NETWORK = 'dn-ui-created';
const SUBNET = '10.212.3.0/24';
const GATEWAY = '10.212.3.1';

module.exports = {
  name: 'Create Network wizard with a subnet and gateway',
  async run({ page, server, shot, log }) {
    const docker = testEngine();
    await removeTestObjects(docker, { networks: [NETWORK] });
    try {
      await openWorkbench(page, server);
      await openDockerNetworks(page);
      await waitForTreeRows(page, ['bridge'], { view: 'Networks' });

      await runCommand(page, 'Docker Networks: Create Network…');
      await waitForQuickInputTitle(page, 'Create Network (1/4)');
      log(`step 1 title: "${await quickInputTitle(page)}"`);
      await typeInQuickInput(page, NETWORK);

      await waitForQuickInputTitle(page, '(2/4)');
      await quickPickSelect(page, 'bridge');
      await waitForQuickInputTitle(page, '(3/4)');
      await quickPickSelect(page, 'Configure options…');

      // The checklist is step 4 of 5 until something is ticked; with the IPv4 subnet the wizard has 9 steps:
      // name, driver, mode, checklist, subnet, gateway, IP range, auxiliary addresses, summary.
      await waitForQuickInputTitle(page, '(4/5)');
      await quickPickTick(page, 'IPv4 subnet…');
      log('ticked "IPv4 subnet…"');
      await quickInputAccept(page);

      await waitForQuickInputTitle(page, '(5/9)');
      const input = quickInput(page).locator('input').first();
      const suggested = await input.inputValue();
      log(`subnet step suggests "${suggested}"`);
      await typeInQuickInput(page, '10.212.3.7/24', { submit: false });
      await until(async () => /host bits/.test(await quickInputMessage(page)), {
        timeout: 10000,
        what: 'the host-bits validation message',
      });
      const message = await quickInputMessage(page);
      log(`validation: "${message}"`);
      if (!message.includes(SUBNET)) throw new Error(`validation message does not suggest ${SUBNET}: "${message}"`);
      // An error blocks Enter: still on step 5. An Enter that went through late would create the network with the
      // invalid subnet, which the check of what the engine created (below) catches, so no pause is needed here.
      await page.keyboard.press('Enter');
      if (!(await quickInputTitle(page)).includes('(5/9)'))
        throw new Error(`Enter with an invalid subnet left the step: "${await quickInputTitle(page)}"`);
      await shot('create-network-validation');
      await typeInQuickInput(page, SUBNET, { submit: false });
      await until(async () => !(await quickInputMessage(page)).includes('host bits'), {
        timeout: 10000,
        what: 'the validation message to clear',
      });
      await page.keyboard.press('Enter');

      await waitForQuickInputTitle(page, '(6/9)');
      await typeInQuickInput(page, GATEWAY);
      await waitForQuickInputTitle(page, '(7/9)');
      await typeInQuickInput(page, '');
      await waitForQuickInputTitle(page, '(8/9)');
      await typeInQuickInput(page, '');
      await waitForQuickInputTitle(page, '(9/9)');
      const summary = await quickInput(page).locator('input').first().getAttribute('placeholder');
      log(`summary: "${summary}"`);
      await quickPickSelect(page, `Create network "${NETWORK}"`);
      await quickInputClosed(page);

      const row = treeRow(page, NETWORK, { view: 'Networks' });
      await row.waitFor({ timeout: 15000 });
      await until(async () => (await row.getAttribute('aria-selected')) === 'true', {
        timeout: 10000,
        what: `"${NETWORK}" selected in the tree`,
      });
      log(`"${NETWORK}" shows selected: "${await rowDescription(row)}"`);
      await page.mouse.move(900, 600);
      log(`screenshot ${await shot('create-network-done')}`);

      const inspected = await inspectNetworkOrUndefined(docker, NETWORK);
      if (!inspected) throw new Error(`the engine has no network "${NETWORK}"`);
      const config = inspected.IPAM?.Config || [];
      log(`engine: driver ${inspected.Driver}, IPAM ${JSON.stringify(config)}`);
      if (inspected.Driver !== 'bridge') throw new Error(`driver ${inspected.Driver}, expected bridge`);
      if (config.length !== 1 || config[0].Subnet !== SUBNET || config[0].Gateway !== GATEWAY) {
        throw new Error(`IPAM config ${JSON.stringify(config)}, expected subnet ${SUBNET} gateway ${GATEWAY}`);
      }
    } finally {
      await removeTestObjects(docker, { networks: [NETWORK] });
    }
  },
};
