/**
 * The audit log's retention period in plain words, as the server applies it
 * (@mosaic/policy auditPruneBefore): an entry made on day D goes once D + period has passed or,
 * with `endOfYear`, at the end of the year in which that day falls (BDSG §76(4)). A prune leaves
 * a signed cut, so the log that remains still verifies.
 */
import type { AuditRetention } from './admin-types.ts';

const UNITS = [['years', 'year'], ['months', 'month'], ['days', 'day']] as const;

/** "1 year", "2 years and 6 months", "1 year, 2 months and 3 days". */
export function periodText(period: Pick<AuditRetention, 'years' | 'months' | 'days'>): string {
  const parts = UNITS.filter(([unit]) => period[unit] > 0).map(([unit, word]) => `${period[unit]} ${word}${period[unit] === 1 ? '' : 's'}`);
  const last = parts.pop() ?? '';
  return parts.length ? `${parts.join(', ')} and ${last}` : last;
}

export function auditRetentionText(retention: AuditRetention | null): string {
  if (retention === null) return 'No period is set: the whole log is kept.';
  const age = periodText(retention);
  const when = retention.endOfYear ? `Entries are kept until the end of the year in which they turn ${age} old, then removed` : `Entries older than ${age} are removed`;
  return `${when} by the retention sweep (every six hours); the log still verifies (a signed cut stands in for the removed entries).`;
}
