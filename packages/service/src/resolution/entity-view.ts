/**
 * The resolved entity view (principle 1: a resolved entity is a view over claims): merged from
 * only the member records the user may see, every value carrying the provenance of each record
 * that claims it, plus pointers to owners of members the user may not see where agreements
 * allow. A hidden entity answers exactly like an unknown one.
 */
import type { AuditEvent } from '@mosaic/audit';
import { AppError, type AgencyId, type EntityId, type Provenance, type RecordId } from '@mosaic/model';
import { withExplainedWords, type ScoreResult } from '@mosaic/matching';
import { decide, type PolicyContext, type PolicyUser, type Pointer } from '@mosaic/policy';
import { ALERT_CATEGORIES, isAlertActive } from '@mosaic/screening';
import type { StoredRecord } from '@mosaic/store';
import { byReviewPriority, pairKey, reviewPriority, schemaGroup, type ReviewItem } from '@mosaic/resolution';
import { consult, requirePurpose } from '../consult.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import { recordView, type RecordView } from '../records.ts';
import type { Mosaic } from '../runtime.ts';
import { alertSummary, type AlertSummary } from '../screening/alerts.ts';
import type { AlertRecord, ScreeningProjection } from '../screening/screening-projection.ts';
import type { EntityProjection } from './entity-projection.ts';
import type { NamedPart } from './part-names.ts';
import { readerView, type ConsultedMember, type ReaderView } from './reader-view.ts';

export interface ClaimSource {
  readonly record: RecordId;
  readonly provenance: Provenance;
}

export interface EntityValue {
  readonly value: string;
  readonly sources: readonly ClaimSource[];
}

export interface EntityView {
  readonly id: EntityId;
  readonly redirectedFrom?: EntityId;
  readonly schema: string;
  readonly caption: string;
  readonly properties: Readonly<Record<string, readonly EntityValue[]>>;
  readonly records: readonly RecordView[];
  readonly pointers: readonly Pointer[];
  /** Alerts in force on the records shown that the user may read, most binding first, with their owner agency. */
  readonly alerts: readonly EntityAlert[];
}

export interface EntityAlert extends AlertSummary {
  readonly agency: string;
}

export type EntityAnswer = { readonly entity: EntityView } | { readonly split: readonly EntityId[] };

const notFound = (id: string): AppError => new AppError('MOSAIC_NOT_FOUND', `entity ${id} not found`);

/**
 * A panel of the profile read through the entity (GET /entities/:id/merges, /judgements): its
 * audit entry names it beside the entity (`{ entity, view: 'merges' }`), as the graph's reads
 * name theirs (`{ graph: { timeline } }`), so that the log tells the profile, its merges and its
 * judgements apart. The profile itself names none (`{ entity }`), as entries written before did.
 */
export type EntityPanel = 'merges' | 'judgements';

/** The query an entity read is logged with (see EntityPanel). */
export const entityQuery = (id: EntityId, panel?: EntityPanel): { readonly entity: EntityId; readonly view?: EntityPanel } => (panel === undefined ? { entity: id } : { entity: id, view: panel });

interface ReadOptions {
  readonly anchor?: RecordId;
  readonly screening?: ScreeningProjection;
  /** The panel the read is for, named in its audit entry (EntityPanel); none: the profile. */
  readonly panel?: EntityPanel;
}

/**
 * Each part the user sees of an entity goes by an id of its own (reader-view.ts): the entity's
 * id shows the part that goes by it, and an id the entity absorbed shows the part holding that
 * id's own records (`redirectedFrom` it when that part goes by another id: the merge is one the
 * user sees). `anchor`: the record the user came from, which picks among several such parts.
 * An id that shows no part the user may read answers with the pointers where agreements allow,
 * else as an unknown id. An id split since answers the parts the user may read: one is shown as
 * a redirect, none answers as an unknown id (a split of records hidden from the user, or of one
 * they see and others they do not, is not theirs to learn of).
 * `screening`: where the alerts on records are kept; the alerts in force on the part shown pass
 * the same gate as the records (an alert is a record of its owner), and are left out without it.
 */
export async function readEntity(mosaic: Mosaic, consultation: Consultation, entities: EntityProjection, id: EntityId, { anchor, screening, panel }: ReadOptions = {}): Promise<EntityAnswer> {
  const live = await entities.resolve(id);
  const query = entityQuery(id, panel);
  if (live.length > 1) return readSplit(mosaic, consultation, entities, { id, live, screening, query });
  const entity = live[0] ?? id;
  const view = await readerView(mosaic, consultation, entities, entity);
  return showPart(mosaic, consultation, view, { entity, id, part: partShowing(view, { entity, id, anchor }), screening, query });
}

/** The part that `id` shows of `entity` (see readEntity). */
function partShowing(view: ReaderView, { entity, id, anchor }: { readonly entity: EntityId; readonly id: EntityId; readonly anchor: RecordId | undefined }): NamedPart | undefined {
  const own = view.parts.find((p) => p.id === id);
  if (own) return own;
  // an id the merges do not name (split, then a part merged) leads to the entity's own part
  const records = view.ownRecords(id);
  const holding = records === undefined ? view.parts.filter((p) => p.id === entity) : view.parts.filter((p) => p.records.some((r) => records.has(r)));
  return holding.find((p) => anchor !== undefined && p.records.includes(anchor)) ?? holding[0];
}

/** An id split into `live`: the parts the user may read, passed through the gate and audited as any entity read. */
async function readSplit(mosaic: Mosaic, consultation: Consultation, entities: EntityProjection, { id, live, screening, query }: { readonly id: EntityId; readonly live: readonly EntityId[]; readonly screening: ScreeningProjection | undefined; readonly query: ReturnType<typeof entityQuery> }): Promise<EntityAnswer> {
  const seen: { readonly entity: EntityId; readonly view: ReaderView; readonly part: NamedPart }[] = [];
  for (const entity of live) {
    const view = await readerView(mosaic, consultation, entities, entity);
    const part = view.parts.find((p) => p.id === entity);
    if (part) seen.push({ entity, view, part });
  }
  const [only] = seen;
  if (only && seen.length === 1) return showPart(mosaic, consultation, only.view, { entity: only.entity, id, part: only.part, screening, query });
  // the answer holds no record: audited with none, as a read of an unknown id is
  await consult(mosaic, consultation, [], { action: 'read', query, subjects: seen.length > 0 ? seen.map((s) => s.entity) : [id] });
  if (!only) throw notFound(id);
  return { split: seen.map((s) => s.part.id) };
}

/** The entity view of `part` (none: pointers alone), through the gate: its records, and pointers for the members the user may not read. */
async function showPart(mosaic: Mosaic, consultation: Consultation, view: ReaderView, { entity, id, part, screening, query }: { readonly entity: EntityId; readonly id: EntityId; readonly part: NamedPart | undefined; readonly screening: ScreeningProjection | undefined; readonly query: ReturnType<typeof entityQuery> }): Promise<EntityAnswer> {
  // only the part shown (and pointers for what stays hidden) goes through the gate, so the audit lists what is returned
  const shown = new Set(part?.records ?? []);
  const candidates = view.members.filter((r) => shown.has(r.id) || !view.readable.has(r.id));
  const alertsOn = screening ? alertsInForce(screening, [...shown], mosaic.now()) : [];
  const consulted = await consult<ConsultedMember | AlertRecord>(mosaic, consultation, [...candidates, ...alertsOn], { action: 'read', query, subjects: [entity] });
  const { pointers } = consulted;
  const visible = consulted.visible.filter((r): r is ConsultedMember => 'stored' in r);
  const alerts = consulted.visible.filter((r): r is AlertRecord => 'alert' in r);
  if (visible.length === 0 && pointers.length === 0) throw notFound(id);
  const properties: Record<string, EntityValue[]> = {};
  for (const record of visible) {
    for (const [prop, values] of Object.entries(record.properties)) {
      const list = (properties[prop] ??= []);
      for (const value of values) {
        const source = { record: record.id, provenance: record.provenance };
        const existing = list.find((v) => v.value.toLowerCase() === value.toLowerCase());
        if (existing) (existing.sources as ClaimSource[]).push(source);
        else list.push({ value, sources: [source] });
      }
    }
  }
  // The caption is the value most records agree on, so no single agency's spelling dominates.
  const names = properties['name'] ?? [];
  const caption = [...names].sort((a, b) => b.sources.length - a.sources.length)[0]?.value ?? visible[0]?.schema ?? 'Hidden entity';
  const shownId = part?.id ?? id;
  const { desks } = (await mosaic.org()).org;
  return {
    entity: {
      id: shownId,
      ...(shownId !== id ? { redirectedFrom: id } : {}),
      schema: visible[0]?.schema ?? 'Thing',
      caption: visible.length > 0 ? caption : 'Information held elsewhere',
      properties,
      records: visible.map((r) => recordView(mosaic, r.stored)),
      pointers,
      alerts: alerts.map((a) => ({ ...alertSummary(a, undefined, desks), agency: a.provenance.agency })),
    },
  };
}

/**
 * Which entity a record the user may read belongs to: a lookup on the way to the subject's
 * profile. It answers the id the record's part goes by for this user (reader-view.ts), so two
 * records held together only through records the user may not see answer two ids. It is logged
 * as a consultation of that record (its query says it was a lookup), but it does not tell the
 * owners: the profile then reads the entity through readEntity, the consultation that does
 * (telling them here too sent each owner two identical notices for one opened profile). A record
 * the user may not read, not yet resolved, or in a part that goes by no id for them, is not
 * found, answered as GET /records/:id answers a missing one, so a hidden record merged into a
 * visible entity is not confirmed to exist.
 */
export async function entityOfRecord(mosaic: Mosaic, consultation: Consultation, entities: Pick<EntityProjection, 'entityOf' | 'membersOf' | 'partsOf'>, id: RecordId): Promise<EntityId> {
  requirePurpose(consultation);
  const stored = await mosaic.store.getRecord(id);
  const entity = entities.entityOf(id);
  const decision = stored && stored.deletedAt === undefined
    ? mosaic.decide(policyUser(consultation.user), 'read', { kind: 'record', id, provenance: stored.record.provenance }, policyContext(await mosaic.org(), consultation))
    : undefined;
  const view = decision?.effect === 'allow' && entity !== undefined ? await readerView(mosaic, consultation, entities, entity) : undefined;
  const part = view?.parts.find((p) => p.records.includes(id));
  if (entity === undefined || part === undefined) throw new AppError('MOSAIC_NOT_FOUND', `record ${id} not found`);
  await mosaic.audit.append({
    actor: { user: consultation.user.id, agency: consultation.user.agency }, action: 'consultation', purpose: consultation.purpose, caseRef: consultation.caseRef,
    query: { entityOfRecord: id }, subjects: [entity], records: [id], pointers: [], outcome: 'ok',
  });
  return part.id;
}

/** Alerts in force now on these records, most binding first (the screening projection keeps them by subject). */
function alertsInForce(screening: ScreeningProjection, records: readonly RecordId[], now: Date): AlertRecord[] {
  const found: AlertRecord[] = [];
  for (const record of records) {
    const at = screening.index.entryIndexOf(record);
    for (const alert of (at === undefined ? undefined : screening.index.entries[at]?.entry)?.alerts ?? []) {
      const held = screening.alertRecord(alert.id as string as RecordId);
      if (held?.status === 'active' && isAlertActive(held.alert, now)) found.push(held);
    }
  }
  return found.sort((a, b) => ALERT_CATEGORIES.indexOf(a.alert.category) - ALERT_CATEGORIES.indexOf(b.alert.category));
}

export interface ReviewPair {
  readonly a: RecordView;
  readonly b: RecordView;
  readonly probability: number;
  /**
   * Why the matcher hesitates: each feature's level and weight (bits); of the values, only the
   * words of the two names the matcher aligned (withExplainedWords), named as the answer is made,
   * for a reviewer the policy let read both records.
   */
  readonly explain: ScoreResult['explain'];
  /** The base rate the weights start from (EntityProjection.prior). */
  readonly prior: number;
  readonly entityA: EntityId;
  readonly entityB: EntityId;
  /**
   * The records the answer moves as the reviewer sees them (the records of the two parts of their
   * view the pair joins or keeps apart): with the probability, what the pair's place in the
   * queue comes from (reviewPriority).
   */
  readonly affected: number;
}

/** The queue as one reviewer sees it: the best pairs, and how many they may be asked in all. */
export interface ReviewAnswer {
  readonly pairs: readonly ReviewPair[];
  /** The questions (pairs of the queue, two parts of their view being one) the reviewer may be asked, those shown included. */
  readonly left: number;
  /** Whether the queue holds more than the MAX_REVIEW_WINDOW pairs read to count them: `left` is then a lower bound. */
  readonly more: boolean;
}

/** The widest window of the queue a reviewer's pairs are read from, as a list of reports reads at most (read-report.ts). */
const MAX_REVIEW_WINDOW = 5000;

/** An entity as the reviewer sees it: the members they may read, and the part each falls in on what they may see (as readerView). */
interface EntityInView {
  readonly readable: ReadonlyMap<RecordId, StoredRecord>;
  readonly partOf: ReadonlyMap<RecordId, readonly RecordId[]>;
}

/** A pair of the queue as the reviewer sees it: its priority on the records they may see, and the question it asks them. */
interface RankedPair {
  readonly item: ReviewItem;
  readonly a: StoredRecord;
  readonly b: StoredRecord;
  readonly priority: number;
  readonly affected: number;
  readonly question: string;
}

/**
 * Uncertain pairs the reviewer (an analyst) may see both sides of and judge (mayJudge: a pair of
 * another country's agencies is not theirs), best first. A consultation like a search:
 * the records shown pass the gate (consult: the policy's decision point, the audit entry with
 * the purpose and case reference, disclosures, owners told), and a pair is shown only when both
 * its sides come back.
 *
 * "Best" is the queue's priority (review-queue.ts) counted on what this person sees: the records
 * an answer moves are those of the parts of the two entities they see (the members they may read,
 * regrouped on what they may see, as readerView), and two such parts are one question, so neither
 * the order nor which pairs are shown depends on records they may not read (DESIGN.md principle 3).
 * The queue counts every record, so its priority is never below this one: it is read in a window
 * of five times `limit`, widened (to at most MAX_REVIEW_WINDOW) until the last pair kept comes
 * before every pair left unread, so that pairs hidden from the person neither crowd out those
 * they may see nor change their order. `left` counts the questions they may be asked in the
 * whole queue, read to its end for it (at most MAX_REVIEW_WINDOW pairs, `more` past them), on
 * the same decisions: how many pairs wait for them, never how many hidden from them do.
 */
export async function reviewPairs(mosaic: Mosaic, consultation: Consultation, entities: EntityProjection, limit: number): Promise<ReviewAnswer> {
  // the queue is there to be judged, and only analysts judge (judgePair): anyone else would be
  // shown several agencies' records, consulted and disclosed, for a decision they may not take
  if (!consultation.user.roles.includes('analyst')) throw new AppError('MOSAIC_FORBIDDEN', 'only analysts review pairs');
  requirePurpose(consultation);
  const snapshot = await mosaic.org();
  const user = policyUser(consultation.user);
  const context = policyContext(snapshot, consultation);
  const may = (s: StoredRecord): boolean => mosaic.decide(user, 'read', { kind: 'record', id: s.record.id, provenance: s.record.provenance }, context).effect === 'allow';
  const views = new Map<EntityId, EntityInView>();
  const see = async (ids: readonly EntityId[]): Promise<void> => {
    const fresh = [...new Set(ids)].filter((e) => !views.has(e));
    const stored = new Map((await mosaic.store.getRecords(fresh.flatMap((e) => entities.membersOf(e)))).map((s) => [s.record.id, s]));
    for (const entity of fresh) {
      const members = entities.membersOf(entity);
      const readable = new Map(members.flatMap((id) => {
        const s = stored.get(id);
        return s && may(s) ? [[id, s] as const] : [];
      }));
      // all of it readable: it holds together on what they see, one part (as readerView)
      const ids = [...readable.keys()].sort();
      const parts = ids.length === 0 ? [] : ids.length === members.length ? [ids] : entities.partsOf(entity, new Set(ids));
      views.set(entity, { readable, partOf: new Map(parts.flatMap((part) => part.map((id) => [id, part] as const))) });
    }
  };
  const ranked = (item: ReviewItem): RankedPair | undefined => {
    const viewA = views.get(item.entityA);
    const viewB = views.get(item.entityB);
    const a = viewA?.readable.get(item.a);
    const b = viewB?.readable.get(item.b);
    const partA = viewA?.partOf.get(item.a);
    const partB = viewB?.partOf.get(item.b);
    if (!a || !b || !partA || !partB) return undefined;
    // a pair they may not judge (judgePair) is not theirs to be asked
    if (!judgesOwners(mosaic, user, context, [a.record.provenance.agency, b.record.provenance.agency])) return undefined;
    if (item.entityA === item.entityB) {
      // a pair already in one entity through records this person may not see (their view of the
      // entity holds the two apart) is not theirs to be asked: it would tell them of that link
      if (partA !== partB) return undefined;
      return { item, a, b, priority: reviewPriority(item.probability, partA.length), affected: partA.length, question: pairKey(item.a, item.b) };
    }
    // two parts are one question, asked by the best pair of theirs: a part is named by its first record
    const affected = partA.length + partB.length;
    return { item, a, b, priority: reviewPriority(item.probability, affected), affected, question: pairKey(partA[0] as RecordId, partB[0] as RecordId) };
  };
  const best = (items: readonly ReviewItem[]): RankedPair[] => {
    const all = items.flatMap((item) => ranked(item) ?? []).sort((x, y) => byReviewPriority({ ...x.item, priority: x.priority }, { ...y.item, priority: y.priority }));
    const asked = new Set<string>();
    const out: RankedPair[] = [];
    for (const pair of all) {
      if (out.length >= limit) break;
      if (asked.has(pair.question)) continue;
      asked.add(pair.question);
      out.push(pair);
    }
    return out;
  };
  let window = limit * 5;
  let chosen: RankedPair[];
  let items: readonly ReviewItem[];
  for (;;) {
    items = entities.review(window);
    await see(items.flatMap((item) => [item.entityA, item.entityB]));
    chosen = best(items);
    // a pair left unread ranks no higher for this person than in the queue, which puts it after
    // the window's last: once the last pair kept comes before that one, none can displace it
    const last = items.at(-1);
    const kept = chosen.at(-1);
    const settled = chosen.length >= limit && (kept === undefined || last === undefined || byReviewPriority({ ...kept.item, priority: kept.priority }, last) <= 0);
    if (settled || items.length < window || window >= MAX_REVIEW_WINDOW) break;
    window = Math.min(window * 4, MAX_REVIEW_WINDOW);
  }
  // the count reads the rest of the queue: a pair asks what another of the same two parts asks
  // (one question), and one hidden from the person counts for nothing
  if (items.length >= window && window < MAX_REVIEW_WINDOW) {
    window = MAX_REVIEW_WINDOW;
    items = entities.review(window);
    await see(items.flatMap((item) => [item.entityA, item.entityB]));
  }
  const left = new Set(items.flatMap((item) => ranked(item)?.question ?? [])).size;
  const more = items.length >= MAX_REVIEW_WINDOW;
  // each side goes by the id its part has for this person (the one GET /records/:id/entity
  // answers them), never by an entity that only records hidden from them hold together
  const partIds = await partIdsOf(mosaic, consultation, entities, chosen.flatMap(({ a, b }) => [a.record.id, b.record.id]));
  const named = chosen.flatMap((pair) => {
    const entityA = partIds.get(pair.a.record.id);
    const entityB = partIds.get(pair.b.record.id);
    return entityA === undefined || entityB === undefined ? [] : [{ ...pair, entityA, entityB }];
  });
  const records = new Map(named.flatMap(({ a, b }) => [a.record, b.record]).map((r) => [r.id, r]));
  const { visible } = await consult(mosaic, consultation, [...records.values()], { action: 'read', query: { review: limit } });
  const shown = new Set(visible.map((r) => r.id));
  const pairs = named.filter(({ a, b }) => shown.has(a.record.id) && shown.has(b.record.id)).map(({ item, a, b, entityA, entityB, affected }) => ({
    a: recordView(mosaic, a), b: recordView(mosaic, b), probability: item.probability, explain: withExplainedWords(entities.explain(a.record, b.record).explain, a.record, b.record), prior: entities.prior(),
    entityA, entityB, affected,
  }));
  return { pairs, left, more };
}

/**
 * The id each record's part goes by for this person (reader-view.ts), by record: a record in no
 * part that goes by an id for them (not resolved, or not readable) is left out.
 */
export async function partIdsOf(mosaic: Mosaic, consultation: Consultation, entities: Pick<EntityProjection, 'entityOf' | 'membersOf' | 'partsOf'>, records: readonly RecordId[]): Promise<ReadonlyMap<RecordId, EntityId>> {
  const views = new Map<EntityId, ReaderView>();
  const ids = new Map<RecordId, EntityId>();
  for (const record of records) {
    const entity = entities.entityOf(record);
    if (entity === undefined) continue;
    const view = views.get(entity) ?? await readerView(mosaic, consultation, entities, entity);
    views.set(entity, view);
    const part = view.parts.find((p) => p.records.includes(record));
    if (part) ids.set(record, part.id);
  }
  return ids;
}

/**
 * The subjects a decision on `records` concerns, for its audit entry: the entity each record is
 * of, and the id its part goes by for the person deciding (the one they saw, `parts`: partIdsOf).
 * Read before the decision and after it, the entry names the entities it split or joined and
 * those it made, so that an auditor finds it by any of them (LED Art. 25: whose data a
 * combination concerns).
 */
export function decidedSubjects(entities: Pick<EntityProjection, 'entityOf'>, records: readonly RecordId[], parts: ReadonlyMap<RecordId, EntityId>): readonly EntityId[] {
  return [...records.flatMap((record) => entities.entityOf(record) ?? []), ...parts.values()];
}

/**
 * Logs a decision on `records` that is written: its entry (`entry`, given the subjects) names
 * `before` and the subjects after it, and is written even where reading the parts after it fails
 * (a store read): it then names the entities the records are of, and the failure is thrown once
 * the entry is written. The parts read are returned, for the answer.
 */
export async function logDecided(mosaic: Mosaic, consultation: Consultation, entities: Pick<EntityProjection, 'entityOf' | 'membersOf' | 'partsOf'>, records: readonly RecordId[], before: readonly EntityId[], entry: (subjects: readonly EntityId[]) => AuditEvent): Promise<ReadonlyMap<RecordId, EntityId>> {
  let parts: ReadonlyMap<RecordId, EntityId> = new Map();
  try {
    parts = await partIdsOf(mosaic, consultation, entities, records);
  } finally {
    await mosaic.audit.append(entry(subjectsOnce(before, decidedSubjects(entities, records, parts))));
  }
  return parts;
}

/** `before` and `after` as one list, each id once, in order: an audit entry's subjects. */
const subjectsOnce = (...lists: readonly (readonly EntityId[])[]): readonly EntityId[] => [...new Set(lists.flat())].sort();

/** Why a pair is not the person's to judge though they may read both records: the policy's rule (decide, 'judge'), in words. */
export const NOT_THEIR_COUNTRYS = "records of another country's agencies are judged by that country's analysts or their owners";

/**
 * A side of a pair to judge: a stored record, or one about to be written for its agency (a
 * report's entity confirmed "the same as" a record, judged once it is written).
 */
export type JudgedSide = RecordId | { readonly owner: AgencyId };

/**
 * Whether the person may judge the pair `sides`: an analyst who may read each record of it, whom
 * the policy lets judge records of their owners (an agency owning one of them, or of the country
 * of both: a judgement joins or splits the subject for every user of every agency).
 */
export async function mayJudge(mosaic: Mosaic, consultation: Consultation, sides: readonly [JudgedSide, JudgedSide]): Promise<boolean> {
  if (!policyUser(consultation.user).roles.includes('analyst')) return false;
  requirePurpose(consultation);
  return (await unjudgeable(mosaic, consultation, sides)) === undefined;
}

/** Whether the policy lets the person judge two records of these owners (decide, 'judge'). */
export function judgesOwners(mosaic: Mosaic, user: PolicyUser, context: PolicyContext, owners: readonly [AgencyId, AgencyId]): boolean {
  return mosaic.decide(user, 'judge', { kind: 'pair', owners }, context).effect === 'allow';
}

/**
 * Why the person may not judge the pair, or undefined: the first side they may not read (a
 * record that does not exist is one), else the owners, whose records they may not judge.
 */
async function unjudgeable(mosaic: Mosaic, consultation: Consultation, sides: readonly [JudgedSide, JudgedSide]): Promise<{ readonly unread: 0 | 1 } | { readonly owners: true } | undefined> {
  const user = policyUser(consultation.user);
  const context = policyContext(await mosaic.org(), consultation);
  const records = await mosaic.store.getRecords(sides.filter((side): side is RecordId => typeof side === 'string'));
  const ownerOf = (side: JudgedSide): AgencyId | undefined => {
    if (typeof side !== 'string') return side.owner;
    const record = records.find((r) => r.record.id === side);
    return record && decide(user, 'read', { kind: 'record', provenance: record.record.provenance }, context).effect === 'allow' ? record.record.provenance.agency : undefined;
  };
  const [a, b] = [ownerOf(sides[0]), ownerOf(sides[1])];
  if (a === undefined) return { unread: 0 };
  if (b === undefined) return { unread: 1 };
  return judgesOwners(mosaic, user, context, [a, b]) ? undefined : { owners: true };
}

export type Verdict = 'same' | 'not_same' | 'unsure';

export interface JudgeOptions {
  /**
   * The verdict this judgement takes back, when it is the undo of one just made (the review's
   * Undo, which judges the pair unsure): its audit entry says `judgement undone:<verdict>`, not
   * `judgement:unsure`, so that the log tells an undo from an analyst's own "unsure".
   */
  readonly undoes?: Verdict;
}

/**
 * A person's judgement on two records the person may see; it sticks in every later run. `applied`:
 * false when a full pass was running (the judgement is stored and applies when it ends; the
 * entities returned are those before it). `keptApart`: a "same" applied that the entities do not
 * follow, as a "not same" in force keeps the two apart through the records a "same" joins them
 * to (cluster-records.ts: keeping people apart is the safe side); it is stored, and followed
 * once that "not same" is judged again. Only an analyst judges (403, as for undoing a merge);
 * a record they may not read is refused naming its field, in the words a missing one is; two
 * records of another country's agencies, none their own agency's, are refused in words (403,
 * NOT_THEIR_COUNTRYS): the judgement would stand for those agencies' own analysts.
 */
export async function judgePair(mosaic: Mosaic, consultation: Consultation, entities: EntityProjection, a: RecordId, b: RecordId, verdict: Verdict, note?: string, { undoes }: JudgeOptions = {}): Promise<{ entityA: EntityId | undefined; entityB: EntityId | undefined; applied: boolean; keptApart?: true }> {
  if (!consultation.user.roles.includes('analyst')) throw new AppError('MOSAIC_FORBIDDEN', 'only analysts judge records');
  // a judgement is on two records (one record judged "not the same" as itself would be a constraint no clustering can meet)
  if (a === b) throw new AppError('MOSAIC_INVALID_INPUT', 'b: a judgement is on two different records', { field: 'b', reason: 'the same record as a' });
  // a decision on who is whom, under the reviewer's purpose and case, which its audit entry records
  requirePurpose(consultation);
  const refused = await unjudgeable(mosaic, consultation, [a, b]);
  if (refused !== undefined && 'unread' in refused) {
    const field = refused.unread === 0 ? 'a' : 'b';
    throw new AppError('MOSAIC_NOT_FOUND', `${field}: no such record you may judge`, { field, reason: 'no such record you may judge' });
  }
  // both are theirs to read, so who owns them tells them nothing they do not see
  if (refused !== undefined) throw new AppError('MOSAIC_FORBIDDEN', NOT_THEIR_COUNTRYS);
  // "the same" is said of two of one kind that resolution groups (a person and a person): a
  // person is not a sighting, and a pair across kinds would be a judgement no run can follow
  const [first, second] = await mosaic.store.getRecords([a, b]).then((found) => [a, b].map((id) => found.find((s) => s.record.id === id)?.record.schema ?? ''));
  const kind = schemaGroup(first ?? '');
  if (kind === undefined || kind !== schemaGroup(second ?? '')) {
    const reason = kind === undefined ? `${first ?? ''} records are not resolved into entities` : `a ${second ?? ''} cannot be the same as a ${first ?? ''}`;
    // the side's schema is at fault, named as POST /compare names it
    const field = kind === undefined ? 'a.schema' : 'b.schema';
    throw new AppError('MOSAIC_INVALID_INPUT', `${field}: ${reason}`, { field, reason });
  }
  const user = policyUser(consultation.user);
  const before = decidedSubjects(entities, [a, b], await partIdsOf(mosaic, consultation, entities, [a, b]));
  // an undo says so: it is stored as the verdict it gives (unsure), which an analyst's own "unsure" is too
  const reason = undoes === undefined ? `judgement:${verdict}` : `judgement undone:${undoes}`;
  const applied = await entities.judge(a, b, verdict, consultation.user.id, note);
  const partIds = await logDecided(mosaic, consultation, entities, [a, b], before, (subjects) => ({ actor: { user: user.id, agency: user.agency }, action: 'combination', purpose: consultation.purpose, caseRef: consultation.caseRef, subjects, records: [a, b], outcome: 'ok', reason }));
  // the person sees the two apart whatever the reason: saying why tells them nothing more
  const keptApart = verdict === 'same' && applied && entities.entityOf(a) !== entities.entityOf(b);
  return { entityA: partIds.get(a), entityB: partIds.get(b), applied, ...(keptApart ? { keptApart } : {}) };
}
