/**
 * mosaic start: the first-start experience. Creates the embedded store under ./data, loads a
 * generated demo (about 5,000 persons across ten agencies) when the store is empty, and serves
 * on http://localhost:7300, printing the address and the demo sign-in (on a store with no account,
 * the commands that make the first one: first-account.ts). A second start reuses
 * the store as it is, or finishes a demo an earlier start was stopped in (first-start-demo.ts).
 * `--nodes N|auto` serves from N processes (serving-nodes.ts); in one, it starts again with a
 * serving heap unless one is set (serving-heap.ts).
 */
import { openMosaic } from '@mosaic/service';
import { resolve } from 'node:path';
import { STORE_OPTIONS, configOf, parse } from '../args.ts';
import { prepareDataFolder } from '../data-folder.ts';
import { demoAccountLines } from '../demo-accounts.ts';
import { firstAccountLines } from '../first-account.ts';
import { demoProgressOf, loadFirstStartDemo } from '../first-start-demo.ts';
import { startServer } from '../server-runner.ts';
import { NODES_OPTION, nodesOf, serveOnNodes } from '../serving-nodes.ts';
import { ensurePortFree } from '../port-in-use.ts';
import { restartWithServingHeap } from '../serving-heap.ts';

export async function run(argv: readonly string[]): Promise<number> {
  const { values } = parse('start', argv, { ...STORE_OPTIONS, port: { type: 'string' }, host: { type: 'string' }, ...NODES_OPTION }, false);
  const config = configOf(values);
  const nodes = nodesOf('start', values.nodes);
  if (nodes === 1) restartWithServingHeap();
  // before the demo load: a port in use would otherwise be told only after it
  await ensurePortFree(config.host, config.port);
  const mosaic = await openMosaic(await prepareDataFolder('start', config), { backgroundCheckpoints: true });
  const demo = await demoProgressOf(mosaic);
  const begun = demo !== undefined && demo.stage !== 'complete' ? demo : undefined;
  const fresh = begun === undefined && (await mosaic.store.listUsers()).length === 0 && (await mosaic.store.countRecords()) === 0;
  if (begun) console.error(`An earlier start stopped before its demo was loaded (${await mosaic.store.countRecords()} records in): finishing it`);
  const loadsDemo = begun !== undefined || (fresh && config.demoPersons > 0);
  if (loadsDemo) {
    // made for the store's today, so that the retention sweep at start erases none of it
    const asOf = mosaic.now().toISOString().slice(0, 10);
    const loaded = await loadFirstStartDemo(mosaic, begun ?? { stage: 'generating', persons: config.demoPersons, seed: config.demoSeed, asOf });
    if (loaded === 'stopped') return 130;
    console.error(JSON.stringify({ demo: { agencies: loaded.agencies, users: loaded.users, records: loaded.ingest.created, rejected: loaded.ingest.rejected, reports: loaded.reports, ms: loaded.ingest.ms } }));
  }
  const users = await mosaic.store.listUsers();
  const [agency] = users.length === 0 ? (await mosaic.org()).org.agencies : [];
  let url: string;
  if (nodes > 1) {
    await mosaic.close();
    url = await serveOnNodes(config, nodes);
  } else {
    url = await startServer(mosaic);
  }
  console.log(`\nMosaic is running at ${url}`);
  // the store tells whether its demo is in (first-start-demo.ts): loaded now, or by an earlier start
  const demoLoaded = loadsDemo || demo?.stage === 'complete';
  // `mosaic` is on no PATH after npm install: npx finds it; a store elsewhere than ./data is named
  const storeOption = config.databaseUrl === undefined && config.dataDir !== resolve('data') ? ` --data ${config.dataDir}` : '';
  const listCommand = `npx mosaic users list${storeOption}`;
  const accounts = demoLoaded ? demoAccountLines(users, listCommand) : [];
  if (accounts.length > 0) {
    if (!loadsDemo) console.log('The demo is loaded.');
    for (const line of accounts) console.log(line);
  } else if (users.length > 0) {
    console.log('Sign in with your account (no demo is loaded in this store).');
  } else {
    for (const line of firstAccountLines(agency, storeOption)) console.log(line);
  }
  return 0;
}
