import { describe, expect, it } from 'vitest';
import { parseRecordLine } from './parse-record-line.ts';

describe('parseRecordLine', () => {
  it('reads an FtM line with provenance, its values cleaned as ingest cleans them', () => {
    const r = parseRecordLine('{"id":"r1","schema":"Person","properties":{"name":["  Ida   Lenz "],"birthDate":"1990","nationality":["Belgium"],"phone":[""]},"provenance":{"agency":"a"}}');
    expect(r.ok && r.record.properties).toEqual({ name: ['Ida Lenz'], birthDate: ['1990'], nationality: ['be'], phone: [] });
  });
  it('keeps only the properties asked for, and checks the others belong to the schema', () => {
    const r = parseRecordLine('{"id":"r1","schema":"Person","properties":{"name":["Ida Lenz"],"notes":["long text"],"birthDate":"1990"}}', { keep: new Set(['name', 'birthDate']) });
    expect(r.ok && r.record.properties).toEqual({ name: ['Ida Lenz'], birthDate: ['1990'] });
    expect(parseRecordLine('{"id":"r1","schema":"Person","properties":{"name":["Ida Lenz"],"colour":["red"]}}', { keep: new Set(['name']) }))
      .toEqual({ ok: false, reason: 'colour: is not a property of Person', error: { field: 'colour', reason: 'is not a property of Person' } });
  });
  it('refuses a value the matcher would read wrongly, naming the field and the reason', () => {
    // `reason` is for a terminal or a log, without the value; the error's own reason, for an API's caller, quotes it.
    expect(parseRecordLine('{"id":"r1","schema":"Person","properties":{"name":["Ida Lenz"],"birthDate":["1987-13-45"]}}'))
      .toMatchObject({ ok: false, reason: 'birthDate: is not a date: it has no such month', error: { field: 'birthDate', reason: '"1987-13-45" is not a date: it has no such month' } });
    expect(parseRecordLine('{"id":"r1","schema":"Person","properties":{"name":[{"first":"Ida"}]}}'))
      .toMatchObject({ ok: false, reason: 'name: is not a string', error: { field: 'name', reason: '{"first":"Ida"} is not a string' } });
    expect(parseRecordLine('{"id":"r1","schema":"Persn","properties":{"name":["Ida Lenz"]}}'))
      .toMatchObject({ ok: false, reason: 'schema: is not a known schema', error: { field: 'schema', reason: '"Persn" is not a known schema' } });
  });
  it('returns the reason for an invalid line', () => {
    expect(parseRecordLine('{"schema":"Person","properties":{}}')).toEqual({ ok: false, reason: 'id must be a non-empty string' });
    expect(parseRecordLine('nope')).toEqual({ ok: false, reason: 'not JSON' });
  });
});
