import { AgencyId, DeskId, RecordId, UserId, validateRecord } from '@mosaic/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifierIndexes } from '../identifiers/identifier-projection.ts';
import type { Consultation } from '../organisation.ts';
import { startProjections, type Projections } from '../projections.ts';
import { openTestMosaic, testProvenance, type TestMosaic } from '../testing.ts';
import { readReport } from './read-report.ts';
import { confirmEntity } from './review-report.ts';
import { uploadReport } from './upload-report.ts';

// Fictional people, numbers and places, written for this test.
const REPORT = [
  'Antwerp, 12 March 2025. The informant called +32 470 91 82 73 twice on Monday.',
  'The suspect travelled on passport number EL583O217 in a grey van, registration 1-KVB-482.',
  'He wrote from t.hasselgren@example.org. A second mobile, +32 470 55 50 19, was found in the van.',
].join('\n');

const PROVENANCE = { source: 'surveillance log', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1' };

let world: TestMosaic;
let projections: Projections;

async function as(name: string): Promise<Consultation> {
  const user = (await world.mosaic.store.listUsers()).find((u) => u.name === name);
  if (!user) throw new Error(`no test user ${name}`);
  return { user, purpose: 'report review', caseRef: 'CASE-ID1' };
}

async function put(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(world.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await world.mosaic.store.putRecords([v.record], { actor: 'test' });
}

const indexes = () => ({ entities: projections.entities, identifiers: identifierIndexes(projections) });

async function upload(who = 'fedAnalyst', collection = 'van-seizure') {
  const outcome = await uploadReport(world.mosaic, await as(who), { text: REPORT, title: 'Surveillance, Antwerp', collection, provenance: PROVENANCE }, indexes());
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  const idOf = (schema: string, name: string): string => {
    const found = outcome.extraction.entities.find((e) => e.schema === schema && e.name === name);
    if (!found) throw new Error(`no ${schema} ${name} extracted`);
    return found.id;
  };
  return { ...outcome, idOf };
}

beforeAll(async () => {
  world = await openTestMosaic();
  // The zone shares with the federal police; intelligence shares with nobody the federal police belongs to, and gives the zone pointers only.
  await put({ id: 'zp1', schema: 'Person', properties: { name: ['Teodor Hasselgren'], phone: ['+32470918273'] }, provenance: testProvenance('zone-north') });
  await put({ id: 'zaph1', schema: 'Phone', properties: { number: ['+32470918273'], holder: ['zp1'] }, provenance: testProvenance('zone-north') });
  await put({ id: 'zd1', schema: 'Person', properties: { name: ['Ines Valkenborgh'], passportNumber: ['EL5830217'] }, provenance: testProvenance('zone-north') });
  await put({ id: 'zv1', schema: 'Vehicle', properties: { registrationNumber: ['1-KVB-482'], colour: ['grey'] }, provenance: testProvenance('zone-north') });
  await put({ id: 'ze1', schema: 'Person', properties: { name: ['Tove Hasselgren'], email: ['T.Hasselgren@example.org'] }, provenance: testProvenance('zone-north') });
  // Another country's number with the same last nine digits is another line.
  await put({ id: 'zx1', schema: 'Person', properties: { name: ['Aldo Brenninkmeijer'], phone: ['+33470918273'] }, provenance: testProvenance('zone-north') });
  await put({ id: 'ip1', schema: 'Person', properties: { name: ['Ruben Kesselaar'], phone: ['+32470555019'] }, provenance: testProvenance('intel') });
  // Three men of one name: two the federal police may see, told apart by birth and nationality, one it may not.
  await put({ id: 'zb1', schema: 'Person', properties: { name: ['Farid Benalimo'], birthDate: ['1979-02-11'], nationality: ['ma'] }, provenance: testProvenance('zone-north') });
  await put({ id: 'zb2', schema: 'Person', properties: { name: ['Farid Benalimo'], birthDate: ['1991-07-30'], nationality: ['be'] }, provenance: testProvenance('zone-north') });
  await put({ id: 'ib1', schema: 'Person', properties: { name: ['Farid Benalimo'], birthDate: ['1985-01-01'], nationality: ['fr'] }, provenance: testProvenance('intel') });
  await world.mosaic.store.upsertUser({ id: UserId('zone-north.zoneAnalyst'), name: 'zoneAnalyst', agency: AgencyId('zone-north'), desk: DeskId('zone-north-desk'), roles: ['analyst'], clearance: 'RESTRICTED', groups: [], passwordHash: 'unused' });
  projections = await startProjections(world.mosaic, { follow: false });
});

afterAll(async () => {
  projections.stop();
  await world.cleanup();
});

describe('link proposals for identifiers found in a report', () => {
  it('proposes another agency\'s person holding the phone number, and its phone record, as exact', async () => {
    const { proposals, idOf } = await upload();
    const phone = proposals[idOf('Phone', '+32470918273')] ?? [];
    expect(phone).toEqual(expect.arrayContaining([
      expect.objectContaining({
        record: 'zone-north:zp1', schema: 'Person', caption: 'Teodor Hasselgren', agency: 'zone-north', score: 1, match: true,
        identifier: { kind: 'phone', how: 'exact', property: 'phone', value: '+32470918273', link: 'holder' },
      }),
      expect.objectContaining({ record: 'zone-north:zaph1', schema: 'Phone', agency: 'zone-north', identifier: { kind: 'phone', how: 'exact', property: 'number', value: '+32470918273', link: 'lead' } }),
    ]));
    expect(phone.map((p) => p.record)).not.toContain('zone-north:zx1');
    expect(phone[0]?.record).toBe('zone-north:zp1');
  });

  it('marks a passport number that matches only as OCR misreads it as confusable', async () => {
    const { proposals, idOf } = await upload();
    expect(proposals[idOf('Identification', 'EL583O217')]).toEqual([expect.objectContaining({
      record: 'zone-north:zd1', caption: 'Ines Valkenborgh', score: 0.99, match: false,
      identifier: { kind: 'document', how: 'confusable', property: 'passportNumber', value: 'EL5830217', link: 'holder' },
    })]);
  });

  it('proposes the vehicle with the plate and the person with the e-mail address', async () => {
    const { proposals, idOf } = await upload();
    expect(proposals[idOf('Vehicle', '1-KVB-482')]).toEqual([expect.objectContaining({
      record: 'zone-north:zv1', identifier: { kind: 'plate', how: 'exact', property: 'registrationNumber', value: '1KVB482', link: 'lead' },
    })]);
    expect(proposals[idOf('Email', 't.hasselgren@example.org')]).toEqual([expect.objectContaining({
      record: 'zone-north:ze1', caption: 'Tove Hasselgren', identifier: { kind: 'email', how: 'exact', property: 'email', value: 'T.Hasselgren@example.org', link: 'holder' },
    })]);
  });

  it('never names a record the reviewer may not see: a pointer at most, where its owner allows one', async () => {
    const fed = await upload();
    expect(fed.proposals[fed.idOf('Phone', '+32470555019')]).toBeUndefined();
    expect(JSON.stringify(fed.proposals)).not.toMatch(/intel:ip1|Kesselaar/);
    expect(fed.pointers).toEqual([]);
    const read = await readReport(world.mosaic, await as('fedAnalyst'), fed.report.id, indexes());
    expect(read.view?.entities.find((e) => e.name === '+32470555019')?.proposals).toEqual([]);
    expect(JSON.stringify(read)).not.toMatch(/intel:ip1|Kesselaar/);

    const zone = await upload('zoneAnalyst', 'zone-van');
    expect(zone.proposals[zone.idOf('Phone', '+32470555019')]).toBeUndefined();
    expect(JSON.stringify(zone.proposals)).not.toMatch(/intel:ip1|Kesselaar/);
    expect(zone.pointers).toEqual([expect.objectContaining({ agency: 'intel', message: 'holds information' })]);
  });

  it('audits the consultation with its purpose, the identifiers asked and the records shown', async () => {
    const before = (await world.mosaic.store.auditHead())?.seq ?? 0;
    const asked = { ...(await as('fedAnalyst')), purpose: 'van seizure inquiry', caseRef: 'CASE-ID9' };
    const outcome = await uploadReport(world.mosaic, asked, { text: REPORT, collection: 'audited-van', provenance: PROVENANCE }, indexes());
    expect(outcome.ok).toBe(true);
    const entries = (await world.mosaic.store.readAudit({ fromSeq: before + 1, limit: 50 })).map((e) => JSON.parse(e.body) as Record<string, unknown>);
    const consultation = entries.find((e) => e['action'] === 'consultation' && typeof e['query'] === 'object' && e['query'] !== null && 'reportLinks' in e['query']);
    expect(consultation).toMatchObject({
      purpose: 'van seizure inquiry', caseRef: 'CASE-ID9',
      query: { reportLinks: expect.arrayContaining(['+32470918273', 'EL583O217', '1-KVB-482', 't.hasselgren@example.org', '+32470555019']) },
      records: expect.arrayContaining(['zone-north:zp1', 'zone-north:zd1', 'zone-north:zv1']),
    });
    expect(consultation?.['records']).not.toContain('intel:ip1');
  });
});

describe('link proposals for a person found in a report', () => {
  it('tell candidates of one name apart by the dates of birth and nationalities of the records the reviewer may see, and no other', async () => {
    const fed = await as('fedAnalyst');
    const outcome = await uploadReport(world.mosaic, fed, { text: 'Antwerp, 3 March 2025. Farid Benalimo was seen at the station.', title: 'Station', collection: 'station', provenance: PROVENANCE }, indexes());
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    const view = (await readReport(world.mosaic, fed, outcome.report.id, indexes())).view!;
    const farid = view.entities.find((e) => e.name === 'Farid Benalimo')!;
    const told = farid.proposals.map((p) => ({ record: p.record, birthDate: p.birthDate, nationality: p.nationality }));
    expect(told).toEqual(expect.arrayContaining([
      { record: 'zone-north:zb1', birthDate: ['1979-02-11'], nationality: ['ma'] },
      { record: 'zone-north:zb2', birthDate: ['1991-07-30'], nationality: ['be'] },
    ]));
    expect(JSON.stringify(view)).not.toContain('1985-01-01');
    expect(told.map((p) => p.record)).not.toContain('intel:ib1');
  });
});

describe('confirming an identifier with a link', () => {
  it('names the person holding the phone as the holder of the new phone record, without a judgement', async () => {
    const { report, idOf } = await upload('fedAnalyst', 'confirm-holder');
    const fed = await as('fedAnalyst');
    const phone = idOf('Phone', '+32470918273');
    const confirmed = await confirmEntity(world.mosaic, fed, report.id, phone, { link: RecordId('zone-north:zp1') }, indexes());
    if (!confirmed.ok) throw new Error(JSON.stringify(confirmed.errors));
    expect(confirmed.record).toMatchObject({ schema: 'Phone', properties: { number: ['+32470918273'], holder: ['zone-north:zp1'], proof: [report.id] }, provenance: { agency: 'fedpol' } });
    expect(confirmed.entity).toBeUndefined();
    const document = idOf('Identification', 'EL583O217');
    const passport = await confirmEntity(world.mosaic, fed, report.id, document, { link: RecordId('zone-north:zd1') }, indexes());
    expect(passport.ok && passport.record.properties['holder']).toEqual(['zone-north:zd1']);
    const view = (await readReport(world.mosaic, fed, report.id, indexes())).view!;
    expect(view.entities.find((e) => e.id === phone)).toMatchObject({ status: 'confirmed', record: confirmed.record.id, linkedTo: 'zone-north:zp1', linkedAs: 'holder' });
  });

  it('keeps a link to another record of the same kind as a lead, writing no relation', async () => {
    const { report, idOf } = await upload('fedAnalyst', 'confirm-lead');
    const fed = await as('fedAnalyst');
    const plate = idOf('Vehicle', '1-KVB-482');
    const confirmed = await confirmEntity(world.mosaic, fed, report.id, plate, { link: RecordId('zone-north:zv1') }, indexes());
    if (!confirmed.ok) throw new Error(JSON.stringify(confirmed.errors));
    expect(confirmed.record.properties['owner']).toBeUndefined();
    expect(Object.values(confirmed.record.properties).flat()).not.toContain('zone-north:zv1');
    const view = (await readReport(world.mosaic, fed, report.id, indexes())).view!;
    expect(view.entities.find((e) => e.id === plate)).toMatchObject({ status: 'confirmed', linkedTo: 'zone-north:zv1', linkedAs: 'lead' });
  });

  it('reads a number written nationally as the uploading agency\'s country numbers it, or as the country given, and confirms it', async () => {
    const fed = await as('fedAnalyst');
    const text = 'Ghent, 3 April 2025. The informant was called from gsm 0470 91 82 73 on Friday.';
    const here = await uploadReport(world.mosaic, fed, { text, collection: 'national-number', provenance: PROVENANCE }, indexes());
    if (!here.ok) throw new Error(JSON.stringify(here.errors));
    const phone = here.extraction.entities.find((e) => e.schema === 'Phone');
    expect(phone?.name).toBe('+32470918273');
    expect(here.proposals[phone!.id]?.[0]).toMatchObject({ record: 'zone-north:zp1', identifier: { how: 'exact', link: 'holder' } });
    const confirmed = await confirmEntity(world.mosaic, fed, here.report.id, phone!.id, { link: RecordId('zone-north:zp1') }, indexes());
    expect(confirmed.ok && confirmed.record.properties).toMatchObject({ number: ['+32470918273'], holder: ['zone-north:zp1'] });
    // written in France: the same digits are a French number, held by someone else
    const french = await uploadReport(world.mosaic, fed, { text, collection: 'national-number-fr', provenance: PROVENANCE, country: 'fr' }, indexes());
    if (!french.ok) throw new Error(JSON.stringify(french.errors));
    const frenchPhone = french.extraction.entities.find((e) => e.schema === 'Phone')!;
    expect(frenchPhone.name).toBe('+33470918273');
    expect(french.proposals[frenchPhone.id]?.map((p) => p.record)).toEqual(['zone-north:zx1']);
  });

  it('writes the holder the report names on the phone record once both are confirmed', async () => {
    const fed = await as('fedAnalyst');
    const text = "Ghent, 3 April 2025. Jorun Vandecasteele's mobile phone (+32 478 20 31 42) was seized at the station.";
    const outcome = await uploadReport(world.mosaic, fed, { text, collection: 'holder-relation', provenance: PROVENANCE }, indexes());
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    const person = outcome.extraction.entities.find((e) => e.schema === 'Person')!;
    const phone = outcome.extraction.entities.find((e) => e.schema === 'Phone')!;
    expect(outcome.extraction.relations).toEqual([expect.objectContaining({ type: 'holds', source: person.id, target: phone.id })]);
    const number = await confirmEntity(world.mosaic, fed, outcome.report.id, phone.id, {}, indexes());
    if (!number.ok) throw new Error(JSON.stringify(number.errors));
    expect(number.record.properties['holder']).toBeUndefined();
    const holder = await confirmEntity(world.mosaic, fed, outcome.report.id, person.id, {}, indexes());
    if (!holder.ok) throw new Error(JSON.stringify(holder.errors));
    expect(holder.relations).toEqual([number.record.id]);
    const stored = await world.mosaic.store.getRecord(number.record.id);
    expect(stored?.record.properties).toMatchObject({ number: ['+32478203142'], holder: [holder.record.id], proof: [outcome.report.id] });
    expect(stored?.record.provenance).toEqual(number.record.provenance);
    const view = (await readReport(world.mosaic, fed, outcome.report.id, indexes())).view!;
    expect(view.relations[0]).toMatchObject({ status: 'confirmed', record: number.record.id });
  });

  it('writes the holder of a passport and the owner of a vehicle the report names once both ends are confirmed', async () => {
    const fed = await as('fedAnalyst');
    const text = 'Ghent, 3 April 2025. Jorun Vandecasteele, holder of passport EM4471920, owns a grey van, registration 1-KLM-274.';
    const outcome = await uploadReport(world.mosaic, fed, { text, collection: 'owner-relation', provenance: PROVENANCE }, indexes());
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    const entity = (schema: string) => outcome.extraction.entities.find((e) => e.schema === schema)!;
    const [person, passport, van] = [entity('Person'), entity('Identification'), entity('Vehicle')];
    expect(outcome.extraction.relations.map((r) => [r.type, r.source, r.target])).toEqual([['holds', person.id, passport.id], ['owner_of', person.id, van.id]]);
    const confirmed = [];
    for (const e of [passport, van, person]) {
      const done = await confirmEntity(world.mosaic, fed, outcome.report.id, e.id, {}, indexes());
      if (!done.ok) throw new Error(JSON.stringify(done.errors));
      confirmed.push(done);
    }
    const [document, vehicle, holder] = confirmed.map((c) => c.ok ? c : undefined);
    expect(holder?.relations).toEqual([document?.record.id, vehicle?.record.id]);
    expect((await world.mosaic.store.getRecord(document!.record.id))?.record.properties['holder']).toEqual([holder?.record.id]);
    expect((await world.mosaic.store.getRecord(vehicle!.record.id))?.record.properties['owner']).toEqual([holder?.record.id]);
  });

  it('refuses a link to a record the reviewer may not see as if it did not exist, and writes nothing', async () => {
    const { report, idOf } = await upload('fedAnalyst', 'confirm-hidden');
    const fed = await as('fedAnalyst');
    const phone = idOf('Phone', '+32470555019');
    const before = await world.mosaic.store.countRecords();
    const hidden = await confirmEntity(world.mosaic, fed, report.id, phone, { link: RecordId('intel:ip1') }, indexes()).then(() => undefined, (e: unknown) => e);
    const missing = await confirmEntity(world.mosaic, fed, report.id, phone, { link: RecordId('intel:none') }, indexes()).then(() => undefined, (e: unknown) => e);
    expect(hidden).toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    expect((hidden as Error).message.replace('ip1', 'none')).toBe((missing as Error).message);
    expect(await world.mosaic.store.countRecords()).toBe(before);
    expect((await readReport(world.mosaic, fed, report.id, indexes())).view!.entities.find((e) => e.id === phone)?.status).toBe('proposed');
  });

  it('checks the records an edited property names as a link is checked: one the reviewer may not read, or none, as not found; one of another kind refused, naming the property', async () => {
    const { report, idOf } = await upload('fedAnalyst', 'confirm-properties');
    const fed = await as('fedAnalyst');
    const phone = idOf('Phone', '+32470555019');
    const before = await world.mosaic.store.countRecords();
    const confirm = (holder: string) => confirmEntity(world.mosaic, fed, report.id, phone, { properties: { holder: [holder] } }, indexes()).then((outcome) => outcome, (e: unknown) => e);
    const byLink = await confirmEntity(world.mosaic, fed, report.id, phone, { link: RecordId('intel:ip1') }, indexes()).then(() => undefined, (e: unknown) => e);
    const hidden = await confirm('intel:ip1');
    const missing = await confirm('intel:none');
    expect(hidden).toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: (byLink as Error).message });
    expect(missing).toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: 'record intel:none not found' });
    // an id without an agency names one of the reviewer's agency, as the record written would
    expect(await confirm('ip1')).toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: 'record fedpol:ip1 not found' });
    expect(await confirm('zone-north:zv1')).toEqual({ ok: false, errors: [{ field: 'properties.holder', reason: expect.stringMatching(/^zone-north:zv1 is a vehicle: a phone's holder is a legal entity \(organisation, person\)$/) }] });
    expect(await world.mosaic.store.countRecords()).toBe(before);
    expect((await readReport(world.mosaic, fed, report.id, indexes())).view!.entities.find((e) => e.id === phone)?.status).toBe('proposed');
    const held = await confirm('zone-north:zp1');
    expect(held).toMatchObject({ ok: true, record: { properties: { holder: ['zone-north:zp1'] } } });
  });
});
