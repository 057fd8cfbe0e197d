import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../api/api-types.ts';
import { auditExportName, auditJsonLines } from './audit-json-lines.ts';

const entry = (seq: number, query: unknown): AuditEntry => ({
  seq, time: `2026-01-0${seq}T08:00:00.000Z`, actor: { user: 'fedpol.analyst1', agency: 'fedpol' }, action: 'search', purpose: 'Investigation', caseRef: 'C-1',
  query, subjects: [], records: ['intel:I-1'], recipients: [], pointers: [], outcome: 'ok', reason: null, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64),
});

describe('auditJsonLines', () => {
  it('writes each entry shown as one line of JSON, in the order shown, a line break within a value kept escaped', () => {
    const shown = [entry(2, { q: 'two\nlines' }), entry(1, null)];
    const text = auditJsonLines(shown);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines.slice(0, 2).map((line) => JSON.parse(line) as unknown)).toEqual(shown);
  });

  it('writes nothing for no entries', () => {
    expect(auditJsonLines([])).toBe('');
  });
});

describe('auditExportName', () => {
  it('names the file by the time of export in UTC, without colons', () => {
    expect(auditExportName(new Date('2026-12-06T13:40:05.123Z'))).toBe('audit-2026-12-06T13-40-05Z.jsonl');
  });
});
