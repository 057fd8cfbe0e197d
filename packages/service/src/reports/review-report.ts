/**
 * A person's decisions on what extraction found (Principle 2: the system proposes, a person
 * confirms). Confirming an entity makes a record of the report's agency with the report's
 * provenance (source record id = the report's + the extracted entity's id, so confirming twice
 * cannot make two records) and a `proof` link back to the report. With a link to an existing
 * record they may see: for a person or an organisation, the person's judgement that it is the
 * same, which resolution then keeps; for a phone, an e-mail account, a document or a vehicle,
 * which resolution does not resolve (schemaGroup), the relation the model has between them: the
 * new record names the linked one as its holder (a vehicle: owner) when the model lets it (a
 * person holding that phone), else the review keeps the link as a lead (another phone record
 * with that number: two records of one kind are not made one). A relation becomes a
 * relationship record once both its ends are confirmed; that a person holds a phone number is
 * written on the phone record (its holder). Rejecting writes no record. Only analysts of the
 * report's agency decide.
 *
 * Review dates (LED Art. 5, periodic review; Art. 6, categories of data subjects): a confirmed
 * record is dated by its own category's rule (the agency's retention rules), counted from the
 * day it is confirmed, or by the report's review date where that comes first. Copying the
 * report's date kept a witness named in a suspect's report as long as the suspect; a date past
 * the report's would keep a claim after the document it was read from is reviewed. A relationship
 * is about both its ends: it takes the category of the more protected end (MOST_PROTECTED_FIRST)
 * and the earlier of their review dates, so it outlives neither.
 *
 * The decisions on one report are made one at a time (decideAlone): each reads the review,
 * writes records and writes the review's decisions back whole, so two made at once would each
 * write back what it read and lose the other's (a record written, the review still saying
 * "proposed").
 */
import type { ExtractedEntity, ExtractedRelation } from '@mosaic/extract';
import { aSchema, AppError, propertyType, propertyWords, RecordId, schemaWords, subjectCategoryOf, type EntityId, type FieldError, type Provenance, type SchemaRegistry, type SubjectCategory } from '@mosaic/model';
import { reviewDateFor } from '@mosaic/policy';
import { schemaGroup } from '@mosaic/resolution';
import type { Consultation } from '../organisation.ts';
import { createStoreAuditStorage, type Store } from '@mosaic/store';
import { eraseStoredRecords, readRecord, writeRecord, type RecordView } from '../records.ts';
import type { EntityProjection } from '../resolution/entity-projection.ts';
import { judgePair, mayJudge } from '../resolution/entity-view.ts';
import type { Mosaic } from '../runtime.ts';
import { whileClaimed } from '../claim-lease.ts';
import { retentionRulesOf } from '../retention/retention-rules.ts';
import { holderProperty, recordProperties } from './link-proposals.ts';
import { consultReport, loadStoredReview, mayReview } from './read-report.ts';
import { noFormNote, RELATION_SCHEMATA } from './relation-forms.ts';
import { isErasedEntity, RECORDABLE_SCHEMATA, REPORT_REVIEW_KIND, type EntityReview, type LinkKind, type RelationReview, type ReportReview } from './report-review.ts';
import { journeyOf, journeyTravel } from './travel-from-report.ts';

export interface ConfirmInput {
  /** Edits to the extracted name (the record's main name-like property). */
  readonly name?: string;
  /** Edits to properties; replace the extracted values property by property. */
  readonly properties?: Readonly<Record<string, readonly string[]>>;
  /** An existing record the person judges to be the same (a person, an organisation), or the holder of the identifier or another record holding it (LinkKind). */
  readonly link?: RecordId;
  /** LED Art. 6 category of the data subject, default the report's; it dates the record's review too. */
  readonly category?: string;
}

export type ConfirmOutcome =
  | { readonly ok: true; readonly record: RecordView; readonly entity?: EntityId; readonly relations: readonly RecordId[] }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** The record property that carries an extracted entity's name, per schema. */
const NAME_PROPERTY: Readonly<Record<string, string>> = {
  Person: 'name', Organization: 'name', Address: 'full', Phone: 'number', Email: 'address', Identification: 'number', Vehicle: 'registrationNumber',
};

interface Reviewing {
  readonly report: RecordView;
  readonly review: ReportReview;
  /** The version of the review read (StoredDocument.version), undefined when the report has none stored. */
  readonly version: number | undefined;
  readonly entity: ExtractedEntity;
}

async function reviewing(mosaic: Mosaic, consultation: Consultation, reportId: RecordId, entityId: string): Promise<Reviewing> {
  const found = await consultReport(mosaic, consultation, reportId);
  if (!found.report) throw new AppError('MOSAIC_NOT_FOUND', `report ${reportId} not found`);
  if (!mayReview(consultation, found.report)) throw new AppError('MOSAIC_FORBIDDEN', 'only analysts of the report\'s agency review it');
  const { review, version } = await loadStoredReview(mosaic, reportId);
  const entity = review.extraction.entities.find((e) => e.id === entityId);
  if (!entity) throw new AppError('MOSAIC_NOT_FOUND', `report ${reportId} has no extracted entity ${entityId}`);
  // confirming it would make a record named ERASED_TEXT, or judge the erased name the same as another's
  if (isErasedEntity(entity)) throw new AppError('MOSAIC_CONFLICT', `entity ${entityId} of report ${reportId} was erased: it named an erased record, and is not confirmed, linked or rejected`, { field: 'entity', reason: 'was erased: it named an erased record' });
  const state = review.entities[entityId]?.status ?? 'proposed';
  if (state !== 'proposed') throw new AppError('MOSAIC_CONFLICT', `entity ${entityId} of report ${reportId} is already ${state}`);
  return { report: found.report, review, version, entity };
}

/** Claims on a report's review, one per report, held by the decision being made on it (any node). */
const REVIEW_CLAIM_KIND = 'report-review-claim';
/** A claim this old was left by a node that stopped mid-decision (a decision takes well under a second). */
const CLAIM_STALE_MS = 60_000;
/** How long a decision waits for another node's on the same report before it is refused. */
const CLAIM_WAIT_MS = 30_000;

/** Per store (this node), the tail of each report's queue of decisions. */
const queues = new WeakMap<object, Map<RecordId, Promise<unknown>>>();

/**
 * Runs `decide` once every earlier decision on the report has ended: in this node, after those
 * queued before it; across the nodes sharing the store, while it holds the report's claim
 * (claim-lease.ts), taken over from a stopped node once stale.
 */
async function decideAlone<T>(mosaic: Mosaic, consultation: Consultation, reportId: RecordId, decide: () => Promise<T>): Promise<T> {
  const byReport = queues.get(mosaic.store) ?? new Map<RecordId, Promise<unknown>>();
  queues.set(mosaic.store, byReport);
  const before = byReport.get(reportId) ?? Promise.resolve();
  const run = before.then(() => claimed(mosaic, consultation, reportId, decide), () => claimed(mosaic, consultation, reportId, decide));
  const tail = run.catch(() => undefined);
  byReport.set(reportId, tail);
  void tail.then(() => {
    if (byReport.get(reportId) === tail) byReport.delete(reportId);
  });
  return run;
}

function claimed<T>(mosaic: Mosaic, consultation: Consultation, reportId: RecordId, decide: () => Promise<T>): Promise<T> {
  return whileClaimed(mosaic.store, { kind: REVIEW_CLAIM_KIND, id: reportId, owner: consultation.user.agency, subject: reportId, by: consultation.user.id }, {
    staleMs: CLAIM_STALE_MS, waitMs: CLAIM_WAIT_MS, busy: () => new AppError('MOSAIC_CONFLICT', `report ${reportId} is being reviewed on another node: try again`),
  }, decide);
}

/**
 * Writes the review's decisions back once the report is still there, read in the write's transaction under
 * the audit log's lock, which an erasure holds from its start (records.ts eraseRecord, the
 * sweep), with the extraction kept then (an erasure's rewriting of it is not written over). A
 * report erased while the decision was being made is not written back (the review holds the
 * names and sentences extraction found in its text), and the records the decision
 * made meanwhile (`made`), which the erasure did not find in the review it read, are erased here
 * as it would have taken them (confirmedFrom); the decision answers the report not found.
 */
async function saveReview(mosaic: Mosaic, consultation: Consultation, review: ReportReview, { owner, made = [] }: { readonly owner: string; readonly made?: readonly RecordId[] }): Promise<void> {
  const { user } = consultation;
  const kept = await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    if (await tx.getRecord(review.report)) {
      // only the decisions are written, the extraction kept as it is stored now: the erasure of a
      // person confirmed from the report may have rewritten it since the decision read it
      // (erase-from-reports.ts), and the decision changes only the statuses. Nor is the rest
      // parsed and written out again: at 10 MB of text it is 27 MB of JSON (putDocumentFields).
      const decisions = { entities: review.entities, relations: review.relations } satisfies Partial<ReportReview>;
      if (!(await tx.putDocumentFields(REPORT_REVIEW_KIND, review.report, decisions))) await tx.putDocument({ kind: REPORT_REVIEW_KIND, id: review.report, owner, subject: review.report, body: review });
      return true;
    }
    const erased = await eraseStoredRecords(tx, made, { actor: user.id, reason: `confirmed from report ${review.report}, erased while it was confirmed` });
    const gone = erased.flatMap((e) => (e.status === 'deleted' ? [e.id, ...e.alerts.map((a) => a.id)] : []));
    if (gone.length > 0) {
      await mosaic.audit.appendIn(createStoreAuditStorage(tx), [{ actor: { user: user.id, agency: user.agency }, action: 'erasure', records: gone, outcome: 'ok', reason: 'records confirmed from an erased report' }]);
    }
    return false;
  });
  if (!kept) throw new AppError('MOSAIC_NOT_FOUND', `report ${review.report} not found`);
}

/**
 * The report's provenance for a record read from it, with the record's own category and review
 * date. A category that is none is passed on undated, for the record's validation to refuse it.
 */
function provenanceFrom(report: RecordView, sourceRecordId: string, own: { readonly category: string; readonly reviewDate?: string }): Record<string, unknown> {
  const { agency: _agency, reviewDate: _reviewDate, ...rest } = report.provenance;
  return { ...rest, sourceRecordId, ...own };
}

/** The review date of a record of `category` confirmed today from `report`: its category's rule, or the report's date if that comes first. */
async function reviewDateOf(mosaic: Mosaic, report: RecordView, category: SubjectCategory): Promise<string> {
  const rules = await retentionRulesOf(mosaic, report.provenance.agency);
  const ruled = reviewDateFor(category, mosaic.now().toISOString().slice(0, 10), rules);
  return earlier(ruled, report.provenance.reviewDate);
}

/** The earlier of two YYYY-MM-DD dates. */
const earlier = (a: string, b: string): string => (a < b ? a : b);

/**
 * Data-subject categories, the most protected first: victims and witnesses, whom agreements
 * share least, then others and contacts, then suspects and convicted persons (LED Art. 6 asks
 * that they be told apart; the demo's agreements share them in this order). A relationship
 * between a suspect and a contact is kept as the contact's, so no agreement passes it (its ends,
 * the sentence naming both) where the contact's own record would not go.
 */
const MOST_PROTECTED_FIRST: readonly SubjectCategory[] = ['victim', 'witness', 'other', 'contact', 'suspect', 'convicted'];

/** The category and review date of a relationship between records of these provenances (the report's when neither is there). */
function relationDating(report: RecordView, ends: readonly Provenance[]): { readonly category: SubjectCategory; readonly reviewDate: string } {
  if (ends.length === 0) return { category: report.provenance.category, reviewDate: report.provenance.reviewDate };
  const category = MOST_PROTECTED_FIRST.find((c) => ends.some((end) => end.category === c)) ?? report.provenance.category;
  return { category, reviewDate: ends.map((end) => end.reviewDate).reduce(earlier) };
}

export async function confirmEntity(mosaic: Mosaic, consultation: Consultation, reportId: RecordId, entityId: string, input: ConfirmInput, options: { readonly entities?: EntityProjection } = {}): Promise<ConfirmOutcome> {
  return decideAlone(mosaic, consultation, reportId, () => confirmAlone(mosaic, consultation, reportId, entityId, input, options));
}

async function confirmAlone(mosaic: Mosaic, consultation: Consultation, reportId: RecordId, entityId: string, input: ConfirmInput, { entities }: { readonly entities?: EntityProjection }): Promise<ConfirmOutcome> {
  const { report, review, version, entity } = await reviewing(mosaic, consultation, reportId, entityId);
  if (!RECORDABLE_SCHEMATA.has(entity.schema)) return { ok: false, errors: [{ field: 'entity', reason: `${entityId} is ${aSchema(mosaic.registry, entity.schema)}, which annotates the text and is not made a record` }] };
  const resolved = schemaGroup(entity.schema) !== undefined;
  if (input.link !== undefined && resolved && !entities) throw new AppError('MOSAIC_STORE_UNAVAILABLE', 'linking needs the resolved entities, which this node does not keep');
  const { linkedAs, holder } = input.link === undefined ? {} : resolved ? { linkedAs: 'same' as const } : await identifierLink(mosaic, consultation, entity, input.link);
  // A "same" the person may not make is refused before the record is written (judgePair asks again).
  // The record is to be the report's agency's, which its reviewer is of (writeRecord: only an owner writes).
  if (input.link !== undefined && linkedAs === 'same' && !(await mayJudge(mosaic, consultation, [{ owner: report.provenance.agency }, input.link]))) throw new AppError('MOSAIC_NOT_FOUND', `record ${input.link} not found`);
  if (input.link !== undefined && linkedAs === 'same') {
    // Only records resolution would compare can be one entity (schemaGroup): a person with a
    // person, an organisation with an organisation-like record; a "same" with a sighting would
    // join a person to an event. Asked once the record is known to be one they may see.
    const linked = (await mosaic.store.getRecord(input.link))?.record.schema;
    if (linked === undefined || schemaGroup(linked) !== schemaGroup(entity.schema)) {
      return { ok: false, errors: [{ field: 'link', reason: `${input.link} is ${linked === undefined ? 'a record of no kind' : aSchema(mosaic.registry, linked)}: ${aSchema(mosaic.registry, entity.schema)} can be the same only as a record of its kind (${sameKinds(mosaic.registry, entity.schema).map((kind) => schemaWords(mosaic.registry, kind)).join(', ')})` }] };
    }
  }
  const named = await namedRecordsRefused(mosaic, consultation, entity.schema, report.provenance.agency, input.properties ?? {});
  if (named.length > 0) return { ok: false, errors: named };
  const nameProperty = NAME_PROPERTY[entity.schema] ?? 'name';
  const properties: Record<string, readonly string[]> = {
    ...recordProperties(mosaic.registry, entity.schema, entity),
    [nameProperty]: [input.name?.trim() || entity.name],
    ...(input.properties ?? {}),
    ...(holder !== undefined && input.link !== undefined ? { [holder]: [...new Set([...(input.properties?.[holder] ?? []), input.link])] } : {}),
    proof: [reportId],
  };
  const sourceRecordId = `${report.provenance.sourceRecordId}/${entity.id}`;
  const category = input.category ? subjectCategoryOf(input.category) : report.provenance.category;
  const own = category === undefined ? { category: input.category ?? '' } : { category, reviewDate: await reviewDateOf(mosaic, report, category) };
  const written = await writeRecord(mosaic, consultation, { id: sourceRecordId, schema: entity.schema, properties, provenance: provenanceFrom(report, sourceRecordId, own) });
  if (!written.ok) return written;
  const record = written.record.id;
  let linkedEntity: EntityId | undefined;
  if (input.link !== undefined && linkedAs === 'same' && entities) {
    // judgePair checks again that the person may see both records; a hidden one answers as not found.
    const judged = await judgePair(mosaic, consultation, entities, record, input.link, 'same', `confirmed from report ${reportId}`);
    linkedEntity = judged.entityA;
  }
  const confirmed: EntityReview = { status: 'confirmed', record, ...(input.link && linkedAs ? { linkedTo: input.link, linkedAs } : {}), decision: { by: consultation.user.id, at: mosaic.now().toISOString() } };
  let next: ReportReview = { ...review, entities: { ...review.entities, [entity.id]: confirmed } };
  const made: RecordId[] = [];
  const relations = [...next.relations];
  const keptSentence = keptSentences(reportId, { version, relations: review.extraction.relations });
  for (const [index, relation] of next.extraction.relations.entries()) {
    if (relations[index]?.status !== 'proposed' || (relation.source !== entity.id && relation.target !== entity.id)) continue;
    // a journey (its ends "from" and "to" in one sentence) is one Travel, written once for both
    const journey = journeyOf(next.extraction.relations, index);
    if (journey.length > 0) {
      for (const [at, result] of await recordJourney(mosaic, consultation, { report, review: { ...next, relations }, keptSentence }, journey)) {
        relations[at] = result;
        if (result.record && !made.includes(result.record)) made.push(result.record);
      }
      continue;
    }
    const result = await recordRelation(mosaic, consultation, { report, review: next, keptSentence }, relation, index);
    if (result) {
      relations[index] = result;
      if (result.record) made.push(result.record);
    }
  }
  next = { ...next, relations };
  await saveReview(mosaic, consultation, next, { owner: report.provenance.agency, made: [record, ...made] });
  return { ok: true, record: written.record, ...(linkedEntity ? { entity: linkedEntity } : {}), relations: made };
}

/**
 * The records an edited property names (a phone's `holder`, a vehicle's `owner`) are checked as a
 * link is: each must be one the reviewer may read (a consultation, audited; one they may not, a
 * pointer included, answers as not found, in the words a missing one does), and of the kind the
 * property names (a phone's holder is a person or an organisation), else the property is refused.
 * An id without an agency names one of the report's agency, as the record written takes it.
 * `proof` is not asked: the report is its proof, whatever was sent.
 */
async function namedRecordsRefused(mosaic: Mosaic, consultation: Consultation, schema: string, agency: string, edited: Readonly<Record<string, readonly string[]>>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [property, values] of Object.entries(edited)) {
    const range = mosaic.registry.get(schema)?.properties.get(property);
    if (property === 'proof' || range?.type !== 'entity' || range.range === undefined) continue;
    for (const value of values) {
      const cleaned = propertyType('entity').clean(value);
      // what the record's validation refuses, it names itself
      if (!cleaned.ok) continue;
      const id = RecordId(cleaned.value.includes(':') ? cleaned.value : `${agency}:${cleaned.value}`);
      const found = await readRecord(mosaic, consultation, id);
      if (!found.record) throw new AppError('MOSAIC_NOT_FOUND', `record ${id} not found`);
      if (!mosaic.registry.isA(found.record.schema, range.range)) {
        const kinds = mosaic.registry.all().filter((s) => !s.abstract && mosaic.registry.isA(s.name, range.range!)).map((s) => s.name);
        errors.push({ field: `properties.${property}`, reason: `${id} is ${aSchema(mosaic.registry, found.record.schema)}: ${aSchema(mosaic.registry, schema)}'s ${propertyWords(mosaic.registry, schema, property)} is ${aSchema(mosaic.registry, range.range)} (${kinds.map((kind) => schemaWords(mosaic.registry, kind)).join(', ')})` });
      }
    }
  }
  return errors;
}

/** The schemata of the registry a record of `schema` may be judged the same as (its resolution group). */
function sameKinds(registry: SchemaRegistry, schema: string): readonly string[] {
  return registry.all().map((s) => s.name).filter((name) => schemaGroup(name) === schemaGroup(schema));
}

/**
 * What a link from an extracted identifier makes, once the person may read the linked record (a
 * consultation, audited; one they may not read answers as not found, a pointer included): the
 * property naming it as the holder, or a lead.
 */
async function identifierLink(mosaic: Mosaic, consultation: Consultation, entity: ExtractedEntity, link: RecordId): Promise<{ readonly linkedAs: LinkKind; readonly holder?: string }> {
  const found = await readRecord(mosaic, consultation, link);
  if (!found.record) throw new AppError('MOSAIC_NOT_FOUND', `record ${link} not found`);
  const holder = holderProperty(mosaic.registry, entity.schema, found.record.schema);
  return holder === undefined ? { linkedAs: 'lead' } : { linkedAs: 'holder', holder };
}

/** The relations' sentences of a review as read at a version of it (StoredDocument.version). */
interface SentencesRead {
  readonly version: number | undefined;
  readonly relations: readonly ExtractedRelation[];
}

/**
 * The sentence the report's review keeps now for its relation `index`, read in a relationship's
 * write (`tx`, under the audit log's lock): the review's version is read, and the review itself
 * only when it is not the version last read, whose sentences are those kept then (a version is
 * never given again: an equal one reads the same). At 10 MB of text the review is 27 MB of JSON,
 * which the decision on an entity with k relations read k times under the lock.
 */
function keptSentences(report: RecordId, read: SentencesRead): (tx: Store, index: number) => Promise<string | undefined> {
  let last = read;
  return async (tx, index) => {
    const version = await tx.getDocumentVersion(REPORT_REVIEW_KIND, report);
    if (version === undefined) return undefined;
    if (version !== last.version) {
      const stored = await tx.getDocument(REPORT_REVIEW_KIND, report);
      if (stored === undefined) return undefined;
      last = { version: stored.version, relations: (stored.body as ReportReview).extraction.relations };
    }
    return last.relations[index]?.evidence.sentence;
  };
}

/** What a relationship is recorded from: the report, its review as the decision makes it, the sentences it keeps now (keptSentences). */
interface RelationSource {
  readonly report: RecordView;
  readonly review: ReportReview;
  readonly keptSentence: (tx: Store, index: number) => Promise<string | undefined>;
}

/** The relationship record of a relation whose ends are both confirmed; undefined while one is still open. */
async function recordRelation(mosaic: Mosaic, consultation: Consultation, { report, review, keptSentence }: RelationSource, relation: ExtractedRelation, index: number): Promise<RelationReview | undefined> {
  const [source, target] = [review.entities[relation.source], review.entities[relation.target]];
  if (source?.status === 'rejected' || target?.status === 'rejected') return { status: 'rejected', note: 'an end was rejected' };
  if (source?.status !== 'confirmed' || target?.status !== 'confirmed' || !source.record || !target.record) return undefined;
  const schemaOf = (id: string): ExtractedEntity['schema'] | undefined => review.extraction.entities.find((e) => e.id === id)?.schema;
  // a person's phone, document or vehicle: the model's own property on that record names them (a phone's or document's holder, a vehicle's owner)
  if (relation.type === 'holds' || (relation.type === 'owner_of' && schemaOf(relation.target) === 'Vehicle')) return recordHolder(mosaic, consultation, source.record, target.record);
  const mapping = RELATION_SCHEMATA[relation.type];
  if (!mapping || schemaOf(relation.source) !== mapping.ends[0] || schemaOf(relation.target) !== mapping.ends[1]) {
    return { status: 'proposed', note: noFormNote(relation.type, schemaOf(relation.source), schemaOf(relation.target)) };
  }
  const sourceRecordId = `${report.provenance.sourceRecordId}/r${index}`;
  const ends = [source.record, target.record] as const;
  const properties = (sentence: string): Record<string, string[]> => ({
    [mapping.source]: [ends[0]], [mapping.target]: [ends[1]], summary: [sentence.slice(0, 2000)], proof: [review.report],
    ...(mapping.schema === 'Membership' && mapping.role ? { role: [mapping.role] } : {}),
    ...(mapping.schema === 'Family' || mapping.schema === 'Associate' ? { relationship: [relation.kind ?? relation.type.replace('_', ' ')] } : {}),
  });
  const endsHeld = (await Promise.all(ends.map((id) => mosaic.store.getRecord(id)))).flatMap((stored) => (stored ? [stored.record.provenance] : []));
  const provenance = provenanceFrom(report, sourceRecordId, relationDating(report, endsHeld));
  return writeQuoting(mosaic, consultation, { id: sourceRecordId, schema: mapping.schema, provenance, sentence: relation.evidence.sentence, properties, kept: (tx) => keptSentence(tx, index) });
}

/** A record quoting a relation's sentence: what it is, and its properties with the sentence quoted. */
interface Quoting {
  readonly id: string;
  readonly schema: string;
  readonly provenance: Record<string, unknown>;
  readonly sentence: string;
  readonly properties: (sentence: string) => Record<string, readonly string[]>;
  /** The sentence the report keeps now, read in the write's transaction (keptSentences). */
  readonly kept: (tx: Store) => Promise<string | undefined>;
}

/**
 * Writes a record quoting a relation's sentence: the one the report keeps when the record is
 * written, read under the audit log's lock (writeRecord's transaction), which an erasure holds:
 * one that erased a person named in it (erase-from-reports.ts) since the review was read has
 * replaced it, and the record is written again quoting what replaced it, not the names erased.
 */
async function writeQuoting(mosaic: Mosaic, consultation: Consultation, { id, schema, provenance, sentence: read, properties, kept }: Quoting): Promise<RelationReview> {
  let sentence = read;
  for (;;) {
    const quoted = sentence;
    const written = await writeRecord(mosaic, consultation, { id, schema, properties: properties(quoted), provenance }, { alongside: async (tx) => {
      const now = await kept(tx);
      if (now !== undefined && now !== quoted) throw new SentenceRewritten(now);
    } }).catch((error: unknown) => {
      if (error instanceof SentenceRewritten) return error;
      throw error;
    });
    if (written instanceof SentenceRewritten) {
      sentence = written.sentence;
      continue;
    }
    if (!written.ok) return { status: 'proposed', note: written.errors.map((e) => `${e.field}: ${e.reason}`).join('; ') };
    return { status: 'confirmed', record: written.record.id };
  }
}

/**
 * The Travel of a journey the report tells (travel-from-report.ts), once its traveller is
 * confirmed and a place of it may be read, as a relationship is recorded: the report's provenance
 * dated as the traveller's record, the sentence quoted, the report its proof. Its id is the
 * journey's first relation's, so a town confirmed later writes the same record again with it.
 * Each relation it records is confirmed with it; the others stay as they were.
 */
async function recordJourney(mosaic: Mosaic, consultation: Consultation, { report, review, keptSentence }: RelationSource, journey: readonly number[]): Promise<ReadonlyMap<number, RelationReview>> {
  const { entities, relations } = review.extraction;
  const open = journey.filter((i) => review.relations[i]?.status !== 'rejected');
  const travel = journeyTravel({ entities, relations, decisions: review.entities, indexes: open });
  const first = journey[0]!;
  const traveller = review.entities[relations[first]!.source]?.record;
  if (!travel.ready || traveller === undefined) return new Map();
  const sourceRecordId = `${report.provenance.sourceRecordId}/r${first}`;
  const held = await mosaic.store.getRecord(traveller);
  const provenance = provenanceFrom(report, sourceRecordId, relationDating(report, held ? [held.record.provenance] : []));
  const result = await writeQuoting(mosaic, consultation, {
    id: sourceRecordId, schema: 'Travel', provenance, sentence: relations[first]!.evidence.sentence, kept: (tx) => keptSentence(tx, first),
    properties: (sentence) => ({ ...travel.properties, person: [traveller], summary: [sentence.slice(0, 2000)], proof: [review.report] }),
  });
  return new Map(travel.indexes.map((i) => [i, result]));
}

/** Thrown within a relationship's write, to undo it, when the sentence it quotes was rewritten since the review was read: what the report keeps now. */
class SentenceRewritten extends Error {
  readonly sentence: string;

  constructor(sentence: string) {
    super('the relation\'s sentence was rewritten meanwhile');
    this.sentence = sentence;
  }
}

/**
 * "X's mobile phone (+33 …)", "X, holder of passport …", "X owns a van, registration …": the
 * confirmed phone, document or vehicle record names the confirmed person as its holder (owner)
 * (the model's relation between them, as a confirmed link to a holder makes it), its other
 * values kept.
 */
async function recordHolder(mosaic: Mosaic, consultation: Consultation, holder: RecordId, phone: RecordId): Promise<RelationReview> {
  const [stored, held] = await Promise.all([mosaic.store.getRecord(phone), mosaic.store.getRecord(holder)]);
  if (!stored) return { status: 'proposed', note: `record ${phone} is no longer there` };
  if (!held) return { status: 'proposed', note: `record ${holder} is no longer there` };
  const { schema, properties, provenance } = stored.record;
  const property = holderProperty(mosaic.registry, schema, held.record.schema);
  if (property === undefined) return { status: 'proposed', note: `${aSchema(mosaic.registry, schema)} names no ${schemaWords(mosaic.registry, held.record.schema)} as its holder` };
  const holders = properties[property] ?? [];
  if (!holders.includes(holder)) {
    const { agency: _agency, ...rest } = provenance;
    const written = await writeRecord(mosaic, consultation, { id: provenance.sourceRecordId, schema, properties: { ...properties, [property]: [...holders, holder] }, provenance: rest });
    if (!written.ok) return { status: 'proposed', note: written.errors.map((e) => `${e.field}: ${e.reason}`).join('; ') };
  }
  return { status: 'confirmed', record: phone };
}

export async function rejectEntity(mosaic: Mosaic, consultation: Consultation, reportId: RecordId, entityId: string): Promise<void> {
  return decideAlone(mosaic, consultation, reportId, () => rejectAlone(mosaic, consultation, reportId, entityId));
}

async function rejectAlone(mosaic: Mosaic, consultation: Consultation, reportId: RecordId, entityId: string): Promise<void> {
  const { report, review, entity } = await reviewing(mosaic, consultation, reportId, entityId);
  const relations = review.extraction.relations.map((r, i): RelationReview => {
    const current = review.relations[i] ?? { status: 'proposed' };
    return current.status === 'proposed' && (r.source === entity.id || r.target === entity.id) ? { status: 'rejected', note: 'an end was rejected' } : current;
  });
  await saveReview(mosaic, consultation, {
    ...review, relations,
    entities: { ...review.entities, [entity.id]: { status: 'rejected', decision: { by: consultation.user.id, at: mosaic.now().toISOString() } } },
  }, { owner: report.provenance.agency });
  await mosaic.audit.append({
    actor: { user: consultation.user.id, agency: consultation.user.agency }, action: 'alteration', purpose: consultation.purpose ?? null, caseRef: consultation.caseRef ?? null,
    records: [reportId], outcome: 'ok', reason: `report review: ${entity.id} rejected`,
  });
}
