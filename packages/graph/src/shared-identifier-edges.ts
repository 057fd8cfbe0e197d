/**
 * Edges derived from what entities have in common: the same phone number, address, vehicle
 * plate, document number, account, or the same sighting or trip. One edge per pair of entities
 * and kind of identifier, weighted by how many distinct identifiers of that kind they share,
 * carrying the provenance of every claim that produced it - so a policy that hides those records
 * hides the edge too. Dated claims (sightings, trips) give the edge its time span.
 *
 * Bounded: an identifier shared by more than `maxNodesPerIdentifier` entities (a call centre,
 * a hotel, a train) is skipped, since it links everyone and says nothing; pairs grow with the
 * square of the group. The bound counts the claims passed in: to keep hidden claims from
 * shaping what a user sees, pass only the claims that user may see.
 */
import type { RecordId } from '@mosaic/model';
import type { EdgeType } from './edge-type.ts';
import { EdgeId, type EdgeInput, type NodeId } from './graph-elements.ts';
import { decodePartialDate, encodePartialDate } from './partial-date.ts';

export const IDENTIFIER_KINDS = ['phone', 'email', 'address', 'vehicle', 'document', 'account', 'sighting', 'trip'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const SHARED_EDGE_TYPE: Readonly<Record<IdentifierKind, EdgeType>> = {
  phone: 'shared-phone',
  email: 'shared-email',
  address: 'shared-address',
  vehicle: 'shared-vehicle',
  document: 'shared-document',
  account: 'shared-account',
  sighting: 'co-sighting',
  trip: 'co-travel-event',
};

export const SHARED_EDGES_DEFAULTS = { maxNodesPerIdentifier: 20 } as const;

export interface IdentifierClaim {
  readonly node: NodeId;
  readonly kind: IdentifierKind;
  /** For addresses, sightings and trips: the id of the address, sighting or trip. */
  readonly value: string;
  /** ISO partial date of the sighting or trip. */
  readonly date?: string;
  readonly provenance?: readonly RecordId[];
}

export interface SharedEdgesOptions {
  readonly maxNodesPerIdentifier?: number;
  /** Makes spellings of one identifier equal; the default suits phones, plates and documents. */
  readonly normalise?: (kind: IdentifierKind, value: string) => string;
}

export interface SharedEdges {
  readonly edges: readonly EdgeInput[];
  /** Identifiers skipped as too common, per kind (counts only: no identifier leaves this function). */
  readonly skipped: Readonly<Partial<Record<IdentifierKind, number>>>;
}

/** Case, spaces and punctuation do not make a different identifier; a leading + is kept on phones. */
export function normaliseIdentifier(kind: IdentifierKind, value: string): string {
  const text = value.normalize('NFKC').trim().toUpperCase();
  if (kind === 'phone') return (text.startsWith('+') ? '+' : '') + text.replace(/\D/g, '');
  if (kind === 'vehicle' || kind === 'document') return text.replace(/[\s\-./]/g, '');
  return text.replace(/\s+/g, ' ');
}

export function deriveSharedIdentifierEdges(
  claims: readonly IdentifierClaim[],
  { maxNodesPerIdentifier = SHARED_EDGES_DEFAULTS.maxNodesPerIdentifier, normalise = normaliseIdentifier }: SharedEdgesOptions = {},
): SharedEdges {
  // kind + identifier -> node -> the claims of that node
  const holders = new Map<string, { kind: IdentifierKind; nodes: Map<NodeId, IdentifierClaim[]> }>();
  for (const claim of claims) {
    const value = normalise(claim.kind, claim.value);
    if (value.length === 0) continue;
    const key = `${claim.kind}\u0000${value}`;
    let entry = holders.get(key);
    if (entry === undefined) {
      entry = { kind: claim.kind, nodes: new Map() };
      holders.set(key, entry);
    }
    const list = entry.nodes.get(claim.node) ?? [];
    list.push(claim);
    entry.nodes.set(claim.node, list);
  }

  const pairs = new Map<string, { type: EdgeType; source: NodeId; target: NodeId; weight: number; records: Set<RecordId>; start: number; end: number }>();
  const skipped: Partial<Record<IdentifierKind, number>> = {};
  for (const { kind, nodes } of holders.values()) {
    if (nodes.size < 2) continue;
    if (nodes.size > maxNodesPerIdentifier) {
      skipped[kind] = (skipped[kind] ?? 0) + 1;
      continue;
    }
    const members = [...nodes.keys()].sort();
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const source = members[i]!;
        const target = members[j]!;
        const type = SHARED_EDGE_TYPE[kind];
        const key = JSON.stringify([type, source, target]);
        const pair = pairs.get(key) ?? { type, source, target, weight: 0, records: new Set(), start: Infinity, end: -Infinity };
        pair.weight++;
        for (const claim of [...nodes.get(source)!, ...nodes.get(target)!]) {
          for (const record of claim.provenance ?? []) pair.records.add(record);
          const date = claim.date === undefined ? undefined : encodePartialDate(claim.date);
          if (date !== undefined) {
            pair.start = Math.min(pair.start, date);
            pair.end = Math.max(pair.end, date);
          }
        }
        pairs.set(key, pair);
      }
    }
  }

  const edges = [...pairs.values()].map(({ type, source, target, weight, records, start, end }): EdgeInput => {
    const dated = Number.isFinite(start);
    return {
      id: EdgeId(`${type}:${JSON.stringify([source, target])}`),
      type,
      source,
      target,
      directed: false,
      weight,
      provenance: [...records].sort(),
      ...(dated ? { start: decodePartialDate(start), end: decodePartialDate(end) } : {}),
    };
  });
  edges.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { edges, skipped };
}
