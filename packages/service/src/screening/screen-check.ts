/**
 * The checkpoint check as a use case: validate the query (a refused query is a 400 that names
 * the field and the reason), screen the in-memory watchlist with what the policy lets this
 * officer see of each entry (content, a pointer to the owner, or nothing at all), log the check
 * in the audit chain, keep it as a document the officer decides on, and tell the owners of the
 * alerts hit at once (SIS: the issuing state is informed of every hit, Reg. (EU) 2018/1862
 * Art. 33 and 37). A check needs no case file: its own id is its case reference.
 */
import type { AuditEvent, PointedRecords } from '@mosaic/audit';
import { alertCategoryWords, AppError, hasControlCharacters, type AgencyId, type Credibility, type EntityId, type Nature, type Provenance, type RecordId, type Reliability, type SubjectCategory, type UserId } from '@mosaic/model';
import { decisionKey, RECORD_ROLES, type Decision, type DecisionReason, type OwnerNotice, type Pointer, type PolicyUser } from '@mosaic/policy';
import {
  activeAlerts, ALERT_CATEGORIES, BANDS, screenPrepared, validateQuery, VisibilityMemo,
  type ActionCode, type AlertCategory, type Band, type MatchExplanation, type ScreeningQuery, type SubjectId, type WatchlistEntry,
} from '@mosaic/screening';
import { randomBytes } from 'node:crypto';
import { timeOrderedId } from '../time-ordered-id.ts';
import { disclosureEvents } from '../disclosure-events.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import { alertContact } from './alerts.ts';
import type { ScreeningProjection } from './screening-projection.ts';
import type { EntityProjection } from '../resolution/entity-projection.ts';
import type { Notification } from '../notifier.ts';
import type { ChangeFollower } from '../change-follower.ts';
import { notificationDocuments } from './notification-inbox.ts';

export const CHECK_KIND = 'check';

/** The records a hit shows: the listed record and the alerts on it, or the records behind an agency's pointer (pointerRecords). */
export function recordsOfHit(hit: HitView, pointerRecords: CheckRecord['pointerRecords']): readonly RecordId[] {
  return hit.kind === 'match' ? [hit.subject, ...hit.alerts.map((a) => a.id)] : pointerRecords?.[hit.agency] ?? [];
}

/**
 * The records a kept check's hits show, each once: kept as the check's mentions
 * (DocumentInput.mentions), so that erasing one of them finds the checks that show it
 * (erase-from-checks.ts) without reading every check.
 */
export function checkMentions(check: Pick<CheckRecord, 'hits' | 'pointerRecords'>): string[] {
  return [...new Set(check.hits.flatMap((hit) => recordsOfHit(hit, check.pointerRecords)))];
}
export const CHECKPOINT_PURPOSE = 'checkpoint check';

export interface CheckInput {
  readonly query: ScreeningQuery;
  readonly place?: string;
  readonly latitude?: number;
  readonly longitude?: number;
}

export interface AlertHitView {
  readonly id: RecordId;
  readonly category: AlertCategory;
  readonly action: ActionCode;
  /** The standard instruction for the action, the same words whoever owns the alert. */
  readonly instruction: string;
  /** The owner's own instructions (questions to ask, objects to look for). */
  readonly instructions?: string;
  /** Whether the person may be told they are of interest. */
  readonly disclose: boolean;
  /** The alert's owner and its 24/7 desk (agencyName: on checks made since it was added). */
  readonly owner: { readonly agency: AgencyId; readonly agencyName?: string; readonly desk: string; readonly contact: string };
}

export interface HitDecision {
  /** confirm or reject a match; a pointer has no content to judge: the officer records the call to its desk. */
  readonly decision: 'confirm' | 'reject' | 'called';
  readonly by: UserId;
  readonly at: string;
  readonly sighting?: RecordId;
  /** What the desk said (a pointer's call). */
  readonly notes?: string;
  /**
   * In the decision's answer only, not kept: the agencies told of it (an alert's owner told of a
   * confirmation or a rejection, a pointer's owner of the call), among those the decider is shown
   * on the hit; none where the hit has no alert, so the officer is not told an owner was.
   */
  readonly told?: readonly AgencyId[];
}

/**
 * The listed subject as the officer compares it with the person in front of them: the name it
 * is listed under, dates of birth and nationalities. Only on a match, which the policy let the
 * officer see in full; a pointer carries none of it.
 */
export interface ListedSubject {
  readonly name?: string;
  readonly birthDates?: readonly string[];
  readonly nationalities?: readonly string[];
}

/**
 * A hit's `ref` is drawn at random when the check is made and stays the hit's for every reader:
 * a decision, an owner's notice and a Sighting name the hit by it, and it tells nothing of the
 * hit's place among the others, nor of how many there are. Its `n` is its place among the hits
 * the reader is shown (read-check.ts): stored, the check numbers all its hits, and a reader shown
 * hits 0 and 2 would learn of a hit 1 hidden from them. A check kept before hits had refs has
 * none, and its hits are named by their `n` as shown.
 */
export type HitRef = string;

export type HitView =
  | {
    readonly n: number; readonly ref?: HitRef; readonly kind: 'match'; readonly subject: RecordId; readonly schema: string; readonly score: number; readonly band: Band;
    /** LED Arts. 6-7: whether the listed person is a suspect, a victim, a witness…, and whether the listing is fact or assessment. */
    readonly category?: SubjectCategory; readonly nature?: Nature;
    /** LED Art. 7(2): the listed record's grading, so the officer can weigh the hit (a source graded F, information 6, is not to act on alone). */
    readonly reliability?: Reliability; readonly credibility?: Credibility;
    readonly listed?: ListedSubject;
    readonly explain: MatchExplanation; readonly alerts: readonly AlertHitView[]; readonly decision?: HitDecision;
    /** The hit (its n, as the reader is shown it) whose listed record resolution holds to be this same person, on records this officer may see: one person, two listings. */
    readonly sameSubjectAs?: number;
    /** The listed record was erased since: what the hit showed of it is gone (erase-from-checks.ts). */
    readonly erased?: true;
  }
  | ({ readonly n: number; readonly ref?: HitRef; readonly kind: 'pointer'; readonly band: Band; readonly decision?: HitDecision } & Pointer);

/** A hit's ref: 'h' and 48 random bits in hex, never a number (a decision takes either). */
export const HIT_REF = /^h[0-9a-f]{12}$/;

/** `hits` each with a ref of its own, drawn together: one call for the random bits of all. */
function withRefs(hits: readonly HitView[]): HitView[] {
  const bits = randomBytes(6 * hits.length).toString('hex');
  const drawn = new Set<HitRef>();
  return hits.map((hit, i) => {
    let ref: HitRef = `h${bits.slice(12 * i, 12 * i + 12)}`;
    while (drawn.has(ref)) ref = `h${randomBytes(6).toString('hex')}`;
    drawn.add(ref);
    return { ...hit, ref };
  });
}

export interface CheckRecord {
  readonly id: string;
  readonly at: string;
  readonly user: UserId;
  readonly agency: AgencyId;
  readonly desk: string;
  readonly purpose: string;
  readonly caseRef: string;
  readonly place?: string;
  readonly latitude?: number;
  readonly longitude?: number;
  /** The query as asked: kept with the check (and in the audit log), never in application logs. */
  readonly query: ScreeningQuery;
  readonly hits: readonly HitView[];
  /**
   * Kept with the check, never shown (answers go through checkAnswer): the listed records behind
   * each agency's pointer, so that a later reader of the check is shown the pointer only where the
   * policy would give them one now (read-check.ts).
   */
  readonly pointerRecords?: Readonly<Record<string, readonly RecordId[]>>;
}

/**
 * The records kept behind each pointer `hits` show, for the audit entry of showing them: the
 * reader sees the agency alone, and its auditor only that (audit-search.ts), while the owner's
 * auditor finds the check by the record the owner's encounter notice names. A check kept before
 * its pointers' records were kept with it names none.
 */
export function pointedOf(hits: readonly HitView[], pointerRecords: CheckRecord['pointerRecords']): PointedRecords[] {
  return hits.flatMap((hit) => (hit.kind === 'pointer' ? [{ agency: hit.agency, records: pointerRecords?.[hit.agency] ?? [] }] : []));
}

/** A check as it is answered: without what is kept for its later readers only (pointerRecords). */
export function checkAnswer(check: CheckRecord): CheckRecord {
  const { pointerRecords: _kept, ...answer } = check;
  return answer;
}

const MAX_PLACE = 200;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function rejected(field: string, reason: string): AppError {
  return new AppError('MOSAIC_QUERY_REJECTED', `${field}: ${reason}`, { field, reason });
}

function checkWhere(input: CheckInput): void {
  if (input.place !== undefined && (input.place.length > MAX_PLACE || CONTROL.test(input.place))) throw rejected('place', `text of at most ${MAX_PLACE} characters without control characters`);
  if (input.latitude !== undefined && !(Number.isFinite(input.latitude) && Math.abs(input.latitude) <= 90)) throw rejected('latitude', 'a number from -90 to 90');
  if (input.longitude !== undefined && !(Number.isFinite(input.longitude) && Math.abs(input.longitude) <= 180)) throw rejected('longitude', 'a number from -180 to 180');
  if ((input.latitude === undefined) !== (input.longitude === undefined)) throw rejected(input.latitude === undefined ? 'latitude' : 'longitude', 'latitude and longitude go together');
}

/**
 * The purpose and case reference go into the check and the audit log as given: no control
 * characters (a terminal escape, a forged line break), refused as a search refuses them.
 */
function checkPurpose(given: { readonly purpose: string; readonly caseRef: string }): void {
  for (const [field, value] of [['purpose', given.purpose], ['caseRef', given.caseRef]] as const) {
    if (hasControlCharacters(value)) throw new AppError('MOSAIC_INVALID_INPUT', `${field}: control characters are not allowed`, { field, reason: 'control characters' });
  }
}

/** The audit and the document keep only the fields asked (no undefined holes). */
function queryAsked(query: ScreeningQuery): ScreeningQuery {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string' && v !== '')) as ScreeningQuery;
}

/**
 * The name a match's subject is listed under, for its alerts' owners' notices (`subjectName`), so
 * that a notice says on whom: only where the subject is listed alone (its entry is that record
 * and no other, whose spelling could be another's). A notice naming the subject is told only to
 * a reader who may read it (notification-view.ts), and the name goes with its erasure
 * (erase-from-checks.ts), which finds it by the notice's mention of the subject.
 */
export function listedName(projection: Pick<ScreeningProjection, 'recordsOf'>, hit: HitView & { kind: 'match' }): string | undefined {
  const behind = projection.recordsOf(hit.subject as string as SubjectId);
  return behind.length === 1 && behind[0] === hit.subject && hit.erased !== true ? hit.listed?.name : undefined;
}

/** An owner to tell, and which of its own records was screened against. */
interface RecordNotice extends OwnerNotice {
  readonly record: RecordId;
}

interface EntryDecision {
  readonly visibility: 'full' | 'pointer' | 'hidden';
  readonly pointer?: Pointer;
  readonly notices: readonly RecordNotice[];
}

function listedOf(entry: WatchlistEntry): ListedSubject {
  const name = (entry.names.find((n) => n.kind === 'name') ?? entry.names[0])?.value;
  return {
    ...(name !== undefined ? { name } : {}),
    ...(entry.birthDates?.length ? { birthDates: [...entry.birthDates] } : {}),
    ...(entry.nationalities?.length ? { nationalities: [...entry.nationalities] } : {}),
  };
}

/**
 * A 'screen' decision depends on the user's agency, desk, roles, clearance and groups, the
 * organisation and agreements, and the record's provenance; the purpose only has to be present,
 * which a check's always is. So what a profile may see of each listed entry is kept per
 * organisation snapshot (replaced on any administrative change) and per user profile, in a
 * compact memo by entry position that the index's per-entry version invalidates (an entry whose
 * records change is decided again), and a checkpoint does not re-run the policy for every
 * candidate of every check. The memo is filled ahead of need in the background after a
 * profile's first check (`decideAhead`, a few milliseconds between requests), so on a large list
 * checks do not pay for the first decision on each entry.
 */
interface ProfileCaches {
  /** Record decisions of the entries and alerts shown (a handful per check, often the same). */
  readonly records: WeakMap<Provenance, Decision>;
  memo: VisibilityMemo | undefined;
}
const cachesBySnapshot = new WeakMap<object, Map<string, ProfileCaches>>();
/** The organisation snapshot the latest check of each node read: decisions ahead stop once it is replaced. */
const latestSnapshot = new WeakMap<Mosaic, object>();
/** Milliseconds of deciding ahead per turn of the event loop. */
const DECIDE_AHEAD_SLICE_MS = 4;

function cachesFor(snapshot: object, user: PolicyUser): ProfileCaches {
  let byProfile = cachesBySnapshot.get(snapshot);
  if (!byProfile) {
    byProfile = new Map();
    cachesBySnapshot.set(snapshot, byProfile);
  }
  const profile = JSON.stringify([user.agency, user.desk, [...user.roles].sort(), user.clearance, [...user.groups].sort()]);
  let caches = byProfile.get(profile);
  if (!caches) {
    caches = { records: new WeakMap(), memo: undefined };
    byProfile.set(profile, caches);
  }
  return caches;
}

/** Fills the memo a slice at a time between requests until every entry is decided, the index or the organisation is replaced. */
function decideAheadInBackground(mosaic: Mosaic, snapshot: object, memo: VisibilityMemo, decide: (entryIndex: number) => EntryDecision['visibility']): void {
  let next = 0;
  const step = (): void => {
    if (latestSnapshot.get(mosaic) !== snapshot || next >= memo.index.entries.length) return;
    next = memo.decideAhead(decide, next, DECIDE_AHEAD_SLICE_MS);
    setImmediate(step).unref();
  };
  setImmediate(step).unref();
}

/** The resolved entities, where the node has them: hits on records of one subject say so. */
export type CheckSubjects = Pick<EntityProjection, 'entityOf' | 'partsOf'>;

/**
 * How far the watchlist has read the change feed (the node's ChangeFollower): where nothing is
 * stored beyond it, the markings it holds are the stored ones, and a check need not read them.
 */
export type FeedRead = Pick<ChangeFollower, 'seq'>;

export async function screenCheck(mosaic: Mosaic, consultation: Consultation, projection: ScreeningProjection, input: CheckInput, subjects?: CheckSubjects, feed?: FeedRead): Promise<CheckRecord> {
  const { user } = consultation;
  const policy = policyUser(user);
  // A role that may not screen would be answered "no hit" for every entry, which reads as
  // "nothing held", and the empty check kept and audited as a screening: refused instead.
  if (!policy.roles.some((role) => RECORD_ROLES.screen.includes(role))) throw new AppError('MOSAIC_FORBIDDEN', 'checks are made by checkpoint officers, officers and analysts');
  const validated = validateQuery(input.query);
  if (!validated.ok) throw rejected(validated.field, validated.reason);
  checkWhere(input);
  // Time-ordered (UUIDv7): the check documents of a busy checkpoint append to the key's index
  // instead of landing on random pages of it (about half the cost of each write at 160k documents).
  const id = timeOrderedId();
  const purpose = consultation.purpose?.trim() || CHECKPOINT_PURPOSE;
  const caseRef = consultation.caseRef?.trim() || id;
  checkPurpose({ purpose, caseRef });
  const snapshot = await mosaic.org();
  latestSnapshot.set(mosaic, snapshot);
  const context = policyContext(snapshot, { user, purpose, caseRef });
  const now = mosaic.now();
  const at = now.toISOString();

  const caches = cachesFor(snapshot, policy);
  const decideRecord = (recordId: RecordId, provenance: Provenance): Decision =>
    mosaic.decide(policy, 'screen', { kind: 'record', id: recordId, provenance }, context);
  /** Kept for what is shown: the entries and alerts a check returns recur, the rest of the list is in the memo. */
  const shownRecordDecision = (recordId: RecordId, provenance: Provenance): Decision => {
    let d = caches.records.get(provenance);
    if (d === undefined) {
      d = decideRecord(recordId, provenance);
      caches.records.set(provenance, d);
    }
    return d;
  };
  const decideEntry = (entry: WatchlistEntry, recordDecision: typeof decideRecord): EntryDecision => {
    const records = projection.recordsOf(entry.id);
    const each = records.map((r) => {
      const provenance = projection.provenanceOf(r);
      return provenance ? recordDecision(r, provenance) : ({ effect: 'deny', reason: 'not applicable' } as const);
    });
    const notices = each.flatMap((d, i) => (d.effect !== 'deny' && d.notifyOwner ? [{ ...d.notifyOwner, record: records[i] as RecordId }] : []));
    // Content only when every record behind the entry may be shown (an entity must not leak a member).
    const pointer = each.find((d) => d.effect === 'pointer');
    if (each.length > 0 && each.every((d) => d.effect === 'allow')) return { visibility: 'full', notices };
    if (pointer?.effect === 'pointer') return { visibility: 'pointer', pointer: pointer.pointer, notices };
    return { visibility: 'hidden', notices: [] };
  };
  if (caches.memo?.index !== projection.index) {
    const memo = new VisibilityMemo(projection.index);
    caches.memo = memo;
    decideAheadInBackground(mosaic, snapshot, memo, (entryIndex) => {
      const entry = memo.index.entries[entryIndex]?.entry;
      return entry ? decideEntry(entry, decideRecord).visibility : 'hidden';
    });
  }
  const pointerOf = new Map<AgencyId, Pointer>();
  const outcome = screenPrepared(projection.index, validated.query, {
    at: now,
    memo: caches.memo,
    visibility: (entry) => {
      const d = decideEntry(entry, decideRecord);
      if (d.pointer) pointerOf.set(d.pointer.agency, d.pointer);
      return d.visibility;
    },
    // An alert is shown when the alert record itself may be screened against; a pointer-only
    // alert is not shown (its owner is told of the encounter instead: unseenAlertNotices).
    alertVisible: (alert) => {
      const provenance = projection.provenanceOf(alert.id as string as RecordId);
      return provenance !== undefined && shownRecordDecision(alert.id as string as RecordId, provenance).effect === 'allow';
    },
  });
  if (!outcome.ok) throw rejected(outcome.field, outcome.reason);
  const held = await heldOf(mosaic, projection, outcome.hits, feed);
  /**
   * The decision on a record behind a hit as the store holds it now, or undefined for one no
   * longer held: the watchlist hears of a marking changed (raised, restricted to a need-to-know
   * group) at its next read of the change feed, and a check made meanwhile showed the record as
   * it was marked before. Decided again only where what the policy reads of it changed.
   */
  const decidedNow = (record: RecordId): Decision | undefined => {
    const stored = held.get(record);
    if (stored === undefined) return undefined;
    const listed = projection.provenanceOf(record);
    return listed !== undefined && decisionKey(listed) === decisionKey(stored) ? shownRecordDecision(record, listed) : decideRecord(record, stored);
  };
  const shownNow = (record: RecordId): boolean => decidedNow(record)?.effect === 'allow';

  const hits: HitView[] = [];
  const notices: RecordNotice[] = [];
  /** The listed names of the records screened against, for their owners' notices (each owner its own records' names only). */
  const names = new Map<RecordId, string>();
  const entryOf = (id: SubjectId): WatchlistEntry | undefined => projection.index.entries[projection.index.entryIndexOf(id) ?? -1]?.entry;
  const noticesOf = (entry: WatchlistEntry): readonly RecordNotice[] => {
    const found = decideEntry(entry, shownRecordDecision).notices.filter((n) => (decidedNow(n.record)?.effect ?? 'deny') !== 'deny');
    if (found.length === 0) return found;
    const name = listedOf(entry).name;
    // the entry's name only when every record behind it is the owner's own: an entry that
    // resolves several agencies' records may be listed under another agency's spelling
    const ownersOf = new Set(projection.recordsOf(entry.id).map((r) => projection.provenanceOf(r)?.agency));
    if (name !== undefined && ownersOf.size === 1) for (const n of found) if (ownersOf.has(n.agency)) names.set(n.record, name);
    return found;
  };
  /**
   * The owners of the alerts in force on a listed entry hit that the officer is not shown (a
   * pointer-only alert, or any alert on an entry shown as a pointer) are told of the encounter as
   * the agreement with the officer's agency asks (notifyOwnerOnEncounter), naming their alert:
   * the notice of the entry's own records reaches its records' owners only, so an agency whose
   * discreet check was hit learned nothing of it.
   */
  const unseenAlertNotices = (entry: WatchlistEntry, shown: ReadonlySet<string>): RecordNotice[] =>
    activeAlerts(entry.alerts ?? [], now).flatMap((alert) => {
      const id = alert.id as string as RecordId;
      const d = shown.has(id) ? undefined : decidedNow(id);
      return d !== undefined && d.effect !== 'deny' && d.notifyOwner ? [{ ...d.notifyOwner, record: id }] : [];
    });
  const pointedAgencies = new Set<AgencyId>();
  const pointerRecords: Record<string, RecordId[]> = {};
  for (const hit of outcome.hits) {
    if (hit.kind === 'pointer') {
      const pointed = pointerOf.get(hit.agency);
      const entry = entryOf(hit.id);
      const behind = projection.recordsOf(hit.id).filter((r) => projection.provenanceOf(r)?.agency === hit.agency && (decidedNow(r)?.effect ?? 'deny') !== 'deny');
      if (!pointed || behind.length === 0) continue;
      (pointerRecords[hit.agency] ??= []).push(...behind);
      // The owner learns of every one of its records encountered; the officer gets one pointer
      // per agency: how many of its entries matched is not the officer's to know.
      if (entry) notices.push(...noticesOf(entry), ...unseenAlertNotices(entry, new Set()));
      if (pointedAgencies.has(hit.agency)) continue;
      pointedAgencies.add(hit.agency);
      hits.push({ n: hits.length, kind: 'pointer', band: hit.band, ...pointed });
      continue;
    }
    if (!projection.recordsOf(hit.id).every(shownNow)) continue;
    const alerts = hit.alerts.filter((a) => shownNow(a.alert.id as string as RecordId));
    const entry = entryOf(hit.id);
    if (entry) notices.push(...noticesOf(entry), ...unseenAlertNotices(entry, new Set(alerts.map((a) => a.alert.id as string))));
    const listed = held.get(hit.id as RecordId) ?? projection.provenanceOf(hit.id as RecordId);
    hits.push({
      n: hits.length, kind: 'match', subject: hit.id as RecordId, schema: entry?.schema ?? 'Thing', score: hit.score, band: hit.band,
      ...(listed ? { category: listed.category, nature: listed.nature, reliability: listed.reliability, credibility: listed.credibility } : {}), ...(entry ? { listed: listedOf(entry) } : {}), explain: hit.explain,
      alerts: alerts.map((a) => ({
        id: a.alert.id as string as RecordId, category: a.category, action: a.action, instruction: a.instruction, disclose: a.disclose,
        ...(a.alert.instructions !== undefined ? { instructions: a.alert.instructions } : {}),
        owner: {
          agency: a.alert.ownerAgency, agencyName: snapshot.org.agencies.find((g) => g.id === a.alert.ownerAgency)?.name ?? a.alert.ownerAgency,
          desk: deskName(snapshot.org.desks, a.alert.ownerDesk.id), contact: alertContact(a, snapshot.org.desks),
        },
      })),
    });
  }

  const check: CheckRecord = {
    id, at, user: user.id, agency: user.agency, desk: user.desk, purpose, caseRef,
    ...(input.place !== undefined ? { place: input.place } : {}),
    ...(input.latitude !== undefined ? { latitude: input.latitude } : {}),
    ...(input.longitude !== undefined ? { longitude: input.longitude } : {}),
    query: queryAsked(input.query), hits: withRefs(withSameSubjects(inReadingOrder(hits), subjects)),
    ...(Object.keys(pointerRecords).length > 0 ? { pointerRecords } : {}),
  };
  // The check document and its owners' notifications ride with its audit entries: one
  // transaction, group-committed with the other checks of this turn, so a check is kept exactly
  // when it is audited, and its notifications with it. They are published once it is kept.
  const told = ownerNotifications(check, notices, names, (hit) => listedName(projection, hit));
  await mosaic.audit.appendAll(auditOf(check, projection, (record, provenance) => shownRecordDecision(record, provenance).reason), [{ kind: CHECK_KIND, id, owner: user.agency, body: check, mentions: checkMentions(check) }, ...told.flatMap(notificationDocuments)]);
  for (const notification of told) mosaic.notifier.publish(notification, { stored: true });
  return checkAnswer(check);
}

/**
 * Which of the records a check's hits would show, point to or tell an owner of are still held in
 * the store, with the provenance they are held under now. The watchlist hears of an erasure, or of
 * a marking changed, at its next read of the change feed (a quarter of a second; later on a node
 * busy with an upload, or another node than the one that wrote), and a check made meanwhile showed
 * the erased record, kept its name in the check and told its owner again (LED Art. 16: erased
 * means gone for the next reader too), or showed a record its owner had just raised to TLP:RED or
 * restricted to a case team as it was marked before. What the store no longer holds is left out
 * as if it were not listed; what it holds is decided on as it is marked now (screenCheck).
 */
async function heldOf(mosaic: Mosaic, projection: ScreeningProjection, found: readonly { readonly id: SubjectId }[], feed: FeedRead | undefined): Promise<ReadonlyMap<RecordId, Provenance>> {
  const ids = new Set<RecordId>();
  for (const hit of found) {
    for (const record of projection.recordsOf(hit.id)) ids.add(record);
    const entry = projection.index.entries[projection.index.entryIndexOf(hit.id) ?? -1]?.entry;
    for (const alert of entry?.alerts ?? []) ids.add(alert.id as string as RecordId);
  }
  return ids.size === 0 ? new Map() : heldInTurn(mosaic, ids, projection, feed);
}

/** The read of the records asked for by the checks of this turn of the event loop, per node. */
const heldThisTurn = new WeakMap<Mosaic, { readonly ids: Set<RecordId>; readonly held: Promise<ReadonlyMap<RecordId, Provenance>> }>();

/**
 * Which of `ids` the store holds, and under which provenance, read once for every check of this
 * turn, as their audit entries are appended together (audit-log.ts): a read of thirty ids costs
 * twice one of a few (BENCHMARKS.md, Screening), and a busy checkpoint's concurrent checks would
 * each pay one. Where the change feed holds nothing beyond what the watchlist has read (`feed`),
 * the watchlist's own markings are the stored ones: the feed's last sequence is read instead, a
 * cheaper read than the records' provenance.
 */
function heldInTurn(mosaic: Mosaic, ids: ReadonlySet<RecordId>, projection: ScreeningProjection, feed: FeedRead | undefined): Promise<ReadonlyMap<RecordId, Provenance>> {
  let turn = heldThisTurn.get(mosaic);
  if (turn === undefined) {
    const wanted = new Set<RecordId>();
    const held = new Promise<ReadonlyMap<RecordId, Provenance>>((resolve, reject) => {
      setImmediate(() => {
        heldThisTurn.delete(mosaic);
        heldNow(mosaic, [...wanted], projection, feed).then(resolve, reject);
      });
    });
    turn = { ids: wanted, held };
    heldThisTurn.set(mosaic, turn);
  }
  for (const id of ids) turn.ids.add(id);
  return turn.held;
}

async function heldNow(mosaic: Mosaic, ids: readonly RecordId[], projection: ScreeningProjection, feed: FeedRead | undefined): Promise<ReadonlyMap<RecordId, Provenance>> {
  if (feed !== undefined) {
    const readTo = feed.seq;
    if ((await mosaic.store.latestSeq()) <= readTo) {
      const listed = new Map<RecordId, Provenance>();
      for (const id of ids) {
        const provenance = projection.provenanceOf(id);
        if (provenance !== undefined) listed.set(id, provenance);
      }
      return listed;
    }
  }
  return mosaic.store.heldProvenances(ids);
}

/**
 * The officer reads the cards from the top: first the hits with an alert in force, which ask an
 * action of the officer (possible matches among them too), then the others. Within each, by band,
 * then a hit whose alert asks the most binding action (ALERT_CATEGORIES order: arrest before a
 * discreet check), then another agency's pointer (call its desk before letting the person go),
 * then known subjects without an alert; otherwise the screening's order. Two pointers that were
 * hits ranked above a discreet check on a possible match and pushed it off the officer's first
 * screen. Hits are numbered in the order shown.
 */
function inReadingOrder(hits: readonly HitView[]): HitView[] {
  const rank = (hit: HitView): number => {
    if (hit.kind === 'pointer') return ALERT_CATEGORIES.length;
    const first = hit.alerts[0];
    return first ? ALERT_CATEGORIES.indexOf(first.category) : ALERT_CATEGORIES.length + 1;
  };
  const alerted = (hit: HitView): number => (hit.kind === 'match' && hit.alerts.length > 0 ? 0 : 1);
  return hits
    .map((hit, at) => ({ hit, at }))
    .sort((a, b) => alerted(a.hit) - alerted(b.hit) || BANDS.indexOf(a.hit.band) - BANDS.indexOf(b.hit.band) || rank(a.hit) - rank(b.hit) || a.at - b.at)
    .map(({ hit }, n) => ({ ...hit, n }));
}

/**
 * Hits on two listings of one person (resolution put their records in one entity, and they hold
 * together on the records shown alone: partsOf) point to the first of them, so that the officer
 * reads one person, not two. Only shown records take part: a tie through a record the officer
 * may not see joins nothing.
 */
function withSameSubjects(hits: readonly HitView[], subjects: CheckSubjects | undefined): HitView[] {
  if (!subjects) return [...hits];
  const byEntity = new Map<EntityId, RecordId[]>();
  for (const hit of hits) {
    if (hit.kind !== 'match') continue;
    const entity = subjects.entityOf(hit.subject);
    if (entity !== undefined) byEntity.set(entity, [...(byEntity.get(entity) ?? []), hit.subject]);
  }
  const firstOf = new Map<RecordId, RecordId>();
  for (const [entity, shown] of byEntity) {
    if (shown.length < 2) continue;
    // hits are in reading order, so each part's first record in `shown` is its first card
    for (const part of subjects.partsOf(entity, new Set(shown))) {
      const first = shown.find((r) => part.includes(r));
      if (part.length > 1 && first !== undefined) for (const r of part) if (r !== first) firstOf.set(r, first);
    }
  }
  const nOf = new Map(hits.flatMap((h) => (h.kind === 'match' ? [[h.subject, h.n] as const] : [])));
  return hits.map((hit) => {
    const first = hit.kind === 'match' ? firstOf.get(hit.subject) : undefined;
    const n = first === undefined ? undefined : nOf.get(first);
    return n === undefined ? hit : { ...hit, sameSubjectAs: n };
  });
}

function deskName(desks: readonly { readonly id: string; readonly name: string }[], id: string): string {
  return desks.find((d) => d.id === id)?.name ?? id;
}

/** `reasonOf`: the reason of the policy's decision to show the record in this check. */
function auditOf(check: CheckRecord, projection: ScreeningProjection, reasonOf: (record: RecordId, provenance: Provenance) => DecisionReason): AuditEvent[] {
  const shown = check.hits.flatMap((h) => (h.kind === 'match' ? [h.subject, ...h.alerts.map((a) => a.id)] : []));
  const actor = { user: check.user, agency: check.agency };
  const common = {
    actor, purpose: check.purpose, caseRef: check.caseRef,
    query: { check: check.id, ...check.query, place: check.place ?? null, latitude: check.latitude ?? null, longitude: check.longitude ?? null },
  };
  const events: AuditEvent[] = [{
    ...common, action: 'screening', records: shown, pointers: check.hits.flatMap((h) => (h.kind === 'pointer' ? [h.agency] : [])),
    pointed: pointedOf(check.hits, check.pointerRecords), outcome: 'ok',
  }];
  const disclosed = shown.flatMap((record) => {
    const provenance = projection.provenanceOf(record);
    if (provenance?.agency === check.agency) return [];
    // a listing with no provenance of its own (none today: a subject is a record) is still logged as disclosed
    return [{ record, reason: provenance === undefined ? 'not applicable' as const : reasonOf(record, provenance) }];
  });
  return [...events, ...disclosureEvents(common, check.agency, disclosed)];
}

/**
 * Alert owners learn of a hit at once: where, when, the action shown, and which agency and desk
 * checked (not the officer: the desk is the agencies' point of contact). Owners of entries
 * screened under an agreement that asks for it, and of alerts on them the officer was not shown,
 * get an encounter notice naming which of their own records was encountered (id and listed name:
 * telling the owner about its own records leaks nothing), where and when, and by which agency and
 * desk; the query and the officer's other hits stay with the officer's agency, whose check it is
 * (GET /checks/:id answers it alone: read-check.ts). A record an alert.hit already named (its
 * subject, the alert) is left out of the encounter notice, the owner's other records encountered
 * in the check are not: a hit on one of its alerts says nothing of the others. A notice's title
 * is read by a person (the inbox, a webhook's receiver): it says what the alert asks in words
 * (alertCategoryWords, "Hit on your alert: discreet check"); its body keeps the action and
 * category codes for machines.
 */
function ownerNotifications(check: CheckRecord, notices: readonly RecordNotice[], names: ReadonlyMap<RecordId, string>, nameOf: (hit: HitView & { kind: 'match' }) => string | undefined): Notification[] {
  const out: Notification[] = [];
  /** Each agency's records named in its alert.hit notices. */
  const told = new Map<AgencyId, Set<RecordId>>();
  const where = {
    ...(check.place !== undefined ? { place: check.place } : {}),
    ...(check.latitude !== undefined ? { latitude: check.latitude, longitude: check.longitude } : {}),
  };
  for (const hit of check.hits) {
    if (hit.kind !== 'match' || hit.band === 'none' || hit.alerts.length === 0) continue;
    const subjectName = nameOf(hit);
    for (const alert of hit.alerts) {
      told.set(alert.owner.agency, (told.get(alert.owner.agency) ?? new Set()).add(hit.subject).add(alert.id));
      out.push({
        id: timeOrderedId(), at: check.at, to: { agency: alert.owner.agency }, kind: 'alert.hit', title: `Hit on your alert: ${alertCategoryWords(alert.category)}`,
        body: {
          check: check.id, ...(hit.ref === undefined ? {} : { hit: hit.ref }), alert: alert.id, subject: hit.subject, ...(subjectName === undefined ? {} : { subjectName }),
          band: hit.band, action: alert.action, category: alert.category, time: check.at, ...where, agency: check.agency, desk: check.desk,
        },
      });
    }
  }
  const encountered = new Map<AgencyId, Set<RecordId>>();
  for (const notice of notices) {
    if (notice.kind !== 'encounter' || told.get(notice.agency)?.has(notice.record) === true || notice.agency === check.agency) continue;
    encountered.set(notice.agency, (encountered.get(notice.agency) ?? new Set()).add(notice.record));
  }
  for (const [owner, ids] of encountered) {
    const records = [...ids].sort();
    out.push({
      id: timeOrderedId(), at: check.at, to: { agency: owner }, kind: 'deconfliction.encounter', title: 'Another agency encountered your subject',
      body: {
        check: check.id, record: records[0] as RecordId, records, names: records.map((r) => names.get(r) ?? ''),
        time: check.at, ...where, requester: check.agency, desk: check.desk,
      },
    });
  }
  return out;
}
