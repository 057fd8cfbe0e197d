/**
 * Erasing a record's names from the summaries of the relationship and event records it is an end
 * or a subject of (LED Art. 16). A relationship confirmed from a report quotes the sentence it was
 * read from (review-report.ts), which names both persons ("Moerbeeke runs the boats with his
 * brother"), and an analyst's summary of a relationship or of a sighting often does too: the record
 * is its owner's claim and outlives the erased person, and its summary went on naming them to every
 * reader of it. A summary holding a name of a record erased — a name part of any version, as a word
 * of the folded text, as a chart's title is read (erase-from-chart-titles.ts) — is replaced by a
 * neutral one in a new version; the rest of the sentence is not kept, since what else it says is
 * about the same person. Every other free-text property of the record is read alike (a sighting's
 * companions, route, objects carried and identity used: the name the person gave at the checkpoint
 * is theirs), and one naming the erased person is replaced by ERASED_TEXT. The record's other
 * properties stay. A summary naming an erased person in
 * a record that person is no end or subject of is left: a surname alone would rewrite the ties of
 * every namesake. Run within the erasure's transaction, beside the titles erased of it.
 *
 * The records are reached through the store's index of what each record names
 * (`Store.recordsNaming`), not by reading every relationship: an erasure costs the records that
 * name the erased ones, whatever the size of the store.
 */
import { schemata, type EntityRecord, type RecordId, type Schema } from '@mosaic/model';
import type { Store, StoredRecord } from '@mosaic/store';
import { labelNames, namePartsOf } from '../watch/erase-from-watch-labels.ts';

/** What a summary that named an erased end or subject reads afterwards. */
export const ERASED_SUMMARY = 'Summary erased: it named an erased record';

/** What another free-text property that named an erased end or subject reads afterwards. */
export const ERASED_TEXT = 'Erased: it named an erased record';

/** The property a relationship's or an event's sentence is kept in (Interval.json, Event.json). */
const SUMMARY = 'summary';

const registry = schemata();

/** A property's text once erased: the summary's own words, any other property's. */
const erasedText = (property: string): string => (property === SUMMARY ? ERASED_SUMMARY : ERASED_TEXT);

/** The free-text properties of a schema (its text and its strings: not names, identifiers or dates, typed for what they hold). */
function freeTextProperties(schema: Schema): readonly string[] {
  return [...schema.properties].filter(([, definition]) => definition.type === 'text' || definition.type === 'string').map(([name]) => name);
}

/** The properties holding a record's ends (a relationship's edge) or subjects (an event's). */
function endProperties(schema: Schema): readonly string[] {
  return [...(schema.edge === undefined ? [] : [schema.edge.source, schema.edge.target]), ...(schema.event?.subjects ?? [])];
}

/**
 * Within `store`'s transaction, as part of the erasure of `records` (every version of each, read
 * before it is erased): each relationship or event record one of them is an end or subject of
 * whose summary holds a name part of them is written again with ERASED_SUMMARY, by `actor`.
 * `naming` holds the live records naming them (Store.recordsNaming of their ids, read in the same
 * transaction once they are erased: the erasure reads the alerts on them from it too). Returns the
 * records rewritten, by the erased record they name as an end or subject, for the erasure's audit
 * entry (a record written is logged: LED Art. 25).
 */
export async function eraseFromRelationSummaries(store: Store, records: readonly EntityRecord[], { actor, naming }: { readonly actor: string; readonly naming: readonly StoredRecord[] }): Promise<ReadonlyMap<RecordId, readonly RecordId[]>> {
  const byEnd = new Map<RecordId, RecordId[]>();
  const parts = namePartsOf(records);
  if (parts.size === 0) return byEnd;
  const ends = new Set<string>(records.map((record) => record.id));
  // (read in the erasure's transaction: a record written meanwhile waits for it, holding the record's lock)
  const rewritten: EntityRecord[] = [];
  for (const { record } of naming) {
    const schema = registry.get(record.schema);
    if (schema === undefined) continue;
    const named = endProperties(schema).flatMap((property) => record.properties[property] ?? []).filter((end) => ends.has(end)) as RecordId[];
    if (named.length === 0) continue;
    const naming = freeTextProperties(schema).filter((property) => (record.properties[property] ?? []).some((text) => text !== erasedText(property) && labelNames(text, parts)));
    if (naming.length === 0) continue;
    rewritten.push({ ...record, properties: { ...record.properties, ...Object.fromEntries(naming.map((property) => [property, [erasedText(property)]])) } });
    for (const end of new Set(named)) byEnd.set(end, [...byEnd.get(end) ?? [], record.id]);
  }
  if (rewritten.length > 0) await store.putRecords(rewritten, { actor });
  return byEnd;
}

/**
 * A record's history as read: where a version's summary (or another free-text property) was erased
 * as naming an erased end, the versions before it show the neutral text too (the store keeps every
 * version's content, and the earlier ones still held the sentence); so do they a provenance's
 * source erased as a report's is (erase-from-reports.ts). A text written after the erasure is shown.
 */
export function withErasedSummaries<V extends { readonly record?: EntityRecord | undefined }>(versions: readonly V[]): V[] {
  const erasedAt = new Map<string, number>();
  let sourceErasedAt = -1;
  versions.forEach((v, at) => {
    for (const [property, values] of Object.entries(v.record?.properties ?? {})) if (values.includes(erasedText(property))) erasedAt.set(property, at);
    if (v.record?.provenance.source === ERASED_TEXT) sourceErasedAt = at;
  });
  if (erasedAt.size === 0 && sourceErasedAt < 0) return [...versions];
  return versions.map((v, at) => {
    if (v.record === undefined) return v;
    const hidden = [...erasedAt].filter(([property, last]) => at < last && v.record?.properties[property] !== undefined).map(([property]) => property);
    const source = at < sourceErasedAt;
    if (hidden.length === 0 && !source) return v;
    return {
      ...v,
      record: {
        ...v.record, properties: { ...v.record.properties, ...Object.fromEntries(hidden.map((property) => [property, [erasedText(property)]])) },
        ...(source ? { provenance: { ...v.record.provenance, source: ERASED_TEXT } } : {}),
      },
    };
  });
}
