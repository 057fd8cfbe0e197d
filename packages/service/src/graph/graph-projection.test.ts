/**
 * Shared-identifier ties of the record network: the network holds those of an identifier few
 * records hold, and one held by more is tied for each viewer among the holders they may read
 * (crowdedTiesFor), however many hold it, its ties moving between the two as holders come and go.
 */
import { expand, kShortestPaths, type NodeId } from '@mosaic/graph';
import { RecordId, schemata, validateRecord, type EntityRecord } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { CrowdedTiesGraph } from './crowded-ties-graph.ts';
import { createGraphProjection, MAX_SHARING } from './graph-projection.ts';

const provenance = (agency: string) => ({ agency, source: 'test', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'Test basis', reviewDate: '2031-01-01' });

function holder(agency: string, id: string, phone = '+32 470 99 91 11'): EntityRecord {
  const v = validateRecord(schemata(), { id, schema: 'Person', properties: { name: [`Holder ${id}`], phone: [phone] }, provenance: provenance(agency) });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.record;
}

/** A person of an agency on a flight, the Travel record theirs. */
function traveller(agency: string, id: string): EntityRecord[] {
  return [
    { id: `${id}-p`, schema: 'Person', properties: { name: [`Traveller ${id}`] } },
    { id: `${id}-t`, schema: 'Travel', properties: { person: [`${agency}:${id}-p`], departureDate: ['2015-11-12'], tripId: ['SN 3241'] } },
  ].map((raw) => {
    const v = validateRecord(schemata(), { ...raw, provenance: provenance(agency) });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    return v.record;
  });
}

function world() {
  const projection = createGraphProjection(schemata());
  const add = (...records: EntityRecord[]) => projection.apply(records.map((r) => ({ id: r.id, record: r })));
  const remove = (...ids: string[]) => projection.apply(ids.map((id) => ({ id: RecordId(id), record: undefined })));
  const held = () => projection.graph.edgeCount;
  /** The ties a viewer reading one agency's records has, as the queries draw them. */
  const drawn = (agency: string) => {
    const visible = (id: RecordId) => id.startsWith(`${agency}:`);
    const crowded = projection.crowdedTiesFor(visible);
    return crowded === undefined ? projection.graph : CrowdedTiesGraph.over(projection.graph).draw((node) => (visible(node as RecordId) ? crowded(node as RecordId) : []));
  };
  const ties = (agency: string, seed: string) => {
    const visible = (id: string) => id.startsWith(`${agency}:`);
    return expand(drawn(agency), seed as NodeId, { hops: 1, nodeBudget: 1000, visibility: { node: (n) => visible(n.id), edge: (e) => e.provenance.every(visible) } }).subgraph.edges.length;
  };
  return { projection, add, remove, held, drawn, ties };
}

describe('ties through a shared identifier', () => {
  it('are the network\'s up to the bound of holders in all, then drawn per viewer among those they may read, and back', () => {
    const w = world();
    w.add(holder('fedpol', 'a'), holder('fedpol', 'b'));
    w.add(...Array.from({ length: MAX_SHARING - 2 }, (_, i) => holder('intel', `h${i}`)));
    expect(w.held()).toBe((MAX_SHARING * (MAX_SHARING - 1)) / 2);
    expect(w.projection.crowdedTiesFor(() => true)).toBeUndefined();
    // one more: none in the network, each viewer's drawn
    w.add(holder('intel', 'h-last'));
    expect(w.held()).toBe(0);
    expect(w.ties('fedpol', 'fedpol:a')).toBe(1);
    expect(w.ties('intel', 'intel:h0')).toBe(((MAX_SHARING - 1) * (MAX_SHARING - 2)) / 2);
    // a viewer reading all 21: none
    expect(w.projection.crowdedTiesFor(() => true)!(RecordId('fedpol:a'))).toEqual([]);
    // one fewer again: the network's
    w.remove('intel:h-last');
    expect(w.held()).toBe((MAX_SHARING * (MAX_SHARING - 1)) / 2);
    expect(w.projection.crowdedTiesFor(() => true)).toBeUndefined();
  });

  it('keep a viewer\'s tie among the few they may read of fifty thousand holders, none of whose pairs the network holds', () => {
    const w = world();
    w.add(holder('fedpol', 'a'), holder('fedpol', 'b'), holder('fedpol', 'other', '+32 470 00 00 01'));
    w.add(...Array.from({ length: 50_000 }, (_, i) => holder('intel', `h${i}`)));
    expect(w.held()).toBe(0);
    const fed = w.drawn('fedpol');
    const visible = (id: string) => id.startsWith('fedpol:');
    const path = kShortestPaths(fed, 'fedpol:a' as NodeId, 'fedpol:b' as NodeId, { k: 1, visibility: { node: (n) => visible(n.id), edge: (e) => e.provenance.every(visible) } });
    expect(path.found && path.paths.map((p) => p.edges.map((e) => `${e.type} ${e.provenance.join(' ')}`))).toEqual([['shared-phone fedpol:a fedpol:b']]);
    expect(w.ties('intel', 'intel:h0')).toBe(0);
    // the drawing of one viewer's ties is gone with the next viewer's
    expect(w.ties('fedpol', 'fedpol:a')).toBe(1);
    w.drawn('intel');
    expect(fed.degreeAt(fed.indexOf('fedpol:a' as NodeId))).toBe(0);
  });

  it('ask whether a viewer reads one holder of each marking, not each holder, and tie those they read in the order they came', () => {
    const w = world();
    const secret = (id: string): EntityRecord => {
      const record = holder('intel', id);
      return { ...record, provenance: { ...record.provenance, marking: { tlp: 'RED', classification: 'SECRET', releasability: ['be'] } } };
    };
    w.add(holder('fedpol', 'c'));
    w.add(...Array.from({ length: 5_000 }, (_, i) => (i % 2 === 0 ? secret(`s${i}`) : holder('intel', `h${i}`))));
    w.add(holder('fedpol', 'a'), holder('fedpol', 'b'));
    // c written again: it now comes after a and b
    w.remove('fedpol:c');
    w.add(holder('fedpol', 'c'));
    const asked: RecordId[] = [];
    const ties = w.projection.crowdedTiesFor((id) => asked.push(id) > 0 && id.startsWith('fedpol:'))!;
    expect(ties(RecordId('fedpol:a')).map((t) => t.provenance.join(' '))).toEqual(['fedpol:a fedpol:b', 'fedpol:a fedpol:c']);
    expect(asked).toHaveLength(3);
    // a holder leaving takes no one else's marking with it
    w.remove('fedpol:a');
    expect(w.projection.crowdedTiesFor((id) => id.startsWith('fedpol:'))!(RecordId('fedpol:b')).map((t) => t.provenance.join(' '))).toEqual(['fedpol:b fedpol:c']);
  });

  it('tie the people of one trip as each viewer sees its travel records, however many travelled', () => {
    const w = world();
    w.add(...traveller('fedpol', 'a'), ...traveller('fedpol', 'b'));
    w.add(...Array.from({ length: MAX_SHARING + 5 }, (_, i) => traveller('intel', `h${i}`)).flat());
    expect(w.held()).toBe(0);
    const fed = w.drawn('fedpol');
    const a = fed.indexOf('fedpol:a-p' as NodeId);
    expect(Array.from({ length: fed.degreeAt(a) }, (_, k) => fed.edgeAt(fed.incidentAt(a, k))).map((e) => `${e.type} ${e.source} ${e.target} ${e.start} ${e.provenance.join(' ')}`))
      .toEqual(['co-travel-event fedpol:a-p fedpol:b-p 2015-11-12 fedpol:a-t fedpol:b-t']);
    expect(w.ties('intel', 'intel:h0-p')).toBe(0);
  });
});
