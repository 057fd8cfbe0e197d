/**
 * The records a record names, as the store keeps them for an erasure to find (record_links): the
 * distinct values of its schema's entity properties (recordReferences), for the schemata shipped
 * with Mosaic. A record of a schema the registry does not know names none.
 */
import { recordReferences, schemata, type EntityRecord } from '@mosaic/model';

const registry = schemata();

export function linksOf(schema: string, properties: EntityRecord['properties']): string[] {
  return [...new Set(recordReferences(registry, { schema, properties } as EntityRecord).map((reference) => reference.id as string))];
}
