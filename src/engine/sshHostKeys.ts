// ssh:// engines: the host key is checked against known_hosts before any request is sent, and the user's key is
// offered from the places OpenSSH looks. docker-modem hands these options to ssh2, which otherwise accepts any host key.
import * as fs from 'fs';
import * as path from 'path';
import { utils as sshUtils } from 'ssh2';
import { sshHostSettings } from '../model/sshConfig';
import { HostKeyVerdict, hostKeyFingerprint, knownHostsLine, knownHostsName, sshKeyType, verifyHostKey } from '../model/knownHosts';

export interface SshClientOptions {
  /** known_hosts files, the user's first: "Trust Host Key" appends there. */
  readonly knownHostsFiles: readonly string[];
  /** Private keys to offer, in order; the first one that exists and needs no passphrase is used. */
  readonly identityFiles: readonly string[];
  /** An ssh-agent socket (SSH_AUTH_SOCK), whose keys are offered too. */
  readonly agentSocket?: string;
  /** OpenSSH's client config (~/.ssh/config): HostName, User, Port and IdentityFile of the address's host. */
  readonly configFile?: string;
  readonly homeDir?: string;
}

/** Where OpenSSH looks by default. */
export function defaultSshClientOptions(homeDir: string, env: Readonly<Record<string, string | undefined>>): SshClientOptions {
  const ssh = path.join(homeDir, '.ssh');
  return {
    knownHostsFiles: [path.join(ssh, 'known_hosts'), '/etc/ssh/ssh_known_hosts'],
    identityFiles: ['id_ed25519', 'id_ecdsa', 'id_rsa'].map(name => path.join(ssh, name)),
    agentSocket: env.SSH_AUTH_SOCK || undefined,
    configFile: path.join(ssh, 'config'),
    homeDir,
  };
}

/** Where an ssh:// address really goes once ~/.ssh/config is applied, and which keys to offer first. */
export function resolveSshTarget(
  options: SshClientOptions,
  url: URL,
): { host: string; port: number; username?: string; identityFiles: readonly string[] } {
  let text = '';
  try {
    text = options.configFile ? fs.readFileSync(options.configFile, 'utf8') : '';
  } catch {
    /* no config */
  }
  const fromConfig = sshHostSettings(text, url.hostname, options.homeDir ?? '');
  return {
    host: fromConfig.hostName ?? url.hostname,
    port: url.port ? Number(url.port) : (fromConfig.port ?? 22),
    username: decodeURIComponent(url.username) || fromConfig.user,
    identityFiles: [...fromConfig.identityFiles, ...options.identityFiles],
  };
}

/** Why a host key was refused, with what the user needs to decide: the fingerprint, and the line that would trust it. */
export interface HostKeyProblem {
  readonly verdict: Exclude<HostKeyVerdict, { kind: 'trusted' }>;
  readonly host: string;
  readonly port: number;
  readonly keyType: string;
  readonly fingerprint: string;
  readonly trustLine: string;
  readonly knownHostsFile: string;
}

/** Checks one ssh:// engine's host key on every connection, and remembers why it last refused one. */
export class HostKeyGuard {
  problem: HostKeyProblem | undefined;

  constructor(
    private readonly options: SshClientOptions,
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** ssh2's `hostVerifier`: the server's key in wire form; false ends the handshake before anything is sent. */
  readonly verify = (key: Buffer): boolean => {
    const verdict = verifyHostKey(this.readKnownHosts(), this.host, this.port, key);
    if (verdict.kind === 'trusted') {
      this.problem = undefined;
      return true;
    }
    this.problem = {
      verdict,
      host: this.host,
      port: this.port,
      keyType: sshKeyType(key),
      fingerprint: hostKeyFingerprint(key),
      trustLine: knownHostsLine(this.host, this.port, key),
      knownHostsFile: this.options.knownHostsFiles[0],
    };
    return false;
  };

  private readKnownHosts() {
    return this.options.knownHostsFiles.flatMap(file => {
      try {
        return [{ file, text: fs.readFileSync(file, 'utf8') }];
      } catch {
        return [];
      }
    });
  }
}

/** The first identity that exists and opens without a passphrase (an agent covers the others). */
export function readIdentity(options: SshClientOptions): Buffer | undefined {
  for (const file of options.identityFiles) {
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch {
      continue;
    }
    if (!(sshUtils.parseKey(data) instanceof Error)) return data;
  }
  return undefined;
}

/** Appends the trusting line to the user's known_hosts (creating ~/.ssh as OpenSSH would: private to the user). */
export function trustHostKey(problem: HostKeyProblem): void {
  fs.mkdirSync(path.dirname(problem.knownHostsFile), { recursive: true, mode: 0o700 });
  let existing = '';
  try {
    existing = fs.readFileSync(problem.knownHostsFile, 'utf8');
  } catch {
    /* a first key */
  }
  const separator = existing && !existing.endsWith('\n') ? '\n' : '';
  fs.appendFileSync(problem.knownHostsFile, `${separator}${problem.trustLine}\n`, { mode: 0o600 });
}

/** The refusal in words: what was offered, why it is refused, and how to go on. */
export function hostKeyMessage(problem: HostKeyProblem): string {
  const name = knownHostsName(problem.host, problem.port);
  const key = `${problem.keyType} key ${problem.fingerprint}`;
  const scan = `ssh-keyscan${problem.port === 22 ? '' : ` -p ${problem.port}`} ${problem.host} >> ${problem.knownHostsFile}`;
  switch (problem.verdict.kind) {
    case 'unknown':
      return (
        `the SSH host key of ${name} is not known (${key}` +
        (problem.verdict.otherTypes.length ? `; known_hosts has only ${problem.verdict.otherTypes.join(', ')} keys for it` : '') +
        `). Compare the fingerprint with the server's, then trust it with Trust SSH Host Key… or: ${scan}`
      );
    case 'changed':
      return (
        `REFUSED: the SSH host key of ${name} has CHANGED (now ${key}; line ${problem.verdict.line} of ${problem.verdict.file} has another). ` +
        `Someone may be intercepting the connection, or the server was reinstalled. If you know why, remove the old key with: ssh-keygen -R "${name}"`
      );
    case 'revoked':
      return `REFUSED: the SSH host key of ${name} (${key}) is marked @revoked at line ${problem.verdict.line} of ${problem.verdict.file}`;
  }
}
