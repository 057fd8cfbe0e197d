/**
 * When an alert's owner must look at it again: its review date, which the agency keeps in view
 * (an alert kept past its need is data kept past its need, LED Art. 5). A date gone by is said
 * to be overdue, not only coloured (common/review-date.ts).
 */
import { reviewDateText, reviewOverdue } from '../common/review-date.ts';

export interface AlertReview {
  readonly text: string;
  readonly past: boolean;
}

/** `reviewDate` and `today` are ISO days (YYYY-MM-DD): alertReview('2026-01-01', '2026-03-01') is "review by 2026-01-01 (overdue)". */
export function alertReview(reviewDate: string, today: string): AlertReview {
  return { text: `review by ${reviewDateText(reviewDate, today)}`, past: reviewOverdue(reviewDate, today) };
}
