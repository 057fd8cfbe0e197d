/**
 * The review state of an uploaded report, kept as a workflow document beside the report record
 * (kind `report-review`, id = the report's record id, owner = its agency): what extraction
 * found, and for each extracted entity and relation whether a person has confirmed or rejected
 * it and which record that made. Link proposals are not kept: they are computed for whoever
 * reviews, from what that person may see at that moment.
 */
import type { ExtractedEntity, ExtractResult } from '@mosaic/extract';
import type { EntityId, RecordId, UserId } from '@mosaic/model';
import { ERASED_TEXT } from '../graph/erase-from-relation-summaries.ts';
import type { IdentifierKind } from '../identifiers/identifier-holders.ts';

export const REPORT_REVIEW_KIND = 'report-review';

/** The schema of a report's record (its text and review are kept beside it). */
export const REPORT_SCHEMA = 'Report';

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
  /** Confirmed with a link: the existing record judged the same, named as the holder, or kept as a lead (`linkedAs`). */
  readonly linkedTo?: RecordId;
  /** What the link made; absent on reviews written before identifiers were linked, which were all `same`. */
  readonly linkedAs?: LinkKind;
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

/**
 * Whether a person's erasure took this entity from the review (erase-from-reports.ts: it named
 * them, and reads ERASED_TEXT with no mention and no property). Nothing is left of it to propose
 * a link for, to confirm as a record or to judge the same as another: it is shown as erased, and
 * takes no decision.
 */
export function isErasedEntity(entity: Pick<ExtractedEntity, 'name' | 'mentions'>): boolean {
  return entity.name === ERASED_TEXT && entity.mentions.length === 0;
}

/** Extracted kinds that can become records; dates, amounts and countries stay annotations of the text. */
export const RECORDABLE_SCHEMATA: ReadonlySet<ExtractedEntity['schema']> = new Set(['Person', 'Organization', 'Address', 'Phone', 'Email', 'Identification', 'Vehicle']);

/**
 * Extracted identifiers, looked up as that kind of identifier among the records (who holds this
 * phone number, e-mail address, document number or plate), exactly or as OCR misreads it.
 */
export const IDENTIFIER_SCHEMATA: Readonly<Partial<Record<ExtractedEntity['schema'], IdentifierKind>>> = {
  Phone: 'phone', Email: 'email', Identification: 'document', Vehicle: 'plate',
};

/**
 * Kinds for which links to existing records are proposed: those the matcher resolves (persons
 * and organisations, by name) and identifiers (by the records that hold the same one).
 */
export const LINKABLE_SCHEMATA: ReadonlySet<ExtractedEntity['schema']> = new Set(['Person', 'Organization', ...Object.keys(IDENTIFIER_SCHEMATA) as ExtractedEntity['schema'][]]);

/**
 * What confirming with a link made: `same` — a judgement that the new record and the linked one
 * are one entity (persons and organisations, which resolution resolves); `holder` — the new
 * record (a phone, an e-mail account, a document, a vehicle) names the linked one as its holder
 * (owner for a vehicle); `lead` — nothing in the records: the review keeps the link, since
 * records of one kind holding one number are not resolved into one entity.
 */
export const LINK_KINDS = ['same', 'holder', 'lead'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** How the record proposed for an extracted identifier holds it. */
export interface IdentifierLink {
  readonly kind: IdentifierKind;
  readonly how: 'exact' | 'confusable';
  /** The property of the record holding it (phone, email, passportNumber, number, registrationNumber…). */
  readonly property: string;
  /** The value as the record holds it (read as OCR misreads it, it differs from the report's). */
  readonly value: string;
  /** What confirming with this link makes: `holder` or `lead` (LinkKind). */
  readonly link: Exclude<LinkKind, 'same'>;
}

export interface LinkProposal {
  readonly record: RecordId;
  readonly entity?: EntityId;
  /** The record's schema (a person holding a phone, or a phone record). */
  readonly schema: string;
  readonly caption: string;
  readonly agency: string;
  /**
   * Calibrated probability from the matcher (compareRecords), with its explanation. For an
   * identifier: 1 when the record holds it as the report has it, 0.99 as OCR misreads it, with
   * `match` true only for the first and no explanation (`identifier` says how). The name's
   * agreeing tokens are named by their words (the report's, the record's) in the answer only,
   * for a record the reviewer is shown (link-proposals.ts): no proposal is kept.
   */
  readonly score: number;
  readonly match: boolean;
  readonly explain: unknown;
  /** Present for an extracted identifier: how the record holds it, and what confirming with it makes. */
  readonly identifier?: IdentifierLink;
  /** A person's: the record's dates of birth and nationalities, which tell candidates of one name apart (a record the reviewer is shown only). */
  readonly birthDate?: readonly string[];
  readonly nationality?: readonly string[];
}

export function newReview(report: RecordId, extraction: ExtractResult): ReportReview {
  return {
    report,
    extraction,
    entities: Object.fromEntries(extraction.entities.map((e) => [e.id, { status: 'proposed' } satisfies EntityReview])),
    relations: extraction.relations.map(() => ({ status: 'proposed' })),
  };
}
