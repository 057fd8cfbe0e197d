import { describe, expect, it } from 'vitest';
import { auditExportName, exportParts } from './audit-json-lines.ts';

describe('exportParts', () => {
  it('asks for the entries shown from the newest down, as many as shown, in requests of at most `most`', () => {
    expect(exportParts([90, 70, 40])).toEqual([{ before: 91, limit: 3 }]);
    expect(exportParts([90, 70, 40, 12, 11], 2)).toEqual([{ before: 91, limit: 2 }, { before: 70, limit: 2 }, { before: 12, limit: 1 }]);
  });

  it('asks for nothing when nothing is shown', () => {
    expect(exportParts([])).toEqual([]);
  });
});

describe('auditExportName', () => {
  it('names the file by the time of export in UTC, without colons', () => {
    expect(auditExportName(new Date('2026-12-06T13:40:05.123Z'))).toBe('audit-2026-12-06T13-40-05Z.jsonl');
  });
});
