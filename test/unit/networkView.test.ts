import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { buildExplorerModel } from '../../src/model/explorer';
import { parseFilterText } from '../../src/model/filters/networkFilter';
import { DEFAULT_VIEW_OPTIONS, NetworkViewOptions, networkRoots } from '../../src/model/networkView';
import { container, endpointSettings, network } from '../support/fixtures';

const builtIns = [network('bridge'), network('host', { Driver: 'host' }), network('none', { Driver: 'null' })];
const labelOf = (node: { kind: string; name?: string; label?: string }) => node.name ?? node.label;

function filtered(text: string): NetworkViewOptions {
  const parsed = parseFilterText(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return { ...DEFAULT_VIEW_OPTIONS, filter: parsed.filter };
}

describe('networks view roots', () => {
  test('an engine with only built-in networks offers Create Network in the tree', () => {
    const roots = networkRoots(buildExplorerModel(builtIns, []), DEFAULT_VIEW_OPTIONS);
    assert.deepEqual(roots.map(labelOf), ['bridge', 'host', 'none', 'Create Network…']);
  });

  test('the hint goes away once a custom network exists, and under a filter', () => {
    assert.ok(!networkRoots(buildExplorerModel([...builtIns, network('app')], []), DEFAULT_VIEW_OPTIONS).some(r => r.kind === 'hint'));
    assert.ok(!networkRoots(buildExplorerModel(builtIns, []), filtered('name=br')).some(r => r.kind === 'hint'));
  });

  test('dangling is computed from containers, stopped ones included, whatever the engine says', () => {
    const app = network('app');
    const model = buildExplorerModel(
      [...builtIns, app, network('idle')],
      [container('worker', 'exited', { app: endpointSettings(app.Id) })],
    );
    assert.deepEqual(networkRoots(model, filtered('dangling=true')).map(labelOf), ['idle']);
  });

  test('grouping by scope makes one node per scope', () => {
    const model = buildExplorerModel([...builtIns, network('mesh', { Driver: 'overlay', Scope: 'swarm' })], []);
    const roots = networkRoots(model, { ...DEFAULT_VIEW_OPTIONS, groupBy: 'scope' });
    assert.deepEqual(roots.map(labelOf), ['local', 'swarm']);
  });
});
