import { describe, expect, it } from 'vitest';
import type { IngestJob } from '../api/api-types.ts';
import { ingestSummary } from './ingest-summary.ts';

const job = (fields: Partial<IngestJob>): IngestJob => ({ id: 'j', state: 'done', processed: 5, total: 5, accepted: 0, rejected: 0, created: 0, updated: 0, unchanged: 0, errors: [], ...fields });

describe('ingestSummary', () => {
  it('says a file uploaded again wrote nothing because an earlier upload of it had written every line', () => {
    expect(ingestSummary(job({ resumed: 5 }))).toBe('Nothing new to write: its 5 lines were written by an earlier upload of this file');
    expect(ingestSummary(job({ processed: 1, resumed: 1 }))).toBe('Nothing new to write: its line was written by an earlier upload of this file');
  });

  it('says how the accepted lines were written, and the lines skipped', () => {
    expect(ingestSummary(job({ accepted: 3, created: 2, updated: 1, rejected: 1 }))).toBe('3 accepted (2 new, 1 updated) · 1 refused');
    expect(ingestSummary(job({ accepted: 5, unchanged: 5 }))).toBe('5 accepted (5 already stored as given) · 0 refused');
    expect(ingestSummary(job({ accepted: 2, unchanged: 2, rejected: 1, resumed: 2 }))).toBe('2 accepted (2 already stored as given) · 1 refused · 2 lines skipped, written by an earlier upload of this file');
  });

  it('counts the references of lines written to records not found', () => {
    expect(ingestSummary(job({ accepted: 3, created: 3, warningCount: 1 }))).toBe('3 accepted (3 new) · 0 refused · 1 reference to a record not found');
    expect(ingestSummary(job({ accepted: 3, created: 3, warningCount: 600 }))).toBe('3 accepted (3 new) · 0 refused · 600 references to records not found');
  });

  it('says the lines a quote never closed took, which are neither accepted nor refused on their own', () => {
    const unclosed = { line: 3, field: 'record', reason: 'is not valid CSV (a quote opened on line 3 is never closed: lines 3 to 6, the end of the file, were read as one value and are skipped)', through: 6 };
    expect(ingestSummary(job({ processed: 2, accepted: 1, created: 1, rejected: 1, errors: [unclosed] }))).toBe('1 accepted (1 new) · 1 refused · lines 3–6 read as one value: a quote opened on line 3 is not closed');
  });

  it('counts a running job as it goes, and a failed one up to where it stopped', () => {
    // lines are read ahead of their batch's write: each number says what it counts, so they are not read against each other
    expect(ingestSummary(job({ state: 'running', processed: 1100, total: 40_000, accepted: 1000, rejected: 3, created: 0 }))).toBe('1,100 of 40,000 lines read · 1,000 written · 3 refused');
    expect(ingestSummary(job({ state: 'failed', accepted: 1000, created: 1000 }))).toBe('1000 accepted (1000 new) · 0 refused before it stopped');
  });
});
