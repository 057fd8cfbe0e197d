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

  it('returns a reason for unusable lines', () => {
    expect(entryFromFtm('x', EntityId)).toEqual({ ok: false, reason: 'not an object' });
    expect(entryFromFtm({ schema: 'Person', properties: {} }, EntityId)).toEqual({ ok: false, reason: 'id missing' });
    expect(entryFromFtm({ id: 'p', schema: 'Person', properties: { notes: ['x'] } }, EntityId).ok).toBe(false);
  });
});
