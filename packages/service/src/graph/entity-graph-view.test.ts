/**
 * The entity-level network on small graphs with known answers: records collapse into their
 * entities, ties keep their records and ends, ties inside one entity vanish, and a change of
 * membership (a merge, an undone merge) or a new record moves exactly the ties it should.
 */
import { EntityId, RecordId, schemata, validateRecord, type EntityRecord } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { createEntityGraphView } from './entity-graph-view.ts';
import { createGraphProjection } from './graph-projection.ts';

const provenance = { agency: 'fedpol', source: 'test', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'Test basis', reviewDate: '2031-01-01' };

function record(id: string, schema: string, properties: Record<string, string[]>): EntityRecord {
  const v = validateRecord(schemata(), { id, schema, properties, provenance });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.record;
}

function world() {
  const projection = createGraphProjection(schemata());
  const membership = new Map<RecordId, EntityId>();
  const listeners: ((record: RecordId) => void)[] = [];
  // Every visible member holds together here (the visible-evidence split is visible-parts.test.ts's).
  const entities = {
    entityOf: (r: RecordId) => membership.get(r), onMembership: (l: (record: RecordId) => void) => void listeners.push(l),
    partsOf: (_entity: EntityId, visible: ReadonlySet<RecordId>) => [[...visible].sort()],
  };
  const view = createEntityGraphView(projection, entities);
  const add = (...records: EntityRecord[]) => projection.apply(records.map((r) => ({ id: r.id, record: r })));
  const remove = (id: string) => projection.apply([{ id: RecordId(`fedpol:${id}`), record: undefined }]);
  const member = (record: string, entity: string) => {
    membership.set(RecordId(`fedpol:${record}`), EntityId(entity));
    for (const l of listeners) l(RecordId(`fedpol:${record}`));
  };
  const edges = () => {
    view.sync();
    return [...view.graph.nodeIds()].flatMap((n) => {
      const v = view.graph.indexOf(n);
      return Array.from({ length: view.graph.degreeAt(v) }, (_, k) => view.graph.edgeAt(view.graph.incidentAt(v, k)));
    }).filter((e, i, all) => all.findIndex((x) => x.id === e.id) === i).map((e) => `${e.type}:${[e.source, e.target].sort().join('-')}`).sort();
  };
  return { view, add, remove, member, edges };
}

describe('entity graph view', () => {
  it('collapses records into entities and keeps each tie with its claims and its two member records', () => {
    const w = world();
    w.member('a1', 'E1');
    w.member('a2', 'E1');
    w.member('b', 'E2');
    w.add(
      record('a1', 'Person', { name: ['Anna Test'] }), record('a2', 'Person', { name: ['Anna Test'] }), record('b', 'Person', { name: ['Bert Test'] }),
      record('c', 'Person', { name: ['Carl Test'] }),
      record('r1', 'Associate', { person: ['a1'], associate: ['b'] }), record('r2', 'Family', { person: ['a2'], relative: ['b'] }),
      record('r3', 'Associate', { person: ['a1'], associate: ['a2'] }), record('r4', 'Associate', { person: ['c'], associate: ['a2'] }),
    );
    // c is resolved into no entity: it stands for itself.
    expect(w.edges()).toEqual(['associate:E1-E2', 'associate:E1-fedpol:c', 'family:E1-E2']);
    expect(w.view.graph.nodeCount).toBe(3);
    expect([...w.view.membersOf(EntityId('E1'))].sort()).toEqual(['fedpol:a1', 'fedpol:a2']);
    expect(w.view.graph.edge('fedpol:r1' as never)?.provenance).toEqual(['fedpol:r1']);
    expect(w.view.endpointsOf('fedpol:r1' as never)).toEqual(['fedpol:a1', 'fedpol:b']);
    // a person's employer, as a report's confirmed relation writes it
    w.add(record('o', 'Organization', { name: ['Test Freight NV'] }), record('r5', 'Employment', { employee: ['c'], employer: ['o'] }));
    expect(w.edges()).toContain('employment:fedpol:c-fedpol:o');
  });

  it('moves ties when membership changes and when records arrive or leave', () => {
    const w = world();
    w.add(record('a', 'Person', { name: ['Anna Test'] }), record('b', 'Person', { name: ['Bert Test'] }), record('r', 'Associate', { person: ['a'], associate: ['b'] }));
    expect(w.edges()).toEqual(['associate:fedpol:a-fedpol:b']);
    // merged: the tie is now inside one entity and disappears, as do the record nodes
    w.member('a', 'E9');
    w.member('b', 'E9');
    expect(w.edges()).toEqual([]);
    expect([...w.view.graph.nodeIds()]).toEqual(['E9']);
    // the merge undone
    w.member('b', 'E8');
    expect(w.edges()).toEqual(['associate:E8-E9']);
    // a new record with a shared phone links in without a rebuild; deleting it unlinks it
    w.add(record('c', 'Person', { name: ['Carl Test'], phone: ['+32 470 11 22 33'] }), record('d', 'Person', { name: ['Dora Test'], phone: ['+32470112233'] }));
    expect(w.edges()).toEqual(['associate:E8-E9', 'shared-phone:fedpol:c-fedpol:d']);
    // a sighting of two people ties them, resting on the sighting
    w.add(record('e', 'Sighting', { person: ['c'], involved: ['a'], date: ['2016-02-02'] }));
    expect(w.edges()).toEqual(['associate:E8-E9', 'co-sighting:E9-fedpol:c', 'shared-phone:fedpol:c-fedpol:d']);
    w.remove('d');
    expect(w.edges()).toEqual(['associate:E8-E9', 'co-sighting:E9-fedpol:c']);
    expect(w.view.graph.hasNode(RecordId('fedpol:d'))).toBe(false);
  });
});
