'use strict';
// The topology webview's page (dist/webview/topology.js, media/topology/topology.css) in headless Chromium, without
// VS Code: a stand-in for acquireVsCodeApi records what the page posts, and the benchmark posts pictures to it as
// the extension would. Measures how long the page takes from receiving a picture (or a diff) to having drawn it.

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Some theme colours, so the page looks as in VS Code's dark theme (the variables VS Code would set). */
const THEME = `:root{--vscode-editor-background:#1e1e1e;--vscode-editor-foreground:#d4d4d4;--vscode-font-family:sans-serif;--vscode-font-size:13px;
--vscode-charts-blue:#3794ff;--vscode-charts-green:#89d185;--vscode-charts-orange:#d18616;--vscode-charts-purple:#b180d7;--vscode-charts-yellow:#cca700;
--vscode-charts-foreground:#ccc;--vscode-disabledForeground:#888;--vscode-descriptionForeground:#aaa;--vscode-focusBorder:#007fd4;
--vscode-editorWidget-background:#252526;--vscode-editorLineNumber-foreground:#858585;--vscode-editor-findMatchHighlightBackground:#613214}`;

async function openPage({ width = 1600, height = 1000 } = {}) {
  const script = path.join(ROOT, 'dist', 'webview', 'topology.js');
  if (!fs.existsSync(script)) throw new Error('dist/webview/topology.js missing: run node scripts/build.js');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing (apt-get install chromium, or set CHROMIUM)`);
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width, height } });
  const css = fs.readFileSync(path.join(ROOT, 'media', 'topology', 'topology.css'), 'utf8');
  const body = shellBody();
  await page.setContent(`<!DOCTYPE html><html><head><style>${THEME}\n${css}</style></head><body>${body}</body></html>`);
  await page.evaluate(() => {
    window.__posted = [];
    window.acquireVsCodeApi = () => ({
      postMessage: m => window.__posted.push(m),
      getState: () => undefined,
      setState: () => {},
    });
  });
  await page.addScriptTag({ content: fs.readFileSync(script, 'utf8') });
  await page.waitForFunction(() => window.__posted.some(m => m.type === 'ready'));
  return { browser, page };
}

/** The <body> of the real page (src/ui/topology/topologyHtml.ts), without its script and CSP. */
function shellBody() {
  const source = fs.readFileSync(path.join(ROOT, 'src', 'ui', 'topology', 'topologyHtml.ts'), 'utf8');
  const match = /<body[^>]*>([\s\S]*?)<script/.exec(source);
  if (!match) throw new Error('could not find the page body in topologyHtml.ts');
  return match[1];
}

/** Posts a message to the page and resolves with the ms until the page has handled it and painted a frame. */
async function postAndPaint(page, message) {
  return page.evaluate(
    message =>
      new Promise(resolve => {
        const t0 = performance.now();
        window.postMessage(message, '*');
        // The message handler runs as a task: wait for it, then for the frame after it.
        setTimeout(() => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0)), 0);
      }),
    message,
  );
}

module.exports = { openPage, postAndPaint, CHROMIUM };
