// SSH host keys checked the way OpenSSH checks them against known_hosts: an ssh:// engine whose key is not known is
// refused (with its fingerprint, so the user can compare it), and one whose key changed is refused loudly. Without
// this, ssh2 accepts any key and an on-path attacker sees every request to the engine.
import { createHash, createHmac } from 'crypto';
import { matchesPatternList } from './sshPatterns';

export type HostKeyVerdict =
  | { readonly kind: 'trusted' }
  | { readonly kind: 'unknown'; readonly otherTypes: readonly string[] }
  | { readonly kind: 'changed'; readonly file: string; readonly line: number; readonly knownType: string }
  | { readonly kind: 'revoked'; readonly file: string; readonly line: number };

export interface KnownHostsFile {
  readonly file: string;
  readonly text: string;
}

interface KnownHostsEntry {
  readonly file: string;
  readonly line: number;
  readonly marker?: 'revoked' | 'cert-authority';
  readonly hosts: string;
  readonly keyType: string;
  readonly keyBase64: string;
}

/** The key's algorithm, from the first length-prefixed string of its wire form (`ssh-ed25519`, `ecdsa-sha2-nistp256`, …). */
export function sshKeyType(blob: Uint8Array): string {
  if (blob.length < 4) return 'unknown';
  const length = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(0);
  return Buffer.from(blob.subarray(4, 4 + length)).toString('latin1');
}

/** As `ssh-keygen -l` and the ssh client print it: `SHA256:` and unpadded base64. */
export function hostKeyFingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The name known_hosts records a host under: the bare host on port 22, `[host]:port` elsewhere. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The line that trusts this key, as `ssh-keyscan` would print it. */
export function knownHostsLine(host: string, port: number, blob: Uint8Array): string {
  return `${knownHostsName(host, port)} ${sshKeyType(blob)} ${Buffer.from(blob).toString('base64')}`;
}

/** What OpenSSH would decide for this host and key, from the given known_hosts files (the user's first). */
export function verifyHostKey(files: readonly KnownHostsFile[], host: string, port: number, blob: Uint8Array): HostKeyVerdict {
  const name = knownHostsName(host, port);
  const offeredType = sshKeyType(blob);
  const offered = Buffer.from(blob).toString('base64');
  const applying = files.flatMap(parseKnownHosts).filter(entry => entry.marker !== 'cert-authority' && hostsMatch(entry.hosts, name));
  const revoked = applying.find(entry => entry.marker === 'revoked' && entry.keyBase64 === offered);
  if (revoked) return { kind: 'revoked', file: revoked.file, line: revoked.line };
  const keys = applying.filter(entry => !entry.marker);
  if (keys.some(entry => entry.keyType === offeredType && entry.keyBase64 === offered)) return { kind: 'trusted' };
  const sameType = keys.find(entry => entry.keyType === offeredType);
  if (sameType) return { kind: 'changed', file: sameType.file, line: sameType.line, knownType: sameType.keyType };
  return { kind: 'unknown', otherTypes: [...new Set(keys.map(entry => entry.keyType))] };
}

function parseKnownHosts({ file, text }: KnownHostsFile): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return;
    let marker: KnownHostsEntry['marker'];
    if (fields[0].startsWith('@')) {
      const word = fields.shift()!.slice(1);
      if (word !== 'revoked' && word !== 'cert-authority') return;
      marker = word;
    }
    const [hosts, keyType, keyBase64] = fields;
    if (!hosts || !keyType || !keyBase64) return;
    entries.push({ file, line: index + 1, marker, hosts, keyType, keyBase64 });
  });
  return entries;
}

/** A comma-separated pattern list (see sshPatterns); `|1|salt|hash` is a hashed name. */
function hostsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) return hashedMatch(patterns, name);
  return matchesPatternList(patterns.split(','), name);
}

function hashedMatch(entry: string, name: string): boolean {
  const [, , salt, hash] = entry.split('|');
  if (!salt || !hash) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}
