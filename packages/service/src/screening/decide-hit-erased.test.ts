import { RecordId } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import { eraseRecord } from '../records.ts';
import { listUnderArrestAlert, openTestMosaic, type TestMosaic } from '../testing.ts';
import { decideHit } from './decide-hit.ts';
import { readCheck } from './read-check.ts';
import { screenCheck } from './screen-check.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('decideHit on a hit whose listed record was erased since the check', () => {
  it('is refused as a hit not there, writes no Sighting of the erased person, and a read shows the hit no more, though the watchlist still lists the record', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const projection = await listUnderArrestAlert(mosaic);
    const consultation = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
    const check = await screenCheck(mosaic, consultation, projection, { query: { name: 'Rachid Bouzid' }, place: 'Checkpoint E40' });
    const ref = check.hits[0]?.ref;
    expect(check.hits.map((h) => (h.kind === 'match' ? h.subject : h.agency))).toEqual(['fedpol:p1']);

    // erased a moment later, before this node's watchlist has read the erasure from the change feed
    await eraseRecord(mosaic, { user: (await mosaic.store.findUserByName('fedAdmin'))!, purpose: 'retention review', caseRef: 'RET-9' }, RecordId('fedpol:p1'), 'review date passed');
    expect(projection.provenanceOf(RecordId('fedpol:p1'))).toBeDefined();

    expect((await readCheck(mosaic, consultation, projection, check.id)).hits).toEqual([]);
    await expect(decideHit(mosaic, consultation, projection, { check: check.id, hit: ref!, decision: 'confirm' })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    const sightings = await mosaic.store.scanRecords({ schema: 'Sighting', limit: 10 });
    expect(sightings).toEqual([]);
  });
});
