/**
 * Erasing a record's names from the summaries of the relationship records it is an end of (LED
 * Art. 16). A relationship confirmed from a report quotes the sentence it was read from
 * (review-report.ts), which names both persons ("Moerbeeke runs the boats with his brother"), and
 * an analyst's summary often does too: the relationship is its owner's claim and outlives the
 * erased end, and its summary went on naming the erased person to every reader of it. A summary
 * holding a name of a record erased — a name part of any version, as a word of the folded text, as
 * a chart's title is read (erase-from-chart-titles.ts) — is replaced by a neutral one in a new
 * version of the relationship; the rest of the sentence is not kept, since what else it says is
 * about the same person. The relationship's other properties stay. A summary naming an erased
 * person in a relationship that person is no end of is left: a surname alone would rewrite the
 * ties of every namesake. Run within the erasure's transaction, beside the titles erased of it.
 */
import { schemata, type EntityRecord, type RecordId, type Schema } from '@mosaic/model';
import type { Store } from '@mosaic/store';
import { labelNames, namePartsOf } from '../watch/erase-from-watch-labels.ts';

/** What a relationship's summary that named an erased end reads afterwards. */
export const ERASED_SUMMARY = 'Summary erased: it named an erased record';

/** The property a relationship's sentence is kept in (Interval.json). */
const SUMMARY = 'summary';

const PAGE = 1_000;

const registry = schemata();
/** The relationship schemata: those that declare their edge. */
const RELATIONS: readonly Schema[] = registry.all().filter((schema) => schema.edge !== undefined && !schema.abstract);

/** Whether a record of `schema` may be an end of a `relation` (the range of its edge's source or target). */
function mayEnd(relation: Schema, schema: string): boolean {
  const edge = relation.edge!;
  return [edge.source, edge.target].some((end) => {
    const range = relation.properties.get(end)?.range;
    return range === undefined || registry.isA(schema, range);
  });
}

/**
 * Within `store`'s transaction, as part of the erasure of `records` (every version of each, read
 * before it is erased): each relationship record one of them is an end of whose summary holds a
 * name part of them is written again with ERASED_SUMMARY, by `actor`. Only the relationship
 * schemata whose ends may be one of the records are read (an erased alert or report reads none).
 * Returns the relationships rewritten, by the erased record they name as an end, for the
 * erasure's audit entry (a record written is logged: LED Art. 25).
 */
export async function eraseFromRelationSummaries(store: Store, records: readonly EntityRecord[], actor: string): Promise<ReadonlyMap<RecordId, readonly RecordId[]>> {
  const byEnd = new Map<RecordId, RecordId[]>();
  const parts = namePartsOf(records);
  if (parts.size === 0) return byEnd;
  const ends = new Set<string>(records.map((record) => record.id));
  // (read in the erasure's transaction: a relationship written meanwhile waits for it, holding the record's lock)
  const schemas = new Set(records.map((record) => record.schema));
  const rewritten: EntityRecord[] = [];
  for (const relation of RELATIONS.filter((r) => [...schemas].some((schema) => mayEnd(r, schema)))) {
    const edge = relation.edge!;
    for (let afterId: RecordId | undefined; ;) {
      const page = await store.scanRecords({ schema: relation.name, limit: PAGE, ...(afterId === undefined ? {} : { afterId }) });
      for (const { record } of page) {
        const named = [...record.properties[edge.source] ?? [], ...record.properties[edge.target] ?? []].filter((end) => ends.has(end)) as RecordId[];
        const summary = record.properties[SUMMARY] ?? [];
        if (named.length === 0 || !summary.some((text) => text !== ERASED_SUMMARY && labelNames(text, parts))) continue;
        rewritten.push({ ...record, properties: { ...record.properties, [SUMMARY]: [ERASED_SUMMARY] } });
        for (const end of new Set(named)) byEnd.set(end, [...byEnd.get(end) ?? [], record.id]);
      }
      afterId = page.at(-1)?.record.id;
      if (page.length < PAGE || afterId === undefined) break;
    }
  }
  if (rewritten.length > 0) await store.putRecords(rewritten, { actor });
  return byEnd;
}

/**
 * A record's history as read: where a version's summary was erased as naming an erased end, the
 * versions before it show the neutral summary too (the store keeps every version's content, and
 * the earlier ones still held the sentence). A summary written after the erasure is shown.
 */
export function withErasedSummaries<V extends { readonly record?: EntityRecord | undefined }>(versions: readonly V[]): V[] {
  const last = versions.findLastIndex((v) => v.record?.properties[SUMMARY]?.includes(ERASED_SUMMARY) === true);
  return versions.map((v, at) => {
    if (at >= last || v.record === undefined || v.record.properties[SUMMARY] === undefined) return v;
    return { ...v, record: { ...v.record, properties: { ...v.record.properties, [SUMMARY]: [ERASED_SUMMARY] } } };
  });
}
