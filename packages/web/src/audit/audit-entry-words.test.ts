import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../api/api-types.ts';
import { auditEntryWords, auditSubjectsOf } from './audit-entry-words.ts';

const entry = (query: unknown, subjects: readonly string[] = []): AuditEntry => ({
  seq: 1, time: '2026-12-07T14:30:46.621Z', actor: { user: 'fedpol.analyst3', agency: 'fedpol' }, action: 'consultation', purpose: 'Investigation', caseRef: 'FP-1',
  query, subjects, records: [], recipients: [], pointers: [], outcome: 'ok', reason: null, prevHash: '0'.repeat(64), hash: '1'.repeat(64),
});

describe('auditEntryWords', () => {
  it('says what a profile\'s reads covered, from the query each was logged with', () => {
    expect(auditEntryWords(entry({ entity: 'e146' }, ['e146']))).toBe('Profile of e146');
    expect(auditEntryWords(entry({ graph: { timeline: ['e146'], level: 'entity' } }))).toBe('Timeline of e146');
    expect(auditEntryWords(entry({ graph: { places: ['e146'], level: 'entity' } }))).toBe('Map of e146');
    expect(auditEntryWords(entry({ graph: { expand: ['e146'], hops: 1, level: 'entity' } }))).toBe('Related (1 hop) of e146');
    expect(auditEntryWords(entry({ entityOfRecord: 'border:BP-1' }, ['e146']))).toBe('Entity of record border:BP-1');
  });

  it('tells the profile\'s merges and judgements panels from the profile, by the view their query names', () => {
    expect(auditEntryWords(entry({ entity: 'e146', view: 'merges' }, ['e146']))).toBe('Merges of e146');
    expect(auditEntryWords(entry({ entity: 'e146', view: 'judgements' }, ['e146']))).toBe('Decisions on e146');
    // a view not named here, by its key
    expect(auditEntryWords(entry({ entity: 'e146', view: 'takeOut' }, ['e146']))).toBe('Take out of e146');
    // an entry stored before the panels were named says what it said then
    expect(auditEntryWords(entry({ entity: 'e146' }, ['e146']))).toBe('Profile of e146');
    expect(auditSubjectsOf(entry({ entity: 'e146', view: 'judgements' }))).toEqual(['e146']);
  });

  it('says searches, records and the log\'s own reads, and a query of another kind by its key', () => {
    expect(auditEntryWords(entry({ q: 'Peeters', schema: null, birthDate: null }))).toBe('Search "Peeters"');
    expect(auditEntryWords(entry({ record: 'fedpol:F-1' }))).toBe('Record fedpol:F-1');
    expect(auditEntryWords(entry({ record: 'fedpol:F-1', history: { versions: 2 } }))).toBe('History of record fedpol:F-1');
    expect(auditEntryWords(entry({ auditVerify: {} }))).toBe('Audit log verified');
    expect(auditEntryWords(entry({ auditExport: { entries: 3, seqs: [1, 2, 3] } }))).toBe('Audit log export (3 entries)');
    expect(auditEntryWords(entry({ reportLinks: ['x'] }))).toBe('Report links');
    expect(auditEntryWords(entry({ graph: { expand: ['e1', 'e2', 'e3', 'e4', 'e5'], hops: 2 } }))).toBe('Related (2 hops) of e1, e2, e3 +2');
  });

  it('says nothing of an entry whose query the auditor is not given', () => {
    expect(auditEntryWords(entry(null))).toBe('');
  });
});

describe('auditSubjectsOf', () => {
  it('names the entities of the subjects and those the query names, once each', () => {
    expect(auditSubjectsOf(entry({ graph: { timeline: ['e146'] } }))).toEqual(['e146']);
    expect(auditSubjectsOf(entry({ entity: 'e146' }, ['e146']))).toEqual(['e146']);
    expect(auditSubjectsOf(entry({ q: 'Peeters' }))).toEqual([]);
  });
});
