/**
 * Erasing a record leaves none of its names in the titles of the charts saved to a case (the
 * owner's erasure and the retention sweep alike), as it leaves none in a watch's label: a title
 * holding one, in any version of the record, compared folded, is replaced by a neutral one; a
 * title that names no one stays.
 */
import { RecordId, type EntityId } from '@mosaic/model';
import { afterEach, describe, expect, it } from 'vitest';
import type { Consultation } from '../organisation.ts';
import { eraseRecord } from '../records.ts';
import { sweepRetention } from '../retention/retention-sweep.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { CHART_KIND, listCharts, saveChart } from './graph-charts.ts';
import { ERASED_TITLE } from './erase-from-chart-titles.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

/** Two charts of case CASE-C: one titled by the person's name, one by the case's theme. */
async function charted(test: TestMosaic, reviewDate = '2031-01-01'): Promise<Consultation> {
  await putFixtures(test.mosaic, [
    { id: 'p1', schema: 'Person', properties: { name: ['Dirkjan Moerbeeke'], alias: ['De Schipper'] }, provenance: testProvenance('fedpol', { reviewDate }) },
    { id: 'p2', schema: 'Person', properties: { name: ['Other Fictional'] }, provenance: testProvenance('fedpol') },
  ]);
  const analyst = { user: (await test.mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'investigation', caseRef: 'CASE-C' };
  const nodes = [RecordId('fedpol:p1') as string as EntityId];
  await saveChart(test.mosaic, analyst, 'CASE-C', { title: 'MOERBEEKE and the harbour', nodes });
  await saveChart(test.mosaic, analyst, 'CASE-C', { title: 'Schipper\'s contacts', nodes });
  await saveChart(test.mosaic, analyst, 'CASE-C', { title: 'Harbour fire', nodes });
  return analyst;
}

async function expectTitlesErased(test: TestMosaic, analyst: Consultation): Promise<void> {
  expect((await listCharts(test.mosaic, analyst, 'CASE-C')).map((c) => c.title).sort()).toEqual(['Harbour fire', ERASED_TITLE, ERASED_TITLE].sort());
  const stored = JSON.stringify(await test.mosaic.store.listDocuments(CHART_KIND, { limit: 100 })).toLowerCase();
  for (const name of ['moerbeeke', 'schipper']) expect(stored).not.toContain(name);
}

describe('erasure and the titles of charts', () => {
  it('the owner\'s erasure retitles the charts whose title holds a name of the record, and leaves the others', async () => {
    world = await openTestMosaic();
    const analyst = await charted(world);
    const admin = (await world.mosaic.store.findUserByName('fedAdmin'))!;
    await eraseRecord(world.mosaic, { user: admin, purpose: 'erasure request', caseRef: 'E-1' }, RecordId('fedpol:p1'), 'unlawfully listed');
    await expectTitlesErased(world, analyst);
  });

  it('the retention sweep retitles them too', async () => {
    const today = new Date('2030-06-01T12:00:00Z');
    world = await openTestMosaic({ now: () => today });
    const analyst = await charted(world, '2030-05-01');
    expect(await sweepRetention(world.mosaic)).toMatchObject({ erased: 1 });
    await expectTitlesErased(world, analyst);
  });
});
