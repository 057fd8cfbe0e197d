import { AgencyId, DeskId, RecordId, UserId } from '@mosaic/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../organisation.ts';
import { startProjections, type Projections } from '../projections.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { readReport } from './read-report.ts';
import { REPORT_REVIEW_KIND, type LinkProposal } from './report-review.ts';
import { uploadReport } from './upload-report.ts';

// Fictional people, written for this test.
const TEXT = 'Jean Dupont met Omar Saidi in Brussels on 3 May 2016.';
const PROVENANCE = { source: 'patrol log', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1' };

let world: TestMosaic;
let projections: Projections;

async function as(name: string): Promise<Consultation> {
  const user = (await world.mosaic.store.listUsers()).find((u) => u.name === name);
  if (!user) throw new Error(`no test user ${name}`);
  return { user, purpose: 'report review', caseRef: 'CASE-LW1' };
}

interface NameEntry { readonly feature: string; readonly detail?: string; readonly tokens?: readonly { readonly wordsA?: readonly string[]; readonly wordsB?: readonly string[] }[] }

/** The name entry of a proposal's explanation. */
const nameOf = (proposal: LinkProposal | undefined): NameEntry | undefined => (proposal?.explain as readonly NameEntry[] | undefined)?.find((e) => e.feature === 'name');

/** Each aligned token as "report's words~record's words". */
const pairsOf = (entry: NameEntry | undefined): string[] => (entry?.tokens ?? []).map((t) => `${t.wordsA?.join(' ')}~${t.wordsB?.join(' ')}`).sort();

beforeAll(async () => {
  world = await openTestMosaic();
  await putFixtures(world.mosaic, [
    // the federal police share fully with the zone: its records are the zone's to read
    { id: 'f1', schema: 'Person', properties: { name: ['DUPONT, Jean'] }, provenance: testProvenance('fedpol') },
    // intelligence gives the zone pointers only
    { id: 'i1', schema: 'Person', properties: { name: ['SAIDI, Omar'] }, provenance: testProvenance('intel') },
  ]);
  await world.mosaic.store.upsertUser({ id: UserId('zone-north.zoneAnalyst'), name: 'zoneAnalyst', agency: AgencyId('zone-north'), desk: DeskId('zone-north-desk'), roles: ['analyst'], clearance: 'RESTRICTED', groups: [], passwordHash: 'unused' });
  projections = await startProjections(world.mosaic, { follow: false });
});

afterAll(async () => {
  projections.stop();
  await world.cleanup();
});

describe('the words a report\'s link proposal names', () => {
  it('names the words that agreed, the report\'s beside the record\'s, on upload and on reading, and keeps none', async () => {
    const zone = await as('zoneAnalyst');
    const up = await uploadReport(world.mosaic, zone, { text: TEXT, collection: 'words', provenance: PROVENANCE }, { entities: projections.entities });
    if (!up.ok) throw new Error(JSON.stringify(up.errors));
    const jean = up.extraction.entities.find((e) => e.name === 'Jean Dupont')!;
    const uploaded = nameOf(up.proposals[jean.id]?.find((p) => p.record === RecordId('fedpol:f1')));
    // the report's own spelling on its side, the record's as it is held on the other
    expect(pairsOf(uploaded)).toEqual(['Dupont~DUPONT', 'Jean~Jean']);
    expect(uploaded?.detail).toMatch(/Jean ~ Jean at frequency [\d.e-]+: [+-][\d.]+; Dupont ~ DUPONT at frequency |Dupont ~ DUPONT at frequency [\d.e-]+: [+-][\d.]+; Jean ~ Jean at frequency /);
    expect(uploaded?.detail).not.toMatch(/a\d\.\d/);

    const read = await readReport(world.mosaic, zone, up.report.id, { entities: projections.entities });
    const proposal = read.view?.entities.find((e) => e.id === jean.id)?.proposals.find((p) => p.record === RecordId('fedpol:f1'));
    expect(pairsOf(nameOf(proposal))).toEqual(['Dupont~DUPONT', 'Jean~Jean']);

    // the record intelligence holds is a pointer: neither it nor any word of its name is told
    for (const answer of [up, read]) {
      expect(JSON.stringify(answer)).toContain('"agency":"intel"');
      expect(JSON.stringify(answer)).not.toMatch(/intel:i1|SAIDI/);
    }
    // the review keeps no proposal, and so no name of a record in an explanation
    const kept = JSON.stringify((await world.mosaic.store.getDocument(REPORT_REVIEW_KIND, up.report.id))?.body);
    expect(kept).not.toMatch(/DUPONT|SAIDI|explain/);
  });
});
