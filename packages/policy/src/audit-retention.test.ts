import { describe, expect, it } from 'vitest';
import { auditPruneBefore } from './audit-retention.ts';
import { addPeriod } from './retention.ts';

describe('auditPruneBefore', () => {
  it('makes an entry made on day D due from D + period on, as a review date', () => {
    expect(auditPruneBefore('2025-06-15', { years: 1 })).toBe('2024-06-16T00:00:00.000Z');
    expect(auditPruneBefore('2025-01-31', { days: 30 })).toBe('2025-01-02T00:00:00.000Z');
    expect(auditPruneBefore('2025-06-15', { years: 1, months: 2, days: 3 })).toBe('2024-04-13T00:00:00.000Z');
  });

  it('steps over month ends that a period clamps to', () => {
    // made 28, 29, 30 or 31 January: one month on is 28 February
    expect(auditPruneBefore('2025-02-28', { months: 1 })).toBe('2025-02-01T00:00:00.000Z');
    expect(auditPruneBefore('2025-02-27', { months: 1 })).toBe('2025-01-28T00:00:00.000Z');
    expect(auditPruneBefore('2025-03-30', { months: 1 })).toBe('2025-03-01T00:00:00.000Z');
    expect(auditPruneBefore('2025-02-28', { years: 1 })).toBe('2024-03-01T00:00:00.000Z');
  });

  it('keeps entries to the end of the year after the one they were made in (BDSG §76(4))', () => {
    const bdsg = { years: 1, endOfYear: true };
    expect(auditPruneBefore('2024-12-31', bdsg)).toBe('2023-01-01T00:00:00.000Z');
    expect(auditPruneBefore('2025-01-01', bdsg)).toBe('2024-01-01T00:00:00.000Z');
    expect(auditPruneBefore('2025-12-31', bdsg)).toBe('2024-01-01T00:00:00.000Z');
    expect(auditPruneBefore('2025-06-15', { months: 6, endOfYear: true })).toBe('2024-07-01T00:00:00.000Z');
  });

  it('agrees with addPeriod on every day of a leap year and the next (property)', () => {
    for (const period of [{ years: 1 }, { months: 1 }, { months: 13, days: 2 }, { days: 400 }]) {
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2026, 0, 1); t += 86_400_000) {
        const today = new Date(t).toISOString().slice(0, 10);
        const before = auditPruneBefore(today, period).slice(0, 10);
        const lastDue = new Date(Date.parse(before) - 86_400_000).toISOString().slice(0, 10);
        expect(addPeriod(lastDue, period) <= today).toBe(true);
        expect(addPeriod(before, period) > today).toBe(true);
      }
    }
  });
});
