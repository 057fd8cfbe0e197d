/**
 * When an alert's owner must look at it again: its review date, which the agency keeps in view
 * (an alert kept past its need is data kept past its need, LED Art. 5). A date already reached
 * is said to be past, not only coloured.
 */
export interface AlertReview {
  readonly text: string;
  readonly past: boolean;
}

/** `reviewDate` and `today` are ISO days (YYYY-MM-DD): alertReview('2026-01-01', '2026-03-01') is "review by 2026-01-01 (past)". */
export function alertReview(reviewDate: string, today: string): AlertReview {
  const past = reviewDate < today;
  return { text: `review by ${reviewDate}${past ? ' (past)' : ''}`, past };
}
