/**
 * screen(index, query, options): the checkpoint check. Validates the query (a refused query
 * comes back with its reason), finds name candidates and exact document / plate / phone
 * matches, scores every candidate entry the caller may see, and returns the best first with
 * an explanation and the alerts in force, each with its action and instruction.
 *
 * Visibility is decided per entry by the caller (policy lives elsewhere): a hidden entry is
 * dropped before ranking and leaves no trace in the answer; a `pointer` entry shows only its
 * band and the owner to contact ("Agency X holds information on a likely match - contact desk
 * Y", DESIGN.md principle 3).
 */
import {
  compareCountries, compareDates, compareGenders, compareNormalizedNames, jaroWinkler, tokenTfWeight, withJoins,
  type NameFrequencies, type NameLevel, type NormalizedName,
} from '@mosaic/matching';
import type { AgencyId } from '@mosaic/model';
import { ALERT_ACTIONS, activeAlerts, type ActionCode, type Alert, type AlertCategory, type OwnerDesk } from './alert.ts';
import { nameCandidates } from './name-candidates.ts';
import { NAME_KIND_CODES, type IndexedEntry, type ScreeningIndex } from './screening-index.ts';
import { validateQuery, type PreparedQuery, type QueryField } from './screening-query.ts';
import {
  bandOf, clamp01, countryAdjustment, dateAdjustment, DEFAULT_THRESHOLDS, genderAdjustment, nameScore,
  type Band, type FactAdjustment, type ScreeningThresholds,
} from './score-match.ts';
import type { NameKind, SubjectId, WatchlistEntry } from './watchlist-entry.ts';

export type Visibility = 'full' | 'pointer' | 'hidden';

export interface ScreenOptions {
  /** Most results returned. */
  readonly limit?: number;
  readonly thresholds?: ScreeningThresholds;
  /** Lowest score returned; the possible-match threshold unless given. */
  readonly minScore?: number;
  /** What the caller may see of each entry; everything when absent. */
  readonly visibility?: (entry: WatchlistEntry, entryIndex: number) => Visibility | boolean;
  /** Whether the caller may see an alert of a visible entry; all when absent. */
  readonly alertVisible?: (alert: Alert, entry: WatchlistEntry) => boolean;
  /** Alerts in force at this time are shown (pass the request time). */
  readonly at?: Date;
  /** Most listed names compared in full per query. */
  readonly candidates?: number;
  /**
   * Most posting-list elements read per query (default 20,000): the bound on a query's cost.
   * Parts are read rarest first, so a query that reaches it has already found the holders of
   * its rarer parts; on the 1M-person benchmark lowering it from 200,000 to 20,000 changed no
   * query's answer and cut p99 from 12 ms to 4.6 ms. A truncated answer says so.
   */
  readonly maxPostings?: number;
}

export interface NamePartExplanation {
  readonly query: string;
  readonly listed?: string;
  readonly how: 'exact' | 'phonetic' | 'fuzzy' | 'unmatched';
  readonly similarity: number;
}

export interface NameExplanation {
  /** The listed name that matched best, as listed. */
  readonly listed: string;
  readonly kind: NameKind;
  readonly level: NameLevel;
  readonly similarity: number;
  readonly aligned: number;
  readonly frequencyBits: number;
  readonly score: number;
  readonly parts: readonly NamePartExplanation[];
}

export interface MatchExplanation {
  readonly name?: NameExplanation;
  readonly birthDate?: FactAdjustment;
  readonly nationality?: FactAdjustment;
  readonly gender?: FactAdjustment;
  readonly document?: 'exact' | 'confusable';
  readonly plate?: 'exact' | 'confusable';
  readonly phone?: 'exact';
}

export interface AlertView {
  readonly alert: Alert;
  readonly category: AlertCategory;
  readonly action: ActionCode;
  readonly instruction: string;
  readonly disclose: boolean;
}

export interface ScreeningHit {
  readonly kind: 'match';
  readonly id: SubjectId;
  readonly score: number;
  readonly band: Band;
  readonly explain: MatchExplanation;
  readonly alerts: readonly AlertView[];
}

/** A likely match on an entry the caller may not see: who to contact, nothing else. */
export interface ScreeningPointer {
  readonly kind: 'pointer';
  readonly band: Band;
  readonly agency: AgencyId;
  readonly desk?: OwnerDesk;
}

export type ScreeningOutcome =
  | { readonly ok: true; readonly hits: readonly (ScreeningHit | ScreeningPointer)[]; readonly compared: number; readonly truncated: boolean }
  | { readonly ok: false; readonly field: QueryField | 'query'; readonly reason: string };

interface Scored {
  readonly index: number;
  score: number;
  forced: boolean;
  explain: MatchExplanation;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function tfOf(frequencies: NameFrequencies | undefined, name: NormalizedName): Float64Array | undefined {
  if (!frequencies) return undefined;
  return Float64Array.from(name.core, (t) => tokenTfWeight(frequencies, t.text));
}

/** Which query part met which listed part, and how (for the officer; scoring is the matcher's). */
function explainParts(query: NormalizedName, listed: NormalizedName): NamePartExplanation[] {
  const used = new Set<number>();
  return query.core.map((q) => {
    let best = -1;
    let bestSim = 0;
    let how: NamePartExplanation['how'] = 'unmatched';
    listed.core.forEach((l, j) => {
      if (used.has(j)) return;
      const sim = q.text === l.text ? 1 : jaroWinkler(q.bare, l.bare);
      const phonetic = q.phonetic === l.phonetic;
      const score = sim + (phonetic ? 0.05 : 0);
      if (score > bestSim && (sim >= 0.72 || phonetic)) {
        best = j;
        bestSim = score;
        how = q.text === l.text ? 'exact' : phonetic ? 'phonetic' : 'fuzzy';
      }
    });
    if (best < 0) return { query: q.text, how: 'unmatched', similarity: 0 };
    used.add(best);
    const l = listed.core[best] as NormalizedName['core'][number];
    return { query: q.text, listed: l.text, how, similarity: round3(q.text === l.text ? 1 : jaroWinkler(q.bare, l.bare)) };
  });
}

function scoreName(index: ScreeningIndex, query: NormalizedName, queryTf: Float64Array | undefined, slot: number): { score: number; explain: NameExplanation } {
  const held = index.slotName[slot] as NormalizedName;
  // names are held without joins (memory); the comparator needs them unless the keys are equal
  const listed = held.key === query.key ? held : withJoins(held);
  const comparison = compareNormalizedNames(query, listed, queryTf, tfOf(index.frequencies, listed));
  const score = nameScore(comparison, query.core.length, listed.core.length);
  return {
    score,
    explain: {
      listed: index.slotText[slot] as string,
      kind: NAME_KIND_CODES[index.slotKind[slot] as number] as NameKind,
      level: comparison.level,
      similarity: round3(comparison.similarity),
      aligned: comparison.aligned,
      frequencyBits: round3(comparison.tf),
      score: round3(score),
      parts: [],
    },
  };
}

export function screen(index: ScreeningIndex, input: unknown, options: ScreenOptions = {}): ScreeningOutcome {
  const validated = validateQuery(input);
  if (!validated.ok) return validated;
  return screenPrepared(index, validated.query, options);
}

export function screenPrepared(index: ScreeningIndex, query: PreparedQuery, options: ScreenOptions = {}): ScreeningOutcome {
  const {
    limit = 10, thresholds = DEFAULT_THRESHOLDS, minScore = thresholds.possible, visibility, alertVisible,
    at = new Date(), candidates = 40, maxPostings = 20_000,
  } = options;
  const visibilityOf = (entryIndex: number): Visibility => {
    const e = index.entries[entryIndex];
    if (!e) return 'hidden';
    if (!visibility) return 'full';
    const v = visibility(e.entry, entryIndex);
    return v === true ? 'full' : v === false ? 'hidden' : v;
  };
  const seen = new Map<number, Scored>();
  const scoredOf = (entryIndex: number): Scored | undefined => {
    let s = seen.get(entryIndex);
    if (s) return s;
    if (visibilityOf(entryIndex) === 'hidden') return undefined;
    s = { index: entryIndex, score: 0, forced: false, explain: {} };
    seen.set(entryIndex, s);
    return s;
  };

  // Exact identifiers first: they make a hit whatever the name says.
  const exact = (map: Map<string, number[]>, key: string | undefined, field: 'document' | 'plate', level: 'exact' | 'confusable'): void => {
    if (key === undefined) return;
    for (const entryIndex of map.get(key) ?? []) {
      const s = scoredOf(entryIndex);
      if (!s || s.explain[field] === 'exact') continue;
      s.forced = true;
      s.explain = { ...s.explain, [field]: level };
    }
  };
  exact(index.documents, query.document, 'document', 'exact');
  if (query.documentConfusable !== undefined && query.documentConfusable.length >= 5) exact(index.documentsConfusable, query.documentConfusable, 'document', 'confusable');
  exact(index.plates, query.plate, 'plate', 'exact');
  if (query.plateConfusable !== undefined && query.plateConfusable.length >= 5) exact(index.platesConfusable, query.plateConfusable, 'plate', 'confusable');
  if (query.phone !== undefined) {
    for (const entryIndex of index.phones.get(query.phone.slice(-9)) ?? []) {
      const s = scoredOf(entryIndex);
      if (s) s.explain = { ...s.explain, phone: 'exact' };
    }
  }

  let compared = 0;
  let truncated = false;
  if (query.name) {
    const found = nameCandidates(index, query.name, {
      limit: candidates, maxPostings, birthDates: query.birthDates,
      ...(visibility ? { visible: (e: number) => visibilityOf(e) !== 'hidden' } : {}),
    });
    truncated = found.truncated;
    const queryTf = tfOf(index.frequencies, query.name);
    const best = new Map<number, { score: number; slot: number; explain: NameExplanation }>();
    for (const slot of found.slots) {
      compared++;
      const entryIndex = index.slotEntry[slot] as number;
      const r = scoreName(index, query.name, queryTf, slot);
      const previous = best.get(entryIndex);
      if (!previous || r.score > previous.score) best.set(entryIndex, { ...r, slot });
    }
    for (const [entryIndex, b] of best) {
      const s = scoredOf(entryIndex);
      if (!s || b.score === 0) continue;
      s.score = b.score;
      s.explain = { ...s.explain, name: { ...b.explain, parts: explainParts(query.name, index.slotName[b.slot] as NormalizedName) } };
    }
  }

  const results: { s: Scored; band: Band; e: IndexedEntry }[] = [];
  for (const s of seen.values()) {
    const e = index.entries[s.index] as IndexedEntry;
    let score = s.score;
    if (s.explain.name) {
      const date = dateAdjustment(compareDates(query.birthDates, e.birthDates));
      const nationality = countryAdjustment(compareCountries(query.countries, e.countries));
      const gender = genderAdjustment(compareGenders(query.genders, e.genders));
      score = clamp01(score + date.adjustment + nationality.adjustment + gender.adjustment);
      s.explain = {
        ...s.explain,
        ...(query.birthDates.length > 0 ? { birthDate: date } : {}),
        ...(query.countries.length > 0 ? { nationality } : {}),
        ...(query.genders.length > 0 ? { gender } : {}),
      };
    }
    let band = bandOf(score, thresholds);
    if (s.forced) {
      band = 'hit';
      score = Math.max(score, s.explain.document === 'exact' || s.explain.plate === 'exact' ? 1 : 0.99);
    } else if (s.explain.phone && band === 'none') {
      // A phone number is shared by a household or passed on: it makes a possible match, not a hit.
      band = 'possible';
      score = Math.max(score, thresholds.possible);
    }
    s.score = round3(score);
    if (s.score < minScore && band === 'none') continue;
    results.push({ s, band, e });
  }
  results.sort((a, b) => b.s.score - a.s.score || (a.e.entry.id < b.e.entry.id ? -1 : a.e.entry.id > b.e.entry.id ? 1 : 0));

  const hits: (ScreeningHit | ScreeningPointer)[] = [];
  for (const { s, band, e } of results.slice(0, limit)) {
    if (visibilityOf(s.index) === 'pointer') {
      // An owner who allows pointers names a contact; without one the entry stays hidden.
      if (band !== 'none' && e.entry.owner) hits.push({ kind: 'pointer', band, agency: e.entry.owner.agency, ...(e.entry.owner.desk ? { desk: e.entry.owner.desk } : {}) });
      continue;
    }
    const alerts = activeAlerts(e.entry.alerts ?? [], at)
      .filter((a) => !alertVisible || alertVisible(a, e.entry))
      .map((a) => ({ alert: a, category: a.category, ...actionOf(a.category) }));
    hits.push({ kind: 'match', id: e.entry.id, score: s.score, band, explain: s.explain, alerts });
  }
  return { ok: true, hits, compared, truncated };
}

function actionOf(category: AlertCategory): { action: ActionCode; instruction: string; disclose: boolean } {
  const a = ALERT_ACTIONS[category];
  return { action: a.code, instruction: a.instruction, disclose: a.disclose };
}
