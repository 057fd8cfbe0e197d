/**
 * Branded identifiers. A raw string never crosses a module boundary as an id: callers convert
 * once, at the edge where the value enters (a parsed request, a row read from the store).
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A stored record: one agency's claim about one thing, `agency:sourceRecordId`. */
export type RecordId = Brand<string, 'RecordId'>;
/** A resolved entity: a cluster of records that people or the resolver judged to be the same. */
export type EntityId = Brand<string, 'EntityId'>;
export type AgencyId = Brand<string, 'AgencyId'>;
export type UserId = Brand<string, 'UserId'>;
export type DeskId = Brand<string, 'DeskId'>;

export const RecordId = (value: string): RecordId => value as RecordId;
export const EntityId = (value: string): EntityId => value as EntityId;
export const AgencyId = (value: string): AgencyId => value as AgencyId;
export const UserId = (value: string): UserId => value as UserId;
export const DeskId = (value: string): DeskId => value as DeskId;

/** The store id of a record is its contributing agency and that agency's own record id. */
export function recordIdOf(agency: AgencyId, sourceRecordId: string): RecordId {
  return RecordId(`${agency}:${sourceRecordId}`);
}
