/**
 * The helpers every read path uses over a set of records (search results, a resolved entity's
 * claims, graph neighbours, screening hits). Principle 3 (leak-proof views): a record the user
 * may not see contributes nothing to the output: no field, no id, no count. Where the owner's
 * agreement allows, it contributes one pointer per owner agency, the same whether one record or
 * a hundred lie behind it.
 */
import type { AgencyId, Provenance, RecordId, UserId, DeskId } from '@mosaic/model';
import { decide } from './decide.ts';
import type { OwnerNotice, Pointer, PolicyContext } from './decision.ts';
import type { PolicyUser } from './organisation.ts';

/** What policy needs of a record; EntityRecord fits (need-to-know groups travel in its marking). */
export interface PolicyRecord {
  readonly id: RecordId;
  readonly provenance: Provenance;
}

export type ReadAction = 'read' | 'search' | 'screen';

/** The decision point's signature; callers pass another only to measure the policy's cost (bench/policy-overhead.ts). */
export type Decide = typeof decide;

export interface FilterOptions {
  readonly action?: ReadAction;
  readonly decide?: Decide;
}

export interface VisibleRecords<R extends PolicyRecord> {
  /** Records the user may see in full, in input order. */
  readonly visible: readonly R[];
  /** At most one per owner agency, ordered by agency id. */
  readonly pointers: readonly Pointer[];
}

export function filterVisible<R extends PolicyRecord>(user: PolicyUser, records: readonly R[], context: PolicyContext, { action = 'search', decide: decider = decide }: FilterOptions = {}): VisibleRecords<R> {
  const visible: R[] = [];
  const pointers = new Map<AgencyId, Pointer>();
  for (const record of records) {
    const decision = decider(user, action, { kind: 'record', id: record.id, provenance: record.provenance }, context);
    if (decision.effect === 'allow') visible.push(record);
    else if (decision.effect === 'pointer') {
      const seen = pointers.get(decision.pointer.agency);
      // Several agreements may name different desks; keep the first by desk id so the answer does not depend on record order.
      if (seen === undefined || deskKey(decision.pointer) < deskKey(seen)) pointers.set(decision.pointer.agency, decision.pointer);
    }
  }
  return { visible, pointers: [...pointers.values()].sort((a, b) => compare(a.agency, b.agency)) };
}

/** A notice to an owner agency that another agency consulted or encountered its records. */
export interface DeconflictionNotice {
  readonly owner: AgencyId;
  readonly kind: OwnerNotice['kind'];
  /** The owner's own records concerned: telling the owner about its own records leaks nothing. */
  readonly records: readonly RecordId[];
  /** Who to call back. The requester's purpose and case stay with the requester's agency. */
  readonly requester: { readonly user: UserId; readonly agency: AgencyId; readonly desk: DeskId | null };
}

/**
 * Which owners must be told, per the notifyOwnerOnConsult / notifyOwnerOnEncounter flags of
 * their agreements, for the records this user was just given in full or as pointers. Denied
 * records notify no one: a notice the requester could observe would confirm they exist.
 */
export function deconfliction(user: PolicyUser, records: readonly PolicyRecord[], context: PolicyContext, { action = 'search', decide: decider = decide }: FilterOptions = {}): readonly DeconflictionNotice[] {
  const grouped = new Map<string, { owner: AgencyId; kind: OwnerNotice['kind']; records: RecordId[] }>();
  for (const record of records) {
    const decision = decider(user, action, { kind: 'record', id: record.id, provenance: record.provenance }, context);
    if (decision.effect === 'deny' || decision.notifyOwner === undefined) continue;
    const { agency, kind } = decision.notifyOwner;
    const key = `${kind}\u0000${agency}`;
    const group = grouped.get(key) ?? { owner: agency, kind, records: [] };
    group.records.push(record.id);
    grouped.set(key, group);
  }
  return [...grouped.values()]
    .sort((a, b) => compare(a.owner, b.owner) || compare(a.kind, b.kind))
    .map((g) => ({ owner: g.owner, kind: g.kind, records: [...new Set(g.records)].sort(compare), requester: { user: user.id, agency: user.agency, desk: user.desk } }));
}

function deskKey(pointer: Pointer): string {
  return pointer.desk?.id ?? '\uffff';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
