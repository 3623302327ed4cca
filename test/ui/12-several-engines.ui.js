// Two engines in one window, as a user sets it up: dockerNetworks.engines names a second (private) engine. Both views
// show one root per engine with its endpoint, each above its own networks; the status bar says 2/2 engines. When
// the second engine stops, its root says it is unreachable, the status bar says 1/2, and the default engine's
// networks stay on screen.
//
// The setting is machine-scoped, so it goes into the server's Remote (Machine) settings file (see round 8), restored
// in finally.
'use strict';
const fs = require('fs');
const path = require('path');
const { openWorkbench, openDockerNetworks, waitForTreeRows, treeLabels, treeRow, until } = require('./workbench');
const engineScripts = require('../../scripts/engine/private-engine');

module.exports = {
  name: 'several engines: one root per engine, each with its own state',
  async run({ page, server, shot, log }) {
    const file = path.join(server.dirs.udd, 'Machine', 'settings.json');
    const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const engine = await engineScripts.startPrivateEngine({ log, stopOnExit: true });
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const base = original ? JSON.parse(original) : {};
      fs.writeFileSync(
        file,
        JSON.stringify({ ...base, 'dockerNetworks.engines': [{ name: 'second engine', host: engine.dockerHost }] }, null, 2),
      );
      await openWorkbench(page, server);
      await openDockerNetworks(page);
      await waitForTreeRows(page, ['Default engine', 'second engine'], { view: 'Networks', timeout: 30000 });
      const statusBar = page.locator('.statusbar-item', { hasText: /engines/ }).first();
      await until(async () => /2\/2 engines/.test(await statusBar.innerText().catch(() => '')), {
        timeout: 15000,
        what: '"2/2 engines" in the status bar',
      });
      let labels = [];
      await until(async () => (labels = await treeLabels(page, { view: 'Networks' })).filter(l => l === 'bridge').length === 2, {
        timeout: 15000,
        what: `a bridge row under each engine (rows: ${labels.join(', ')})`,
      });
      log(`Networks rows: ${labels.join(' | ')}`);
      const second = treeRow(page, 'second engine', { view: 'Networks' });
      const description = await second.locator('.label-description').innerText();
      log(`second engine row: ${description}`);
      if (!description.includes(engine.dockerHost)) throw new Error(`the root does not show its endpoint: ${description}`);
      await page.mouse.move(900, 600);
      log(`screenshot ${await shot('several-engines')}`);

      await engine.stop();
      await until(
        async () =>
          /unreachable/.test(
            await second
              .locator('.label-description')
              .innerText()
              .catch(() => ''),
          ),
        {
          timeout: 30000,
          what: 'the second engine marked unreachable',
        },
      );
      await until(async () => /1\/2 engines/.test(await statusBar.innerText().catch(() => '')), { timeout: 15000, what: '"1/2 engines"' });
      labels = await treeLabels(page, { view: 'Networks' });
      log(`after the second engine stopped: ${labels.join(' | ')}`);
      if (!labels.includes('bridge')) throw new Error('the default engine lost its rows when another engine went down');
      if (!labels.includes('Retry Connection')) throw new Error('no Retry Connection under the lost engine');
      log(`screenshot ${await shot('several-engines-one-down')}`);
    } finally {
      fs.writeFileSync(file, original ?? '{}');
      await engine.stop();
    }
  },
};
