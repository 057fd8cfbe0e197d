/**
 * Schemata and properties under the labels the model gives them (GET /schemata, use-schemata.ts):
 * "Date of birth", not `birthDate`. Until the model is read, or for a name it does not list,
 * the name made readable.
 */
import { readableCode } from '@mosaic/model';
import type { SchemaInfo } from './use-schemata.ts';

/** The label of `schema`'s property `property`: propertyLabel(person, 'firstName') is "First name". */
export function propertyLabel(schema: SchemaInfo | undefined, property: string): string {
  return schema?.properties.find((p) => p.name === property)?.label ?? readableCode(property);
}

/** The label of the schema named `name`: schemaLabel(schemata, 'ConflictReturn') is "Return from a conflict zone". */
export function schemaLabel(schemata: ReadonlyMap<string, SchemaInfo> | undefined, name: string): string {
  return schemata?.get(name)?.label ?? readableCode(name);
}
