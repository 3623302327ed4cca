// A frozen engine (SIGSTOP: the socket accepts, nothing answers) must not leave the workbench waiting: Refresh and
// Create Network end with a timeout that names the engine, the Networks view says the engine does not answer, no
// progress bar or progress notification stays up, and after SIGCONT the view is live again within 5 s by itself.
//
// The round starts its own private engine, so freezing it touches nothing else, and points the extension at it
// through the Remote settings file (see 08-engine-unreachable.ui.js for why that file), with a 2 s request timeout.
'use strict';
const fs = require('fs');
const path = require('path');
const { openWorkbench, openDockerNetworks, waitForTreeRows, viewPane, until, runCommand, treeRow } = require('./workbench');
const engineScripts = require('../../scripts/engine/private-engine');

const TIMEOUT_SECONDS = 2;

/** Every progress indicator on screen: view and editor progress bars, and notifications that show progress. */
function visibleProgress(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.monaco-progress-container.active, .notification-toast .monaco-progress-container.infinite')]
      .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
      .map(el => (el.closest('.pane, .notification-toast, .part') || el).textContent.trim().slice(0, 80)),
  );
}

module.exports = {
  name: 'frozen engine: timeouts name it, nothing keeps spinning, and it is live again after SIGCONT',
  async run({ page, server, shot, log }) {
    const file = path.join(server.dirs.udd, 'Machine', 'settings.json');
    const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const restore = () => fs.writeFileSync(file, original ?? '{}');
    const engine = await engineScripts.startPrivateEngine({ log, stopOnExit: true });
    const resume = () => {
      try {
        process.kill(engine.pid, 'SIGCONT');
      } catch {
        /* already gone */
      }
    };
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const base = original ? JSON.parse(original) : {};
      const settings = { ...base, 'dockerNetworks.host': engine.dockerHost, 'dockerNetworks.requestTimeoutSeconds': TIMEOUT_SECONDS };
      fs.writeFileSync(file, JSON.stringify(settings, null, 2));
      await openWorkbench(page, server);
      await openDockerNetworks(page);
      await waitForTreeRows(page, ['bridge', 'host', 'none'], { view: 'Networks', timeout: 30000 });
      const pane = viewPane(page, 'Networks');

      process.kill(engine.pid, 'SIGSTOP');
      log(`froze dockerd ${engine.pid}`);
      await runCommand(page, 'Docker Networks: Refresh');
      await runCommand(page, 'Docker Networks: Create Network…');
      const failure = page.locator('.notifications-toasts .notification-toast', { hasText: /did not answer/ }).first();
      await failure.waitFor({ timeout: 20000 });
      const failureText = (await failure.innerText()).replace(/\s+/g, ' ');
      log(`notification: ${failureText}`);
      if (!failureText.includes(engine.dockerHost)) throw new Error(`the timeout does not name ${engine.dockerHost}: ${failureText}`);
      let text = '';
      await until(async () => /did not answer|does not answer/.test((text = await pane.innerText())), {
        timeout: 20000,
        what: `the Networks view saying the engine does not answer (shows: ${text})`,
      });
      log(`Networks pane: ${text.replace(/\s*\n+\s*/g, ' | ')}`);
      let spinning = [];
      await until(async () => (spinning = await visibleProgress(page)).length === 0, {
        timeout: TIMEOUT_SECONDS * 1000 + 3000,
        what: `every progress indicator to end (still up: ${JSON.stringify(spinning)})`,
      });
      // The last snapshot may stay on screen, but only under a message that says it is old and since when.
      if (text.includes('bridge ·') && !/Not refreshed since \d/.test(text)) throw new Error(`old networks are shown as live: ${text}`);
      log(`screenshot ${await shot('engine-frozen')}`);

      const resumed = Date.now();
      resume();
      await waitForTreeRows(page, ['bridge', 'host', 'none'], { view: 'Networks', timeout: 5000 });
      const name = `dn-ui-thawed-${process.pid}`;
      await engineScripts.dockerFor(engine.dockerHost).createNetwork({ Name: name });
      await treeRow(page, name, { view: 'Networks' }).waitFor({ timeout: Math.max(1000, 5000 - (Date.now() - resumed)) });
      log(`live again: a network created after SIGCONT showed ${Date.now() - resumed} ms after SIGCONT`);
    } finally {
      resume();
      restore();
      await engine.stop();
    }
  },
};
