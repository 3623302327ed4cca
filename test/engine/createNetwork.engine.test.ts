// The Create Network wizard, driven as a user would, creates on the real engine exactly what was answered.
import { strict as assert } from 'node:assert';
import type Docker from 'dockerode';
import { after, before, describe, test } from 'node:test';
import type { DockerGateway } from '../../src/engine/gateway';
import { answersFromNetwork, CreateNetworkAnswers, toCreateBody, toDockerCliCommand } from '../../src/model/createNetwork';
import type { Network } from '../../src/model/engineTypes';
import { cidrContainsAddress, parseAddress, parseCidr } from '../../src/model/ipam';
import { runCreateNetworkWizard } from '../../src/ui/wizard/createNetwork/wizard';
import { ScriptedPrompter } from '../support/scriptedPrompter';
import {
  cleanUpEngine,
  openGateway,
  engineDocker,
  RUN_ID,
  runContainer,
  TEST_LABEL,
  testLabels,
  uniqueName,
} from '../support/engineFixture';
import {
  addVethPair,
  createdShape,
  createScript,
  CreateScript,
  createWizardInput,
  linkExists,
  normalisedAnswers,
  runDockerCommandLine,
  waitForInterface,
} from './networkTestKit';

describe('Create Network wizard against the real engine', () => {
  let gateway: DockerGateway;
  before(async () => {
    gateway = await openGateway();
  });
  after(async () => {
    gateway.dispose();
    await cleanUpEngine();
  });

  const inspect = async (id: string) => (await engineDocker().getNetwork(id).inspect()) as Network;

  /** Runs the wizard with the script, creates the network from its answers, and returns both sides. */
  async function createThroughWizard(
    script: CreateScript,
  ): Promise<{ answers: CreateNetworkAnswers; network: Network; prompter: ScriptedPrompter }> {
    const prompter = new ScriptedPrompter(createScript(script));
    const answers = await runCreateNetworkWizard(prompter, await createWizardInput(gateway));
    assert.ok(answers, 'the wizard finished with answers');
    assert.equal(prompter.remaining, 0, 'every scripted answer was asked for');
    const created = await gateway.createNetwork(toCreateBody(answers));
    return { answers, network: await inspect(created.Id), prompter };
  }

  /** The engine reports back what was answered: the answers rebuilt from inspect equal the wizard's. */
  function assertEngineMatches(network: Network, answers: CreateNetworkAnswers, adjust: Partial<CreateNetworkAnswers> = {}) {
    assert.deepEqual(normalisedAnswers(answersFromNetwork(network)), normalisedAnswers({ ...answers, ...adjust }));
  }

  test('an IPv4 subnet with gateway, IP range and auxiliary addresses reaches the engine as answered, and containers get addresses from the range', async () => {
    const name = uniqueName('ipv4');
    const { answers, network } = await createThroughWizard({
      name,
      ipv4: [{ subnet: '10.217.1.0/24', gateway: '10.217.1.1', ipRange: '10.217.1.128/25', aux: 'router=10.217.1.2, nas=10.217.1.3' }],
    });
    assert.deepEqual(answers.ipv4Subnets, [
      {
        subnet: '10.217.1.0/24',
        gateway: '10.217.1.1',
        ipRange: '10.217.1.128/25',
        auxAddresses: { router: '10.217.1.2', nas: '10.217.1.3' },
      },
    ]);
    assert.deepEqual(network.IPAM.Config, [
      {
        Subnet: '10.217.1.0/24',
        Gateway: '10.217.1.1',
        IPRange: '10.217.1.128/25',
        AuxiliaryAddresses: { router: '10.217.1.2', nas: '10.217.1.3' },
      },
    ]);
    assert.equal(network.Driver, 'bridge');
    assert.equal(network.EnableIPv6, false);
    assertEngineMatches(network, answers);

    const container = await runContainer(uniqueName('ranged'), name);
    const address = (await container.inspect()).NetworkSettings.Networks[name].IPAddress;
    const range = parseCidr('10.217.1.128/25');
    const given = parseAddress(address);
    assert.ok(
      range.ok && given.ok && cidrContainsAddress(range.value, given.value),
      `the engine gave ${address}, which is outside the IP range 10.217.1.128/25`,
    );
  });

  test('dual stack: IPv6 enabled with both the IPv4 and the IPv6 subnet and their gateways', async () => {
    const { answers, network } = await createThroughWizard({
      name: uniqueName('dual'),
      ipv4: [{ subnet: '10.217.2.0/24', gateway: '10.217.2.1' }],
      ipv6: [{ subnet: 'fd00:217:2::/64', gateway: 'fd00:217:2::1' }],
    });
    assert.equal(answers.enableIPv6, true);
    assert.equal(network.EnableIPv6, true);
    assert.deepEqual(network.IPAM.Config, [
      { Subnet: '10.217.2.0/24', Gateway: '10.217.2.1' },
      { Subnet: 'fd00:217:2::/64', Gateway: 'fd00:217:2::1' },
    ]);
    assertEngineMatches(network, answers);
  });

  test('Internal creates an internal network', async () => {
    const { answers, network } = await createThroughWizard({ name: uniqueName('internal'), ticks: ['Internal'] });
    assert.equal(answers.internal, true);
    assert.equal(network.Internal, true);
    assert.equal(network.Attachable, false);
    assertEngineMatches(network, answers, { ipv4Subnets: answersFromNetwork(network).ipv4Subnets });
  });

  test('Attachable creates an attachable network', async () => {
    const { answers, network } = await createThroughWizard({ name: uniqueName('attachable'), ticks: ['Attachable'] });
    assert.equal(network.Attachable, true);
    assert.equal(network.Internal, false);
    assertEngineMatches(network, answers, { ipv4Subnets: answersFromNetwork(network).ipv4Subnets });
  });

  test('labels, bare keys and values with spaces included, are stored as typed', async () => {
    const { answers, network } = await createThroughWizard({
      name: uniqueName('labels'),
      labels: 'env=dev, team=pay ments, flag, url=http://x/?a=b',
    });
    assert.deepEqual(network.Labels, { [TEST_LABEL]: RUN_ID, env: 'dev', team: 'pay ments', flag: '', url: 'http://x/?a=b' });
    assert.deepEqual(network.Labels, answers.labels);
  });

  test('bridge driver options: interface name, MTU and inter-container communication off', async () => {
    const bridgeName = `dntbr${RUN_ID.slice(-8)}`;
    const { answers, network } = await createThroughWizard({
      name: uniqueName('bridgeopts'),
      ipv4: [{ subnet: '10.217.3.0/24', gateway: '10.217.3.1' }],
      bridgeName,
      mtu: '1400',
      ticks: ['Disable inter-container communication'],
    });
    assert.deepEqual(network.Options, {
      'com.docker.network.bridge.name': bridgeName,
      'com.docker.network.driver.mtu': '1400',
      'com.docker.network.bridge.enable_icc': 'false',
    });
    assertEngineMatches(network, answers);
    assert.ok(await linkExists(bridgeName), `the engine made the Linux bridge ${bridgeName}`);
  });

  test('a config-only network holds subnet and options; a network created with config-from it takes them over', async () => {
    const templateName = uniqueName('template');
    const template = await createThroughWizard({
      name: templateName,
      ticks: ['Config only'],
      ipv4: [{ subnet: '10.217.4.0/24', gateway: '10.217.4.1' }],
      mtu: '1450',
    });
    try {
      assert.equal(template.network.ConfigOnly, true);
      assert.equal(template.network.Driver, 'null', 'the engine stores config-only networks with the null driver');
      assertEngineMatches(template.network, template.answers, { driver: 'null' });

      // Labels cannot be given with config-from (the engine refuses); the user network inherits the template's.
      const derived = await createThroughWizard({ name: uniqueName('derived'), configFrom: templateName, testLabel: false });
      try {
        const checklist = derived.prompter.asked.find(q => q.kind === 'pickMany')!;
        assert.match(checklist.optionDetails![checklist.options!.indexOf('Config from…')]!, /take settings from a config-only network/);
        const configStep = derived.prompter.asked.find(q => q.kind === 'pick' && /takes its settings from/.test(q.text))!;
        assert.ok(configStep.options!.includes(templateName), `the template is offered: ${configStep.options!.join(', ')}`);
        assert.equal(derived.answers.configFrom, templateName);
        assert.equal(derived.network.ConfigFrom?.Network, templateName);
        assert.equal(derived.network.ConfigOnly, false);
        assert.equal(derived.network.Driver, 'bridge');
        assert.deepEqual(derived.network.IPAM.Config, [{ Subnet: '10.217.4.0/24', Gateway: '10.217.4.1' }]);
        assert.deepEqual(derived.network.Options, { 'com.docker.network.driver.mtu': '1450' });
        assert.equal(derived.network.Labels?.[TEST_LABEL], RUN_ID, 'labels come from the template');
      } finally {
        await engineDocker().getNetwork(derived.network.Id).remove();
      }
    } finally {
      // A template in use cannot be removed, so cleanUpEngine's single pass might miss it: remove in order here.
      await engineDocker().getNetwork(template.network.Id).remove();
    }
  });

  test('Copy as CLI of a network created with config-from recreates it (only --config-from, nothing it inherited)', async () => {
    const docker = engineDocker();
    const templateName = uniqueName('tpl');
    const template = await docker.createNetwork({
      Name: templateName,
      ConfigOnly: true,
      Labels: testLabels,
      IPAM: { Config: [{ Subnet: '10.217.8.0/24', Gateway: '10.217.8.1' }] },
    });
    const derived = await docker.createNetwork({
      Name: uniqueName('from-tpl'),
      ConfigFrom: { Network: templateName },
    } as Docker.NetworkCreateOptions);
    const copyName = uniqueName('from-tpl-copy');
    try {
      const command = toDockerCliCommand(answersFromNetwork(await inspect(derived.id), copyName)).line!;
      await docker.getNetwork(derived.id).remove();
      await assert.doesNotReject(runDockerCommandLine(command), `${command} is refused`);
      assert.equal((await inspect(copyName)).ConfigFrom?.Network, templateName);
    } finally {
      await docker
        .getNetwork(copyName)
        .remove()
        .catch(() => undefined);
      await docker
        .getNetwork(derived.id)
        .remove()
        .catch(() => undefined);
      await template.remove();
    }
  });

  test('macvlan on a veth parent picked from the host interfaces, with its mode', async () => {
    const veth = await addVethPair('mv');
    try {
      const listed = await waitForInterface(veth.a);
      const { answers, network, prompter } = await createThroughWizard({
        name: uniqueName('macvlan'),
        driver: 'macvlan',
        parent: listed ? { pick: veth.a } : { type: veth.a },
        mode: 'bridge',
        ipv4: [{ subnet: '10.217.5.0/24', gateway: '10.217.5.1' }],
      });
      try {
        const parentStep = prompter.question('Parent interface for the macvlan network');
        assert.match(parentStep.text, /Parent interface for the macvlan network/);
        assert.ok(!parentStep.options!.includes('lo'), 'the loopback is not offered as a parent');
        assert.equal(network.Driver, 'macvlan');
        assert.deepEqual(network.Options, { parent: veth.a, macvlan_mode: 'bridge' });
        assert.deepEqual(network.IPAM.Config, [{ Subnet: '10.217.5.0/24', Gateway: '10.217.5.1' }]);
        assertEngineMatches(network, answers);
      } finally {
        await engineDocker().getNetwork(network.Id).remove();
      }
    } finally {
      await veth.remove();
    }
  });

  test('a second IPv4 subnet (macvlan): after "Add another IPv4 subnet" the wizard asks for that subnet, then its gateway', async () => {
    const veth = await addVethPair('m2');
    try {
      const { answers, network } = await createThroughWizard({
        name: uniqueName('macvlan2'),
        driver: 'macvlan',
        parent: { type: veth.a },
        ipv4: [
          { subnet: '10.217.6.0/25', gateway: '10.217.6.1' },
          { subnet: '10.217.6.128/25', gateway: '10.217.6.129' },
        ],
      });
      try {
        assert.deepEqual(network.IPAM.Config, [
          { Subnet: '10.217.6.0/25', Gateway: '10.217.6.1' },
          { Subnet: '10.217.6.128/25', Gateway: '10.217.6.129' },
        ]);
        assertEngineMatches(network, answers);
      } finally {
        await engineDocker().getNetwork(network.Id).remove();
      }
    } finally {
      await veth.remove();
    }
  });

  test('the docker CLI line the summary shows creates the same network as the API body', async () => {
    const name = uniqueName('cli');
    const {
      answers,
      network: viaApi,
      prompter,
    } = await createThroughWizard({
      name,
      ticks: ['Internal', 'Attachable', 'Disable inter-container communication'],
      ipv4: [{ subnet: '10.217.7.0/24', gateway: '10.217.7.1', ipRange: '10.217.7.64/26', aux: 'router=10.217.7.2' }],
      ipv6: [{ subnet: 'fd00:217:7::/64', gateway: 'fd00:217:7::1', aux: 'r6=fd00:217:7::2' }],
      mtu: '1400',
      labels: "note=two words, quote=it's, bare",
    });
    const command = toDockerCliCommand(answers).line!;
    assert.equal(prompter.asked.at(-1)!.text, `Create "${name}"? Equivalent: ${command}`, 'the summary shows the command');
    await engineDocker().getNetwork(viaApi.Id).remove();

    await runDockerCommandLine(command);
    const viaCli = await inspect(name);
    assert.deepEqual(createdShape(viaCli), createdShape(viaApi), `${command}\ncreated a different network than the API body`);
    assert.equal(viaCli.Labels?.quote, "it's");
  });
});
