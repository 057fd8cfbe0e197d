/**
 * Where demo-data resolution goes wrong (node bench/resolve-demo-errors.ts [--persons N] [--seed S]):
 * every pairwise error against truth.jsonl classified by cause. A missed pair (same person, two
 * entities) is a blocking miss (never a candidate), a scoring miss (candidate below the link
 * threshold; tallied by name and date-of-birth level) or a clustering miss (a strong edge the
 * average linkage or a judgement refused, or a pair whose records sit in clusters joined by no
 * strong edge). A false pair (two people, one entity) is a scoring error (a direct candidate at
 * or above the link threshold) or chaining (joined only through other records). Counts only:
 * no name or other value is printed. --all-features tallies every feature's level. Tune on seed 1 (dev), never on seed 2.
 */
import { DATE_LEVELS, FEATURES, NAME_LEVELS, type PreparedRecord } from '@mosaic/matching';
import { compareCandidatePairs, comparePair, resolveRecords, unpackLevels } from '@mosaic/resolution';
import { demoPersons } from './lib/demo-persons.ts';

const option = (name: string, fallback: number): number => { const at = process.argv.indexOf(`--${name}`); return at >= 0 ? Number(process.argv[at + 1]) : fallback; };
const persons = option('persons', 5000);
const seed = option('seed', 1);

const { records, truth } = demoPersons(persons, seed);
const run = resolveRecords(records, { at: '2026-01-01T00:00:00Z' });
const comparisons = compareCandidatePairs(run.state.prepared, run.state.pairs);
const { state } = run;
const n = state.ids.length;
const person = state.ids.map((id) => truth.get(id) ?? `?${id}`);
const candidate = new Map<number, number>();
for (let k = 0; k < state.pairs.count; k++) candidate.set((state.pairs.left[k] as number) * n + (state.pairs.right[k] as number), k);
const link = state.thresholds.link;

const tally = (m: Map<string, number>, key: string): void => { m.set(key, (m.get(key) ?? 0) + 1); };
const missed = new Map<string, number>();
const missedLevels = new Map<string, number>();
const blockingLevels = new Map<string, number>();
const falsePairs = new Map<string, number>();
const falseLevels = new Map<string, number>();
const byPerson = new Map<string, number[]>();
person.forEach((p, i) => (byPerson.get(p) ?? byPerson.set(p, []).get(p)!).push(i));
const detail = process.argv.includes('--all-features');
const levelsOf = (packed: number): string => {
  const l = unpackLevels(packed);
  return detail ? FEATURES.map((f, x) => f.levels[l[x] as number]).join('/') : `${NAME_LEVELS[l[0] as number]}/${DATE_LEVELS[l[1] as number]}`;
};
for (const members of byPerson.values()) {
  for (let x = 0; x < members.length; x++) {
    for (let y = x + 1; y < members.length; y++) {
      const i = Math.min(members[x] as number, members[y] as number);
      const j = Math.max(members[x] as number, members[y] as number);
      if (state.entities[i] === state.entities[j]) continue;
      const k = candidate.get(i * n + j);
      if (k === undefined) {
        tally(missed, 'blocking');
        tally(blockingLevels, levelsOf(directLevels(i, j)));
      } else if ((state.probabilities[k] as number) < link) {
        tally(missed, 'scoring');
        tally(missedLevels, levelsOf(directLevels(i, j)));
      } else tally(missed, 'clustering');
    }
  }
}
const byEntity = new Map<string, number[]>();
state.entities.forEach((e, i) => (byEntity.get(e) ?? byEntity.set(e, []).get(e)!).push(i));
for (const members of byEntity.values()) {
  for (let x = 0; x < members.length; x++) {
    for (let y = x + 1; y < members.length; y++) {
      const i = Math.min(members[x] as number, members[y] as number);
      const j = Math.max(members[x] as number, members[y] as number);
      if (person[i] === person[j]) continue;
      const k = candidate.get(i * n + j);
      if (k !== undefined && (state.probabilities[k] as number) >= link) { tally(falsePairs, 'scoring'); tally(falseLevels, levelsOf(directLevels(i, j))); }
      else tally(falsePairs, 'chaining');
    }
  }
}

/** Packed comparison levels of a pair: the run's own for a candidate, compared now otherwise. */
function directLevels(i: number, j: number): number {
  const k = candidate.get(i * n + j);
  return k !== undefined ? (comparisons.levels[k] as number) : comparePair(state.prepared[i] as PreparedRecord, state.prepared[j] as PreparedRecord).packed;
}

const top = (m: Map<string, number>, k = 12): Record<string, number> => Object.fromEntries([...m].sort((a, b) => b[1] - a[1]).slice(0, k));
console.log(JSON.stringify({
  data: `demo seed ${seed}, ${persons} persons`, records: n, pairs: state.pairs.count,
  missedPairs: top(missed), missedScoringByNameDate: top(missedLevels), missedBlockingByNameDate: top(blockingLevels),
  falsePairs: top(falsePairs), falseScoringByNameDate: top(falseLevels),
}, null, 1));
