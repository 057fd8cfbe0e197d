/**
 * Speed of the pair comparison hot path (node bench/matching-speed.ts [pairs]).
 *
 * Generates fictional person records (names built from syllables, so no real person is named;
 * half the pairs are spelling variants of one record, half two unrelated records) with a name and
 * a date of birth, prepares every record once, then times `comparePrepared` (with its
 * explanation) and `pairWeight` (weight only) over all pairs. Prints the median and best of
 * several rounds in microseconds per pair; the machine is shared, so the best round is the
 * figure to compare. Counts and timings only.
 */
import { comparePrepared, defaultModel, pairWeight, prepare, type PreparedRecord } from '@mosaic/matching';
import { seededRandom } from '@mosaic/model';


const ONSETS = ['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'r', 's', 't', 'v', 'z', 'sh', 'kh', 'dj', 'q'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ou', 'ai'];

function word(next: () => number): string {
  const syllables = 2 + Math.floor(next() * 2);
  let w = '';
  for (let s = 0; s < syllables; s++) w += (ONSETS[Math.floor(next() * ONSETS.length)] ?? 'b') + (VOWELS[Math.floor(next() * VOWELS.length)] ?? 'a');
  return w;
}

/** A spelling variant: one letter doubled or one vowel changed, as clerks do. */
function variant(w: string, next: () => number): string {
  const i = Math.floor(next() * w.length);
  return next() < 0.5 ? w.slice(0, i) + (w[i] ?? '') + w.slice(i) : w.slice(0, i) + (VOWELS[Math.floor(next() * 5)] ?? 'a') + w.slice(i + 1);
}

function date(next: () => number): string {
  const year = 1950 + Math.floor(next() * 50);
  const month = 1 + Math.floor(next() * 12);
  const day = 1 + Math.floor(next() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function main(): void {
  const count = Number(process.argv[2] ?? 100_000);
  const next = seededRandom(42);
  const pairs: [PreparedRecord, PreparedRecord][] = [];
  for (let i = 0; i < count; i++) {
    const tokens = Array.from({ length: 2 + Math.floor(next() * 3) }, () => word(next));
    const dob = date(next);
    const a = prepare({ schema: 'Person', properties: { name: [`${(tokens.at(-1) ?? '').toUpperCase()}, ${tokens.slice(0, -1).join(' ')}`], birthDate: [dob] } });
    const other = next() < 0.5
      ? { name: [tokens.map((t) => (next() < 0.4 ? variant(t, next) : t)).join(' ')], birthDate: [next() < 0.8 ? dob : date(next)] }
      : { name: [Array.from({ length: 2 + Math.floor(next() * 3) }, () => word(next)).join(' ')], birthDate: [date(next)] };
    pairs.push([a, prepare({ schema: 'Person', properties: other })]);
  }
  const model = defaultModel();
  let sink = 0;
  const time = (label: string, run: (a: PreparedRecord, b: PreparedRecord) => number): void => {
    const rounds: number[] = [];
    for (let round = 0; round < 7; round++) {
      const started = process.hrtime.bigint();
      for (const [a, b] of pairs) sink += run(a, b);
      rounds.push(Number(process.hrtime.bigint() - started) / 1000 / pairs.length);
    }
    rounds.sort((x, y) => x - y);
    console.log(JSON.stringify({ function: label, pairs: pairs.length, medianMicrosPerPair: +(rounds[3] ?? 0).toFixed(3), bestMicrosPerPair: +(rounds[0] ?? 0).toFixed(3) }));
  };
  // each function twice, alternating, so that warm-up and a busy neighbour hit both alike
  for (let pass = 0; pass < 2; pass++) {
    time('pairWeight', (a, b) => pairWeight(model, a, b));
    time('comparePrepared', (a, b) => comparePrepared(model, a, b).weight);
  }
  if (Number.isNaN(sink)) console.log('unreachable');
}

if (import.meta.main) main();
