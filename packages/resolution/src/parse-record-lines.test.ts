import { describe, expect, it } from 'vitest';
import { parseRecordLines } from './parse-record-lines.ts';

const person = '{"id":"p1","schema":"Person","properties":{"name":["Ida Lenz"],"notes":["long text"]}}';
const address = '{"id":"a1","schema":"Address","properties":{"full":["1 Main Street"]}}';

describe('parseRecordLines', () => {
  it('numbers lines from firstLine, skips blank ones, reads CRLF and a last line without a newline', () => {
    const text = `${person}\r\n\n   \nnope\n${address}`;
    const parsed = parseRecordLines(text, { firstLine: 10, keep: new Set(['name']) });
    expect(parsed.records.map((r) => r.id)).toEqual(['p1', 'a1']);
    expect(parsed.records[0]?.properties).toEqual({ name: ['Ida Lenz'] });
    expect(parsed.rejected).toEqual([{ line: 13, reason: 'not JSON' }]);
    expect(parsed.lines).toBe(5);
    expect(parseRecordLines(`${person}\n${address}\n`).lines).toBe(2);
  });
  it('drops the properties of a schema resolution does not compare', () => {
    expect(parseRecordLines(address).records[0]).toEqual({ id: 'a1', schema: 'Address', properties: {} });
  });
  it('keeps one schema, parsing only the lines that name it', () => {
    const parsed = parseRecordLines([person, address, 'nope', '{"id":"x","schema":"Person","properties":[]}'].join('\n'), { schema: 'Person' });
    expect(parsed.records.map((r) => r.id)).toEqual(['p1']);
    expect(parsed.rejected).toEqual([{ line: 4, reason: 'properties must be an object' }]);
  });
});
