// Connect and disconnect against the real engine. For each case the engine refuses, what the extension says
// before sending (wizard, address tools, restrictions), and what the engine says when it is sent anyway; then the
// flows that work, checked in container inspect.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { EngineError } from '../../src/engine/errors';
import type { ConnectBody, DockerGateway } from '../../src/engine/gateway';
import { connectRestrictions } from '../../src/model/connectRules';
import { emptyConnectOptions, toConnectBody } from '../../src/model/connectRequest';
import type { ContainerModel, NetworkModel } from '../../src/model/explorer';
import { runConnectWizard } from '../../src/ui/wizard/connectWizard';
import { endpointAddressTools } from '../../src/ui/wizard/endpointAddresses';
import { Answer, CANCEL, ScriptedPrompter, ScriptedValidationError } from '../support/scriptedPrompter';
import { cleanUpEngine, openGateway, engineDocker, runContainer, testLabels, uniqueName } from '../support/engineFixture';
import { containerNamed, engineModel, networkNamed } from './networkTestKit';

interface ContainerInspect {
  Id: string;
  State: { Running: boolean };
  NetworkSettings: {
    Networks: Record<
      string,
      { IPAMConfig?: { IPv4Address?: string } | null; Aliases?: string[] | null; IPAddress: string; NetworkID: string; EndpointID: string }
    >;
  };
}

describe('connect and disconnect against the real engine', () => {
  let gateway: DockerGateway;
  const tools = endpointAddressTools();
  const net = uniqueName('conn'); // 10.217.10.0/24, gateway .1
  const home = uniqueName('home'); // where the test containers start
  const auto = uniqueName('auto'); // a subnet the engine picked itself
  const holder = uniqueName('holder'); // running on `net` at 10.217.10.10
  const mover = uniqueName('mover'); // running, on `home` only
  const sleeper = uniqueName('sleeper'); // created, never started, on `home` only

  before(async () => {
    gateway = await openGateway();
    const docker = engineDocker();
    await Promise.all([
      docker.createNetwork({ Name: net, Labels: testLabels, IPAM: { Config: [{ Subnet: '10.217.10.0/24', Gateway: '10.217.10.1' }] } }),
      docker.createNetwork({ Name: home, Labels: testLabels, IPAM: { Config: [{ Subnet: '10.217.11.0/24', Gateway: '10.217.11.1' }] } }),
      docker.createNetwork({ Name: auto, Labels: testLabels }),
    ]);
    await Promise.all([
      runContainer(holder, net, { ip: '10.217.10.10' }),
      runContainer(mover, home),
      runContainer(sleeper, home, { start: false }),
    ]);
  });
  after(async () => {
    gateway.dispose();
    await cleanUpEngine();
  });

  const inspectContainer = async (name: string) => (await engineDocker().getContainer(name).inspect()) as unknown as ContainerInspect;
  const networkInspect = async (name: string) =>
    (await engineDocker().getNetwork(name).inspect()) as { Id: string; Containers?: Record<string, unknown> };

  async function fresh(
    networkName: string,
    containerName: string,
  ): Promise<{ network: NetworkModel; container: ContainerModel; model: Awaited<ReturnType<typeof engineModel>> }> {
    const model = await engineModel(gateway);
    return { network: networkNamed(model, networkName), container: containerNamed(model, containerName), model };
  }

  async function wizard(answers: Answer[], network: NetworkModel, container: ContainerModel) {
    const prompter = new ScriptedPrompter(answers);
    const plan = await runConnectWizard(prompter, {
      model: await engineModel(gateway),
      capabilities: gateway.capabilities,
      addresses: tools,
      network,
      containers: [container],
    });
    return { plan, prompter };
  }

  /** Sends the connect the extension would have stopped, and returns the engine's refusal. */
  async function engineRefusal(
    network: NetworkModel,
    container: ContainerModel,
    body: Omit<ConnectBody, 'Container'>,
  ): Promise<EngineError> {
    try {
      await gateway.connectContainer(
        network.id,
        { Container: container.id, ...body },
        { network: network.name, container: container.name },
      );
    } catch (err) {
      assert.ok(err instanceof EngineError, String(err));
      assert.equal(err.kind, 'refused');
      assert.ok(
        err.message.startsWith(
          `Docker Engine refused to connect container "${container.name}" to network "${network.name}": ${err.engineMessage}`,
        ),
        err.message,
      );
      return err;
    }
    throw new Error(`the engine accepted connecting "${container.name}" to "${network.name}" with ${JSON.stringify(body)}`);
  }

  const withAddress = (ipv4: string) => ({ EndpointConfig: { IPAMConfig: { IPv4Address: ipv4 } } });

  /**
   * Engine 20.10 keeps the settings of a running container's connect that failed to allocate its fixed address: the
   * container names the network without an endpoint. Disconnect refuses ("not connected"); a connect that succeeds
   * replaces the entry, and then a disconnect clears it. Checks the entry and clears it that way.
   */
  async function clearStaleEntry(network: NetworkModel, container: ContainerModel, address: string): Promise<void> {
    const stale = (await inspectContainer(container.name)).NetworkSettings.Networks[network.name];
    if (stale) {
      assert.deepEqual([stale.IPAMConfig, stale.EndpointID], [{ IPv4Address: address }, ''], 'the refused settings stay on the container');
      const label = { network: network.name, container: container.name };
      await gateway.connectContainer(network.id, { Container: container.id }, label);
      await gateway.disconnectContainer(network.id, container.id, false, label);
    }
    assert.equal((await inspectContainer(container.name)).NetworkSettings.Networks[network.name], undefined);
  }

  describe('refusals: what the extension says before sending, and what the engine says when sent anyway', () => {
    const addressCases: { refused: string; address: string; extension: () => RegExp; engine: string; status: number }[] = [
      {
        refused: 'an address another container holds (naming the holder)',
        address: '10.217.10.10',
        extension: () => new RegExp(`^10\\.217\\.10\\.10 is already used by container "${holder}"\\.$`),
        engine: 'Address already in use',
        status: 403,
      },
      {
        refused: "the gateway's address",
        address: '10.217.10.1',
        extension: () => new RegExp(`^10\\.217\\.10\\.1 is the gateway of network "${net}"\\.$`),
        engine: 'Address already in use',
        status: 403,
      },
      {
        refused: 'an address outside the subnet',
        address: '10.217.99.10',
        extension: () =>
          new RegExp(`^10\\.217\\.99\\.10 does not belong to any of network "${net}"'s subnets \\(10\\.217\\.10\\.0/24\\)\\.$`),
        engine: "Invalid address 10.217.99.10: It does not belong to any of this network's subnets",
        status: 500,
      },
    ];
    for (const c of addressCases) {
      test(`a fixed address that is ${c.refused}: the wizard refuses it as typed; the engine says "${c.engine}"`, async () => {
        const { network, container } = await fresh(net, mover);
        await assert.rejects(wizard(['Set options…', ['IPv4 address'], c.address], network, container), (err: unknown) => {
          assert.ok(err instanceof ScriptedValidationError, String(err));
          assert.match(err.validation, c.extension());
          return true;
        });
        const refusal = await engineRefusal(network, container, withAddress(c.address));
        assert.equal(refusal.engineMessage, c.engine);
        assert.equal(refusal.statusCode, c.status);
        await clearStaleEntry(network, container, c.address);
      });
    }

    test('a refused fixed-address connect leaves a stale entry on the running container (Engine 20.10): disconnect says "not connected", and its next restart fails', async () => {
      const victim = uniqueName('victim');
      await runContainer(victim, home);
      const { network, container } = await fresh(net, victim);
      await engineRefusal(network, container, withAddress('10.217.99.11'));
      const stale = (await inspectContainer(victim)).NetworkSettings.Networks[net];
      assert.deepEqual(
        [stale?.IPAMConfig, stale?.EndpointID],
        [{ IPv4Address: '10.217.99.11' }, ''],
        'Engine 20.10 keeps the refused settings',
      );
      const label = { network: net, container: victim };
      await assert.rejects(
        gateway.disconnectContainer(network.id, container.id, true, label),
        (err: EngineError) => err.engineMessage === `container ${container.id} is not connected to network ${net}`,
      );
      await assert.rejects(
        engineDocker().getContainer(victim).restart({ t: 0 }),
        /Cannot restart container .*: Invalid address 10\.217\.99\.11: It does not belong to any of this network's subnets/,
      );
      // Stopped now, the entry is only configuration: a disconnect clears it and the container starts again.
      await gateway.disconnectContainer(network.id, container.id, false, label);
      assert.equal((await inspectContainer(victim)).NetworkSettings.Networks[net], undefined);
      await engineDocker().getContainer(victim).start();
      assert.equal((await inspectContainer(victim)).State.Running, true);
    });

    test('a fixed address on the default bridge: the option is explained as unavailable; the engine says "user specified IP address is supported on user defined networks only"', async () => {
      const { network, container } = await fresh('bridge', mover);
      const { plan, prompter } = await wizard(['Set options…', ['IPv4 address'], 'OK', CANCEL], network, container);
      assert.equal(plan, undefined);
      const checklist = prompter.question('Tick the options to set');
      assert.match(checklist.optionDetails![checklist.options!.indexOf('IPv4 address')]!, /not available/);
      assert.equal(prompter.question('That option cannot be used here').text, connectRestrictions(network.network).staticAddress);
      assert.match(prompter.question('That option cannot be used here').text, /default "bridge" network/);
      const subnet = network.subnets[0];
      const address = subnet.replace(/\.0\/\d+$/, '.200');
      assert.match(tools.validate(address, 'ipv4', network) ?? '', /A fixed address is not possible on the default "bridge" network/);
      const refusal = await engineRefusal(network, container, withAddress(address));
      assert.equal(refusal.engineMessage, 'user specified IP address is supported on user defined networks only');
      assert.equal(refusal.statusCode, 400);
    });

    test('a fixed address on a user network whose subnet the engine picked: only the engine can tell, and its words reach the user', async () => {
      const { network, container } = await fresh(auto, mover);
      const suggestion = tools.suggest('ipv4', network);
      assert.ok(suggestion, 'inspect shows the picked subnet, so an address is suggested');
      assert.equal(tools.validate(suggestion, 'ipv4', network), undefined);
      const refusal = await engineRefusal(network, container, withAddress(suggestion));
      assert.equal(
        refusal.engineMessage,
        'user specified IP address is supported only when connecting to networks with user configured subnets',
      );
      assert.equal(refusal.statusCode, 400);
    });

    test('a container already on the network: the wizard refuses with the reason; the engine says "endpoint with name … already exists in network …"', async () => {
      const { network, container } = await fresh(net, holder);
      const { plan, prompter } = await wizard(['OK'], network, container);
      assert.equal(plan, undefined);
      assert.match(prompter.question(/^Cannot connect to /).text, new RegExp(`"${holder}" is already connected to "${net}"`));
      const refusal = await engineRefusal(network, container, {});
      assert.equal(refusal.engineMessage, `endpoint with name ${holder} already exists in network ${net}`);
      assert.equal(refusal.statusCode, 403);
    });

    test('the host network: the wizard explains it and sends nothing; the engine says "container cannot be disconnected from host network or connected to host network"', async () => {
      const { network, container } = await fresh('host', mover);
      const { plan, prompter } = await wizard(['OK'], network, container);
      assert.equal(plan, undefined);
      assert.match(
        prompter.question(/^Cannot connect to /).text,
        /"host" is the host network.*Start the container with --network host instead/,
      );
      const refusal = await engineRefusal(network, container, {});
      assert.equal(refusal.engineMessage, 'container cannot be disconnected from host network or connected to host network');
      assert.equal(refusal.statusCode, 400);
    });

    test('the none network: the wizard explains it and sends nothing; the engine says "container cannot be connected to multiple networks with one of the networks in private (none) mode"', async () => {
      const { network, container } = await fresh('none', mover);
      const { plan, prompter } = await wizard(['OK'], network, container);
      assert.equal(plan, undefined);
      assert.match(prompter.question(/^Cannot connect to /).text, /"none" is the none network/);
      const refusal = await engineRefusal(network, container, {});
      assert.equal(
        refusal.engineMessage,
        'container cannot be connected to multiple networks with one of the networks in private (none) mode',
      );
    });

    test('an alias on the default bridge: the wizard explains it; the engine says "network-scoped alias is supported only for containers in user defined networks"', async () => {
      const { network, container } = await fresh('bridge', mover);
      const { plan, prompter } = await wizard(['Set options…', ['Aliases'], 'OK', CANCEL], network, container);
      assert.equal(plan, undefined);
      assert.equal(prompter.question('That option cannot be used here').text, connectRestrictions(network.network).aliases);
      assert.match(
        prompter.question('That option cannot be used here').text,
        /network-scoped alias is supported only for containers in user defined networks/,
      );
      const refusal = await engineRefusal(network, container, { EndpointConfig: { Aliases: ['web'] } });
      assert.equal(refusal.engineMessage, 'network-scoped alias is supported only for containers in user defined networks');
    });

    test('disconnecting a container that is not connected: the engine names the container and the network', async () => {
      const { network, container } = await fresh(net, mover);
      await assert.rejects(
        gateway.disconnectContainer(network.id, container.id, false, { network: net, container: mover }),
        (err: EngineError) => {
          assert.equal(err.kind, 'refused');
          assert.equal(err.engineMessage, `container ${container.id} is not connected to network ${net}`);
          assert.match(err.message, new RegExp(`^Docker Engine refused to disconnect container "${mover}" from network "${net}": `));
          return true;
        },
      );
    });
  });

  describe('connect and disconnect that work', () => {
    test('connects a running container with a fixed address and aliases; container inspect shows IPAMConfig, address and aliases', async () => {
      const { network, container } = await fresh(net, mover);
      const { plan, prompter } = await wizard(
        ['Set options…', ['Aliases', 'IPv4 address'], 'db, primary', '10.217.10.20'],
        network,
        container,
      );
      assert.ok(plan);
      assert.equal(
        prompter.asked.at(-1)!.value,
        '10.217.10.2',
        "the lowest free address is suggested (gateway .1 and the holder's .10 skipped)",
      );
      await gateway.connectContainer(plan.network.id, toConnectBody(plan.containers[0].id, plan.options), {
        network: net,
        container: mover,
      });

      const settings = (await inspectContainer(mover)).NetworkSettings.Networks[net];
      assert.deepEqual(settings.IPAMConfig, { IPv4Address: '10.217.10.20' });
      assert.equal(settings.IPAddress, '10.217.10.20');
      for (const alias of ['db', 'primary'])
        assert.ok(settings.Aliases?.includes(alias), `alias ${alias} missing from ${settings.Aliases?.join(', ')}`);
      const after = await fresh(net, mover);
      assert.equal(after.network.endpoints.find(e => e.containerName === mover)?.ipv4, '10.217.10.20/24');
      assert.equal(tools.validate('10.217.10.20', 'ipv4', after.network), `10.217.10.20 is already used by container "${mover}".`);
    });

    test('connects a stopped container: its own NetworkSettings name the network and fixed address, network inspect does not list it', async () => {
      const { network, container } = await fresh(net, sleeper);
      assert.equal(container.running, false);
      const { plan } = await wizard(['Set options…', ['IPv4 address'], '10.217.10.30'], network, container);
      assert.ok(plan);
      await gateway.connectContainer(plan.network.id, toConnectBody(container.id, plan.options), { network: net, container: sleeper });

      const inspected = await inspectContainer(sleeper);
      assert.equal(inspected.State.Running, false);
      const settings = inspected.NetworkSettings.Networks[net];
      assert.ok(settings, `no "${net}" in ${Object.keys(inspected.NetworkSettings.Networks).join(', ')}`);
      assert.deepEqual(settings.IPAMConfig, { IPv4Address: '10.217.10.30' });
      assert.equal(settings.IPAddress, '', 'no address is allocated until it starts');
      assert.equal(settings.EndpointID, '');
      assert.ok(
        !Object.keys((await networkInspect(net)).Containers ?? {}).includes(inspected.Id),
        "the engine's network inspect lists active endpoints only",
      );
      const after = await fresh(net, sleeper);
      const endpoint = after.network.endpoints.find(e => e.containerName === sleeper);
      assert.equal(endpoint?.running, false);
      assert.equal(endpoint?.ipv4, '10.217.10.30', 'the explorer shows the configured address of the stopped container');
      assert.equal(tools.validate('10.217.10.30', 'ipv4', after.network), `10.217.10.30 is already used by container "${sleeper}".`);
    });

    test('disconnects a running container: gone from its NetworkSettings and from network inspect', async () => {
      const { network, container } = await fresh(net, mover);
      await gateway.disconnectContainer(network.id, container.id, false, { network: net, container: mover });
      assert.equal((await inspectContainer(mover)).NetworkSettings.Networks[net], undefined);
      assert.ok(!Object.keys((await networkInspect(net)).Containers ?? {}).includes(container.id));
      assert.equal((await inspectContainer(mover)).State.Running, true, 'still running on its other network');
    });

    test('disconnects a stopped container: the network is gone from its NetworkSettings', async () => {
      const { network, container } = await fresh(net, sleeper);
      await gateway.disconnectContainer(network.id, container.id, false, { network: net, container: sleeper });
      const inspected = await inspectContainer(sleeper);
      assert.equal(inspected.NetworkSettings.Networks[net], undefined);
      assert.ok(inspected.NetworkSettings.Networks[home], 'its other network stays');
    });

    test('force-disconnects a running container', async () => {
      const { network, container } = await fresh(net, holder);
      await gateway.disconnectContainer(network.id, container.id, true, { network: net, container: holder });
      assert.equal((await inspectContainer(holder)).NetworkSettings.Networks[net], undefined);
      assert.deepEqual(Object.keys((await networkInspect(net)).Containers ?? {}), []);
    });

    test('the address a disconnected container held is free again: the extension accepts it and the engine gives it out', async () => {
      const { network } = await fresh(net, holder);
      assert.equal(network.endpoints.length, 0);
      assert.equal(tools.validate('10.217.10.10', 'ipv4', network), undefined);
      assert.equal(tools.suggest('ipv4', network), '10.217.10.2');
      await gateway.connectContainer(
        network.id,
        toConnectBody((await inspectContainer(mover)).Id, { ...emptyConnectOptions(), ipv4: '10.217.10.10' }),
        { network: net, container: mover },
      );
      assert.equal((await inspectContainer(mover)).NetworkSettings.Networks[net].IPAddress, '10.217.10.10');
    });
  });
});
