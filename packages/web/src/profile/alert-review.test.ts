import { describe, expect, it } from 'vitest';
import { alertReview } from './alert-review.ts';

describe('alertReview', () => {
  it('says the review date of an alert still within it', () => {
    expect(alertReview('2029-12-07', '2026-12-07')).toEqual({ text: 'review by 2029-12-07', past: false });
  });

  it('says a review date reached today is not yet past', () => {
    expect(alertReview('2026-12-07', '2026-12-07')).toEqual({ text: 'review by 2026-12-07', past: false });
  });

  it('marks a review date already gone by as overdue', () => {
    expect(alertReview('2026-01-01', '2026-12-07')).toEqual({ text: 'review by 2026-01-01 (overdue)', past: true });
  });
});
