// What ~/.ssh/config says about an ssh:// engine's host, read as OpenSSH reads it: Host blocks in order, the first
// value of each keyword wins (IdentityFile adds up), patterns with `*`, `?` and `!`. So `ssh://build` reaches the
// machine, port, user and key that `ssh build` would.
import { matchesPatternList } from './sshPatterns';

export interface SshHostSettings {
  readonly hostName?: string;
  readonly user?: string;
  readonly port?: number;
  readonly identityFiles: readonly string[];
}

interface Block {
  readonly patterns: readonly string[] | undefined; // undefined: before any Host line (applies to all)
  readonly entries: readonly [keyword: string, value: string][];
}

function parse(text: string): Block[] {
  const blocks: { patterns: string[] | undefined; entries: [string, string][] }[] = [{ patterns: undefined, entries: [] }];
  let skipping = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!match) continue;
    const keyword = match[1].toLowerCase();
    const value = match[2].trim().replace(/^"(.*)"$/, '$1');
    if (keyword === 'host') {
      skipping = false;
      blocks.push({ patterns: value.split(/\s+/), entries: [] });
    } else if (keyword === 'match') {
      // Match blocks need the evaluation OpenSSH does (exec, canonical, …): their settings are not applied.
      skipping = true;
    } else if (!skipping) blocks[blocks.length - 1].entries.push([keyword, value]);
  }
  return blocks;
}

function applies(patterns: readonly string[] | undefined, host: string): boolean {
  return !patterns || matchesPatternList(patterns, host);
}

/** The settings for `host` (as written in the ssh:// address); `home` expands `~` and `%d` in IdentityFile. */
export function sshHostSettings(configText: string, host: string, home: string): SshHostSettings {
  const found = new Map<string, string>();
  const identityFiles: string[] = [];
  for (const block of parse(configText)) {
    if (!applies(block.patterns, host)) continue;
    for (const [keyword, value] of block.entries) {
      if (keyword === 'identityfile') identityFiles.push(expand(value, home, host));
      else if (!found.has(keyword)) found.set(keyword, value);
    }
  }
  const hostName = found.get('hostname')?.replace(/%h/g, host);
  const port = Number(found.get('port'));
  return {
    hostName: hostName || undefined,
    user: found.get('user') || undefined,
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined,
    identityFiles,
  };
}

function expand(file: string, home: string, host: string): string {
  return file
    .replace(/^~(?=\/|$)/, home)
    .replace(/%d/g, home)
    .replace(/%h/g, host);
}
