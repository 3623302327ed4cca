// Right-click a container → Check Connectivity To… → pick B: the answer opens in the Markdown preview ("Cannot
// reach", the blockers, the fix) with the fix offered in a notification; its button runs the Connect flow, and the
// open answer turns into "Can reach" with B's address on the network. Its screenshots are the README's pictures.
'use strict';
const {
  openWorkbench,
  openDockerNetworks,
  expandView,
  waitForTreeRows,
  contextMenuPick,
  quickPickSelect,
  notificationButton,
  activeEditorTitle,
  until,
  testEngine,
  removeTestObjects,
  createTestNetwork,
  createTestContainer,
} = require('./workbench');

// Plain names read better in the README; they are labelled, and removeTestObjects only removes labelled ones.
const FRONT = { name: 'frontend', subnet: '10.212.11.0/24' };
const BACK = { name: 'backend', subnet: '10.212.12.0/24' };
const WEB = 'web';
const DB = 'db';

/** The rendered text of the Markdown preview (a webview: an iframe holding the active frame). */
async function previewText(page) {
  const body = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('body');
  return (await body.innerText({ timeout: 2000 }).catch(() => '')).replace(/\u00a0/g, ' ');
}

module.exports = {
  name: 'Check Connectivity explains why A cannot reach B and connects them',
  async run({ page, server, shot, log }) {
    const docker = testEngine();
    await removeTestObjects(docker);
    try {
      await createTestNetwork(docker, FRONT.name, { subnet: FRONT.subnet });
      await createTestNetwork(docker, BACK.name, { subnet: BACK.subnet });
      await createTestContainer(docker, WEB, { network: FRONT.name });
      const db = await createTestContainer(docker, DB, { network: BACK.name, aliases: ['store'] });
      await page.setViewportSize({ width: 1440, height: 900 });
      await openWorkbench(page, server);
      await openDockerNetworks(page);
      await expandView(page, 'Containers');
      const [webRow] = await waitForTreeRows(page, [WEB], { view: 'Containers' });
      log(`menu entry ran by ${await contextMenuPick(page, webRow, 'Check Connectivity To…')}`);
      await quickPickSelect(page, DB);

      const title = await until(async () => /Preview/.test(await activeEditorTitle(page)) && (await activeEditorTitle(page)), {
        timeout: 20000,
        what: 'the Markdown preview tab',
      });
      log(`tab: ${title}`);
      const before = await until(async () => /Cannot reach/.test(await previewText(page)) && (await previewText(page)), {
        timeout: 20000,
        what: 'the preview to say "Cannot reach"',
      });
      for (const part of ['they share no network', 'Fix', 'Reaching the outside and the host'])
        if (!before.includes(part)) throw new Error(`the answer lacks "${part}":\n${before}`);
      log('preview: Cannot reach, the blocker, the fix and the outside section');
      log(`screenshot ${await shot('connectivity-cannot-reach')}`);

      await notificationButton(page, 'cannot reach', `Connect "${DB}" to "${FRONT.name}"…`);
      await quickPickSelect(page, 'Connect with defaults');
      const address = await until(async () => (await db.inspect()).NetworkSettings.Networks[FRONT.name]?.IPAddress, {
        timeout: 20000,
        what: `"${DB}" connected to "${FRONT.name}"`,
      });
      log(`engine: "${DB}" on "${FRONT.name}" at ${address}`);
      const after = await until(async () => /Can reach/.test(await previewText(page)) && (await previewText(page)), {
        timeout: 20000,
        what: 'the open answer to say "Can reach"',
      });
      if (!after.includes(address)) throw new Error(`the answer does not name ${address}:\n${after}`);
      log(`preview: Can reach, at ${address} on ${FRONT.name}`);
      log(`screenshot ${await shot('connectivity-can-reach')}`);
    } finally {
      await removeTestObjects(docker);
    }
  },
};
