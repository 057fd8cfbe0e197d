/**
 * Name search over everything the user may see (principle 4: one person despite spelling,
 * script and alias). Candidates come from two places:
 * - the store's full-text name index: records holding a word of the query as written, of any
 *   kind (people, organisations, vehicles, addresses…);
 * - on a node that holds the watchlist, the screening index: the matcher's name candidates over
 *   Person and Vehicle records, which finds "ABDESALAM, Salah" and "Salah Abd al-Salam" for
 *   "Abdeslam", and all three for "صلاح عبد السلام".
 * Every candidate is ranked by its best name against the query, scored as a checkpoint check
 * scores names (exact, phonetic, spelling, parts missing); the full-text rank orders the rest.
 * The score reads the query and that record's own names only (no frequencies counted over
 * records the user may not see). Then the policy decides what is shown, pointed to or left out
 * (consult), and each result says which of its names matched and how. As with the full-text
 * candidates, the window of candidates (five times the results asked) is taken before the policy
 * has decided: a user who may see few of many namesakes is told that more may match (`truncated`).
 */
import { matchableNames, normalizeName, type NameLevel, type NormalizedName } from '@mosaic/matching';
import type { EntityRecord, RecordId } from '@mosaic/model';
import { filterVisible, type Pointer } from '@mosaic/policy';
import { scoreName, screenPrepared, validateQuery, type ScreeningIndex } from '@mosaic/screening';
import { consult } from './consult.ts';
import { policyContext, policyUser, type Consultation } from './organisation.ts';
import { checkQuery, recordView, type RecordView } from './records.ts';
import type { Mosaic } from './runtime.ts';
import { SCREENED_SCHEMATA } from './screening/screening-projection.ts';

export interface SearchQuery {
  readonly q: string;
  readonly schema?: string;
  readonly limit?: number;
}

/** Which of a result's names matched the query best, how (the matcher's name level), and how closely (0–1). */
export interface NameMatch {
  readonly name: string;
  readonly level: NameLevel;
  readonly score: number;
}

export interface SearchHit extends RecordView {
  /** Absent when the record has no name the matcher compares (it was found by a word of the query). */
  readonly matched?: NameMatch;
}

export interface SearchResult {
  readonly results: readonly SearchHit[];
  readonly pointers: readonly Pointer[];
  /** More records may match than the results show: the limit was reached, or the candidates read. */
  readonly truncated: boolean;
}

export interface SearchOptions {
  /** The screening index of the node's watchlist: spelling, script and particle variants are found through it. */
  readonly names?: ScreeningIndex;
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

/** The record's best name against the query; undefined when none compares (or it has no name). */
export function bestNameMatch(query: NormalizedName, record: Pick<EntityRecord, 'schema' | 'properties'>): NameMatch | undefined {
  const { strong, weak } = matchableNames(record);
  let best: NameMatch | undefined;
  for (const name of [...strong, ...weak]) {
    const normalized = normalizeName(name);
    if (normalized.core.length === 0) continue;
    const { comparison, score } = scoreName(query, normalized);
    // composed from firstName and lastName ("Last, First"), the name may end in a space
    if (score > (best?.score ?? 0)) best = { name: name.trim(), level: comparison.level, score: round3(score) };
  }
  return best;
}

interface Variants {
  /** The records found, with the name that matched as the index scored it (the same score as bestNameMatch's). */
  readonly matched: ReadonlyMap<RecordId, NameMatch>;
  readonly truncated: boolean;
}

const NO_VARIANTS: Variants = { matched: new Map(), truncated: false };

/** Spelling, script and particle variants among the watchlist's records, and whether more were left. */
function variantsOf(names: ScreeningIndex, q: string, wanted: number): Variants {
  const validated = validateQuery({ name: q });
  if (!validated.ok) return NO_VARIANTS;
  const outcome = screenPrepared(names, validated.query, { limit: wanted, candidates: wanted, minScore: VARIANT_MIN_SCORE });
  if (!outcome.ok) return NO_VARIANTS;
  const matched = new Map<RecordId, NameMatch>();
  for (const hit of outcome.hits) {
    // Entries are records (screening-projection.ts): an entry's id is its record's. A name-only
    // query's score is the name's, as scoreName gives it.
    const name = hit.kind === 'match' ? hit.explain.name : undefined;
    if (hit.kind === 'match' && name) matched.set(hit.id as string as RecordId, { name: name.listed.trim(), level: name.level, score: hit.score });
  }
  return { matched, truncated: outcome.truncated || outcome.hits.length === wanted };
}

export async function searchRecords(mosaic: Mosaic, consultation: Consultation, query: SearchQuery, { names }: SearchOptions = {}): Promise<SearchResult> {
  const q = checkQuery(query.q);
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
  const candidates = limit * 5;
  const textHits = await mosaic.store.searchNames(q, { limit: candidates, ...(query.schema ? { schema: query.schema } : {}) });
  const variants = names && (query.schema === undefined || SCREENED_SCHEMATA.has(query.schema)) ? variantsOf(names, q, candidates) : NO_VARIANTS;
  const textRank = new Map<string, number>(textHits.map((h) => [h.id, h.rank]));
  const ids = [...new Set<RecordId>([...textHits.map((h) => h.id), ...variants.matched.keys()])];
  const found = await mosaic.store.getRecords(ids);
  const wanted = normalizeName(q);
  // Names the index has not scored (a record found by a word only, or of another kind) are normalised here.
  const matchOf = (record: EntityRecord): NameMatch | undefined => variants.matched.get(record.id) ?? (wanted.core.length > 0 ? bestNameMatch(wanted, record) : undefined);
  const ranked = found
    .filter((s) => query.schema === undefined || s.record.schema === query.schema)
    .map((stored) => ({ ...stored.record, stored, matched: matchOf(stored.record) }))
    .sort((a, b) => (b.matched?.score ?? 0) - (a.matched?.score ?? 0) || (textRank.get(b.id) ?? 0) - (textRank.get(a.id) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Which candidates the user may see decides the results; only those returned (and the
  // candidates they may not see, for the pointers) then go through the gate, so the audit log
  // and the owners' notices name what was returned, not every candidate read.
  const snapshot = await mosaic.org();
  const may = filterVisible(policyUser(consultation.user), ranked, policyContext(snapshot, consultation), { action: 'search', decide: mosaic.decide }).visible;
  const returned = new Set(may.slice(0, limit).map((r) => r.id));
  const mayIds = new Set(may.map((r) => r.id));
  const { visible, pointers } = await consult(mosaic, consultation, ranked.filter((r) => returned.has(r.id) || !mayIds.has(r.id)), { action: 'search', query: { q, schema: query.schema ?? null } });
  return {
    results: visible.map((r) => withMatch(recordView(mosaic, r.stored), r.matched)),
    pointers,
    truncated: may.length > limit || textHits.length === candidates || variants.truncated,
  };
}

function withMatch(view: RecordView, matched: NameMatch | undefined): SearchHit {
  return matched ? { ...view, matched } : view;
}
