// A network whose driver and IPAM are a plugin: the test plugin (scripts/engine/network-plugin.js) speaks libnetwork's
// remote driver and remote IPAM protocols on a legacy plugin socket, records every call, and gives containers real
// veth interfaces. The extension's gateway creates, connects, inspects, disconnects and removes; the plugin's record
// says the engine really went through the plugin. Then the plugin disappears and the errors must name it.
import { strict as assert } from 'node:assert';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { EngineError } from '../../src/engine/errors';
import { DockerGateway } from '../../src/engine/gateway';
import { removeNetworks } from '../../src/engine/networkOperations';
import { emptyAnswers, toCreateBody } from '../../src/model/createNetwork';
import { cleanUpEngine, runContainer, silentLogger, testEngineAddress, testLabels, uniqueName } from '../support/engineFixture';
import { runCreateNetworkWizard } from '../../src/ui/wizard/createNetwork/wizard';
import { ScriptedPrompter } from '../support/scriptedPrompter';
import { createWizardInput, engineModel, networkNamed, TEST_LABEL_TEXT } from './networkTestKit';

interface PluginCall {
  readonly method: string;
  readonly body: Record<string, unknown>;
}
interface NetworkPlugin {
  readonly name: string;
  readonly socketPath: string;
  readonly subnet: string;
  readonly calls: PluginCall[];
  methods(): string[];
  endpoint(endpointId: string): { srcName: string; peerName: string } | undefined;
  stop(): Promise<void>;
}
const networkPlugin = require(path.join(__dirname, '../../../scripts/engine/network-plugin.js')) as {
  start(options: { log?: (line: string) => void }): Promise<NetworkPlugin>;
};
const engineScripts = require(path.join(__dirname, '../../../scripts/engine/private-engine.js')) as {
  execIn(container: Docker.Container, cmd: string[]): Promise<string>;
};
const run = promisify(execFile);

/** Engine 20.10 retries an unreachable plugin for 15 s per call, and a removal makes three such calls. */
const PLUGIN_RETRY_BUDGET_MS = 60000;
/** The default of dockerNetworks.requestTimeoutSeconds. */
const PRODUCT_TIMEOUT_MS = 20000;

/** The methods the plugin received from `from` on, so each test sees the calls its own step caused. */
const methodsSince = (plugin: NetworkPlugin, from: number) => plugin.methods().slice(from);

/** Fails unless `expected` appears in `actual` in this order (other calls may come between). */
function assertInOrder(actual: readonly string[], expected: readonly string[]): void {
  let at = 0;
  for (const method of actual) if (method === expected[at]) at++;
  assert.equal(at, expected.length, `expected the calls ${expected.join(' → ')} in this order, got ${actual.join(' → ')}`);
}

const linkExists = (name: string) =>
  run('ip', ['link', 'show', name]).then(
    () => true,
    () => false,
  );

/** Address and netmask from the plugin's pool: the pool is a /24, so the first three octets tell. */
const inPool = (address: string | undefined, pool: string) => Boolean(address?.startsWith(pool.split('.').slice(0, 3).join('.') + '.'));

describe('a network plugin as driver and IPAM of a network, through the extension', () => {
  let plugin: NetworkPlugin;
  let gateway: DockerGateway;
  const networkName = uniqueName('plugin');
  const containerName = uniqueName('plugin-c');
  let networkId = '';
  let container: Docker.Container;
  let endpointId = '';

  before(async () => {
    plugin = await networkPlugin.start({});
    gateway = await DockerGateway.open(testEngineAddress(), { timeoutMs: PLUGIN_RETRY_BUDGET_MS, logger: silentLogger });
  });
  after(async () => {
    // While the plugin still answers, so removing what is left is quick.
    await cleanUpEngine();
    await plugin?.stop();
    gateway?.dispose();
  });

  test("creates a network with the plugin's driver and IPAM driver, listed with the plugin's pool", async () => {
    const answers = { ...emptyAnswers(), name: networkName, driver: plugin.name, ipamDriver: plugin.name, labels: testLabels };
    networkId = (await gateway.createNetwork(toCreateBody(answers))).Id;
    const listed = (await gateway.listNetworks()).find(n => n.Id === networkId);
    assert.ok(listed, `${networkName} is not listed`);
    assert.equal(listed.Driver, plugin.name);
    assert.equal(listed.Scope, 'local');
    assert.equal(listed.IPAM?.Driver, plugin.name);
    assert.deepEqual(
      (listed.IPAM?.Config ?? []).map(c => c.Subnet),
      [plugin.subnet],
    );
  });

  test('the engine activates the plugin and creates the network through it, in order', () => {
    assertInOrder(plugin.methods(), [
      'Plugin.Activate',
      'NetworkDriver.GetCapabilities',
      'IpamDriver.GetDefaultAddressSpaces',
      'IpamDriver.RequestPool',
      'IpamDriver.RequestAddress', // the gateway
      'NetworkDriver.CreateNetwork',
    ]);
    const create = plugin.calls.find(c => c.method === 'NetworkDriver.CreateNetwork');
    assert.equal(create?.body.NetworkID, networkId);
  });

  test("while a network uses it, the engine's /info lists the plugin among its network drivers", async () => {
    assert.ok((await gateway.engineDetails()).networkDrivers.includes(plugin.name));
  });

  test('the Create wizard offers the plugin as network driver and as IPAM driver, with its scope, and creates through it', async () => {
    const name = uniqueName('plugin-wizard');
    const prompter = new ScriptedPrompter([
      name,
      plugin.name,
      'Configure options…',
      ['IPAM driver and options…', 'Labels…'],
      plugin.name,
      '',
      TEST_LABEL_TEXT,
      `Create network "${name}"`,
    ]);
    const answers = await runCreateNetworkWizard(prompter, await createWizardInput(gateway));
    const driverPick = prompter.question(`Network driver for "${name}"`);
    assert.equal(driverPick.optionDetails?.[driverPick.options?.indexOf(plugin.name) ?? -1], 'network plugin · scope local (1 network)');
    const ipamPick = prompter.question(`IPAM driver of "${name}"`);
    assert.equal(ipamPick.optionDetails?.[ipamPick.options?.indexOf(plugin.name) ?? -1], 'IPAM plugin · scope local (1 network)');
    const created = await gateway.createNetwork(toCreateBody(answers!));
    const inspected = await gateway.inspectNetwork(created.Id);
    assert.deepEqual([inspected.Driver, inspected.IPAM?.Driver], [plugin.name, plugin.name]);
    await gateway.removeNetwork(created.Id, name);
  });

  test("connecting a running container gives it a real interface with an address from the plugin's pool", async () => {
    container = await runContainer(containerName, 'bridge');
    const from = plugin.calls.length;
    await gateway.connectContainer(networkId, { Container: container.id }, { network: networkName, container: containerName });
    assertInOrder(methodsSince(plugin, from), ['IpamDriver.RequestAddress', 'NetworkDriver.CreateEndpoint', 'NetworkDriver.Join']);

    const settings = (await gateway.inspectContainer(container.id)).NetworkSettings.Networks?.[networkName];
    assert.ok(settings?.EndpointID, 'the container has an endpoint on the plugin network');
    endpointId = settings.EndpointID;
    assert.ok(inPool(settings.IPAddress, plugin.subnet), `${settings.IPAddress} is not from ${plugin.subnet}`);

    // Inside the container: the plugin's veth end, renamed eth1 by the engine, holding that address.
    const addresses = await engineScripts.execIn(container, ['ip', '-o', '-4', 'addr', 'show']);
    const line = addresses.split('\n').find(l => l.includes(` ${settings.IPAddress}/24 `));
    assert.ok(line, `no interface holds ${settings.IPAddress} in:\n${addresses}`);
    const ifname = /^\d+:\s+(\S+)/.exec(line)?.[1];
    assert.equal(ifname, 'eth1');
    assert.equal((await engineScripts.execIn(container, ['cat', '/sys/class/net/eth1/operstate'])).trim(), 'up');
    const veth = plugin.endpoint(endpointId);
    assert.ok(veth && (await linkExists(veth.peerName)), 'the host end of the veth pair exists');
  });

  test('the explorer shows the container as an endpoint of the plugin network, with its address', async () => {
    const network = networkNamed(await engineModel(gateway), networkName);
    assert.equal(network.network.Driver, plugin.name);
    const endpoint = network.endpoints.find(e => e.containerName === containerName);
    assert.ok(endpoint, `no endpoint of ${containerName} under ${networkName}`);
    assert.ok(endpoint.running);
    assert.ok(inPool(endpoint.ipv4, plugin.subnet), `${endpoint.ipv4} is not from ${plugin.subnet}`);
  });

  test("inspecting the network shows the endpoint and the plugin's IPAM", async () => {
    const inspected = await gateway.inspectNetwork(networkId);
    assert.equal(inspected.IPAM?.Driver, plugin.name);
    const attached = inspected.Containers?.[container.id];
    assert.equal(attached?.EndpointID, endpointId);
    assert.ok(inPool(attached?.IPv4Address, plugin.subnet));
  });

  test('disconnecting calls Leave and DeleteEndpoint, and the veth pair is gone', async () => {
    const from = plugin.calls.length;
    await gateway.disconnectContainer(networkId, container.id, false, { network: networkName, container: containerName });
    assertInOrder(methodsSince(plugin, from), ['NetworkDriver.Leave', 'NetworkDriver.DeleteEndpoint', 'IpamDriver.ReleaseAddress']);
    const veth = plugin.endpoint(endpointId) ?? { peerName: `dnp${endpointId.slice(0, 7)}h` };
    assert.equal(await linkExists(veth.peerName), false, `${veth.peerName} is still on the host`);
    const interfaces = (await engineScripts.execIn(container, ['ls', '/sys/class/net'])).split(/\s+/).filter(Boolean);
    assert.deepEqual(interfaces.sort(), ['eth0', 'lo']);
  });

  test('a container started on the plugin network alone routes through its gateway; the engine programs and revokes external connectivity', async () => {
    const from = plugin.calls.length;
    const only = await runContainer(uniqueName('plugin-only'), networkName);
    assertInOrder(methodsSince(plugin, from), [
      'NetworkDriver.CreateEndpoint',
      'NetworkDriver.Join',
      'NetworkDriver.ProgramExternalConnectivity',
    ]);
    const gatewayAddress = (await gateway.inspectNetwork(networkId)).IPAM?.Config?.[0]?.Gateway;
    assert.match(
      await engineScripts.execIn(only, ['ip', 'route']),
      new RegExp(`^default via ${gatewayAddress?.replace(/\./g, '\\.')} dev eth0`, 'm'),
    );
    const stopping = plugin.calls.length;
    await only.kill();
    await only.wait();
    assertInOrder(methodsSince(plugin, stopping), [
      'NetworkDriver.RevokeExternalConnectivity',
      'NetworkDriver.Leave',
      'NetworkDriver.DeleteEndpoint',
    ]);
    await only.remove();
  });

  test('removing the network releases the gateway address and the pool, then calls DeleteNetwork', async () => {
    const from = plugin.calls.length;
    await gateway.removeNetwork(networkId, networkName);
    // Engine 20.10 releases the addresses first and tells the driver last.
    assertInOrder(methodsSince(plugin, from), ['IpamDriver.ReleaseAddress', 'IpamDriver.ReleasePool', 'NetworkDriver.DeleteNetwork']);
    assert.equal(
      (await gateway.listNetworks()).find(n => n.Id === networkId),
      undefined,
    );
    assert.ok(!(await gateway.engineDetails()).networkDrivers.includes(plugin.name), '/info forgets a legacy plugin no network uses');
  });

  describe('when the plugin disappears', () => {
    const orphanName = uniqueName('plugin-gone');
    let orphanId = '';
    const pluginNamed = (err: unknown, role: string) => {
      assert.ok(err instanceof EngineError, String(err));
      assert.equal(err.kind, 'refused');
      assert.ok(err.message.includes(`${role} "${plugin.name}" does not answer`), err.message);
      assert.ok(err.message.includes(plugin.socketPath), err.message);
      return true;
    };

    before(async () => {
      const answers = { ...emptyAnswers(), name: orphanName, driver: plugin.name, ipamDriver: plugin.name, labels: testLabels };
      orphanId = (await gateway.createNetwork(toCreateBody(answers))).Id;
      await plugin.stop();
    });

    test('connecting to its network fails with an error that names the plugin', async () => {
      await assert.rejects(
        gateway.connectContainer(orphanId, { Container: container.id }, { network: orphanName, container: containerName }),
        err =>
          pluginNamed(err, 'IPAM plugin') &&
          (err as Error).message.startsWith(`Docker Engine refused to connect container "${containerName}"`),
      );
    });

    test('creating a network with it fails with an error that names the plugin', async () => {
      const answers = {
        ...emptyAnswers(),
        name: uniqueName('plugin-late'),
        driver: plugin.name,
        ipamDriver: plugin.name,
        labels: testLabels,
      };
      await assert.rejects(gateway.createNetwork(toCreateBody(answers)), err => pluginNamed(err, 'IPAM plugin'));
    });

    test("creating a network with its driver and Docker's IPAM fails with an error that names the network plugin", async () => {
      const answers = { ...emptyAnswers(), name: uniqueName('plugin-late'), driver: plugin.name, labels: testLabels };
      await assert.rejects(gateway.createNetwork(toCreateBody(answers)), err => pluginNamed(err, 'network plugin'));
    });

    test("removing its network times out at the extension's default and names the plugin; the engine has taken it off its list", async () => {
      const network = networkNamed(await engineModel(gateway), orphanName);
      // The product's request timeout (dockerNetworks.requestTimeoutSeconds, 20 s) is shorter than the engine's 45 s.
      const productGateway = await DockerGateway.open(testEngineAddress(), { timeoutMs: PRODUCT_TIMEOUT_MS, logger: silentLogger });
      try {
        const outcome = await removeNetworks(productGateway, [{ network, running: [] }], { disconnectRunning: false });
        assert.deepEqual(outcome.done, []);
        assert.match(
          outcome.failed[0]?.reason ?? '',
          new RegExp(`in time \\(timeout\\)\\. "${orphanName}" belongs to the network plugin "${plugin.name}", which seems not to answer`),
        );
      } finally {
        productGateway.dispose();
      }
      // Engine 20.10 lists a network no more once its removal starts, while the removal waits for the plugin.
      assert.equal(
        (await gateway.listNetworks()).find(n => n.Id === orphanId),
        undefined,
      );
    });
  });
});

describe('the network plugin as a child process (how VS Code tests and UI rounds run it)', () => {
  test('prints its name, socket and pool as one JSON line, answers the handshake, and removes its socket on SIGTERM', async () => {
    const script = path.join(__dirname, '../../../scripts/engine/network-plugin.js');
    const child = spawn(process.execPath, [script, 'start'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const exited = once(child, 'exit');
    try {
      const [line] = (await once(readline.createInterface({ input: child.stdout }), 'line')) as [string];
      const printed = JSON.parse(line) as { name: string; socketPath: string; subnet: string };
      assert.deepEqual(Object.keys(printed), ['name', 'socketPath', 'subnet']);
      assert.equal(printed.name, `dn-test-net-${child.pid}`);
      assert.equal(printed.socketPath, `/run/docker/plugins/${printed.name}.sock`);
      const handshake = await new Promise<string>((resolve, reject) => {
        const req = http.request({ socketPath: printed.socketPath, path: '/Plugin.Activate', method: 'POST' }, res => {
          let body = '';
          res.on('data', chunk => {
            body += chunk;
          });
          res.on('end', () => resolve(`${res.headers['content-type']} ${body}`));
        });
        req.on('error', reject);
        req.end();
      });
      assert.equal(handshake, 'application/vnd.docker.plugins.v1.2+json {"Implements":["NetworkDriver","IpamDriver"]}');
      child.kill('SIGTERM');
      await exited;
      assert.equal(fs.existsSync(printed.socketPath), false, 'the socket is removed');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
