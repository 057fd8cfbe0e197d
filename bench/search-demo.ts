/**
 * The analyst's name search on a generated demo with ground truth (node bench/search-demo.ts
 * [--persons 5000] [--queries 1000] [--seeds 1,2] [--script arabic]): does searching one agency's record of a
 * person by its name find the same person's records held by the other agencies, spelled their
 * way? For each seed, queries are the names of sampled Person records whose person has other
 * Person records; the targets are those other records. Four modes over the same store:
 * `words` (the store's full-text index alone, as before the watchlist's names were used),
 * `names` (with the screening index's candidates and ranking by name score) and `subjects`
 * (also the records of one resolved subject listed together, as a full node serves it), and
 * `subjects+born` (the same, with the query record's date of birth when it has one).
 * Reports recall of the targets in the first 10, 20 (the API's default) and 50 (the web app's)
 * results, the mean reciprocal rank of the first target, and latency (the modes take turns
 * running first).
 * The policy is set to allow everything: what is measured is finding, not who may see it
 * (bench/policy-overhead.ts measures the policy on this path). Prints JSON only.
 */
import { writeDemo } from '@mosaic/demo';
import { seededRandom, type RecordId } from '@mosaic/model';
import type { Decide } from '@mosaic/policy';
import { createEntityProjection, createScreeningProjection, followChanges, loadDemo, openMosaic, parseConfig, searchRecords, type Mosaic, type SearchOptions } from '@mosaic/service';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { persons: { type: 'string', default: '5000' }, queries: { type: 'string', default: '1000' }, seeds: { type: 'string', default: '1,2' }, script: { type: 'string' } } });
const PERSONS = Number(args.persons);
/** `--script arabic`: only queries written in Arabic script (the records the demo's agencies keep in it). */
const ARABIC = /[\u0600-\u06FF]/;
const QUERIES = Number(args.queries);
const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

async function measure(seed: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mosaic-search-bench-'));
  try {
    await writeDemo({ persons: PERSONS, seed, outDir: join(dir, 'demo') });
    const allowAll: Decide = () => ({ effect: 'allow', reason: 'own agency' });
    const mosaic: Mosaic = await openMosaic(parseConfig({ dataDir: dir }, dir), { checkpointEvery: 500, decide: allowAll });
    await loadDemo(mosaic, join(dir, 'demo'));
    const screening = createScreeningProjection();
    await followChanges(mosaic.store, [screening]).catchUp();
    const analyst = (await mosaic.store.listUsers()).find((u) => u.roles.includes('analyst'));
    if (!analyst) throw new Error('the demo has no analyst');

    const personOf = new Map<string, string>();
    for (const line of readFileSync(join(dir, 'demo', 'truth.jsonl'), 'utf8').split('\n')) {
      if (!line) continue;
      const t = JSON.parse(line) as { id: string; person: string };
      personOf.set(t.id, t.person);
    }
    const byPerson = new Map<string, string[]>();
    const nameOf = new Map<string, string>();
    const bornOf = new Map<string, string>();
    for (const line of readFileSync(join(dir, 'demo', 'records.jsonl'), 'utf8').split('\n')) {
      if (!line.includes('"Person"')) continue;
      const r = JSON.parse(line) as { id: string; schema: string; properties: Record<string, string[]> };
      const name = r.properties['name']?.[0];
      const person = personOf.get(r.id);
      if (r.schema !== 'Person' || !name || !person) continue;
      nameOf.set(r.id, name);
      const birthDate = r.properties['birthDate']?.[0];
      if (birthDate) bornOf.set(r.id, birthDate);
      byPerson.set(person, [...(byPerson.get(person) ?? []), r.id]);
    }
    const askable = [...nameOf.keys()].filter((id) => (byPerson.get(personOf.get(id) ?? '')?.length ?? 0) > 1 && (args.script !== 'arabic' || ARABIC.test(nameOf.get(id) ?? '')));
    const random = seededRandom(seed);
    const queries = Array.from({ length: Math.min(QUERIES, askable.length) }, () => askable[Math.floor(random() * askable.length)] as string);

    const entities = await createEntityProjection(mosaic.store);
    const full = { names: screening.index, subjects: entities, provenanceOf: (id: RecordId) => screening.provenanceOf(id) };
    const modes: readonly [string, SearchOptions, boolean][] = [['words', {}, false], ['names', { names: screening.index }, false], ['subjects', full, false], ['subjects+born', full, true]];
    const cut = [10, 20, 50] as const;
    const tally = modes.map(() => ({ found: { 10: 0, 20: 0, 50: 0 } as Record<number, number>, reciprocal: 0, times: [] as number[] }));
    let withBorn = 0;
    let targets = 0;
    for (const [i, id] of queries.entries()) {
      const wanted = new Set((byPerson.get(personOf.get(id) ?? '') ?? []).filter((r) => r !== id));
      targets += wanted.size;
      // the two modes alternate which goes first, so neither always meets a cold cache
      const birthDate = bornOf.get(id);
      if (birthDate) withBorn++;
      for (const m of modes.map((_, k) => (k + i) % modes.length)) {
        const t = tally[m] as (typeof tally)[number];
        const [, options, born] = modes[m] as (typeof modes)[number];
        const started = performance.now();
        const { results } = await searchRecords(mosaic, { user: analyst, purpose: 'benchmark', caseRef: 'BENCH-S' }, { q: nameOf.get(id) as string, limit: 50, ...(born && birthDate ? { birthDate } : {}) }, options);
        const ms = performance.now() - started;
        if (i >= queries.length / 10) t.times.push(ms);
        const ranks = results.map((r) => r.id as string).filter((r) => r !== id);
        for (const k of cut) t.found[k] = (t.found[k] ?? 0) + ranks.slice(0, k).filter((r) => wanted.has(r)).length;
        const first = ranks.findIndex((r) => wanted.has(r));
        if (first >= 0) t.reciprocal += 1 / (first + 1);
      }
    }
    for (const [m, [mode]] of modes.entries()) {
      const { found, reciprocal, times } = tally[m] as (typeof tally)[number];
      times.sort((a, b) => a - b);
      const at = (p: number): number => round(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0, 2);
      console.log(JSON.stringify({
        bench: 'search.demo', seed, mode, persons: PERSONS, ...(args.script ? { script: args.script } : {}), queries: queries.length, ...(mode.endsWith('born') ? { queriesWithBirthDate: withBorn } : {}), targets,
        recallAt10: round((found[10] ?? 0) / targets), recallAt20: round((found[20] ?? 0) / targets), recallAt50: round((found[50] ?? 0) / targets),
        mrr: round(reciprocal / queries.length), p50Ms: at(0.5), p99Ms: at(0.99), loadAverage: loadavg().map((l) => round(l, 2)),
      }));
    }
    entities.stop();
    await mosaic.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const seed of (args.seeds ?? '1').split(',').map(Number)) await measure(seed);
