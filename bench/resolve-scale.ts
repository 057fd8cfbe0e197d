/**
 * Scale of resolution (node bench/resolve-scale.ts [DIR] [--limit N] [--adds K] [--seed S]; each record is
 * prepared as it is read, so the parsed records are never all in memory):
 * DIR holds a demo generated with `mosaic demo generate` (records.jsonl + truth.jsonl; its
 * Person lines, ~1M for 660,000 persons, are the input). End to end (read + parse + resolve),
 * wall time and peak RSS; then incremental resolution of K held-out records against the rest,
 * median / p99 ms; then the review queue read from the state five times (median / max ms); then
 * each held-out record corrected (updateLocally) and a verdict on each of the queue's first 200
 * pairs (judgeLocally), median / p99 ms, and the review queue read five times again. Also
 * pairwise precision / recall / F1 against truth.jsonl (of the entities before the corrections
 * and verdicts). Prints JSON only.
 * cpuMs (user + system, all threads) and mainThreadCpuMs are printed beside wall time because the machine is shared. Stage
 * progress (seconds, RSS) goes to stderr.
 * --seed: of the random pairs u is estimated from (how much the figures hang on that draw).
 * Targets: 1M records <= 60 s, peak RSS <= 4 GB, incremental median <= 5 ms (2 cores).
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MATCHING_PROPERTIES } from '@mosaic/matching';
import type { EntityId, UserId } from '@mosaic/model';
import { addRecord, createResolutionIndex, judgeLocally, pairwiseMetrics, preparingLookups, reviewQueue, updateLocally, type ResolvableRecord, type ResolveStage } from '@mosaic/resolution';
import { openRecordBatch } from '@mosaic/service';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => { const at = args.indexOf(`--${name}`); return at >= 0 ? Number(args[at + 1]) : fallback; };
const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? '/tmp/mosaic-resolve-scale';
const limit = option('limit', Infinity);
const adds = option('adds', 500);
const seed = option('seed', 1);

async function* lines(path: string): AsyncGenerator<string> {
  yield* createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}

let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 200);
const started = performance.now();
const cpuStart = process.cpuUsage();
// this thread's CPU alone: the worker threads' time is in cpuUsage, and with a core to spare the
// main thread's time is what the wall time follows
const mainCpuStart = process.threadCpuUsage();
const cpuSeconds = (u: NodeJS.CpuUsage): string => ((u.user + u.system) / 1e6).toFixed(1);
// Progress on stderr: the stage, seconds since start (wall and CPU) and RSS when each stage starts.
let stageSeen: ResolveStage | undefined;
let blockStarted = 0;
const onProgress = (stage: ResolveStage): void => {
  if (stage === stageSeen) return;
  stageSeen = stage;
  if (stage === 'block') blockStarted = performance.now();
  console.error(`${stage} at ${((performance.now() - started) / 1000).toFixed(1)} s (${cpuSeconds(process.cpuUsage(cpuStart))} CPU-s, main thread ${cpuSeconds(process.threadCpuUsage(mainCpuStart))}), RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
};
// each record is prepared as it is read (the last `adds` are held out first), as `mosaic resolve`
// does: a worker thread reads and parses the file (Person lines only) while this one prepares,
// then compares half of the candidate pairs
const records = openRecordBatch(join(dir, 'records.jsonl'), { keep: MATCHING_PROPERTIES, schema: 'Person' });
const heldOut: ResolvableRecord[] = [];
let read = 0;
reading: for await (const piece of records.pieces) {
  for (const record of piece.records) {
    heldOut.push(record);
    if (heldOut.length > adds) records.add(heldOut.shift() as ResolvableRecord);
    if (++read >= limit + adds) break reading;
  }
}
const run = await records.resolve({ at: '2026-01-01T00:00:00Z', onProgress, seed });
await records.close();
// reading and parsing as far as this thread waited for them or took their records in (preparing,
// interleaved with it, is the prepare stage)
const readMs = blockStarted - started - run.stats.ms.prepare;
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
const mainCpu = process.threadCpuUsage(mainCpuStart);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const index = createResolutionIndex(run.state);
const times: number[] = [];
const outcomes: Record<string, number> = {};
for (const r of heldOut) {
  const t = performance.now();
  const result = addRecord(index, r, { at: '2026-01-01T00:00:00Z' });
  times.push(performance.now() - t);
  outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
}
times.sort((a, b) => a - b);
// the review queue a serving node answers from this state (GET /review, which asks for five
// times the page): a scan of every candidate pair, the entities' sizes read from the index
const sizeOf = (entity: EntityId): number => index.members.get(entity)?.length ?? 1;
/** Five reads of the queue, their times sorted. */
const timeReviewReads = (): number[] => {
  const readTimes: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    reviewQueue(index.state, { limit: 100, sizeOf });
    readTimes.push(performance.now() - t);
  }
  return readTimes.sort((a, b) => a - b);
};
const reviewTimes = timeReviewReads();
// the entities as resolved (with the incremental adds), checked against the truth below: the
// corrections and judgements that follow change them
const resolvedEntities = run.state.entities.slice();
// the lookups by record a serving node builds after a pass, with turns (record-positions.ts)
const lookupsStarted = performance.now();
const lookups = preparingLookups(index.state);
while (!lookups.next().done) { /* a step at a time, as a serving node between turns */ }
const lookupsMs = performance.now() - lookupsStarted;
// corrections and judgements as a serving node applies them without a full pass: each held-out
// record (now in the index) corrected to another date of birth, and a reviewer's verdict on
// each of the queue's first pairs
const correctionTimes: number[] = [];
for (const r of heldOut) {
  const corrected: ResolvableRecord = { ...r, properties: { ...r.properties, birthDate: ['1961-07-14'] } };
  const t = performance.now();
  updateLocally(index, corrected, { at: '2026-01-02T00:00:00Z' });
  correctionTimes.push(performance.now() - t);
}
correctionTimes.sort((a, b) => a - b);
const judgementTimes: number[] = [];
for (const [n, item] of reviewQueue(index.state, { limit: 200, sizeOf }).entries()) {
  const t = performance.now();
  judgeLocally(index, { a: item.a, b: item.b, verdict: n % 2 === 0 ? 'same' : 'not_same', by: 'bench' as UserId, at: '2026-01-02T00:00:00Z' }, { at: '2026-01-02T00:00:00Z' });
  judgementTimes.push(performance.now() - t);
}
judgementTimes.sort((a, b) => a - b);
// the review queue again, now that judgements answer some of it and corrections re-scored pairs
const reviewAfterTimes = timeReviewReads();
const median = (xs: readonly number[]): number => xs[Math.floor(xs.length / 2)] ?? 0;
const p99 = (xs: readonly number[]): number => xs[Math.floor(xs.length * 0.99)] ?? 0;
clearInterval(sampler);
// the peak of reading, resolving and the incremental adds; checking against truth.jsonl below
// (a map of every record's person) is evaluation, not resolution
const resolveRssMb = Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1048576);

const truth = new Map<string, string>();
for await (const line of lines(join(dir, 'truth.jsonl'))) {
  const t = JSON.parse(line) as { id: string; person: string };
  truth.set(t.id, t.person);
}
const ids = run.state.ids;
const m = pairwiseMetrics(resolvedEntities, ids.map((id) => truth.get(id) ?? `?${id}`));
const r4 = (x: number): number => Math.round(x * 10000) / 10000;
console.log(JSON.stringify({
  records: run.stats.records, pairs: run.stats.blocking.pairs, pairsByRule: run.stats.blocking.pairsByRule, cappedBlocks: run.stats.blocking.cappedBlocks, randomPairs: run.stats.randomPairs, entities: run.stats.entities,
  wallMs: Math.round(wallMs), cpuMs: Math.round((cpu.user + cpu.system) / 1000), mainThreadCpuMs: Math.round((mainCpu.user + mainCpu.system) / 1000), readMs: Math.round(readMs), stageMs: run.stats.ms, peakRssMb: resolveRssMb, peakRssWithEvaluationMb: Math.round(process.resourceUsage().maxRSS / 1024),
  incremental: { records: times.length, medianMs: r4(times[Math.floor(times.length / 2)] ?? 0), p99Ms: r4(times[Math.floor(times.length * 0.99)] ?? 0), outcomes },
  reviewQueueMs: { median: r4(reviewTimes[2] ?? 0), max: r4(reviewTimes[4] ?? 0) },
  reviewQueueAfterJudgementsMs: { median: r4(reviewAfterTimes[2] ?? 0), max: r4(reviewAfterTimes[4] ?? 0) },
  lookupsMs: r4(lookupsMs),
  correctionMs: { records: correctionTimes.length, median: r4(median(correctionTimes)), p99: r4(p99(correctionTimes)) },
  judgementMs: { pairs: judgementTimes.length, median: r4(median(judgementTimes)), p99: r4(p99(judgementTimes)) },
  precision: r4(m.precision), recall: r4(m.recall), f1: r4(m.f1),
}));
