/**
 * Screening quality on the OFAC SDN individuals (node bench/screen-ofac.ts [dataDir]).
 *
 * Watchlist: every SDN individual, one entry with its primary name and aka aliases, dates of
 * birth and nationalities from Remarks. Positives, each expected to find its OWN entry:
 * - "as given": each alias as written, against the entry with that alias taken out (the entry
 *   is updated in place without it, queried, then restored), so the query never meets itself;
 *   entries whose only name is the primary have no such query;
 * - typos: one seeded variant per kind (insertion, deletion, transposition, substitution,
 *   dropped token, swapped order) of each entry's primary name and of one alias, against the
 *   full index.
 * - held-out dates of birth: an entry's primary name with one of its alternative dates of birth
 *   (one person as different sources recorded it), against the entry with that date taken out,
 *   as aliases are: how far a differing date of birth may lower the person's own entry.
 * Namesakes: each entry's primary name with a fictional person's date of birth, as a namesake
 * would be checked; how many of the entries then come up as possible matches or hits.
 * Negatives: fictional people from bench/screen-name-pool.ts (a pool of many origins written
 * independently of the list). False-hit rate: negatives with any result in the hit band, also
 * counted by the name level of that result (an `exact` one is a fictional name that is listed).
 * Entries and negatives are split in dev/test halves (by ent_num for entries); thresholds are
 * chosen on dev: the lowest hit threshold with at most 1 false hit per 1,000 dev negatives.
 * Prints figures only, never names.
 */
import { compareNames, normalizeName } from '@mosaic/matching';
import { createScreeningIndex, DEFAULT_THRESHOLDS, screen, type ScreeningHit, type WatchlistEntry } from '@mosaic/screening';
import { EntityId, seededRandom } from '@mosaic/model';
import { defaultDataDir, readIndividuals, splitOf, type OfacPerson } from './lib/ofac.ts';
import { fictionalPerson, pick, TYPO_KINDS, typo } from './screen-name-pool.ts';

const dataDir = process.argv[2] ?? defaultDataDir();
const NEGATIVES = Number(process.env['SCREEN_NEGATIVES'] ?? 20_000);
/** Query every k-th entry only (for a quick look on a busy machine); 1: all. */
const SAMPLE = Number(process.env['SCREEN_SAMPLE'] ?? 1);

function entryOf(p: OfacPerson, without?: string): WatchlistEntry {
  return {
    id: EntityId(`ofac-${p.entNum}`),
    schema: 'Person',
    names: [{ value: p.name, kind: 'name' }, ...p.aliases.filter((a) => a !== without).map((value) => ({ value, kind: 'alias' as const }))],
    birthDates: p.birthDates,
    nationalities: p.nationalities,
    ...(p.gender ? { genders: [p.gender] } : {}),
  };
}

const people = readIndividuals(dataDir);
const t = performance.now();
const index = createScreeningIndex(people.map((p) => entryOf(p)), { frequencies: 'index' });
const buildMs = performance.now() - t;

interface Outcome { readonly split: 'dev' | 'test'; readonly set: string; readonly evidence?: boolean; readonly rank: number; readonly ownScore: number; readonly topScore: number; readonly dateLevel?: string }
const outcomes: Outcome[] = [];
const latencies: number[] = [];
const OPTIONS = { limit: 10, minScore: 0, candidates: 40 } as const;

function run(query: string, ownId: string, birthDate?: string): { rank: number; ownScore: number; topScore: number; dateLevel?: string } {
  const t0 = performance.now();
  const r = screen(index, { name: query, ...(birthDate !== undefined ? { birthDate } : {}) }, OPTIONS);
  latencies.push(performance.now() - t0);
  if (!r.ok) return { rank: -2, ownScore: 0, topScore: 0 };
  const hits = r.hits as ScreeningHit[];
  const rank = hits.findIndex((h) => h.id === ownId);
  const level = rank >= 0 ? (hits[rank] as ScreeningHit).explain.birthDate?.level : undefined;
  return { rank, ownScore: rank >= 0 ? (hits[rank] as ScreeningHit).score : 0, topScore: hits[0]?.score ?? 0, ...(level !== undefined ? { dateLevel: level } : {}) };
}

let rejected = 0;
const random = seededRandom(20240601);
let done = 0;
for (const [n, p] of people.entries()) {
  if (n % SAMPLE !== 0) continue;
  if (++done % 500 === 0) process.stderr.write(`${done} entries, ${outcomes.length} positive queries\n`);
  const split = splitOf(p.entNum);
  const id = `ofac-${p.entNum}`;
  for (const alias of p.aliases) {
    index.upsert(entryOf(p, alias));
    const r = run(alias, id);
    // does any remaining name of the entry share at least one name part with the alias?
    const evidence = [p.name, ...p.aliases.filter((a) => a !== alias)].some((n) => compareNames(alias, n).aligned > 0);
    if (r.rank === -2) rejected++;
    else outcomes.push({ split, set: 'asGiven', evidence, ...r });
  }
  if (p.aliases.length > 0) index.upsert(entryOf(p));
  for (const birthDate of new Set(p.birthDates)) {
    const others = p.birthDates.filter((d) => d !== birthDate);
    if (others.length === 0) continue;
    index.upsert({ ...entryOf(p), birthDates: others });
    const r = run(p.name, id, birthDate);
    if (r.rank === -2) rejected++;
    else outcomes.push({ split, set: 'heldOutBirthDate', ...r });
  }
  if (new Set(p.birthDates).size > 1) index.upsert(entryOf(p));
  const sources = [p.name, ...(p.aliases.length > 0 ? [pick(random, p.aliases)] : [])];
  for (const source of sources) {
    for (const kind of TYPO_KINDS) {
      const q = typo(source, kind, random);
      if (q === undefined) continue;
      const r = run(q, id);
      if (r.rank === -2) rejected++;
      else outcomes.push({ split, set: kind, ...r });
    }
  }
}

// A fictional person whose name, parts in any order, is a listed name is that name's namesake:
// counted with the negatives, and also left out in a second figure (no name-only screen can
// tell them from the listed person, and a checkpoint must show that hit).
const listedKeys = new Set(people.flatMap((p) => [p.name, ...p.aliases].map((n) => normalizeName(n).key)));
const negRandom = seededRandom(7);
const negatives: { split: 'dev' | 'test'; top: number; level: string; listedName: boolean }[] = [];
for (let i = 0; i < NEGATIVES; i++) {
  const person = fictionalPerson(negRandom);
  const t0 = performance.now();
  const r = screen(index, { name: person.name }, OPTIONS);
  latencies.push(performance.now() - t0);
  const hit = r.ok ? (r.hits[0] as ScreeningHit | undefined) : undefined;
  negatives.push({ split: i % 2 === 0 ? 'dev' : 'test', top: hit?.score ?? 0, level: hit?.explain.name?.level ?? 'none', listedName: listedKeys.has(normalizeName(person.name).key) });
}
// The same negatives with their date of birth, as a checkpoint query usually carries one.
const negativesDob: { split: 'dev' | 'test'; top: number }[] = [];
const negRandom2 = seededRandom(7);
for (let i = 0; i < NEGATIVES; i++) {
  const person = fictionalPerson(negRandom2);
  const r = screen(index, { name: person.name, birthDate: person.birthDate }, OPTIONS);
  negativesDob.push({ split: i % 2 === 0 ? 'dev' : 'test', top: r.ok ? ((r.hits[0] as ScreeningHit | undefined)?.score ?? 0) : 0 });
}

// Each listed person's name checked with a fictional person's date of birth, as a namesake is.
const namesakeRandom = seededRandom(11);
const namesakes: { split: 'dev' | 'test'; ownScore: number }[] = [];
for (const p of people) {
  if (p.birthDates.length === 0) continue;
  const birthDate = fictionalPerson(namesakeRandom).birthDate;
  const r = screen(index, { name: p.name, birthDate }, OPTIONS);
  const own = r.ok ? (r.hits as ScreeningHit[]).find((h) => h.id === `ofac-${p.entNum}`) : undefined;
  namesakes.push({ split: splitOf(p.entNum), ownScore: own?.score ?? 0 });
}

function threshold(neg: readonly { top: number }[], rate: number): number {
  const sorted = neg.map((n) => n.top).sort((a, b) => b - a);
  const allowed = Math.floor(neg.length * rate);
  // the lowest threshold above the (allowed+1)-th highest negative score
  // scores carry three decimals: one step above the bound keeps every negative at the bound out
  const bound = sorted[allowed] ?? 0;
  return Math.round(bound * 1000 + 1) / 1000;
}

const hitThreshold = threshold(negatives.filter((n) => n.split === 'dev'), 0.001);
const round = (x: number): number => Math.round(x * 10000) / 10000;

function quant(neg: readonly { top: number }[], p: number): number {
  const sorted = neg.map((n) => n.top).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function figures(split: 'dev' | 'test'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const set of ['asGiven', 'asGivenSharingANamePart', ...TYPO_KINDS, 'allTypos', 'heldOutBirthDate']) {
    const os = outcomes.filter((o) => o.split === split && (set === 'allTypos' ? (TYPO_KINDS as readonly string[]).includes(o.set) : set === 'asGivenSharingANamePart' ? o.set === 'asGiven' && o.evidence === true : o.set === set));
    if (os.length === 0) continue;
    out[set] = {
      queries: os.length,
      recallAt1: round(os.filter((o) => o.rank === 0).length / os.length),
      recallAt10: round(os.filter((o) => o.rank >= 0).length / os.length),
      hitRateAtThreshold: round(os.filter((o) => o.rank >= 0 && o.ownScore >= hitThreshold).length / os.length),
      // a checkpoint miss: the person's own entry below the possible-match band
      ...(set === 'heldOutBirthDate' ? {
        missedAtPossible: os.filter((o) => o.ownScore < DEFAULT_THRESHOLDS.possible).length,
        dateLevels: countBy(os.map((o) => o.dateLevel ?? 'none')),
      } : {}),
    };
  }
  const neg = negatives.filter((n) => n.split === split);
  const negDob = negativesDob.filter((n) => n.split === split);
  out['negatives'] = {
    queries: neg.length,
    falseHitsPer1000: round((1000 * neg.filter((n) => n.top >= hitThreshold).length) / neg.length),
    // an exact false hit is a fictional name equal to a listed one: no name-only screen avoids it
    falseHitsByNameLevel: countBy(neg.filter((n) => n.top >= hitThreshold).map((n) => n.level)),
    namesakesOfListedNames: neg.filter((n) => n.listedName).length,
    falseHitsPer1000WithoutNamesakes: round((1000 * neg.filter((n) => !n.listedName && n.top >= hitThreshold).length) / Math.max(1, neg.filter((n) => !n.listedName).length)),
    topScoreQuantiles: { p50: quant(neg, 0.5), p99: quant(neg, 0.99), p999: quant(neg, 0.999), max: quant(neg, 1) },
    falseHitsPer1000WithBirthDate: round((1000 * negDob.filter((n) => n.top >= hitThreshold).length) / negDob.length),
    possibleOrHitPer1000WithBirthDate: round((1000 * negDob.filter((n) => n.top >= DEFAULT_THRESHOLDS.possible).length) / negDob.length),
  };
  const ns = namesakes.filter((n) => n.split === split);
  out['namesakesWithOtherBirthDates'] = {
    queries: ns.length,
    possibleOrHit: ns.filter((n) => n.ownScore >= DEFAULT_THRESHOLDS.possible).length,
    hit: ns.filter((n) => n.ownScore >= hitThreshold).length,
  };
  return out;
}

latencies.sort((a, b) => a - b);
const q = (p: number): number => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 1000) / 1000;
console.log(JSON.stringify({
  benchmark: 'screen-ofac',
  watchlist: { ...index.stats(), entries: people.length, buildMs: Math.round(buildMs) },
  sampledEveryKthEntry: SAMPLE,
  asGivenMethod: 'alias held out: entry updated without the queried alias, then restored',
  rejectedQueries: rejected,
  hitThresholdChosenOnDev: hitThreshold,
  dev: figures('dev'),
  test: figures('test'),
  queryMs: { p50: q(0.5), p99: q(0.99), queries: latencies.length },
}, null, 1));
