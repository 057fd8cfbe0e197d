import type { NodeId } from '@mosaic/graph';
import { EntityId, RecordId, validateRecord } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import { graphExpand } from '../graph/graph-queries.ts';
import type { Consultation } from '../organisation.ts';
import { startProjections, type Projections } from '../projections.ts';
import { closeTestWorld, openTestMosaic, testProvenance, type TestMosaic, type TestUserName } from '../testing.ts';
import { readEntity, reviewPairs } from './entity-view.ts';

let world: TestMosaic | undefined;
let projections: Projections | undefined;
afterEach(async () => {
  await closeTestWorld(world, projections);
  world = projections = undefined;
});

async function as(name: TestUserName): Promise<Consultation> {
  const user = (await world!.mosaic.store.listUsers()).find((u) => u.name === name)!;
  return { user, purpose: 'investigation', caseRef: 'CASE-E1' };
}

async function put(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(world!.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await world!.mosaic.store.putRecords([v.record], { actor: 'test' });
}

describe('readEntity', () => {
  it('does not show as one entity two records that only a record hidden from the viewer ties together', async () => {
    world = await openTestMosaic();
    projections = await startProjections(world.mosaic, { follow: false });
    // The two federal police records do not meet on their own; intelligence's record, holding
    // what both hold, merges them. The federal police share nothing with intelligence.
    await put({ id: 'x', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'y', schema: 'Person', properties: { name: ['Quentin Lavigne'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'a', schema: 'Associate', properties: { person: ['y'], associate: ['x'] }, provenance: testProvenance('fedpol') });
    await projections.follower.catchUp();
    await put({ id: 'z', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('intel') });
    await projections.follower.catchUp();
    const entities = projections.entities;
    const merged = entities.entityOf(RecordId('fedpol:x'))!;
    expect(entities.entityOf(RecordId('fedpol:y'))).toBe(merged);

    const fed = await as('fedAnalyst');
    const shown = async (c: Consultation, anchor?: string) => {
      const answer = await readEntity(world!.mosaic, c, entities, merged, anchor ? { anchor: RecordId(anchor) } : {});
      if (!('entity' in answer)) throw new Error('split');
      return { records: answer.entity.records.map((r) => r.id), pointers: answer.entity.pointers.map((p) => p.agency) };
    };
    expect((await shown(fed, 'fedpol:x')).records).toEqual(['fedpol:x']);
    expect((await shown(fed, 'fedpol:y')).records).toEqual(['fedpol:y']);
    // The zone sees both federal records and, by its agreement with intelligence, a pointer: still apart.
    expect(await shown(await as('zoneOfficer'), 'fedpol:y')).toEqual({ records: ['fedpol:y'], pointers: ['intel'] });
    // Intelligence sees only its own record.
    expect((await shown(await as('intelAnalyst'))).records).toEqual(['intel:z']);

    // In the entity graph the association between x and y is not drawn inside one node, nor as an edge between parts.
    const { subgraph } = await graphExpand(world.mosaic, fed, projections, { seeds: [merged as string as NodeId], hops: 1 });
    expect(subgraph.nodes.map((n) => n.id)).toEqual([merged]);
    expect(subgraph.edges).toEqual([]);

    // Once a person judges x and y the same, they are one for everybody who may see them.
    await entities.judge(RecordId('fedpol:x'), RecordId('fedpol:y'), 'same', fed.user.id);
    const after = entities.entityOf(RecordId('fedpol:x'))!;
    const answer = await readEntity(world.mosaic, fed, entities, EntityId(after));
    expect('entity' in answer && answer.entity.records.map((r) => r.id)).toEqual(['fedpol:x', 'fedpol:y']);
  });

  it('shows the alerts in force on the subject that the viewer may read, most binding first, and audits them', async () => {
    world = await openTestMosaic({ now: () => new Date('2026-12-05T10:00:00Z') });
    projections = await startProjections(world.mosaic, { follow: false });
    await put({ id: 'p', schema: 'Person', properties: { name: ['Ysaline Verbrugge'] }, provenance: testProvenance('fedpol') });
    const alert = (id: string, category: string, extra: Record<string, string[]> = {}, provenance: Record<string, unknown> = {}) => put({
      id, schema: 'Alert', properties: { subject: ['fedpol:p'], category: [category], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'], ...extra },
      provenance: testProvenance('fedpol', provenance),
    });
    await alert('a-discreet', 'discreet_check', {}, { marking: { tlp: 'RED', classification: 'RESTRICTED', releasability: ['be'] } });
    await alert('a-arrest', 'arrest', { validFrom: ['2026-01-01'] });
    await alert('a-withdrawn', 'specific_check', { status: ['withdrawn'] });
    await alert('a-expired', 'inquiry_check', { validUntil: ['2026-06-30'] });
    await projections.follower.catchUp();
    const entity = projections.entities.entityOf(RecordId('fedpol:p'))!;
    const alertsFor = async (name: TestUserName) => {
      const answer = await readEntity(world!.mosaic, await as(name), projections!.entities, entity, { screening: projections!.screening });
      if (!('entity' in answer)) throw new Error('split');
      return answer.entity.alerts.map((a) => `${a.agency} ${a.id} ${a.action} ${a.deskContact}`);
    };
    expect(await alertsFor('fedAnalyst')).toEqual(['fedpol fedpol:a-arrest ARREST +3220000001', 'fedpol fedpol:a-discreet REPORT_COVERTLY +3220000001']);
    // the zone reads the federal police's AMBER records, not its RED ones
    expect(await alertsFor('zoneOfficer')).toEqual(['fedpol fedpol:a-arrest ARREST +3220000001']);
    const audited = await world.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 });
    const consulted = audited.map((e) => JSON.parse(e.body) as { action: string; records?: string[] }).filter((e) => e.action === 'consultation').at(-1);
    expect(consulted?.records).toEqual(['fedpol:p', 'fedpol:a-arrest']);
    // without the screening projection, no alerts
    const plain = await readEntity(world.mosaic, await as('fedAnalyst'), projections.entities, entity);
    expect('entity' in plain && plain.entity.alerts).toEqual([]);
  });
});

describe('reviewPairs', () => {
  it('does not ask about two records that only a record hidden from the reviewer ties into one entity', async () => {
    world = await openTestMosaic();
    projections = await startProjections(world.mosaic, { follow: false });
    await put({ id: 'x', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'y', schema: 'Person', properties: { name: ['Quentin Lavigne'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('fedpol') });
    // intelligence, which shares nothing with the federal police, holds what ties them
    await put({ id: 'z', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('intel') });
    await projections.follower.catchUp();
    await projections.entities.rebuild();
    const entity = projections.entities.entityOf(RecordId('fedpol:x'));
    expect(projections.entities.entityOf(RecordId('fedpol:y'))).toBe(entity);
    // the machine's queue holds the pair; the federal police's analyst is not asked it
    expect(projections.entities.review(20).some((item) => [item.a, item.b].sort().join() === 'fedpol:x,fedpol:y')).toBe(true);
    const pairs = await reviewPairs(world.mosaic, await as('fedAnalyst'), projections.entities, 20);
    expect(pairs.filter((p) => p.entityA === p.entityB)).toEqual([]);
    expect(pairs.map((p) => [p.a.id, p.b.id].sort().join())).not.toContain('fedpol:x,fedpol:y');
  });
});
