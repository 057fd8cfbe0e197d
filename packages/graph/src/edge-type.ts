/**
 * Relation types of the network. Relationship schemata of the model (Family, Associate,
 * Membership, Ownership, Address...) map onto the first group; the `shared-*`, `co-*` types are
 * derived from identifiers and events two entities have in common (see shared-identifier-edges.ts).
 * The list is data: a new relation type is added here, and the graph stores it as a one-byte code.
 */
export const EDGE_TYPES = [
  'family',
  'associate',
  'membership',
  'ownership',
  'directorship',
  'employment',
  'residence',
  'communication',
  'payment',
  'co-travel',
  'shared-phone',
  'shared-email',
  'shared-address',
  'shared-vehicle',
  'shared-document',
  'shared-account',
  'co-sighting',
  'co-travel-event',
  'mention',
] as const;
export type EdgeType = (typeof EDGE_TYPES)[number];

const CODES: ReadonlyMap<string, number> = new Map(EDGE_TYPES.map((type, code) => [type, code]));

export function isEdgeType(value: unknown): value is EdgeType {
  return typeof value === 'string' && CODES.has(value);
}

/** The one-byte code the graph stores for a type, or -1. */
export function edgeTypeCode(type: string): number {
  return CODES.get(type) ?? -1;
}

export function edgeTypeOf(code: number): EdgeType {
  const type = EDGE_TYPES[code];
  if (type === undefined) throw new RangeError(`graph: no edge type with code ${code}`);
  return type;
}
