// The Network Topology picture: opened from the palette, it shows the networks and containers of the engine with
// each endpoint's address as text in its DOM; a network created from outside appears in it within a second;
// hostile names (markup, script end tags, javascript: links) are shown as text and nothing runs; keyboard, search,
// click (reveal), VS Code's own context menu (right-click or Shift+F10 on a box: the tree's Connect / Disconnect /
// Remove / Inspect entries) and a drag of a container onto a network (Connect) work from the picture; after a
// reload the panel is back, drawn again.
'use strict';
const fs = require('fs');
const path = require('path');
const {
  openWorkbench,
  openDockerNetworks,
  runCommand,
  clearNotifications,
  treeRow,
  until,
  testEngine,
  removeTestObjects,
  createTestNetwork,
  createTestContainer,
  waitForQuickInputText,
  quickInputClosed,
  quickInput,
  activeEditorTitle,
  TEST_LABEL,
  TEST_LABEL_VALUE,
  pickOpenMenuEntry,
  topologyFrame,
  topologyNode,
} = require('./workbench');

const FRONT = 'dn-ui-topo-front';
const BACK = 'dn-ui-topo-back';
const LATE = 'dn-ui-topo-late';
const WEB = 'dn-ui-topo-web';
const IDLE = 'dn-ui-topo-idle';
const DRAG = 'dn-ui-topo-drag';
const EVIL = 'dn-ui-topo-evil';
const WEB_IP = '10.212.11.10';
// Names the engine accepts for networks and aliases, each trying to run script if it were put in as markup.
const HOSTILE_NETWORKS = [
  'dn-ui-<img src=x onerror="window.__pwned=1">',
  'dn-ui-</script><script>window.__pwned=2</script>',
  'javascript:window.__pwned=3',
];
const HOSTILE_ALIASES = ['<img src=x onerror="window.__pwned=4">', 'javascript:window.__pwned=5'];

/** Texts of the boxes' names, and of the lines' labels, as the page has them. */
const namesIn = frame => frame.$$eval('#nodes .node text.name', els => els.map(e => e.textContent));
const labelsIn = frame => frame.$$eval('#edges .edge text.label', els => els.map(e => e.textContent));
const nodeByName = topologyNode;

module.exports = {
  name: 'topology picture: live, readable, hostile-proof, and acted on',
  async run({ page, server, shot, log }) {
    const docker = testEngine();
    const all = { networks: [FRONT, BACK, LATE], containers: [WEB, IDLE, DRAG, EVIL] };
    await removeTestObjects(docker, all);
    try {
      await createTestNetwork(docker, FRONT, { subnet: '10.212.11.0/24' });
      await createTestNetwork(docker, BACK, { subnet: '10.212.12.0/24' });
      // By ID later: dockerode puts a name into the request path as it is.
      const hostileIds = [];
      for (const name of HOSTILE_NETWORKS) hostileIds.push((await createTestNetwork(docker, name)).id);
      const web = await createTestContainer(docker, WEB, { network: FRONT, ipv4: WEB_IP, aliases: ['web', 'frontend'] });
      await createTestContainer(docker, EVIL, { network: BACK, ipv4: '10.212.12.66', aliases: HOSTILE_ALIASES });
      await docker.getNetwork(BACK).connect({ Container: web.id });
      await createTestContainer(docker, IDLE, { network: BACK, ipv4: '10.212.12.20', start: false });
      await createTestContainer(docker, DRAG);
      log(`arranged ${FRONT}, ${BACK}, ${HOSTILE_NETWORKS.length} hostile networks; ${WEB} on both, ${IDLE} stopped, ${DRAG} on bridge`);

      await openWorkbench(page, server);
      await openDockerNetworks(page);
      await treeRow(page, FRONT, { view: 'Networks' }).waitFor({ timeout: 30000 });
      await runCommand(page, 'Docker Networks: Show Network Topology');
      const frame = await topologyFrame(page);
      await until(async () => (await namesIn(frame)).includes(WEB), { timeout: 20000, what: `"${WEB}" in the picture` });

      // What the picture says, read from its DOM.
      const names = await namesIn(frame);
      for (const name of [FRONT, BACK, WEB, IDLE, DRAG, 'bridge', ...HOSTILE_NETWORKS])
        if (!names.includes(name)) throw new Error(`the picture has no box named ${JSON.stringify(name)} (has ${names.length})`);
      const labels = await labelsIn(frame);
      const webLabel = labels.find(l => l.startsWith(`${WEB_IP}/24`));
      if (!webLabel) throw new Error(`no endpoint label with ${WEB_IP}/24 among ${JSON.stringify(labels)}`);
      const evilLabel = labels.find(l => l.startsWith('10.212.12.66/24'));
      for (const alias of HOSTILE_ALIASES)
        if (!evilLabel?.includes(alias)) throw new Error(`the label "${evilLabel}" lacks the alias ${alias}`);
      if (!webLabel.includes('web, frontend')) throw new Error(`the label "${webLabel}" lacks the aliases web, frontend`);
      if (!(await nodeByName(frame, WEB).getAttribute('class')).includes('bridge')) throw new Error(`${WEB} is not drawn as a bridge`);
      const idleEdge = await frame.$$eval('#edges .edge.stopped text.label', els => els.map(e => e.textContent));
      if (!idleEdge.includes('10.212.12.20'))
        throw new Error(`the stopped container's endpoint is not dashed: ${JSON.stringify(idleEdge)}`);
      log(`picture: ${names.length} boxes; ${WEB}'s endpoint reads "${webLabel}"; ${IDLE}'s endpoint is dashed`);

      // Hostile names are text: no element was made from them, no script ran, no link exists.
      const hostile = await frame.evaluate(() => ({
        pwned: window.__pwned,
        images: document.querySelectorAll('img, image, foreignObject, iframe').length,
        // The page's own script, and the one VS Code puts in every webview to define acquireVsCodeApi.
        scripts: [...document.querySelectorAll('script')].map(s => s.src || `inline: ${s.textContent.trim().slice(0, 60)}`),
        links: document.querySelectorAll('a, [href^="javascript"], [src^="javascript"]').length,
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
      }));
      const foreignScripts = hostile.scripts.filter(
        s => !s.endsWith('/dist/webview/topology.js') && !s.startsWith('inline: globalThis.acquireVsCodeApi = '),
      );
      if (hostile.pwned !== undefined || hostile.images || foreignScripts.length || hostile.links || hostile.handlers)
        throw new Error(`hostile text did something: ${JSON.stringify(hostile)}`);
      if (await page.evaluate(() => window.__pwned)) throw new Error('hostile text ran script in the workbench');
      log(`hostile names shown as text; no image, inline script or link in the page; nothing ran`);

      // Export as SVG and PNG through the save dialog: the hostile names are escaped text in the SVG file.
      for (const format of ['svg', 'png']) {
        // The dialog offers network-topology.<format> in the workspace folder; OK takes it.
        const file = path.join(server.folder, `network-topology.${format}`);
        fs.rmSync(file, { force: true });
        await frame.locator(`#export-${format}`).click();
        const input = quickInput(page).locator('input').first();
        await input.waitFor({ state: 'visible', timeout: 15000 });
        await until(async () => (await input.inputValue()).endsWith(`network-topology.${format}`), { what: 'the proposed file name' });
        await input.press('Enter');
        await until(() => fs.existsSync(file) && fs.statSync(file).size > 0, { timeout: 15000, what: `${file} written` });
        const bytes = fs.readFileSync(file);
        if (format === 'png' && bytes.subarray(1, 4).toString() !== 'PNG') throw new Error(`${file} is not a PNG`);
        if (format === 'svg') {
          const text = bytes.toString('utf8');
          if (!text.includes(WEB) || !text.includes('dn-ui-&lt;img src=x onerror="window.__pwned=1"&gt;') || /<img|<script/.test(text))
            throw new Error(`the SVG export does not carry the names as escaped text: ${text.slice(0, 300)}`);
        }
        log(`Export ${format.toUpperCase()} wrote ${bytes.length} bytes to ${file}`);
        fs.rmSync(file, { force: true });
      }

      // The hostile networks have made their point: the rest of the round (and its screenshot) goes on without them.
      await docker.getContainer(EVIL).remove({ force: true });
      for (const id of hostileIds) await docker.getNetwork(id).remove();
      await until(async () => !(await namesIn(frame)).some(n => n === EVIL || HOSTILE_NETWORKS.includes(n)), {
        timeout: 15000,
        what: 'the hostile networks gone from the picture',
      });
      // Live: a network created from outside appears in the open picture.
      // The page notes when the box arrives (same clock as this process), so polling adds nothing to the figure.
      const seen = frame.evaluate(
        name =>
          new Promise(resolve => {
            const has = () => [...document.querySelectorAll('#nodes .node text.name')].some(e => e.textContent === name);
            const observer = new MutationObserver(() => {
              if (has()) {
                observer.disconnect();
                resolve(Date.now());
              }
            });
            observer.observe(document.getElementById('nodes'), { childList: true, subtree: true, characterData: true });
          }),
        LATE,
      );
      const t0 = Date.now();
      await docker.createNetwork({
        Name: LATE,
        Labels: { [TEST_LABEL]: TEST_LABEL_VALUE },
        IPAM: { Config: [{ Subnet: '10.212.13.0/24' }] },
      });
      const created = Date.now();
      const seenAt = await Promise.race([seen, new Promise(resolve => setTimeout(() => resolve(undefined), 10000))]);
      if (!seenAt) throw new Error(`"${LATE}" did not appear in the picture within 10 s`);
      const appeared = seenAt - created;
      log(`"${LATE}" appeared ${appeared} ms after the engine created it (${created - t0} ms for the create call)`);
      if (appeared > 1000) throw new Error(`"${LATE}" took ${appeared} ms to appear (target 1 s)`);

      // Search highlights matches.
      await frame.locator('#search').fill('10.212.12');
      await until(async () => /^[1-9]\d* match/.test(await frame.locator('#matches').textContent()), { what: 'search matches' });
      const matched = await frame.$$eval('.match text.name, .match text.label', els => els.map(e => e.textContent));
      log(`search "10.212.12": ${await frame.locator('#matches').textContent()} (${matched.join(', ')})`);
      if (!matched.some(t => t.includes(BACK))) throw new Error(`${BACK} (10.212.12.0/24) is not highlighted`);
      await frame.locator('#search').fill('');
      // Re-layout closes the holes the removed networks left, and fits the picture to the view.
      const placeOf = () => nodeByName(frame, LATE).getAttribute('transform');
      const heldAt = await placeOf();
      await frame.locator('#relayout').click();
      await until(async () => (await placeOf()) !== heldAt, { timeout: 10000, what: 'Re-layout to move the boxes' });
      await clearNotifications(page);
      await quickInputClosed(page);
      await page.mouse.move(5, 5);
      log(`screenshot ${await shot('topology')}`);

      // Keyboard: focus a box, an arrow moves to another, Enter inspects.
      await nodeByName(frame, FRONT).focus();
      const before = await frame.evaluate(() => document.activeElement?.getAttribute('data-id'));
      let moved;
      for (const key of ['ArrowDown', 'ArrowRight', 'ArrowLeft', 'ArrowUp']) {
        await frame.locator(':focus').press(key);
        moved = await frame.evaluate(() => document.activeElement?.getAttribute('data-id'));
        if (moved && moved !== before) break;
      }
      if (!moved || moved === before) throw new Error('no arrow key moved the focus to another box');
      log(`arrow keys move the focus (${before.slice(0, 14)}… → ${moved.slice(0, 14)}…)`);

      // Click reveals the network in the Networks view.
      await nodeByName(frame, BACK).click();
      await until(async () => (await treeRow(page, BACK, { view: 'Networks' }).getAttribute('aria-selected')) === 'true', {
        timeout: 10000,
        what: `"${BACK}" selected in the Networks view`,
      });
      log(`click on "${BACK}" selected it in the Networks view`);

      // VS Code's own context menu (webview/context) on a container: the tree's entries; Inspect runs the command.
      const menuEntries = async () => {
        const items = page.locator('.monaco-menu .action-item .action-label');
        await items.first().waitFor({ timeout: 15000 });
        return (await items.allInnerTexts()).map(t => t.trim()).filter(Boolean);
      };
      await nodeByName(frame, WEB).click({ button: 'right' });
      const containerEntries = await menuEntries();
      for (const entry of ['Connect Container to Network…', 'Disconnect Container from Network…', 'Inspect Container…'])
        if (!containerEntries.includes(entry))
          throw new Error(`the container's menu lacks "${entry}": ${JSON.stringify(containerEntries)}`);
      if (containerEntries.some(e => /^(Cut|Copy|Paste)$/.test(e)))
        throw new Error(`the menu has the editing entries: ${containerEntries}`);
      log(`right-click on "${WEB}": VS Code's menu with ${containerEntries.join(' | ')}`);
      await page.keyboard.press('Escape');
      const menuClosed = () =>
        page
          .locator('.monaco-menu')
          .waitFor({ state: 'detached', timeout: 5000 })
          .catch(() => {});
      await menuClosed();
      // From the keyboard: Shift+F10 on a focused network box opens the same menu, with the network's entries. (The
      // box is clicked first so that the page, not the workbench the menu closed into, has the keyboard.)
      await until(
        async () => {
          await nodeByName(frame, BACK).click();
          await frame.locator(':focus').press('Shift+F10');
          return page
            .locator('.monaco-menu .action-item .action-label')
            .first()
            .waitFor({ timeout: 3000 })
            .then(() => true)
            .catch(() => false);
        },
        { timeout: 20000, what: 'the menu from Shift+F10' },
      );
      const networkEntries = await menuEntries();
      for (const entry of ['Connect Container to Network…', 'Inspect Network…', 'Remove Network…'])
        if (!networkEntries.includes(entry)) throw new Error(`the network's menu lacks "${entry}": ${JSON.stringify(networkEntries)}`);
      log(`Shift+F10 on "${BACK}": ${networkEntries.join(' | ')}`);
      await page.keyboard.press('Escape');
      await page
        .locator('.monaco-menu')
        .waitFor({ state: 'detached', timeout: 5000 })
        .catch(() => {});
      // A click that lands while the menu is still opening does nothing: open it again and pick again.
      await until(
        async () => {
          await nodeByName(frame, WEB).click({ button: 'right' });
          await menuEntries();
          await pickOpenMenuEntry(page, 'Inspect Container…');
          return until(async () => (await activeEditorTitle(page)).includes(WEB), { timeout: 5000, what: `the inspect tab of ${WEB}` })
            .then(() => true)
            .catch(async () => {
              await page.keyboard.press('Escape');
              await menuClosed();
              return false;
            });
        },
        { timeout: 30000, what: `the inspect tab of ${WEB}` },
      );
      log(`context menu → Inspect Container… opened "${await activeEditorTitle(page)}"`);
      await page.locator('.tabs-container .tab', { hasText: 'Network Topology' }).first().click();
      const again = await topologyFrame(page);

      // Drag a container onto a network: Connect opens with both filled in.
      const from = await nodeByName(again, DRAG).boundingBox();
      const to = await nodeByName(again, FRONT).boundingBox();
      if (!from || !to) throw new Error('boxes to drag between are not on screen');
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      for (let i = 1; i <= 8; i++)
        await page.mouse.move(
          from.x + from.width / 2 + ((to.x - from.x + (to.width - from.width) / 2) * i) / 8,
          from.y + from.height / 2 + ((to.y - from.y + (to.height - from.height) / 2) * i) / 8,
        );
      await page.mouse.up();
      await waitForQuickInputText(page, `Connect "${DRAG}" to "${FRONT}" with the defaults, or set options?`, { timeout: 15000 });
      log(`drag of "${DRAG}" onto "${FRONT}" opened Connect with both filled in`);
      await page.keyboard.press('Escape');
      await quickInputClosed(page);

      // Reload: the serializer brings the panel back and it draws again.
      await page.reload();
      await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
      const restored = await topologyFrame(page, { timeout: 60000 });
      await until(async () => (await namesIn(restored)).includes(LATE), { timeout: 30000, what: 'the restored picture' });
      log('after a reload the panel is back with the picture');
    } finally {
      await removeTestObjects(docker, all);
    }
  },
};
