import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';

// The scripts that start engines and the test host (out/test/unit → repo root is three levels up).
const socketPaths = require(path.join(__dirname, '../../../scripts/lib/socket-paths.js')) as {
  UNIX_SOCKET_PATH_MAX: number;
  plannedSocketPaths(where: { cloneDir: string; tmpDir: string }): string[];
  assertSocketsFit(paths: string[]): void;
};

/** An absolute path of exactly `length` characters. */
function pathOfLength(length: number, name: string): string {
  let result = `/${name}`;
  while (result.length < length) result += `/${'d'.repeat(Math.max(1, Math.min(39, length - result.length - 1)))}`;
  return result.slice(0, length);
}

describe('Unix socket paths of the private engines and the test host', () => {
  const cloneDir = pathOfLength(200, 'home');
  const tmpDir = pathOfLength(200, 'tmp');

  test('every socket fits the kernel limit for a clone and a TMPDIR of 200 characters each', () => {
    assert.equal(cloneDir.length, 200);
    assert.equal(tmpDir.length, 200);
    const paths = socketPaths.plannedSocketPaths({ cloneDir, tmpDir });
    const longest = paths.reduce((a, b) => (Buffer.byteLength(b) > Buffer.byteLength(a) ? b : a));
    assert.ok(Buffer.byteLength(longest) <= socketPaths.UNIX_SOCKET_PATH_MAX, `${longest} is ${longest.length} bytes`);
    assert.doesNotThrow(() => socketPaths.assertSocketsFit(paths));
  });

  test("includes containerd's debug socket and the swarm control socket, and none lives under the clone or TMPDIR", () => {
    const paths = socketPaths.plannedSocketPaths({ cloneDir, tmpDir });
    assert.ok(paths.some(p => p.endsWith('/containerd/containerd-debug.sock')));
    assert.ok(paths.some(p => p.endsWith('/swarm/control.sock')));
    for (const p of paths) assert.ok(!p.startsWith(cloneDir) && !p.startsWith(tmpDir), p);
  });

  test('a path that would not fit is refused with its length and the path', () => {
    const tooLong = `${tmpDir}/x/containerd/containerd-debug.sock`;
    assert.throws(() => socketPaths.assertSocketsFit([tooLong]), /unix socket path too long \(\d+ > 103 bytes\): \/tmp\//);
  });
});
