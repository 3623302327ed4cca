import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { EngineError, explainPluginFailure, explainPluginRemovalTimeout, toEngineError } from '../../src/engine/errors';

const engineAddress = 'unix:///var/run/docker.sock (default)';
const context = { engineAddress, operation: 'list networks' };

describe('engine error mapping', () => {
  const unreachableCases: [string, RegExp][] = [
    ['ENOENT', /no socket at \/var\/run\/docker\.sock/],
    ['ECONNREFUSED', /connection refused/],
    ['EACCES', /permission denied on \/var\/run\/docker\.sock/],
    ['ENOTFOUND', /could not be resolved/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', /TLS: the engine's certificate is not signed by the CA given/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /TLS: the engine's certificate is not issued for this host/],
  ];
  for (const [code, reason] of unreachableCases) {
    test(`a ${code} connection error says the engine is unreachable and why`, () => {
      const error = toEngineError(Object.assign(new Error(`connect ${code}`), { code }), context);
      assert.equal(error.kind, 'unreachable');
      assert.match(error.message, /^Docker Engine not reachable at unix:\/\/\/var\/run\/docker\.sock \(default\): /);
      assert.match(error.message, reason);
      assert.equal(error.isConnectionLoss, true);
    });
  }

  test("an engine refusal keeps the engine's message verbatim with status and context", () => {
    const raw = {
      statusCode: 403,
      reason: 'forbidden',
      json: { message: 'error while removing network: network web id 1234 has active endpoints' },
    };
    const error = toEngineError(raw, { engineAddress, operation: 'remove network "web"' });
    assert.equal(error.kind, 'refused');
    assert.equal(error.statusCode, 403);
    assert.equal(error.engineMessage, 'error while removing network: network web id 1234 has active endpoints');
    assert.equal(
      error.message,
      'Docker Engine refused to remove network "web": error while removing network: network web id 1234 has active endpoints (HTTP 403)',
    );
    assert.equal(error.isConnectionLoss, false);
  });

  test('a refusal whose body is a Buffer or text is still read', () => {
    assert.equal(toEngineError({ statusCode: 500, json: Buffer.from('invalid name: \n') }, context).engineMessage, 'invalid name:');
    assert.equal(toEngineError({ statusCode: 404, json: 'network x not found' }, context).engineMessage, 'network x not found');
  });

  test('"client version is too new" becomes an API version error', () => {
    const raw = { statusCode: 400, json: { message: 'client version 1.44 is too new. Maximum supported API version is 1.41' } };
    assert.equal(toEngineError(raw, context).kind, 'api-version');
  });

  test('a timeout names the engine address and the operation', () => {
    const error = toEngineError(Object.assign(new Error('aborted'), { name: 'AbortError' }), { ...context, timedOut: true });
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /did not answer "list networks" in time/);
  });

  test('a cancelled call is reported as cancelled, not as a failure of the engine', () => {
    assert.equal(toEngineError(Object.assign(new Error('aborted'), { name: 'AbortError' }), context).kind, 'cancelled');
  });

  test('an EngineError passes through unchanged', () => {
    const original = new EngineError('x', { kind: 'refused', engineAddress });
    assert.equal(toEngineError(original, context), original);
  });
});

// The engine's messages as Engine 20.10 words them when a legacy plugin's socket is gone or dead (measured).
const goneIpam =
  'Post "http://%2Frun%2Fdocker%2Fplugins%2Fdn-test-net-9752.sock/IpamDriver.RequestAddress": dial unix /run/docker/plugins/dn-test-net-9752.sock: connect: no such file or directory';
const deadDriver =
  'Post "http://%2Frun%2Fdocker%2Fplugins%2Fweave%2Fweave.sock/NetworkDriver.CreateNetwork": dial unix /run/docker/plugins/weave/weave.sock: connect: connection refused';

describe('a network plugin that stopped answering', () => {
  test('a refusal names the IPAM plugin whose socket is gone, and keeps the engine message', () => {
    const error = toEngineError(
      { statusCode: 500, json: { message: goneIpam } },
      { engineAddress, operation: 'connect container "c" to network "n"' },
    );
    assert.equal(error.kind, 'refused');
    assert.equal(error.engineMessage, goneIpam);
    assert.equal(
      error.message,
      `Docker Engine refused to connect container "c" to network "n": IPAM plugin "dn-test-net-9752" does not answer: its socket /run/docker/plugins/dn-test-net-9752.sock is gone. Is the plugin running? The engine said: ${goneIpam} (HTTP 500)`,
    );
  });

  test('a network driver plugin whose socket refuses connections is named, from a plugin subdirectory too', () => {
    assert.equal(
      explainPluginFailure(deadDriver),
      'network plugin "weave" does not answer: nothing listens on its socket /run/docker/plugins/weave/weave.sock any more. Is the plugin running?',
    );
  });

  test('a driver the engine cannot find at all is explained as a plugin that is not installed', () => {
    assert.match(explainPluginFailure('plugin "dn-never-there" not found') ?? '', /^no plugin named "dn-never-there" is installed/);
  });

  test('other refusals get no plugin explanation', () => {
    assert.equal(explainPluginFailure('network web not found'), undefined);
    assert.equal(explainPluginFailure('dial unix /var/run/docker.sock: connect: no such file or directory'), undefined);
  });
});

describe('a removal that times out on a plugin network', () => {
  const timeout = toEngineError(Object.assign(new Error('aborted'), { name: 'AbortError' }), {
    engineAddress,
    operation: 'remove network "woven"',
    timedOut: true,
  });

  test('names the network plugin and says the engine finishes the removal anyway', () => {
    const explained = explainPluginRemovalTimeout(timeout, { name: 'woven', driver: 'weave' }) as EngineError;
    assert.equal(explained.kind, 'timeout');
    assert.ok(explained.message.startsWith(timeout.message), explained.message);
    assert.match(
      explained.message,
      /"woven" belongs to the network plugin "weave", which seems not to answer: .* finishes the removal anyway .* Is the plugin running\?$/,
    );
  });

  test('leaves a timeout on a built-in driver, and every other error, unchanged', () => {
    assert.equal(explainPluginRemovalTimeout(timeout, { name: 'web', driver: 'bridge' }), timeout);
    assert.equal(explainPluginRemovalTimeout(timeout, { name: 'web' }), timeout);
    const refusal = toEngineError({ statusCode: 403, json: { message: 'has active endpoints' } }, context);
    assert.equal(explainPluginRemovalTimeout(refusal, { name: 'woven', driver: 'weave' }), refusal);
  });
});
