// Helpers for the UI tests (test/ui/*.ui.js): drive the VS Code workbench (code-server 4.139 = VS Code 1.139)
// in headless Chromium through playwright-core. Every helper waits for what it needs and throws on timeout.
'use strict';

const WORKBENCH_TIMEOUT = 60000; // first load: workbench + extension host + activation
const DEFAULT_TIMEOUT = 30000;

const escapeRe = s => String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Exact text (trimmed) for strings, as-is for RegExp. */
const exactly = t => (t instanceof RegExp ? t : new RegExp(`^\\s*${escapeRe(t)}\\s*$`));

/** Load the workbench with the run's workspace folder and wait until it is usable. */
async function openWorkbench(page, server, { query = '', timeout = WORKBENCH_TIMEOUT } = {}) {
  await page.goto(server.folderUrl(query));
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.part.activitybar').waitFor({ timeout });
  return page;
}

/** The activity-bar entry of the Docker Networks view container. */
function activityBarItem(page, title = 'Docker Networks') {
  return page.locator(`.part.activitybar .action-item a[aria-label^="${title}"]`).first();
}

/**
 * Show the Docker Networks side bar (click its activity-bar icon unless it is already showing) and wait for
 * its Networks view. The icon appears once the extension host has scanned the extension.
 */
async function openDockerNetworks(page, { timeout = WORKBENCH_TIMEOUT } = {}) {
  const icon = activityBarItem(page);
  await icon.waitFor({ timeout });
  // The <li> around the icon has class "checked" while its container shows; clicking it then would hide it.
  const active = await icon.evaluate(a => !!a.closest('.action-item')?.classList.contains('checked'));
  const sidebarVisible = await page.locator('.part.sidebar').isVisible();
  if (!active || !sidebarVisible) {
    await icon.click();
    await page.mouse.move(900, 600); // no hover tooltip over the icon in screenshots
  }
  await viewPane(page, 'Networks').waitFor({ timeout: DEFAULT_TIMEOUT });
  return page;
}

/** A view pane of the side bar by its (case-insensitive) title, e.g. "Networks" or "Containers". */
function viewPane(page, title) {
  // `has` locators are relative to the outer element: .pane > .pane-header > h3.title
  const header = page.locator('.pane-header h3.title', { hasText: new RegExp(`^\\s*${escapeRe(title)}\\s*$`, 'i') });
  return page.locator('.part.sidebar .pane').filter({ has: header }).first();
}

/** Expand a collapsed view pane (e.g. "Containers") if needed. */
async function expandView(page, title) {
  const header = viewPane(page, title).locator('.pane-header').first();
  await header.waitFor({ timeout: DEFAULT_TIMEOUT });
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return viewPane(page, title);
}

/**
 * A tree row whose label is exactly `text` (or matches a RegExp). Options: `view` restricts the search to one
 * view pane ("Networks" / "Containers"); `exact: false` matches a substring of the whole row instead.
 * Returns a playwright Locator (use .waitFor(), .click(), .click({ button: 'right' }), ...).
 */
function treeRow(page, text, { view, exact = true } = {}) {
  const scope = view ? viewPane(page, view) : page.locator('.part.sidebar');
  const rows = scope.locator('.monaco-list-row');
  if (!exact) return rows.filter({ hasText: text }).first();
  return rows.filter({ has: page.locator('.label-name', { hasText: exactly(text) }) }).first();
}

/** Wait for every text in `texts` to show as a tree row; returns their locators. */
async function waitForTreeRows(page, texts, { view, timeout = DEFAULT_TIMEOUT } = {}) {
  const rows = [];
  for (const t of texts) {
    const row = treeRow(page, t, { view });
    await row.waitFor({ timeout });
    rows.push(row);
  }
  return rows;
}

/** Labels of the visible rows of a view (top level and expanded children, in screen order). */
async function treeLabels(page, { view } = {}) {
  const scope = view ? viewPane(page, view) : page.locator('.part.sidebar');
  return scope.locator('.monaco-list-row .label-name').allInnerTexts();
}

/** The quick input (command palette, quick pick, input box). */
function quickInput(page) {
  return page.locator('.quick-input-widget');
}

/** F1, type ">" + title, wait until the command is listed, Enter. `title` as shown: "Docker Networks: Refresh". */
async function runCommand(page, title, { timeout = DEFAULT_TIMEOUT } = {}) {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input').first();
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(`>${title}`);
  const row = quickInput(page).locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout });
  // The filter narrows asynchronously: make sure the first (focused) row is our command before Enter.
  const first = quickInput(page).locator('.quick-input-list .monaco-list-row').first();
  await first.filter({ hasText: title }).waitFor({ timeout });
  await page.keyboard.press('Enter');
}

/** Wait for a notification toast containing `text` (string or RegExp); returns its locator. */
async function notification(page, text, { timeout = DEFAULT_TIMEOUT } = {}) {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ timeout });
  return toast;
}

/** Click a button (e.g. "Remove", "Cancel") of the notification toast that contains `text`. */
async function notificationButton(page, text, button, opts) {
  const toast = await notification(page, text, opts);
  await toast
    .locator('.monaco-button', { hasText: exactly(button) })
    .first()
    .click();
}

/** Close all notification toasts. */
async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => {});
}

/**
 * In an open quick pick, click the entry whose label is `text` (exact for strings, or a RegExp).
 * For a multi-select pick this toggles the entry; call quickInputAccept() afterwards.
 */
async function quickPickSelect(page, text, { timeout = DEFAULT_TIMEOUT } = {}) {
  await quickInput(page).waitFor({ state: 'visible', timeout });
  const rows = quickInput(page).locator('.quick-input-list .monaco-list-row');
  let row = rows.filter({ has: page.locator('.label-name', { hasText: exactly(text) }) }).first();
  if (!(await row.count())) row = rows.filter({ hasText: text }).first();
  await row.waitFor({ timeout });
  // A hover left by the previous click (a row's description) can cover this row: move the mouse off the list and
  // wait for the hover to go before clicking.
  await page.mouse.move(5, 5);
  await page
    .locator('.context-view .hover-contents, .monaco-hover')
    .first()
    .waitFor({ state: 'hidden', timeout: 2000 })
    .catch(() => {});
  await row.click();
}

/** Type into the open quick input / input box (replacing its value) and press Enter unless submit is false. */
async function typeInQuickInput(page, text, { submit = true, timeout = DEFAULT_TIMEOUT } = {}) {
  const input = quickInput(page).locator('input').first();
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(text);
  if (submit) await page.keyboard.press('Enter');
}

/** Press Enter in the quick input (accept; "OK" of a multi-select pick). */
async function quickInputAccept(page) {
  await quickInput(page).locator('input').first().press('Enter');
}

/** The validation message under an input box (empty string when none). */
async function quickInputMessage(page) {
  return (
    await quickInput(page)
      .locator('.quick-input-message')
      .innerText()
      .catch(() => '')
  ).trim();
}

/** Wait until the quick input is closed. */
async function quickInputClosed(page, { timeout = DEFAULT_TIMEOUT } = {}) {
  await quickInput(page).waitFor({ state: 'hidden', timeout });
}

/** Right-click a tree row and pick a context-menu entry by its label. */
async function contextMenu(page, row, entry, { timeout = DEFAULT_TIMEOUT } = {}) {
  await row.click({ button: 'right' });
  const item = page.locator('.monaco-menu .action-item', { hasText: exactly(entry) }).first();
  await item.waitFor({ timeout });
  await item.click();
}

/** The active editor's tab title (e.g. a read-only inspect document). */
async function activeEditorTitle(page, { timeout = DEFAULT_TIMEOUT } = {}) {
  const tab = page.locator('.tabs-container .tab.active').first();
  await tab.waitFor({ timeout });
  return (await tab.innerText()).trim();
}

/** Text shown in the active editor (only the rendered lines: fine for short documents). */
async function activeEditorText(page, { timeout = DEFAULT_TIMEOUT } = {}) {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
  await lines.first().waitFor({ timeout });
  return (await lines.first().innerText()).replace(/\u00a0/g, ' ');
}

module.exports = {
  WORKBENCH_TIMEOUT,
  DEFAULT_TIMEOUT,
  openWorkbench,
  activityBarItem,
  openDockerNetworks,
  viewPane,
  expandView,
  treeRow,
  waitForTreeRows,
  treeLabels,
  runCommand,
  notification,
  notificationButton,
  clearNotifications,
  quickInput,
  quickPickSelect,
  typeInQuickInput,
  quickInputAccept,
  quickInputMessage,
  quickInputClosed,
  contextMenu,
  activeEditorTitle,
  activeEditorText,
};

// ---------------------------------------------------------------------------------------------------------------
// Below: the engine "from outside" (dockerode on the runner's DOCKER_HOST), modal dialogs,
// tree rows (expand, description), drag and drop between tree rows.

/** Label put on everything a round creates, so a round can clean up after itself (and after an earlier crash). */
const TEST_LABEL = 'docker-networks.test';
const TEST_LABEL_VALUE = 'ui';

/** A dockerode client for the runner's engine (DOCKER_HOST=unix://...). */
function testEngine() {
  const Docker = require('dockerode');
  const host = process.env.DOCKER_HOST || '';
  if (!host.startsWith('unix://')) throw new Error(`UI tests need DOCKER_HOST=unix://... (got "${host}")`);
  return new Docker({ socketPath: host.slice('unix://'.length) });
}

/** The test image (busybox, default command sleeps). */
function testImage() {
  return process.env.DOCKER_NETWORKS_TEST_IMAGE || 'docker-networks-test/busybox:latest';
}

/**
 * Poll `fn` until it returns a truthy value (returned) or `timeout` ms pass (throws, naming `what`). The UI tests'
 * counterpart of test/support/waitFor.ts (these plain .js files load without the TypeScript build); unlike it, a probe
 * that throws is retried, because page elements come and go while the workbench renders.
 */
async function until(fn, { timeout = DEFAULT_TIMEOUT, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    await new Promise(r => setTimeout(r, interval));
  }
}

/** Inspect a network; undefined when the engine answers 404. */
async function inspectNetworkOrUndefined(docker, idOrName) {
  try {
    return await docker.getNetwork(idOrName).inspect();
  } catch (e) {
    if (e.statusCode === 404) return undefined;
    throw e;
  }
}

/** Create (and start) a labelled test container running the test image's default command. */
async function createTestContainer(docker, name, { network, ipv4, aliases, start = true } = {}) {
  const body = { name, Image: testImage(), Labels: { [TEST_LABEL]: TEST_LABEL_VALUE }, HostConfig: {} };
  if (network) {
    body.HostConfig.NetworkMode = network;
    body.NetworkingConfig = {
      EndpointsConfig: { [network]: { ...(ipv4 ? { IPAMConfig: { IPv4Address: ipv4 } } : {}), ...(aliases ? { Aliases: aliases } : {}) } },
    };
  }
  const container = await docker.createContainer(body);
  if (start) await container.start();
  return container;
}

/** Create a labelled bridge test network with one IPv4 subnet. */
async function createTestNetwork(docker, name, { subnet, gateway, labels = {} } = {}) {
  const body = { Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: { [TEST_LABEL]: TEST_LABEL_VALUE, ...labels } };
  if (subnet) body.IPAM = { Driver: 'default', Config: [{ Subnet: subnet, ...(gateway ? { Gateway: gateway } : {}) }] };
  return docker.createNetwork(body);
}

/** Names the rounds own even without the label (e.g. a network created through the wizard): "dn-ui-…". */
const OWNED_NAME = /^dn-ui-/;

/**
 * Remove every container and network labelled docker-networks.test=ui, plus the named extra networks/containers
 * when their name starts with "dn-ui-" (objects created through the UI cannot always carry the label). Objects
 * of other names are only removed when labelled, so a round never touches a user's "backend" network. Never throws.
 */
async function removeTestObjects(docker, { networks = [], containers = [] } = {}) {
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=${TEST_LABEL_VALUE}`] });
  const labelled = await docker.listContainers({ all: true, filters }).catch(() => []);
  for (const id of [...labelled.map(c => c.Id), ...containers.filter(n => OWNED_NAME.test(n))]) {
    await docker
      .getContainer(id)
      .remove({ force: true })
      .catch(() => {});
  }
  const nets = await docker.listNetworks({ filters }).catch(() => []);
  for (const id of [...nets.map(n => n.Id), ...networks.filter(n => OWNED_NAME.test(n))]) {
    await docker
      .getNetwork(id)
      .remove()
      .catch(() => {});
  }
}

/** The docker CLI (prefers /usr/bin/docker) with the runner's DOCKER_HOST; returns trimmed stdout, throws on failure. */
function dockerCli(args, { timeout = 30000 } = {}) {
  const { execFileSync } = require('child_process');
  const fs = require('fs');
  const bin = fs.existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
  return execFileSync(bin, args, { env: process.env, timeout, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The description text (the dimmed part after the label) of a tree row. */
async function rowDescription(row) {
  return (
    (await row
      .locator('.label-description')
      .first()
      .textContent()
      .catch(() => '')) || ''
  ).trim();
}

/** Expand a collapsible tree row (click its twistie) unless already expanded; waits until it is expanded. */
async function expandRow(row, { timeout = DEFAULT_TIMEOUT } = {}) {
  await row.waitFor({ timeout });
  await until(
    async () => {
      const expanded = await row.getAttribute('aria-expanded');
      if (expanded === 'false') await row.locator('.monaco-tl-twistie').click();
      return expanded === 'true';
    },
    { timeout, interval: 150, what: 'the tree row to expand' },
  );
  return row;
}

/** The open modal dialog (VS Code's `.monaco-dialog-box`). */
function modalDialog(page) {
  return page.locator('.monaco-dialog-box').first();
}

/** Wait for a modal dialog whose text contains `text`; returns its locator. */
async function waitForDialog(page, text, { timeout = DEFAULT_TIMEOUT } = {}) {
  const dialog = page.locator('.monaco-dialog-box', { hasText: text }).first();
  await dialog.waitFor({ timeout });
  return dialog;
}

/** Click a button of the open modal dialog by its label. */
async function dialogButton(page, label, { timeout = DEFAULT_TIMEOUT } = {}) {
  const button = modalDialog(page)
    .locator('.dialog-buttons .monaco-button', { hasText: exactly(label) })
    .first();
  await button.waitFor({ timeout });
  await button.click();
  await modalDialog(page).waitFor({ state: 'hidden', timeout });
}

/** The quick input's title text, e.g. "Create Network (2/4)". */
async function quickInputTitle(page) {
  return (
    (await quickInput(page)
      .locator('.quick-input-title')
      .innerText()
      .catch(() => '')) || ''
  ).trim();
}

/** Wait until the quick input shows a step whose title contains `text` (e.g. "(3/9)" or "Create Network"). */
async function waitForQuickInputTitle(page, text, { timeout = DEFAULT_TIMEOUT } = {}) {
  await quickInput(page).locator('.quick-input-title', { hasText: text }).waitFor({ timeout });
}

/** Wait until the quick input shows `text` in its prompt/placeholder/message area or list (a step is showing). */
async function waitForQuickInputText(page, text, { timeout = DEFAULT_TIMEOUT } = {}) {
  const widget = quickInput(page);
  await until(
    async () => {
      if (!(await widget.isVisible())) return false;
      const placeholder = (await widget.locator('input').first().getAttribute('placeholder')) || '';
      const body = await widget.innerText();
      return text instanceof RegExp ? text.test(placeholder) || text.test(body) : placeholder.includes(text) || body.includes(text);
    },
    { timeout, what: `quick input showing "${text}"` },
  );
}

/** Tick the checkbox of a multi-select quick-pick entry (label exact or RegExp) unless already ticked. */
async function quickPickTick(page, text, { timeout = DEFAULT_TIMEOUT } = {}) {
  const rows = quickInput(page).locator('.quick-input-list .monaco-list-row');
  const row = rows.filter({ has: page.locator('.label-name', { hasText: exactly(text) }) }).first();
  await row.waitFor({ timeout });
  const box = row.locator('input[type=checkbox], .quick-input-list-checkbox, .monaco-checkbox').first();
  const checked = async () => {
    const aria = await row.getAttribute('aria-checked');
    if (aria != null) return aria === 'true';
    return box.evaluate(el =>
      el instanceof HTMLInputElement ? el.checked : el.classList.contains('checked') || el.getAttribute('aria-checked') === 'true',
    );
  };
  if (!(await checked())) await box.click();
  await until(checked, { timeout: 5000, what: `"${text}" ticked` });
}

/**
 * Drag one tree row onto another with real HTML5 drag and drop (the workbench's list widget listens for
 * dragstart/dragover/drop). Dispatches the events in the page with one shared DataTransfer object.
 */
async function dragRowOnto(page, source, target) {
  await source.scrollIntoViewIfNeeded();
  await target.scrollIntoViewIfNeeded();
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  const center = async loc => {
    const b = await loc.boundingBox();
    return { clientX: b.x + b.width / 2, clientY: b.y + b.height / 2 };
  };
  const from = await center(source);
  const to = await center(target);
  await source.dispatchEvent('dragstart', { dataTransfer, ...from });
  await target.dispatchEvent('dragenter', { dataTransfer, ...to });
  await target.dispatchEvent('dragover', { dataTransfer, ...to });
  // The list marks the row it would drop onto ("drop-target") once it accepts the drag. If it never does, drop
  // anyway: whether the drop worked is what the caller checks (the Connect wizard opens).
  await until(() => target.evaluate(el => el.classList.contains('drop-target')), {
    timeout: 2000,
    interval: 50,
    what: 'the drop target',
  }).catch(() => {});
  await target.dispatchEvent('dragover', { dataTransfer, ...to });
  await target.dispatchEvent('drop', { dataTransfer, ...to });
  await source.dispatchEvent('dragend', { dataTransfer, ...to });
}

/** The frame of the topology webview (VS Code nests the page in two iframes): the one with the picture in it. */
async function topologyFrame(page, { timeout = 30000 } = {}) {
  return until(
    async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        if (await frame.$('#picture').catch(() => null)) return frame;
      }
      return undefined;
    },
    { timeout, what: 'the topology webview' },
  );
}

/** A box of the topology picture, by the name drawn in it. */
function topologyNode(frame, name) {
  return frame
    .locator('#nodes .node')
    .filter({ has: frame.locator('text.name', { hasText: name }) })
    .first();
}

/**
 * Picks an entry of the open VS Code menu as a keyboard user does (Down until it has the focus, then Enter): a mouse
 * click that lands while the menu is still opening only highlights the entry.
 */
async function pickOpenMenuEntry(page, entry) {
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('ArrowDown');
    const focused = await page
      .locator('.monaco-menu .action-item.focused')
      .first()
      .innerText()
      .catch(() => '');
    if (focused.includes(entry)) return page.keyboard.press('Enter');
  }
  throw new Error(`the menu never focused "${entry}"`);
}

/**
 * Right-click a tree row and pick a context-menu entry, robustly: the click on the entry is sometimes swallowed in
 * headless Chromium (the menu stays open); then the hovered (focused) entry is run with Enter. Returns 'click' or
 * 'enter' (how the entry ran).
 */
async function contextMenuPick(page, row, entry, { timeout = DEFAULT_TIMEOUT } = {}) {
  const menu = page.locator('.monaco-menu').first();
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-item', { hasText: exactly(entry) }).first();
    await item.waitFor({ timeout });
    await item.hover();
    await item.click();
    if (
      await menu.waitFor({ state: 'hidden', timeout: 1500 }).then(
        () => true,
        () => false,
      )
    )
      return 'click';
    if (await item.isVisible()) {
      await item.hover();
      await page.keyboard.press('Enter');
      if (
        await menu.waitFor({ state: 'hidden', timeout: 1500 }).then(
          () => true,
          () => false,
        )
      )
        return 'enter';
    }
    await page.keyboard.press('Escape');
    if (attempt >= 3) throw new Error(`context menu entry "${entry}" did not run`);
  }
}

Object.assign(module.exports, {
  pickOpenMenuEntry,
  topologyFrame,
  topologyNode,
  TEST_LABEL,
  TEST_LABEL_VALUE,
  testEngine,
  testImage,
  until,
  inspectNetworkOrUndefined,
  createTestContainer,
  createTestNetwork,
  removeTestObjects,
  dockerCli,
  rowDescription,
  expandRow,
  modalDialog,
  waitForDialog,
  dialogButton,
  quickInputTitle,
  waitForQuickInputTitle,
  waitForQuickInputText,
  quickPickTick,
  dragRowOnto,
  contextMenuPick,
});
