// The extension is often installed beside Microsoft's Docker / Container Tools extensions: no id may collide.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
const contributes = manifest.contributes;
/** Namespaces and ids used by ms-azuretools.vscode-docker and ms-azuretools.vscode-containers. */
const MICROSOFT_PREFIXES = ['vscode-docker.', 'vscode-containers.', 'docker.', 'containers.'];
const MICROSOFT_VIEW_IDS = [
  'dockerContainers',
  'dockerImages',
  'dockerRegistries',
  'dockerNetworks',
  'dockerVolumes',
  'dockerContexts',
  'vscode-docker.views.dockerContainers',
  'vscode-containers.views.networks',
];
const MICROSOFT_CONTAINER_IDS = ['dockerView', 'containersView', 'vscode-containers'];

describe('package.json contributions', () => {
  const commandIds: string[] = contributes.commands.map((c: { command: string }) => c.command);
  const viewIds: string[] = Object.values(contributes.views)
    .flat()
    .map(v => (v as { id: string }).id);
  const settingIds = Object.keys(contributes.configuration.properties);

  test('every command, view and setting lives under the dockerNetworks namespace', () => {
    for (const id of [...commandIds, ...viewIds, ...settingIds]) assert.match(id, /^dockerNetworks\.[a-zA-Z]/, id);
  });

  test("no id collides with Microsoft's Docker or Container Tools extensions", () => {
    for (const id of [...commandIds, ...viewIds, ...settingIds]) {
      assert.ok(!MICROSOFT_PREFIXES.some(prefix => id.startsWith(prefix)), id);
      assert.ok(!MICROSOFT_VIEW_IDS.includes(id), id);
    }
    for (const container of contributes.viewsContainers.activitybar)
      assert.ok(!MICROSOFT_CONTAINER_IDS.includes(container.id), container.id);
  });

  test('view ids are not the bare "dockerNetworks" that Microsoft\'s Docker extension uses', () => {
    assert.ok(!viewIds.includes('dockerNetworks'));
  });

  test('every command is in the "Docker Networks" category', () => {
    for (const command of contributes.commands) assert.equal(command.category, 'Docker Networks', command.command);
  });

  test('the titles the workflows use are all contributed', () => {
    const titles = contributes.commands.map((c: { title: string }) => c.title);
    for (const title of [
      'Create Network…',
      'Remove Network…',
      'Connect Container to Network…',
      'Disconnect Container from Network…',
      'Inspect Network…',
      'Inspect Container…',
      'Prune Unused Networks…',
      'Filter Networks…',
      'Refresh',
    ])
      assert.ok(titles.includes(title), title);
  });

  test('the engine host setting is machine-scoped so a workspace cannot redirect it', () => {
    assert.equal(contributes.configuration.properties['dockerNetworks.host'].scope, 'machine');
  });

  test('an untrusted workspace cannot set anything that changes what is shown or copied: every setting it could set is restricted', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    const workspaceSettable = Object.entries(contributes.configuration.properties as Record<string, { scope?: string }>)
      .filter(([, property]) => property.scope !== 'machine' && property.scope !== 'application')
      .map(([key]) => key);
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), workspaceSettable.sort());
  });

  test('every contributed command is registered by the extension', () => {
    const sources = fs
      .readdirSync(path.join(__dirname, '../../../src/ui/commands'))
      .map(f => fs.readFileSync(path.join(__dirname, '../../../src/ui/commands', f), 'utf8'))
      .join('\n');
    for (const id of commandIds) assert.ok(sources.includes(`'${id}'`), `${id} has no implementation in src/ui/commands`);
  });
});
