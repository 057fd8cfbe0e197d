/**
 * An entity as one reader sees it: which of its members they may read, the parts those fall into
 * on the evidence they may see (visibleParts in @mosaic/resolution), and the id each part goes by
 * (part-names.ts). The entity view, and the lookup of a record's entity, answer from it, so that
 * a record is never told to be of one entity with another only through records the reader may
 * not see.
 */
import type { EntityId, EntityRecord, RecordId } from '@mosaic/model';
import { filterVisible } from '@mosaic/policy';
import type { MergeEvent } from '@mosaic/resolution';
import type { Store, StoredRecord } from '@mosaic/store';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import type { EntityProjection } from './entity-projection.ts';
import { partNames, type NamedPart } from './part-names.ts';

/** A member record as the gate sees it, with what the store keeps of it. */
export type ConsultedMember = EntityRecord & { readonly stored: StoredRecord };

export interface ReaderView {
  /** Every member of the entity, by id. */
  readonly members: readonly ConsultedMember[];
  /** The members the reader may read. */
  readonly readable: ReadonlySet<RecordId>;
  /** The parts of the readable members that go by an id, largest first. */
  readonly parts: readonly NamedPart[];
  /** The readable records an id of the entity's history holds as its own (part-names.ts); undefined for an id the merges into it do not name. */
  ownRecords(id: EntityId): ReadonlySet<RecordId> | undefined;
}

/** Merge events read for one survivor at most (a survivor of more has been resolved unusually often). */
const MERGES_PER_ENTITY = 10_000;

export async function readerView(mosaic: Mosaic, consultation: Consultation, entities: Pick<EntityProjection, 'membersOf' | 'partsOf'>, entity: EntityId): Promise<ReaderView> {
  // by id: the same order whatever order the records joined in
  const memberIds = [...entities.membersOf(entity)].sort();
  const stored = await mosaic.store.getRecords(memberIds);
  const members = stored.map((s) => ({ ...s.record, stored: s }));
  const snapshot = await mosaic.org();
  const may = filterVisible(policyUser(consultation.user), members, policyContext(snapshot, consultation), { action: 'read', decide: mosaic.decide }).visible;
  const readable = new Set(may.map((r) => r.id));
  const whole = { parts: may.length > 0 ? [{ id: entity, records: [...readable] }] : [], ownRecords: () => readable };
  // the reader sees the whole entity (it holds together on what they see) or none of it: one id
  if (may.length === 0 || may.length === members.length) return { members, readable, ...whole };
  const split = may.length > 1 ? entities.partsOf(entity, readable) : [];
  const names = partNames({ entity, members: memberIds, merges: await mergesBuilding(mosaic.store, entity), parts: split.length > 0 ? split : [[...readable]] });
  return { members, readable, parts: names.named, ownRecords: names.ownRecords };
}

/**
 * The merges not undone that built `entity`: those into it and, through them, into the entities
 * it absorbed. The persistence seam (store-resolution-store.ts) keeps each merge event under its
 * survivor, so this reads the entity's history alone, not every merge there was.
 */
async function mergesBuilding(store: Store, entity: EntityId): Promise<readonly MergeEvent[]> {
  const found: MergeEvent[] = [];
  const seen = new Set<EntityId>([entity]);
  for (const queue = [entity]; queue.length > 0;) {
    const survivor = queue.shift() as EntityId;
    const events = (await store.listDocuments('merge-event', { subject: survivor, limit: MERGES_PER_ENTITY, oldestFirst: true })).map((d) => d.body as MergeEvent);
    for (const event of events) {
      if (event.undone !== undefined || seen.has(event.absorbed)) continue;
      seen.add(event.absorbed);
      found.push(event);
      queue.push(event.absorbed);
    }
  }
  return found;
}
