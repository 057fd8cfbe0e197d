/**
 * Output of `mosaic extract`: FollowTheMoney-style entities found in a text, each with the
 * character spans that mention it, and relations between them with the sentence as evidence.
 */
export const ENTITY_SCHEMATA = [
  'Person', 'Organization', 'Address', 'Country', 'Phone', 'Email', 'Identification', 'Vehicle', 'Date', 'Money',
] as const;
export type EntitySchema = (typeof ENTITY_SCHEMATA)[number];

export const RELATION_TYPES = [
  'family', 'associate', 'neighbour', 'member_of', 'leader_of', 'lived_in', 'travelled_to', 'travelled_from',
  'met', 'called', 'bought_from', 'holds', 'employed_by', 'owner_of',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** Relations whose direction carries no meaning: evaluation and merging treat them as pairs. */
export const SYMMETRIC_RELATIONS: ReadonlySet<RelationType> = new Set(['family', 'associate', 'neighbour', 'met']);

export interface Mention {
  /** UTF-16 offsets into the text passed to `extract`, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface ExtractedEntity {
  readonly id: string;
  readonly schema: EntitySchema;
  readonly name: string;
  readonly mentions: readonly Mention[];
  /** FtM-style multi-valued properties: `age`, `birthDate`, `country`, `latitude`, `number`… */
  readonly properties: Readonly<Record<string, readonly string[]>>;
}

export interface Evidence {
  readonly sentence: string;
  readonly start: number;
  readonly end: number;
}

export interface ExtractedRelation {
  readonly type: RelationType;
  /** Entity ids. For `family` the target is the source's `kind` (target is source's brother). */
  readonly source: string;
  readonly target: string;
  readonly kind?: string;
  readonly evidence: Evidence;
}

export interface ExtractResult {
  readonly entities: readonly ExtractedEntity[];
  readonly relations: readonly ExtractedRelation[];
  /** What the extraction could not read, for the reader to know ("text is mostly in Arabic script: …"); absent when nothing. */
  readonly warnings?: readonly string[];
}

export interface ExtractOptions {
  /** Replaces the built-in given-name gazetteer (used to measure recall on names it lacks). */
  readonly givenNames?: readonly string[];
  /** ISO 3166 alpha-2 code of the country the report comes from: breaks ties between places, and reads national phone numbers. */
  readonly country?: string;
}
