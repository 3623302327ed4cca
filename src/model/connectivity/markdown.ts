// The connectivity answer as a Markdown document. Every name, alias and address comes from the engine and is
// untrusted: sentences are escaped whole, values go into code spans, so nothing but text renders.
import { code, escapeMarkdown } from '../tooltips';
import type { ConnectivityReport, NameAnswer } from './types';

/** A code span outside tables, where a pipe needs no escape. */
const span = (text: string) => code(text).replace(/\\\|/g, '|');

const VERDICT_HEADLINE = {
  reachable: 'Can reach',
  addressOnly: 'Can reach by address, not by name',
  unreachable: 'Cannot reach',
} as const;

function nameLine(answer: NameAnswer, bId: string): string {
  const kind = { name: '', alias: ' (alias)', qualified: ' (name.network)', link: ' (link)' }[answer.kind];
  if (!answer.resolvesTo) return `- ${span(answer.name)}${kind} — does not resolve: ${escapeMarkdown(answer.reason ?? 'unknown')}`;
  const targets = [answer.resolvesTo, ...answer.alternatives]
    .map(
      t =>
        `${span(t.address)} on ${span(t.network.name)}${t.container.id === bId ? '' : ` (${escapeMarkdown(t.container.name)}'s)`}${t.open ? '' : ' (traffic blocked there)'}`,
    )
    .join(answer.alternatives.length ? ' or ' : '');
  return `- ${span(answer.name)}${kind} → ${targets}${answer.alternatives.length ? ' — the engine may answer with either' : ''}`;
}

export interface ConnectivityMarkdownOptions {
  /** When the explorer's data was loaded, shown so the reader knows how current the answer is. */
  readonly loadedAt?: Date;
  /** A line under the fix telling how to apply it (the UI knows where its button is). */
  readonly fixHint?: string;
}

export function connectivityMarkdown(report: ConnectivityReport, options: ConnectivityMarkdownOptions = {}): string {
  const a = report.from.name;
  const b = report.to.name;
  const lines: string[] = [
    `# Can ${escapeMarkdown(a)} reach ${escapeMarkdown(b)}?`,
    '',
    `**${VERDICT_HEADLINE[report.verdict]}.** ${escapeMarkdown(report.summary)}`,
    '',
    '## Path',
    '',
  ];
  if (report.paths.length) {
    lines.push(`| Network | Address ${escapeMarkdown(a)} sends to | Traffic | Names that resolve to it |`, '|---|---|---|---|');
    for (const path of report.paths) {
      const network = path.network
        ? `${code(path.network.name)} (${escapeMarkdown(path.network.driver)}${path.network.internal ? ', internal' : ''}${path.network.defaultBridge ? ', default bridge, no DNS' : ''})`
        : escapeMarkdown(path.kind === 'sameStack' ? 'one network stack' : '—');
      const address = path.address ? code(path.address) + (path.ipv6 ? `, ${code(path.ipv6)}` : '') : '— (no address)';
      const via = path.kind === 'toHost' ? ' (the host)' : path.kind === 'fromHost' ? ' (from the host)' : '';
      const traffic = path.open ? 'allowed' : `blocked: ${escapeMarkdown(path.reason ?? '')}`;
      const names = path.names.length ? path.names.map(code).join(', ') : '—';
      lines.push(`| ${network} | ${address}${via} | ${traffic} | ${names} |`);
    }
  } else lines.push(`${escapeMarkdown(a)} and ${escapeMarkdown(b)} have no path between them.`);
  for (const other of report.otherAddresses)
    lines.push(
      '',
      `${span(other.address)} on ${span(other.network.name)} is not reachable from ${escapeMarkdown(a)}: ${escapeMarkdown(other.reason)}.`,
    );

  lines.push('', `### Names of ${escapeMarkdown(b)}`, '', ...report.names.map(answer => nameLine(answer, report.to.id)));

  if (report.blockers.length)
    lines.push('', '## What blocks it', '', ...report.blockers.map(blocker => `- ${escapeMarkdown(blocker.text)}`));
  if (report.notes.length) lines.push('', '## Good to know', '', ...report.notes.map(note => `- ${escapeMarkdown(note)}`));
  if (report.fix || report.advice) {
    lines.push('', '## Fix', '');
    if (report.fix) {
      lines.push(escapeMarkdown(report.fix.text));
      if (options.fixHint) lines.push('', `_${escapeMarkdown(options.fixHint)}_`);
    } else lines.push(escapeMarkdown(report.advice!));
  }

  const outside = report.outside;
  lines.push(
    '',
    '## Reaching the outside and the host',
    '',
    `- **${escapeMarkdown(a)} → the outside:** ${escapeMarkdown(outside.egressText)}`,
    `- **${escapeMarkdown(a)} → the engine's host:** ${escapeMarkdown(outside.hostText)}`,
    `- **The host → ${escapeMarkdown(b)}:** ${escapeMarkdown(outside.publishedText)}`,
  );
  if (outside.hostReachesB.length)
    lines.push(
      `- **On the engine's host,** ${escapeMarkdown(b)} answers directly at ${outside.hostReachesB
        .map(h => `${span(h.address)} on ${span(h.network.name)}`)
        .join(', ')}.`,
    );
  lines.push(
    '',
    '---',
    '',
    `_Worked out from the engine's configuration${options.loadedAt ? ` as loaded at ${escapeMarkdown(options.loadedAt.toLocaleTimeString())}` : ''}: no traffic was sent. The document follows changes to networks and containers._`,
  );
  return lines.join('\n');
}
