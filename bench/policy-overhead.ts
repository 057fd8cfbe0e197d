/**
 * What the policy costs on the two hottest read paths: name search (searchRecords: store name
 * index and the watchlist's names, then consult() -> filterVisible + deconfliction + audit) and
 * checkpoint screening (screenCheck over the in-memory watchlist, a decision per candidate).
 * Each query runs twice, once with the real decision point and once with an allow-all decision
 * injected through the same seam (OpenMosaicOptions.decide / Mosaic.decide), alternating which
 * goes first, on a generated demo (fictional persons, ten agencies and their agreements).
 *
 *   npx node bench/policy-overhead.ts [--persons 5000] [--queries 1500] [--seed 2016]
 *
 * Prints one JSON object per path: p50/p99/mean ms both ways and the overhead, counts only; and
 * each side's CPU milliseconds a query (process.cpuUsage around it) and their overhead, which a
 * shared machine's other jobs move less than the wall times.
 * Target (issue #5): the policy adds at most 10 % to search and screening latency.
 */
import { writeDemo } from '@mosaic/demo';
import { CLASSIFICATION, seededRandom } from '@mosaic/model';
import type { Decide } from '@mosaic/policy';
import { createScreeningProjection, followChanges, loadDemo, openMosaic, parseConfig, screenCheck, searchRecords, type Mosaic } from '@mosaic/service';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { persons: { type: 'string', default: '5000' }, queries: { type: 'string', default: '1500' }, seed: { type: 'string', default: '2016' } } });
const PERSONS = Number(args.persons);
const QUERIES = Number(args.queries);

const dir = mkdtempSync(join(tmpdir(), 'mosaic-policy-bench-'));
try {
  await writeDemo({ persons: PERSONS, seed: Number(args.seed), outDir: join(dir, 'demo') });
  const real = await openMosaic(parseConfig({ dataDir: dir }, dir), { checkpointEvery: 500 });
  const loaded = await loadDemo(real, join(dir, 'demo'));
  // The same runtime with another decision function: everything else (store, audit, org cache) shared.
  const allowAll: Decide = () => ({ effect: 'allow', reason: 'own agency' });
  // Its own organisation snapshot (a copy): screening keeps what a profile may see per snapshot
  // (screen-check.ts), and sharing it would let each side read the other's memoised decisions.
  const openSnapshot = { ...(await real.org()) };
  const open: Mosaic = { ...real, decide: allowAll, org: async () => openSnapshot };

  const screening = createScreeningProjection();
  await followChanges(real.store, [screening]).catchUp();

  // A local-police analyst sees part of the data: the policy has real work (allow, pointer, deny).
  const users = await real.store.listUsers();
  const analyst = users.filter((u) => u.roles.includes('analyst')).sort((a, b) => CLASSIFICATION.indexOf(a.clearance) - CLASSIFICATION.indexOf(b.clearance) || a.name.localeCompare(b.name))[0];
  const officer = users.find((u) => u.roles.includes('checkpoint_officer') && u.agency === analyst?.agency) ?? users.find((u) => u.roles.includes('checkpoint_officer'));
  if (!analyst || !officer) throw new Error('the demo has no analyst or checkpoint officer');

  // Queries: names and dates of birth of demo persons, sampled with a fixed seed.
  const persons = readFileSync(join(dir, 'demo', 'records.jsonl'), 'utf8').split('\n').flatMap((line) => {
    if (!line.includes('"Person"')) return [];
    const r = JSON.parse(line) as { schema: string; properties: Record<string, string[]> };
    const name = r.properties['name']?.[0];
    return r.schema === 'Person' && name ? [{ name, birthDate: r.properties['birthDate']?.[0] }] : [];
  });
  const random = seededRandom(Number(args.seed));
  const queries = Array.from({ length: QUERIES }, () => persons[Math.floor(random() * persons.length)]!);

  // as a full node serves it: spelling and script variants through the watchlist's names too
  const search = (m: Mosaic, q: (typeof queries)[number]) => searchRecords(m, { user: analyst, purpose: 'benchmark', caseRef: 'BENCH-1' }, { q: q.name, limit: 20 }, { names: screening.index, provenanceOf: (id) => screening.provenanceOf(id) });
  const screen = (m: Mosaic, q: (typeof queries)[number]) => screenCheck(m, { user: officer }, screening, { query: { name: q.name, ...(q.birthDate ? { birthDate: q.birthDate } : {}) } });

  const results = [];
  for (const [path, run] of [['search', search], ['screening', screen]] as const) {
    const times: Record<'policy' | 'allowAll', number[]> = { policy: [], allowAll: [] };
    const cpuMicros: Record<'policy' | 'allowAll', number> = { policy: 0, allowAll: 0 };
    let visibleWith = 0;
    let visibleWithout = 0;
    const cpuStart = process.cpuUsage();
    for (const [i, q] of queries.entries()) {
      const order = i % 2 === 0 ? (['policy', 'allowAll'] as const) : (['allowAll', 'policy'] as const);
      for (const mode of order) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        const out = await run(mode === 'policy' ? real : open, q);
        const ms = performance.now() - started;
        const used = process.cpuUsage(cpuStarted);
        // The first tenth warms caches and the JIT and is not counted.
        if (i >= QUERIES / 10) {
          times[mode].push(ms);
          cpuMicros[mode] += used.user + used.system;
        }
        const shown = 'results' in out ? out.results.length : out.hits.length;
        if (mode === 'policy') visibleWith += shown;
        else visibleWithout += shown;
      }
    }
    const cpu = process.cpuUsage(cpuStart);
    const stats = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
      return { p50: round(at(0.5)), p99: round(at(0.99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
    };
    const withPolicy = { ...stats(times.policy), cpuMs: round(cpuMicros.policy / 1000 / times.policy.length) };
    const without = { ...stats(times.allowAll), cpuMs: round(cpuMicros.allowAll / 1000 / times.allowAll.length) };
    results.push({
      bench: `policy.overhead.${path}`, persons: PERSONS, records: loaded.ingest.created, queries: times.policy.length,
      policy: withPolicy, allowAll: without,
      overheadP50Pct: round((withPolicy.p50 / without.p50 - 1) * 100, 1), overheadMeanPct: round((withPolicy.mean / without.mean - 1) * 100, 1), overheadCpuPct: round((withPolicy.cpuMs / without.cpuMs - 1) * 100, 1),
      shownWithPolicy: visibleWith, shownAllowAll: visibleWithout, cpuSeconds: round((cpu.user + cpu.system) / 1e6, 2), loadAverage: loadavg().map((l) => round(l, 2)),
    });
  }
  for (const r of results) console.log(JSON.stringify(r));
  await real.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function round(n: number, digits = 3): number {
  return Number(n.toFixed(digits));
}
