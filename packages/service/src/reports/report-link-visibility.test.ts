import { expect, it } from 'vitest';
import { validateRecord } from '@mosaic/model';
import { openTestMosaic, testProvenance } from '../testing.ts';
import { testWorldEndedAfterEach } from '../test-world.fixture.ts';
import { startProjections } from '../projections.ts';
import { uploadReport } from './upload-report.ts';
import { readReport } from './read-report.ts';
import { confirmEntity } from './review-report.ts';
import { readRecord } from '../records.ts';
import { identifierIndexes } from '../identifiers/identifier-projection.ts';
import { saveOrganisation } from '../organisation.ts';

const current = testWorldEndedAfterEach();
const PROV = { source: 'log', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1' };

it('shows a reader the record a report\'s person was linked to only if they may read it', async () => {
  current.world = await openTestMosaic();
  const { mosaic } = current.world;
  const secret = testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } });
  const v = validateRecord(mosaic.registry, { id: 'h1', schema: 'Person', properties: { name: ['Teodor Hasselgren'], birthDate: ['1980-01-01'] }, provenance: secret });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await mosaic.store.putRecords([v.record], { actor: 'test' });
  current.projections = await startProjections(mosaic, { follow: false });
  await current.projections.follower.catchUp();
  await current.projections.entities.settle();
  const users = await mosaic.store.listUsers();
  const fed = { user: users.find((u) => u.name === 'fedAnalyst')!, purpose: 'report review', caseRef: 'C1' };
  const zone = { user: users.find((u) => u.name === 'zoneOfficer')!, purpose: 'probe', caseRef: 'C2' };
  const idx = { entities: current.projections.entities, identifiers: identifierIndexes(current.projections) };
  const up = await uploadReport(mosaic, fed, { text: 'Antwerp, 12 March 2025. Teodor Hasselgren met the informant at the station.', collection: 'c', provenance: PROV }, idx);
  if (!up.ok) throw new Error(JSON.stringify(up.errors));
  const person = up.extraction.entities.find((e) => e.schema === 'Person')!;
  const confirmed = await confirmEntity(mosaic, fed, up.report.id, person.id, { link: 'fedpol:h1' as never }, { entities: current.projections.entities });
  expect(confirmed.ok).toBe(true);
  await expect(readRecord(mosaic, zone, 'fedpol:h1' as never)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
  // the zone officer reads the report, not the secret record it was linked to: no word of it
  const answer = await readReport(mosaic, zone, up.report.id, idx);
  const shown = answer.view!.entities.find((e) => e.id === person.id)!;
  expect(shown.status).toBe('confirmed');
  expect(shown.linkedTo).toBeUndefined();
  expect(shown.linkedAs).toBeUndefined();
  expect(JSON.stringify(answer)).not.toContain('fedpol:h1');
  // the federal police's analyst may read it: the link is shown
  const own = (await readReport(mosaic, fed, up.report.id, idx)).view!.entities.find((e) => e.id === person.id)!;
  expect(own).toMatchObject({ linkedTo: 'fedpol:h1', linkedAs: 'same' });
});

it('names the record a confirmation made, and its entity, only to a reader who may read that record', async () => {
  current.world = await openTestMosaic();
  const { mosaic } = current.world;
  // the federal police share everything with the zone but their victims
  const { org, agreements } = await mosaic.org();
  await saveOrganisation(mosaic.store, {
    agencies: org.agencies, desks: org.desks,
    agreements: agreements.map((a) => (a.id === 'fedpol-zone' ? { ...a, conditions: { ...a.conditions, categories: a.conditions.categories.filter((c) => c !== 'victim') } } : a)),
  });
  await mosaic.reloadOrg();
  current.projections = await startProjections(mosaic, { follow: false });
  const users = await mosaic.store.listUsers();
  const fed = { user: users.find((u) => u.name === 'fedAnalyst')!, purpose: 'report review', caseRef: 'C1' };
  const zone = { user: users.find((u) => u.name === 'zoneOfficer')!, purpose: 'probe', caseRef: 'C2' };
  const idx = { entities: current.projections.entities, identifiers: identifierIndexes(current.projections) };
  const up = await uploadReport(mosaic, fed, { text: 'Antwerp, 12 March 2025. Teodor Hasselgren met Ilse Vranckx at the station.', collection: 'c', provenance: { ...PROV, category: 'suspect' } }, idx);
  if (!up.ok) throw new Error(JSON.stringify(up.errors));
  const [suspect, victim] = up.extraction.entities.filter((e) => e.schema === 'Person');
  const asSuspect = await confirmEntity(mosaic, fed, up.report.id, suspect!.id, {}, { entities: current.projections.entities });
  const asVictim = await confirmEntity(mosaic, fed, up.report.id, victim!.id, { category: 'victim' }, { entities: current.projections.entities });
  if (!asSuspect.ok || !asVictim.ok) throw new Error('not confirmed');
  await current.projections.follower.catchUp();
  await current.projections.entities.settle();
  await expect(readRecord(mosaic, zone, asVictim.record.id)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
  const seen = (await readReport(mosaic, zone, up.report.id, idx)).view!;
  // the suspect's record is theirs to read; of the victim's they learn nothing, nor whose entity it joined
  expect(seen.entities.find((e) => e.id === suspect!.id)).toMatchObject({ status: 'confirmed', record: asSuspect.record.id, entity: current.projections.entities.entityOf(asSuspect.record.id) });
  const hidden = seen.entities.find((e) => e.id === victim!.id)!;
  expect(hidden.record).toBeUndefined();
  expect(hidden.entity).toBeUndefined();
  expect(JSON.stringify(seen)).not.toContain(asVictim.record.id);
  expect((await readReport(mosaic, fed, up.report.id, idx)).view!.entities.find((e) => e.id === victim!.id)).toMatchObject({ record: asVictim.record.id });
});
