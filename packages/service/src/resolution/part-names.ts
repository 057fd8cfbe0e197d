/**
 * Which id each part of an entity goes by, for one reader. An entity falls apart into parts for
 * a reader when only records hidden from them tie its members together (visibleParts). Under one
 * id those parts would tell the reader of that tie (DESIGN principle 3), so each part goes by an
 * id of its own, taken from how the entity was built: the id of the entity whose own records the
 * part holds. The entity keeps its id for the part holding records it held before any merge (or
 * that joined it since); a part holding only records an absorbed entity brought keeps that
 * entity's id, the one the reader knew it by before the hidden record joined the two. The ids
 * are the ones resolution gave, so they stay what they were, and a part whose records the reader
 * sees joined on visible evidence goes by the survivor's id, as a redirect says.
 *
 * Ids are handed out from the survivor down (breadth first through the merges), each to the
 * first part, largest first, that holds the id's own records and has none yet. A part no id is
 * left for (the entity's own records fall into two parts) goes by none: it is not named at all
 * rather than under an id that another part goes by.
 */
import type { EntityId, RecordId } from '@mosaic/model';
import type { MergeEvent } from '@mosaic/resolution';

export interface NamedPart {
  readonly id: EntityId;
  readonly records: readonly RecordId[];
}

export interface PartNames {
  /** The parts that go by an id, in the order of the parts given. */
  readonly named: readonly NamedPart[];
  /** The records an id of the entity's history holds as its own; undefined for an id the merges into it do not name. */
  ownRecords(id: EntityId): ReadonlySet<RecordId> | undefined;
}

/**
 * `members`: the entity's members now; `merges`: merges not undone into the entity and into the
 * entities it absorbed (mergesBuilding); `parts`: the reader's parts, largest first.
 */
export function partNames({ entity, members, merges, parts }: { readonly entity: EntityId; readonly members: readonly RecordId[]; readonly merges: readonly MergeEvent[]; readonly parts: readonly (readonly RecordId[])[] }): PartNames {
  const present = new Set(members);
  // each id's records: the entity's members, an absorbed entity's those it brought when absorbed
  const held = new Map<EntityId, ReadonlySet<RecordId>>([[entity, present]]);
  const absorbedBy = new Map<EntityId, EntityId[]>();
  const order: EntityId[] = [entity];
  for (let at = 0; at < order.length; at++) {
    const survivor = order[at] as EntityId;
    for (const merge of merges) {
      if (merge.survivor !== survivor || merge.undone !== undefined || held.has(merge.absorbed)) continue;
      held.set(merge.absorbed, new Set(merge.absorbedRecords.filter((r) => present.has(r))));
      absorbedBy.set(survivor, [...(absorbedBy.get(survivor) ?? []), merge.absorbed]);
      order.push(merge.absorbed);
    }
  }
  // an id's own records: those it holds that none of the entities it absorbed brought
  const own = new Map<EntityId, ReadonlySet<RecordId>>();
  for (const id of order) {
    const brought = new Set((absorbedBy.get(id) ?? []).flatMap((absorbed) => [...(held.get(absorbed) ?? [])]));
    own.set(id, new Set([...(held.get(id) ?? [])].filter((r) => !brought.has(r))));
  }
  const names = new Map<number, EntityId>();
  for (const id of order) {
    const records = own.get(id) ?? new Set();
    const at = parts.findIndex((part, k) => !names.has(k) && part.some((r) => records.has(r)));
    if (at >= 0) names.set(at, id);
  }
  return {
    named: parts.flatMap((records, k) => {
      const id = names.get(k);
      return id === undefined ? [] : [{ id, records }];
    }),
    ownRecords: (id) => own.get(id),
  };
}
