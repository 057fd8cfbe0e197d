import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, reviewDateText, reviewOverdue } from './review-date.ts';

describe('a review date', () => {
  // a zone far from Greenwich, where the UTC day is not the officer's at either end of the day
  const zone = process.env['TZ'];
  beforeAll(() => { process.env['TZ'] = 'Pacific/Auckland'; });
  afterAll(() => { if (zone === undefined) delete process.env['TZ']; else process.env['TZ'] = zone; });

  it('takes today as the browser\'s own day, early and late in it', () => {
    expect(localDay(new Date(2026, 11, 7, 0, 30))).toBe('2026-12-07');
    expect(localDay(new Date(2026, 11, 7, 23, 30))).toBe('2026-12-07');
  });

  it('is overdue only once gone by, and says so in one word', () => {
    expect(reviewOverdue('2026-12-06', '2026-12-07')).toBe(true);
    expect(reviewOverdue('2026-12-07', '2026-12-07')).toBe(false);
    expect(reviewOverdue('', '2026-12-07')).toBe(false);
    expect(reviewDateText('2026-12-06', '2026-12-07')).toBe('2026-12-06 (overdue)');
    expect(reviewDateText('2029-12-07', '2026-12-07')).toBe('2029-12-07');
  });
});
