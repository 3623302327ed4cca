import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { capabilitiesOf } from '../../src/model/apiVersion';
import { toConnectBody, toConnectCliCommand } from '../../src/model/connectRequest';
import { buildExplorerModel } from '../../src/model/explorer';
import type { AddressFamily } from '../../src/model/ipam';
import { runConnectWizard } from '../../src/ui/wizard/connectWizard';
import { BACK } from '../../src/ui/wizard/prompter';
import { container, endpointSettings, network, withSubnet } from '../support/fixtures';
import { CANCEL, ScriptedPrompter } from '../support/scriptedPrompter';

const web = withSubnet('web', '10.30.0.0/24', '10.30.0.1');
const model = buildExplorerModel(
  [
    network('bridge', { IPAM: { Driver: 'default', Config: [{ Subnet: '172.17.0.0/16' }] } }),
    network('host', { Driver: 'host' }),
    network('none', { Driver: 'null' }),
    web,
    network('settings-only', { ConfigOnly: true }),
    network('swarm-net', { Driver: 'overlay', Scope: 'swarm', Attachable: false }),
  ],
  [
    container('api', 'running', { web: endpointSettings(web.Id, '10.30.0.2', 24) }),
    container('worker', 'exited'),
    container('cache', 'running'),
  ],
);
const byName = (name: string) => model.networks.find(n => n.name === name)!;
const containerNamed = (name: string) => model.containers.find(c => c.name === name)!;
const addresses = { validate: () => undefined, suggest: (family: AddressFamily) => (family === 'ipv4' ? '10.30.0.3' : undefined) };
const old = capabilitiesOf('1.41');
const current = capabilitiesOf('1.48');

describe('connect wizard', () => {
  test('from a network: pick containers not yet on it, connect with defaults', async () => {
    const prompter = new ScriptedPrompter([['worker', 'cache'], 'Connect with defaults']);
    const plan = await runConnectWizard(prompter, { model, capabilities: old, addresses, network: byName('web') });
    assert.deepEqual(
      plan?.containers.map(c => c.name),
      ['worker', 'cache'],
    );
    const containers = prompter.question('Pick the containers to connect to "web"');
    assert.deepEqual(containers.options, ['cache', 'worker'], 'api is already on web and is not offered');
    assert.equal(containers.title, 'Connect Container to Network (1/2)');
  });

  test('from the palette: pick the container, then the network, then options with a fixed address and an alias', async () => {
    const prompter = new ScriptedPrompter([['worker'], 'web', 'Set options…', ['Aliases', 'IPv4 address'], 'db, primary', '10.30.0.3']);
    const plan = await runConnectWizard(prompter, { model, capabilities: old, addresses });
    assert.equal(plan?.network.name, 'web');
    assert.deepEqual(plan?.options.aliases, ['db', 'primary']);
    assert.equal(plan?.options.ipv4, '10.30.0.3');
    // The counter grows as ticked options add steps, and always says where the user is.
    assert.deepEqual(
      prompter.asked.map(q => q.title.replace(/\/\d+\)$/, ')')),
      [1, 2, 3, 4, 5, 6].map(n => `Connect Container to Network (${n})`),
    );
    const ipStep = prompter.question(/^Fixed IPv4 address for "worker"/);
    assert.equal(ipStep.title, 'Connect Container to Network (6/6)');
    assert.equal(ipStep.value, '10.30.0.3', 'the next free address is suggested');
    assert.deepEqual(toConnectBody('id', plan!.options), {
      Container: 'id',
      EndpointConfig: { IPAMConfig: { IPv4Address: '10.30.0.3' }, Aliases: ['db', 'primary'] },
    });
    assert.equal(
      toConnectCliCommand('web', 'worker', plan!.options).line,
      'docker network connect --alias=db --alias=primary --ip=10.30.0.3 web worker',
    );
  });

  test('the host network is explained, not hidden, and the user picks again', async () => {
    const prompter = new ScriptedPrompter([['worker'], 'host', 'OK', 'web', 'Connect with defaults']);
    const plan = await runConnectWizard(prompter, { model, capabilities: old, addresses });
    assert.equal(plan?.network.name, 'web');
    const networkStep = prompter.question('Pick the network to connect');
    assert.ok(networkStep.options?.includes('host'));
    assert.match(networkStep.optionDetails![networkStep.options!.indexOf('host')]!, /Not possible: "host" is the host network/);
    assert.match(prompter.question('Cannot connect to "host"').text, /Start the container with --network host instead/);
  });

  for (const [name, cause] of [
    ['none', /none network/],
    ['settings-only', /config-only network/],
    ['swarm-net', /not attachable/],
  ] as const) {
    test(`connecting to "${name}" is refused before anything is sent, with the cause`, async () => {
      const prompter = new ScriptedPrompter(['OK']);
      const plan = await runConnectWizard(prompter, {
        model,
        capabilities: old,
        addresses,
        network: byName(name),
        containers: [containerNamed('worker')],
      });
      assert.equal(plan, undefined);
      assert.match(prompter.question(`Cannot connect to "${name}"`).text, cause);
    });
  }

  test('a container already on the network is refused with the reason', async () => {
    const prompter = new ScriptedPrompter(['OK']);
    const plan = await runConnectWizard(prompter, {
      model,
      capabilities: old,
      addresses,
      network: byName('web'),
      containers: [containerNamed('api')],
    });
    assert.equal(plan, undefined);
    assert.match(prompter.question('Cannot connect to "web"').text, /"api" is already connected to "web"/);
  });

  test('aliases and fixed addresses on the default bridge are explained and refused', async () => {
    const prompter = new ScriptedPrompter(['Set options…', ['Aliases'], 'OK', ['Links'], 'worker:w']);
    const plan = await runConnectWizard(prompter, {
      model,
      capabilities: old,
      addresses,
      network: byName('bridge'),
      containers: [containerNamed('cache')],
    });
    assert.deepEqual(plan?.options.links, ['worker:w']);
    const checklist = prompter.question('Tick the options to set');
    assert.match(checklist.optionDetails![checklist.options!.indexOf('IPv4 address')]!, /not available/);
    assert.match(
      prompter.question('That option cannot be used here').text,
      /network-scoped alias is supported only for containers in user defined networks/,
    );
  });

  test('MAC address and gateway priority are offered only where the engine honours them', async () => {
    const onOld = new ScriptedPrompter(['Set options…', CANCEL]);
    await runConnectWizard(onOld, { model, capabilities: old, addresses, network: byName('web'), containers: [containerNamed('worker')] });
    const checklist = onOld.question('Tick the options to set');
    assert.ok(!checklist.options!.includes('MAC address'));
    assert.ok(!checklist.options!.includes('Gateway priority'));
    const onNew = new ScriptedPrompter(['Set options…', ['MAC address', 'Gateway priority'], '02:42:ac:11:00:09', '5']);
    const plan = await runConnectWizard(onNew, {
      model,
      capabilities: current,
      addresses,
      network: byName('web'),
      containers: [containerNamed('worker')],
    });
    assert.equal(plan?.options.macAddress, '02:42:ac:11:00:09');
    assert.equal(plan?.options.gatewayPriority, 5);
  });

  test('Back returns to the previous step with the answers kept; Escape cancels', async () => {
    const prompter = new ScriptedPrompter([['worker'], 'web', BACK, 'web', 'Set options…', ['Aliases'], BACK, ['Aliases'], 'x']);
    const plan = await runConnectWizard(prompter, { model, capabilities: old, addresses });
    assert.deepEqual(plan?.options.aliases, ['x']);
    const cancelled = await runConnectWizard(new ScriptedPrompter([CANCEL]), { model, capabilities: old, addresses });
    assert.equal(cancelled, undefined);
  });

  test('options typed and then unticked, or followed by "Connect with defaults", are not sent', async () => {
    const unticked = new ScriptedPrompter(['Set options…', ['Aliases', 'Links'], 'db', BACK, BACK, ['Links'], 'cache']);
    const plan = await runConnectWizard(unticked, {
      model,
      capabilities: old,
      addresses,
      network: byName('web'),
      containers: [containerNamed('worker')],
    });
    assert.deepEqual([plan?.options.aliases, plan?.options.links], [[], ['cache']]);
    assert.equal(unticked.remaining, 0);
    const defaults = new ScriptedPrompter(['Set options…', ['Aliases', 'Links'], 'db', BACK, BACK, BACK, 'Connect with defaults']);
    const plain = await runConnectWizard(defaults, {
      model,
      capabilities: old,
      addresses,
      network: byName('web'),
      containers: [containerNamed('worker')],
    });
    assert.deepEqual(toConnectBody('id', plain!.options), { Container: 'id' });
    assert.equal(defaults.remaining, 0);
  });

  test('an invalid alias is flagged as you type, naming it', async () => {
    const prompter = new ScriptedPrompter(['Set options…', ['Aliases'], 'bad alias!']);
    await assert.rejects(
      runConnectWizard(prompter, { model, capabilities: old, addresses, network: byName('web'), containers: [containerNamed('worker')] }),
      /alias "alias!" may only contain letters/,
    );
  });
});
