/**
 * Speed of Jaro-Winkler on name tokens (node bench/jaro-winkler.ts [DIR]): the distinct name
 * words of the first 20 MB of a demo generated with `mosaic demo generate` (the scale bench's,
 * /tmp/mosaic-resolve-scale by default; fictional names), 200,000 random pairs of them (seeded),
 * each pair compared 25 times a round. Prints ns a call for each of six rounds and the sum of
 * the similarities (equal sums: equal values). Counts and timings only.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { jaroWinkler } from '@mosaic/matching';
import { seededRandom } from '@mosaic/model';

const dir = process.argv[2] ?? '/tmp/mosaic-resolve-scale';
const head = Buffer.alloc(20 << 20);
const fd = openSync(join(dir, 'records.jsonl'), 'r');
const length = readSync(fd, head, 0, head.length, 0);
closeSync(fd);
const text = head.subarray(0, length).toString('utf8');
const words = [...new Set((text.match(/"name":\["([^"]+)"/g) ?? []).flatMap((m) => m.slice(9, -1).toLowerCase().split(/[^a-z]+/)).filter((w) => w.length >= 2))];
const random = seededRandom(7);
const left: string[] = [];
const right: string[] = [];
for (let k = 0; k < 200_000; k++) {
  left.push(words[Math.floor(random() * words.length)] as string);
  right.push(words[Math.floor(random() * words.length)] as string);
}
const REPEATS = 25;
const rounds: number[] = [];
let sum = 0;
for (let round = 0; round < 6; round++) {
  sum = 0;
  const started = performance.now();
  for (let rep = 0; rep < REPEATS; rep++) for (let k = 0; k < left.length; k++) sum += jaroWinkler(left[k] as string, right[k] as string);
  rounds.push(Math.round(((performance.now() - started) * 1e6) / (REPEATS * left.length)));
}
const meanLength = left.reduce((s, w, k) => s + w.length + (right[k] as string).length, 0) / (2 * left.length);
console.log(JSON.stringify({ words: words.length, pairs: left.length, meanLength: Number(meanLength.toFixed(2)), nsPerCall: rounds, sum: Number((sum / REPEATS).toFixed(3)) }));
