/**
 * screen(index, query, options): the checkpoint check. Validates the query (a refused query
 * comes back with its reason), finds name candidates and exact document / plate / phone / e-mail
 * matches, scores every candidate entry the caller may see, and returns the best first with
 * an explanation and the alerts in force, each with its action and instruction.
 *
 * Visibility is decided per entry by the caller (policy lives elsewhere): a hidden entry is
 * dropped before ranking and leaves no trace in the answer; a `pointer` entry shows only its
 * band and the owner to contact ("Agency X holds information on a likely match - contact desk
 * Y", DESIGN.md principle 3).
 */
import {
  compareCountries, compareDates, compareGenders, compareNormalizedNames, jaroWinkler, joinsCanMatter, tokenTfWeight, withJoins,
  type NameComparison, type NameFrequencies, type NameLevel, type NormalizedName,
} from '@mosaic/matching';
import type { AgencyId } from '@mosaic/model';
import { ALERT_ACTIONS, activeAlerts, type ActionCode, type Alert, type AlertCategory, type OwnerDesk } from './alert.ts';
import { distantBirthDates, typingSlipYears } from './distant-birth-dates.ts';
import { nameCandidates } from './name-candidates.ts';
import { NAME_KIND_CODES, type IndexedEntry, type ScreeningIndex } from './screening-index.ts';
import { validateQuery, type PreparedQuery, type QueryField } from './screening-query.ts';
import {
  bandOf, clamp01, countryAdjustment, dateAdjustment, DEFAULT_THRESHOLDS, genderAdjustment, nameScore,
  type Band, type FactAdjustment, type ScreeningThresholds,
} from './score-match.ts';
import type { VisibilityMemo } from './visibility-memo.ts';
import type { NameKind, SubjectId, WatchlistEntry } from './watchlist-entry.ts';

export type Visibility = 'full' | 'pointer' | 'hidden';

export interface ScreenOptions {
  /** Most results returned. */
  readonly limit?: number;
  readonly thresholds?: ScreeningThresholds;
  /** Lowest score returned; the possible-match threshold unless given. */
  readonly minScore?: number;
  /**
   * What the caller may see of each entry; everything when absent. Asked when an entry is first
   * touched (once per entry version with a `memo`), and again about each pointer entry returned,
   * so that the caller learns which owner to name.
   */
  readonly visibility?: (entry: WatchlistEntry, entryIndex: number) => Visibility | boolean;
  /** Whether the caller may see an alert of a visible entry; all when absent. */
  readonly alertVisible?: (alert: Alert, entry: WatchlistEntry) => boolean;
  /** Alerts in force at this time are shown (pass the request time). */
  readonly at?: Date;
  /**
   * Most listed names compared in full per query, the entries the caller gets as a pointer
   * counting once per owner (as it is shown one pointer per owner); up to as many more of those
   * owners' names are compared for their notices.
   */
  readonly candidates?: number;
  /**
   * Most posting-list elements read per query (default 20,000): the bound on a query's cost.
   * Parts are read rarest first, so a query that reaches it has already found the holders of
   * its rarer parts; on the 1M-person benchmark lowering it from 200,000 to 20,000 changed no
   * query's answer and cut p99 from 12 ms to 4.6 ms. A truncated answer says so.
   */
  readonly maxPostings?: number;
  /**
   * Answers of `visibility` remembered per entry (see visibility-memo.ts): pass the same memo
   * for every query of one user profile, and `visibility` is asked only about entries it has not
   * answered since they last changed.
   */
  readonly memo?: VisibilityMemo;
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

/**
 * How the dates of birth compared; on a plain `mismatch`, the two years one keystroke apart
 * (1985 checked, 1958 listed), if a pair is: a typing slip may be all that tells them apart, which
 * the officer is told. It changes no score: a slip is why such a pair stays a mismatch rather than
 * `distant` (distant-birth-dates.ts).
 */
export interface BirthDateExplanation extends FactAdjustment {
  readonly slip?: { readonly query: number; readonly listed: number };
}

export interface MatchExplanation {
  readonly name?: NameExplanation;
  readonly birthDate?: BirthDateExplanation;
  readonly nationality?: FactAdjustment;
  readonly gender?: FactAdjustment;
  readonly document?: 'exact' | 'confusable';
  readonly plate?: 'exact' | 'confusable';
  readonly phone?: 'exact';
  readonly email?: 'exact';
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
  /** The entry behind it, for its owner's notice: never shown to whoever screened. */
  readonly id: SubjectId;
  readonly band: Band;
  readonly agency: AgencyId;
  readonly desk?: OwnerDesk;
}

export type ScreeningOutcome =
  | { readonly ok: true; readonly hits: readonly (ScreeningHit | ScreeningPointer)[]; readonly compared: number; readonly truncated: boolean }
  | { readonly ok: false; readonly field: QueryField | 'query'; readonly reason: string };

/** A candidate entry while it is scored; its explanation is written only if it is returned. */
interface Scored {
  readonly index: number;
  forced: boolean;
  document?: 'exact' | 'confusable';
  plate?: 'exact' | 'confusable';
  phone?: 'exact';
  email?: 'exact';
  /** The best listed name (slot, comparison, name score); slot -1 when no name scored. */
  slot: number;
  comparison: NameComparison | undefined;
  nameScore: number;
  birthDate?: FactAdjustment;
  nationality?: FactAdjustment;
  gender?: FactAdjustment;
  score: number;
  band: Band;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function tfOf(frequencies: NameFrequencies | undefined, name: NormalizedName): Float64Array | undefined {
  if (!frequencies) return undefined;
  const tf = new Float64Array(name.core.length);
  for (let i = 0; i < tf.length; i++) tf[i] = tokenTfWeight(frequencies, (name.core[i] as NormalizedName['core'][number]).text);
  return tf;
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

/** A listed name as the comparator needs it: with its joins only when they can change the comparison. */
function listedName(query: NormalizedName, held: NormalizedName): NormalizedName {
  return held.key === query.key || !joinsCanMatter(query, held) ? held : withJoins(held);
}

/**
 * A name compared with a query name and scored as a check scores it (the name alone: no facts,
 * no term frequencies). For ranking names found elsewhere the way the checkpoint would.
 */
export function scoreName(query: NormalizedName, name: NormalizedName): { readonly comparison: NameComparison; readonly score: number } {
  const listed = listedName(query, name);
  const comparison = compareNormalizedNames(query, listed);
  return { comparison, score: nameScore(comparison, query.core.length, listed.core.length) };
}

function nameExplanation(index: ScreeningIndex, query: NormalizedName, s: Scored): NameExplanation {
  const c = s.comparison as NameComparison;
  return {
    listed: index.slotText[s.slot] as string,
    kind: NAME_KIND_CODES[index.slotKind[s.slot] as number] as NameKind,
    level: c.level,
    similarity: round3(c.similarity),
    aligned: c.aligned,
    frequencyBits: round3(c.tf),
    score: round3(s.nameScore),
    parts: explainParts(query, index.slotName[s.slot] as NormalizedName),
  };
}

function birthDateExplanation(index: ScreeningIndex, query: PreparedQuery, s: Scored, date: FactAdjustment): BirthDateExplanation {
  if (date.level !== 'mismatch') return date;
  const slip = typingSlipYears(query.birthDates, (index.entries[s.index] as IndexedEntry).birthDates);
  return slip ? { ...date, slip: { query: slip.a, listed: slip.b } } : date;
}

function explanationOf(index: ScreeningIndex, query: PreparedQuery, s: Scored): MatchExplanation {
  return {
    ...(s.document !== undefined ? { document: s.document } : {}),
    ...(s.plate !== undefined ? { plate: s.plate } : {}),
    ...(s.phone !== undefined ? { phone: s.phone } : {}),
    ...(s.email !== undefined ? { email: s.email } : {}),
    ...(s.comparison !== undefined && query.name !== undefined ? { name: nameExplanation(index, query.name, s) } : {}),
    ...(s.birthDate !== undefined ? { birthDate: birthDateExplanation(index, query, s, s.birthDate) } : {}),
    ...(s.nationality !== undefined ? { nationality: s.nationality } : {}),
    ...(s.gender !== undefined ? { gender: s.gender } : {}),
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
  const memo = options.memo?.index === index ? options.memo : undefined;
  const visibilityOf = (entryIndex: number): Visibility => {
    const known = memo?.known(entryIndex);
    if (known !== undefined) return known;
    const e = index.entries[entryIndex];
    if (!e) return 'hidden';
    if (!visibility) return 'full';
    const answer = visibility(e.entry, entryIndex);
    const v = answer === true ? 'full' : answer === false ? 'hidden' : answer;
    memo?.remember(entryIndex, v);
    return v;
  };
  const seen = new Map<number, Scored>();
  const scoredOf = (entryIndex: number): Scored | undefined => {
    let s = seen.get(entryIndex);
    if (s) return s;
    if (visibilityOf(entryIndex) === 'hidden') return undefined;
    s = { index: entryIndex, forced: false, slot: -1, comparison: undefined, nameScore: 0, score: 0, band: 'none' };
    seen.set(entryIndex, s);
    return s;
  };

  // Exact identifiers first: they make a hit whatever the name says.
  const exact = (map: Map<string, number[]>, key: string | undefined, field: 'document' | 'plate', level: 'exact' | 'confusable'): void => {
    if (key === undefined) return;
    for (const entryIndex of map.get(key) ?? []) {
      const s = scoredOf(entryIndex);
      if (!s || s[field] === 'exact') continue;
      s.forced = true;
      s[field] = level;
    }
  };
  exact(index.documents, query.document, 'document', 'exact');
  if (query.documentConfusable !== undefined && query.documentConfusable.length >= 5) exact(index.documentsConfusable, query.documentConfusable, 'document', 'confusable');
  exact(index.plates, query.plate, 'plate', 'exact');
  if (query.plateConfusable !== undefined && query.plateConfusable.length >= 5) exact(index.platesConfusable, query.plateConfusable, 'plate', 'confusable');
  if (query.phone !== undefined) {
    for (const entryIndex of index.phones.get(query.phone.slice(-9)) ?? []) {
      const s = scoredOf(entryIndex);
      if (s) s.phone = 'exact';
    }
  }
  if (query.email !== undefined) {
    for (const entryIndex of index.emails.get(query.email) ?? []) {
      const s = scoredOf(entryIndex);
      if (s) s.email = 'exact';
    }
  }

  let compared = 0;
  let truncated = false;
  if (query.name) {
    const found = nameCandidates(index, query.name, {
      limit: candidates, maxPostings, birthDates: query.birthDates,
      ...(visibility ? { visible: (e: number) => candidateVisibility(visibilityOf(e)), ...(memo ? { visibleCodes: memo.codes() } : {}) } : {}),
    });
    truncated = found.truncated;
    const queryTf = tfOf(index.frequencies, query.name);
    for (const slot of found.slots) {
      compared++;
      const listed = listedName(query.name, index.slotName[slot] as NormalizedName);
      const comparison = compareNormalizedNames(query.name, listed, queryTf, tfOf(index.frequencies, listed));
      const score = nameScore(comparison, query.name.core.length, listed.core.length);
      if (score === 0) continue;
      const entryIndex = index.slotEntry[slot] as number;
      const s = scoredOf(entryIndex);
      if (!s || score <= s.nameScore) continue;
      s.slot = slot;
      s.comparison = comparison;
      s.nameScore = score;
    }
  }

  const results: { s: Scored; e: IndexedEntry }[] = [];
  for (const s of seen.values()) {
    const e = index.entries[s.index] as IndexedEntry;
    let score = s.nameScore;
    if (s.comparison !== undefined) {
      const date = dateAdjustment(compareDates(query.birthDates, e.birthDates), () => distantBirthDates(query.birthDates, e.birthDates));
      const nationality = countryAdjustment(compareCountries(query.countries, e.countries));
      const gender = genderAdjustment(compareGenders(query.genders, e.genders));
      score = clamp01(score + date.adjustment + nationality.adjustment + gender.adjustment);
      if (query.birthDates.length > 0) s.birthDate = date;
      if (query.countries.length > 0) s.nationality = nationality;
      if (query.genders.length > 0) s.gender = gender;
    }
    let band = bandOf(score, thresholds);
    if (s.forced) {
      band = 'hit';
      score = Math.max(score, s.document === 'exact' || s.plate === 'exact' ? 1 : 0.99);
    } else if ((s.phone !== undefined || s.email !== undefined) && band === 'none') {
      // A phone number is shared by a household or passed on, a mailbox too: a possible match, not a hit.
      band = 'possible';
      score = Math.max(score, thresholds.possible);
    }
    s.score = round3(score);
    s.band = band;
    if (s.score < minScore && band === 'none') continue;
    results.push({ s, e });
  }
  results.sort((a, b) => b.s.score - a.s.score || (a.e.entry.id < b.e.entry.id ? -1 : a.e.entry.id > b.e.entry.id ? 1 : 0));

  const hits: (ScreeningHit | ScreeningPointer)[] = [];
  // The limit counts what the officer is shown: each match, and one pointer per agency (a caller
  // shows one per agency, however many of its entries matched). Further pointers of an agency
  // already pointed to come along, uncounted, for its owner's notices: counted, ten of them
  // pushed a listed match with an arrest alert out of the answer.
  let shown = 0;
  const pointed = new Set<string>();
  for (const { s, e } of results) {
    if (shown >= limit) break;
    const band = s.band;
    if (visibilityOf(s.index) === 'pointer') {
      // The caller is told of each pointer it gets (a memo answers without asking it).
      visibility?.(e.entry, s.index);
      // An owner who allows pointers names a contact; without one the entry stays hidden.
      if (band !== 'none' && e.entry.owner) {
        hits.push({ kind: 'pointer', id: e.entry.id, band, agency: e.entry.owner.agency, ...(e.entry.owner.desk ? { desk: e.entry.owner.desk } : {}) });
        if (!pointed.has(e.entry.owner.agency)) {
          pointed.add(e.entry.owner.agency);
          shown++;
        }
      }
      continue;
    }
    const alerts = activeAlerts(e.entry.alerts ?? [], at)
      .filter((a) => !alertVisible || alertVisible(a, e.entry))
      .map((a) => ({ alert: a, category: a.category, ...actionOf(a.category) }));
    hits.push({ kind: 'match', id: e.entry.id, score: s.score, band, explain: explanationOf(index, query, s), alerts });
    shown++;
  }
  return { ok: true, hits, compared, truncated };
}

/** What the name candidates need to know of an entry's visibility: pointers count once per owner. */
function candidateVisibility(v: Visibility): boolean | 'pointer' {
  return v === 'pointer' ? v : v === 'full';
}

function actionOf(category: AlertCategory): { action: ActionCode; instruction: string; disclose: boolean } {
  const a = ALERT_ACTIONS[category];
  return { action: a.code, instruction: a.instruction, disclose: a.disclose };
}
