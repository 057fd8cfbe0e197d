/**
 * An entity of a report's review that a person's erasure took (erase-from-reports.ts: its name
 * ERASED_TEXT, no mention, no property) is inert: no link is proposed for it, its name is not
 * asked about in the consultation the proposals are logged under, and confirming it (with a link
 * or without) or rejecting it is refused as a conflict naming the entity and why, where confirming
 * made a record named "Erased: it named an erased record" or linked the erased name again.
 */
import type { AuditEntry } from '@mosaic/audit';
import { createStoreAuditStorage } from '@mosaic/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASED_TEXT } from '../graph/erase-from-relation-summaries.ts';
import type { Consultation } from '../organisation.ts';
import { startProjections, type Projections } from '../projections.ts';
import { eraseRecord } from '../records.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { readReport } from './read-report.ts';
import { confirmEntity, rejectEntity } from './review-report.ts';
import { uploadReport } from './upload-report.ts';

const PROVENANCE = { source: 'interview notes', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', releasability: ['be'] }, handling: 'H1', reviewDate: '2033-01-01' };

// Fictional people, written for this test. "Kalle Brisk" is the alias the reviewer knows Hallvard by, read as a person of its own.
const TEXT = 'Leuven, 3 March 2025. Hallvard Ostergren met Benedikte Vaarsholm at the harbour office.\nThe warehouse stayed closed.\nKalle Brisk was seen at the quay on 4 March.';

let world: TestMosaic;
let projections: Projections;

const as = async (name: string): Promise<Consultation> => ({ user: (await world.mosaic.store.findUserByName(name))!, purpose: 'report review', caseRef: 'CASE-E2' });

async function entriesSince(seq: number): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.seq > seq) found.push(entry);
  return found;
}

beforeAll(async () => {
  world = await openTestMosaic();
  // a record the proposals for Benedikte find, so that reading the review consults
  await putFixtures(world.mosaic, [{ id: 'v1', schema: 'Person', properties: { name: ['Benedikte Vaarsholm'] }, provenance: testProvenance('fedpol') }]);
  projections = await startProjections(world.mosaic, { follow: false });
});

afterAll(async () => {
  projections.stop();
  await world.cleanup();
});

describe('an entity of a report\'s review erased with the person it named', () => {
  it('gets no proposal and is not asked about, and is neither confirmed, linked nor rejected', async () => {
    const fed = await as('fedAnalyst');
    const uploaded = await uploadReport(world.mosaic, fed, { text: TEXT, collection: 'harbour', provenance: PROVENANCE });
    if (!uploaded.ok) throw new Error('not uploaded');
    const report = uploaded.report.id;
    const entity = (name: string) => uploaded.extraction.entities.find((e) => e.name === name)!;
    const alias = entity('Kalle Brisk');
    expect(alias).toMatchObject({ schema: 'Person' });
    const hallvard = await confirmEntity(world.mosaic, fed, report, entity('Hallvard Ostergren').id, { properties: { alias: ['Kalle Brisk'] } });
    if (!hallvard.ok) throw new Error('not confirmed');
    await eraseRecord(world.mosaic, await as('fedAdmin'), hallvard.record.id, 'erasure request');

    const head = (await world.mosaic.store.auditHead())?.seq ?? 0;
    const view = (await readReport(world.mosaic, fed, report, { entities: projections.entities })).view!;
    // both of his mentions read as erased: the one confirmed as him, and his alias, still open
    const his = view.entities.find((e) => e.id === entity('Hallvard Ostergren').id);
    expect(his).toMatchObject({ name: ERASED_TEXT, status: 'confirmed', recordErased: true, erased: true });
    expect(view.entities.find((e) => e.id === alias.id)).toMatchObject({ name: ERASED_TEXT, status: 'proposed', erased: true, mentions: [], proposals: [] });
    expect(view.entities.find((e) => e.name === 'Benedikte Vaarsholm')).not.toHaveProperty('erased');
    expect(view.entities.find((e) => e.name === 'Benedikte Vaarsholm')?.proposals.map((p) => p.record)).toEqual(['fedpol:v1']);
    // the consultation the proposals were logged under asks about Benedikte alone
    const consulted = (await entriesSince(head)).filter((e) => e.action === 'consultation' && typeof e.query === 'object' && e.query !== null && 'reportLinks' in e.query);
    expect(consulted.map((e) => e.query)).toEqual([{ reportLinks: ['Benedikte Vaarsholm'] }]);

    const refused = { code: 'MOSAIC_CONFLICT', message: `entity ${alias.id} of report ${report} was erased: it named an erased record, and is not confirmed, linked or rejected` };
    await expect(confirmEntity(world.mosaic, fed, report, alias.id, {})).rejects.toMatchObject(refused);
    await expect(confirmEntity(world.mosaic, fed, report, alias.id, { link: 'fedpol:v1' as never }, { entities: projections.entities })).rejects.toMatchObject(refused);
    await expect(rejectEntity(world.mosaic, fed, report, alias.id)).rejects.toMatchObject(refused);
    // no record was made with the erased name
    expect((await world.mosaic.store.searchNames('Erased named', { limit: 10 })).map((hit) => hit.id)).toEqual([]);
    expect((await readReport(world.mosaic, fed, report)).view?.entities.find((e) => e.id === alias.id)).toMatchObject({ status: 'proposed', erased: true });
  });
});
