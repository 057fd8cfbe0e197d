import { AgencyId, RecordId, schemata, validateRecord, type EntityRecord } from '@mosaic/model';
import { screen, type ScreeningHit } from '@mosaic/screening';
import { describe, expect, it } from 'vitest';
import { testProvenance } from '../testing.ts';
import { createScreeningProjection } from './screening-projection.ts';

const registry = schemata();
function record(agency: string, id: string, schema: string, properties: Record<string, string[]>): EntityRecord {
  const v = validateRecord(registry, { id, schema, properties, provenance: testProvenance(agency) });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.record;
}
const alert = (id: string, subject: string, category: string, extra: Record<string, string[]> = {}) =>
  record('fedpol', id, 'Alert', { subject: [subject], category: [category], desk: ['ops'], deskContact: ['+3220000001'], validFrom: ['2020-01-01'], status: ['active'], ...extra });
const change = (r: EntityRecord) => ({ id: r.id, record: r });
const hitsOf = (projection: ReturnType<typeof createScreeningProjection>, query: Record<string, string>) => {
  const outcome = screen(projection.index, query);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.hits as ScreeningHit[];
};

describe('the screening projection', () => {
  it('indexes persons and vehicles with their identifiers, owner and provenance', async () => {
    const projection = createScreeningProjection();
    const person = record('fedpol', 'p1', 'Person', { name: ['Rachid Bouzid'], alias: ['Samir Kaddouri'], weakAlias: ['Rashi'], passportNumber: ['EM123456'], phone: ['+32470000001'] });
    const van = record('fedpol', 'v1', 'Vehicle', { registrationNumber: ['1-ABC-234'] });
    await projection.apply([change(person), change(van), change(record('fedpol', 'o1', 'Organization', { name: ['Rachid Bouzid Trading'] }))]);
    expect(projection.index.stats().entries).toBe(2);
    expect(hitsOf(projection, { document: 'EM123456' }).map((h) => h.id)).toEqual(['fedpol:p1']);
    expect(hitsOf(projection, { plate: '1ABC234' }).map((h) => h.id)).toEqual(['fedpol:v1']);
    expect(hitsOf(projection, { name: 'Samir Kaddouri' })[0]?.id).toBe('fedpol:p1');
    expect(projection.index.entries[projection.index.entryIndexOf('fedpol:p1')!]?.entry.owner).toEqual({ agency: 'fedpol' });
    expect(projection.provenanceOf(RecordId('fedpol:p1'))).toBe(person.provenance);
    expect(projection.recordsOf(RecordId('fedpol:p1'))).toEqual(['fedpol:p1']);
  });

  it('attaches alerts to their subject whichever arrives first, and detaches withdrawn or deleted ones', async () => {
    const projection = createScreeningProjection();
    await projection.apply([change(alert('a1', 'fedpol:p1', 'arrest'))]);
    expect(projection.index.stats().entries).toBe(0);
    await projection.apply([change(record('fedpol', 'p1', 'Person', { name: ['Rachid Bouzid'] }))]);
    expect(hitsOf(projection, { name: 'Rachid Bouzid' })[0]?.alerts.map((a) => a.action)).toEqual(['ARREST']);

    await projection.apply([change(alert('a2', 'fedpol:p1', 'discreet_check'))]);
    expect(hitsOf(projection, { name: 'Rachid Bouzid' })[0]?.alerts.map((a) => a.action)).toEqual(['ARREST', 'REPORT_COVERTLY']);
    await projection.apply([change(alert('a1', 'fedpol:p1', 'arrest', { status: ['withdrawn'] }))]);
    expect(hitsOf(projection, { name: 'Rachid Bouzid' })[0]?.alerts.map((a) => a.action)).toEqual(['REPORT_COVERTLY']);
    expect(projection.alertsOf(AgencyId('fedpol')).map((a) => [a.id, a.status]).sort()).toEqual([['fedpol:a1', 'withdrawn'], ['fedpol:a2', 'active']]);
    await projection.apply([{ id: RecordId('fedpol:a2'), record: undefined }]);
    expect(hitsOf(projection, { name: 'Rachid Bouzid' })[0]?.alerts).toEqual([]);

    // A person updated keeps its alerts; a person deleted leaves the index.
    await projection.apply([change(alert('a3', 'fedpol:p1', 'inquiry_check'))]);
    await projection.apply([change(record('fedpol', 'p1', 'Person', { name: ['Rachid Bouzid'], birthDate: ['1990-03-02'] }))]);
    expect(hitsOf(projection, { name: 'Rachid Bouzid' })[0]?.alerts.map((a) => a.action)).toEqual(['INTERVIEW']);
    await projection.apply([{ id: RecordId('fedpol:p1'), record: undefined }]);
    expect(hitsOf(projection, { name: 'Rachid Bouzid' })).toEqual([]);
    expect(projection.provenanceOf(RecordId('fedpol:p1'))).toBeUndefined();
  });

  it('screens a passport or identity card recorded on its own as its holder\'s, whichever arrives first, while it reads to the policy as its holder does', async () => {
    const projection = createScreeningProjection();
    const passport = record('border', 'd1', 'Passport', { number: ['EE8371846'], holder: ['border:p1'], country: ['tn'] });
    const idCard = record('border', 'd2', 'Identification', { number: ['93112081137'], holder: ['border:p1'] });
    await projection.apply([change(passport)]);
    expect(hitsOf(projection, { document: 'EE8371846' })).toEqual([]);
    await projection.apply([change(record('border', 'p1', 'Person', { name: ['Ikrom El Hajji'] })), change(idCard), change(alert('a1', 'border:p1', 'arrest'))]);
    expect(hitsOf(projection, { document: 'EE8371846' }).map((h) => [h.id, h.explain.document, h.alerts.map((a) => a.action).join()])).toEqual([['border:p1', 'exact', 'ARREST']]);
    expect(hitsOf(projection, { document: 'EE837I846' }).map((h) => [h.id, h.explain.document])).toEqual([['border:p1', 'confusable']]);
    expect(hitsOf(projection, { document: '93112081137' }).map((h) => h.id)).toEqual(['border:p1']);
    expect(projection.recordsOf(RecordId('border:p1'))).toEqual(['border:p1']);

    // erased, or passed to another holder, the number leaves the first
    await projection.apply([{ id: RecordId('border:d2'), record: undefined }, change(record('border', 'd1', 'Passport', { number: ['EE8371846'], holder: ['border:p2'] }))]);
    expect(hitsOf(projection, { document: '93112081137' })).toEqual([]);
    expect(hitsOf(projection, { document: 'EE8371846' })).toEqual([]);
    await projection.apply([change(record('border', 'p2', 'Person', { name: ['Omar Saidi'] }))]);
    expect(hitsOf(projection, { document: 'EE8371846' }).map((h) => h.id)).toEqual(['border:p2']);

    // a document another agency holds, or marked above its holder, would tell a reader of the holder what they may not read
    const secret = testProvenance('border', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } });
    const marked = validateRecord(registry, { id: 'd3', schema: 'Passport', properties: { number: ['ZX5510023'], holder: ['border:p2'] }, provenance: secret });
    if (!marked.ok) throw new Error(JSON.stringify(marked.errors));
    await projection.apply([change(marked.record), change(record('fedpol', 'd4', 'Passport', { number: ['QK7730411'], holder: ['border:p2'] }))]);
    expect(hitsOf(projection, { document: 'ZX5510023' })).toEqual([]);
    expect(hitsOf(projection, { document: 'QK7730411' })).toEqual([]);
  });

  it('moves an alert when its subject changes', async () => {
    const projection = createScreeningProjection();
    await projection.apply([change(record('fedpol', 'p1', 'Person', { name: ['Rachid Bouzid'] })), change(record('fedpol', 'p2', 'Person', { name: ['Youssef Amrani'] })), change(alert('a1', 'fedpol:p1', 'arrest'))]);
    await projection.apply([change(alert('a1', 'fedpol:p2', 'arrest'))]);
    expect(hitsOf(projection, { name: 'Rachid Bouzid' })[0]?.alerts).toEqual([]);
    expect(hitsOf(projection, { name: 'Youssef Amrani' })[0]?.alerts.map((a) => a.alert.id)).toEqual(['fedpol:a1']);
  });
});
