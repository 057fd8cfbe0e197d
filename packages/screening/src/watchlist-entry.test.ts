import { describe, expect, it } from 'vitest';
import { EntityId } from '@mosaic/model';
import { entryFromFtm } from './watchlist-entry.ts';

describe('entryFromFtm', () => {
  it('reads names by kind, facts and numbers from FtM properties', () => {
    const r = entryFromFtm({
      id: 'w1', schema: 'Person',
      properties: { name: ['Karel Vandermolen'], alias: ['Carl van der Molen'], weakAlias: ['Abu Karel'], birthDate: ['1980'], nationality: ['be'], passportNumber: ['EM123456'], phone: ['+32475123456'] },
    }, EntityId);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entry.names.map((n) => n.kind)).toEqual(['name', 'alias', 'weakAlias']);
    expect(r.entry.documents).toEqual(['EM123456']);
    expect(r.entry.phones).toEqual(['+32475123456']);
  });

  it('takes a vehicle registration number as a plate', () => {
    const r = entryFromFtm({ id: 'v1', schema: 'Vehicle', properties: { registrationNumber: ['1-ABC-234'] } }, EntityId);
    expect(r.ok && r.entry.plates).toEqual(['1-ABC-234']);
    expect(r.ok && r.entry.documents).toEqual([]);
  });

  it('reads e-mail addresses, and the number an identifier record is (a phone, an e-mail account, a passport)', () => {
    const person = entryFromFtm({ id: 'p1', schema: 'Person', properties: { name: ['Ilse Grabowiak'], email: ['ilse@example.org'] } }, EntityId);
    expect(person.ok && person.entry.emails).toEqual(['ilse@example.org']);
    const phone = entryFromFtm({ id: 't1', schema: 'Phone', properties: { number: ['+32470112233'] } }, EntityId);
    expect(phone.ok && phone.entry).toMatchObject({ phones: ['+32470112233'], documents: [], names: [] });
    const account = entryFromFtm({ id: 'e1', schema: 'Email', properties: { address: ['ilse@example.org'] } }, EntityId);
    expect(account.ok && account.entry.emails).toEqual(['ilse@example.org']);
    const passport = entryFromFtm({ id: 'd1', schema: 'Passport', properties: { number: ['PX4471023'], holder: ['p1'] } }, EntityId);
    expect(passport.ok && passport.entry.documents).toEqual(['PX4471023']);
  });

  it('keeps only identifiers, or only some kinds of them, when asked', () => {
    const raw = { id: 'p1', schema: 'Person', properties: { name: ['Ilse Grabowiak'], birthDate: ['1990'], email: ['ilse@example.org'], phone: ['+32470112233'] } };
    const only = entryFromFtm(raw, EntityId, { identifiersOnly: true });
    expect(only.ok && only.entry).toEqual({ id: 'p1', schema: 'Person', names: [], documents: [], plates: [], phones: ['+32470112233'], emails: ['ilse@example.org'] });
    const emails = entryFromFtm(raw, EntityId, { identifiersOnly: true, identifiers: ['emails'] });
    expect(emails.ok && emails.entry.phones).toEqual([]);
    expect(entryFromFtm(raw, EntityId, { identifiers: ['phones'] })).toMatchObject({ ok: true, entry: { emails: [], names: [{ value: 'Ilse Grabowiak' }] } });
    expect(entryFromFtm({ id: 'p2', schema: 'Person', properties: { name: ['Odo Brinkhaus'] } }, EntityId, { identifiersOnly: true })).toMatchObject({ ok: false });
  });

  it('returns a reason for unusable lines', () => {
    expect(entryFromFtm('x', EntityId)).toEqual({ ok: false, reason: 'not an object' });
    expect(entryFromFtm({ schema: 'Person', properties: {} }, EntityId)).toEqual({ ok: false, reason: 'id missing' });
    expect(entryFromFtm({ id: 'p', schema: 'Person', properties: { notes: ['x'] } }, EntityId).ok).toBe(false);
  });
});
