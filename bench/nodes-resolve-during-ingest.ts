/**
 * Resolution on serving nodes sharing a PostgreSQL store while `mosaic ingest` loads a file: N
 * `mosaic serve` processes (separate ports, one database, one data folder for the audit key), a
 * store made by `mosaic start` with a small demo (its organisation and accounts), then the file
 * ingested by the command line against the same database while an analyst searches node 1 one
 * search after another (until every node has resolved the file). Each node is asked for the
 * entity of the file's last person that an analyst of its agency reads until it answers: how
 * long after the ingest started every node has resolved the file; then the resolution outcomes
 * the nodes stored (how many, the most records one holds: a full pass's when thousands).
 *
 *   npx node bench/nodes-resolve-during-ingest.ts --file records.jsonl [--nodes 2] [--cli packages/cli/bin/mosaic.js]
 *
 * `--cli` runs another checkout's command line (before/after a change) with the same script.
 * Makes its own database (bench_nodes_<pid>) on MOSAIC_BENCH_PG (default the host of
 * MOSAIC_TEST_DATABASE_URL) and drops it at the end. Prints one JSON object: counts and timings.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string' },
    nodes: { type: 'string', default: '1' },
    cli: { type: 'string', default: resolve(import.meta.dirname, '../packages/cli/bin/mosaic.js') },
    port: { type: 'string', default: '7710' },
    'demo-persons': { type: 'string', default: '100' },
  },
});
if (!args.file) throw new Error('--file records.jsonl is needed');
const FILE = resolve(args.file);
const NODES = Number(args.nodes);
const CLI = resolve(args.cli);
const PORT = Number(args.port);

const admin = new URL(process.env['MOSAIC_BENCH_PG'] ?? process.env['MOSAIC_TEST_DATABASE_URL'] ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
const database = `bench_nodes_${process.pid}`;
const pgEnv = { ...process.env, PGPASSWORD: decodeURIComponent(admin.password) };
const pgArgs = ['-h', admin.hostname, '-p', admin.port || '5432', '-U', decodeURIComponent(admin.username)];
const databaseUrl = new URL(admin);
databaseUrl.pathname = `/${database}`;
const dataDir = mkdtempSync(join(tmpdir(), 'bench-nodes-'));
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MOSAIC_'))),
  MOSAIC_DATABASE_URL: databaseUrl.href, MOSAIC_DATA_DIR: dataDir, MOSAIC_DEMO_PERSONS: args['demo-persons'], MOSAIC_DEMO_SEED: '99',
};

const children = new Set<ChildProcess>();
function mosaic(argv: string[], output: 'pipe' | 'ignore' = 'ignore'): ChildProcess {
  const child = spawn(process.execPath, [CLI, ...argv], { env, stdio: ['ignore', output, 'pipe'] });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => { tail = (tail + chunk.toString()).slice(-2000); });
  child.on('exit', (code) => { children.delete(child); if (code !== 0 && code !== null && code !== 143) console.error(`mosaic ${argv[0]} exited ${code}: ${tail}`); });
  children.add(child);
  return child;
}
const exited = (child: ChildProcess): Promise<number | null> => new Promise((done) => { if (child.exitCode !== null) done(child.exitCode); else child.once('exit', (code) => done(code)); });
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode === null) child.kill('SIGTERM');
  await exited(child);
}

async function cleanUp(): Promise<void> {
  await Promise.all([...children].map(stop));
  spawnSync('dropdb', [...pgArgs, '--if-exists', database], { env: pgEnv });
  rmSync(dataDir, { recursive: true, force: true });
}
process.on('SIGINT', () => { void cleanUp().then(() => process.exit(130)); });

try {
  const made = spawnSync('createdb', [...pgArgs, database], { env: pgEnv, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`createdb: ${made.stderr}`);

  // the store, its organisation and accounts: a first start with a small demo, then stopped
  const setupStart = performance.now();
  const first = mosaic(['start', '--port', String(PORT)], 'pipe');
  const firstOut = await new Promise<string>((done, fail) => {
    let text = '';
    first.stdout?.on('data', (chunk: Buffer) => { text += chunk.toString(); if (/The others:/.test(text)) done(text); });
    first.once('exit', (code) => fail(new Error(`mosaic start exited ${code}`)));
  });
  await stop(first);
  if (!/The others:/.test(firstOut)) throw new Error(`no demo accounts in: ${firstOut}`);
  const listed = spawnSync(process.execPath, [CLI, 'users', 'list'], { env, encoding: 'utf8' });
  const analysts = listed.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { name: string; agency: string; roles: string[] }).filter((u) => u.roles.includes('analyst'));

  // what is waited for: the file's last person at a low marking, read by an analyst of its agency
  const lines = readFileSync(FILE, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; schema: string; properties: { name?: string[] }; provenance: { agency: string; marking: { tlp: string; classification: string } } });
  const persons = lines.filter((r) => r.schema === 'Person');
  const target = persons.findLast((r) => ['UNCLASSIFIED', 'RESTRICTED'].includes(r.provenance.marking.classification) && r.provenance.marking.tlp !== 'RED' && analysts.some((u) => u.agency === r.provenance.agency));
  if (!target) throw new Error('no person in the file that an analyst of its agency reads');
  const analystName = analysts.find((u) => u.agency === target.provenance.agency)!.name;
  const queries = persons.filter((_, i) => i % 97 === 0).flatMap((r) => r.properties.name?.slice(0, 1) ?? []);

  const nodes = Array.from({ length: NODES }, (_, i) => ({ base: `http://127.0.0.1:${PORT + i}/api/v1`, process: mosaic(['serve', '--port', String(PORT + i)]) }));
  for (const node of nodes) {
    for (;;) {
      const ready = await fetch(`${node.base}/ready`).then((r) => r.ok, () => false);
      if (ready) break;
      if (node.process.exitCode !== null) throw new Error('a node exited at start');
      await sleep(250);
    }
  }
  const headersOf = async (base: string): Promise<Record<string, string>> => {
    const response = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: analystName, password: 'mosaic-demo' }) });
    const { token } = (await response.json()) as { token: string };
    return { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-mosaic-purpose': 'bench', 'x-mosaic-case': 'BENCH-1' };
  };
  const headers = await Promise.all(nodes.map((n) => headersOf(n.base)));
  const setupMs = performance.now() - setupStart;

  const load = { before: loadavg()[0] };
  const t0 = performance.now();
  const ingest = mosaic(['ingest', FILE], 'pipe');
  let ingestOut = '';
  ingest.stdout?.on('data', (chunk: Buffer) => { ingestOut += chunk.toString(); });
  let ingestMs: number | undefined;
  void exited(ingest).then(() => { ingestMs = performance.now() - t0; });

  // an analyst searching node 1 while the file goes in, and after until every node has resolved it
  const searchMs: number[] = [];
  const searchAfterMs: number[] = [];
  let resolvedEverywhere = false;
  const searching = (async () => {
    for (let q = 0; !resolvedEverywhere; q++) {
      const during = ingestMs === undefined;
      const started = performance.now();
      const response = await fetch(`${nodes[0]!.base}/search`, { method: 'POST', headers: headers[0]!, body: JSON.stringify({ q: queries[q % queries.length], limit: 20, purpose: 'bench', caseRef: 'BENCH-1' }) });
      await response.arrayBuffer();
      if (response.ok) (during ? searchMs : searchAfterMs).push(performance.now() - started);
      await sleep(100);
    }
  })();

  const resolvedMs = await Promise.all(nodes.map(async (node, i) => {
    for (;;) {
      const response = await fetch(`${node.base}/records/${encodeURIComponent(target.id)}/entity`, { headers: headers[i]! }).catch(() => undefined);
      if (response?.ok) return performance.now() - t0;
      await response?.arrayBuffer();
      if (node.process.exitCode !== null) throw new Error(`node ${i + 1} exited`);
      await sleep(250);
    }
  }));
  resolvedEverywhere = true;
  await exited(ingest);
  await searching;
  load['after' as 'before'] = loadavg()[0];
  const summary = (() => { try { return JSON.parse(ingestOut.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>; } catch { return {}; } })();
  const sorted = searchMs.toSorted((a, b) => a - b);
  const after = searchAfterMs.toSorted((a, b) => a - b);
  const at = (p: number, list = sorted): number => Math.round(list[Math.min(list.length - 1, Math.floor(p * list.length))] ?? NaN);
  // the outcomes the nodes stored (after the change): how many, and the most records one resolved (a full pass's, when thousands)
  const outcomes = spawnSync('psql', [...pgArgs, '-d', database, '-At', '-F', ',', '-c',
    "select count(*), coalesce(max(jsonb_array_length(coalesce(body::jsonb->'versions', '[]'::jsonb))), 0), count(*) filter (where body::jsonb ? 'full') from documents where kind = 'entity-outcome'"], { env: pgEnv, encoding: 'utf8' });
  const [outcomesStored, mostRecordsInOne, fullOutcomes] = outcomes.stdout.trim().split(',').map(Number);
  console.log(JSON.stringify({
    cli: CLI,
    outcomes: { stored: outcomesStored, mostRecordsInOne, full: fullOutcomes }, nodes: NODES, records: lines.length, persons: persons.length, setupS: Math.round(setupMs / 1000),
    ingestS: +((ingestMs ?? NaN) / 1000).toFixed(1), ingestCreated: summary['created'], ingestRejected: summary['rejected'],
    resolvedS: resolvedMs.map((ms) => +(ms / 1000).toFixed(1)),
    lagAfterIngestS: resolvedMs.map((ms) => +((ms - (ingestMs ?? NaN)) / 1000).toFixed(1)),
    searches: sorted.length, searchP50Ms: at(0.5), searchP95Ms: at(0.95), searchMaxMs: Math.round(sorted.at(-1) ?? NaN),
    searchesUntilResolved: after.length, searchUntilResolvedP50Ms: at(0.5, after), searchUntilResolvedP95Ms: at(0.95, after),
    loadavg: { before: +load.before!.toFixed(1), after: +(load as Record<string, number>)['after']!.toFixed(1) },
  }));
} finally {
  await cleanUp();
}
