// The topology picture of two engines: dockerNetworks.engines names a second (private) engine; the picture has a
// labelled box per engine with that engine's networks and containers in it, and VS Code's context menu on a network
// of the second engine runs Inspect against that engine. Saves the README's screenshot of the grouped picture.
//
// The setting is machine-scoped, so it goes into the server's Remote (Machine) settings file (see round 8), restored
// in finally.
'use strict';
const fs = require('fs');
const path = require('path');
const {
  openWorkbench,
  openDockerNetworks,
  runCommand,
  waitForTreeRows,
  clearNotifications,
  until,
  testEngine,
  removeTestObjects,
  createTestNetwork,
  createTestContainer,
  activeEditorTitle,
  activeEditorText,
  pickOpenMenuEntry,
  topologyFrame,
  topologyNode,
} = require('./workbench');
const engineScripts = require('../../scripts/engine/private-engine');

const A_NET = 'dn-ui-eng-front';
const A_APP = 'dn-ui-eng-app';
const B_NET = 'dn-ui-eng-b-back';
const B_DB = 'dn-ui-eng-b-db';

const nodeByName = topologyNode;
const inside = (inner, outer) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

module.exports = {
  name: 'topology of two engines: a box per engine, and the context menu acts on the right one',
  async run({ page, server, shot, log }) {
    const file = path.join(server.dirs.udd, 'Machine', 'settings.json');
    const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const docker = testEngine();
    const engine = await engineScripts.startPrivateEngine({ log, stopOnExit: true });
    const other = engineScripts.dockerFor(engine.dockerHost);
    const all = { networks: [A_NET, B_NET], containers: [A_APP, B_DB] };
    try {
      await engineScripts.ensureTestImage(engine.dockerHost, { log });
      await removeTestObjects(docker, all);
      await createTestNetwork(docker, A_NET, { subnet: '10.214.1.0/24' });
      await createTestContainer(docker, A_APP, { network: A_NET, ipv4: '10.214.1.10' });
      await createTestNetwork(other, B_NET, { subnet: '10.214.2.0/24' });
      await createTestContainer(other, B_DB, { network: B_NET, ipv4: '10.214.2.20', aliases: ['db'] });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const base = original ? JSON.parse(original) : {};
      fs.writeFileSync(
        file,
        JSON.stringify({ ...base, 'dockerNetworks.engines': [{ name: 'second engine', host: engine.dockerHost }] }, null, 2),
      );
      log(`arranged ${A_NET} with ${A_APP} on the default engine, ${B_NET} with ${B_DB} on the second (${engine.dockerHost})`);

      await openWorkbench(page, server);
      await openDockerNetworks(page);
      await waitForTreeRows(page, ['Default engine', 'second engine'], { view: 'Networks', timeout: 30000 });
      await runCommand(page, 'Docker Networks: Show Network Topology');
      const frame = await topologyFrame(page);
      const groupNames = () => frame.$$eval('#groups .group text.group-name', els => els.map(e => e.textContent));
      await until(async () => (await groupNames()).length === 2, { timeout: 20000, what: 'two engine boxes' });
      const names = await groupNames();
      if (names.join('|') !== 'Default engine|second engine') throw new Error(`engine boxes: ${JSON.stringify(names)}`);
      await until(async () => (await nodeByName(frame, B_DB).count()) > 0, { timeout: 20000, what: `"${B_DB}" in the picture` });

      // Each engine's nodes are inside its own box.
      const boxes = await frame.$$eval('#groups .group', els =>
        els.map(e => {
          const r = e.querySelector('rect.group-box').getBoundingClientRect();
          return { name: e.querySelector('text.group-name').textContent, x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
      const boxOf = name => boxes.find(b => b.name === name);
      for (const [node, group] of [
        [A_NET, 'Default engine'],
        [A_APP, 'Default engine'],
        [B_NET, 'second engine'],
        [B_DB, 'second engine'],
      ]) {
        // In the page's own coordinates, as the engine boxes above (boundingBox() would be the workbench's).
        const at = await nodeByName(frame, node)
          .locator('rect.box')
          .evaluate(e => {
            const r = e.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          });
        if (!at || !inside(at, boxOf(group)))
          throw new Error(`"${node}" is not inside the box of ${group}: ${JSON.stringify({ at, boxes })}`);
      }
      const summary = await frame.locator('#summary').textContent();
      if (!/^2 engines · /.test(summary)) throw new Error(`the summary does not count the engines: ${summary}`);
      log(`two engine boxes (${names.join(', ')}); each engine's networks and containers inside its own; "${summary}"`);
      await clearNotifications(page);
      await page.mouse.move(5, 5);
      log(`screenshot ${await shot('topology-engines')}`);

      // VS Code's context menu on the second engine's network: the tree's entries, and Inspect reads that engine.
      // VS Code's menu ignores a click that lands while it is still opening: then it is opened and picked again.
      let entries = [];
      const items = page.locator('.monaco-menu .action-item .action-label');
      await until(
        async () => {
          await nodeByName(frame, B_NET).click({ button: 'right' });
          await items.first().waitFor({ timeout: 15000 });
          entries = (await items.allInnerTexts()).map(t => t.trim()).filter(Boolean);
          await pickOpenMenuEntry(page, 'Inspect Network…');
          return until(async () => (await activeEditorTitle(page)).includes(B_NET), { timeout: 5000, what: `the inspect tab of ${B_NET}` })
            .then(() => true)
            .catch(async () => {
              await page.keyboard.press('Escape');
              await page
                .locator('.monaco-menu')
                .waitFor({ state: 'detached', timeout: 5000 })
                .catch(() => {});
              return false;
            });
        },
        { timeout: 30000, what: `the inspect tab of ${B_NET}` },
      );
      for (const entry of ['Connect Container to Network…', 'Inspect Network…', 'Remove Network…'])
        if (!entries.includes(entry)) throw new Error(`the network's menu lacks "${entry}": ${JSON.stringify(entries)}`);
      log(`right-click on "${B_NET}": ${entries.join(' | ')}`);
      const text = await activeEditorText(page);
      if (!text.includes('10.214.2.0/24')) throw new Error(`the inspect document is not engine B's network: ${text.slice(0, 300)}`);
      log(`context menu → Inspect Network… opened "${await activeEditorTitle(page)}" from the second engine`);
    } finally {
      fs.writeFileSync(file, original ?? '{}');
      await removeTestObjects(docker, all);
      await removeTestObjects(other, all);
      await engine.stop();
    }
  },
};
