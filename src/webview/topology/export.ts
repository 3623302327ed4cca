// Export: the picture as a standalone SVG document (the theme's colours written into it, since the file will be
// opened where VS Code's CSS variables do not exist) and as a PNG drawn from that SVG on a canvas.
import type { Bounds } from '../../model/topology/layout';
import { SVG_NS } from './render';

const PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'paint-order',
  'visibility',
];
const PADDING = 24;

export function exportSvg(svg: SVGSVGElement, bounds: Bounds): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  const unwanted: Element[] = [];
  originals.forEach((original, i) => {
    const copy = copies[i] as SVGElement;
    // The wide transparent lines that make edges easy to click, and the drag line, are not part of the picture.
    if (original.classList.contains('hit') || original.id === 'drag-line') unwanted.push(copy);
    const computed = getComputedStyle(original);
    for (const property of PROPERTIES) copy.style.setProperty(property, computed.getPropertyValue(property));
    copy.removeAttribute('tabindex');
    copy.removeAttribute('class');
  });
  for (const element of unwanted) element.remove();
  const viewport = clone.querySelector('#viewport');
  viewport?.removeAttribute('transform');
  const x = bounds.x - PADDING;
  const y = bounds.y - PADDING;
  const width = Math.max(1, bounds.width + PADDING * 2);
  const height = Math.max(1, bounds.height + PADDING * 2);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('viewBox', `${x} ${y} ${width} ${height}`);
  clone.setAttribute('width', String(Math.ceil(width)));
  clone.setAttribute('height', String(Math.ceil(height)));
  clone.removeAttribute('id');
  clone.style.removeProperty('visibility');
  const background = document.createElementNS(SVG_NS, 'rect');
  for (const [name, value] of Object.entries({ x, y, width, height })) background.setAttribute(name, String(value));
  background.style.setProperty('fill', getComputedStyle(document.body).backgroundColor);
  clone.insertBefore(background, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/** Chromium refuses canvases much over 16k pixels a side or ~268M pixels: a huge picture is scaled down to fit. */
const MAX_SIDE = 16000;
const MAX_PIXELS = 100_000_000;

export async function exportPng(svg: SVGSVGElement, bounds: Bounds): Promise<string> {
  const text = exportSvg(svg, bounds);
  const width = Math.max(1, bounds.width + PADDING * 2);
  const height = Math.max(1, bounds.height + PADDING * 2);
  const scale = Math.min(2, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height)));
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the picture could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas to draw the PNG on');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
