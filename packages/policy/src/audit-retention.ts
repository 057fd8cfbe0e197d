/**
 * How long the audit log is kept. Logs may be used only for verifying the lawfulness of
 * processing, self-monitoring, ensuring integrity and security, and criminal proceedings
 * (LED Art. 25(2)), and are kept only as long as those need; national law sets the period.
 * German law, for one, deletes them at the end of the year after the one they were made in
 * (BDSG §76(4)): `{ years: 1, endOfYear: true }`. No period set: the whole log is kept (the
 * deployment's operator chooses, not Mosaic).
 */
import { addPeriod, type RetentionPeriod } from './retention.ts';

export interface AuditRetention extends RetentionPeriod {
  /** Keep each entry until the end of the calendar year in which its period ends (BDSG §76(4)). */
  readonly endOfYear?: boolean;
}

const DAY_MS = 86_400_000;

/**
 * The instant before which audit entries are due on `today` (YYYY-MM-DD), as a record's review
 * date is: an entry made on day D goes from D + period on (with `endOfYear`, from the 1 January
 * after that day's year). Entries made before the returned instant are due; none after it is.
 */
export function auditPruneBefore(today: string, { endOfYear = false, ...period }: AuditRetention): string {
  // Entries whose period ends by this day are due (adding nothing also checks that today is a real day).
  const limit = endOfYear ? `${Number(addPeriod(today, {}).slice(0, 4)) - 1}-12-31` : addPeriod(today, {});
  const due = (day: number): boolean => addPeriod(dayText(day), period) <= limit;
  // The last day whose period ends by the limit: subtract the period, then step over month-end clamping.
  const y = Number(limit.slice(0, 4));
  const m = Number(limit.slice(5, 7));
  const d = Number(limit.slice(8, 10));
  let day = Math.floor(Date.UTC(y - (period.years ?? 0), m - 1 - (period.months ?? 0), d - (period.days ?? 0)) / DAY_MS);
  while (due(day + 1)) day += 1;
  while (!due(day)) day -= 1;
  return new Date((day + 1) * DAY_MS).toISOString();
}

function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
