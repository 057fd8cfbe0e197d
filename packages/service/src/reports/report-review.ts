/**
 * The review state of an uploaded report, kept as a workflow document beside the report record
 * (kind `report-review`, id = the report's record id, owner = its agency): what extraction
 * found, and for each extracted entity and relation whether a person has confirmed or rejected
 * it and which record that made. Link proposals are not kept: they are computed for whoever
 * reviews, from what that person may see at that moment.
 */
import type { ExtractedEntity, ExtractResult } from '@mosaic/extract';
import type { EntityId, RecordId, UserId } from '@mosaic/model';

export const REPORT_REVIEW_KIND = 'report-review';

export const REVIEW_STATUSES = ['proposed', 'confirmed', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface Decision {
  readonly by: UserId;
  readonly at: string;
}

export interface EntityReview {
  readonly status: ReviewStatus;
  /** Confirmed: the record made from the mention. */
  readonly record?: RecordId;
  /** Confirmed with a link: the existing record judged the same. */
  readonly linkedTo?: RecordId;
  readonly decision?: Decision;
}

export interface RelationReview {
  readonly status: ReviewStatus;
  readonly record?: RecordId;
  /** Why a relation stays proposed or was dropped without a person's decision. */
  readonly note?: string;
}

export interface ReportReview {
  readonly report: RecordId;
  readonly extraction: ExtractResult;
  /** By extracted entity id. */
  readonly entities: Readonly<Record<string, EntityReview>>;
  /** Aligned with `extraction.relations`. */
  readonly relations: readonly RelationReview[];
}

/** Extracted kinds that can become records; dates and amounts stay annotations of the text. */
export const RECORDABLE_SCHEMATA: ReadonlySet<ExtractedEntity['schema']> = new Set(['Person', 'Organization', 'Address', 'Phone', 'Email', 'Identification', 'Vehicle']);

/** Kinds the matcher resolves, for which links to existing entities are proposed. */
export const LINKABLE_SCHEMATA: ReadonlySet<ExtractedEntity['schema']> = new Set(['Person', 'Organization']);

export interface LinkProposal {
  readonly record: RecordId;
  readonly entity?: EntityId;
  readonly caption: string;
  readonly agency: string;
  /** Calibrated probability from the matcher (compareRecords), with its explanation. */
  readonly score: number;
  readonly match: boolean;
  readonly explain: unknown;
}

export function newReview(report: RecordId, extraction: ExtractResult): ReportReview {
  return {
    report,
    extraction,
    entities: Object.fromEntries(extraction.entities.map((e) => [e.id, { status: 'proposed' } satisfies EntityReview])),
    relations: extraction.relations.map(() => ({ status: 'proposed' })),
  };
}
