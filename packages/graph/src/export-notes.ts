/**
 * What an exported file says of itself besides the network, for whoever receives it: how each
 * node and tie is marked, how the whole file is, and what the export left out of it. A file
 * leaves the system; its markings travel with it, as TLP 2.0 (FIRST) asks of anyone passing
 * information on, and a recipient is not to take a network with parts withheld for the whole.
 */
import type { Classification, Handling, SubjectCategory, Tlp } from '@mosaic/model';
import type { EdgeId, NodeId } from './graph-elements.ts';

/**
 * The highest TLP, classification and Europol handling code among the records an item comes
 * from, and what those records say of the people in them: their data-subject categories and
 * gradings (source reliability and information credibility, as `B2`), each once, so that a
 * recipient tells a victim from a suspect and weighs each claim (LED Arts. 6 and 7(2)).
 */
export interface ExportMarking {
  readonly tlp: Tlp;
  readonly classification: Classification;
  readonly handling: Handling;
  readonly categories: readonly SubjectCategory[];
  readonly gradings: readonly string[];
}

/** What the export left out: records, the nodes and ties they alone made, and how many records for each reason. */
export interface ExportWithheld {
  readonly records: number;
  readonly nodes: number;
  readonly edges: number;
  readonly reasons: Readonly<Record<string, number>>;
}

export interface ExportNotes {
  /** The file's marking, the highest of every record in it; none for a file that holds no record. */
  readonly marking?: ExportMarking;
  readonly nodes: ReadonlyMap<NodeId, ExportMarking>;
  readonly edges: ReadonlyMap<EdgeId, ExportMarking>;
  readonly withheld: ExportWithheld;
}
