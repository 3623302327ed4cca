// The topology page's HTML: a fixed shell with no engine data in it (the script draws the picture from messages),
// a strict Content-Security-Policy with a fresh nonce, and only the extension's own stylesheet and script.
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

export function newNonce(): string {
  return randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

export function topologyHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce = newNonce()): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'topology.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'topology', 'topology.css'));
  // img-src blob: is for the PNG export, which draws the SVG through an <img> onto a canvas.
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} blob:`,
    `font-src ${webview.cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Network Topology</title>
</head>
<body data-vscode-context='{"preventDefaultContextMenuItems": true}'>
<header class="toolbar" role="toolbar" aria-label="Network topology">
  <input id="search" type="search" placeholder="Search names, subnets, addresses, aliases" aria-label="Search the picture" spellcheck="false">
  <span id="matches" class="info" aria-live="polite"></span>
  <button id="fit" type="button" title="Fit to view (0)">Fit</button>
  <button id="zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button id="zoom-out" type="button" title="Zoom out (-)" aria-label="Zoom out">−</button>
  <button id="relayout" type="button" title="Lay the whole picture out afresh">Re-layout</button>
  <button id="export-svg" type="button">Export SVG…</button>
  <button id="export-png" type="button">Export PNG…</button>
  <span class="spacer"></span>
  <span id="filter" class="info"></span>
  <span id="summary" class="info"></span>
  <span id="status" role="status"></span>
</header>
<main id="stage">
  <svg id="picture" role="group" aria-label="Networks, containers and their endpoints" xmlns="http://www.w3.org/2000/svg">
    <g id="viewport"><g id="groups"></g><g id="edges"></g><g id="nodes"></g></g>
    <line id="drag-line" x1="0" y1="0" x2="0" y2="0"></line>
  </svg>
  <div class="legend" aria-hidden="true">square boxes: networks (colour: driver) · round boxes: containers · orange ring: on several networks · dashed: stopped</div>
</main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
