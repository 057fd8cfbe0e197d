/**
 * Resolved entities as a projection of the records: at start, one resolution run over every
 * matchable record continues from the stored snapshot (so entity ids stay stable and every
 * human judgement holds); afterwards each new record is resolved incrementally against the
 * existing entities, an updated one clustered again with its entity and the entities its new
 * version links to, and a deleted one taken out of its entity, which is clustered again without
 * it. A judgement is committed and its two entities clustered again at once (a record judged
 * before the feed brought it, written a moment before, resolved first as the feed would); so is
 * an undone merge (undo-locally.ts), and a record taken out of its entity (its not-same
 * judgements with the rest, as one), so the next answer reflects them.
 *
 * Nodes sharing the store (their bus shared) commit one at a time, each under a claim in the
 * store (claim-lease.ts): a judgement, an undo, the resolution of a slice of the change feed and
 * a full pass (a node's first included). The committing node first applies the outcomes the
 * others stored before, in their order, draws new ids past the largest number any node stored,
 * commits, and stores its outcome (the change it committed, with the ids it gave, and the
 * version of each record it resolved) under the next number. The other nodes are told
 * (node-bridge.ts) and apply the outcomes in that order: a judgement or an undo replayed on their
 * own index (for the parts it joined), resolved records resolved there too as they hold them
 * (for candidates, review and parts), then the outcome's ids taken and any move of their own the
 * outcome did not make put back. A record an outcome resolved is not resolved again when the
 * feed brings it (its version is the one resolved), so each record's version is committed once,
 * by the first node to reach it: no two nodes give one id to two entities, and an id names the
 * same records on every node and in the store, however differently the nodes read the feed or
 * number a full pass. A node that stops holds nothing the others wait on longer than the claim
 * takes to go stale. The newest KEPT_OUTCOMES are kept; a node further behind resolves
 * everything again from the stored membership. A single node (its bus not shared) commits
 * without a claim and stores no outcome of the feed or of a full pass.
 * A full pass of a large store runs in a worker thread (full-pass.ts), and reading the records
 * for it gives the event loop turns: requests go on being answered while it runs.
 */
import { AppError, type EntityId, type EntityRecord, type RecordId, type UserId } from '@mosaic/model';
import {
  addRecord, adoptChange, answeredByJudgements, byReviewPriority, candidatesOf, compareRecords, createResolutionIndex, emptyChange, judgeLocally, pairKey, preparingLookups, removeLocally, joinChanges, reviewPriority, reviewQueue, schemaGroup, undoLocally, undoMerge, updateLocally, visibleParts,
  type AnsweredPair, type Candidate, type Judgement, type ResolutionChange, type ResolutionIndex, type ReviewItem, type Verdict,
} from '@mosaic/resolution';
import { defaultModel, type MatchModel, type ScoreResult } from '@mosaic/matching';
import type { Store } from '@mosaic/store';
import type { Projection, RecordChange } from '../change-follower.ts';
import { whileClaimed } from '../claim-lease.ts';
import { createEventLoopYielder } from '../event-loop-yielder.ts';
import { createFullPass } from './full-pass.ts';
import { storeResolutionStore, withoutNote } from './store-resolution-store.ts';

/** Uncertain pairs kept between two full passes before a pass is run to find them all again. */
const MAX_ARRIVALS = 10_000;

/** Records read from the store at a time by a full pass (a page is read in one go: tens of milliseconds). */
const PAGE = 1000;

/** Where the outcome of each judgement and undone merge is kept for the other nodes, numbered in the order they were made. */
const OUTCOME_KIND = 'entity-outcome';
const outcomeId = (n: number): string => `o${String(n).padStart(12, '0')}`;
const outcomeNumber = (id: string): number | undefined => (/^o\d{12}$/.test(id) ? Number(id.slice(1)) : undefined);
/** Outcomes read at start for the last number (made one at a time, the last is among the newest stored). */
const RECENT_OUTCOMES = 200;
/** Outcomes kept for a node behind the others: the oldest is deleted as each is stored. */
const KEPT_OUTCOMES = 10_000;
/** Outcomes read at a time by a node applying the others'. */
const OUTCOME_PAGE = 100;
/** A full pass that moved more records than this has the others resolve everything again (its ids stored) rather than list them all. */
const OUTCOME_RECORDS = 50_000;

/** The claim held by the node judging or undoing a merge (claim-lease.ts). */
const JUDGING = { kind: 'entity-judging', id: 'entities', owner: 'resolution' } as const;
/**
 * The holder writes its claim every JUDGING_RENEW_MS while it works, however long (a judgement on
 * entities too large to cluster alone runs a full pass under it: a minute at a million records),
 * so a claim not written for JUDGING_STALE_MS was left by a node that stopped, and is taken over.
 * Nodes compare their clocks through it: a minute forgives clocks that differ by seconds.
 */
const JUDGING_STALE_MS = 60_000;
const JUDGING_RENEW_MS = 10_000;
/** How long a judgement or an undo waits for another node's before it is refused. */
const JUDGING_WAIT_MS = 30_000;
/** The feed and a full pass wait out other nodes' full passes under the claim (a node's first at start included), or a claim going stale. */
const RESOLVING_WAIT_MS = 210_000;
/** Who holds the claim while a node resolves the feed or runs a full pass. */
const RESOLVING_BY = 'resolution';

/** A change as stored in an outcome (JSON: the membership as pairs). */
type StoredChange = Omit<ResolutionChange, 'membership'> & { readonly membership: readonly (readonly [RecordId, EntityId])[] };

/**
 * What one node committed, for the others: a judgement or an undo's own change (replayed there;
 * a record taken out of its entity is stored as an undo is, its not-same judgements replayed as one),
 * and the change committed with it, whose ids they take. `versions`: the records it resolved
 * (from the feed, or in a full pass: a judgement on entities too large to cluster alone, say),
 * each at the version it read; the others resolve them too and take the change's ids. `full`:
 * a full pass moved too many records to list: the others resolve everything again from the
 * stored entities, which hold its ids.
 */
interface StoredOutcome {
  readonly judgement?: Judgement;
  readonly undo?: StoredChange;
  readonly change?: StoredChange;
  readonly versions?: readonly (readonly [RecordId, number])[];
  readonly full?: boolean;
}

/** What a node committed resolving the feed, for the others: each record's change, and the version it resolved. */
interface Told {
  readonly changes: ResolutionChange[];
  readonly versions: [RecordId, number][];
}

const storedChange = (change: ResolutionChange): StoredChange => ({ ...change, membership: [...change.membership] });
const readChange = (stored: StoredChange): ResolutionChange => ({ ...stored, membership: new Map(stored.membership) });
/**
 * An outcome without the notes of its judgements: a note is kept in the stored judgement alone,
 * where the erasure of a record it is written on finds it (erase-from-judgement-notes.ts); neither
 * an outcome nor a node's entities need it. Read so too (an outcome stored before kept them).
 */
const outcomeWithoutNotes = (outcome: StoredOutcome): StoredOutcome => {
  const change = (c: StoredChange | undefined): StoredChange | undefined => (c === undefined ? undefined : { ...c, judgements: c.judgements.map(withoutNote) });
  const judgement = outcome.judgement === undefined ? undefined : withoutNote(outcome.judgement);
  const undo = change(outcome.undo);
  const made = change(outcome.change);
  return { ...outcome, ...(judgement ? { judgement } : {}), ...(undo ? { undo } : {}), ...(made ? { change: made } : {}) };
};

/** Below this many matchable records the store's own EM estimates are not trusted. */
export const MIN_RECORDS_TO_TRAIN = 5000;

export interface EntityProjection extends Projection {
  /** The live entity a (possibly retired) id leads to, following redirects. */
  resolve(id: EntityId): Promise<readonly EntityId[]>;
  entityOf(record: RecordId): EntityId | undefined;
  membersOf(entity: EntityId): readonly RecordId[];
  /** The entity's members a viewer may see, regrouped on the visible evidence alone (largest part first). */
  partsOf(entity: EntityId, visible: ReadonlySet<RecordId>): readonly (readonly RecordId[])[];
  /** Resolved records a new one would be compared with (same blocking and scorer), best first; nothing is added. */
  candidates(record: Pick<EntityRecord, 'schema' | 'properties'>, limit: number): readonly Candidate[];
  /**
   * The best `limit` uncertain pairs by a priority that counts every record of their entities,
   * hidden ones included: not an order to show anyone as it is (reviewPairs ranks them again on
   * what the reviewer may see, and reads as far as it needs).
   */
  review(limit: number): readonly ReviewItem[];
  /** The pair compared with the model and name frequencies of the last full pass (the shipped model before any): level and weight per feature. */
  explain(a: Pick<EntityRecord, 'schema' | 'properties'>, b: Pick<EntityRecord, 'schema' | 'properties'>): ScoreResult;
  /** That model's prior: the probability that two of the store's records drawn at random are one person (the base rate `explain`'s weights start from). */
  prior(): number;
  /**
   * Stores a judgement and applies it to the entities. True once applied; false when a full pass
   * is running (it can take a minute at a million records): the judgement is stored, the review
   * queue leaves its pair out at once, and it is applied as soon as the pass is done. Rejects
   * with MOSAIC_CONFLICT when another node's judgement or undo held the entities too long.
   */
  judge(a: RecordId, b: RecordId, verdict: Verdict, by: UserId, note?: string): Promise<boolean>;
  /** The two entities a merge joined and the pair of records that linked them (the pair its undo judges not the same). */
  mergeEvent(mergeId: string): Promise<{ readonly survivor: EntityId; readonly absorbed: EntityId; readonly link: readonly [RecordId, RecordId] } | undefined>;
  /** Undoes a merge: the not-same judgements it made (on the merge's link, and on each pair across whose "same" it overrules, undo-merge.ts). */
  undo(mergeId: string, by: UserId): Promise<readonly Judgement[]>;
  /**
   * Takes `record` out of its entity, whatever joined it there (a merge, a full pass, a record
   * resolved into it): a not-same judgement between it and each of `apart`, made at once and
   * applied as one, the records of their entities clustered again under them as an undo's are
   * (undo-locally.ts), so a split redirects the entity's id to its parts. The judgements made.
   */
  takeOut(record: RecordId, apart: readonly RecordId[], by: UserId, note?: string): Promise<readonly Judgement[]>;
  /**
   * The merges that built a live entity, each with the pair of records that linked its two sides:
   * its own and those of the entities it absorbed, at any depth, undone ones included.
   */
  merges(entity: EntityId): Promise<readonly { id: string; survivor: EntityId; absorbed: EntityId; probability: number; kind: string; at: string; undone: boolean; link: readonly [RecordId, RecordId] }[]>;
  /** Resolve everything again from the records and the stored snapshot. */
  rebuild(): Promise<void>;
  /** Runs a rebuild scheduled by an update now (not after its delay) and resolves when it has run (before closing the store, or to read the entities as the records are); rejects if it failed. */
  settle(): Promise<void>;
  /** No further scheduled rebuilds (the node is shutting down). */
  stop(): void;
  /** Called with each record whose entity changed (or may have: a rebuild reports every record). */
  onMembership(listener: (record: RecordId) => void): void;
  /**
   * Applies the outcome of what another node committed (a judgement, an undone merge, records
   * resolved; stored by id), as it was made there, after those stored before it (in their
   * order); an outcome already applied is not applied again.
   */
  adopt(outcomeId: string): Promise<void>;
  /** Applies the stored outcomes of other nodes not applied yet (one whose message was lost), in their order. */
  adoptMissed(): Promise<void>;
}

export interface EntityProjectionOptions {
  readonly now?: () => Date;
  /** From this many matchable records on, a full pass runs in a worker thread (full-pass.ts). */
  readonly workerFrom?: number;
  /** Tells the other nodes of the outcome of what this node committed (stored by id). */
  readonly published?: (outcomeId: string) => void;
  /** The newest outcomes kept in the store (KEPT_OUTCOMES). */
  readonly keptOutcomes?: number;
}

export async function createEntityProjection(store: Store, { now = () => new Date(), workerFrom, published, keptOutcomes = KEPT_OUTCOMES }: EntityProjectionOptions = {}): Promise<EntityProjection> {
  // other nodes commit to the store: this one commits under the claim, and tells them what
  const shared = store.bus.shared;
  // reading every record's entity gives the event loop turns (a full pass reads it again)
  const persistence = storeResolutionStore(store, { betweenPages: createEventLoopYielder() });
  const fullPass = createFullPass(workerFrom === undefined ? {} : { workerFrom });
  let index: ResolutionIndex | undefined;
  let membership = new Map<RecordId, EntityId>();
  let members = new Map<EntityId, RecordId[]>();
  let pending: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let cancel: (() => void) | undefined;
  let stopped = false;
  let failure: unknown;
  let model: MatchModel | undefined;
  // Uncertain pairs met by incremental resolution since the last full pass (which finds them all
  // again): a record arriving between two passes is put before a person as soon as it arrives.
  const arrivals = new Map<string, { readonly a: RecordId; readonly b: RecordId; readonly probability: number }>();
  const noteUncertain = (current: ResolutionIndex, id: RecordId, record: EntityRecord): void => {
    const { reviewLow, reviewHigh } = current.state.thresholds;
    for (const c of candidatesOf(current, record, { limit: 20 })) {
      if (c.record !== id && c.probability >= reviewLow && c.probability < reviewHigh) arrivals.set(pairKey(id, c.record), { a: id, b: c.record, probability: c.probability });
    }
    // Many arrivals since the last full pass: a new pass finds them all again and frees these.
    if (arrivals.size >= MAX_ARRIVALS) schedule();
  };
  // What the full pass's queue leaves out is left out here too (review-queue.ts): a judged pair,
  // a pair of two entities a judgement keeps apart, a pair of one entity across a "same". A
  // judgement rebuilds, which clears these; those left are the records that arrived since.
  const arrivalsToReview = (answered: AnsweredPair): ReviewItem[] => {
    const items: ReviewItem[] = [];
    for (const pair of arrivals.values()) {
      const entityA = membership.get(pair.a);
      const entityB = membership.get(pair.b);
      if (entityA === undefined || entityB === undefined || answered(pair.a, pair.b, entityA, entityB)) continue;
      const affected = entityA === entityB ? (members.get(entityA)?.length ?? 1) : (members.get(entityA)?.length ?? 1) + (members.get(entityB)?.length ?? 1);
      // The same priority as the full pass's queue: uncertainty times the records affected.
      items.push({ ...pair, entityA, entityB, priority: reviewPriority(pair.probability, affected) });
    }
    return items;
  };
  const listeners: ((record: RecordId) => void)[] = [];

  const setMember = (record: RecordId, entity: EntityId): void => {
    const previous = membership.get(record);
    if (previous === entity) return;
    for (const listener of listeners) listener(record);
    if (previous) {
      const list = members.get(previous)?.filter((r) => r !== record) ?? [];
      if (list.length > 0) members.set(previous, list);
      else members.delete(previous);
    }
    membership.set(record, entity);
    members.set(entity, [...(members.get(entity) ?? []), record]);
  };
  const dropMember = (record: RecordId): void => {
    const previous = membership.get(record);
    if (previous === undefined) return;
    for (const listener of listeners) listener(record);
    membership.delete(record);
    const list = members.get(previous)?.filter((r) => r !== record) ?? [];
    if (list.length > 0) members.set(previous, list);
    else members.delete(previous);
  };

  // The stored version each record was resolved at: a full pass reads the store as it is, ahead
  // of the change feed during an upload, and a change the pass has already seen is not an update.
  const resolvedVersion = new Map<RecordId, number>();

  const allMatchable = async (): Promise<EntityRecord[]> => {
    const out: EntityRecord[] = [];
    const versions: [RecordId, number][] = [];
    let afterId: RecordId | undefined;
    const giveWay = createEventLoopYielder();
    for (;;) {
      await giveWay();
      const page = await store.scanRecords({ limit: PAGE, ...(afterId ? { afterId } : {}) });
      for (const stored of page) {
        if (schemaGroup(stored.record.schema) === undefined) continue;
        out.push(stored.record);
        versions.push([stored.record.id, stored.version]);
      }
      const last = page.at(-1);
      if (page.length < PAGE || !last) {
        resolvedVersion.clear();
        for (const [id, version] of versions) resolvedVersion.set(id, version);
        return out;
      }
      afterId = last.record.id;
    }
  };

  // A rebuild and the resolution of arriving records give the event loop turns as they go;
  // one runs at a time, so neither reads the index or the snapshot while the other changes it.
  let turn: Promise<unknown> = Promise.resolve();
  const serialised = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = turn.then(operation, operation);
    turn = run.catch(() => undefined);
    return run;
  };

  // Full passes running now, and the judgements stored meanwhile that wait for them to end (by pair).
  let passing = 0;
  const waitingJudgements = new Map<string, Judgement>();
  /** A full pass: the change it committed. */
  const rebuildNow = async (): Promise<ResolutionChange> => {
    passing++;
    try {
      return await fullPassNow();
    } finally {
      passing--;
    }
  };
  const fullPassNow = async (): Promise<ResolutionChange> => {
    // the entities hold no note (outcomeWithoutNotes)
    const loaded = await persistence.load();
    const snapshot = { ...loaded, judgements: loaded.judgements.map(withoutNote) };
    const records = await allMatchable();
    // Estimating m/u by EM needs many candidate pairs; on a small store its estimates are noise
    // (two unrelated names scored 0.26), so the shipped model, trained on reference data, is used.
    const run = await fullPass.run(records, { snapshot, at: now().toISOString(), train: records.length >= MIN_RECORDS_TO_TRAIN });
    model = run.model;
    // records deleted since they were resolved are in no run: their membership goes
    const present = new Set(run.state.ids);
    const gone = [...snapshot.membership.keys()].filter((id) => !present.has(id));
    const committed = gone.length > 0 ? { ...run.change, removedMembers: gone } : run.change;
    await persistence.commit(committed);
    // every record anew (setMember's copy of the entity's list per record is for one at a time),
    // built aside with turns for the event loop (a tenth of a second at 80,000 records), then put
    // in place at once: a reader sees the entities before the pass or after it
    const giveWay = createEventLoopYielder();
    const nextMembership = new Map<RecordId, EntityId>();
    const nextMembers = new Map<EntityId, RecordId[]>();
    for (let i = 0; i < run.state.ids.length; i++) {
      const id = run.state.ids[i] as RecordId;
      const entity = run.state.entities[i] as EntityId;
      nextMembership.set(id, entity);
      const list = nextMembers.get(entity);
      if (list) list.push(id);
      else nextMembers.set(entity, [id]);
      if ((i & 0x3ff) === 0) await giveWay();
    }
    // the lookups by record a correction, deletion or judgement makes (record-positions.ts):
    // built here with turns, not by the first such event at once
    const lookups = preparingLookups(run.state);
    while (!lookups.next().done) await giveWay();
    const before = membership;
    index = createResolutionIndex(run.state);
    membership = nextMembership;
    members = nextMembers;
    arrivals.clear();
    for (const record of before.keys()) for (const listener of listeners) listener(record);
    for (const record of membership.keys()) for (const listener of listeners) listener(record);
    return committed;
  };
  /** A full pass's change as an outcome: the records it moved, at the version it read. */
  const passOutcome = (change: ResolutionChange): Pick<StoredOutcome, 'change' | 'versions' | 'full'> => (change.membership.size > OUTCOME_RECORDS ? { full: true } : {
    change: storedChange(change),
    versions: [...change.membership.keys()].flatMap((id) => {
      const version = resolvedVersion.get(id);
      return version === undefined ? [] : [[id, version] as const];
    }),
  });
  const moves = (change: ResolutionChange): boolean => change.membership.size > 0 || (change.removedMembers?.length ?? 0) > 0 || change.redirects.length > 0;
  // Among nodes, a full pass is due, and `claimed` runs it under the claim (after the outcomes
  // stored before it, read in the snapshot it resolves from); its moves are an outcome the others take.
  const rebuild = (): Promise<void> => serialised(async () => {
    if (!shared) return void (await rebuildNow());
    passDue = true;
    await claimed(RESOLVING_BY, RESOLVING_WAIT_MS, async () => undefined);
  });

  const schedule = (): void => {
    if (stopped) return;
    pending ??= new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 200);
      cancel = resolve;
    }).then(() => (stopped ? undefined : rebuild())).catch((error: unknown) => {
      // A rebuild that fails after stop (the store is closing) is no one's concern; before
      // stop, the next settle() reports it.
      if (!stopped) failure = error;
    }).finally(() => {
      pending = undefined;
      timer = undefined;
    });
  };

  // Outcomes stored before the first full pass are in the membership it reads (their ids kept):
  // the number of the last one applied here.
  let lastOutcome = 0;
  /** Among nodes: another node's full pass moved too many records to list, or outcomes were let go before this node applied them. */
  let passDue = false;
  const newestOutcome = async (): Promise<number> => {
    let newest = 0;
    for (const d of await store.listDocuments(OUTCOME_KIND, { limit: RECENT_OUTCOMES })) newest = Math.max(newest, outcomeNumber(d.id) ?? 0);
    return newest;
  };
  lastOutcome = await newestOutcome();
  /** Stores this node's outcome under the next number (under the claim, nobody else takes it), lets the oldest go, and tells the others. */
  const publish = async (outcome: StoredOutcome): Promise<void> => {
    const id = outcomeId(lastOutcome + 1);
    if (!(await store.createDocument({ kind: OUTCOME_KIND, id, owner: 'resolution', body: outcomeWithoutNotes(outcome) }))) {
      throw new AppError('MOSAIC_INTERNAL', `entities: outcome ${id} was stored by another node while this one held the judging claim (taken over as stale)`);
    }
    lastOutcome++;
    if (lastOutcome > keptOutcomes) await store.deleteDocument(OUTCOME_KIND, outcomeId(lastOutcome - keptOutcomes));
    published?.(id);
  };
  /**
   * Records another node resolved (`versions`): resolved here too as this node holds them now
   * (for candidates, the review and parts), then placed where that node placed them (the
   * outcome's change); a move resolving them here made that the change does not hold (this
   * node's index was otherwise: a newer version read, say) is put back, for the change is the store's.
   */
  const adoptResolved = async (current: ResolutionIndex, change: ResolutionChange, versions: readonly (readonly [RecordId, number])[]): Promise<void> => {
    const behind = versions.filter(([id, version]) => resolvedVersion.get(id) !== version).map(([id]) => id);
    const records = behind.length === 0 ? [] : (await store.getRecords(behind)).filter((s) => s.deletedAt === undefined).map((s) => s.record);
    const at = now().toISOString();
    const before = new Map<RecordId, EntityId | undefined>();
    const resolvedHere = new Map<RecordId, EntityId>();
    for (const record of records) {
      if (schemaGroup(record.schema) === undefined) continue;
      const local = membership.has(record.id) ? updateLocally(current, record, { at }) : addRecord(current, record, { at }).change;
      for (const [r, entity] of local?.membership ?? []) {
        if (!before.has(r)) before.set(r, membership.get(r));
        resolvedHere.set(r, entity);
      }
      noteUncertain(current, record.id, record);
    }
    const taken = adoptChange(current, change);
    const mergedAway = new Set(change.redirects.map((r) => r.from));
    const putBack = new Map<RecordId, EntityId>();
    for (const [r, entity] of before) if (entity !== undefined && !change.membership.has(r) && !mergedAway.has(entity)) putBack.set(r, entity);
    const back = putBack.size > 0 ? adoptChange(current, { ...emptyChange(0), membership: putBack }) : new Map<RecordId, EntityId>();
    for (const [record, entity] of new Map([...resolvedHere, ...taken, ...back])) setMember(record, entity);
    for (const record of change.removedMembers ?? []) {
      dropMember(record);
      resolvedVersion.delete(record);
    }
    for (const [id, version] of versions) resolvedVersion.set(id, version);
  };
  /** Another node's outcome: replayed here, then its ids taken (nothing is committed: that node did). */
  const adoptNow = async (outcome: StoredOutcome): Promise<void> => {
    if (!index) return;
    if (outcome.full) {
      passDue = true;
      return;
    }
    const sequence = index.sequence;
    if (outcome.versions && outcome.change) {
      await adoptResolved(index, readChange(outcome.change), outcome.versions);
      // the numbers resolving here drew from this node's sequence were replaced by the outcome's ids
      index.sequence = Math.max(sequence, outcome.change.entitySequence);
      return;
    }
    const undo = outcome.undo ? readChange(outcome.undo) : undefined;
    const replayed = outcome.judgement
      ? judgeLocally(index, outcome.judgement, { at: outcome.judgement.at })
      : undo ? undoLocally(index, undo, { at: undo.judgements[0]?.at ?? now().toISOString() }) : undefined;
    // the replay's moves (an undo's own first), then the outcome's ids over them
    for (const change of [undo, replayed]) for (const [record, entity] of change?.membership ?? []) setMember(record, entity);
    if (outcome.change) for (const [record, entity] of adoptChange(index, readChange(outcome.change))) setMember(record, entity);
    // the numbers the replay drew from this node's sequence were replaced by the outcome's ids
    index.sequence = Math.max(sequence, outcome.change?.entitySequence ?? index.sequence);
  };
  /**
   * The outcomes stored since the last applied here, in their order (on this node's turn). One
   * let go (KEPT_OUTCOMES) before this node applied it: a full pass is due, which resolves
   * everything again from the stored membership (its ids kept).
   */
  const adoptStored = async (): Promise<void> => {
    for (;;) {
      const page = await store.listDocuments(OUTCOME_KIND, { afterId: outcomeId(lastOutcome), limit: OUTCOME_PAGE });
      const first = page[0];
      if (!first) return;
      if (outcomeNumber(first.id) !== lastOutcome + 1) {
        lastOutcome = await newestOutcome();
        passDue = true;
        continue;
      }
      for (const found of page) {
        if (outcomeNumber(found.id) !== lastOutcome + 1) break;
        lastOutcome++;
        await adoptNow(outcomeWithoutNotes(found.body as StoredOutcome));
      }
      if (page.length < OUTCOME_PAGE) return;
    }
  };
  /** Outcomes applied outside the claim: a full pass due runs soon, under it. */
  const adoptStoredSoon = async (): Promise<void> => {
    await adoptStored();
    if (passDue) schedule();
  };
  const adopt = async (id: string): Promise<void> => {
    const number = outcomeNumber(id);
    if (number !== undefined && number <= lastOutcome) return;
    await serialised(adoptStoredSoon);
  };
  /**
   * Work that commits among nodes: on one node at a time (the claim), after every outcome stored
   * before it, with new ids drawn past the largest number any node stored.
   */
  const claimed = <T>(by: string, waitMs: number, work: () => Promise<T>): Promise<T> => whileClaimed(store, { ...JUDGING, by }, {
    staleMs: JUDGING_STALE_MS,
    renewMs: JUDGING_RENEW_MS,
    waitMs,
    busy: () => new AppError('MOSAIC_CONFLICT', 'entities are being judged on another node: try again'),
  }, async () => {
    await adoptStored();
    if (passDue) {
      passDue = false;
      const change = await rebuildNow();
      if (moves(change)) await publish(passOutcome(change));
    }
    if (index) index.sequence = Math.max(index.sequence, await persistence.entitySequence());
    return work();
  });
  /** A judgement or an undo: on this node's turn, and under the claim. */
  const exclusively = <T>(by: UserId, work: () => Promise<T>): Promise<T> => serialised(() => claimed(by, JUDGING_WAIT_MS, work));
  /**
   * A judgement made now, after the one in force on its pair (made on another node a moment
   * before, say): the later applied is the one in force, here and for a full pass (latestJudgements).
   */
  const stamped = (judgement: Omit<Judgement, 'at'>): Judgement => {
    const at = now().toISOString();
    const known = index?.state.judgements.get(pairKey(judgement.a, judgement.b));
    return { ...judgement, at: known !== undefined && known.at >= at ? new Date(Date.parse(known.at) + 1).toISOString() : at };
  };

  /** Resolves the changes on the index and commits each record's change (and gathers them in `told`). */
  const resolveChanges = async (current: ResolutionIndex, changes: readonly RecordChange[], told?: Told): Promise<void> => {
    let changed = false;
    // Resolving a record against the entities takes about a millisecond: requests go on between them.
    const giveWay = createEventLoopYielder();
    for (const { id, record, version } of changes) {
      await giveWay();
      if (!record && membership.has(id)) {
        // A deleted (or erased) record leaves its entity, which is clustered again without it.
        const change = removeLocally(current, id, { at: now().toISOString() });
        if (!change) { changed = true; continue; }
        await persistence.commit(change);
        told?.changes.push(change.removedMembers?.includes(id) ? change : { ...change, removedMembers: [...(change.removedMembers ?? []), id] });
        dropMember(id);
        for (const [r, e] of change.membership) setMember(r, e);
        continue;
      }
      if (!record || schemaGroup(record.schema) === undefined) continue;
      if (membership.has(id)) {
        // An updated record may now belong elsewhere: its entity and those its new version links
        // to are clustered again (update-locally.ts), unless a full pass (or another node's
        // outcome) already resolved it as it is now; entities too large for that are left to a full pass.
        if (version !== undefined && resolvedVersion.get(id) === version) continue;
        const change = updateLocally(current, record, { at: now().toISOString() });
        if (!change) { changed = true; continue; }
        if (version !== undefined) resolvedVersion.set(id, version);
        // the pairs its new version makes are put before a person as an arriving record's are
        for (const [key, pair] of arrivals) if (pair.a === id || pair.b === id) arrivals.delete(key);
        noteUncertain(current, id, record);
        await persistence.commit(change);
        if (version !== undefined) told?.versions.push([id, version]);
        told?.changes.push(change);
        for (const [r, e] of change.membership) setMember(r, e);
        continue;
      }
      if (version !== undefined) resolvedVersion.set(id, version);
      const result = addRecord(current, record, { at: now().toISOString() });
      noteUncertain(current, id, record);
      await persistence.commit(result.change);
      if (version !== undefined) told?.versions.push([id, version]);
      told?.changes.push(result.change);
      for (const [r, e] of result.change.membership) setMember(r, e);
      setMember(id, result.entity);
    }
    if (changed) schedule();
  };
  /** Whether the change is still to be resolved here (not resolved yet at its version, nor by another node's outcome). */
  const unresolved = ({ id, record, version }: RecordChange): boolean => (record === undefined
    ? membership.has(id)
    : schemaGroup(record.schema) !== undefined && (!membership.has(id) || version === undefined || resolvedVersion.get(id) !== version));
  /** Resolves the changes (under the claim among nodes) and, among nodes, stores what it committed as an outcome for the others. */
  const resolveTelling = async (current: ResolutionIndex, changes: readonly RecordChange[]): Promise<void> => {
    if (!shared) return resolveChanges(current, changes);
    const told: Told = { changes: [], versions: [] };
    await resolveChanges(current, changes, told);
    if (told.changes.length > 0) await publish({ change: storedChange(told.changes.reduce(joinChanges)), versions: told.versions });
  };
  /**
   * Records judged before the change feed brought them (a person confirmed from a report as the
   * same as a record held, written a moment before): resolved now, as the feed would resolve them,
   * on this node's turn and under the claim (a judgement's), so that the judgement clusters their
   * entities and is not left to a full pass over the store. The feed then finds them resolved at
   * their version (unresolved), here and, through the outcome, on the other nodes.
   */
  const resolveArrived = async (ids: readonly RecordId[]): Promise<void> => {
    const current = index;
    const fresh = ids.filter((id) => !membership.has(id));
    if (!current || fresh.length === 0) return;
    const changes: RecordChange[] = (await store.getRecords(fresh)).filter((s) => s.deletedAt === undefined).map((s) => ({ id: s.record.id, record: s.record, version: s.version }));
    if (changes.some(unresolved)) await resolveTelling(current, changes);
  };

  await rebuild();

  return {
    name: 'entities',
    apply: (changes: readonly RecordChange[]) => serialised(async () => {
      if (!index) return;
      if (!shared) return resolveChanges(index, changes);
      // among nodes, under the claim: the first node to reach a record commits it, and tells the
      // others what it committed; what they committed first is applied before (outside the
      // claim, as it only reads), and the claim is taken for what is left
      if (!changes.some(unresolved)) return;
      await adoptStored();
      if (!passDue && !changes.some(unresolved)) return;
      await claimed(RESOLVING_BY, RESOLVING_WAIT_MS, async () => {
        if (index) await resolveTelling(index, changes);
      });
    }),
    resolve: (id) => persistence.resolveEntityId(id),
    entityOf: (record) => membership.get(record),
    membersOf: (entity) => members.get(entity) ?? [],
    partsOf: (entity, visible) => (index ? visibleParts(index, entity, visible) : []),
    candidates: (record, limit) => (index ? candidatesOf(index, record, { limit }) : []),
    explain: (a, b) => compareRecords(a, b, model, index?.state.frequencies),
    prior: () => (model ?? defaultModel()).prior,
    review: (limit) => {
      if (!index) return [];
      const judged = answeredByJudgements(index.state);
      // a pair judged while a full pass runs is answered already, though not applied yet
      const answered: AnsweredPair = (a, b, entityA, entityB) => waitingJudgements.has(pairKey(a, b)) || judged(a, b, entityA, entityB);
      // a corrected record's pair can be both a pass's candidate and met again as it is now
      const items = new Map<string, ReviewItem>();
      const current = index;
      const sizeOf = (entity: EntityId): number => current.members.get(entity)?.length ?? 1;
      for (const item of [...reviewQueue(index.state, { limit, answered, sizeOf }), ...arrivalsToReview(answered)]) items.set(pairKey(item.a, item.b), item);
      // the queue's order throughout (ties by the records' ids), which reviewPairs reads on from
      return [...items.values()].sort(byReviewPriority).slice(0, limit);
    },
    // A judgement moves only the records of its two entities: they are clustered again at once
    // (judge-locally.ts), a record the feed has not brought yet resolved first (resolveArrived),
    // and a full pass is run only for entities too large for that.
    judge: async (a, b, verdict, by, note) => {
      const requested: Judgement = { a, b, verdict, by, at: now().toISOString(), ...(note ? { note } : {}) };
      const key = pairKey(a, b);
      waitingJudgements.set(key, requested);
      // During a full pass it is stored at once (a full pass that read the judgements before it
      // does not see it), and applied here as it was made when that pass is done, unless a later
      // judgement of its pair was applied meanwhile (judgeLocally then leaves it be).
      const early = passing > 0;
      if (early) await persistence.commit({ ...emptyChange(0), judgements: [requested] });
      const applied = exclusively(by, async () => {
        await resolveArrived([a, b]);
        const judgement = early ? requested : stamped(requested);
        // the note is stored with the judgement, and kept nowhere else (outcomeWithoutNotes)
        const change = index ? judgeLocally(index, withoutNote(judgement), { at: judgement.at }) : undefined;
        if (!change) {
          const judged = { ...emptyChange(0), judgements: [judgement] };
          if (!early) await persistence.commit(judged);
          // the others take the pass's moves, the judgement with them
          return publish(passOutcome(joinChanges(judged, await rebuildNow())));
        }
        await persistence.commit(early ? change : { ...change, judgements: [judgement] });
        for (const [record, entity] of change.membership) setMember(record, entity);
        await publish({ judgement, change: storedChange(change) });
      }).finally(() => {
        if (waitingJudgements.get(key) === requested) waitingJudgements.delete(key);
      });
      if (!early) {
        await applied;
        return true;
      }
      // as a scheduled rebuild's failure is: reported by the next settle()
      applied.catch((error: unknown) => { if (!stopped) failure ??= error; });
      return false;
    },
    async mergeEvent(mergeId) {
      const event = (await persistence.mergeEvents()).find((e) => e.id === mergeId);
      return event ? { survivor: event.survivor, absorbed: event.absorbed, link: event.link } : undefined;
    },
    undo(mergeId, by) {
      return exclusively(by, async () => {
        // read under the claim: a merge undone on another node a moment before is undone already
        const snapshot = await persistence.load();
        const link = snapshot.mergeEvents.find((e) => e.id === mergeId)?.link;
        const at = link ? stamped({ a: link[0], b: link[1], verdict: 'not_same', by }).at : now().toISOString();
        const change = undoMerge(snapshot, mergeId, { by, at });
        await persistence.commit(change);
        // the two entities clustered again under the undo's `not_same`, as judge does
        const clustered = index ? undoLocally(index, change, { at }) : undefined;
        if (!clustered) {
          await publish(passOutcome(joinChanges(change, await rebuildNow())));
          return change.judgements;
        }
        await persistence.commit(clustered);
        const whole = joinChanges(change, clustered);
        for (const [record, entity] of whole.membership) setMember(record, entity);
        await publish({ undo: storedChange(change), change: storedChange(whole) });
        return change.judgements;
      });
    },
    takeOut(record, apart, by, note) {
      return exclusively(by, async () => {
        // one instant for them all, after the judgement in force on each of their pairs
        const at = apart.map((other) => stamped({ a: record, b: other, verdict: 'not_same', by }).at).reduce((latest, next) => (next > latest ? next : latest), now().toISOString());
        const judgements: Judgement[] = apart.map((other) => ({ a: record, b: other, verdict: 'not_same', by, at, ...(note ? { note } : {}) }));
        // the note is stored with the judgements, and kept nowhere else (outcomeWithoutNotes)
        await persistence.commit({ ...emptyChange(0), judgements });
        const judged = { ...emptyChange(0), judgements: judgements.map(withoutNote) };
        const clustered = index ? undoLocally(index, judged, { at }) : undefined;
        if (!clustered) {
          await publish(passOutcome(joinChanges(judged, await rebuildNow())));
          return judgements;
        }
        await persistence.commit(clustered);
        for (const [member, entity] of clustered.membership) setMember(member, entity);
        // the others replay it as an undo's judgements (adoptNow), then take its ids
        await publish({ undo: storedChange(judged), change: storedChange(joinChanges(judged, clustered)) });
        return judgements;
      });
    },
    async merges(entity) {
      const events = await persistence.mergeEvents();
      // The ids merged into this entity, those merged into them before, and so on: a merge that
      // built an entity it later absorbed built this one too (and is undone from it, undo-merge.ts).
      // An undone merge gave the absorbed entity its id back: what that one absorbed is its own.
      const absorbedBy = new Map<EntityId, EntityId[]>();
      for (const e of events) if (!e.undone) (absorbedBy.get(e.survivor) ?? absorbedBy.set(e.survivor, []).get(e.survivor)!).push(e.absorbed);
      const built = new Set<EntityId>([entity]);
      for (const id of built) for (const absorbed of absorbedBy.get(id) ?? []) built.add(absorbed);
      return events.filter((e) => built.has(e.survivor) || built.has(e.absorbed)).map((e) => ({
        id: e.id, survivor: e.survivor, absorbed: e.absorbed, probability: e.probability, kind: e.kind, at: e.at, undone: e.undone !== undefined, link: e.link,
      }));
    },
    rebuild,
    async settle() {
      // a rebuild waiting out its delay runs now: whoever settles wants the entities as the records are
      if (pending) {
        if (timer) clearTimeout(timer);
        cancel?.();
      }
      while (pending) await pending;
      if (failure !== undefined) {
        const error = failure;
        failure = undefined;
        throw error;
      }
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      cancel?.();
      void fullPass.close();
    },
    onMembership: (listener) => {
      listeners.push(listener);
    },
    adopt,
    adoptMissed: () => serialised(adoptStoredSoon),
  };
}
