// Remove and prune against the real engine: per-network outcomes, running containers disconnected on request, the
// warning about stopped containers (which the engine does not give), and a prune plan that keeps what they need.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { DockerGateway } from '../../src/engine/gateway';
import { removeNetworks } from '../../src/engine/networkOperations';
import { planPrune } from '../../src/model/filters/prunePlan';
import { planRemoval, RemoveChoices, removalQuestion } from '../../src/model/removal';
import { cleanUpEngine, openGateway, engineDocker, runContainer, testLabels, uniqueName } from '../support/engineFixture';
import { engineModel, networkNamed, TEST_LABEL_TEXT } from './networkTestKit';

interface ContainerInspect {
  State: { Running: boolean };
  NetworkSettings: { Networks: Record<string, unknown> };
}

describe('remove and prune networks against the real engine', () => {
  let gateway: DockerGateway;
  const names = {
    withRunning: uniqueName('rm-running'),
    busy: uniqueName('rm-busy'),
    free: uniqueName('rm-free'),
    stoppedOnly: uniqueName('rm-stopped'),
    pruneFree: uniqueName('prune-free'),
    pruneStopped: uniqueName('prune-stopped'),
    pruneRunning: uniqueName('prune-running'),
    pruneTemplate: uniqueName('prune-template'),
  };
  const containers = {
    onWithRunning: uniqueName('c-running'),
    onBusy: uniqueName('c-busy'),
    onStoppedOnly: uniqueName('c-stopped'),
    onPruneStopped: uniqueName('c-prune-stopped'),
    onPruneRunning: uniqueName('c-prune-running'),
  };

  before(async () => {
    gateway = await openGateway();
    const docker = engineDocker();
    const subnets: Record<keyof typeof names, string> = {
      withRunning: '10.218.1.0/24',
      busy: '10.218.2.0/24',
      free: '10.218.3.0/24',
      stoppedOnly: '10.218.4.0/24',
      pruneFree: '10.218.5.0/24',
      pruneStopped: '10.218.6.0/24',
      pruneRunning: '10.218.7.0/24',
      pruneTemplate: '10.218.8.0/24',
    };
    await Promise.all(
      Object.entries(names).map(([key, name]) =>
        docker.createNetwork({
          Name: name,
          Labels: testLabels,
          ConfigOnly: key === 'pruneTemplate',
          IPAM: { Config: [{ Subnet: subnets[key as keyof typeof names] }] },
        }),
      ),
    );
    await Promise.all([
      runContainer(containers.onWithRunning, names.withRunning),
      runContainer(containers.onBusy, names.busy),
      runContainer(containers.onStoppedOnly, names.stoppedOnly, { start: false }),
      runContainer(containers.onPruneStopped, names.pruneStopped, { start: false }),
      runContainer(containers.onPruneRunning, names.pruneRunning),
    ]);
  });
  after(async () => {
    gateway.dispose();
    await cleanUpEngine();
  });

  const inspectContainer = async (name: string) => (await engineDocker().getContainer(name).inspect()) as unknown as ContainerInspect;
  const networkExists = (name: string) =>
    engineDocker()
      .getNetwork(name)
      .inspect()
      .then(
        () => true,
        () => false,
      );

  test('a network with a running container: the plan names it, "Disconnect Them and Remove" disconnects it and removes the network', async () => {
    const plan = planRemoval([networkNamed(await engineModel(gateway), names.withRunning)]);
    const [entry] = plan.entries;
    assert.deepEqual(
      entry.running.map(e => e.containerName),
      [containers.onWithRunning],
    );
    assert.deepEqual(entry.stopped, []);
    const question = removalQuestion(plan);
    assert.equal(question.message, `Remove network "${names.withRunning}"?`);
    assert.deepEqual(question.choices, [RemoveChoices.disconnectAndRemove]);
    assert.match(
      question.detail,
      new RegExp(`running containers attached: "${containers.onWithRunning}"\\. They will be disconnected first\\.`),
    );

    const outcome = await removeNetworks(gateway, plan.entries, { disconnectRunning: true });
    assert.deepEqual(outcome, { done: [names.withRunning], failed: [], skipped: [] });
    assert.equal(await networkExists(names.withRunning), false);
    const container = await inspectContainer(containers.onWithRunning);
    assert.equal(container.NetworkSettings.Networks[names.withRunning], undefined, 'the container no longer names the network');
    assert.equal(container.State.Running, true, 'disconnecting does not stop the container');
  });

  test('without disconnecting, the busy network fails with the engine\'s "has active endpoints" and the other networks in the same call are still removed', async () => {
    const model = await engineModel(gateway);
    const busy = networkNamed(model, names.busy);
    const plan = planRemoval([busy, networkNamed(model, names.free)]);
    const progress: string[] = [];
    const outcome = await removeNetworks(gateway, plan.entries, { disconnectRunning: false, onItem: name => progress.push(name) });
    assert.deepEqual(progress, [names.busy, names.free], 'each network is tried in turn');
    assert.deepEqual(outcome.done, [names.free]);
    assert.deepEqual(
      outcome.failed.map(f => f.name),
      [names.busy],
    );
    assert.equal(
      outcome.failed[0].reason,
      `Docker Engine refused to remove network "${names.busy}": error while removing network: network ${names.busy} id ${busy.id} has active endpoints (HTTP 403)`,
    );
    assert.equal(await networkExists(names.busy), true);
    assert.equal(await networkExists(names.free), false);
    assert.ok((await inspectContainer(containers.onBusy)).NetworkSettings.Networks[names.busy], 'the running container stays attached');
  });

  test('a network only a stopped container references: the plan lists it under stopped, the question says it will fail to start, and it does', async () => {
    const network = networkNamed(await engineModel(gateway), names.stoppedOnly);
    const plan = planRemoval([network]);
    const [entry] = plan.entries;
    assert.deepEqual(entry.running, []);
    assert.deepEqual(
      entry.stopped.map(e => e.containerName),
      [containers.onStoppedOnly],
    );
    assert.deepEqual(
      Object.keys((await engineDocker().getNetwork(names.stoppedOnly).inspect()).Containers ?? {}),
      [],
      "the engine's inspect does not show it",
    );
    const question = removalQuestion(plan);
    assert.ok(
      question.detail.includes(
        `Stopped containers are configured on "${names.stoppedOnly}": "${containers.onStoppedOnly}". After removal they will fail to start ("network ${names.stoppedOnly} not found").`,
      ),
      question.detail,
    );
    assert.deepEqual(question.choices, [RemoveChoices.remove]);

    // The engine removes it without a word, exactly as the question warns…
    assert.deepEqual(await removeNetworks(gateway, plan.entries, { disconnectRunning: false }), {
      done: [names.stoppedOnly],
      failed: [],
      skipped: [],
    });
    // …and the container then fails to start, with the words the question quoted.
    await assert.rejects(
      engineDocker().getContainer(containers.onStoppedOnly).start(),
      new RegExp(`network ${names.stoppedOnly} not found`),
    );
  });

  test('the prune plan from fresh engine data keeps networks stopped containers use apart, and never offers built-in, in-use or config-only networks', async () => {
    const [networks, all] = await Promise.all([gateway.listNetworks(), gateway.listContainers()]);
    const plan = planPrune(networks, all, { now: new Date() });
    const removable = plan.removable.map(n => n.Name);
    const kept = plan.keptReferencedByStopped.map(k => k.network.Name);
    const skipped = new Map(plan.skipped.map(s => [s.network.Name, s.reason]));

    assert.ok(removable.includes(names.pruneFree), `${names.pruneFree} is not removable: ${removable.join(', ')}`);
    assert.deepEqual(plan.keptReferencedByStopped.find(k => k.network.Name === names.pruneStopped)?.containers, [
      containers.onPruneStopped,
    ]);
    assert.equal(skipped.get(names.pruneRunning), 'inUse');
    assert.equal(skipped.get(names.busy), 'inUse');
    assert.equal(skipped.get(names.pruneTemplate), 'configOnly');
    for (const builtIn of ['bridge', 'host', 'none']) {
      assert.equal(skipped.get(builtIn), 'builtIn');
      assert.ok(!removable.includes(builtIn) && !kept.includes(builtIn), `${builtIn} offered for pruning`);
    }
    assert.ok(
      plan.removable.concat(plan.keptReferencedByStopped.map(k => k.network)).every(n => !n.ConfigOnly),
      'no config-only network is offered',
    );
  });

  test('removing what the plan calls removable leaves the kept, in-use and config-only networks in place', async () => {
    const [networks, all] = await Promise.all([gateway.listNetworks(), gateway.listContainers()]);
    // Only this run's networks: the engine may hold others' (the label filter, as `prune --filter label=…`).
    const plan = planPrune(networks, all, { now: new Date(), labels: [TEST_LABEL_TEXT] });
    assert.deepEqual(
      plan.removable.map(n => n.Name),
      [names.pruneFree],
    );
    assert.deepEqual(
      plan.keptReferencedByStopped.map(k => k.network.Name),
      [names.pruneStopped],
    );

    const outcome = await removeNetworks(
      gateway,
      plan.removable.map(n => ({ network: { id: n.Id, name: n.Name }, running: [] })),
      { disconnectRunning: false },
    );
    assert.deepEqual(outcome, { done: [names.pruneFree], failed: [], skipped: [] });
    for (const name of [names.pruneStopped, names.pruneRunning, names.pruneTemplate, names.busy])
      assert.equal(await networkExists(name), true, `${name} was removed`);
  });

  test("the engine's own prune would also delete the network the plan kept for a stopped container (why the plan keeps it apart)", async () => {
    const result = (await engineDocker().pruneNetworks({ filters: JSON.stringify({ label: [TEST_LABEL_TEXT] }) })) as {
      NetworksDeleted: string[] | null;
    };
    assert.deepEqual(result.NetworksDeleted, [names.pruneStopped], "in-use and config-only networks stay; the stopped container's goes");
    assert.equal(await networkExists(names.pruneTemplate), true);
    assert.equal(await networkExists(names.pruneRunning), true);
  });
});
