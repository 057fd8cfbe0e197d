import { describe, expect, it } from 'vitest';
import { parseRecordLine } from './parse-record-line.ts';

describe('parseRecordLine', () => {
  it('reads an FtM line with provenance and keeps string values only', () => {
    const r = parseRecordLine('{"id":"r1","schema":"Person","properties":{"name":["Ida Lenz"],"birthDate":"1990","x":[1]},"provenance":{"agency":"a"}}');
    expect(r.ok && r.record.properties).toEqual({ name: ['Ida Lenz'], birthDate: ['1990'], x: [] });
  });
  it('keeps only the properties asked for', () => {
    const r = parseRecordLine('{"id":"r1","schema":"Person","properties":{"name":["Ida Lenz"],"notes":["long text"],"birthDate":"1990"}}', { keep: new Set(['name', 'birthDate']) });
    expect(r.ok && r.record.properties).toEqual({ name: ['Ida Lenz'], birthDate: ['1990'] });
  });
  it('returns the reason for an invalid line', () => {
    expect(parseRecordLine('{"schema":"Person","properties":{}}')).toEqual({ ok: false, reason: 'id must be a non-empty string' });
    expect(parseRecordLine('nope')).toEqual({ ok: false, reason: 'not JSON' });
  });
});
