import type { AuditEntry } from '@mosaic/audit';
import { RecordId } from '@mosaic/model';
import { decide, type Decide } from '@mosaic/policy';
import { createStoreAuditStorage } from '@mosaic/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consult } from './consult.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from './testing.ts';

let world: TestMosaic;

beforeEach(async () => {
  world = await openTestMosaic();
});

afterEach(async () => {
  await world.cleanup();
});

async function disclosures(): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.action === 'disclosure') found.push(entry);
  return found;
}

describe('consult', () => {
  it("logs each disclosure under the policy decision's reason, so that a flow no agreement authorised says so", async () => {
    await putFixtures(world.mosaic, [
      { id: 'z1', schema: 'Person', properties: { name: ['Odalric Vennemann'] }, provenance: testProvenance('zone-north') },
      // intelligence has no agreement with the federal police: this record is shown because it is TLP:CLEAR
      { id: 'x1', schema: 'Person', properties: { name: ['Odalric Venneman'] }, provenance: testProvenance('intel', { marking: { tlp: 'CLEAR', classification: 'UNCLASSIFIED', releasability: ['be'] } }) },
    ]);
    const records = (await world.mosaic.store.getRecords([RecordId('zone-north:z1'), RecordId('intel:x1')])).map((s) => s.record);
    const user = (await world.mosaic.store.listUsers()).find((u) => u.name === 'fedAnalyst')!;
    const { visible } = await consult(world.mosaic, { user, purpose: 'investigation', caseRef: 'FP-1' }, records, { action: 'read', query: { q: 'Vennemann' } });

    expect(visible.map((r) => r.id)).toEqual(['zone-north:z1', 'intel:x1']);
    expect((await disclosures()).map((e) => [e.records, e.recipients, e.reason])).toEqual([
      [['zone-north:z1'], ['fedpol'], 'agreement: full'],
      [['intel:x1'], ['fedpol'], 'tlp:clear'],
    ]);
  });

  it('logs the records behind each pointer shown (`pointed`), by the agency pointed to', async () => {
    await putFixtures(world.mosaic, [
      { id: 'z1', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('zone-north') },
      // intelligence gives the zone pointers only
      { id: 'i2', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('intel') },
      { id: 'i1', schema: 'Person', properties: { name: ['Agron Morinah'] }, provenance: testProvenance('intel') },
    ]);
    const records = (await world.mosaic.store.getRecords([RecordId('zone-north:z1'), RecordId('intel:i2'), RecordId('intel:i1')])).map((s) => s.record);
    const user = (await world.mosaic.store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
    const { visible, pointers } = await consult(world.mosaic, { user, purpose: 'investigation', caseRef: 'ZN-1' }, records, { action: 'search', query: { q: 'Morina' } });
    expect([visible.map((r) => r.id), pointers.map((p) => p.agency)]).toEqual([['zone-north:z1'], ['intel']]);
    const entries: AuditEntry[] = [];
    for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.action === 'consultation') entries.push(entry);
    expect(entries.map((e) => [e.records, e.pointers, e.pointed])).toEqual([[['zone-north:z1'], ['intel'], [{ agency: 'intel', records: ['intel:i1', 'intel:i2'] }]]]);
  });

  it('logs no `pointed` when no pointer was shown', async () => {
    await putFixtures(world.mosaic, [{ id: 'z1', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('zone-north') }]);
    const records = (await world.mosaic.store.getRecords([RecordId('zone-north:z1')])).map((s) => s.record);
    const user = (await world.mosaic.store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
    await consult(world.mosaic, { user, purpose: 'investigation', caseRef: 'ZN-1' }, records, { action: 'search', query: { q: 'Morina' } });
    const entries: AuditEntry[] = [];
    for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.action === 'consultation') entries.push(entry);
    expect(entries).toHaveLength(1);
    expect(entries[0]).not.toHaveProperty('pointed');
  });

  it('asks the decision point once per record, for what is shown, the pointers, the owners\' notices and the audit entry alike', async () => {
    const asked: string[] = [];
    const counting: Decide = (user, action, resource, context) => {
      if (resource.kind === 'record') asked.push(resource.id ?? 'no id');
      return decide(user, action, resource, context);
    };
    const counted = await openTestMosaic({ decide: counting });
    try {
      // the officer's own record, one the federal police share in full (disclosed, its owner told), and one intelligence points to
      await putFixtures(counted.mosaic, [
        { id: 'z1', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('zone-north') },
        { id: 'f1', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('fedpol') },
        { id: 'i1', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('intel') },
      ]);
      const records = (await counted.mosaic.store.getRecords([RecordId('zone-north:z1'), RecordId('fedpol:f1'), RecordId('intel:i1')])).map((s) => s.record);
      const user = (await counted.mosaic.store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
      asked.length = 0;
      const { visible, pointers } = await consult(counted.mosaic, { user, purpose: 'investigation', caseRef: 'ZN-1' }, records, { action: 'search', query: { q: 'Morina' } });
      expect([visible.map((r) => r.id), pointers.map((p) => p.agency)]).toEqual([['zone-north:z1', 'fedpol:f1'], ['intel']]);
      expect(asked.sort()).toEqual(['fedpol:f1', 'intel:i1', 'zone-north:z1']);
    } finally {
      await counted.cleanup();
    }
  });
});
