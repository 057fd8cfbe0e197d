import type { AuditEntry } from '@mosaic/audit';
import { AgencyId, DeskId, UserId } from '@mosaic/model';
import { createStoreAuditStorage } from '@mosaic/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../notifier.ts';
import type { Consultation } from '../organisation.ts';
import { startProjections, type Projections } from '../projections.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { readReport } from './read-report.ts';
import { uploadReport } from './upload-report.ts';

// Fictional people, written for this test.
const TEXT = 'Jean Dupont met Omar Saidi in Brussels on 3 May 2016.';
const PROVENANCE = { source: 'patrol log', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1' };

let world: TestMosaic;
let projections: Projections;
const told: Notification[] = [];

async function as(name: string): Promise<Consultation> {
  const user = (await world.mosaic.store.listUsers()).find((u) => u.name === name);
  if (!user) throw new Error(`no test user ${name}`);
  return { user, purpose: 'report review', caseRef: 'CASE-LP1' };
}

const zoneAnalyst = (): Promise<Consultation> => as('zoneAnalyst');

async function entriesSince(seq: number): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.seq > seq) found.push(entry);
  return found;
}

const auditHead = async (): Promise<number> => (await world.mosaic.store.auditHead())?.seq ?? 0;

beforeAll(async () => {
  world = await openTestMosaic();
  await putFixtures(world.mosaic, [
    // the federal police share fully with the zone and are told of its consultations
    { id: 'f1', schema: 'Person', properties: { name: ['Jean Dupont'] }, provenance: testProvenance('fedpol') },
    { id: 'f2', schema: 'Person', properties: { name: ['Jean Vermeulen'] }, provenance: testProvenance('fedpol') },
    { id: 'f3', schema: 'Person', properties: { name: ['Marc Dupont-Lambert'] }, provenance: testProvenance('fedpol') },
    // intelligence gives the zone pointers only, and is told of encounters
    { id: 'i1', schema: 'Person', properties: { name: ['Omar Saidi'] }, provenance: testProvenance('intel') },
    { id: 'i2', schema: 'Person', properties: { name: ['Nabeel Saidi'] }, provenance: testProvenance('intel') },
    { id: 'i3', schema: 'Person', properties: { name: ['Jean Lambert'] }, provenance: testProvenance('intel') },
  ]);
  await world.mosaic.store.upsertUser({ id: UserId('zone-north.zoneAnalyst'), name: 'zoneAnalyst', agency: AgencyId('zone-north'), desk: DeskId('zone-north-desk'), roles: ['analyst'], clearance: 'RESTRICTED', groups: [], passwordHash: 'unused' });
  world.mosaic.notifier.subscribe((n) => told.push(n));
  projections = await startProjections(world.mosaic, { follow: false });
});

afterAll(async () => {
  projections.stop();
  await world.cleanup();
});

describe('the records a report\'s link proposals consult', () => {
  const indexes = () => ({ entities: projections.entities });

  /** What one upload or open of the report consulted: the audit entries it wrote and the owners it told. */
  async function consulted(run: () => Promise<unknown>) {
    const before = await auditHead();
    const heard = told.length;
    await run();
    const entries = await entriesSince(before);
    const consultation = entries.find((e) => e.action === 'consultation' && typeof e.query === 'object' && e.query !== null && 'reportLinks' in e.query);
    return {
      records: consultation?.records,
      pointed: consultation?.pointed,
      disclosed: entries.filter((e) => e.action === 'disclosure').flatMap((e) => e.records),
      notices: told.slice(heard).filter((n) => n.kind.startsWith('deconfliction.')).map((n) => ['agency' in n.to ? n.to.agency : n.to.user, (n.body as { records: string[] }).records]),
    };
  }

  it('consults only the records scored as worth proposing, on upload and on every open: the others give no pointer, notice or disclosure', async () => {
    let reportId = '';
    const uploaded = await consulted(async () => {
      const outcome = await uploadReport(world.mosaic, await zoneAnalyst(), { text: TEXT, collection: 'brussels', provenance: PROVENANCE }, indexes());
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      reportId = outcome.report.id;
      const jean = outcome.extraction.entities.find((e) => e.name === 'Jean Dupont')!;
      expect(outcome.proposals[jean.id]?.map((p) => p.record)).toEqual(['fedpol:f1']);
      expect(outcome.pointers.map((p) => p.agency)).toEqual(['intel']);
    });
    const expected = {
      records: ['fedpol:f1'],
      pointed: [{ agency: 'intel', records: ['intel:i1'] }],
      disclosed: ['fedpol:f1'],
      notices: [['fedpol', ['fedpol:f1']], ['intel', ['intel:i1']]],
    };
    expect(uploaded).toEqual(expected);
    // reading the report proposes again, from what is held then
    const opened = await consulted(async () => {
      const answer = await readReport(world.mosaic, await zoneAnalyst(), reportId as never, indexes());
      expect(answer.view?.pointers.map((p) => p.agency)).toEqual(['intel']);
    });
    // the same records consulted and shown; an owner told of the reading (however often the same
    // consultation is told) is told of those alone
    expect({ ...opened, notices: [] }).toEqual({ ...expected, notices: [] });
    expect(opened.notices.flatMap(([, records]) => records as string[]).filter((r) => r !== 'fedpol:f1' && r !== 'intel:i1')).toEqual([]);
  });

  it('makes no proposal for an uploader who may not review the report (an officer): nothing is consulted, pointed to or told', async () => {
    const officer = await consulted(async () => {
      const outcome = await uploadReport(world.mosaic, await as('zoneOfficer'), { text: TEXT, collection: 'brussels-patrol', provenance: PROVENANCE }, indexes());
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      expect(outcome.extraction.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['Jean Dupont', 'Omar Saidi']));
      expect([outcome.proposals, outcome.pointers]).toEqual([{}, []]);
      // reading it proposes nothing to them either, as before
      const answer = await readReport(world.mosaic, await as('zoneOfficer'), outcome.report.id, indexes());
      expect([answer.view?.reviewable, answer.view?.pointers]).toEqual([false, []]);
    });
    expect(officer).toEqual({ records: undefined, pointed: undefined, disclosed: [], notices: [] });
  });
});
