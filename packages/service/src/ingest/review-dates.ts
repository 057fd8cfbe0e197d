/**
 * The review date ingest gives a record that has none: its agency's retention rule for its
 * data-subject category, counted from today (policy's reviewDateFor, as the API applies it).
 * Held as data, today and each agency's rules, so that ingest's worker threads apply it too.
 */
import type { AgencyId, SubjectCategory } from '@mosaic/model';
import { DEFAULT_RETENTION, reviewDateFor, type RetentionRules } from '@mosaic/policy';

export interface ReviewDates {
  /** YYYY-MM-DD */
  readonly today: string;
  /** Each agency's rules; an agency not listed has the deployment's defaults. */
  readonly rules: Readonly<Record<string, RetentionRules>>;
}

export function reviewDateRule({ today, rules }: ReviewDates): (category: SubjectCategory, agency: AgencyId) => string {
  return (category, agency) => reviewDateFor(category, today, rules[agency] ?? DEFAULT_RETENTION);
}
