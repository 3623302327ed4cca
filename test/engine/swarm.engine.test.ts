// Swarm mode on the private engine (`swarm init` on 127.0.0.1): overlay networks in the explorer, verbose inspect,
// the attachable rule, and the ingress warning.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { connectRestrictions } from '../../src/model/connectRules';
import { buildExplorerModel } from '../../src/model/explorer';
import { planRemoval, removalQuestion } from '../../src/model/removal';
import { EngineError } from '../../src/engine/errors';
import type Docker from 'dockerode';
import { withSwarmEndpoints } from '../../src/model/swarm';
import { cleanUpEngine, openGateway, engineDocker, runContainer, TEST_IMAGE, testLabels, uniqueName } from '../support/engineFixture';
import { waitFor } from '../support/waitFor';

describe('swarm networks on the real engine', () => {
  const attachable = uniqueName('overlay-a');
  const servicesOnly = uniqueName('overlay-s');

  before(async () => {
    const docker = engineDocker();
    await docker.swarmInit({ ListenAddr: '127.0.0.1:2377', AdvertiseAddr: '127.0.0.1' });
    await docker.createNetwork({
      Name: attachable,
      Driver: 'overlay',
      Attachable: true,
      Labels: testLabels,
      IPAM: { Config: [{ Subnet: '10.211.1.0/24' }] },
    });
    await docker.createNetwork({
      Name: servicesOnly,
      Driver: 'overlay',
      Labels: testLabels,
      IPAM: { Config: [{ Subnet: '10.211.2.0/24' }] },
    });
  });

  after(async () => {
    await cleanUpEngine();
    await engineDocker().swarmLeave({ force: true });
  });

  test('the engine reports swarm mode, so the Create wizard offers overlay', async () => {
    const gateway = await openGateway();
    assert.equal((await gateway.engineDetails()).swarmActive, true);
    gateway.dispose();
  });

  test('an attachable overlay shows its container endpoint, never the load-balancer entry', async () => {
    const container = uniqueName('on-overlay');
    await runContainer(container, attachable);
    const gateway = await openGateway();
    const model = buildExplorerModel(await gateway.listNetworks(), await gateway.listContainers());
    const network = model.networks.find(n => n.name === attachable)!;
    assert.equal(network.scope, 'swarm');
    assert.deepEqual(
      network.endpoints.map(e => e.containerName),
      [container],
    );
    const inspected = await gateway.inspectNetwork(attachable);
    assert.ok(
      Object.keys(inspected.Containers ?? {}).some(key => key.startsWith('lb-')),
      'the engine lists an lb- entry that is not a container',
    );
    gateway.dispose();
  });

  test('verbose inspect of a swarm network adds services and peers', async () => {
    const gateway = await openGateway();
    const verbose = (await gateway.inspectNetwork(attachable, { verbose: true })) as unknown as { Peers?: unknown[]; Services?: object };
    assert.ok(Array.isArray(verbose.Peers) && verbose.Peers.length > 0);
    assert.ok(verbose.Services && typeof verbose.Services === 'object');
    gateway.dispose();
  });

  test('a non-attachable overlay is explained before connecting; the engine refuses it too', async () => {
    const gateway = await openGateway();
    const network = await gateway.inspectNetwork(servicesOnly);
    assert.match(connectRestrictions(network).connect ?? '', /not attachable: only services can use it/);
    const container = uniqueName('outsider');
    const created = await runContainer(container, 'bridge');
    await assert.rejects(
      gateway.connectContainer(network.Id, { Container: created.id }, { network: servicesOnly, container }),
      (err: EngineError) => err.kind === 'refused' && /attachable/.test(err.engineMessage ?? ''),
    );
    gateway.dispose();
  });

  test('removing the ingress network warns that published service ports stop working', async () => {
    const gateway = await openGateway();
    const model = buildExplorerModel(await gateway.listNetworks(), []);
    const ingress = model.networks.find(n => n.network.Ingress)!;
    assert.match(removalQuestion(planRemoval([ingress])).detail, /routing-mesh \(ingress\) network: published service ports stop working/);
    gateway.dispose();
  });

  test("a service's task is an endpoint of its overlay, marked with its service and node, from the manager's task list", async () => {
    const docker = engineDocker();
    const service = uniqueName('svc');
    await docker.createService({
      Name: service,
      Labels: testLabels,
      TaskTemplate: { ContainerSpec: { Image: TEST_IMAGE, Command: ['sleep', '3600'] }, Networks: [{ Target: attachable }] },
      Mode: { Replicated: { Replicas: 1 } },
    } as unknown as Docker.CreateServiceOptions);
    const gateway = await openGateway();
    try {
      const swarm = await waitFor(
        async () => {
          const state = await gateway.swarmState();
          return state?.tasks.some(t => t.serviceName === service && t.state === 'running' && t.containerId) ? state : undefined;
        },
        'the service task running',
        60000,
        250,
      );
      assert.equal(swarm.manager, true);
      assert.equal(swarm.nodes.length, 1);
      const task = swarm.tasks.find(t => t.serviceName === service)!;
      assert.match(task.attachments.find(a => a.networkName === attachable)?.addresses[0] ?? '', /^10\.211\.1\.\d+\/24$/);
      const endpoint = await waitFor(async () => {
        const model = withSwarmEndpoints(buildExplorerModel(await gateway.listNetworks(), await gateway.listContainers()), swarm);
        return model.networks.find(n => n.name === attachable)?.endpoints.find(e => e.containerId === task.containerId);
      }, "the task's container on the overlay");
      assert.deepEqual(endpoint.task?.service, service);
      assert.equal(endpoint.node, swarm.nodes[0].name);
    } finally {
      await docker.getService(service).remove();
      gateway.dispose();
    }
  });
});
