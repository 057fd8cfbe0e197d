/**
 * The resolved entity a report's proposals and confirmed records name, as the reviewer sees it:
 * two people whom resolution holds as one only through records the reviewer may not read are
 * two subjects to them, each under the id its records' profile goes by, never one.
 */
import { RecordId } from '@mosaic/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followChanges } from '../change-follower.ts';
import { createEntityProjection, type EntityProjection } from '../resolution/entity-projection.ts';
import { entityOfRecord } from '../resolution/entity-view.ts';
import type { Consultation } from '../organisation.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { readReport } from './read-report.ts';
import { confirmEntity } from './review-report.ts';
import { uploadReport } from './upload-report.ts';

let world: TestMosaic;
let entities: EntityProjection;

const person = (id: string, agency: string, properties: Record<string, string[]>) => ({ id, schema: 'Person', properties, provenance: testProvenance(agency) });
// Fictional people: each recorded by the federal police and the zone; intelligence, which shares
// nothing with the federal police, holds both in each of its records, and resolution joins them.
const kasimir = { name: ['Kasimir Vandermolen'], birthDate: ['1975-06-06'], passportNumber: ['BE9990001'] };
const leopold = { name: ['Leopold Graszczyk'], birthDate: ['1966-02-17'], idNumber: ['66021712345'] };
const both = { name: ['Kasimir Vandermolen', 'Leopold Graszczyk'], birthDate: ['1975-06-06', '1966-02-17'], passportNumber: ['BE9990001'], idNumber: ['66021712345'] };

async function as(name: string): Promise<Consultation> {
  const user = (await world.mosaic.store.listUsers()).find((u) => u.name === name);
  if (!user) throw new Error(`no test user ${name}`);
  return { user, purpose: 'report review', caseRef: 'CASE-PE1' };
}

beforeAll(async () => {
  world = await openTestMosaic();
  await putFixtures(world.mosaic, [
    person('k1', 'zone-north', kasimir), person('k2', 'fedpol', kasimir), person('k3', 'fedpol', kasimir), person('k4', 'zone-north', kasimir),
    person('l1', 'fedpol', leopold), person('l2', 'zone-north', leopold),
  ]);
  // each person resolved first, under an id of their own, then joined by intelligence's records
  const resolvedAt = await world.mosaic.store.latestSeq();
  entities = await createEntityProjection(world.mosaic.store);
  await putFixtures(world.mosaic, ['h1', 'h2', 'h3'].map((id) => person(id, 'intel', both)));
  await followChanges(world.mosaic.store, [entities], { fromSeq: resolvedAt }).catchUp();
});

afterAll(async () => {
  entities.stop();
  await world.cleanup();
});

describe('the entity a report names', () => {
  it('is, for each proposal and confirmed record, the id the record goes by for the reviewer, not an entity only hidden records hold together', async () => {
    const entity = entities.entityOf(RecordId('intel:h1'));
    expect(['zone-north:k1', 'fedpol:k2', 'fedpol:l1', 'zone-north:l2'].map((r) => entities.entityOf(RecordId(r)))).toEqual([entity, entity, entity, entity]);
    // the federal analyst sees four records of Kasimir, two of Leopold: Kasimir's go by the entity's id
    expect(entity).toBe(await entityOfRecord(world.mosaic, await as('fedAnalyst'), entities, RecordId('fedpol:k2')));
    const fed = await as('fedAnalyst');
    const goesBy = (record: string) => entityOfRecord(world.mosaic, fed, entities, RecordId(record));
    const text = 'Antwerp, 2 May 2025. Kasimir Vandermolen met Leopold Graszczyk at the station.';
    const uploaded = await uploadReport(world.mosaic, fed, { text, collection: 'station', provenance: { source: 'observation', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1' } }, { entities });
    if (!uploaded.ok) throw new Error(JSON.stringify(uploaded.errors));
    const idOf = (name: string) => uploaded.extraction.entities.find((e) => e.name === name)!.id;
    const proposed = (name: string) => uploaded.proposals[idOf(name)] ?? [];
    // each person's records are proposed, as one subject each, under the id their profile goes by
    for (const [name, records] of [['Kasimir Vandermolen', ['fedpol:k2', 'fedpol:k3', 'zone-north:k1', 'zone-north:k4']], ['Leopold Graszczyk', ['fedpol:l1', 'zone-north:l2']]] as const) {
      const proposals = proposed(name);
      expect(proposals.length, name).toBeGreaterThan(0);
      for (const p of proposals) {
        expect(records, name).toContain(p.record);
        expect(p.entity, `${name} ${p.record}`).toBe(await goesBy(p.record));
      }
    }
    expect(proposed('Kasimir Vandermolen')[0]?.entity).not.toBe(proposed('Leopold Graszczyk')[0]?.entity);
    // confirmed with what identifies him, resolution joins the new record to his; the report names its entity as the reviewer sees it
    const confirmedFrom = await world.mosaic.store.latestSeq();
    const confirmed = await confirmEntity(world.mosaic, fed, uploaded.report.id, idOf('Leopold Graszczyk'), { properties: { birthDate: ['1966-02-17'], idNumber: ['66021712345'] } }, { entities });
    if (!confirmed.ok) throw new Error(JSON.stringify(confirmed.errors));
    await followChanges(world.mosaic.store, [entities], { fromSeq: confirmedFrom }).catchUp();
    expect(entities.entityOf(confirmed.record.id)).toBe(entity);
    const view = (await readReport(world.mosaic, fed, uploaded.report.id, { entities })).view!;
    const leo = view.entities.find((e) => e.id === idOf('Leopold Graszczyk'))!;
    expect(leo.record).toBe(confirmed.record.id);
    // here, a part that goes by no id for the reviewer (its profile is not found): no entity is named
    expect(leo.entity).toBe(await goesBy(confirmed.record.id).catch(() => undefined));
    expect(leo.entity).not.toBe(await goesBy('fedpol:k2'));
  });
});
