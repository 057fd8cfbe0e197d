/**
 * Erasing a record's names from the reports it was confirmed from (LED Art. 16). A person confirmed
 * from a report is a record of its own (review-report.ts), its `proof` naming the report; the
 * report stays, its owner's claim, and its text and its review (the names extraction found, each
 * with the spans mentioning it, and the sentence quoted for each relation) went on naming the
 * person to every reader of the report after the person's erasure.
 *
 * What goes is a sentence, not a name alone, for the reason a relationship's summary goes whole
 * (erase-from-relation-summaries.ts): what else the sentence says ("… is the brother of …", "…
 * drove the van to Ghent") is about the same person. A sentence (splitSentences, the boundaries
 * extraction reads) is replaced by ERASED_SENTENCE when it holds a mention of the erased person, is
 * the one a relation of theirs was read from (naming them by a pronoun, it may be), or holds one of
 * their name parts (of any version, as a word of the folded text, as a summary is read; not a
 * particle or a title of their name, "van" of Pieter van Dam or "Dr", which many sentences hold)
 * outside the mentions of another person extraction told apart: "Ortwin Kälberer" is his own
 * mention, and a sister's erasure leaves the sentences naming him alone (sentencesNaming, which
 * folds only the sentences a search of the whole text for their name parts reaches). The mentions extraction
 * found of the erased person — the entity confirmed as their record, and any other whose name is
 * made only of their name parts (the surname alone, read as another entity) — read ERASED_TEXT,
 * with no span and no property left; the other mentions and the relations' sentences are moved to
 * where their text now stands, or, in a sentence erased, dropped (a relation's sentence reads
 * ERASED_SENTENCE). The report's title and file name are read as a summary is, and so is its
 * source (mosaic reports add makes it of the file's name). The report is
 * written again as a new version (its `characters` counted anew), its text replaced (the words
 * the store indexed for search with it), its review rewritten, by the erasure's actor, within the
 * erasure's transaction; an earlier version's title, file name or source reads ERASED_TEXT in its
 * history, as a summary's does (withErasedSummaries). A source erased is erased from the records
 * confirmed from the report too, which were given its provenance (eraseSourceOfConfirmed). The
 * report's collection, and the legal basis upload makes of it ("Report in collection …"), are left:
 * they are the agency's filing of many reports (uploads are told apart by it, lists filtered), and
 * one report's rewritten would take it out of its collection.
 *
 * The reports are reached through what the erased record names (its `proof`, in any version: the
 * links record_links keeps), not by reading every report. A report that merely holds a namesake's
 * surname, none of whose people was confirmed as the erased record, is left, as a summary in a
 * record the erased person is no end of is.
 *
 * The erasure's transaction holds the audit log's lock, which every audited request waits for, and
 * a 10 MB report's rewrite (its sentences split and read, its mentions moved, its new text's words
 * folded) took over a second there. An owner's erasure works the rewrites out before it
 * (planReportErasures), from the reports as read then; under the lock each is written only if the
 * report, its review, its text and the erased record's versions read the same, else worked out
 * again there from what they read now: a decision, another erasure or a new version of the
 * record may land in between. The retention sweep, whose steps erase a few small records each,
 * works them out under the lock.
 */
import { splitSentences, type ExtractedEntity, type ExtractResult, type Mention } from '@mosaic/extract';
import { foldText, matchableNames, normalizeName } from '@mosaic/matching';
import { recordReferences, schemata, type EntityRecord, type RecordId } from '@mosaic/model';
import { schemaGroup } from '@mosaic/resolution';
import { reportWords, type Store, type StoredDocument } from '@mosaic/store';
import { setImmediate } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { ERASED_TEXT } from '../graph/erase-from-relation-summaries.ts';
import { labelNames, namePartsOf } from '../watch/erase-from-watch-labels.ts';
import { REPORT_REVIEW_KIND, REPORT_SCHEMA, type ReportReview } from './report-review.ts';
import { overlappingRanges as overlapping, overlapsAny, sentencesNaming, type TextRange } from './sentences-naming.ts';

/** What a sentence of a report that named an erased record reads afterwards. */
export const ERASED_SENTENCE = '[Sentence erased: it named an erased record]';

/** The reason of the audit log's `alteration` entry naming the records an erasure wrote again here. */
export const REPORTS_ALTERED = 'reports, and records read from them, that named an erased record';

/** The Report properties written by a person (a title, a file's name), read as a summary is. */
const NAMING_PROPERTIES = ['title', 'fileName'] as const;

const registry = schemata();

/**
 * A report's rewrite worked out before the erasure's transaction (planReportErasures), with what it
 * was worked out from: the report, the erased people's versions, its review and its text as read
 * then. Under the audit log's lock it is written only when all four read the same there.
 */
export interface ReportRewritePlan {
  readonly report: EntityRecord;
  readonly people: readonly EntityRecord[];
  /** The review's document as read, with its version (undefined when the report has none). */
  readonly review: StoredDocument | undefined;
  /** The version of the report's text (Store.getReportTextVersion) read before `text`; undefined when it has none. */
  readonly textVersion: number | undefined;
  readonly text: string;
  readonly rewrite: ReportRewrite | undefined;
}

/** Reports' rewrites worked out before an erasure's transaction, by report. */
export type ReportRewritePlans = ReadonlyMap<RecordId, ReportRewritePlan>;

/**
 * Within `store`'s transaction, as part of the erasure of `records` (every version of each, read
 * before it is erased): each live report one of them names, whose text or review names them, is
 * written again without them, by `actor`. A report whose rewrite `planned` holds, worked out from
 * what it still reads here, is written as planned; any other is worked out here. Returns the
 * reports rewritten, by the erased record linked to them, for the erasure's audit entry (a record
 * written is logged: LED Art. 25).
 */
export async function eraseFromReports(store: Store, records: readonly EntityRecord[], actor: string, planned: ReportRewritePlans = new Map()): Promise<ReadonlyMap<RecordId, readonly RecordId[]>> {
  const byErased = new Map<RecordId, RecordId[]>();
  for (const { report, people, linked } of await reportsNaming(store, records)) {
    const plan = planned.get(report.id);
    const read = await readReport(store, report.id, plan);
    const rewrite = plan !== undefined && planHolds(plan, report, people, read) ? plan.rewrite : rewriteOf(report, people, read);
    if (rewrite === undefined) continue;
    const rewritten = await writeRewrite(store, report, read, rewrite, actor);
    for (const id of linked) byErased.set(id, [...byErased.get(id) ?? [], ...rewritten]);
  }
  return byErased;
}

/**
 * The rewrites eraseFromReports would make for the erasure of `records` (every version of each),
 * worked out from the reports as `store` reads them now, outside the erasure's transaction: that
 * transaction holds the audit log's lock, which every audited request waits for, and the work
 * (the sentences split and read, the text's words folded) took seconds of a 10 MB report there.
 * A decision, another erasure or a new version of theirs landing before the lock is taken makes
 * the plan stale, and the rewrite is worked out again under it.
 */
export async function planReportErasures(store: Store, records: readonly EntityRecord[]): Promise<ReportRewritePlans> {
  const plans = new Map<RecordId, ReportRewritePlan>();
  for (const { report, people } of await reportsNaming(store, records)) {
    // the text's version read before the text: a write between the two leaves the plan an older
    // version than its text's, which the check under the lock takes for a change, not the reverse
    const textVersion = await store.getReportTextVersion(report.id);
    const read = await readReport(store, report.id);
    plans.set(report.id, { report, people, review: read.stored, textVersion, text: read.text, rewrite: rewriteOf(report, people, read) });
    // a turn of the event loop after each: on the embedded store every read is settled at once
    // (event-loop-yielder.ts), so the requests that came meanwhile would otherwise wait for the
    // erasure's transaction too, the audit log's group commit starting on the next turn
    await setImmediate();
  }
  return plans;
}

/**
 * Whether `plan` still stands for the report as read under the lock: the report, the erased
 * people, its review (the decisions, which tell which entity is theirs, and the extraction) and its
 * text as they were when it was worked out. The text and review are compared whole, not by the
 * report's version: a rewrite leaving the report's properties alike (a sentence replaced by one as
 * long, an entity's name alone) writes no new version of it, and a decision none. The review and
 * the text are the plan's own when their versions were the plan's (readReport), and are not compared.
 */
function planHolds(plan: ReportRewritePlan, report: EntityRecord, people: readonly EntityRecord[], read: ReportRead): boolean {
  const sameReview = plan.review === read.stored || isDeepStrictEqual(plan.review?.body, read.stored?.body);
  return plan.text === read.text && isDeepStrictEqual(plan.report, report) && isDeepStrictEqual(plan.people, people) && sameReview;
}

/**
 * The live reports `records` name (through their `proof`, in any version), each with those of
 * `records` it is linked to (`linked`: their ids; `people`: their versions). A report erased with
 * them (the same batch, or the report whose erasure takes them) is not read.
 */
async function reportsNaming(store: Store, records: readonly EntityRecord[]): Promise<readonly { readonly report: EntityRecord; readonly people: readonly EntityRecord[]; readonly linked: ReadonlySet<RecordId> }[]> {
  const linkedBy = new Map<RecordId, Set<RecordId>>();
  for (const record of records) {
    for (const { id } of recordReferences(registry, record)) linkedBy.set(id, (linkedBy.get(id) ?? new Set<RecordId>()).add(record.id));
  }
  if (linkedBy.size === 0) return [];
  const erased = new Set<string>(records.map((record) => record.id));
  const reports = (await store.getRecords([...linkedBy.keys()])).filter(({ record }) => record.schema === REPORT_SCHEMA && !erased.has(record.id));
  return reports.map(({ record: report }) => {
    const linked = linkedBy.get(report.id) ?? new Set<RecordId>();
    return { report, people: records.filter((record) => linked.has(record.id)), linked };
  });
}

/** A report's review (the stored document) and text, as read. */
interface ReportRead {
  readonly stored: StoredDocument | undefined;
  readonly text: string;
}

/**
 * The report's review and text as `store` reads them. The review and the text read for `plan` are
 * taken as they were while the stored document's version and the text's are the ones they were
 * read at (a version is never given again: an equal one reads the same), only those numbers read:
 * the erasure's transaction holds the audit log's lock, and a 10 MB report's review is 27 MB of
 * JSON, its text 10 MB.
 */
async function readReport(store: Store, report: RecordId, plan?: ReportRewritePlan): Promise<ReportRead> {
  const unchanged = plan !== undefined && (await store.getDocumentVersion(REPORT_REVIEW_KIND, report)) === plan.review?.version;
  const stored = unchanged ? plan.review : await store.getDocument(REPORT_REVIEW_KIND, report);
  const sameText = plan !== undefined && (await store.getReportTextVersion(report)) === plan.textVersion;
  return { stored, text: sameText ? plan.text : (await store.getReportText(report)) ?? '' };
}

/** What a report is written again with, without the names of the erased (rewriteOf). */
interface ReportRewrite {
  readonly text: string;
  /** reportWords(text), the words the store indexes it by. */
  readonly words: string;
  /** The review's extraction rewritten; undefined when the report has no review. */
  readonly extraction: ExtractResult | undefined;
  /** The report's properties naming them (a title, a file name). */
  readonly titled: readonly string[];
  /** Whether its source names them. */
  readonly sourced: boolean;
  readonly naming: ReadonlySet<string>;
}

/**
 * The report as it is written again without the names of `people` (every version of each), if
 * it named them, from its review and text as `read`; else undefined. Reads nothing: it is worked
 * out before the erasure's transaction as well as in it.
 */
function rewriteOf(report: EntityRecord, people: readonly EntityRecord[], { stored, text }: ReportRead): ReportRewrite | undefined {
  const parts = namePartsOf(people);
  const naming = namingParts(people, parts);
  const ids = new Set<string>(people.map((person) => person.id));
  const review = stored?.body as ReportReview | undefined;
  const entities = review?.extraction.entities ?? [];
  const groups = new Set(people.map((person) => schemaGroup(person.schema)));
  const theirs = new Set(entities.filter((entity) => isTheirs(entity, review, ids, parts, groups)).map((entity) => entity.id));
  const ownMentions = entities.filter((entity) => theirs.has(entity.id)).flatMap((entity) => entity.mentions);
  const othersMentions = entities.filter((entity) => !theirs.has(entity.id)).flatMap((entity) => entity.mentions);
  // a relation's sentence with an end of theirs is about them, though it names them by a pronoun ("He called …");
  // one an earlier erasure replaced is gone already, and its marker, which ends in no full stop,
  // is read as one sentence with the next on its line, which may name neither end
  const theirRelations = (review?.extraction.relations ?? [])
    .filter((relation) => (theirs.has(relation.source) || theirs.has(relation.target)) && relation.evidence.sentence !== ERASED_SENTENCE)
    .map((relation) => relation.evidence);
  const sentences = splitSentences(text);
  const about = new Set([...ownMentions, ...theirRelations].flatMap((span) => overlapping(sentences, span)));
  const namingSentences = sentencesNaming(text, sentences, { naming, others: othersMentions, taken: about });
  const erasedSentences = sentences.filter((_sentence, at) => about.has(at) || namingSentences.has(at));
  const titled = NAMING_PROPERTIES.filter((property) => (report.properties[property] ?? []).some((value) => value !== ERASED_TEXT && labelNames(value, naming)));
  // the source is a person's words too, and mosaic reports add makes it of the file's name ("cli:ostergren.txt")
  const sourced = report.provenance.source !== ERASED_TEXT && labelNames(report.provenance.source, naming);
  const named = [...theirs].some((id) => entities.find((entity) => entity.id === id)?.name !== ERASED_TEXT);
  if (erasedSentences.length === 0 && titled.length === 0 && !sourced && !named) return undefined;

  const edited = replaceRanges(text, erasedSentences);
  const kept = (mention: Mention): Mention | undefined => (overlapsAny(erasedSentences, mention) ? undefined : { ...mention, start: edited.moved(mention.start), end: edited.moved(mention.end) });
  const extraction = review === undefined ? undefined : {
    ...review.extraction,
    entities: entities.map((entity): ExtractedEntity => (theirs.has(entity.id)
      ? { ...entity, name: ERASED_TEXT, mentions: [], properties: {} }
      : { ...entity, mentions: entity.mentions.flatMap((mention) => kept(mention) ?? []) })),
    relations: review.extraction.relations.map((relation) => {
      const at = overlapping(erasedSentences, relation.evidence)[0];
      const evidence = at === undefined
        ? { sentence: relation.evidence.sentence, start: edited.moved(relation.evidence.start), end: edited.moved(relation.evidence.end) }
        : { sentence: ERASED_SENTENCE, ...edited.markers[at]! };
      return { ...relation, evidence };
    }),
  };
  return { text: edited.text, words: reportWords(edited.text), extraction, titled, sourced, naming };
}

/**
 * Writes `rewrite` of the report whose review and text were `read` (in the erasure's
 * transaction): the text, the review's extraction (its decisions as read), a new version of the
 * report. Returns the report's id and those of the records read from it that were written again
 * with it (eraseSourceOfConfirmed).
 */
async function writeRewrite(store: Store, report: EntityRecord, { stored }: ReportRead, rewrite: ReportRewrite, actor: string): Promise<readonly RecordId[]> {
  const review = stored?.body as ReportReview | undefined;
  await store.putReportText(report.id, rewrite.text, rewrite.words);
  if (stored !== undefined && review !== undefined && rewrite.extraction !== undefined) {
    await store.putDocument({ kind: stored.kind, id: stored.id, owner: stored.owner, ...(stored.subject === undefined ? {} : { subject: stored.subject }), body: { ...review, extraction: rewrite.extraction } satisfies ReportReview });
  }
  const properties = { ...report.properties, characters: [String(rewrite.text.length)], ...Object.fromEntries(rewrite.titled.map((property) => [property, [ERASED_TEXT]])) };
  await store.putRecords([{ ...report, properties, ...(rewrite.sourced ? { provenance: { ...report.provenance, source: ERASED_TEXT } } : {}) }], { actor });
  return [report.id, ...(rewrite.sourced ? await eraseSourceOfConfirmed(store, report.id, review, rewrite.naming, actor) : [])];
}

/**
 * The records read from the report whose source names the erased (a record confirmed from a report
 * is given its provenance, source and all: review-report.ts), given ERASED_TEXT as their source,
 * as the report was: a live one in a new version by `actor`, its earlier versions reading it in its
 * history (withErasedSummaries); what is kept of an erased one (its tombstone, the erased person's
 * own among them) in place. They are found through what names the report (their `proof`,
 * Store.recordsNaming) and through its review, which names the records its decisions made, an
 * erased one too; not by reading every record. Returns their ids.
 */
async function eraseSourceOfConfirmed(store: Store, report: RecordId, review: ReportReview | undefined, naming: ReadonlySet<string>, actor: string): Promise<readonly RecordId[]> {
  const made = [...Object.values(review?.entities ?? {}), ...(review?.relations ?? [])].flatMap((decided) => (decided.record === undefined ? [] : [decided.record]));
  const live = new Map((await store.recordsNaming([report])).map((stored) => [stored.record.id, stored.record]));
  const namesThem = (record: EntityRecord): boolean => record.provenance.source !== ERASED_TEXT && labelNames(record.provenance.source, naming);
  const erased: RecordId[] = [];
  for (const stored of await store.getRecords(made.filter((id) => !live.has(id)), { includeDeleted: true })) {
    if (stored.deletedAt !== undefined && namesThem(stored.record)) erased.push(stored.record.id);
    else if (stored.deletedAt === undefined) live.set(stored.record.id, stored.record);
  }
  const rewritten = [...live.values()].filter(namesThem);
  if (rewritten.length > 0) await store.putRecords(rewritten.map((record) => ({ ...record, provenance: { ...record.provenance, source: ERASED_TEXT } })), { actor });
  return [...rewritten.map((record) => record.id), ...await store.replaceErasedSources(erased, ERASED_TEXT)];
}

/**
 * Of `parts` (namePartsOf `people`), those a sentence or a title is read for: not a word their
 * names hold only as a particle or a title ("van" of "Pieter van Dam", "de", "Dr"), which is a word
 * of many sentences naming no one ("drove the van to Ghent"). A particle that ends a name is a name
 * ("Thanh Le"), and so is one another of their names holds as a name.
 */
function namingParts(people: readonly EntityRecord[], parts: ReadonlySet<string>): ReadonlySet<string> {
  const names = new Set<string>();
  const minor = new Set<string>();
  for (const person of people) {
    const { strong, weak } = matchableNames(person);
    for (const name of [...strong, ...weak]) for (const token of normalizeName(name).tokens) (token.kind === 'particle' || token.kind === 'honorific' ? minor : names).add(token.text);
  }
  return new Set([...parts].filter((part) => names.has(part) || !minor.has(part)));
}

/**
 * Whether an extracted entity is the erased person: confirmed as one of their records (or linked
 * to one: judged the same, or an identifier they hold), or, not confirmed as another record and of
 * a kind they could be (`groups`: a person, as schemaGroup tells), named only by their name parts
 * ("Moerbeeke" alone, read as an entity of its own). A name with a word of its own ("Joost
 * Moerbeeke") is another's, and a place named as they are ("Gent" of Pieter van Gent) is a place.
 */
function isTheirs(entity: ExtractedEntity, review: ReportReview | undefined, ids: ReadonlySet<string>, parts: ReadonlySet<string>, groups: ReadonlySet<string | undefined>): boolean {
  const decided = review?.entities[entity.id];
  if ((decided?.record !== undefined && ids.has(decided.record)) || (decided?.linkedTo !== undefined && ids.has(decided.linkedTo))) return true;
  if (decided?.status === 'confirmed' && decided.record !== undefined) return false;
  if (schemaGroup(entity.schema) === undefined || !groups.has(schemaGroup(entity.schema))) return false;
  const words = foldText(entity.name).split(' ').filter((word) => word.length >= 2);
  return words.length > 0 && words.every((word) => parts.has(word) || (word.endsWith('s') && parts.has(word.slice(0, -1))));
}

/**
 * `text` with each of `ranges` (in order, apart) replaced by ERASED_SENTENCE: the new text, where
 * each marker stands in it, and where an offset outside the ranges has moved to.
 */
function replaceRanges(text: string, ranges: readonly TextRange[]): { readonly text: string; readonly markers: readonly TextRange[]; readonly moved: (offset: number) => number } {
  let out = '';
  let from = 0;
  const markers: TextRange[] = [];
  const shifts: { readonly after: number; readonly by: number }[] = [];
  let by = 0;
  for (const range of ranges) {
    out += text.slice(from, range.start);
    markers.push({ start: out.length, end: out.length + ERASED_SENTENCE.length });
    out += ERASED_SENTENCE;
    from = range.end;
    by += ERASED_SENTENCE.length - (range.end - range.start);
    shifts.push({ after: range.end, by });
  }
  out += text.slice(from);
  // the shift of the last range ending at or before the offset, found by halving
  const moved = (offset: number): number => {
    let low = 0;
    let high = shifts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (shifts[middle]!.after <= offset) low = middle + 1;
      else high = middle;
    }
    return offset + (low === 0 ? 0 : shifts[low - 1]!.by);
  };
  return { text: out, markers, moved };
}
