import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { ExplorerSnapshot } from '../../src/engine/explorerStore';
import { ExplorerSource, SwarmViews } from '../../src/engine/swarmViews';
import { Emitter } from '../../src/model/emitter';
import { buildExplorerModel, ExplorerModel } from '../../src/model/explorer';
import { SwarmState, withSwarmEndpoints } from '../../src/model/swarm';
import { container, endpointSettings, network } from '../support/fixtures';

class FakeStore implements ExplorerSource {
  private readonly changes = new Emitter<ExplorerSnapshot>();
  readonly onDidChange = this.changes.event;
  snapshot: ExplorerSnapshot = { kind: 'loading' };
  get model(): ExplorerModel | undefined {
    return this.snapshot.kind === 'ready' ? this.snapshot.model : undefined;
  }
  publish(model: ExplorerModel): void {
    this.snapshot = { kind: 'ready', model, loadedAt: Date.now() };
    this.changes.fire(this.snapshot);
  }
}

const overlay = network('span', { Driver: 'overlay', Scope: 'swarm', Attachable: true });
const swarm = (nodeId: string, manager: boolean): SwarmState => ({
  clusterId: manager ? 'c1' : '',
  nodeId,
  manager,
  nodes: manager
    ? [
        { id: 'n1', name: 'node-1', role: 'manager', state: 'ready' },
        { id: 'n2', name: 'node-2', role: 'worker', state: 'ready' },
      ]
    : [],
  tasks: [],
});
const modelWith = (name: string, state: SwarmState) =>
  withSwarmEndpoints(
    buildExplorerModel([network('bridge'), overlay], [container(name, 'running', { span: endpointSettings(overlay.Id, '10.0.9.2', 24) })]),
    state,
  );

describe('the Networks views of engines of one swarm', () => {
  test('an engine in no swarm is shown exactly as its store has it', () => {
    const views = new SwarmViews();
    const store = new FakeStore();
    const source = views.sourceFor('a', store);
    views.setMembers([{ engineId: 'a', engineName: 'a', store }]);
    const model = buildExplorerModel([network('bridge')], []);
    store.publish(model);
    assert.equal(source.snapshot, store.snapshot);
  });

  test("the manager's view gains the worker's endpoints when the worker loads, and the worker's view drops the overlay", () => {
    const views = new SwarmViews();
    const managerStore = new FakeStore();
    const workerStore = new FakeStore();
    const managerView = views.sourceFor('m', managerStore);
    const workerView = views.sourceFor('w', workerStore);
    views.setMembers([
      { engineId: 'm', engineName: 'manager', store: managerStore },
      { engineId: 'w', engineName: 'worker', store: workerStore },
    ]);
    let managerRedraws = 0;
    managerView.onDidChange(() => managerRedraws++);
    managerStore.publish(modelWith('on-manager', swarm('n1', true)));
    workerStore.publish(modelWith('on-worker', swarm('n2', false)));
    const merged = managerView.model!.networks.find(n => n.name === 'span')!;
    assert.deepEqual(
      merged.endpoints.map(e => [e.containerName, e.node]),
      [
        ['on-manager', 'node-1'],
        ['on-worker', 'node-2'],
      ],
    );
    assert.deepEqual(
      workerView.model!.networks.map(n => n.name),
      ['bridge'],
    );
    assert.equal(managerRedraws, 2);
    // A worker change that leaves the manager's view as it was does not redraw it.
    workerStore.publish(modelWith('on-worker', swarm('n2', false)));
    assert.equal(managerRedraws, 2);
  });
});
