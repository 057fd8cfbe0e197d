/**
 * Batch resolution: prepare -> block -> compare once -> train m/u on this data (EM) -> score ->
 * cluster under judgements -> stable ids. Pure: reads a ResolutionSnapshot, returns the change
 * set to commit and the state that incremental resolution continues from.
 */
import type { EntityId, Properties, RecordId } from '@mosaic/model';
import { adoptNormalizedName, buildNameFrequencies, createPrepareCache, defaultModel, fillTermFrequencies, fillingTermFrequencies, namesToCount, normalizeNameCached, prepare, type MatchModel, type NameFrequencies, type NormalizedName, type PreparedRecord } from '@mosaic/matching';
import { assignEntityIds } from './assign-entity-ids.ts';
import { blockRecords, type BlockIndex, type BlockingOptions, type BlockingResult, type BlockingStats, type CandidatePairs } from './blocking.ts';
import { clusterRecords } from './cluster-records.ts';
import { pairKey, latestJudgements, type Judgement } from './judgement.ts';
import { largeArray } from './large-arrays.ts';
import { machineParts, type MachineParts } from './machine-parts.ts';
import { compareCandidatePairs, comparePair, type PairComparisons } from './pair-comparisons.ts';
import { createPairScorer, type PairScorer } from './pair-scorer.ts';
import { EMPTY_SNAPSHOT, type ResolutionChange, type ResolutionSnapshot } from './resolution-store.ts';
import { schemaGroup } from './schema-groups.ts';
import { fitRandomPairPrior, sampleRandomPairs, trainResolutionModel, type RandomPairComparisons, type RandomPairOptions, type TrainingSession } from './train-resolution-model.ts';

export interface ResolvableRecord {
  readonly id: RecordId;
  readonly schema: string;
  readonly properties: Properties;
}

export const RESOLVE_STAGES = ['prepare', 'block', 'compare', 'train', 'cluster', 'ids'] as const;
export type ResolveStage = (typeof RESOLVE_STAGES)[number];

export interface ResolveOptions extends RandomPairOptions {
  readonly snapshot?: ResolutionSnapshot;
  /** ISO instant stamped on redirects and merge events. */
  readonly at?: string;
  /** Starting model (default: @mosaic/matching's default model). */
  readonly model?: MatchModel;
  /**
   * Train m and u on this data by EM (default true); false keeps `model`'s. The prior is always
   * this data's: the probability that two of its records drawn at random match (see
   * train-resolution-model.ts), so that probabilities are calibrated for the data resolved.
   */
  readonly train?: boolean;
  readonly blocking?: BlockingOptions;
  /** Name-token frequencies from this data set (Winkler's tf adjustment); default true. */
  readonly frequencies?: boolean;
  readonly thresholds?: Partial<ResolutionThresholds>;
  readonly onProgress?: (stage: ResolveStage, done: number, total: number) => void;
}

export interface ResolutionThresholds {
  /** Edges at or above this probability are merge candidates. */
  readonly link: number;
  /** Average-linkage probability needed to merge two clusters. */
  readonly merge: number;
  /** Review queue: pairs with probability in [reviewLow, reviewHigh). */
  readonly reviewLow: number;
  readonly reviewHigh: number;
}

/**
 * Probabilities are calibrated (the prior is a random pair's: train-resolution-model.ts), so
 * a link is a pair more likely the same than not. Checked by bench/resolve-thresholds.ts on the
 * dev sets: Febrl dataset2 is flat from 0.2 to 0.9 (pairwise F1 0.999); demo seed 1 gives 0.943
 * at 0.5 / 0.5 and 0.947 at 0.6 / 0.6, but the OFAC dev half's names without facts lose 0.07
 * at 0.6 / 0.6 (0.590 -> 0.520), so the even odds stay. The review queue holds the pairs a
 * person can best decide, on both sides of the link: from 0.2 to 0.95.
 */
export const DEFAULT_THRESHOLDS: ResolutionThresholds = Object.freeze({ link: 0.5, merge: 0.5, reviewLow: 0.2, reviewHigh: 0.95 });

export interface ResolveStats {
  readonly records: number;
  readonly matchable: number;
  readonly blocking: BlockingStats;
  readonly sessions: readonly TrainingSession[];
  /** Random pairs u was estimated from (compared in the compare stage). */
  readonly randomPairs: number;
  readonly entities: number;
  readonly newEntities: number;
  readonly merges: number;
  readonly splits: number;
  readonly judgementConflicts: number;
  readonly refusedByLinkage: number;
  readonly refusedByJudgement: number;
  readonly ms: Readonly<Record<ResolveStage, number>>;
}

/** Everything incremental resolution and the review queue continue from. */
export interface ResolutionState {
  readonly ids: RecordId[];
  readonly prepared: PreparedRecord[];
  readonly groups: (string | undefined)[];
  /** Entity of each record, by index. */
  readonly entities: EntityId[];
  readonly pairs: CandidatePairs;
  readonly probabilities: Float32Array;
  readonly index: BlockIndex;
  readonly scorer: PairScorer;
  readonly frequencies: NameFrequencies | undefined;
  readonly thresholds: ResolutionThresholds;
  readonly judgements: Map<string, Judgement>;
  /** Within the entities a `same` judgement helped join, the parts the machine's own merges hold together (machine-parts.ts). */
  readonly machineParts: MachineParts;
  readonly entitySequence: number;
}

export interface ResolutionRun {
  readonly state: ResolutionState;
  readonly change: ResolutionChange;
  readonly model: MatchModel;
  readonly stats: ResolveStats;
}

/** Probability of any pair of the state by record index: a candidate's stored score, else scored now. */
export function pairProbability(state: Pick<ResolutionState, 'prepared' | 'scorer'>, i: number, j: number): number {
  const { packed, tf } = comparePair(state.prepared[i] as PreparedRecord, state.prepared[j] as PreparedRecord);
  return state.scorer.probability(state.scorer.weight(packed, tf));
}

/** A batch after the prepare stage: what resolution needs of the records (they can be let go). */
export interface PreparedBatch {
  readonly ids: RecordId[];
  readonly groups: (string | undefined)[];
  readonly prepared: PreparedRecord[];
  readonly frequencies: NameFrequencies | undefined;
  readonly prepareMs: number;
}

export function resolveRecords(records: readonly ResolvableRecord[], options: ResolveOptions = {}): ResolutionRun {
  return resolvePrepared(prepareRecords(records, options), options);
}

/**
 * The prepare stage, record by record as a batch is read: each record is prepared when it is
 * added (distinct name strings normalised once and shared), so that its parsed form can be let
 * go at once; at a million records the parsed records and the prepared ones each take about 2 GB,
 * and parsed records that die young cost the collector nothing. The name-token frequency table
 * of the batch is built from every name added and fills in the names' adjustments at the end.
 */
export interface BatchPreparer {
  add(record: ResolvableRecord): void;
  /**
   * Name strings normalised elsewhere (another thread, copied here: adoptNormalizedName), for the
   * records still to be added: each such string is then not normalised again here.
   */
  adopt(names: Iterable<readonly [string, NormalizedName]>): void;
  finish(): PreparedBatch;
  /**
   * finish() with the frequency table built elsewhere from the same records (another thread's
   * batch of them), filled in a step at a time: the generator pauses between steps and returns
   * the batch. Neither finish may follow the other.
   */
  finishWith(frequencies: NameFrequencies | undefined): Generator<void, PreparedBatch>;
}

/** `expected`: how many records will be added, when known (prepare progress is reported against it). */
export function createBatchPreparer({ frequencies: useFrequencies = true, onProgress, expected }: Pick<ResolveOptions, 'frequencies' | 'onProgress'> & { readonly expected?: number } = {}): BatchPreparer {
  const ids: RecordId[] = [];
  const groups: (string | undefined)[] = [];
  const prepared: PreparedRecord[] = [];
  // also counts the occurrences of each name string, which the frequency table is built from
  const cache = createPrepareCache();
  let ms = 0;
  return {
    add(record) {
      const started = performance.now();
      const group = schemaGroup(record.schema);
      ids.push(record.id);
      groups.push(group);
      prepared.push(prepare(group === undefined ? { schema: record.schema, properties: {} } : record, { cache, explain: false }));
      if (expected !== undefined && (prepared.length & 0x3fff) === 0) onProgress?.('prepare', prepared.length, expected);
      ms += performance.now() - started;
    },
    adopt(names) {
      const started = performance.now();
      for (const [text, name] of names) if (!cache.normalized.has(text)) cache.normalized.set(text, adoptNormalizedName(name));
      ms += performance.now() - started;
    },
    finish() {
      const started = performance.now();
      const frequencies = useFrequencies ? buildNameFrequencies(namesToCount(cache), (name) => normalizeNameCached(cache, name)) : undefined;
      if (frequencies) fillTermFrequencies(cache, frequencies);
      return { ids, groups, prepared, frequencies, prepareMs: Math.round(ms + performance.now() - started) };
    },
    *finishWith(frequencies) {
      if (frequencies) yield* fillingTermFrequencies(cache, frequencies);
      return { ids, groups, prepared, frequencies, prepareMs: Math.round(ms) };
    },
  };
}

/** The prepare stage alone, over records already in memory (a reader should add them to createBatchPreparer as it reads). */
export function prepareRecords(records: readonly ResolvableRecord[], options: Pick<ResolveOptions, 'frequencies' | 'onProgress'> = {}): PreparedBatch {
  const preparer = createBatchPreparer({ ...options, expected: records.length });
  for (const r of records) preparer.add(r);
  return preparer.finish();
}

export function resolvePrepared(batch: PreparedBatch, options: ResolveOptions = {}): ResolutionRun {
  const { blocked, ms, clock } = blockStage(batch, options);
  const sample = randomSample(batch, options);
  const total = blocked.pairs.count + sample.count;
  const comparisons = compareCandidatePairs(batch.prepared, blocked.pairs, (done) => options.onProgress?.('compare', done, total));
  const random = compareCandidatePairs(batch.prepared, sample, (done) => options.onProgress?.('compare', blocked.pairs.count + done, total));
  return finishStages(batch, blocked, comparisons, { levels: random.levels, count: sample.count }, options, ms, clock);
}

/** The random pairs training estimates u from (none when the model is not trained), compared in the compare stage with the candidates. */
function randomSample(batch: PreparedBatch, options: ResolveOptions): Pick<CandidatePairs, 'left' | 'right' | 'count'> {
  return options.train === false ? { left: new Int32Array(0), right: new Int32Array(0), count: 0 } : sampleRandomPairs(batch.groups, options);
}

/**
 * The comparison vectors of the candidate pairs, as compareCandidatePairs gives them (the same
 * comparators, the same results), computed some other way: in several threads, say.
 */
export type ComparePairs = (records: readonly PreparedRecord[], pairs: Pick<CandidatePairs, 'left' | 'right' | 'count'>, onProgress?: (done: number) => void) => Promise<PairComparisons>;

/**
 * Comparing that other threads start on at once, while this one does something else; the call
 * it returns has this thread join in and resolves with every comparison (as ComparePairs would).
 */
export type StartComparing = (records: readonly PreparedRecord[], pairs: Pick<CandidatePairs, 'left' | 'right' | 'count'>) => (onProgress?: (done: number) => void) => Promise<PairComparisons>;

/**
 * resolvePrepared with the compare stage given by the caller (see ComparePairs). With
 * `startComparing`, the random pairs u is estimated from (drawn before blocking, which they do
 * not depend on) are compared by the other threads while this one blocks.
 */
export async function resolvePreparedWith(batch: PreparedBatch, comparePairs: ComparePairs, options: ResolveOptions = {}, startComparing?: StartComparing): Promise<ResolutionRun> {
  const sample = randomSample(batch, options);
  const later: StartComparing = startComparing ?? ((records, pairs) => (onProgress) => comparePairs(records, pairs, onProgress));
  const finishRandom = sample.count > 0 ? later(batch.prepared, sample) : undefined;
  const { blocked, ms, clock } = blockStage(batch, options);
  const total = blocked.pairs.count + sample.count;
  const comparisons = await comparePairs(batch.prepared, blocked.pairs, (done) => options.onProgress?.('compare', done, total));
  const random = finishRandom ? await finishRandom((done) => options.onProgress?.('compare', blocked.pairs.count + done, total)) : undefined;
  return finishStages(batch, blocked, comparisons, { levels: random?.levels ?? new Int32Array(0), count: sample.count }, options, ms, clock);
}

type StageMs = Record<ResolveStage, number>;

function blockStage(batch: PreparedBatch, { blocking = {}, onProgress }: ResolveOptions): { blocked: BlockingResult; ms: StageMs; clock: number } {
  const ms = Object.fromEntries(RESOLVE_STAGES.map((s) => [s, 0])) as StageMs;
  ms.prepare = batch.prepareMs;
  const started = performance.now();
  onProgress?.('block', 0, batch.ids.length);
  const blocked = blockRecords(batch.prepared, batch.groups, blocking);
  const clock = performance.now();
  ms.block = Math.round(clock - started);
  return { blocked, ms, clock };
}

/** Train, score, cluster and assign ids; `clock`: when the block stage ended (the compare stage is timed from it). */
function finishStages(batch: PreparedBatch, blocked: BlockingResult, comparisons: PairComparisons, random: RandomPairComparisons, options: ResolveOptions, ms: StageMs, blockEnded: number): ResolutionRun {
  const { snapshot = EMPTY_SNAPSHOT, at = new Date().toISOString(), model: start = defaultModel(), train = true, onProgress } = options;
  const thresholds: ResolutionThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  let clock = blockEnded;
  const lap = (stage: ResolveStage): void => { const now = performance.now(); ms[stage] = Math.round(now - clock); clock = now; };
  const { ids, groups, prepared, frequencies } = batch;
  const n = ids.length;
  lap('compare');
  onProgress?.('train', 0, blocked.pairs.count);
  const trained = train
    ? trainResolutionModel(prepared, groups, blocked.pairs, comparisons, { start, random })
    : { ...fitRandomPairPrior(start, groups, blocked.pairs, comparisons), sessions: [], randomPairs: 0 };
  const scorer = createPairScorer(trained.model);
  // the weights become the probabilities in place
  const probabilities = trained.weights;
  for (let k = 0; k < blocked.pairs.count; k++) probabilities[k] = scorer.probability(probabilities[k] as number);
  lap('train');

  const judgements = latestJudgements(snapshot.judgements);
  const indexOf = judgements.size > 0 || snapshot.membership.size > 0 ? new Map(ids.map((id, i) => [id as string, i])) : new Map<string, number>();
  const mustLink: [number, number][] = [];
  const cannotLink: [number, number][] = [];
  for (const j of [...judgements.values()].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))) {
    const a = indexOf.get(j.a);
    const b = indexOf.get(j.b);
    if (a === undefined || b === undefined) continue;
    if (j.verdict === 'same') mustLink.push([a, b]);
    else if (j.verdict === 'not_same') cannotLink.push([a, b]);
  }
  cannotLink.push(...storedSidesApart(ids, snapshot, judgements, indexOf));
  onProgress?.('cluster', 0, n);
  const state0 = { prepared, scorer };
  const clustered = clusterRecords(
    { size: n, left: blocked.pairs.left, right: blocked.pairs.right, probability: probabilities, probabilityOf: candidateProbability(blocked.pairs, probabilities, (i, j) => pairProbability(state0, i, j)), mustLink, cannotLink },
    { linkThreshold: thresholds.link, mergeThreshold: thresholds.merge },
  );
  lap('cluster');

  onProgress?.('ids', 0, n);
  const judgedSame = new Set<string>();
  for (const j of judgements.values()) if (j.verdict === 'same') judgedSame.add(pairKey(j.a, j.b));
  const assigned = assignEntityIds({
    records: ids,
    cluster: clustered.cluster,
    previous: snapshot.membership,
    entitySequence: snapshot.entitySequence,
    at,
    linkOf: (a, b) => strongestLink(state0, a, b),
    judgedBetween: (a, b) => a.some((i) => b.some((j) => judgedSame.has(pairKey(ids[i] as RecordId, ids[j] as RecordId)))),
  });
  lap('ids');

  const state: ResolutionState = {
    ids, prepared, groups, entities: assigned.entities, pairs: blocked.pairs, probabilities, index: blocked.index, scorer, frequencies, thresholds, judgements,
    machineParts: machineParts(clustered), entitySequence: assigned.change.entitySequence,
  };
  return {
    state,
    change: assigned.change,
    model: trained.model,
    stats: {
      records: n,
      matchable: groups.filter((g) => g !== undefined).length,
      blocking: blocked.stats,
      sessions: trained.sessions,
      randomPairs: trained.randomPairs,
      entities: new Set(assigned.entities).size,
      newEntities: assigned.newEntities,
      merges: assigned.merges,
      splits: assigned.splits,
      judgementConflicts: clustered.conflicts,
      refusedByLinkage: clustered.refusedByLinkage,
      refusedByJudgement: clustered.refusedByJudgement,
      ms,
    },
  };
}

/** Records of the two entities a `not_same` keeps apart beyond which only its own pair is kept apart (the pairs are each a constraint). */
const MAX_SIDE_PAIRS = 10_000;

/**
 * A `not_same` between records of two stored entities keeps the two entities apart whole, as
 * incremental resolution does (a record arriving after it joins one side, and the two never
 * merge): every record of one, as stored, with every record of the other, as cannot-links.
 * Kept apart by their two records alone, a full pass could regroup the records around them (a
 * record of one side going over to the other with a record that arrived since), and so give a
 * node that restarts other entities, under new ids, than the running ones hold.
 */
function storedSidesApart(ids: readonly RecordId[], snapshot: ResolutionSnapshot, judgements: ReadonlyMap<string, Judgement>, indexOf: ReadonlyMap<string, number>): [number, number][] {
  const sides: [EntityId, EntityId][] = [];
  for (const j of judgements.values()) {
    if (j.verdict !== 'not_same') continue;
    const entityA = snapshot.membership.get(j.a);
    const entityB = snapshot.membership.get(j.b);
    if (entityA !== undefined && entityB !== undefined && entityA !== entityB && indexOf.has(j.a) && indexOf.has(j.b)) sides.push([entityA, entityB]);
  }
  if (sides.length === 0) return [];
  const wanted = new Set(sides.flat());
  const members = new Map<EntityId, number[]>();
  ids.forEach((id, i) => {
    const entity = snapshot.membership.get(id);
    if (entity !== undefined && wanted.has(entity)) (members.get(entity) ?? members.set(entity, []).get(entity)!).push(i);
  });
  const out: [number, number][] = [];
  for (const [entityA, entityB] of sides) {
    const a = members.get(entityA) ?? [];
    const b = members.get(entityB) ?? [];
    if (a.length * b.length > MAX_SIDE_PAIRS) continue;
    for (const i of a) for (const j of b) out.push([i, j]);
  }
  return out;
}

/**
 * Probability of any pair: a candidate's stored score (pairs come sorted by left, then right, so
 * a binary search in the left record's run finds it), else `compare` (scored on demand).
 */
function candidateProbability(pairs: CandidatePairs, probabilities: Float32Array, compare: (i: number, j: number) => number): (i: number, j: number) => number {
  const start = largeArray(Int32Array, pairs.count === 0 ? 1 : (pairs.left[pairs.count - 1] as number) + 2);
  for (let k = 0; k < pairs.count; k++) start[(pairs.left[k] as number) + 1]!++;
  for (let i = 1; i < start.length; i++) start[i]! += start[i - 1] as number;
  return (a, b) => {
    const i = Math.min(a, b);
    const j = Math.max(a, b);
    if (i + 1 < start.length) {
      let lo = start[i] as number;
      let hi = start[i + 1] as number;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const r = pairs.right[mid] as number;
        if (r === j) return probabilities[mid] as number;
        if (r < j) lo = mid + 1;
        else hi = mid;
      }
    }
    return compare(i, j);
  };
}

const MAX_LINK_PAIRS = 400;

/** The best-scoring pair between two groups of records (bounded work). */
export function strongestLink(state: Pick<ResolutionState, 'prepared' | 'scorer'>, a: readonly number[], b: readonly number[]): { i: number; j: number; probability: number } {
  let best = { i: a[0] ?? 0, j: b[0] ?? 0, probability: -1 };
  let budget = MAX_LINK_PAIRS;
  for (const i of a) {
    for (const j of b) {
      if (budget-- <= 0) return best;
      const p = pairProbability(state, i, j);
      if (p > best.probability) best = { i, j, probability: p };
    }
  }
  return best;
}
