import { RecordId } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import { followChanges } from '../change-follower.ts';
import { eraseRecord, eraseStoredRecord, writeRecord } from '../records.ts';
import { sweepRetention } from '../retention/retention-sweep.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { createAlert } from './alerts.ts';
import { screenCheck } from './screen-check.ts';
import { createScreeningProjection } from './screening-projection.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const alertOn = (id: string, subject: string, agency: string, desk: string) => ({
  id, schema: 'Alert', provenance: testProvenance(agency),
  properties: { subject: [subject], category: ['arrest'], desk: [desk], deskContact: ['+3220000001'], status: ['active'] },
});

/** The erasure entries of the audit log, each as the records it names and why. */
async function erasureEntries(world: TestMosaic): Promise<{ records: string[]; reason: string }[]> {
  return (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 }))
    .map((e) => JSON.parse(e.body) as { action: string; records: string[]; reason: string })
    .filter((e) => e.action === 'erasure').map(({ records, reason }) => ({ records, reason }));
}

describe('erasing a record erases the alerts on it', () => {
  it('the owner\'s erasure erases every agency\'s alerts on the record, audited; a later record under the id carries none', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Quentin Erasmo'] }, provenance: testProvenance('fedpol') },
      alertOn('a1', 'fedpol:p1', 'fedpol', 'fedpol-ops'),
      alertOn('a2', 'fedpol:p1', 'intel', 'intel-liaison'),
      alertOn('a3', 'fedpol:p9', 'fedpol', 'fedpol-ops'),
    ]);
    const projection = createScreeningProjection();
    const follower = followChanges(mosaic.store, [projection]);
    await follower.catchUp();
    const admin = (await mosaic.store.findUserByName('fedAdmin'))!;
    await eraseRecord(mosaic, { user: admin, purpose: 'erasure request', caseRef: 'E-1' }, RecordId('fedpol:p1'), 'unlawfully listed');

    for (const id of ['fedpol:a1', 'intel:a2']) {
      expect(await mosaic.store.getRecord(RecordId(id))).toBeUndefined();
      expect((await mosaic.store.recordHistory(RecordId(id))).at(-1)).toMatchObject({ op: 'delete', reason: 'alert on fedpol:p1, erased (unlawfully listed)' });
    }
    expect(await mosaic.store.getRecord(RecordId('fedpol:a3'))).toBeDefined();
    expect(await erasureEntries(world)).toEqual([
      { records: ['fedpol:p1'], reason: 'owner erasure' },
      { records: ['fedpol:a1', 'intel:a2'], reason: 'alerts on an erased record' },
    ]);

    await follower.catchUp();
    expect([projection.alertRecord(RecordId('fedpol:a1')), projection.alertRecord(RecordId('intel:a2'))]).toEqual([undefined, undefined]);
    const analyst = (await mosaic.store.findUserByName('fedAnalyst'))!;
    const rewritten = await writeRecord(mosaic, { user: analyst }, { id: 'p1', schema: 'Person', properties: { name: ['Innocent Newperson'] }, provenance: testProvenance('fedpol') });
    expect(rewritten.ok).toBe(true);
    await follower.catchUp();
    const officer = (await mosaic.store.findUserByName('zoneCheckpoint'))!;
    const check = await screenCheck(mosaic, { user: officer }, projection, { query: { name: 'Innocent Newperson' } });
    expect(check.hits.map((h) => (h.kind === 'match' ? `${h.subject} alerts:${h.alerts.length}` : `pointer ${h.agency}`))).toEqual(['fedpol:p1 alerts:0']);
  });

  it('the retention sweep erases the alerts on a record it erases, naming them in its entry', async () => {
    world = await openTestMosaic({ now: () => new Date('2032-01-01T00:00:00Z') });
    const { mosaic } = world;
    await putFixtures(mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Quentin Erasmo'] }, provenance: testProvenance('fedpol', { reviewDate: '2031-06-01' }) },
      { ...alertOn('a1', 'fedpol:p1', 'fedpol', 'fedpol-ops'), provenance: testProvenance('fedpol', { reviewDate: '2040-01-01' }) },
    ]);
    const summary = await sweepRetention(mosaic);
    expect(summary.erased).toBe(2);
    expect(await mosaic.store.getRecord(RecordId('fedpol:a1'))).toBeUndefined();
    expect(await erasureEntries(world)).toEqual([{ records: ['fedpol:p1', 'fedpol:a1'], reason: 'retention sweep' }]);
  });

  it('refuses an alert whose subject is erased while it is issued, as on a missing record: it would outlive the erasure', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [{ id: 'p1', schema: 'Person', properties: { name: ['Quentin Erasmo'] }, provenance: testProvenance('fedpol') }]);
    const subject = RecordId('fedpol:p1');
    // the subject read as issuing reads it, then erased before the alert is written
    const read = mosaic.store.getRecord.bind(mosaic.store);
    mosaic.store.getRecord = async (id, options) => {
      const found = await read(id, options);
      if (id === subject && found) await eraseStoredRecord(mosaic.store, subject, { actor: 'test', reason: 'owner erasure' });
      return found;
    };
    const analyst = (await mosaic.store.findUserByName('fedAnalyst'))!;
    await expect(createAlert(mosaic, { user: analyst, purpose: 'alert issue', caseRef: 'A-1' }, { subject, category: 'arrest' }))
      .rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: 'record fedpol:p1 not found' });
    expect(await mosaic.store.scanRecords({ schema: 'Alert', limit: 10 })).toEqual([]);
  });
});
