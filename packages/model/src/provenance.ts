/**
 * Provenance: who claims a fact, from what source, how reliable, how it may be handled.
 * Grading follows the 6x6 "Admiralty" system used by Europol and most EU services
 * (source reliability A-F, information credibility 1-6); handling codes H0-H3 are the
 * Europol handling codes; data-subject categories and fact/assessment follow the Law
 * Enforcement Directive 2016/680, Arts. 6 and 7.
 */
import type { AgencyId } from './ids.ts';

export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITY)[number];

export const CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITY)[number];

/** Traffic Light Protocol 2.0 (FIRST), from least to most restricted. */
export const TLP = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP)[number];

/** National classification levels, least to most restricted. */
export const CLASSIFICATION = ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET', 'TOP_SECRET'] as const;
export type Classification = (typeof CLASSIFICATION)[number];

/** Europol handling codes: H0 law-enforcement use, H1 not as evidence, H2 no action without consent, H3 owner-defined restrictions. */
export const HANDLING = ['H0', 'H1', 'H2', 'H3'] as const;
export type Handling = (typeof HANDLING)[number];

/** LED Art. 6: categories of data subjects. */
export const SUBJECT_CATEGORY = ['suspect', 'convicted', 'victim', 'witness', 'contact', 'other'] as const;
export type SubjectCategory = (typeof SUBJECT_CATEGORY)[number];

/** LED Art. 7: facts are kept apart from personal assessments. */
export const NATURE = ['fact', 'assessment'] as const;
export type Nature = (typeof NATURE)[number];

export interface Marking {
  readonly tlp: Tlp;
  readonly classification: Classification;
  /** Who the content may be released to: agency ids, ISO country codes, or 'ALL'. Empty: owner only. */
  readonly releasability: readonly string[];
  /**
   * Need-to-know groups (case teams) the owner restricts the record to: when any are named, only
   * their members see it, the owner agency's own users included. Absent or empty: no restriction.
   */
  readonly needToKnow?: readonly string[];
}

export interface Provenance {
  readonly agency: AgencyId;
  /** The contributing system, e.g. "federal-police/case-mgmt". */
  readonly source: string;
  /** The record's id in the source system; (agency, sourceRecordId) identifies a record. */
  readonly sourceRecordId: string;
  readonly reliability: Reliability;
  readonly credibility: Credibility;
  readonly marking: Marking;
  readonly handling: Handling;
  readonly category: SubjectCategory;
  readonly nature: Nature;
  readonly legalBasis: string;
  /** ISO date (YYYY-MM-DD) by which the record must be reviewed (LED Art. 5). */
  readonly reviewDate: string;
}

export function rankOf<T>(scale: readonly T[], value: T): number {
  return scale.indexOf(value);
}
