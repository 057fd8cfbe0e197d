import type { NodeId } from '@mosaic/graph';
import { RecordId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { startProjections, type Projections } from '../projections.ts';
import { eraseRecord } from '../records.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { testWorldEndedAfterEach } from '../test-world.fixture.ts';
import { graphExport, graphExpand, graphPaths, graphPlaces, graphTimeline } from './graph-queries.ts';

const current = testWorldEndedAfterEach();

const node = (id: string): NodeId => id as NodeId;

/** Two brothers, a sighting of them together and an address one lives at, the network built and then left behind the feed. */
async function brothers(): Promise<{ world: TestMosaic; projections: Projections }> {
  const opened = await openTestMosaic();
  await putFixtures(opened.mosaic, [
    { id: 'p1', schema: 'Person', properties: { name: ['Idris Vallancourt'], birthDate: ['1975-03-02'] }, provenance: testProvenance('fedpol') },
    { id: 'p2', schema: 'Person', properties: { name: ['Noor Vallancourt'], birthDate: ['1978-06-11'] }, provenance: testProvenance('fedpol') },
    { id: 'f1', schema: 'Family', properties: { person: ['fedpol:p1'], relative: ['fedpol:p2'], relationship: ['brother'] }, provenance: testProvenance('fedpol') },
    { id: 's1', schema: 'Sighting', properties: { person: ['fedpol:p1', 'fedpol:p2'], date: ['2024-05-02'], place: ['Quai des Usines'], latitude: ['50.85'], longitude: ['4.35'], summary: ['Idris Vallancourt seen with his brother'] }, provenance: testProvenance('fedpol') },
  ]);
  // built once: the projections follow the change feed only when asked (as between two of a node's reads of it)
  const built = await startProjections(opened.mosaic, { follow: false });
  return { world: opened, projections: built };
}

describe('graph queries: a record erased before the network has heard of it', () => {
  it('is neither drawn, named, dated nor exported, at record and entity level, though the network still holds it', async () => {
    ({ world: current.world, projections: current.projections } = await brothers());
    const { mosaic } = current.world;
    const analyst = { user: (await mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'network analysis', caseRef: 'CASE-E' };
    const before = await graphExpand(mosaic, analyst, current.projections, { seeds: [node('fedpol:p2')], level: 'record' });
    expect(JSON.stringify(before)).toContain('Idris Vallancourt');
    expect(JSON.stringify(await graphTimeline(mosaic, analyst, current.projections, { entities: [node('fedpol:p2')] }))).toContain('Quai des Usines');
    expect(JSON.stringify(await graphPlaces(mosaic, analyst, current.projections, { entities: [node('fedpol:p2')] }))).toContain('Quai des Usines');
    expect((await graphExport(mosaic, analyst, current.projections, { seeds: [node('fedpol:p2')], format: 'graphml' })).file).toContain('Idris Vallancourt');

    const logged = (await mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).length;
    const admin = { user: (await mosaic.store.findUserByName('fedAdmin'))!, purpose: 'erasure request', caseRef: 'E-1' };
    await eraseRecord(mosaic, admin, RecordId('fedpol:p1'), 'unlawfully listed');
    await eraseRecord(mosaic, admin, RecordId('fedpol:s1'), 'unlawfully listed');
    expect(current.projections.graph.graph.hasNode(node('fedpol:p1'))).toBe(true);

    for (const level of ['record', 'entity'] as const) {
      const expanded = await graphExpand(mosaic, analyst, current.projections, { seeds: [node('fedpol:p2')], hops: 2, level });
      expect(expanded.subgraph.nodes).toHaveLength(1);
      expect(JSON.stringify(expanded)).not.toMatch(/Idris|fedpol:p1|fedpol:f1|fedpol:s1/);
      const timeline = await graphTimeline(mosaic, analyst, current.projections, { entities: [node('fedpol:p2')], level });
      expect(JSON.stringify(timeline)).not.toMatch(/Idris|fedpol:p1|fedpol:s1|Quai des Usines/);
      const places = await graphPlaces(mosaic, analyst, current.projections, { entities: [node('fedpol:p2')], level });
      expect(JSON.stringify(places)).not.toMatch(/Idris|fedpol:p1|fedpol:s1|Quai des Usines/);
      const exported = await graphExport(mosaic, analyst, current.projections, { seeds: [node('fedpol:p2')], hops: 2, level, format: 'graphml' });
      expect(exported.file).not.toMatch(/Idris|fedpol:p1|fedpol:f1/);
      // the erased record itself answers as an id not found
      await expect(graphExpand(mosaic, analyst, current.projections, { seeds: [node('fedpol:p1')], level })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
      await expect(graphPaths(mosaic, analyst, current.projections, { from: node('fedpol:p2'), to: node('fedpol:p1'), level })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    }
    // nor is it logged as consulted
    const since = (await mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(logged).map((e) => JSON.parse(e.body) as { action: string; records?: string[]; pointed?: unknown });
    const read = since.filter((e) => e.action === 'consultation' || e.action === 'export');
    expect(read.length).toBeGreaterThan(0);
    expect(JSON.stringify(read.map((e) => [e.records, e.pointed]))).not.toMatch(/fedpol:p1|fedpol:f1|fedpol:s1/);
  });

  it('reads nothing of the store where the feed holds nothing beyond what the network has read', async () => {
    ({ world: current.world, projections: current.projections } = await brothers());
    const { mosaic } = current.world;
    const analyst = { user: (await mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'network analysis', caseRef: 'CASE-E' };
    let reads = 0;
    const heldRecordIds = mosaic.store.heldRecordIds.bind(mosaic.store);
    mosaic.store.heldRecordIds = (ids) => {
      reads += 1;
      return heldRecordIds(ids);
    };
    const expanded = await graphExpand(mosaic, analyst, current.projections, { seeds: [node('fedpol:p2')], level: 'record' });
    expect(JSON.stringify(expanded)).toContain('Idris Vallancourt');
    expect(reads).toBe(0);
  });
});
