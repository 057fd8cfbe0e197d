/**
 * Erasing a record leaves none of its names in the summary of a relationship record it is an end
 * of (the owner's erasure and the retention sweep alike): a report's confirmed relation quotes
 * the sentence that names both persons, and the relationship outlives the erased end. The summary
 * is replaced in a new version, and the earlier versions' history no longer shows it; a summary
 * that names no one, or a relationship the record is no end of, stays.
 */
import { RecordId } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import type { Consultation } from '../organisation.ts';
import { eraseRecord, readRecord, readRecordHistory } from '../records.ts';
import { sweepRetention } from '../retention/retention-sweep.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { ERASED_SUMMARY, ERASED_TEXT } from './erase-from-relation-summaries.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

/** Two brothers, a third man, and the relationships among them (the brothers' summary quoting a report's sentence). */
async function related(test: TestMosaic, reviewDate = '2031-01-01'): Promise<Consultation> {
  await putFixtures(test.mosaic, [
    { id: 'p1', schema: 'Person', properties: { name: ['Dirkjan Moerbeeke'], alias: ['De Schipper'] }, provenance: testProvenance('fedpol', { reviewDate }) },
    { id: 'p2', schema: 'Person', properties: { name: ['Joost Moerbeeke'] }, provenance: testProvenance('fedpol') },
    { id: 'p3', schema: 'Person', properties: { name: ['Arend Valkema'] }, provenance: testProvenance('fedpol') },
    { id: 'f1', schema: 'Family', properties: { person: ['fedpol:p1'], relative: ['fedpol:p2'], relationship: ['brother'], summary: ['De Schipper runs the boats with his brother Joost.'] }, provenance: testProvenance('fedpol') },
    { id: 'f2', schema: 'Associate', properties: { person: ['fedpol:p1'], associate: ['fedpol:p3'], summary: ['Met at the harbour in 2019.'] }, provenance: testProvenance('intel') },
    { id: 'f3', schema: 'Associate', properties: { person: ['fedpol:p2'], associate: ['fedpol:p3'], summary: ['Joost and Arend, seen with Moerbeeke\'s crew.'] }, provenance: testProvenance('fedpol') },
    // events: he is the person seen in one, among those involved in the other, and neither in the third
    { id: 's1', schema: 'Sighting', properties: { person: ['fedpol:p1'], date: ['2024-03-02'], checkpoint: ['Zeebrugge'], summary: ['Dirkjan Moerbeeke drove the van off the ferry.'], identityUsed: ['D. Moerbeeke'], companions: ['Arend Valkema'], objects: ['A ledger signed De Schipper'] }, provenance: testProvenance('fedpol') },
    { id: 's2', schema: 'Sighting', properties: { person: ['fedpol:p3'], involved: ['fedpol:p1'], date: ['2024-03-03'], summary: ['Arend met De Schipper at the quay.'] }, provenance: testProvenance('intel') },
    { id: 's3', schema: 'Sighting', properties: { person: ['fedpol:p2'], date: ['2024-03-04'], summary: ['Joost alone, Moerbeeke\'s van.'] }, provenance: testProvenance('fedpol') },
  ]);
  // the summary as it was before, so the history holds a version with it and one after
  await putFixtures(test.mosaic, [
    { id: 'f1', schema: 'Family', properties: { person: ['fedpol:p1'], relative: ['fedpol:p2'], relationship: ['brother'], summary: ['Dirkjan Moerbeeke runs the boats with his brother Joost.'], startDate: ['2015'] }, provenance: testProvenance('fedpol') },
  ]);
  return { user: (await test.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'investigation', caseRef: 'CASE-R' };
}

async function expectSummaryErased(test: TestMosaic, analyst: Consultation): Promise<void> {
  const f1 = await readRecord(test.mosaic, analyst, RecordId('fedpol:f1'));
  expect(f1.record?.properties['summary']).toEqual([ERASED_SUMMARY]);
  // the rest of the relationship stays: it is its owner's claim about the end still held
  expect(f1.record?.properties['relative']).toEqual(['fedpol:p2']);
  expect(f1.record?.properties['startDate']).toEqual(['2015']);
  const history = JSON.stringify(await readRecordHistory(test.mosaic, analyst, RecordId('fedpol:f1'))).toLowerCase();
  for (const name of ['dirkjan', 'schipper']) expect(history).not.toContain(name);
  // a summary that names none of the erased record's names stays
  expect((await test.mosaic.store.getRecord(RecordId('intel:f2')))?.record.properties['summary']).toEqual(['Met at the harbour in 2019.']);
  // a relationship the erased record is no end of is not rewritten, though it names his surname (his brother's too)
  expect((await readRecord(test.mosaic, analyst, RecordId('fedpol:f3'))).record?.properties['summary']).toEqual(['Joost and Arend, seen with Moerbeeke\'s crew.']);
  // the new version is logged as an alteration, in the erasure's transaction
  const logged = (await test.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as { action: string; records: string[] });
  const altered = logged.filter((e) => e.action === 'alteration').flatMap((e) => e.records);
  expect(altered).toContain('fedpol:f1');
  // an event he is a subject of is treated alike: its summary goes, the rest stays
  const s1 = await readRecord(test.mosaic, analyst, RecordId('fedpol:s1'));
  expect(s1.record?.properties['summary']).toEqual([ERASED_SUMMARY]);
  expect(s1.record?.properties['checkpoint']).toEqual(['Zeebrugge']);
  // and so do its other texts that name him (the identity he gave is his), not those that do not
  expect(s1.record?.properties['identityUsed']).toEqual([ERASED_TEXT]);
  expect(s1.record?.properties['objects']).toEqual([ERASED_TEXT]);
  expect(s1.record?.properties['companions']).toEqual(['Arend Valkema']);
  const s1History = JSON.stringify(await readRecordHistory(test.mosaic, analyst, RecordId('fedpol:s1'))).toLowerCase();
  for (const name of ['dirkjan', 'schipper', 'moerbeeke']) expect(s1History).not.toContain(name);
  expect((await test.mosaic.store.getRecord(RecordId('intel:s2')))?.record.properties['summary']).toEqual([ERASED_SUMMARY]);
  expect((await readRecord(test.mosaic, analyst, RecordId('fedpol:s3'))).record?.properties['summary']).toEqual(['Joost alone, Moerbeeke\'s van.']);
  expect(altered).toEqual(expect.arrayContaining(['fedpol:s1', 'intel:s2']));
  expect(altered).not.toContain('fedpol:s3');
}

describe('erasure and the summaries of relationship and event records', () => {
  it('the owner\'s erasure replaces the summary of each relationship the record is an end of that names it', async () => {
    world = await openTestMosaic();
    const analyst = await related(world);
    const admin = (await world.mosaic.store.findUserByName('fedAdmin'))!;
    await eraseRecord(world.mosaic, { user: admin, purpose: 'erasure request', caseRef: 'E-1' }, RecordId('fedpol:p1'), 'unlawfully listed');
    await expectSummaryErased(world, analyst);
  });

  it('the retention sweep replaces it too', async () => {
    const today = new Date('2030-06-01T12:00:00Z');
    world = await openTestMosaic({ now: () => today });
    const analyst = await related(world, '2030-05-01');
    expect(await sweepRetention(world.mosaic)).toMatchObject({ erased: 1 });
    await expectSummaryErased(world, analyst);
  });
});
