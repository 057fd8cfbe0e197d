/**
 * The records a record names: the values of its entity properties (a relationship's ends, a
 * phone's or an e-mail account's holder, a vehicle's owner, an alert's subject…), each with the
 * property holding it. validateRecord has made each value an agency-scoped record id (`agency:x`),
 * so the id is the one the named record is stored under.
 */
import { RecordId } from './ids.ts';
import type { EntityRecord } from './record.ts';
import type { Schema, SchemaRegistry } from './schema.ts';

export interface RecordReference {
  /** The entity property holding the reference. */
  readonly field: string;
  readonly id: RecordId;
}

/** Each schema's entity properties, found once: ingest asks for every record of a file. */
const entityPropertiesOf = new WeakMap<Schema, readonly string[]>();

function entityProperties(schema: Schema): readonly string[] {
  let names = entityPropertiesOf.get(schema);
  if (names === undefined) {
    names = [...schema.properties.values()].filter((def) => def.type === 'entity').map((def) => def.name);
    entityPropertiesOf.set(schema, names);
  }
  return names;
}

/** The references of a validated record, property by property in the schema's order. */
export function recordReferences(registry: SchemaRegistry, record: EntityRecord): readonly RecordReference[] {
  const schema = registry.get(record.schema);
  if (schema === undefined) return [];
  const references: RecordReference[] = [];
  for (const field of entityProperties(schema)) {
    for (const id of record.properties[field] ?? []) references.push({ field, id: RecordId(id) });
  }
  return references;
}
