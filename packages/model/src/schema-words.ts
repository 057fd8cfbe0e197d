/**
 * A schema as a sentence a person reads names it: by the label the model gives it, in lower case
 * ("legal entity", not LegalEntity; "organisation", not Organization), as the web app shows it
 * (its schema-words.ts reads the same labels from GET /schemata); a name the registry does not
 * hold, made readable. The API's fields and the records keep the schema's name.
 */
import { readableCode } from './readable-code.ts';
import type { SchemaRegistry } from './schema.ts';
import { withArticle } from './with-article.ts';

/** schemaWords(registry, 'LegalEntity') is "legal entity". */
export function schemaWords(registry: SchemaRegistry, schema: string): string {
  return (registry.get(schema)?.label ?? readableCode(schema)).toLowerCase();
}

/** One record of the schema: aSchema(registry, 'Organization') is "an organisation". */
export function aSchema(registry: SchemaRegistry, schema: string): string {
  return withArticle(schemaWords(registry, schema));
}

/** The label of `schema`'s property `property`, in lower case: propertyWords(registry, 'Phone', 'holder') is "holder". */
export function propertyWords(registry: SchemaRegistry, schema: string, property: string): string {
  return (registry.get(schema)?.properties.get(property)?.label ?? readableCode(property)).toLowerCase();
}
