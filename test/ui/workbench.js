// Helpers for UI rounds (test/ui/*.ui.js): drive the VS Code workbench (code-server 4.139 = VS Code 1.139)
// in headless Chromium through playwright-core. Every helper waits for what it needs and throws on timeout.
'use strict';

const WORKBENCH_TIMEOUT = 60000;   // first load: workbench + extension host + activation
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
    await page.mouse.move(900, 600);   // no hover tooltip over the icon in screenshots
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
  await toast.locator('.monaco-button', { hasText: exactly(button) }).first().click();
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
  return (await quickInput(page).locator('.quick-input-message').innerText().catch(() => '')).trim();
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
  WORKBENCH_TIMEOUT, DEFAULT_TIMEOUT,
  openWorkbench, activityBarItem, openDockerNetworks, viewPane, expandView,
  treeRow, waitForTreeRows, treeLabels,
  runCommand, notification, notificationButton, clearNotifications,
  quickInput, quickPickSelect, typeInQuickInput, quickInputAccept, quickInputMessage, quickInputClosed,
  contextMenu, activeEditorTitle, activeEditorText,
};
