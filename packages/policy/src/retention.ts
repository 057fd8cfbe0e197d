/**
 * Retention and review (LED Art. 5: appropriate time limits for erasure or periodic review;
 * Art. 16: erasure; Art. 6: distinguishing categories of data subjects). Each category gets a
 * review period, configurable per deployment since national law sets the figures; a record's
 * review date is set when it is collected and the review queue lists those that are due.
 * A review is a human's decision: erasable() says only that erasure would break no rule.
 */
import { AppError, SUBJECT_CATEGORY, type RecordId, type SubjectCategory } from '@mosaic/model';
import type { PolicyRecord } from './filter-visible.ts';

export interface RetentionPeriod {
  readonly years?: number;
  readonly months?: number;
  readonly days?: number;
}

/**
 * A review period per data-subject category, how long the agency keeps a checkpoint check (the
 * query as asked, its hits and the decisions on them; the audit log keeps its own entry, and a
 * confirmed hit's sighting is a record with its own review date), and how long a notification
 * stays in its or its users' inboxes.
 */
export type RetentionRules = Readonly<Record<SubjectCategory | 'checks' | 'notifications', RetentionPeriod>>;

/** What a retention rule may be set for: each data-subject category, checks and notifications. */
export const RETENTION_SUBJECTS: readonly (keyof RetentionRules)[] = Object.freeze([...SUBJECT_CATEGORY, 'checks', 'notifications']);

/** Defaults in the range EU member states use; deployments override them from configuration. */
export const DEFAULT_RETENTION: RetentionRules = Object.freeze({
  suspect: { years: 3 },
  convicted: { years: 5 },
  victim: { years: 1 },
  witness: { years: 1 },
  contact: { years: 1 },
  other: { years: 1 },
  checks: { years: 1 },
  notifications: { years: 1 },
});

/** The review date for a record of `category` collected (or last reviewed) on `from`, YYYY-MM-DD. */
export function reviewDateFor(category: SubjectCategory, from: string, rules: RetentionRules = DEFAULT_RETENTION): string {
  return addPeriod(from, rules[category]);
}

/**
 * The review date of a new version of a stored record that names none, `next` being the new
 * version as its category's rule dates it from today. Writing a record again (a correction, its
 * source system's next export) is no review of the need to keep it (LED Art. 5: time limits for a
 * periodic review), so the stored date stays, one a data administrator extended or a shorter one
 * given when it was collected alike; under another category, the earlier of it and the rule's,
 * since a new category must not keep the record longer unreviewed.
 */
export function reviewDateOfNewVersion(
  stored: { readonly category: SubjectCategory; readonly reviewDate: string },
  next: { readonly category: SubjectCategory; readonly reviewDate: string },
): string {
  if (next.category === stored.category) return stored.reviewDate;
  return next.reviewDate < stored.reviewDate ? next.reviewDate : stored.reviewDate;
}

/** Adds a period to a date; a day past the end of the target month clamps to its last day (29 Feb + 1y = 28 Feb). */
export function addPeriod(date: string, { years = 0, months = 0, days = 0 }: RetentionPeriod): string {
  for (const n of [years, months, days]) if (!Number.isSafeInteger(n) || n < 0) throw new AppError('MOSAIC_INVALID_CONFIG', `policy: retention periods are whole non-negative numbers, got ${n}`);
  const { y, m, d } = parseDate(date);
  const totalMonths = y * 12 + (m - 1) + years * 12 + months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = new Date(Date.UTC(year, month, Math.min(d, lastDay)));
  shifted.setUTCFullYear(year);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
}

/**
 * Whether a period is longer than `limit` years (counted from 2000-01-01). Compared as numbers of
 * years first: a date past the year 9999 is written "+010000-…", which sorts before "2100" as text.
 */
export function periodLongerThan({ years = 0, months = 0, days = 0 }: RetentionPeriod, limit: number): boolean {
  if (years > limit || months > limit * 12 || days > limit * 366) return true;
  return addPeriod('2000-01-01', { years, months, days }) > `${2000 + limit}-01-01`;
}

export interface ReviewItem<R extends PolicyRecord> {
  readonly record: R;
  readonly reviewDate: string;
  /** Days past the review date (0 on the day, negative when due within the look-ahead). */
  readonly overdueDays: number;
}

/** Records whose review date is on or before today (plus `withinDays`), most overdue first. */
export function reviewQueue<R extends PolicyRecord>(records: readonly R[], today: string, { withinDays = 0 }: { readonly withinDays?: number } = {}): readonly ReviewItem<R>[] {
  const todayDays = dayNumber(today);
  return records
    .map((record) => ({ record, reviewDate: record.provenance.reviewDate, overdueDays: todayDays - dayNumber(record.provenance.reviewDate) }))
    .filter((item) => item.overdueDays >= -withinDays)
    .sort((a, b) => b.overdueDays - a.overdueDays || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
}

export interface LegalHold {
  readonly record: RecordId;
  /** Court order, proceedings or request that requires keeping the record. */
  readonly reference: string;
  /** Last day of the hold, YYYY-MM-DD; absent: until lifted. */
  readonly until?: string;
}

export type Erasability = { readonly erasable: true } | { readonly erasable: false; readonly reason: 'review date not reached' | 'legal hold'; readonly holds?: readonly string[] };

/** Whether erasing the record now would respect its review date and every active legal hold. */
export function erasable(record: PolicyRecord, today: string, legalHolds: readonly LegalHold[] = []): Erasability {
  const todayDays = dayNumber(today);
  const active = legalHolds.filter((h) => h.record === record.id && (h.until === undefined || dayNumber(h.until) >= todayDays));
  if (active.length > 0) return { erasable: false, reason: 'legal hold', holds: active.map((h) => h.reference) };
  if (dayNumber(record.provenance.reviewDate) > todayDays) return { erasable: false, reason: 'review date not reached' };
  return { erasable: true };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(date: string): { y: number; m: number; d: number } {
  const match = ISO_DATE.exec(date);
  const [y, m, d] = match === null ? [Number.NaN, Number.NaN, Number.NaN] : [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  check.setUTCFullYear(y);
  if (match === null || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw new AppError('MOSAIC_INVALID_INPUT', 'policy: dates must be valid YYYY-MM-DD');
  return { y, m, d };
}

function dayNumber(date: string): number {
  const { y, m, d } = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d));
  t.setUTCFullYear(y);
  return Math.round(t.getTime() / 86_400_000);
}
