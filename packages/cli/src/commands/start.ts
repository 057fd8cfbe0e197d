/**
 * mosaic start: the first-start experience. Creates the embedded store under ./data, loads a
 * generated demo (about 5,000 persons across ten agencies) when the store is empty, and serves
 * on http://localhost:7300, printing the address and the demo sign-in. A second start reuses
 * the store as it is. `--nodes N|auto` serves from N processes (serving-nodes.ts).
 */
import { writeDemo } from '@mosaic/demo';
import { CLASSIFICATION } from '@mosaic/model';
import { loadDemo, openMosaic } from '@mosaic/service';
import { join } from 'node:path';
import { STORE_OPTIONS, configOf, parse } from '../args.ts';
import { progressBar } from '../progress.ts';
import { startServer } from '../server-runner.ts';
import { NODES_OPTION, nodesOf, serveOnNodes } from '../serving-nodes.ts';
import { ensurePortFree } from '../port-in-use.ts';

export async function run(argv: readonly string[]): Promise<number> {
  const { values } = parse('start', argv, { ...STORE_OPTIONS, port: { type: 'string' }, host: { type: 'string' }, ...NODES_OPTION }, false);
  const config = configOf(values);
  const nodes = nodesOf(values.nodes);
  // before the demo load: a port in use would otherwise be told only after it
  await ensurePortFree(config.host, config.port);
  const mosaic = await openMosaic(config, { backgroundCheckpoints: true });
  const fresh = (await mosaic.store.listUsers()).length === 0 && (await mosaic.store.countRecords()) === 0;
  if (fresh && config.demoPersons > 0) {
    const dir = join(config.dataDir, 'demo');
    console.error(`First start: generating a demo of ${config.demoPersons} fictional persons in ${dir}`);
    const generating = progressBar('generate');
    // made for the store's today, so that the retention sweep at start erases none of it
    const asOf = mosaic.now().toISOString().slice(0, 10);
    await writeDemo({ persons: config.demoPersons, seed: config.demoSeed, asOf, outDir: dir, onProgress: (p: { persons: number }) => generating.update(p.persons, config.demoPersons) });
    generating.stop();
    const loading = progressBar('load');
    const loaded = await loadDemo(mosaic, dir, (p) => loading.update(p.bytes, p.totalBytes, `${p.written} records`));
    loading.stop();
    console.error(JSON.stringify({ demo: { agencies: loaded.agencies, users: loaded.users, records: loaded.ingest.created, rejected: loaded.ingest.rejected, reports: loaded.reports, ms: loaded.ingest.ms } }));
  }
  const users = await mosaic.store.listUsers();
  let url: string;
  if (nodes > 1) {
    await mosaic.close();
    url = await serveOnNodes(config, nodes);
  } else {
    url = await startServer(mosaic);
  }
  // Show the analyst who sees most: the highest clearance, then by name.
  const analyst = users.filter((u) => u.roles.includes('analyst')).sort((a, b) => CLASSIFICATION.indexOf(b.clearance) - CLASSIFICATION.indexOf(a.clearance) || a.name.localeCompare(b.name))[0];
  console.log(`\nMosaic is running at ${url}`);
  if (analyst && fresh) {
    console.log(`Demo sign-in: ${analyst.name} / mosaic-demo  (every demo account uses this password; see \`mosaic users list\`)`);
  } else if (analyst) {
    console.log(`Sign in with your account (demo accounts, if loaded, use the password mosaic-demo).`);
  }
  return 0;
}
