import { describe, expect, it } from 'vitest';
import { parseBatchLine } from './parse-record-lines.ts';

const person = '{"id":"p1","schema":"Person","properties":{"name":["Ida Lenz"],"notes":["long text"]}}';
const address = '{"id":"a1","schema":"Address","properties":{"full":["1 Main Street"]}}';

describe('parseBatchLine', () => {
  it('skips blank lines, keeps the properties asked for and gives a reason for a bad line', () => {
    expect(parseBatchLine('')).toBeUndefined();
    expect(parseBatchLine('   ')).toBeUndefined();
    expect(parseBatchLine(person, { keep: new Set(['name']) })).toEqual({ ok: true, record: { id: 'p1', schema: 'Person', properties: { name: ['Ida Lenz'] } } });
    expect(parseBatchLine('nope')).toEqual({ ok: false, reason: 'not JSON' });
  });
  it('drops the properties of a schema resolution does not compare', () => {
    expect(parseBatchLine(address)).toEqual({ ok: true, record: { id: 'a1', schema: 'Address', properties: {} } });
  });
  it('keeps one schema: another is skipped, a bad record of it rejected', () => {
    expect(parseBatchLine(person, { schema: 'Person' })).toMatchObject({ ok: true, record: { id: 'p1' } });
    expect(parseBatchLine(address, { schema: 'Person' })).toBeUndefined();
    expect(parseBatchLine('{"id":"x","schema":"Person","properties":[]}', { schema: 'Person' })).toEqual({ ok: false, reason: 'properties must be an object' });
  });
});
