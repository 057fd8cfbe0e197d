/**
 * Name search over everything the user may see (principle 4: one person despite spelling,
 * script and alias). Candidates come from two places:
 * - the store's full-text name index: records holding a word of the query as written, of any
 *   kind (people, organisations, vehicles, addresses…);
 * - on a node that holds the watchlist, the screening index: the matcher's name candidates over
 *   Person and Vehicle records, which finds "ABDESALAM, Salah" and "Salah Abd al-Salam" for
 *   "Abdeslam", and all three for "صلاح عبد السلام"; and the holders of the query read as a
 *   document number, a plate or a phone number, exactly or as OCR misreads it.
 * Every candidate is ranked by its best name against the query, scored as a checkpoint check
 * scores names (exact, phonetic, spelling, parts missing), a name holding each word of the query
 * as written counting as the exact name (rankCandidates), or by the identifier it holds as a
 * check scores one, moved by a date of birth when one is asked (as a check moves it); the
 * full-text rank orders the rest.
 * The score reads the query and that record's own names only (no frequencies counted over
 * records the user may not see). Then the policy decides what is shown, pointed to or left out
 * (consult), and each result says which of its names matched and how. Where entities are
 * resolved, the records of one subject are listed together after the best of them, and say so.
 * Candidates are read in a window per source (WINDOW: five times the most results a search
 * returns, whatever the limit asked, so the same records are ranked and the results for a limit
 * are the first of those for any larger one) before the policy has decided; when a source filled
 * its window (the watchlist's names: were cut at it) with fewer the user may see, its window
 * is widened four times (to at most MAX_CANDIDATES; the store's names, read four times the window
 * ahead, are read again only past that; the records already read and decided on are not read
 * again, and those whose provenance the node's watchlist keeps are decided on it and read only if
 * ranked). The first WINDOW that the user may see of each source are ranked: records the user
 * may not see do not crowd out those they may, and whatever else is held, the same records are
 * ranked (the text's order reads each record's own names, not counts over every record). For
 * the pointers, the first five times the results asked of those they may not see go through the
 * gate too, as the store holds them, but are not ranked, and those the policy denies are not
 * read. If the widest window is still full, the result says more may match (`truncated`).
 */
import { alignedWords, compareDates, isParticleOrTitle, matchableNames, normalizeName, parseDate, type DateLevel, type NameLevel, type NameToken, type NormalizedName, type PartialDate } from '@mosaic/matching';
import { AppError, parsePartialDate, rolesInWords, type EntityId, type EntityRecord, type Provenance, type RecordId } from '@mosaic/model';
import { RECORD_ROLES, type Decision, type Pointer } from '@mosaic/policy';
import { dateAdjustment, scoreName, screenPrepared, validateQuery, type PreparedQuery, type ScreeningIndex } from '@mosaic/screening';
import { nameTokens, type NameHit, type StoredRecord } from '@mosaic/store';
import { consult, type ConsultedRecord } from './consult.ts';
import { identifierHolders, type IdentifierMatch as HeldMatch } from './identifiers/identifier-holders.ts';
import { policyContext, policyUser, type Consultation } from './organisation.ts';
import { checkQuery, recordView, type RecordView } from './records.ts';
import type { EntityProjection } from './resolution/entity-projection.ts';
import { readerView } from './resolution/reader-view.ts';
import type { Mosaic } from './runtime.ts';
import { SCREENED_SCHEMATA } from './screening/screening-projection.ts';

export interface SearchQuery {
  readonly q: string;
  readonly schema?: string;
  readonly limit?: number;
  /** A date of birth (YYYY, YYYY-MM or YYYY-MM-DD): it lifts the records born then and lowers those born otherwise, as at a checkpoint. */
  readonly birthDate?: string;
}

/** Which of a result's names matched the query best, how (the matcher's name level), and how closely (0–1). */
export interface NameMatch {
  readonly name: string;
  readonly level: NameLevel;
  readonly score: number;
}

/**
 * A result's matched name with the words the matcher aligned with the query marked: [start, end)
 * offsets in UTF-16 code units into `name` (name-marks.ts), in order; empty when none aligned.
 */
export interface MarkedNameMatch extends NameMatch {
  readonly marks: readonly (readonly [number, number])[];
}

/** The query read as an identifier the record holds: a document number (passport, identity card…), a plate or a phone number. */
export interface IdentifierMatch extends HeldMatch {
  readonly kind: 'document' | 'plate' | 'phone';
}

/** The resolved subject a result belongs to, when other results are the same subject (as this user may see it). */
export interface SubjectRef {
  /** The id the subject goes by for this user, which its profile opens by (reader-view.ts). */
  readonly entity: EntityId;
  /** The subject's best-ranked result: the others follow it. */
  readonly lead: RecordId;
}

export interface SearchHit extends RecordView {
  /** How the record's date of birth compares with the one asked (only when one was asked). */
  readonly born?: DateLevel;
  /** Present when other results are records of the same subject: they are listed together, after the best of them. */
  readonly subject?: SubjectRef;
  /** Absent when the record has no name the matcher compares (it was found by a word of the query, or an identifier). */
  readonly matched?: MarkedNameMatch;
  /** Present when the record was found by an identifier it holds. */
  readonly identifier?: IdentifierMatch;
}

export interface SearchResult {
  readonly results: readonly SearchHit[];
  readonly pointers: readonly Pointer[];
  /** More records may match than the results show: the limit was reached, or the candidates read. */
  readonly truncated: boolean;
  /**
   * The query's words as the name index folds and looks them up (nameTokens: whole words, no
   * prefixes), particles and titles left out unless the query holds nothing else: a name shown
   * besides the matched one is marked where a word of it folds to one of these.
   */
  readonly words: readonly string[];
}

export interface SearchOptions {
  /** The screening index of the node's watchlist: spelling, script and particle variants are found through it. */
  readonly names?: ScreeningIndex;
  /** The resolved entities: results that are one subject on what the user may see are listed together. */
  readonly subjects?: Pick<EntityProjection, 'entityOf' | 'membersOf' | 'partsOf'>;
  /**
   * The provenance the node's watchlist keeps of its records (screening-projection.ts): which of
   * its candidates the user may see is decided on it without reading them, and only the records
   * ranked are read. What is shown is decided again on the stored records (consult).
   */
  readonly provenanceOf?: (id: RecordId) => Provenance | undefined;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The lowest name score a variant is fetched at. Below a checkpoint's possible match (0.75): a
 * one-part query ("Abdeslam") meets a two-part name at level `single`, about 0.6 as written and
 * a little less respelled, and the analyst asking for a surname wants its spellings. Above the
 * `partial` level (about 0.47: one part of several shared), which the words of the query find
 * when the part is spelled as asked, and which respelled is mostly another person.
 */
const VARIANT_MIN_SCORE = 0.5;

/**
 * The words of a query a name must hold to hold it as written: all but particles and initials,
 * which the matcher reads past ("al-Belgiki" is "Belgiki", "Khalil Ben Ahmed" "Khalil Ahmed").
 * Titles are kept, although the matcher's score reads past them too: many are names as well
 * (Amir, Hajji, Imam), and the analyst typed them.
 */
function wordsOf(query: NormalizedName): readonly NameToken[] {
  return query.tokens.filter((t) => t.kind !== 'particle' && t.kind !== 'initial');
}

/**
 * How a name holds the query's words, best first: each word as written (a word of its own for
 * each, so "Youssef Ben Youssef" is not held by a name with one Youssef), each as written or
 * sounding alike (the same phonetic key), or some only by the matcher's spelling rules or not at
 * all. A name holding what the analyst typed answers the query before a name the matcher only
 * reads as a spelling of it, whatever their scores: "Abdeslam" meets "Abdeslam Benalli" as one
 * part of two (0.615) and that record's alias "Slam" as a close spelling of the whole name
 * (0.902: "Slam" read as the stem of Abd-es-Salam), and the record matched on its name.
 */
function howHeld(words: readonly NameToken[], name: NormalizedName): number {
  const free = [...name.tokens];
  const take = (found: (t: NameToken) => boolean): boolean => {
    const i = free.findIndex(found);
    if (i >= 0) free.splice(i, 1);
    return i >= 0;
  };
  const respelled = words.filter((word) => !take((t) => t.text === word.text));
  if (respelled.length === 0) return 0;
  return respelled.every((word) => take((t) => t.phonetic === word.phonetic)) ? 1 : 2;
}

/** A record's name that matched, and whether it holds every word of the query as written (howHeld 0). */
interface BestName {
  readonly match: NameMatch;
  readonly asWritten: boolean;
}

/**
 * The record's best name against the query, undefined when none compares (or it has no name):
 * the one holding the query's words most as written (howHeld), then the best scored, then the
 * first (names before aliases). Weak aliases are compared as weak, as the watchlist's index
 * compares them.
 */
function bestNameMatch(query: NormalizedName, record: Pick<EntityRecord, 'schema' | 'properties'>): BestName | undefined {
  const { strong, weak } = matchableNames(record);
  const words = wordsOf(query);
  let best: { readonly match: NameMatch; readonly held: number } | undefined;
  for (const [i, name] of [...strong, ...weak].entries()) {
    const normalized = normalizeName(name);
    if (normalized.core.length === 0) continue;
    const { comparison, score } = scoreName(query, i >= strong.length && !normalized.weak ? { ...normalized, weak: true } : normalized);
    if (score === 0) continue;
    const held = howHeld(words, normalized);
    // composed from firstName and lastName ("Last, First"), the name may end in a space
    if (!best || held < best.held || (held === best.held && score > best.match.score)) best = { match: { name: name.trim(), level: comparison.level, score: round3(score) }, held };
  }
  return best && { match: best.match, asWritten: best.held === 0 };
}

interface Variants {
  /** The records whose names matched, with the index's best scored name. */
  readonly matched: ReadonlyMap<RecordId, NameMatch>;
  /** Those whose best scored name holds every core part of the query as written: no other name of theirs matches before it (bestNameMatch) when the query has no title. */
  readonly asWritten: ReadonlySet<RecordId>;
  /** The records holding the query as an identifier, and the index's score for it (1 exact, 0.99 confusable, 0.75 a phone). */
  readonly identified: ReadonlyMap<RecordId, IdentifierMatch & { readonly score: number }>;
}

const IDENTIFIER_FIELDS = ['document', 'plate', 'phone'] as const;

/** The query as every kind of identifier it can be read as (a phone number needs its digits, a document three letters or digits…). */
function asIdentifier(q: string): PreparedQuery | undefined {
  const fields = IDENTIFIER_FIELDS.filter((field) => validateQuery({ [field]: q }).ok);
  const validated = fields.length > 0 ? validateQuery(Object.fromEntries(fields.map((field) => [field, q]))) : undefined;
  return validated?.ok ? validated.query : undefined;
}

/**
 * Among the watchlist's records, spelling, script and particle variants of the query as a name
 * (a window of `wanted`), and whether more were left: the candidates were cut at `wanted` names
 * (or the postings bound), whatever the variants fetched among them. Those scored below
 * VARIANT_MIN_SCORE are left out of the window, but a wider one scores names this one did not.
 */
function nameVariantsOf(names: ScreeningIndex, q: string, wanted: number): Pick<Variants, 'matched' | 'asWritten'> & { readonly full: boolean } {
  const asName = validateQuery({ name: q });
  const byName = asName.ok ? screenPrepared(names, asName.query, { limit: wanted, candidates: wanted, minScore: VARIANT_MIN_SCORE }) : undefined;
  const matched = new Map<RecordId, NameMatch>();
  const asWritten = new Set<RecordId>();
  // Entries are records (screening-projection.ts): an entry's id is its record's.
  for (const hit of byName?.ok ? byName.hits : []) {
    // a name-only query's score is the name's, as scoreName gives it
    const name = hit.kind === 'match' ? hit.explain.name : undefined;
    if (hit.kind !== 'match' || !name) continue;
    matched.set(hit.id as string as RecordId, { name: name.listed.trim(), level: name.level, score: hit.score });
    if (name.parts.every((part) => part.how === 'exact')) asWritten.add(hit.id as string as RecordId);
  }
  return { matched, asWritten, full: byName?.ok === true && (byName.truncated || byName.compared >= wanted) };
}

/** Among the watchlist's records, the holders of the query as a document number, plate or phone number (exact, or as OCR misreads it; a window of `wanted`), and whether more were left. */
function holdersOf(names: ScreeningIndex, q: string, wanted: number): Pick<Variants, 'identified'> & { readonly full: boolean } {
  const identifier = asIdentifier(q);
  const byIdentifier = identifier ? identifierHolders([names], identifier, wanted) : undefined;
  const identified = new Map<RecordId, IdentifierMatch & { readonly score: number }>();
  // the query is asked as a document, a plate and a phone number only (asIdentifier)
  for (const [id, found] of byIdentifier?.held ?? []) if (found.kind !== 'email') identified.set(id, { ...found, kind: found.kind });
  return { identified, full: byIdentifier?.truncated === true };
}

/**
 * Which results are records of one subject, and the best of them. Records are one subject when
 * resolution put them in one entity and they hold together on their own (visibleParts: their own
 * comparisons or a person's judgement, among these records only), so a tie through a record the
 * user may not see joins nothing.
 */
function subjectsOf(ranked: readonly { readonly id: RecordId }[], subjects: NonNullable<SearchOptions['subjects']>): ReadonlyMap<RecordId, SubjectRef> {
  const byEntity = new Map<EntityId, RecordId[]>();
  for (const r of ranked) {
    const entity = subjects.entityOf(r.id);
    if (entity !== undefined) byEntity.set(entity, [...(byEntity.get(entity) ?? []), r.id]);
  }
  const rank = new Map(ranked.map((r, i) => [r.id, i]));
  const subjectOf = new Map<RecordId, SubjectRef>();
  for (const [entity, members] of byEntity) {
    if (members.length < 2) continue;
    for (const part of subjects.partsOf(entity, new Set(members))) {
      if (part.length < 2) continue;
      const lead = [...part].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))[0] as RecordId;
      for (const id of part) subjectOf.set(id, { entity, lead });
    }
  }
  return subjectOf;
}

/**
 * Each subject on the page under the id its records go by for this user (reader-view.ts), the id
 * their profile opens by: the members of an entity the user may see can fall into parts that hold
 * together only through records they may not see, each part going by an id of its own, and two
 * subjects under the entity's one id would tell the user of that tie. A subject in a part no id
 * is left for says nothing (its records stay listed together). An entity whose every member is
 * among the records read that the user may see is whole for them and keeps its id, with nothing
 * more read; the others cost a store read each (and their merges' when they do fall apart).
 */
async function subjectsAsSeen(mosaic: Mosaic, consultation: Consultation, subjects: NonNullable<SearchOptions['subjects']>, { subjectOf, page, may }: { readonly subjectOf: ReadonlyMap<RecordId, SubjectRef>; readonly page: readonly { readonly id: RecordId }[]; readonly may: ReadonlySet<RecordId> }): Promise<ReadonlyMap<RecordId, SubjectRef>> {
  const partIdOf = new Map<EntityId, (record: RecordId) => EntityId | undefined>();
  for (const entity of new Set(page.flatMap((r) => subjectOf.get(r.id)?.entity ?? []))) {
    if (subjects.membersOf(entity).every((m) => may.has(m))) continue;
    const { parts } = await readerView(mosaic, consultation, subjects, entity);
    partIdOf.set(entity, (record) => parts.find((p) => p.records.includes(record))?.id);
  }
  const named = new Map<RecordId, SubjectRef>();
  for (const { id } of page) {
    const subject = subjectOf.get(id);
    const partId = subject && partIdOf.get(subject.entity);
    const entity = partId ? partId(subject.lead) : subject?.entity;
    if (subject !== undefined && entity !== undefined) named.set(id, { ...subject, entity });
  }
  return named;
}

/** The results in rank order, each subject's records brought together after its best one. */
function inSubjectOrder<R extends { readonly id: RecordId }>(ranked: readonly R[], subjectOf: ReadonlyMap<RecordId, SubjectRef>): readonly R[] {
  const followers = new Map<RecordId, R[]>();
  for (const r of ranked) {
    const lead = subjectOf.get(r.id)?.lead;
    if (lead !== undefined) followers.set(lead, [...(followers.get(lead) ?? []), r]);
  }
  return ranked.flatMap((r) => {
    const subject = subjectOf.get(r.id);
    if (!subject) return [r];
    return subject.lead === r.id ? (followers.get(r.id) ?? [r]) : [];
  });
}

/** The date of birth asked, parsed; a 400 naming the field when it is not one. */
function bornAsked(birthDate: string | undefined): readonly PartialDate[] {
  if (birthDate === undefined || birthDate.trim() === '') return [];
  // read as a record's date is: a real date, not 1978-02-31 taken for February 1978
  const date = parsePartialDate(birthDate.trim());
  const reason = 'not a date of birth (YYYY, YYYY-MM or YYYY-MM-DD)';
  if (!date) throw new AppError('MOSAIC_QUERY_REJECTED', `birthDate: ${reason}`, { field: 'birthDate', reason });
  return [date];
}

/** A record's dates of birth against those asked: the level and the checkpoint's adjustment of the score. */
function bornOf(asked: readonly PartialDate[], record: EntityRecord): { readonly level: DateLevel; readonly adjustment: number } {
  const held = (record.properties['birthDate'] ?? []).flatMap((d) => parseDate(d) ?? []);
  const { level, adjustment } = dateAdjustment(compareDates(asked, held));
  return { level: level as DateLevel, adjustment };
}

/** The most results a search returns (SearchQuery.limit), which the search route's `limit` is bounded by. */
export const SEARCH_MAX_LIMIT = 100;

/** The records of each source a search ranks, of those the user may see: five times the most results it returns, whatever the limit (searchRecords). */
const WINDOW = SEARCH_MAX_LIMIT * 5;

/** The widest candidate window a search reads (searchRecords). */
const MAX_CANDIDATES = 5000;

/** The ids the sources hold that `wanted` takes, by the best place any source gives them (each source is best first), then by id. */
function bestPlaced(sources: readonly Source[], wanted: (id: RecordId) => boolean): readonly RecordId[] {
  const place = new Map<RecordId, number>();
  for (const source of sources) source.ids.forEach((id, i) => { if (wanted(id) && i < (place.get(id) ?? Infinity)) place.set(id, i); });
  return [...place].sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0)).map(([id]) => id);
}

/** How many times its window the store's names are read (sourcesOf). */
const READ_AHEAD = 4;

/** One source of candidates, best first in an order of its own, and whether it filled its window (more were left). */
interface Source {
  readonly ids: readonly RecordId[];
  readonly full: boolean;
}

/** A source's window of candidates read, with what it tells of them. */
type Reading<T> = Source & T;

/**
 * The sources of candidates of a search (the words of the query, the watchlist's names, its
 * identifiers), each read in a window of `candidates`.
 */
function sourcesOf(mosaic: Mosaic, q: string, query: SearchQuery, names: ScreeningIndex | undefined) {
  const screened = names && (query.schema === undefined || SCREENED_SCHEMATA.has(query.schema)) ? names : undefined;
  const none = { ids: [], full: false };
  // The store's names read ahead: what a query costs is in the records holding its words, not in
  // how many of them are returned, so a window widened within the read is served from it.
  let ahead: { readonly asked: number; readonly hits: readonly NameHit[] } | undefined;
  return {
    text: async (candidates: number): Promise<Reading<{ readonly rank: ReadonlyMap<RecordId, number> }>> => {
      if (!ahead || (candidates > ahead.asked && ahead.hits.length === ahead.asked)) {
        const asked = Math.max(candidates, Math.min(candidates * READ_AHEAD, MAX_CANDIDATES));
        ahead = { asked, hits: await mosaic.store.searchNames(q, { limit: asked, ...(query.schema ? { schema: query.schema } : {}) }) };
      }
      const hits = ahead.hits.slice(0, candidates);
      // more were left: the read holds more than the window, or filled all it asked
      const full = ahead.hits.length > candidates || ahead.hits.length === ahead.asked;
      return { ids: hits.map((h) => h.id), full, rank: new Map(hits.map((h) => [h.id, h.rank])) };
    },
    names: (candidates: number): Reading<Pick<Variants, 'matched' | 'asWritten'>> => {
      if (!screened) return { ...none, matched: new Map(), asWritten: new Set() };
      const variants = nameVariantsOf(screened, q, candidates);
      return { ...variants, ids: [...variants.matched.keys()] };
    },
    identifiers: (candidates: number): Reading<Pick<Variants, 'identified'>> => {
      if (!screened) return { ...none, identified: new Map() };
      const holders = holdersOf(screened, q, candidates);
      return { ...holders, ids: [...holders.identified.keys()] };
    },
  };
}

/**
 * The records ranked best first (see the module's comment): by the name's score, or the
 * identifier's, moved by a date of birth when one is asked, where a name holding each word of the
 * query as written (howHeld) counts as the exact name; then by the score itself, then by the
 * full-text rank, which reads the record's own names only (the store's searchNames), then by id.
 * Why a name holding the words as written counts as exact: the score reads the query as a whole
 * name, as a checkpoint reads a card against a listed name, so it counts the listed name's parts
 * the query lacks against the match and rates a spelling of the whole query higher ("Abdeslam"
 * meets "Abdeslam Benalli" as one part of two at 0.615, and "Slam", the stem of Abd-es-Salam, at
 * 0.902; "Salah Abdeslam" meets "Salah Abdeslam Benalli" at 0.875, "Salah Slam" at 0.926). An
 * analyst's query is most often part of a name, and what they typed, found as typed, answers it
 * fully. So the records holding the query as written come first, ordered among themselves by the
 * score (fewer parts besides first), then the records the matcher reads as a spelling, sound or
 * stem of it, by their score. A small bonus added to the score would not say it: what a name
 * holding the words as written loses for the parts the query lacks is as much as the levels make
 * it (0.125 for two words of three, 0.385 for one of two), so the bonus would have to make up the
 * most, and then it is this rule said less plainly. A date of birth asked still moves every
 * record as at a checkpoint: one holding the name as written but born otherwise (1 − 0.18) goes
 * after a sound-alike born then (0.94 + 0.06). Nothing is left out: the same records are ranked,
 * in another order.
 */
function rankCandidates<R extends EntityRecord>(records: readonly R[], q: string, asked: readonly PartialDate[], variants: Variants, textRank: ReadonlyMap<RecordId, number>) {
  const wanted = normalizeName(q);
  // The index keeps each record's best scored name, which need not be the one holding the query
  // as written (bestNameMatch): unless it is, the record's names are compared here, as are those
  // of the records the index did not score (found by a word or an identifier only, or of another
  // kind). The index tells only of the query's core parts, so a query with a title is compared here.
  const indexTells = wordsOf(wanted).length === wanted.core.length;
  const matchOf = (record: EntityRecord): BestName | undefined => {
    const indexed = variants.matched.get(record.id);
    if (indexed && indexTells && variants.asWritten.has(record.id)) return { match: indexed, asWritten: true };
    return (wanted.core.length > 0 ? bestNameMatch(wanted, record) : undefined) ?? (indexed && { match: indexed, asWritten: false });
  };
  return records
    .map((record) => {
      const named = matchOf(record);
      const identifier = variants.identified.get(record.id);
      const score = Math.max(named?.match.score ?? 0, identifier?.score ?? 0);
      const born = asked.length > 0 && record.schema !== 'Vehicle' ? bornOf(asked, record) : undefined;
      // as a check scores a name and a date: the date moves a found record, it finds none
      const moved = (x: number): number => (x > 0 && born ? x + born.adjustment : x);
      return { record, matched: named?.match, identifier, born: born?.level, rank: moved(named?.asWritten ? 1 : score), score: moved(score) };
    })
    .sort((a, b) => b.rank - a.rank || b.score - a.score || (textRank.get(b.record.id) ?? 0) - (textRank.get(a.record.id) ?? 0) || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
}

/**
 * Only the roles the policy lets search records search (RECORD_ROLES): any other is refused
 * before anything is read or logged. Answered with no results, a checkpoint officer or an
 * auditor would read that nothing is held.
 */
function requireSearcher({ user }: Consultation): void {
  const permitted = RECORD_ROLES.search;
  if (!policyUser(user).roles.some((role) => permitted.includes(role))) {
    throw new AppError('MOSAIC_FORBIDDEN', `search: role not permitted (records are searched by ${rolesInWords(permitted)})`);
  }
}

export async function searchRecords(mosaic: Mosaic, consultation: Consultation, query: SearchQuery, { names, subjects, provenanceOf }: SearchOptions = {}): Promise<SearchResult> {
  requireSearcher(consultation);
  const q = checkQuery(query.q);
  if (query.schema !== undefined && !mosaic.registry.get(query.schema)) throw new AppError('MOSAIC_INVALID_INPUT', `schema: ${JSON.stringify(query.schema)} is not a schema`, { field: 'schema', reason: 'not a schema' });
  const asked = bornAsked(query.birthDate);
  const limit = Math.min(Math.max(query.limit ?? 20, 1), SEARCH_MAX_LIMIT);
  // The window does not depend on the limit: a window of five times the limit scored as many of
  // the watchlist's names and read as many of the store's, so a small limit missed records a
  // larger one ranked first, and showed weaker ones in their place.
  const window = WINDOW;
  // Which candidates the user may see decides the results; only those returned (and the
  // candidates they may not see, for the pointers) then go through the gate, so the audit log
  // and the owners' notices name what was returned, not every candidate read.
  const snapshot = await mosaic.org();
  const user = policyUser(consultation.user);
  const context = policyContext(snapshot, consultation);
  const effectOf = (record: ConsultedRecord): Decision['effect'] => mosaic.decide(user, 'search', { kind: 'record', id: record.id, provenance: record.provenance }, context).effect;
  // Each source is read on until its window holds `window` records the user may see, or nothing
  // more is there; then the first `window` of them are taken, whatever the window read besides.
  // So what the user is shown is decided among the same records whatever others hold that the
  // user may not see (they fill windows, and the date of birth is weighed only once read).
  const seenOf = (source: Source, may: ReadonlySet<RecordId>): readonly RecordId[] => source.ids.filter((id) => may.has(id)).slice(0, window);
  const starved = (source: Source, may: ReadonlySet<RecordId>): boolean => source.full && seenOf(source, may).length < window;
  // A widening reads the store's names again only when they filled their window: fewer than it
  // asked are all there are. The watchlist's sources (in memory) are read again whatever they
  // held, for a wider window need not begin as the narrower did, nor end there when it was not
  // full (names are scored among as many candidates as the window). A record already read, and
  // decided on, is not read again: it is the same record under the same snapshot. A candidate
  // whose provenance the watchlist keeps is decided on that and read only if it is ranked (when
  // no kind is asked: a kind asked is known of a record once read).
  const read = sourcesOf(mosaic, q, query, names);
  const keptProvenance = query.schema === undefined ? provenanceOf : undefined;
  const records = new Map<RecordId, EntityRecord & { readonly stored: StoredRecord }>();
  const fetched = new Set<RecordId>();
  const decided = new Set<RecordId>();
  const may = new Set<RecordId>();
  /** Candidates the policy gives nothing of, not even a pointer: consulting them again would add nothing. */
  const denied = new Set<RecordId>();
  const readRecords = async (ids: readonly RecordId[]): Promise<readonly ConsultedRecord[]> => {
    const unread = ids.filter((id) => !fetched.has(id));
    if (unread.length === 0) return [];
    for (const id of unread) fetched.add(id);
    const found = (await mosaic.store.getRecords(unread)).filter((s) => query.schema === undefined || s.record.schema === query.schema).map((stored) => ({ ...stored.record, stored }));
    for (const record of found) records.set(record.id, record);
    return found;
  };
  const decideOn = async (sources: readonly Source[]): Promise<void> => {
    const ids = [...new Set(sources.flatMap((source) => source.ids))].filter((id) => !decided.has(id));
    const known: ConsultedRecord[] = [];
    const unknown: RecordId[] = [];
    for (const id of ids) {
      decided.add(id);
      const provenance = keptProvenance?.(id);
      if (provenance) known.push({ id, provenance });
      else unknown.push(id);
    }
    for (const record of [...known, ...(await readRecords(unknown))]) {
      const effect = effectOf(record);
      if (effect === 'allow') may.add(record.id);
      else if (effect === 'deny') denied.add(record.id);
    }
  };
  let candidates = window;
  let text = await read.text(candidates);
  let byName = read.names(candidates);
  let byIdentifier = read.identifiers(candidates);
  await decideOn([text, byName, byIdentifier]);
  while ([text, byName, byIdentifier].some((source) => starved(source, may)) && candidates < MAX_CANDIDATES) {
    candidates = Math.min(candidates * 4, MAX_CANDIDATES);
    if (text.full) text = await read.text(candidates);
    byName = read.names(candidates);
    byIdentifier = read.identifiers(candidates);
    await decideOn([text, byName, byIdentifier]);
  }
  const sources = [text, byName, byIdentifier];
  const variants: Variants = { matched: byName.matched, asWritten: byName.asWritten, identified: byIdentifier.identified };
  const kept = new Set(sources.flatMap((source) => seenOf(source, may)));
  // the full-text rank of a record the user may see counts where the text's first `window` hold it
  const seenInText = new Set(seenOf(text, may));
  const textRank = new Map([...text.rank].filter(([id]) => !may.has(id) || seenInText.has(id)));
  // For the pointers, of the candidates the user may not see that the sources' last windows hold,
  // five times the results asked, those the sources hold best (by the best place any source gives
  // them, then id): a wider window finds the user's own records, not more owners to notify. Those
  // the policy denied are left out, as the gate would leave them: one denied on the provenance
  // the watchlist keeps, which the store may hold marked otherwise since, is not pointed to until
  // the watchlist hears of it (the search gives what it gave a moment before, never more than the policy allows).
  // The others are read with the records ranked, in one read of the store, to be decided on again
  // as the store holds them (consult), but not ranked: what one gives (a pointer to its owner, the
  // owner's notice, its id in the log's pointed records, listed there by place) reads nothing of
  // its names.
  const pointedTo = bestPlaced(sources, (id) => !may.has(id)).slice(0, limit * 5).filter((id) => !denied.has(id));
  await readRecords([...kept, ...pointedTo]);
  // the records ranked: those the user may see that are kept
  const rank = (ids: ReadonlySet<RecordId>) => rankCandidates([...records.values()].filter((r) => ids.has(r.id)), q, asked, variants, textRank);
  const shown = rank(kept).map((r) => ({ ...r, id: r.record.id, provenance: r.record.provenance }));
  const grouped = subjects ? subjectsOf(shown, subjects) : new Map<RecordId, SubjectRef>();
  const page = inSubjectOrder(shown, grouped).slice(0, limit);
  const subjectOf = subjects ? await subjectsAsSeen(mosaic, consultation, subjects, { subjectOf: grouped, page, may }) : grouped;
  const unseen = pointedTo.flatMap((id) => {
    const record = records.get(id);
    return record ? [{ id, provenance: record.provenance }] : [];
  });
  const { visible, pointers } = await consult<ConsultedRecord>(mosaic, consultation, [...page, ...unseen], { action: 'search', query: { q, schema: query.schema ?? null, birthDate: query.birthDate ?? null } });
  // The gate decides again on what the store holds: one of those candidates may be shown after
  // all (the watchlist not yet told of a marking changed, the organisation changed since), and is
  // then ranked, after the page, as it was when every one of them was.
  const onPage = new Map(page.map((r) => [r.id, r]));
  const late = new Set(visible.flatMap((r) => (onPage.has(r.id) ? [] : [r.id])));
  const wanted = normalizeName(q);
  const marked = (matched: NameMatch | undefined): MarkedNameMatch | undefined => matched && { ...matched, marks: alignedWords(wanted, matched.name) };
  return {
    results: [...visible.flatMap((r) => onPage.get(r.id) ?? []), ...rank(late)].map((r) => withMatch(recordView(mosaic, r.record.stored), marked(r.matched), r.identifier, subjectOf.get(r.record.id), r.born)),
    pointers,
    words: markingWords(q),
    // more than the page, or a source still full when the widest window held too few the user may see
    truncated: shown.length > limit || sources.some((source) => starved(source, may)),
  };
}

/** SearchResult.words of a query. */
function markingWords(q: string): readonly string[] {
  const words = [...new Set(nameTokens(q))];
  const named = words.filter((word) => !isParticleOrTitle(word));
  return named.length > 0 ? named : words;
}

function withMatch(view: RecordView, matched: MarkedNameMatch | undefined, identified: (IdentifierMatch & { readonly score: number }) | undefined, subject: SubjectRef | undefined, born: DateLevel | undefined): SearchHit {
  return {
    ...view, ...(matched ? { matched } : {}), ...(identified ? { identifier: { kind: identified.kind, how: identified.how } } : {}),
    ...(subject ? { subject } : {}), ...(born ? { born } : {}),
  };
}
