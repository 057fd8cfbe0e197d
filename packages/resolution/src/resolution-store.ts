/**
 * The persistence seam of resolution (as Kysely's driver seam: a few methods, one in-memory
 * implementation here, the real store implements the same interface and runs the same contract
 * suite, see memory-resolution-store.test.ts). Resolution itself is pure: it reads a snapshot,
 * computes a change set, and the caller commits it. A commit is atomic.
 */
import type { EntityId, RecordId } from '@mosaic/model';
import type { Judgement } from './judgement.ts';

/** Where a retired entity id now points: one id (merged into it) or several (split into them, largest first). */
export interface Redirect {
  readonly from: EntityId;
  readonly to: readonly EntityId[];
  readonly reason: 'merge' | 'split';
  readonly at: string;
}

/**
 * One merge of two entities into one: automatic (resolver) or forced by a `same` judgement.
 * Kept so that any merge can be undone (undoMerge), which restores `absorbed` and records a
 * `not_same` judgement so that the merge never comes back.
 */
export interface MergeEvent {
  readonly id: string;
  readonly at: string;
  readonly kind: 'automatic' | 'judgement';
  readonly survivor: EntityId;
  readonly absorbed: EntityId;
  /** Records that belonged to `absorbed` just before the merge. */
  readonly absorbedRecords: readonly RecordId[];
  /** The strongest link between the two sides: one record of each. */
  readonly link: readonly [RecordId, RecordId];
  readonly probability: number;
  /** Set once the merge was undone. */
  readonly undone?: { readonly by: string; readonly at: string };
}

/** Everything resolution needs from the store to continue where it left off. */
export interface ResolutionSnapshot {
  readonly judgements: readonly Judgement[];
  readonly membership: ReadonlyMap<RecordId, EntityId>;
  readonly redirects: ReadonlyMap<EntityId, Redirect>;
  readonly mergeEvents: readonly MergeEvent[];
  /** Last number used for a new entity id (ids are `e<number>`). */
  readonly entitySequence: number;
}

/** What one resolution step changed; applied atomically by `commit`. */
export interface ResolutionChange {
  readonly judgements: readonly Judgement[];
  /** New entity of each record whose entity changed (or that is new). */
  readonly membership: ReadonlyMap<RecordId, EntityId>;
  readonly redirects: readonly Redirect[];
  /** Redirects to drop (an undone merge gives its id back). */
  readonly removedRedirects: readonly EntityId[];
  /** New events, and events whose `undone` was set (replaced by id). */
  readonly mergeEvents: readonly MergeEvent[];
  readonly entitySequence: number;
  /** Records no longer resolved (deleted or erased): their membership is dropped. */
  readonly removedMembers?: readonly RecordId[];
}

export interface ResolutionStore {
  load(): Promise<ResolutionSnapshot>;
  commit(change: ResolutionChange): Promise<void>;
  /** Where an entity id leads now, following redirects (the id itself when it is live). */
  resolveEntityId(id: EntityId): Promise<readonly EntityId[]>;
  /** The judgement history of one pair, oldest first (who and when). */
  judgementsOf(a: RecordId, b: RecordId): Promise<readonly Judgement[]>;
}

export const EMPTY_SNAPSHOT: ResolutionSnapshot = Object.freeze({
  judgements: [],
  membership: new Map(),
  redirects: new Map(),
  mergeEvents: [],
  entitySequence: 0,
});

export function emptyChange(entitySequence: number): ResolutionChange {
  return { judgements: [], membership: new Map(), redirects: [], removedRedirects: [], mergeEvents: [], entitySequence };
}
