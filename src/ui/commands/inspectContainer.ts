import type { CommandDefinition } from './commandContext';
import { pickContainers, selectedNodes } from './targets';

/** Opens one inspect tab per container (from a container or endpoint node, or picked in the palette). */
export const inspectContainerCommand: CommandDefinition = {
  id: 'dockerNetworks.container.inspect',
  needs: 'explorer',
  run: async (context, clicked, selection) => {
    const fromTree =
      selectedNodes(clicked, selection, 'container')?.map(c => ({ id: c.id, name: c.name })) ??
      selectedNodes(clicked, selection, 'endpoint')?.map(e => ({ id: e.containerId, name: e.containerName }));
    const containers = fromTree ?? (await pickContainers(context, 'Inspect Container', 'Pick the containers to open as JSON'));
    for (const container of containers ?? [])
      await context.inspectDocuments.open({ kind: 'container', id: container.id, name: container.name });
  },
};
