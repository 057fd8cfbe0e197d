/**
 * Checkpoint screening over HTTP: a server on the embedded store holding N generated fictional
 * persons (bench/lib/screen-watchlist.ts, the list of screen-scale.ts; 1% of them under an alert), and autocannon POSTing /api/v1/screen with a bearer token
 * on 127.0.0.1 from a separate process. Each check is the full path: validation, policy per candidate, the audit chain,
 * the check document, and the owner's notification on an alert hit.
 *
 *   npx node bench/screen-http.ts [--persons 100000] [--duration 10] [--warmup 5] [--connections 32]
 *                                 [--nodes 1] [--database-url postgres://…] [--profile DIR]
 *
 * Prints one JSON object (counts and timings only). Target (DESIGN.md): 2,000 checks/s on 2
 * cores. One node is one process (one core for JavaScript), in this process; `--nodes N` runs N
 * serving nodes as cluster workers sharing the port, with the heap limit it gives them, as `mosaic serve --nodes N` does: on the
 * embedded store (their bus relayed by this process), or on one PostgreSQL store
 * (`--database-url`, a scratch schema dropped afterwards) as a national deployment runs them.
 * `--profile DIR` writes a CPU profile of each node over the measured window (node-N.cpuprofile).
 */
import { AgencyId, DeskId, UserId, validateRecord, type EntityRecord, seededRandom } from '@mosaic/model';
import { AgreementId } from '@mosaic/policy';
import { hashPassword, openMosaic, parseConfig, saveOrganisation } from '@mosaic/service';
import { IPC_SERIALIZATION, relayBusMessages } from '@mosaic/store';
import { testProvenance } from '@mosaic/service/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cluster, { type Worker } from 'node:cluster';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import pg from 'pg';
import { loadFigures, type LoadConfig, type LoadResult } from './lib/load-client.ts';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { cpuMs as cpu, cpuProfiler, startScreeningNode, type NodeSettings } from './lib/screen-node.ts';
import { nodeExecArgv } from '../packages/cli/src/serving-nodes.ts';
import { generateWatchlist, watchlistQueries, type ListedPerson } from './lib/screen-watchlist.ts';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    seed: { type: 'string', default: '7' },
    nodes: { type: 'string', default: '1' },
    'database-url': { type: 'string', default: '' },
    profile: { type: 'string', default: '' },
  },
});
const PERSONS = Number(args.persons);
const NODES = Number(args.nodes);
const DATABASE_URL = args['database-url'];

const random = seededRandom(Number(args.seed));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

// A fictional organisation: the federal police share fully with the zone, intelligence gives pointers.
const dir = mkdtempSync(join(tmpdir(), 'mosaic-bench-'));
const schema = DATABASE_URL === '' ? undefined : `bench_screen_http_${process.pid}`;
const mosaic = await openMosaic(parseConfig({ dataDir: dir, ...(schema !== undefined ? { databaseUrl: DATABASE_URL, databaseSchema: schema } : {}) }, dir), { backgroundCheckpoints: true });
const conditions = { tlp: ['CLEAR', 'GREEN', 'AMBER'], maxClassification: 'CONFIDENTIAL', handling: ['H0', 'H1', 'H2', 'H3'], categories: ['suspect', 'convicted', 'victim', 'witness', 'contact', 'other'] } as const;
await saveOrganisation(mosaic.store, {
  agencies: [
    { id: AgencyId('fedpol'), name: 'Federal Police', country: 'BE', contactDesk: DeskId('fedpol-ops') },
    { id: AgencyId('zone-north'), name: 'Police Zone North', country: 'BE', contactDesk: DeskId('zone-north-desk') },
    { id: AgencyId('intel'), name: 'State Security', country: 'BE', contactDesk: DeskId('intel-liaison') },
  ],
  desks: [
    { id: DeskId('fedpol-ops'), agency: AgencyId('fedpol'), name: 'Operations room', contact: '+32 2 000 00 01' },
    { id: DeskId('zone-north-desk'), agency: AgencyId('zone-north'), name: 'Duty desk', contact: '+32 2 000 00 02' },
    { id: DeskId('intel-liaison'), agency: AgencyId('intel'), name: 'Liaison desk', contact: '+32 2 000 00 03' },
  ],
  agreements: [
    { id: AgreementId('fedpol-zone'), owner: AgencyId('fedpol'), recipient: AgencyId('zone-north'), conditions: { ...conditions, tlp: [...conditions.tlp], handling: [...conditions.handling], categories: [...conditions.categories] }, effect: 'full', notifyOwnerOnConsult: true, notifyOwnerOnEncounter: true },
    { id: AgreementId('intel-zone'), owner: AgencyId('intel'), recipient: AgencyId('zone-north'), conditions: { ...conditions, tlp: [...conditions.tlp], handling: [...conditions.handling], categories: [...conditions.categories] }, effect: 'pointer', notifyOwnerOnConsult: false, notifyOwnerOnEncounter: true },
  ],
});
await mosaic.reloadOrg();
const PASSWORD = 'bench only, fictional account';
await mosaic.store.upsertUser({ id: UserId('zone-north.checkpoint'), name: 'checkpoint', agency: AgencyId('zone-north'), desk: DeskId('zone-north-desk'), roles: ['checkpoint_officer'], clearance: 'RESTRICTED', groups: [], passwordHash: await hashPassword(PASSWORD) });
const started = performance.now();
const people = generateWatchlist(PERSONS);
const agencies = ['fedpol', 'fedpol', 'fedpol', 'intel'];
let batch: EntityRecord[] = [];
const flush = async (): Promise<void> => {
  if (batch.length > 0) await mosaic.store.putRecords(batch, { actor: 'bench' });
  batch = [];
};
for (let i = 0; i < PERSONS; i++) {
  const { entry } = people[i] as ListedPerson;
  const agency = pick(agencies);
  const names = (kind: string): string[] => entry.names.filter((n) => n.kind === kind).map((n) => n.value);
  const properties: Record<string, string[]> = {
    name: names('name'), alias: names('alias'), weakAlias: names('weakAlias'),
    birthDate: [...(entry.birthDates ?? [])], nationality: [...(entry.nationalities ?? [])], gender: (entry.genders ?? []).map((g) => (g === 'f' ? 'female' : 'male')),
    passportNumber: [...(entry.documents ?? [])],
  };
  for (const key of Object.keys(properties)) if (properties[key]?.length === 0) delete properties[key];
  const raws: Record<string, unknown>[] = [{ id: `p${i}`, schema: 'Person', properties, provenance: testProvenance(agency) }];
  if (i % 100 === 0) {
    raws.push({ id: `alert${i}`, schema: 'Alert', provenance: testProvenance(agency), properties: { subject: [`${agency}:p${i}`], category: [pick(['discreet_check', 'inquiry_check', 'arrest'])], desk: ['ops'], deskContact: ['+3220000001'], validFrom: ['2020-01-01'], status: ['active'] } });
  }
  for (const raw of raws) {
    const v = validateRecord(mosaic.registry, raw);
    if (!v.ok) throw new Error(`bench fixture did not validate: ${JSON.stringify(v.errors).slice(0, 300)}`);
    batch.push(v.record);
  }
  if (batch.length >= 5000) await flush();
}
await flush();
const loadedMs = performance.now() - started;

// Queries: listed people with a typo or reordered (half of them with the date of birth), and people not on the list.
const queries = watchlistQueries(people, 10_000).map((q) => JSON.stringify({ name: q.text, ...(q.birthDate ? { birthDate: q.birthDate } : {}), place: 'bench checkpoint' }));
people.length = 0;

const freePort = (): Promise<number> => new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as { port: number };
    probe.close(() => resolve(port));
  });
});
const workers: Worker[] = [];
const ask = (worker: Worker, message: string | { readonly profile: string }, key = 'cpu'): Promise<Record<string, number>> => new Promise((resolve) => {
  const answer = (m: Record<string, number>): void => { if (key in m) { worker.off('message', answer); resolve(m); } };
  worker.on('message', answer);
  worker.send(message);
});
let port: number;
let indexMs: number;
let stopNodes: () => Promise<void>;
let serverCpu: () => Promise<number>;
/** Starts a CPU profile on every node; the function it returns writes them to DIR. */
let profileNodes: (dir: string) => Promise<() => Promise<void>>;
/** Each serving node's resident memory (MB) when asked last; one node in this process: not told apart from the bench's own. */
let nodeRssMb: number[] = [];
if (NODES === 1) {
  const node = await startScreeningNode(mosaic, 0);
  port = node.port;
  indexMs = node.indexMs;
  stopNodes = () => node.stop();
  serverCpu = () => Promise.resolve(cpu());
  profileNodes = async (to) => {
    const profiler = cpuProfiler();
    await profiler.start();
    return () => profiler.stop(join(to, 'node-1.cpuprofile'));
  };
} else {
  // As under `mosaic serve --nodes N`, the primary holds no store while the nodes serve.
  await mosaic.close();
  port = await freePort();
  const settings: NodeSettings = { dataDir: dir, ...(schema !== undefined ? { databaseUrl: DATABASE_URL, databaseSchema: schema } : {}), port };
  // with the heap `mosaic serve --nodes N` gives its nodes (Node's default, about 4.5 GB here,
  // leaves a node holding a million-person list collecting garbage much of the time)
  cluster.setupPrimary({ exec: join(import.meta.dirname, 'lib', 'screen-node.ts'), execArgv: nodeExecArgv(NODES), serialization: IPC_SERIALIZATION });
  const relay = relayBusMessages(() => workers.map((w) => w.process));
  cluster.on('message', (worker, message: unknown) => void relay(message, worker.process));
  const ready: Promise<number>[] = [];
  for (let i = 0; i < NODES; i++) {
    const worker = cluster.fork({ MOSAIC_BENCH_NODE: JSON.stringify(settings) });
    workers.push(worker);
    ready.push(new Promise((resolve, reject) => {
      worker.on('message', (m: Record<string, number>) => { if ('ready' in m) resolve(m['indexMs'] ?? 0); });
      worker.once('exit', (code) => reject(new Error(`serving node exited (${code})`)));
    }));
  }
  indexMs = Math.max(...await Promise.all(ready));
  stopNodes = async () => {
    await Promise.all(workers.map((w) => new Promise((resolve) => { w.once('exit', resolve); w.send('stop'); })));
  };
  serverCpu = async () => {
    const answers = await Promise.all(workers.map((w) => ask(w, 'cpu')));
    nodeRssMb = answers.map((m) => m['rssMb'] ?? 0);
    return answers.reduce((sum, m) => sum + (m['cpu'] ?? 0), 0);
  };
  profileNodes = async (to) => {
    await Promise.all(workers.map((w) => ask(w, 'profile-start', 'profiling')));
    return async () => {
      await Promise.all(workers.map((w, i) => ask(w, { profile: join(to, `node-${i + 1}.cpuprofile`) }, 'profiled')));
    };
  };
}
const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'checkpoint', password: PASSWORD }) });
const token = ((await signIn.json()) as { token: string }).token;

const bodiesFile = join(dir, 'bodies.jsonl');
writeFileSync(bodiesFile, queries.join('\n'));
const loadConfig: LoadConfig = {
  url: `http://127.0.0.1:${port}`, path: '/api/v1/screen', connections: Number(args.connections), durationS: Number(args.duration),
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, bodiesFile,
};
const configFile = join(dir, 'load.json');
writeFileSync(configFile, JSON.stringify(loadConfig));
// The load generator runs in its own process (the other core), so the server's figures are its own.
const load = (file: string) => promisify(execFile)(process.execPath, [join(import.meta.dirname, 'lib', 'load-client.ts'), file], { maxBuffer: 64 * 1024 * 1024 });
// A warm-up first, not measured: the officer's policy decisions per listed entry are computed on
// first touch and kept, as they are on a serving node after its first minutes.
if (Number(args.warmup) > 0) {
  const warmupFile = join(dir, 'warmup.json');
  writeFileSync(warmupFile, JSON.stringify({ ...loadConfig, durationS: Number(args.warmup) }));
  await load(warmupFile);
}
if (args.profile !== '') mkdirSync(args.profile, { recursive: true });
const writeProfiles = args.profile === '' ? undefined : await profileNodes(args.profile);
const cpuBefore = await serverCpu();
const ownCpuBefore = cpu();
const wallBefore = performance.now();
const { stdout } = await load(configFile);
const result = JSON.parse(stdout) as LoadResult;
const wallMs = performance.now() - wallBefore;
const cpuMs = (await serverCpu()) - cpuBefore;
/** With nodes as workers this process only relays their bus messages (and waits for the load). */
const relayCpuMs = cpu() - ownCpuBefore;
await writeProfiles?.();

await stopNodes();
if (NODES === 1) await mosaic.close();
if (schema !== undefined) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}
rmSync(dir, { recursive: true, force: true });

console.log(JSON.stringify({
  bench: 'screen-http',
  persons: PERSONS,
  alerts: Math.ceil(PERSONS / 100),
  store: schema === undefined ? 'sqlite' : 'postgres',
  nodes: NODES,
  loadMs: Math.round(loadedMs),
  indexBuildMs: Math.round(indexMs),
  connections: Number(args.connections),
  warmupS: Number(args.warmup),
  ...loadFigures(result),
  serverCoresBusy: Number((cpuMs / wallMs).toFixed(2)),
  ...(NODES > 1 ? { relayCoresBusy: Number((relayCpuMs / wallMs).toFixed(2)), nodeRssMb, nodeFlags: nodeExecArgv(NODES) } : {}),
  machine: { cores: availableParallelism(), load1: Number(loadavg()[0]?.toFixed(2)) },
}));
