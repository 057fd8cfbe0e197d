import { schemata, validateRecord, type EntityRecord } from '@mosaic/model';
import { validateQuery, type PreparedQuery } from '@mosaic/screening';
import { describe, expect, it } from 'vitest';
import { createScreeningProjection } from '../screening/screening-projection.ts';
import { testProvenance } from '../testing.ts';
import { heldIn, identifierHolders } from './identifier-holders.ts';
import { createIdentifierProjection, identifierIndexes } from './identifier-projection.ts';

// Fictional records, written for this test.
const registry = schemata();
function record(id: string, schema: string, properties: Record<string, string[]>): EntityRecord {
  const v = validateRecord(registry, { id, schema, properties, provenance: testProvenance('zone-north') });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.record;
}
const change = (r: EntityRecord) => ({ id: r.id, record: r });
function query(input: Record<string, string>): PreparedQuery {
  const validated = validateQuery(input);
  if (!validated.ok) throw new Error(validated.reason);
  return validated.query;
}

const person = record('p1', 'Person', { name: ['Teodor Hasselgren'], phone: ['+32470918273'], email: ['T.Hasselgren@example.org'], passportNumber: ['EL5830217'] });
const phone = record('t1', 'Phone', { number: ['+32470918273'] });
const account = record('m1', 'Email', { address: ['t.hasselgren@example.org'] });
const passport = record('d1', 'Passport', { number: ['EL5830217'], holder: ['p1'] });
const company = record('o1', 'Organization', { name: ['Hasselgren Transport'], phone: ['+32470918273'], registrationNumber: ['BE0471122334'] });
const van = record('v1', 'Vehicle', { registrationNumber: ['1-KVB-482'] });

async function projected() {
  const screening = createScreeningProjection();
  const identifiers = createIdentifierProjection();
  const changes = [person, phone, account, passport, company, van].map(change);
  await screening.apply(changes);
  await identifiers.apply(changes);
  return { screening, identifiers, indexes: identifierIndexes({ screening, identifiers }) };
}

describe('the identifier projection', () => {
  it('holds what the watchlist does not: other records\' numbers, and e-mail addresses', async () => {
    const { screening, identifiers } = await projected();
    const ids = (index: typeof identifiers.index) => index.entries.flatMap((e) => (e ? [e.entry.id] : [])).sort();
    expect(ids(screening.index)).toEqual(['zone-north:p1', 'zone-north:v1']);
    expect(ids(identifiers.index)).toEqual(['zone-north:d1', 'zone-north:m1', 'zone-north:o1', 'zone-north:p1', 'zone-north:t1']);
    const own = identifiers.index.entries.find((e) => e?.entry.id === 'zone-north:p1');
    expect(own).toMatchObject({ phones: [], documents: [], emails: ['t.hasselgren@example.org'], slots: [] });
    expect(screening.index.entries.find((e) => e?.entry.id === 'zone-north:p1')?.emails).toEqual([]);
  });

  it('forgets a deleted record', async () => {
    const { identifiers } = await projected();
    await identifiers.apply([{ id: phone.id, record: undefined }]);
    expect(identifierHolders([identifiers.index], query({ phone: '+32470918273' }), 10).held.has(phone.id)).toBe(false);
  });
});

describe('identifierHolders', () => {
  it('finds every record holding a phone number across both indexes, and says how', async () => {
    const { indexes } = await projected();
    const { held, truncated } = identifierHolders(indexes, query({ phone: '+32 470 91 82 73' }), 10);
    expect([...held.keys()].sort()).toEqual(['zone-north:o1', 'zone-north:p1', 'zone-north:t1']);
    expect(held.get(person.id)).toMatchObject({ kind: 'phone', how: 'exact' });
    expect(truncated).toBe(false);
  });

  it('finds documents exactly and as OCR misreads them, plates, and e-mail addresses whatever their case', async () => {
    const { indexes } = await projected();
    const ocr = identifierHolders(indexes, query({ document: 'EL583O217' }), 10).held;
    expect(Object.fromEntries(ocr)).toEqual({ 'zone-north:p1': { kind: 'document', how: 'confusable', score: 0.99 }, 'zone-north:d1': { kind: 'document', how: 'confusable', score: 0.99 } });
    expect([...identifierHolders(indexes, query({ plate: '1 KVB 482' }), 10).held.keys()]).toEqual(['zone-north:v1']);
    expect([...identifierHolders(indexes, query({ email: 'T.HASSELGREN@example.org' }), 10).held.keys()].sort()).toEqual(['zone-north:m1', 'zone-north:p1']);
  });

  it('says when an index gave as many holders as asked', async () => {
    const { indexes } = await projected();
    expect(identifierHolders(indexes, query({ phone: '+32470918273' }), 1).truncated).toBe(true);
  });
});

describe('heldIn', () => {
  it('names the property and the value that hold the identifier', () => {
    expect(heldIn(person, 'phone', query({ phone: '+32470918273' }))).toEqual({ property: 'phone', value: '+32470918273', how: 'exact' });
    expect(heldIn(passport, 'document', query({ document: 'EL583O217' }))).toEqual({ property: 'number', value: 'EL5830217', how: 'confusable' });
    expect(heldIn(company, 'document', query({ document: 'BE 0471 122 334' }))).toEqual({ property: 'registrationNumber', value: 'BE0471122334', how: 'exact' });
    expect(heldIn(account, 'email', query({ email: 'T.Hasselgren@Example.org' }))).toEqual({ property: 'address', value: 't.hasselgren@example.org', how: 'exact' });
    expect(heldIn(van, 'document', query({ document: '1KVB482' }))).toBeUndefined();
  });

  it('takes a national number for the international one with its nine last digits, but not another country\'s number', () => {
    expect(heldIn(person, 'phone', query({ phone: '0470 91 82 73' }))).toMatchObject({ property: 'phone', how: 'exact' });
    expect(heldIn(person, 'phone', query({ phone: '+33 470 91 82 73' }))).toBeUndefined();
  });
});
