import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { capabilitiesOf } from '../../src/model/apiVersion';
import { toCreateBody, toDockerCliCommand } from '../../src/model/createNetwork';
import { DEFAULT_ADDRESS_POOLS } from '../../src/model/ipam';
import { CreateWizardInput, runCreateNetworkWizard } from '../../src/ui/wizard/createNetwork/wizard';
import { BACK } from '../../src/ui/wizard/prompter';
import { network, withSubnet } from '../support/fixtures';
import { Answer, CANCEL, ScriptedPrompter, ScriptedValidationError } from '../support/scriptedPrompter';

const existing = [
  network('bridge', { IPAM: { Driver: 'default', Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] } }),
  network('host', { Driver: 'host' }),
  network('none', { Driver: 'null' }),
  withSubnet('web', '10.40.0.0/24', '10.40.0.1'),
  network('template', { ConfigOnly: true, IPAM: { Driver: 'default', Config: [{ Subnet: '10.41.0.0/24' }] } }),
];

function input(overrides: Partial<CreateWizardInput> = {}): CreateWizardInput & { copied: string[] } {
  const copied: string[] = [];
  return {
    existingNetworks: existing,
    drivers: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'],
    swarmActive: false,
    capabilities: capabilitiesOf('1.41'),
    hostAddresses: [{ interface: 'eth0', cidr: '192.168.1.5/24' }],
    hostInterfaces: ['lo', 'eth0', 'veth9'],
    pools: DEFAULT_ADDRESS_POOLS,
    copy: async text => {
      copied.push(text);
    },
    copied,
    ...overrides,
  };
}

describe('create network wizard', () => {
  test('with defaults: name, driver, defaults, summary — each step titled with its counter', async () => {
    const prompter = new ScriptedPrompter(['backend', 'bridge', 'Create with defaults', 'Create network "backend"']);
    const answers = await runCreateNetworkWizard(prompter, input());
    assert.equal(answers?.name, 'backend');
    assert.deepEqual(
      prompter.asked.map(q => q.title),
      ['Create Network (1/4)', 'Create Network (2/4)', 'Create Network (3/4)', 'Create Network (4/4)'],
    );
    assert.equal(prompter.question('Name of the new network').title, 'Create Network (1/4)');
    assert.match(prompter.question('Equivalent:').text, /Equivalent: docker network create backend$/);
    assert.deepEqual(toCreateBody(answers!).IPAM, undefined, 'the engine picks the subnet');
  });

  test('only drivers that can be created are offered (not host or null)', async () => {
    const prompter = new ScriptedPrompter(['x', CANCEL]);
    await runCreateNetworkWizard(prompter, input());
    assert.deepEqual(prompter.question('Network driver for "x"').options, ['bridge', 'macvlan', 'ipvlan', 'overlay']);
  });

  test('configured: subnet with gateway and range, internal, labels → body and CLI line', async () => {
    const prompter = new ScriptedPrompter([
      'backend',
      'bridge',
      'Configure options…',
      ['IPv4 subnet…', 'Internal', 'Labels…'],
      '10.42.0.0/24',
      '10.42.0.1',
      '10.42.0.128/25',
      'router=10.42.0.2',
      'env=dev, tier',
      'Create network "backend"',
    ]);
    const answers = await runCreateNetworkWizard(prompter, input());
    const body = toCreateBody(answers!);
    assert.deepEqual(body.IPAM?.Config, [
      { Subnet: '10.42.0.0/24', Gateway: '10.42.0.1', IPRange: '10.42.0.128/25', AuxiliaryAddresses: { router: '10.42.0.2' } },
    ]);
    assert.equal(body.Internal, true);
    assert.deepEqual(body.Labels, { env: 'dev', tier: '' });
    assert.equal(
      toDockerCliCommand(answers!).line,
      'docker network create --internal --subnet=10.42.0.0/24 --ip-range=10.42.0.128/25 --gateway=10.42.0.1 --aux-address=router=10.42.0.2 --label=env=dev --label=tier backend',
    );
  });

  test('the subnet step suggests the first free subnet of the pools, and the gateway step its first host', async () => {
    const taken = input({ existingNetworks: [...existing, withSubnet('n18', '172.18.0.0/16')] });
    const prompter = new ScriptedPrompter(['backend', 'bridge', 'Configure options…', ['IPv4 subnet…'], CANCEL]);
    await runCreateNetworkWizard(prompter, taken);
    assert.equal(prompter.question(/^IPv4 subnet of/).value, '172.19.0.0/16', '172.17 (bridge) and 172.18 (n18) are taken');
    const gatewayStep = new ScriptedPrompter(['backend', 'bridge', 'Configure options…', ['IPv4 subnet…'], '172.19.0.0/16', CANCEL]);
    await runCreateNetworkWizard(gatewayStep, taken);
    assert.match(gatewayStep.question(/^Gateway of 172\.19\.0\.0\/16/).placeholder ?? '', /172\.19\.0\.1/);
  });

  const invalid: [string, Answer[], RegExp][] = [
    ['a duplicate name, naming the network', ['web'], /A network named "web" already exists \(ID web-id/],
    ['a built-in name', ['bridge'], /built-in network name/],
    ['an empty name', [''], /needs a name/],
    [
      'host bits set, offering the network address',
      ['n', 'bridge', 'Configure options…', ['IPv4 subnet…'], '10.50.0.7/24'],
      /host bits set.*10\.50\.0\.0\/24/,
    ],
    ['an invalid CIDR', ['n', 'bridge', 'Configure options…', ['IPv4 subnet…'], '10.50.0.300/24'], /not a valid CIDR/],
    [
      'overlap with an existing network, naming it',
      ['n', 'bridge', 'Configure options…', ['IPv4 subnet…'], '10.40.0.0/16'],
      /network "web"/,
    ],
    [
      'a gateway outside the subnet',
      ['n', 'bridge', 'Configure options…', ['IPv4 subnet…'], '10.50.0.0/24', '10.51.0.1'],
      /Gateway 10\.51\.0\.1/,
    ],
    [
      'the network address as gateway',
      ['n', 'bridge', 'Configure options…', ['IPv4 subnet…'], '10.50.0.0/24', '10.50.0.0'],
      /network address/,
    ],
    [
      'a range outside its subnet',
      ['n', 'bridge', 'Configure options…', ['IPv4 subnet…'], '10.50.0.0/24', '', '10.60.0.0/25'],
      /outside subnet/,
    ],
    [
      'an aux address outside its subnet',
      ['n', 'bridge', 'Configure options…', ['IPv4 subnet…'], '10.50.0.0/24', '', '', 'x=10.60.0.1'],
      /Auxiliary address "x"/,
    ],
    ['a label key with whitespace', ['n', 'bridge', 'Configure options…', ['Labels…'], 'bad key=1'], /bad key/],
    ['an IPv6 subnet with host bits', ['n', 'bridge', 'Configure options…', ['IPv6…'], '2001:db8::1/64'], /host bits set.*2001:db8::\/64/],
    [
      'an IPv6 block typed as the IPv4 subnet',
      ['n', 'bridge', 'Configure options…', ['IPv4 subnet…'], 'fd00:1::/64'],
      /fd00:1::\/64 is an IPv6 block, and this is the IPv4 subnet.*"IPv6…"/,
    ],
    [
      'an IPv4 block typed as the IPv6 subnet',
      ['n', 'bridge', 'Configure options…', ['IPv6…'], '10.50.0.0/24'],
      /10\.50\.0\.0\/24 is an IPv4 block, and this is the IPv6 subnet/,
    ],
    ['an MTU out of range', ['n', 'bridge', 'Configure options…', ['MTU…'], '9'], /MTU "9" must be a whole number from 68 to 65535/],
  ];
  for (const [what, answers, message] of invalid) {
    test(`flags ${what} as you type`, async () => {
      const prompter = new ScriptedPrompter(answers);
      await assert.rejects(
        runCreateNetworkWizard(prompter, input()),
        (err: Error) => err instanceof ScriptedValidationError && message.test(err.validation),
      );
    });
  }

  test('overlap with a host interface is a warning that does not block', async () => {
    const prompter = new ScriptedPrompter([
      'lan',
      'bridge',
      'Configure options…',
      ['IPv4 subnet…'],
      '192.168.1.0/24',
      '',
      '',
      '',
      'Create network "lan"',
    ]);
    const answers = await runCreateNetworkWizard(prompter, input());
    assert.equal(answers?.ipv4Subnets[0].subnet, '192.168.1.0/24');
    assert.match(prompter.question(/^IPv4 subnet of "lan"/).validation ?? '', /eth0/);
  });

  test('dual stack: an IPv4 and an IPv6 subnet', async () => {
    const prompter = new ScriptedPrompter([
      'dual',
      'bridge',
      'Configure options…',
      ['IPv4 subnet…', 'IPv6…'],
      '10.52.0.0/24',
      '',
      '',
      '',
      'fd00:52::/64',
      'fd00:52::1',
      '',
      '',
      'No, continue',
      'Create network "dual"',
    ]);
    const answers = await runCreateNetworkWizard(prompter, input());
    const body = toCreateBody(answers!);
    assert.equal(body.EnableIPv6, true);
    assert.deepEqual(
      body.IPAM?.Config.map(c => c.Subnet),
      ['10.52.0.0/24', 'fd00:52::/64'],
    );
  });

  test("macvlan asks for the parent interface from the host's interfaces, and offers its modes", async () => {
    const prompter = new ScriptedPrompter([
      'lan',
      'macvlan',
      'veth9',
      'Configure options…',
      ['macvlan mode…'],
      'private',
      'Create network "lan"',
    ]);
    const answers = await runCreateNetworkWizard(prompter, input());
    assert.deepEqual(answers?.driverOptions, { parent: 'veth9', macvlan_mode: 'private' });
    assert.deepEqual(
      prompter.question('Parent interface for the macvlan network').options,
      ['eth0', 'veth9', 'Type an interface name…'],
      'loopback is not a parent',
    );
    assert.ok(!prompter.question('Tick what to configure').options!.includes('MTU…'), 'bridge-only options are not offered for macvlan');
  });

  test('a parent another macvlan network uses says so, and a VLAN sub-interface can be typed instead', async () => {
    const lan = network('lan-a', { Driver: 'macvlan', Options: { parent: 'veth9' } });
    const prompter = new ScriptedPrompter([
      'lan-b',
      'macvlan',
      'Type an interface name…',
      'veth9.42',
      'Create with defaults',
      'Create network "lan-b"',
    ]);
    const answers = await runCreateNetworkWizard(prompter, input({ existingNetworks: [...existing, lan] }));
    assert.equal(answers?.driverOptions.parent, 'veth9.42');
    const step = prompter.question('Parent interface for the macvlan network');
    assert.match(
      step.optionDetails![step.options!.indexOf('veth9')] ?? '',
      /parent of "lan-a": another network needs a VLAN sub-interface such as veth9\.10/,
    );
  });

  test('several IPv4 subnets on a macvlan network, each with its own fields, added one after another', async () => {
    const prompter = new ScriptedPrompter([
      'lan',
      'macvlan',
      'eth0',
      'Configure options…',
      ['IPv4 subnets…'],
      '10.60.0.0/24',
      '10.60.0.1',
      '',
      '',
      'Add another IPv4 subnet',
      '10.61.0.0/24',
      '10.61.0.1',
      '',
      '',
      'No, continue',
      'Create network "lan"',
    ]);
    const answers = await runCreateNetworkWizard(prompter, input());
    assert.deepEqual(
      answers?.ipv4Subnets.map(s => [s.subnet, s.gateway]),
      [
        ['10.60.0.0/24', '10.60.0.1'],
        ['10.61.0.0/24', '10.61.0.1'],
      ],
    );
    assert.equal(prompter.question(/^IPv4 subnet 2 of "lan"/).kind, 'input', 'the second entry is asked as such');
  });

  test('settings the engine refuses beside --config-from block the summary, with the reason', async () => {
    const prompter = new ScriptedPrompter([
      'child',
      'bridge',
      'Configure options…',
      ['Config from…', 'Labels…'],
      'template',
      'a=b',
      CANCEL,
    ]);
    await runCreateNetworkWizard(prompter, input());
    const summary = prompter.question('Cannot create yet');
    assert.match(summary.text, /Cannot create yet: "child" takes its settings from "template", so labels cannot be given here/);
    assert.ok(!summary.options!.some(o => o.startsWith('Create network')), 'no Create action while the problem stands');
  });

  test('overlay without swarm mode is explained, and another driver can be picked', async () => {
    const prompter = new ScriptedPrompter(['ov', 'overlay', 'OK', 'bridge', 'Create with defaults', 'Create network "ov"']);
    const answers = await runCreateNetworkWizard(prompter, input());
    assert.equal(answers?.driver, 'bridge');
    assert.match(prompter.question('Overlay networks need swarm mode').text, /not a swarm manager/);
  });

  test('overlay on a swarm worker is explained: overlays are created on a manager, then appear here on first use', async () => {
    const prompter = new ScriptedPrompter(['ov', 'overlay', 'OK', CANCEL]);
    await runCreateNetworkWizard(prompter, { ...input(), swarmWorker: true });
    const explained = prompter.question('Overlay networks are created on a swarm manager').text;
    assert.match(explained, /swarm worker/);
    assert.match(explained, /appears on this worker as soon as something here attaches/);
    assert.match(prompter.asked[1].optionDetails![prompter.asked[1].options!.indexOf('overlay')] ?? '', /created on a manager/);
  });

  test('config-only and config-from', async () => {
    const prompter = new ScriptedPrompter([
      'child',
      'bridge',
      'Configure options…',
      ['Config from…'],
      'template',
      'Create network "child"',
    ]);
    const answers = await runCreateNetworkWizard(prompter, input());
    assert.deepEqual(toCreateBody(answers!).ConfigFrom, { Network: 'template' });
  });

  test('Back returns to the previous step with the answer kept', async () => {
    const prompter = new ScriptedPrompter(['first', BACK, 'second', 'bridge', 'Create with defaults', 'Create network "second"']);
    const answers = await runCreateNetworkWizard(prompter, input());
    assert.equal(answers?.name, 'second');
    assert.equal(prompter.question('Name of the new network').value, 'first', 'the name step, asked again, shows what was typed before');
  });

  test('"Create with defaults" after configuring options sends only the name and driver', async () => {
    const prompter = new ScriptedPrompter([
      'plain',
      'bridge',
      'Configure options…',
      ['Internal', 'Labels…'],
      'a=b',
      BACK,
      BACK,
      BACK,
      'Create with defaults',
      'Create network "plain"',
    ]);
    const answers = await runCreateNetworkWizard(prompter, input());
    assert.equal(toDockerCliCommand(answers!).line, 'docker network create plain');
    assert.equal(prompter.remaining, 0);
  });

  test('Escape at any step cancels without an answer', async () => {
    assert.equal(await runCreateNetworkWizard(new ScriptedPrompter(['n', 'bridge', CANCEL]), input()), undefined);
  });

  test('a retry reopens the wizard with every answer kept', async () => {
    const first = await runCreateNetworkWizard(
      new ScriptedPrompter([
        'again',
        'bridge',
        'Configure options…',
        ['IPv4 subnet…', 'Labels…'],
        '10.53.0.0/24',
        '10.53.0.1',
        '',
        '',
        'a=b',
        'Create network "again"',
      ]),
      input(),
    );
    const retry = new ScriptedPrompter([
      'again',
      'bridge',
      'Configure options…',
      ['IPv4 subnet…', 'Labels…'],
      '10.53.0.0/24',
      '10.53.0.1',
      '',
      '',
      'a=b',
      'Create network "again"',
    ]);
    const second = await runCreateNetworkWizard(retry, input({ initial: first }));
    assert.deepEqual(second, first);
    assert.equal(retry.question('Name of the new network').value, 'again');
    assert.equal(retry.question(/^IPv4 subnet of "again"/).value, '10.53.0.0/24');
    assert.equal(retry.question(/^Labels of "again"/).value, 'a=b');
  });

  test('the summary copies the CLI command and the Compose entry without leaving', async () => {
    const context = input();
    const prompter = new ScriptedPrompter([
      'copyme',
      'bridge',
      'Create with defaults',
      'Copy docker CLI command',
      'Copy as Compose',
      'Create network "copyme"',
    ]);
    assert.equal((await runCreateNetworkWizard(prompter, context))?.name, 'copyme');
    assert.deepEqual(context.copied, ['docker network create copyme', 'networks:\n  copyme:\n    name: copyme\n    driver: bridge\n']);
  });

  describe('plugin drivers', () => {
    const withPlugins = [
      ...existing,
      network('woven', { Driver: 'weave', Scope: 'local', IPAM: { Driver: 'weave-ipam', Config: [{ Subnet: '10.32.0.0/24' }] } }),
    ];

    test('the driver pick offers plugin drivers the engine reports and those networks use, each with its scope', async () => {
      const prompter = new ScriptedPrompter(['x', CANCEL]);
      // "fresh" is a managed plugin /info reports; the legacy "weave" is known only from its network.
      await runCreateNetworkWizard(prompter, input({ existingNetworks: withPlugins, drivers: [...input().drivers, 'fresh'] }));
      const question = prompter.question('Network driver for "x"');
      assert.deepEqual(question.options, ['bridge', 'macvlan', 'ipvlan', 'overlay', 'fresh', 'weave']);
      assert.deepEqual(question.optionDetails?.slice(4), [
        'network plugin · no network uses it yet',
        'network plugin · scope local (1 network)',
      ]);
    });

    const toIpamStep = (name: string, driver: string) => [name, driver, 'Configure options…', ['IPAM driver and options…']];

    test('the IPAM step picks default, a plugin seen on a network or a managed plugin, with options', async () => {
      const prompter = new ScriptedPrompter([...toIpamStep('p', 'weave'), 'weave-ipam', 'pool=a', 'Create network "p"']);
      const answers = await runCreateNetworkWizard(prompter, input({ existingNetworks: withPlugins, ipamPlugins: ['infoblox'] }));
      const pick = prompter.question('IPAM driver of "p"');
      assert.deepEqual(pick.options, ['default', 'infoblox', 'weave-ipam', 'Other…']);
      assert.equal(pick.optionDetails?.[2], 'IPAM plugin · scope local (1 network)');
      const body = toCreateBody(answers!);
      assert.deepEqual([body.Driver, body.IPAM?.Driver, body.IPAM?.Options], ['weave', 'weave-ipam', { pool: 'a' }]);
    });

    test('"Other…" takes a typed IPAM driver and options, validated as before', async () => {
      const refused = new ScriptedPrompter([...toIpamStep('q', 'bridge'), 'Other…', 'custom a']);
      await assert.rejects(runCreateNetworkWizard(refused, input()), /IPAM option "a" has no value/);
      const prompter = new ScriptedPrompter([...toIpamStep('q', 'bridge'), 'Other…', 'custom a=b', 'Create network "q"']);
      const answers = await runCreateNetworkWizard(prompter, input());
      assert.deepEqual([answers?.ipamDriver, answers?.ipamOptions], ['custom', { a: 'b' }]);
    });

    test('picking default leaves the IPAM driver out of the request', async () => {
      const prompter = new ScriptedPrompter([...toIpamStep('r', 'bridge'), 'default', '', 'Create network "r"']);
      const answers = await runCreateNetworkWizard(prompter, input());
      assert.equal(answers?.ipamDriver, undefined);
    });
  });
});
