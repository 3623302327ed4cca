// The Docker Networks side bar lists the engine's built-in networks.
// The engine is the one in DOCKER_HOST of the runner (code-server and the extension host inherit it).
'use strict';
const { openWorkbench, openDockerNetworks, waitForTreeRows } = require('./workbench');

module.exports = {
  name: 'Networks view shows the built-in networks',
  async run({ page, server, shot, log }) {
    await openWorkbench(page, server);
    await openDockerNetworks(page);
    log('Docker Networks side bar open');
    await waitForTreeRows(page, ['bridge', 'host', 'none'], { view: 'Networks' });
    log('bridge, host and none listed');
    log(`screenshot ${await shot('networks-view')}`);
  },
};
