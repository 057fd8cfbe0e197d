import { describe, expect, it } from 'vitest';
import { auditRetentionText, periodText } from './audit-retention-text.ts';

describe('the audit retention in words', () => {
  it('names each unit set, singular or plural, in order', () => {
    expect(periodText({ years: 1, months: 0, days: 0 })).toBe('1 year');
    expect(periodText({ years: 0, months: 0, days: 90 })).toBe('90 days');
    expect(periodText({ years: 2, months: 6, days: 0 })).toBe('2 years and 6 months');
    expect(periodText({ years: 1, months: 2, days: 1 })).toBe('1 year, 2 months and 1 day');
  });

  it('says when entries go, and that the whole log is kept without a period', () => {
    expect(auditRetentionText(null)).toBe('No period is set: the whole log is kept.');
    expect(auditRetentionText({ years: 1, months: 0, days: 0, endOfYear: true })).toMatch(/^Entries are kept until the end of the year in which they turn 1 year old, then removed by the retention sweep/);
    expect(auditRetentionText({ years: 0, months: 0, days: 90, endOfYear: false })).toMatch(/^Entries older than 90 days are removed by the retention sweep .*; the log still verifies/);
  });
});
