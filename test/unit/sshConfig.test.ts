import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sshHostSettings } from '../../src/model/sshConfig';

const CONFIG = `
# comments and blank lines are skipped
Host build build.lab
  HostName 10.0.0.5
  User deploy
  Port 2222
  IdentityFile ~/.ssh/build_ed25519

Host *.lab !secret.lab
  User labuser
  IdentityFile %d/.ssh/lab

Match exec "true"
  User nobody

Host *
  User fallback
  Port 22
`;

describe('~/.ssh/config for ssh:// engines', () => {
  test('a Host alias gives its HostName, User, Port and IdentityFile; later blocks fill only what is unset', () => {
    assert.deepEqual(sshHostSettings(CONFIG, 'build', '/home/me'), {
      hostName: '10.0.0.5',
      user: 'deploy',
      port: 2222,
      identityFiles: ['/home/me/.ssh/build_ed25519'],
    });
  });

  test('wildcards and negations select blocks; IdentityFile adds up across blocks', () => {
    assert.deepEqual(sshHostSettings(CONFIG, 'web.lab', '/home/me'), {
      hostName: undefined,
      user: 'labuser',
      port: 22,
      identityFiles: ['/home/me/.ssh/lab'],
    });
    assert.equal(sshHostSettings(CONFIG, 'secret.lab', '/home/me').user, 'fallback');
  });

  test('Match blocks are not applied, and keywords are case-insensitive with "=" allowed', () => {
    assert.equal(sshHostSettings('Match all\n  User x\nHost a\n  USER=y', 'a', '/h').user, 'y');
  });

  test('an empty or missing config changes nothing', () => {
    assert.deepEqual(sshHostSettings('', 'box', '/h'), { hostName: undefined, user: undefined, port: undefined, identityFiles: [] });
  });
});
