/**
 * mosaic serve [--port P] [--host H] [--data DIR] [--nodes N|auto] [--role full|checkpoint]: the
 * API under /api/v1 and the web app at /. With --nodes, N serving processes share the port and
 * the store (one per core: serving-nodes.ts). `--role checkpoint` serves sign-in, checks,
 * alerts and notifications only, from the watchlist alone (no graph or resolved entities in
 * memory, no web app): the nodes a border post or a checkpoint system talks to. Served in one
 * process, it starts again with a serving heap unless one is set (serving-heap.ts).
 */
import { openMosaic } from '@mosaic/service';
import { createIpcMessageBus } from '@mosaic/store';
import { roleOf, startServer } from '../server-runner.ts';
import { STORE_OPTIONS, configOf, parse } from '../args.ts';
import { prepareDataFolder } from '../data-folder.ts';
import { NODES_OPTION, nodesOf, serveOnNodes, servingNode, takeHandedConnections } from '../serving-nodes.ts';
import { ensurePortFree } from '../port-in-use.ts';
import { stuckNodeMsForTests } from '../environment.ts';
import { restartWithServingHeap } from '../serving-heap.ts';

export async function run(argv: readonly string[]): Promise<number> {
  const node = servingNode();
  if (node !== undefined) {
    // One of several nodes: embedded-store nodes hear each other through the primary.
    await startServer(await openMosaic(node.config, { backgroundCheckpoints: true, ...(node.config.databaseUrl === undefined ? { bus: createIpcMessageBus() } : {}) }), node.role, takeHandedConnections);
    return 0;
  }
  const { values } = parse('serve', argv, { ...STORE_OPTIONS, port: { type: 'string' }, host: { type: 'string' }, role: { type: 'string' }, ...NODES_OPTION }, false);
  const config = configOf(values);
  const nodes = nodesOf('serve', values.nodes);
  const role = roleOf('serve', values.role);
  if (nodes === 1) restartWithServingHeap();
  const store = config.databaseUrl ? 'postgres' : `sqlite, ${config.dataDir}`;
  const as = role === 'checkpoint' ? ', checkpoint role' : '';
  await ensurePortFree(config.host, config.port);
  await prepareDataFolder('serve', config);
  if (nodes > 1) {
    const stuckNodeMs = stuckNodeMsForTests();
    const url = await serveOnNodes(config, nodes, role, stuckNodeMs === undefined ? {} : { stuckNodeMs });
    console.error(`Mosaic is serving on ${url} (store: ${store}; ${nodes} nodes${as})`);
    return 0;
  }
  const url = await startServer(await openMosaic(config, { backgroundCheckpoints: true }), role);
  console.error(`Mosaic is serving on ${url} (store: ${store}${as})`);
  return 0;
}
