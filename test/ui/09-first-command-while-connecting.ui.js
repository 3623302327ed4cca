// A new window whose first action is the palette: Docker Networks: Create Network… runs while the first connection
// to the engine is still under way (a relay holds every connection to the engine for five seconds). The command waits
// with a "Connecting to the Docker Engine at …" notification instead of refusing, then opens its first step: the
// name prompt with an example and no error on the empty box. No "try again" message appears.
//
// The engine address is changed the way round 8 explains: through the server's Remote (Machine) settings file,
// restored in finally because later rounds share the code-server.
'use strict';
const fs = require('fs');
const path = require('path');
const {
  openWorkbench,
  activityBarItem,
  WORKBENCH_TIMEOUT,
  runCommand,
  notification,
  waitForQuickInputTitle,
  quickInput,
  quickInputMessage,
  quickInputClosed,
} = require('./workbench');
const { startEngineProxy } = require('../../out/test/support/engineProxy');

// Longer than the palette can take to run the command: VS Code may activate the extension (and so start the
// connection) while the palette is still filtering, and the command must still find the connection under way.
const HOLD_MS = 5000;

module.exports = {
  name: 'first palette command in a new window waits for the engine and opens Create Network',
  async run({ page, server, shot, log }) {
    const engineSocket = (process.env.DOCKER_HOST || '').replace(/^unix:\/\//, '');
    const proxy = await startEngineProxy(engineSocket, { holdMs: HOLD_MS });
    const file = path.join(server.dirs.udd, 'Machine', 'settings.json');
    const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(
        file,
        JSON.stringify({ ...(original ? JSON.parse(original) : {}), 'dockerNetworks.host': proxy.dockerHost }, null, 2),
      );
      log(`dockerNetworks.host = ${proxy.dockerHost} (each connection held ${HOLD_MS} ms)`);

      await openWorkbench(page, server);
      // The palette lists what the workbench knew when it opened: wait until the extension is registered (its
      // activity-bar icon shows) without opening the side bar, which would activate it before the palette does.
      await activityBarItem(page).waitFor({ timeout: WORKBENCH_TIMEOUT });
      await runCommand(page, 'Docker Networks: Create Network…');
      const connecting = await notification(page, 'Connecting to the Docker Engine at');
      log(`while connecting: "${await connecting.locator('.notification-list-item-message').innerText()}"`);
      await shot('first-command-connecting');

      await waitForQuickInputTitle(page, 'Create Network (1/4)');
      const placeholder = await quickInput(page).locator('input').first().getAttribute('placeholder');
      const widget = (await quickInput(page).innerText()).replace(/\s*\n+\s*/g, ' | ');
      log(`first step: ${widget} (placeholder "${placeholder}")`);
      if (!/Name of the new network/.test(widget)) throw new Error(`the first step does not say what it asks: "${widget}"`);
      if (!/e\.g\./.test(placeholder || '')) throw new Error(`the name box shows no example: "${placeholder}"`);
      const message = await quickInputMessage(page);
      if (/needs a name/.test(message)) throw new Error(`the empty name box opened with an error: "${message}"`);
      await shot('first-command-name-step');

      const toasts = await page
        .locator('.notifications-toasts')
        .innerText()
        .catch(() => '');
      if (/try again/i.test(toasts)) throw new Error(`a "try again" message was shown: "${toasts}"`);
      await page.keyboard.press('Escape');
      await quickInputClosed(page);
    } finally {
      fs.writeFileSync(file, original ?? '{}');
      await proxy.close();
    }
  },
};
