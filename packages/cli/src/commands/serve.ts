/**
 * mosaic serve [--port P] [--host H] [--data DIR] [--nodes N|auto]: the API under /api/v1 and
 * the web app at /. With --nodes, N serving processes share the port and the store (one per
 * core: serving-nodes.ts).
 */
import { openMosaic } from '@mosaic/service';
import { createIpcMessageBus } from '@mosaic/store';
import { startServer } from '../server-runner.ts';
import { STORE_OPTIONS, configOf, parse } from '../args.ts';
import { NODES_OPTION, nodesOf, serveOnNodes, servingNodeConfig } from '../serving-nodes.ts';

export async function run(argv: readonly string[]): Promise<number> {
  const node = servingNodeConfig();
  if (node !== undefined) {
    // One of several nodes: embedded-store nodes hear each other through the primary.
    await startServer(await openMosaic(node, node.databaseUrl === undefined ? { bus: createIpcMessageBus() } : {}));
    return 0;
  }
  const { values } = parse('serve', argv, { ...STORE_OPTIONS, port: { type: 'string' }, host: { type: 'string' }, ...NODES_OPTION }, false);
  const config = configOf(values);
  const nodes = nodesOf(values.nodes);
  const store = config.databaseUrl ? 'postgres' : `sqlite, ${config.dataDir}`;
  if (nodes > 1) {
    const url = await serveOnNodes(config, nodes);
    console.error(`Mosaic is serving on ${url} (store: ${store}; ${nodes} nodes)`);
    return 0;
  }
  const url = await startServer(await openMosaic(config));
  console.error(`Mosaic is serving on ${url} (store: ${store})`);
  return 0;
}
