import { RecordId } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecord, readRecordHistory } from './records.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from './testing.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('a record\'s history', () => {
  it('lists a version written under a marking the reader may not read without its content, and audits the versions it showed', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const id = RecordId('fedpol:h1');
    await putFixtures(mosaic, [{ id: 'h1', schema: 'Person', properties: { name: ['Ilse Marchetti'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }) }]);
    const zone = { user: (await mosaic.store.findUserByName('zoneOfficer'))!, purpose: 'patrol check', caseRef: 'Z-1' };
    await expect(readRecord(mosaic, zone, id)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    await expect(readRecordHistory(mosaic, zone, id)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    // the owner lowers the marking, under another name
    await putFixtures(mosaic, [{ id: 'h1', schema: 'Person', properties: { name: ['Ilona Marsh'] }, provenance: testProvenance('fedpol') }]);

    const before = (await mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).length;
    const versions = await readRecordHistory(mosaic, zone, id);
    expect(versions.map((v) => [v.version, v.record === undefined, v.withheld ?? false])).toEqual([[1, true, true], [2, false, false]]);
    expect(JSON.stringify(versions)).not.toContain('Ilse');
    const logged = (await mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(before).map((e) => JSON.parse(e.body) as { action: string; query: unknown; records: string[] });
    expect(logged).toContainEqual(expect.objectContaining({ action: 'consultation', query: { record: id, history: { versions: [2] } }, records: [id] }));

    // the owner's analyst sees every version whole
    const fedpol = { user: (await mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'case review', caseRef: 'F-1' };
    const own = await readRecordHistory(mosaic, fedpol, id);
    expect(own.map((v) => v.record?.properties['name'])).toEqual([['Ilse Marchetti'], ['Ilona Marsh']]);
  });
});
