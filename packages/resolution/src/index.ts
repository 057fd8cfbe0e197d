/**
 * @mosaic/resolution — which records are the same entity. Blocking, Fellegi-Sunter scoring
 * with weights trained by EM on the data at hand (through @mosaic/matching, the one matcher),
 * clustering that respects human judgements, stable entity ids, incremental resolution and a
 * review queue. Pure domain code: persistence goes through ResolutionStore.
 */
export { VERDICTS, pairKey, latestJudgements } from './judgement.ts';
export type { Verdict, Judgement } from './judgement.ts';
export { EMPTY_SNAPSHOT, emptyChange } from './resolution-store.ts';
export type { ResolutionStore, ResolutionSnapshot, ResolutionChange, Redirect, MergeEvent } from './resolution-store.ts';
export { memoryResolutionStore, followRedirects } from './memory-resolution-store.ts';
export { BLOCKING_RULES, BLOCKING_FIXED, LOOSE_RULES, DEFAULT_BLOCKING, MAX_INDEXED_RECORDS, blockingKeys, blockRecords, blockMembers, blockOrder, nameOrder } from './blocking.ts';
export type { BlockingRule, BlockingOptions, BlockIndex, CandidatePairs, BlockingStats, BlockingResult } from './blocking.ts';
export { allocatePairComparisons, comparePair, compareCandidatePairs, comparePairRange, packLevels, unpackLevels } from './pair-comparisons.ts';
export type { PairComparisons } from './pair-comparisons.ts';
export { createPairScorer } from './pair-scorer.ts';
export type { PairScorer } from './pair-scorer.ts';
export { REFERENCE_PRIOR, trainResolutionModel } from './train-resolution-model.ts';
export type { TrainResolutionOptions, TrainedResolutionModel, TrainingSession } from './train-resolution-model.ts';
export { clusterRecords } from './cluster-records.ts';
export type { MachineParts } from './machine-parts.ts';
export type { ClusterOptions, ClusterInput, ClusterResult, ClusterMerge } from './cluster-records.ts';
export { assignEntityIds, newEntityId } from './assign-entity-ids.ts';
export type { AssignIdsInput, AssignIdsResult } from './assign-entity-ids.ts';
export { schemaGroup } from './schema-groups.ts';
export { resolveRecords, createBatchPreparer, prepareRecords, resolvePrepared, resolvePreparedWith, pairProbability, strongestLink, DEFAULT_THRESHOLDS, RESOLVE_STAGES } from './resolve-records.ts';
export type { BatchPreparer, ComparePairs, PreparedBatch, StartComparing, ResolvableRecord, ResolveOptions, ResolveStage, ResolutionThresholds, ResolveStats, ResolutionState, ResolutionRun } from './resolve-records.ts';
export { pairwiseMetrics, clusterMetrics } from './evaluate-clusters.ts';
export type { Metrics } from './evaluate-clusters.ts';
export { createResolutionIndex, addRecord, candidatesOf } from './resolution-index.ts';
export type { ResolutionIndex, AddResult, AddOutcome, Candidate } from './resolution-index.ts';
export { answeredByJudgements, byReviewPriority, entityPairKey, reviewPriority, reviewQueue } from './review-queue.ts';
export type { AnsweredPair, ReviewItem, ReviewState } from './review-queue.ts';
export { undoMerge } from './undo-merge.ts';
export { judgeLocally } from './judge-locally.ts';
export { adoptChange } from './adopt-change.ts';
export { joinChanges, undoLocally } from './undo-locally.ts';
export { removeLocally, updateLocally } from './update-locally.ts';
export { preparingLookups } from './record-positions.ts';
export { parseRecordLine, parseEntityObject } from './parse-record-line.ts';
export type { ParsedLine, ParseOptions } from './parse-record-line.ts';
export { parseBatchLine, schemaMarker } from './parse-record-lines.ts';
export type { ParseLinesOptions, RecordLines, RejectedLine } from './parse-record-lines.ts';
export { compareRecords, kindMismatch } from './compare-records.ts';
export type { CompareRecord } from './compare-records.ts';
export { MAX_PART_CHECK, visibleParts } from './visible-parts.ts';
