/**
 * What the decision point reads of a record (decide.ts, and conditionsMatch in
 * sharing-agreement.ts): its owner agency, its marking (TLP, classification, releasability,
 * need-to-know groups), its handling code and its subject category; never its id nor the rest of
 * its provenance (source, reliability, nature, review date). Records of one key get one decision
 * for a given user, action and context, so a reader of many records may ask once per key: the
 * tens of thousands of holders of one number carry a handful of markings between them.
 * A field decide() comes to read belongs here too (decision-key.test.ts holds them to it).
 */
import type { Provenance } from '@mosaic/model';

export function decisionKey(provenance: Provenance): string {
  const { agency, marking, handling, category } = provenance;
  // no groups and an empty list restrict alike (decide.ts reads `needToKnow ?? []`)
  return JSON.stringify([agency, marking.tlp, marking.classification, marking.releasability, marking.needToKnow ?? [], handling, category]);
}
