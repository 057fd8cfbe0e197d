/**
 * Person-name pair evaluation on OFAC individuals (node bench/eval-name-pairs.ts [dataDir]).
 *
 * Positives: an entry's primary name vs each of its aka aliases. Hard negatives: two different
 * entries whose primary names share the surname, or share the first given name, or have the
 * same number of name tokens and differ in exactly one (pairs whose names are identical after
 * normalisation are left out: no name matcher can separate them). Entries are split by ent_num
 * (bench/lib/ofac.ts splitOf) into dev and test halves; pairs never cross halves. Tune on dev only.
 *
 * Each split is scored twice: without term frequencies, and with the term-frequency adjustment
 * (Winkler 1989; Splink) from a table built from the names of that split only (every primary
 * name and aka of its entries, each name counted once: the data at hand, dev from dev and test
 * from test; nothing shipped, nothing crossing halves). The default model's threshold is chosen
 * on dev with term frequencies (scripts/train-default-model.ts).
 *
 * `--levels` adds the counts per name level (error analysis), the recall bound, and the cell
 * oracle bound (cellOracleBound): the best F1 a rule reading those name features could reach.
 * Prints counts and figures only, never names.
 */
import { buildNameFrequencies, comparePrepared, comparePreparedNames, defaultModel, NAME_LEVELS, normalizeName, prepare, type NameFrequencies, type NormalizedName, type PreparedRecord } from '@mosaic/matching';
import { ALIGN_THRESHOLD, tokenSimilarity } from '../packages/matching/src/compare-names.ts';
import { defaultDataDir, readIndividuals, splitOf, type OfacPerson } from './lib/ofac.ts';

export interface NamePair { readonly a: string; readonly b: string; readonly same: boolean }

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}

function pick<T>(items: readonly T[], seed: string, skip: (t: T) => boolean): T | undefined {
  const candidates = items.filter((t) => !skip(t));
  return candidates.length === 0 ? undefined : candidates[hash(seed) % candidates.length];
}

export function buildNamePairs(people: readonly OfacPerson[]): NamePair[] {
  const pairs: NamePair[] = [];
  for (const p of people) for (const alias of p.aliases) pairs.push({ a: p.name, b: alias, same: true });
  const bySurname = new Map<string, OfacPerson[]>();
  const byGiven = new Map<string, OfacPerson[]>();
  const byAllButOne = new Map<string, OfacPerson[]>();
  const keyOf = new Map<string, string>();
  const add = (index: Map<string, OfacPerson[]>, key: string, p: OfacPerson): void => {
    const list = index.get(key) ?? [];
    list.push(p);
    index.set(key, list);
  };
  for (const p of people) {
    const n = normalizeName(p.name);
    keyOf.set(p.entNum, n.key);
    const surname = n.tokens.filter((t) => t.kind === 'surname').map((t) => t.text).join(' ');
    const given = n.tokens.find((t) => t.kind === 'given')?.text;
    if (surname) add(bySurname, surname, p);
    if (given) add(byGiven, given, p);
    const core = n.core.map((t) => t.text).sort();
    if (core.length >= 2) core.forEach((_, i) => add(byAllButOne, core.filter((__, j) => j !== i).join(' ') + `#${core.length}`, p));
  }
  const seen = new Set<string>();
  for (const p of people) {
    const n = normalizeName(p.name);
    const surname = n.tokens.filter((t) => t.kind === 'surname').map((t) => t.text).join(' ');
    const given = n.tokens.find((t) => t.kind === 'given')?.text;
    const core = n.core.map((t) => t.text).sort();
    const groups: OfacPerson[][] = [bySurname.get(surname) ?? [], byGiven.get(given ?? '') ?? []];
    groups.push(core.length >= 2 ? core.flatMap((_, i) => byAllButOne.get(core.filter((__, j) => j !== i).join(' ') + `#${core.length}`) ?? []) : []);
    groups.forEach((group, g) => {
      const other = pick(group, `${p.entNum}/${g}`, (q) => q.entNum === p.entNum || keyOf.get(q.entNum) === n.key);
      if (!other) return;
      const id = [p.entNum, other.entNum].sort().join('-');
      if (seen.has(id)) return;
      seen.add(id);
      pairs.push({ a: p.name, b: other.name, same: false });
    });
  }
  return pairs;
}

export interface Figures { readonly pairs: number; readonly positives: number; readonly precision: number; readonly recall: number; readonly f1: number; readonly microsPerPair: number }

export function evaluate(pairs: readonly NamePair[], prepared: (name: string) => PreparedRecord): Figures {
  const model = defaultModel();
  const ready = pairs.map((p) => [prepared(p.a), prepared(p.b), p.same] as const);
  let tp = 0, fp = 0, fn = 0;
  for (const [a, b, same] of ready) {
    const match = comparePrepared(model, a, b).match;
    if (match && same) tp++;
    else if (match) fp++;
    else if (same) fn++;
  }
  // timing: best of 10 warm rounds of comparePrepared over all pairs
  let micros = Infinity;
  for (let round = 0; round < 10; round++) {
    const started = process.hrtime.bigint();
    for (const [a, b] of ready) comparePrepared(model, a, b);
    micros = Math.min(micros, Number(process.hrtime.bigint() - started) / 1000 / Math.max(1, ready.length));
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  return { pairs: pairs.length, positives: pairs.filter((p) => p.same).length, precision, recall, f1: (2 * precision * recall) / Math.max(1e-9, precision + recall), microsPerPair: micros };
}

/**
 * Error analysis by category: per name level, positives and negatives and how many of each the
 * model matches. Positives at level `none` share no token even phonetically (the alias is another
 * identity): no name rule can match them, so 1 - their share bounds recall.
 */
export function levelCounts(pairs: readonly NamePair[], prepared: (name: string) => PreparedRecord): { readonly levels: Record<string, readonly [number, number, number, number]>; readonly recallBound: number } {
  const model = defaultModel();
  const levels: Record<string, [number, number, number, number]> = Object.fromEntries(NAME_LEVELS.map((l) => [l, [0, 0, 0, 0]]));
  let unreachable = 0;
  let positives = 0;
  for (const p of pairs) {
    const a = prepared(p.a);
    const b = prepared(p.b);
    const level = comparePreparedNames(a, b).level;
    const row = levels[level] as [number, number, number, number];
    const match = comparePrepared(model, a, b).match;
    row[p.same ? 0 : 2]++;
    if (match) row[p.same ? 1 : 3]++;
    if (p.same) { positives++; if (level === 'none') unreachable++; }
  }
  return { levels, recallBound: 1 - unreachable / Math.max(1, positives) };
}

/** How the first given names of two names agree: aligned, found elsewhere in the other name, different, or not both given. */
function givenAgreement(a: NormalizedName, b: NormalizedName): string {
  const ga = a.core.find((t) => t.kind === 'given');
  const gb = b.core.find((t) => t.kind === 'given');
  if (!ga || !gb) return 'absent';
  if (tokenSimilarity(ga, gb) >= ALIGN_THRESHOLD) return 'same';
  const elsewhere = b.core.some((t) => tokenSimilarity(ga, t) >= ALIGN_THRESHOLD) || a.core.some((t) => tokenSimilarity(gb, t) >= ALIGN_THRESHOLD);
  return elsewhere ? 'moved' : 'different';
}

function surnameAgreement(a: NormalizedName, b: NormalizedName): string {
  const sa = a.core.filter((t) => t.kind === 'surname');
  const sb = b.core.filter((t) => t.kind === 'surname');
  if (sa.length === 0 || sb.length === 0) return 'absent';
  return sa.some((x) => sb.some((y) => tokenSimilarity(x, y) >= ALIGN_THRESHOLD)) ? 'shared' : 'different';
}

/**
 * The best F1 any decision rule could reach if it read only the name level, how the first
 * given names agree and whether a surname is shared, with the labels known: pairs are grouped
 * in cells by these three (names sharing no part are always refused), and the rule that
 * accepts the cells richest in positives first
 * (a threshold on each cell's share of positives, which is F1-optimal over cells) is scanned
 * for its best F1. A ceiling, not a result: it is tuned on the answers by construction.
 */
export function cellOracleBound(pairs: readonly NamePair[], prepared: (name: string) => PreparedRecord): { readonly f1: number; readonly precision: number; readonly recall: number; readonly cells: number } {
  const cells = new Map<string, [number, number]>();
  let positives = 0;
  for (const p of pairs) {
    const a = normalizeName(p.a);
    const b = normalizeName(p.b);
    if (p.same) positives++;
    const level = comparePreparedNames(prepared(p.a), prepared(p.b)).level;
    // Names with no part in common are never accepted: the hard negatives all share a part by
    // construction, so a rule that accepted "nothing shared" would only be reading how the set was built.
    if (level === 'none' || level === 'missing') continue;
    const key = `${level}|${givenAgreement(a, b)}|${surnameAgreement(a, b)}`;
    const cell = cells.get(key) ?? [0, 0];
    cell[p.same ? 0 : 1]++;
    cells.set(key, cell);
  }
  const ranked = [...cells.values()].sort((x, y) => y[0] / (y[0] + y[1]) - x[0] / (x[0] + x[1]) || y[0] - x[0]);
  let tp = 0;
  let fp = 0;
  let best = { f1: 0, precision: 0, recall: 0 };
  for (const [pos, neg] of ranked) {
    tp += pos;
    fp += neg;
    const precision = tp / Math.max(1, tp + fp);
    const recall = tp / Math.max(1, positives);
    const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
    if (f1 > best.f1) best = { f1, precision, recall };
  }
  return { ...best, cells: cells.size };
}

/** The names of a split's entries (primary and akas), the data at hand for its frequency table. */
export function splitNames(people: readonly OfacPerson[]): string[] {
  return people.flatMap((p) => [p.name, ...p.aliases]);
}

/** Name-only records, prepared once per distinct name (with or without a frequency table). */
export function namePreparer(frequencies?: NameFrequencies): (name: string) => PreparedRecord {
  const cache = new Map<string, PreparedRecord>();
  const options = frequencies ? { frequencies } : {};
  return (name) => {
    let r = cache.get(name);
    if (!r) { r = prepare({ schema: 'Person', properties: { name: [name] } }, options); cache.set(name, r); }
    return r;
  };
}

function main(): void {
  const dataDir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? defaultDataDir();
  const people = readIndividuals(dataDir);
  for (const split of ['dev', 'test'] as const) {
    const half = people.filter((p) => splitOf(p.entNum) === split);
    const pairs = buildNamePairs(half);
    const names = splitNames(half);
    const frequencies = buildNameFrequencies(names);
    console.log(JSON.stringify({ split, frequencyTable: `built from the ${split} split's own names only`, names: names.length, tokens: frequencies.total, distinctTokens: frequencies.counts.size }));
    for (const tf of [false, true]) {
      const prepared = namePreparer(tf ? frequencies : undefined);
      const f = evaluate(pairs, prepared);
      if (process.argv.includes('--levels')) {
        const { levels, recallBound } = levelCounts(pairs, prepared);
        console.log(JSON.stringify({ split, tf, recallBound: +recallBound.toFixed(4), columns: 'positives, positives matched, negatives, negatives matched' }));
        for (const [level, row] of Object.entries(levels)) if (row[0] + row[2] > 0) console.log(JSON.stringify({ split, tf, level, counts: row }));
        if (!tf) {
          const bound = cellOracleBound(pairs, prepared);
          console.log(JSON.stringify({ split, cellOracleBound: { f1: +bound.f1.toFixed(4), precision: +bound.precision.toFixed(4), recall: +bound.recall.toFixed(4), cells: bound.cells }, note: 'best F1 of any rule reading only name level, first-given-name and surname agreement, chosen with the labels known' }));
        }
      }
      console.log(JSON.stringify({ split, tf, pairs: f.pairs, positives: f.positives, precision: +f.precision.toFixed(4), recall: +f.recall.toFixed(4), f1: +f.f1.toFixed(4), microsPerPair: +f.microsPerPair.toFixed(2) }));
    }
  }
}

if (import.meta.main) main();
