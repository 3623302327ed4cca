import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { capabilitiesOf } from '../../src/model/apiVersion';
import { buildExplorerModel } from '../../src/model/explorer';
import { planPrune } from '../../src/model/filters/prunePlan';
import { DEFAULT_ADDRESS_POOLS } from '../../src/model/ipam';
import { runConnectWizard } from '../../src/ui/wizard/connectWizard';
import { runCreateNetworkWizard } from '../../src/ui/wizard/createNetwork/wizard';
import { endpointAddressTools } from '../../src/ui/wizard/endpointAddresses';
import { openingMessage } from '../../src/ui/wizard/prompter';
import { runPruneWizard } from '../../src/ui/wizard/pruneWizard';
import { container, network, withSubnet } from '../support/fixtures';
import { AskedQuestion, CANCEL, ScriptedPrompter } from '../support/scriptedPrompter';

const existing = [
  network('bridge', { IPAM: { Driver: 'default', Config: [{ Subnet: '172.17.0.0/16' }] } }),
  network('host', { Driver: 'host' }),
  network('none', { Driver: 'null' }),
];
const createInput = (swarmActive = false) => ({
  existingNetworks: existing,
  drivers: ['bridge', 'macvlan', 'ipvlan', 'overlay'],
  swarmActive,
  capabilities: capabilitiesOf('1.48'),
  hostAddresses: [],
  hostInterfaces: ['lo', 'eth0'],
  pools: DEFAULT_ADDRESS_POOLS,
  copy: async () => undefined,
});

/** Every input step of a run: it says what it asks, shows an example, and opens without an error. */
function assertInputStepsReadable(prompter: ScriptedPrompter, expectedCount: number): void {
  const inputs = prompter.inputs;
  assert.equal(inputs.length, expectedCount, `input steps asked: ${inputs.map(q => q.text).join(' | ')}`);
  for (const step of inputs) assertReadable(step);
}

function assertReadable(step: AskedQuestion): void {
  assert.ok(step.text.length > 15, `"${step.title}" says what it asks: ${step.text}`);
  assert.match(step.placeholder ?? '', /e\.g\.|free subnet|next free address/, `"${step.text}" shows an example`);
  assert.equal(step.openingSeverity === 'error', false, `"${step.text}" opens with an error: ${step.opening}`);
}

describe('every input step of every wizard opens with its prompt, not an error', () => {
  test('the policy: an error waits for typing or Enter; a warning or a count may show at once', () => {
    assert.equal(openingMessage({ message: 'A network needs a name.', severity: 'error' }), undefined);
    assert.deepEqual(openingMessage({ message: 'overlaps eth0', severity: 'warning' }), { message: 'overlaps eth0', severity: 'warning' });
    assert.equal(openingMessage(undefined), undefined);
  });

  test('Create Network on a bridge, every value option ticked', async () => {
    const prompter = new ScriptedPrompter([
      'backend',
      'bridge',
      'Configure options…',
      [
        'IPv4 subnet…',
        'IPv6…',
        'IPAM driver and options…',
        'Bridge interface name…',
        'MTU…',
        'Host binding address…',
        'Other driver options…',
        'Labels…',
      ],
      '10.70.0.0/24',
      '',
      '',
      '',
      'fd00:70::/64',
      '',
      '',
      '',
      'No, continue',
      'default',
      '',
      'br-backend',
      '1450',
      '127.0.0.1',
      'a=b',
      'env=dev',
      CANCEL,
    ]);
    await runCreateNetworkWizard(prompter, createInput());
    assertInputStepsReadable(prompter, 15);
    assert.equal(prompter.question('Name of the new network').opening, undefined, 'the empty name box shows no "needs a name" yet');
  });

  test('Create Network on macvlan with a typed parent, and on a swarm overlay with two subnets', async () => {
    const macvlan = new ScriptedPrompter(['lan', 'macvlan', 'Type an interface name…', 'eth0.10', CANCEL]);
    await runCreateNetworkWizard(macvlan, createInput());
    assertInputStepsReadable(macvlan, 2);
    const overlay = new ScriptedPrompter([
      'mesh',
      'overlay',
      'Configure options…',
      ['IPv4 subnets…'],
      '10.71.0.0/24',
      '',
      '',
      '',
      'Add another IPv4 subnet',
      '10.72.0.0/24',
      '',
      '',
      '',
      'No, continue',
      CANCEL,
    ]);
    await runCreateNetworkWizard(overlay, createInput(true));
    assertInputStepsReadable(overlay, 9);
  });

  test('Connect with every option', async () => {
    const dual = withSubnet('dual', '10.73.0.0/24', '10.73.0.1', {
      EnableIPv6: true,
      IPAM: { Driver: 'default', Config: [{ Subnet: '10.73.0.0/24', Gateway: '10.73.0.1' }, { Subnet: 'fd00:73::/64' }] },
    });
    const model = buildExplorerModel([dual], [container('app', 'running')]);
    const prompter = new ScriptedPrompter([
      'Set options…',
      ['Aliases', 'IPv4 address', 'IPv6 address', 'Links', 'Link-local IPs', 'Driver options', 'MAC address', 'Gateway priority'],
      'db',
      '10.73.0.9',
      'fd00:73::9',
      'cache',
      '169.254.1.1',
      'a=b',
      '02:42:ac:11:00:09',
      '1',
    ]);
    await runConnectWizard(prompter, {
      model,
      capabilities: capabilitiesOf('1.48'),
      addresses: endpointAddressTools(),
      network: model.networks[0],
      containers: [model.containers[0]],
    });
    assertInputStepsReadable(prompter, 8);
    assert.equal(
      prompter.question('Aliases for the container').opening,
      undefined,
      'the empty Aliases box does not open with "Enter at least one alias"',
    );
  });

  test('Prune by age and labels', async () => {
    const prompter = new ScriptedPrompter(['Only some: by age or labels…', '24h', 'env=dev', 'OK', CANCEL]);
    await runPruneWizard(prompter, async filters =>
      planPrune([], [], { now: new Date(), ...(filters.until ? { until: filters.until } : {}) }),
    );
    assertInputStepsReadable(prompter, 3);
    assert.equal(prompter.question('Nothing to prune').kind, 'confirm', 'an empty list is explained, then Back to the filters');
  });
});
