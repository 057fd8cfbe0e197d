/**
 * Screening at scale (node bench/screen-scale.ts [persons=1000000] [queries=2000]).
 *
 * A generated fictional watchlist (bench/lib/screen-watchlist.ts: bench/screen-name-pool.ts
 * pools, plus surnames built from syllables so that the vocabulary grows with the list as real
 * surnames do), with aliases (respellings, reordered names, weak kunya aliases), dates of birth,
 * nationalities, passports and plates. Measures: index build time and memory (RSS, heap), one-query latency in process
 * (p50/p99), and the same queries through PostgreSQL with a pg_trgm GIN index, ordered by
 * trigram similarity, on the same names (COPY into a scratch schema, dropped afterwards).
 * Recall@10 for both: positives are seeded typos or reorderings of a listed person's name that
 * must find that person; negatives are fresh fictional people (reported as hit rate).
 * A large list holds many namesakes, and a positive without a date of birth whose person shares
 * the name with ten others cannot be told apart by any index: each missed positive is scored
 * alone (screened with only its own entry visible) and counted as `missedByIndex` only when a
 * returned result scored lower than it (or fewer were returned), i.e. when an exhaustive
 * comparison of every listed name would have ranked it in.
 * Environment: MOSAIC_BENCH_PG (default postgres://postgres@127.0.0.1:5432/test; `none` skips
 * the comparison). Figures only.
 */
import { createScreeningIndex, screen, type ScreeningHit } from '@mosaic/screening';
import { foldText } from '@mosaic/matching';
import { execFileSync } from 'node:child_process';
import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateWatchlist, watchlistQueries } from './lib/screen-watchlist.ts';

const PERSONS = Number(process.argv[2] ?? 1_000_000);
const QUERIES = Number(process.argv[3] ?? 2000);
const PG_URL = process.env['MOSAIC_BENCH_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

function quantile(sorted: readonly number[], p: number): number {
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 1000) / 1000;
}

const mb = (bytes: number): number => Math.round(bytes / 1048576);
const load = (): number[] => loadavg().map((l) => Math.round(l * 100) / 100);
const loadBefore = load();

let t = performance.now();
const people = generateWatchlist(PERSONS);
const generateMs = performance.now() - t;
const rssBefore = process.memoryUsage().rss;
t = performance.now();
const cpuBefore = process.cpuUsage();
const index = createScreeningIndex(people.map((p) => p.entry), { frequencies: 'index' });
const buildMs = performance.now() - t;
const buildCpu = process.cpuUsage(cpuBefore);
globalThis.gc?.();
const memory = process.memoryUsage();

const queries = watchlistQueries(people, QUERIES);

// warm-up, then best of three passes per query (a shared, noisy two-core machine)
for (const q of queries.slice(0, 200)) screen(index, { name: q.text });
const best = new Float64Array(queries.length).fill(Infinity);
const memRanks: number[] = [];
let memHitNegatives = 0;
const missedByIndex = { at1: 0, at10: 0 };
/** CPU and wall time of the timed passes after the first (which also scores missed positives alone). */
let timedCpuUs = 0;
let timedWallMs = 0;
for (let pass = 0; pass < 3; pass++) {
  const passCpu = process.cpuUsage();
  const passStart = performance.now();
  queries.forEach((q, i) => {
    const t0 = performance.now();
    const r = screen(index, { name: q.text, ...(q.birthDate ? { birthDate: q.birthDate } : {}) }, { limit: 10, minScore: 0 });
    const ms = performance.now() - t0;
    if (ms < (best[i] as number)) best[i] = ms;
    if (pass > 0 || !r.ok) return;
    const hits = r.hits as ScreeningHit[];
    if (q.own) {
      const rank = hits.findIndex((h) => h.id === q.own);
      memRanks.push(rank);
      if (rank !== 0) {
        const alone = screen(index, { name: q.text, ...(q.birthDate ? { birthDate: q.birthDate } : {}) }, { limit: 1, minScore: 0, visibility: (e) => e.id === q.own });
        const own = alone.ok ? (alone.hits[0] as ScreeningHit | undefined)?.score ?? 0 : 0;
        const missed = (k: number): boolean => (rank < 0 || rank >= k) && (hits.length < k || hits.slice(0, k).some((h) => h.score < own));
        if (missed(1)) missedByIndex.at1++;
        if (missed(10)) missedByIndex.at10++;
      }
    } else if (hits.some((h) => h.band === 'hit')) memHitNegatives++;
  });
  if (pass > 0) {
    const used = process.cpuUsage(passCpu);
    timedCpuUs += used.user + used.system;
    timedWallMs += performance.now() - passStart;
  }
}
const timedQueries = 2 * queries.length;
const memLatency = [...best].sort((a, b) => a - b);
const positives = queries.filter((q) => q.own).length;

async function postgres(): Promise<Record<string, unknown>> {
  const schema = `screen_bench_${process.pid}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  const file = join(tmpdir(), `${schema}.tsv`);
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA ${schema}`);
    const ext = await client.query<{ nspname: string }>(`SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`);
    await client.query(`SET search_path = ${schema}, ${ext.rows[0]?.nspname ?? schema}, public`);
    await client.query(`CREATE TABLE ${schema}.names (entry_id text NOT NULL, name text NOT NULL)`);
    const out = createWriteStream(file);
    for (const p of people) {
      for (const n of p.entry.names) {
        if (!out.write(`${p.entry.id}\t${foldText(n.value)}\n`)) await once(out, 'drain');
      }
    }
    out.end();
    await once(out, 'finish');
    let t0 = performance.now();
    execFileSync('psql', [PG_URL, '-v', 'ON_ERROR_STOP=1', '-qc', `\\copy ${schema}.names FROM '${file}'`]);
    const copyMs = performance.now() - t0;
    t0 = performance.now();
    await client.query(`CREATE INDEX ON ${schema}.names USING gin (name gin_trgm_ops)`);
    const indexMs = performance.now() - t0;
    await client.query(`ANALYZE ${schema}.names`);
    const size = await client.query<{ size: string }>(`SELECT pg_total_relation_size('${schema}.names')::text AS size`);
    const sql = `SELECT entry_id, similarity(name, $1) AS s FROM ${schema}.names WHERE name % $1 ORDER BY s DESC LIMIT 10`;
    const times: number[] = [];
    const ranks: number[] = [];
    const sample = queries.slice(0, Math.min(queries.length, 1000));
    for (const q of sample.slice(0, 20)) await client.query(sql, [foldText(q.text)]);
    for (const q of sample) {
      const t1 = performance.now();
      const r = await client.query<{ entry_id: string }>(sql, [foldText(q.text)]);
      times.push(performance.now() - t1);
      if (q.own) ranks.push(r.rows.findIndex((row) => row.entry_id === q.own));
    }
    times.sort((a, b) => a - b);
    return {
      names: people.reduce((n, p) => n + p.entry.names.length, 0),
      copyMs: Math.round(copyMs),
      ginIndexMs: Math.round(indexMs),
      tableAndIndexMB: mb(Number(size.rows[0]?.size ?? 0)),
      queries: sample.length,
      queryMs: { p50: quantile(times, 0.5), p99: quantile(times, 0.99) },
      recallAt1: Math.round((ranks.filter((r) => r === 0).length / ranks.length) * 1000) / 1000,
      recallAt10: Math.round((ranks.filter((r) => r >= 0).length / ranks.length) * 1000) / 1000,
      note: 'single connection, round trip included; similarity ordering over folded names, pg_trgm default threshold 0.3',
    };
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    rmSync(file, { force: true });
  }
}

let postgresFigures: Record<string, unknown>;
try {
  postgresFigures = PG_URL === 'none' ? { skipped: true } : await postgres();
} catch (error) {
  postgresFigures = { error: (error as Error).message };
}

console.log(JSON.stringify({
  benchmark: 'screen-scale',
  persons: PERSONS,
  generateMs: Math.round(generateMs),
  inMemory: {
    ...index.stats(),
    buildMs: Math.round(buildMs),
    buildCpuMs: Math.round((buildCpu.user + buildCpu.system) / 1000),
    rssMB: mb(memory.rss),
    rssIncreaseMB: mb(memory.rss - rssBefore),
    heapUsedMB: mb(memory.heapUsed),
    queries: queries.length,
    queryMs: {
      p50: quantile(memLatency, 0.5), p99: quantile(memLatency, 0.99),
      mean: Math.round((memLatency.reduce((a, b) => a + b, 0) / memLatency.length) * 1000) / 1000, best: 'of 3 passes',
    },
    // the mean cost of a query, not its best: what limits checks per second (passes 2 and 3; the
    // first also scores each missed positive alone)
    perQueryPasses23: {
      wallMs: Math.round((timedWallMs / timedQueries) * 1000) / 1000,
      cpuMs: Math.round((timedCpuUs / 1000 / timedQueries) * 1000) / 1000,
    },
    recallAt1: Math.round((memRanks.filter((r) => r === 0).length / positives) * 1000) / 1000,
    recallAt10: Math.round((memRanks.filter((r) => r >= 0).length / positives) * 1000) / 1000,
    missedByIndexAt1: missedByIndex.at1,
    missedByIndexAt10: missedByIndex.at10,
    negativesWithHit: memHitNegatives,
  },
  postgres: postgresFigures,
  loadAverage: { before: loadBefore, after: load() },
}, null, 1));
