// With dockerNetworks.host pointing at a socket that does not exist, the Networks view shows the cause
// ("Docker Engine not reachable at … no socket at …") as its message, with Retry Connection / Open Settings / Show Log
// rows under it; restoring the setting brings bridge, host and none back by itself.
//
// How the setting is changed: dockerNetworks.host is machine-scoped, and code-server is a remote window, where
// VS Code ignores machine-scoped values of the (browser-side) User settings. So the round writes the server's
// Remote settings file <user-data-dir>/Machine/settings.json (what Preferences: Open Remote Settings (JSON) edits);
// VS Code watches it and the extension reconnects on the configuration change. The file is restored in finally:
// the code-server (and its settings) is shared by every later round.
'use strict';
const fs = require('fs');
const path = require('path');
const { openWorkbench, openDockerNetworks, waitForTreeRows, viewPane, until } = require('./workbench');

const MISSING = '/tmp/dn-ui-missing-engine/docker.sock';

module.exports = {
  name: 'engine unreachable: the cause and what to do, then recovery',
  async run({ page, server, shot, log }) {
    const file = path.join(server.dirs.udd, 'Machine', 'settings.json');
    const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const writeSettings = settings => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(settings, null, 2));
    };
    // Rewritten rather than deleted: VS Code notices a changed settings file more reliably than a removed one.
    const restore = () => fs.writeFileSync(file, original ?? '{}');
    try {
      await openWorkbench(page, server);
      await openDockerNetworks(page);
      await waitForTreeRows(page, ['bridge', 'host', 'none'], { view: 'Networks' });

      const base = original ? JSON.parse(original) : {};
      writeSettings({ ...base, 'dockerNetworks.host': `unix://${MISSING}` });
      log(`set dockerNetworks.host = unix://${MISSING} in ${file}`);
      const pane = viewPane(page, 'Networks');
      await waitForTreeRows(page, ['Retry Connection', 'Open Settings', 'Show Log'], { view: 'Networks', timeout: 15000 });
      // The action rows already show while the extension is still "Connecting to …"; the cause follows once the
      // first attempt fails, so wait for it rather than read the pane once.
      const paneText = async () => (await pane.innerText()).replace(/\s*\n+\s*/g, ' | ');
      let text = '';
      try {
        await until(async () => (text = await paneText()).includes(`no socket at ${MISSING}`), { timeout: 15000 });
      } catch {
        throw new Error(`the cause "no socket at ${MISSING}" is not shown in the Networks view: ${text}`);
      }
      log(`Networks pane: ${text}`);
      if (/\bbridge\b/.test(text.replace(/dockerNetworks\.host/g, ''))) throw new Error(`stale networks are still shown: ${text}`);
      await page.mouse.move(900, 600);
      log(`screenshot ${await shot('engine-unreachable')}`);

      restore();
      log('setting restored');
      await waitForTreeRows(page, ['bridge', 'host', 'none'], { view: 'Networks', timeout: 20000 });
      await until(async () => !(await pane.innerText()).includes('Retry Connection'), { timeout: 5000, what: 'the actions to go' });
      log('bridge, host and none are back');
    } finally {
      restore();
    }
  },
};
