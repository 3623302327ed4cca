import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as fc from 'fast-check';
import { hostKeyFingerprint, knownHostsLine, sshKeyType, verifyHostKey } from '../../src/model/knownHosts';

// Two ed25519 keys made with ssh-keygen; the fingerprints are what `ssh-keygen -l` printed for them.
const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIJqKAZ07gYICQYBpPh6PjRe1Y6gw5P8rEDqb7ZV/RP9e';
const KEY_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIP6ZXfYjxRNZrt/Mja/Fii5+whQrvue7xI7NiJmITFfs';
const blob = (base64: string) => Buffer.from(base64, 'base64');
const file = (text: string) => [{ file: '/home/u/.ssh/known_hosts', text }];

describe('SSH host keys against known_hosts', () => {
  test('the fingerprint and key type read as ssh-keygen prints them', () => {
    assert.equal(hostKeyFingerprint(blob(KEY_A)), 'SHA256:UAlw0+hW8MoiTTaiZsAZWP0VrpMMS46ZDpKjTWxHSQQ');
    assert.equal(hostKeyFingerprint(blob(KEY_B)), 'SHA256:vSQydp5qsnIoVK7/EBTjtY0xcVhPcx7dgBeDYBpYt0E');
    assert.equal(sshKeyType(blob(KEY_A)), 'ssh-ed25519');
  });

  test('a host with no line is unknown; the trusting line names a non-22 port as [host]:port', () => {
    assert.deepEqual(verifyHostKey(file(''), '127.0.0.1', 2222, blob(KEY_A)), { kind: 'unknown', otherTypes: [] });
    assert.equal(knownHostsLine('127.0.0.1', 2222, blob(KEY_A)), `[127.0.0.1]:2222 ssh-ed25519 ${KEY_A}`);
    assert.equal(knownHostsLine('box', 22, blob(KEY_A)), `box ssh-ed25519 ${KEY_A}`);
  });

  test('the line the trust writes makes the key trusted, and only on that port', () => {
    const known = file(`${knownHostsLine('127.0.0.1', 2222, blob(KEY_A))}\n`);
    assert.deepEqual(verifyHostKey(known, '127.0.0.1', 2222, blob(KEY_A)), { kind: 'trusted' });
    assert.equal(verifyHostKey(known, '127.0.0.1', 22, blob(KEY_A)).kind, 'unknown');
  });

  test('another key of the same type for the host is a change, naming the file and line', () => {
    const known = file(`# comment\nother ssh-ed25519 ${KEY_A}\n[127.0.0.1]:2222 ssh-ed25519 ${KEY_A}\n`);
    assert.deepEqual(verifyHostKey(known, '127.0.0.1', 2222, blob(KEY_B)), {
      kind: 'changed',
      file: '/home/u/.ssh/known_hosts',
      line: 3,
      knownType: 'ssh-ed25519',
    });
  });

  test('hashed host names (ssh-keygen -H) match', () => {
    const hashed = `|1|4/ZgIEYpV0MJOxaqzguh4anF1xU=|DpmR6hLhaQkgT4jW4WRrSxSMdCQ= ssh-ed25519 ${KEY_A}`;
    assert.deepEqual(verifyHostKey(file(hashed), '127.0.0.1', 2222, blob(KEY_A)), { kind: 'trusted' });
    assert.equal(verifyHostKey(file(hashed), '127.0.0.2', 2222, blob(KEY_A)).kind, 'unknown');
  });

  test('wildcards, negations and @revoked apply as in OpenSSH; @cert-authority lines vouch for no plain key', () => {
    assert.equal(verifyHostKey(file(`*.lab,!bad.lab ssh-ed25519 ${KEY_A}`), 'a.lab', 22, blob(KEY_A)).kind, 'trusted');
    assert.equal(verifyHostKey(file(`*.lab,!bad.lab ssh-ed25519 ${KEY_A}`), 'bad.lab', 22, blob(KEY_A)).kind, 'unknown');
    assert.equal(verifyHostKey(file(`b?x ssh-ed25519 ${KEY_A}`), 'BOX', 22, blob(KEY_A)).kind, 'trusted');
    const revoked = `box ssh-ed25519 ${KEY_A}\n@revoked * ssh-ed25519 ${KEY_A}`;
    assert.equal(verifyHostKey(file(revoked), 'box', 22, blob(KEY_A)).kind, 'revoked');
    assert.equal(verifyHostKey(file(`@cert-authority box ssh-ed25519 ${KEY_A}`), 'box', 22, blob(KEY_A)).kind, 'unknown');
  });

  test('a key of another type only is unknown, and says which types are known', () => {
    const known = file(`box ecdsa-sha2-nistp256 AAAAE2VjZHNh`);
    assert.deepEqual(verifyHostKey(known, 'box', 22, blob(KEY_A)), { kind: 'unknown', otherTypes: ['ecdsa-sha2-nistp256'] });
  });

  test('any known_hosts text and host name give a verdict without throwing, in linear time', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 60 }), fc.integer({ min: 1, max: 65535 }), (text, host, port) => {
        const verdict = verifyHostKey(file(text), host, port, blob(KEY_A));
        assert.ok(['trusted', 'unknown', 'changed', 'revoked'].includes(verdict.kind));
      }),
    );
    const started = Date.now();
    verifyHostKey(file(`${'*a'.repeat(5000)}b ssh-ed25519 ${KEY_A}`), 'a'.repeat(10000), 22, blob(KEY_A));
    assert.ok(Date.now() - started < 500, 'a hostile pattern does not backtrack');
  });
});
