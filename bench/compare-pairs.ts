/**
 * Speed of comparing real candidate pairs (node bench/compare-pairs.ts [DIR] [--records N]):
 * the first N Person records (default 300,000) of a demo generated with `mosaic demo generate`
 * (the scale bench's, /tmp/mosaic-resolve-scale by default), prepared and blocked as `mosaic
 * resolve` does, then every candidate pair compared on one thread (comparePairRange) five
 * times. Prints the time of each round, the best in ns per pair, and a hash of the comparisons
 * (equal hashes: equal comparisons, so a change to the matcher's speed can be checked to change
 * nothing else). Counts and timings only.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MATCHING_PROPERTIES } from '@mosaic/matching';
import { allocatePairComparisons, blockRecords, comparePairRange, parseRecordLine, prepareRecords, type ResolvableRecord } from '@mosaic/resolution';

const args = process.argv.slice(2);
const at = args.indexOf('--records');
const limit = at >= 0 ? Number(args[at + 1]) : 300_000;
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--records') ?? '/tmp/mosaic-resolve-scale';

const records: ResolvableRecord[] = [];
for await (const line of createInterface({ input: createReadStream(join(dir, 'records.jsonl'), { encoding: 'utf8' }), crlfDelay: Infinity })) {
  if (!line.includes('"Person"')) continue;
  const parsed = parseRecordLine(line, { keep: MATCHING_PROPERTIES });
  if (!parsed.ok || parsed.record.schema !== 'Person') continue;
  records.push(parsed.record);
  if (records.length >= limit) break;
}
const batch = prepareRecords(records);
const { pairs } = blockRecords(batch.prepared, batch.groups);
const out = allocatePairComparisons(pairs.count);
const rounds: number[] = [];
for (let round = 0; round < 5; round++) {
  const started = performance.now();
  comparePairRange(batch.prepared, pairs, out, 0, pairs.count);
  rounds.push(Math.round(performance.now() - started));
}
let hash = 0;
for (let k = 0; k < pairs.count; k++) hash = (Math.imul(hash, 31) + (out.levels[k] as number) + Math.round((out.tf[k] as number) * 1000)) | 0;
const best = Math.min(...rounds);
console.log(JSON.stringify({ records: records.length, pairs: pairs.count, roundsMs: rounds, bestMs: best, nsPerPair: Math.round((best * 1e6) / pairs.count), hash }));
