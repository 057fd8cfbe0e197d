/**
 * Checkpoint screening while an agency uploads a large file: a full node (every projection, as
 * `mosaic serve` runs it) on the embedded store of the test world (bench-generated fictional
 * persons of bench/lib/screen-watchlist.ts, listed by the federal police), a checkpoint officer
 * screening one check after another over HTTP, first alone, then while an analyst's web upload
 * of generated JSON Lines (`POST /ingest`) runs. A node that does not give the event loop back
 * during an ingest makes every check wait for it.
 *
 *   npx node bench/screen-during-ingest.ts [--persons 20000] [--lines 60000] [--quiet-s 5]
 *
 * Then, the upload stored, a full resolution pass over every record (what an undone merge
 * starts) while the officer goes on screening; then ten judgements in a row on pairs of the
 * review queue, each timed; then ten records corrected (each given another person's name and
 * date of birth), each timed from the write until the entities reflect it.
 *
 * Prints one JSON object (counts and timings only): screening latency p50/p99/max alone, during
 * the ingest and during the pass, checks answered during each, the ingest's time and records/s,
 * the pass's time, the judgements' latency and the corrections'.
 */
import { validateRecord, seededRandom, type EntityRecord } from '@mosaic/model';
import { buildApp } from '@mosaic/server';
import { startProjections } from '@mosaic/service';
import { openTestMosaic, testProvenance, TEST_PASSWORD } from '@mosaic/service/testing';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { generateWatchlist, syllableSurname, watchlistQueries } from './lib/screen-watchlist.ts';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '20000' },
    lines: { type: 'string', default: '60000' },
    'quiet-s': { type: 'string', default: '5' },
  },
});
const PERSONS = Number(args.persons);
const LINES = Number(args.lines);
/** Judgements made in a row at the end. */
const JUDGEMENTS = 10;

const world = await openTestMosaic();
const { mosaic } = world;
const people = generateWatchlist(PERSONS);
let batch: EntityRecord[] = [];
for (const [i, { entry }] of people.entries()) {
  const properties = { name: entry.names.map((n) => n.value), birthDate: [...(entry.birthDates ?? [])], nationality: [...(entry.nationalities ?? [])] };
  const v = validateRecord(mosaic.registry, { id: `p${i}`, schema: 'Person', properties, provenance: testProvenance('fedpol') });
  if (!v.ok) throw new Error(`bench fixture did not validate: ${JSON.stringify(v.errors).slice(0, 300)}`);
  batch.push(v.record);
  if (batch.length >= 5000) {
    await mosaic.store.putRecords(batch, { actor: 'bench' });
    batch = [];
  }
}
if (batch.length > 0) await mosaic.store.putRecords(batch, { actor: 'bench' });
const queries = watchlistQueries(people, 2000).map((q) => JSON.stringify({ name: q.text, ...(q.birthDate ? { birthDate: q.birthDate } : {}), place: 'bench checkpoint' }));

// The upload: fictional persons of the analyst's own agency, ~400 bytes a line as a real export.
const random = seededRandom(5);
const upload = Array.from({ length: LINES }, (_, i) => JSON.stringify({
  id: `up${i}`, schema: 'Person',
  properties: { name: [`${people[i % people.length]?.name.split(' ')[0] ?? 'Jan'} ${syllableSurname(random)}`], birthDate: [`19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`], nationality: ['be'], passportNumber: [`U${String(i).padStart(8, '0')}`] },
  provenance: testProvenance('fedpol', { source: 'bench upload' }),
})).join('\n');

const projections = await startProjections(mosaic);
const app = await buildApp({ mosaic, projections, webRoot: null });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1`;
const tokenOf = async (name: string): Promise<string> => {
  const response = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: TEST_PASSWORD }) });
  return ((await response.json()) as { token: string }).token;
};
const checkpoint = { authorization: `Bearer ${await tokenOf('zoneCheckpoint')}`, 'content-type': 'application/json' };
const analyst = { authorization: `Bearer ${await tokenOf('fedAnalyst')}`, 'content-type': 'application/json' };

let q = 0;
/** Checks one after another until `until()` says stop; the latency of each, ms. */
async function screenWhile(until: () => boolean): Promise<number[]> {
  const ms: number[] = [];
  while (!until()) {
    const started = performance.now();
    const response = await fetch(`${base}/screen`, { method: 'POST', headers: checkpoint, body: queries[q++ % queries.length] ?? '{}' });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`screen answered ${response.status}`);
    ms.push(performance.now() - started);
  }
  return ms;
}
const figures = (ms: number[]): { checks: number; p50: number; p99: number; max: number } => {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;
  return { checks: ms.length, p50: at(0.5), p99: at(0.99), max: at(1) };
};

// The analyst's browser is another machine: the upload is sent from another thread, so that
// encoding and streaming its 26 MB body does not hold the server's thread, as it would here.
const uploader = new Worker(`
  const { parentPort, workerData } = require('node:worker_threads');
  parentPort.once('message', async () => {
    const response = await fetch(workerData.url, { method: 'POST', headers: workerData.headers, body: workerData.body });
    parentPort.postMessage({ status: response.status, text: await response.text() });
  });`, { eval: true, workerData: { url: `${base}/ingest`, headers: analyst, body: JSON.stringify({ format: 'jsonl', content: upload, filename: 'bench.jsonl', purpose: 'bench', caseRef: 'BENCH' }) } });

const quietUntil = performance.now() + Number(args['quiet-s']) * 1000;
const quiet = await screenWhile(() => performance.now() > quietUntil);

const ingestStarted = performance.now();
uploader.postMessage('go');
const started = await new Promise<{ status: number; text: string }>((resolve, reject) => {
  uploader.once('message', resolve);
  uploader.once('error', reject);
});
await uploader.terminate();
if (started.status !== 202) throw new Error(`ingest answered ${started.status}`);
const { job } = JSON.parse(started.text) as { job: { id: string } };
let state = 'running';
let accepted = 0;
const polling = (async () => {
  while (state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const polled = (await (await fetch(`${base}/ingest/${job.id}`, { headers: analyst })).json()) as { job: { state: string; accepted: number } };
    ({ state, accepted } = polled.job);
  }
})();
const during = await screenWhile(() => state !== 'running');
await polling;
const ingestMs = performance.now() - ingestStarted;

// Then a full resolution pass over every record (as an undone merge or an updated record starts
// one), which on a full node runs in a worker thread from 5,000 records on.
const passStarted = performance.now();
let passed = false;
const pass = projections.entities.rebuild().then(() => { passed = true; });
const duringPass = await screenWhile(() => passed);
await pass;
const passMs = performance.now() - passStarted;

// Then a reviewer's judgements, one after another over HTTP on pairs of the review queue: each
// is applied to its two entities at once (a full pass only past 400 records). First the node
// catches up with the upload (its change feed lags the ingest, and a full pass the arrivals
// start holds a judgement until it ends).
await projections.follower.catchUp();
await projections.entities.settle();
const reviewer = { ...analyst, 'x-mosaic-purpose': 'bench review', 'x-mosaic-case': 'BENCH' };
const queue = (await (await fetch(`${base}/review?limit=${JUDGEMENTS}`, { headers: reviewer })).json()) as { pairs: { a: { id: string }; b: { id: string } }[] };
const judgementMs: number[] = [];
for (const [i, pair] of queue.pairs.entries()) {
  const started = performance.now();
  const response = await fetch(`${base}/judgements`, { method: 'POST', headers: analyst, body: JSON.stringify({ a: pair.a.id, b: pair.b.id, verdict: i % 2 === 0 ? 'not_same' : 'same', purpose: 'bench review', caseRef: 'BENCH' }) });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`a judgement answered ${response.status}`);
  judgementMs.push(performance.now() - started);
}

// Then records corrected, one after another: each written to the store, then timed until the
// change feed has brought it and the entities reflect it (a full pass, if one is started).
const correctionMs: number[] = [];
const stored = (await world.mosaic.store.scanRecords({ limit: 2 * JUDGEMENTS + 200 })).filter((s) => s.record.schema === 'Person');
for (let i = 0; i < JUDGEMENTS; i++) {
  const [target, source] = [stored[i]!.record, stored[stored.length - 1 - i]!.record];
  const { provenance } = target;
  const corrected = validateRecord(world.mosaic.registry, { id: provenance.sourceRecordId, schema: 'Person', properties: { name: source.properties['name'] ?? [], birthDate: source.properties['birthDate'] ?? [] }, provenance });
  if (!corrected.ok) throw new Error(`correction ${i}: ${JSON.stringify(corrected.errors)}`);
  const started = performance.now();
  await world.mosaic.store.putRecords([corrected.record], { actor: 'bench' });
  await projections.follower.catchUp();
  await projections.entities.settle();
  correctionMs.push(performance.now() - started);
}

console.log(JSON.stringify({
  bench: 'screen-during-ingest', persons: PERSONS, lines: LINES, uploadMb: Math.round(Buffer.byteLength(upload) / 1e5) / 10,
  ingest: { state, accepted, ms: Math.round(ingestMs), recordsPerSecond: Math.round(accepted / (ingestMs / 1000)) },
  screenQuietMs: figures(quiet), screenDuringIngestMs: figures(during), fullPass: { ms: Math.round(passMs) }, screenDuringFullPassMs: figures(duringPass),
  judgementMs: { count: judgementMs.length, p50: figures(judgementMs).p50, max: figures(judgementMs).max },
  correctionMs: { count: correctionMs.length, p50: figures(correctionMs).p50, max: figures(correctionMs).max }, loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
}));
projections.stop();
await app.close();
await world.cleanup();
