import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AgencyId, AppError, RecordId, type SubjectCategory } from '@mosaic/model';
import { addPeriod, DEFAULT_RETENTION, erasable, reviewDateFor, reviewDateOfNewVersion, reviewQueue } from './retention.ts';
import type { PolicyRecord } from './filter-visible.ts';

function rec(n: number, reviewDate: string, category: SubjectCategory = 'suspect'): PolicyRecord {
  return {
    id: RecordId(`ag:${n}`),
    provenance: {
      agency: AgencyId('ag'), source: 's', sourceRecordId: String(n), reliability: 'B', credibility: 2,
      marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: [] },
      handling: 'H0', category, nature: 'fact', legalBasis: 'x', reviewDate,
    },
  };
}

describe('retention', () => {
  it('computes review dates per category with the default periods', () => {
    expect(reviewDateFor('suspect', '2025-03-10')).toBe('2028-03-10');
    expect(reviewDateFor('convicted', '2025-03-10')).toBe('2030-03-10');
    for (const c of ['victim', 'witness', 'contact', 'other'] as const) expect(reviewDateFor(c, '2025-03-10')).toBe('2026-03-10');
  });

  it('takes configured rules and clamps month ends', () => {
    const rules = { ...DEFAULT_RETENTION, contact: { months: 6 }, witness: { years: 1, days: 30 } };
    expect(reviewDateFor('contact', '2025-08-31', rules)).toBe('2026-02-28');
    expect(reviewDateFor('witness', '2025-12-15', rules)).toBe('2027-01-14');
    expect(addPeriod('2024-02-29', { years: 1 })).toBe('2025-02-28');
    expect(addPeriod('2024-02-29', { years: 4 })).toBe('2028-02-29');
    expect(addPeriod('2025-01-31', { months: 1 })).toBe('2025-02-28');
    expect(addPeriod('2025-11-30', { months: 3 })).toBe('2026-02-28');
  });

  it('keeps the stored review date on a new version that names none; a new category only brings it closer', () => {
    const stored = { category: 'suspect' as const, reviewDate: '2027-01-15' };
    const ruled = (category: SubjectCategory, rules = DEFAULT_RETENTION) => ({ category, reviewDate: reviewDateFor(category, '2026-12-06', rules) });
    // written again the same, or corrected: no review, the date stays, nearer or farther than the rule
    expect(reviewDateOfNewVersion(stored, ruled('suspect'))).toBe('2027-01-15');
    expect(reviewDateOfNewVersion({ category: 'suspect', reviewDate: '2040-01-01' }, ruled('suspect'))).toBe('2040-01-01');
    // a victim's rule (one year) ends before the stored date: the earlier one
    expect(reviewDateOfNewVersion({ category: 'suspect', reviewDate: '2029-06-01' }, ruled('victim'))).toBe('2027-12-06');
    // a convicted person's rule (five years) ends after it: the stored one
    expect(reviewDateOfNewVersion(stored, ruled('convicted'))).toBe('2027-01-15');
    expect(reviewDateOfNewVersion(stored, ruled('victim', { ...DEFAULT_RETENTION, victim: { days: 10 } }))).toBe('2026-12-16');
  });

  it('never gives a review date before the start, and adds years exactly when the day exists', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 10 }), (d, years) => {
        const from = d.toISOString().slice(0, 10);
        const to = addPeriod(from, { years });
        expect(to >= from).toBe(true);
        if (!from.endsWith('02-29')) expect(to).toBe(`${String(Number(from.slice(0, 4)) + years).padStart(4, '0')}${from.slice(4)}`);
      }),
    );
  });

  it('rejects bad dates and bad periods', () => {
    expect(() => reviewDateFor('suspect', '2025-02-30')).toThrow(AppError);
    expect(() => reviewDateFor('suspect', '10/03/2025')).toThrow(AppError);
    expect(() => addPeriod('2025-01-01', { years: -1 })).toThrow(AppError);
    expect(() => addPeriod('2025-01-01', { months: 1.5 })).toThrow(AppError);
  });

  it('queues records due for review, most overdue first, with an optional look-ahead', () => {
    const records = [rec(1, '2025-06-01'), rec(2, '2025-01-01'), rec(3, '2026-01-01'), rec(4, '2025-06-10'), rec(0, '2025-01-01')];
    const due = reviewQueue(records, '2025-06-05');
    expect(due.map((i) => [i.record.id, i.overdueDays])).toEqual([['ag:0', 155], ['ag:2', 155], ['ag:1', 4]]);
    expect(reviewQueue(records, '2025-06-05', { withinDays: 5 }).map((i) => i.record.id)).toEqual(['ag:0', 'ag:2', 'ag:1', 'ag:4']);
    expect(reviewQueue(records, '2024-01-01')).toEqual([]);
  });

  it('lets a record be erased once its review date has come, unless a legal hold is active', () => {
    const r = rec(1, '2025-06-01');
    expect(erasable(r, '2025-05-31')).toEqual({ erasable: false, reason: 'review date not reached' });
    expect(erasable(r, '2025-06-01')).toEqual({ erasable: true });
    const holds = [{ record: RecordId('ag:1'), reference: 'court order 12/2025', until: '2025-12-31' }, { record: RecordId('ag:9'), reference: 'other' }];
    expect(erasable(r, '2025-07-01', holds)).toEqual({ erasable: false, reason: 'legal hold', holds: ['court order 12/2025'] });
    expect(erasable(r, '2026-01-01', holds)).toEqual({ erasable: true });
    expect(erasable(r, '2030-01-01', [{ record: RecordId('ag:1'), reference: 'open-ended' }])).toMatchObject({ erasable: false, reason: 'legal hold' });
  });
});
