/**
 * An entity record in FollowTheMoney-style interchange form: a schema name and multi-valued
 * properties, plus the provenance that makes it a claim rather than a fact about the world.
 */
import type { RecordId } from './ids.ts';
import type { Provenance } from './provenance.ts';

export type Properties = Readonly<Record<string, readonly string[]>>;

export interface EntityRecord {
  readonly id: RecordId;
  readonly schema: string;
  readonly properties: Properties;
  readonly provenance: Provenance;
}

/** A record as it arrives on the wire, before validation. */
export interface RawRecord {
  readonly id?: unknown;
  readonly schema?: unknown;
  readonly properties?: unknown;
  readonly provenance?: unknown;
}

export function values(record: { readonly properties: Properties }, property: string): readonly string[] {
  return record.properties[property] ?? [];
}

export function first(record: { readonly properties: Properties }, property: string): string | undefined {
  return record.properties[property]?.[0];
}
