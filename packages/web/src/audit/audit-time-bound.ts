/**
 * A time bound of an audit search as the auditor types it (a `datetime-local` input:
 * `2026-12-07T17:48`, or `…T17:48:33` where seconds are given), read in the browser's zone, the
 * zone the table's times are said in (local-time.ts), as the instant the server takes. `to`
 * takes in the whole minute (or second) it names, as the server's `to` takes in the whole day it
 * names: the log excludes its `to`, and a row at 17:48:33 is found by To 17:48.
 *
 * Read as the checkpoint reads a report's time (report-time.ts): a time the clock never showed
 * (the hour skipped when the clocks go forward, 30 February) is refused in words, where
 * `new Date` moved it an hour on, and a text it cannot read is refused rather than dropped, which
 * searched the whole log without the bound asked for.
 */
import { reportTimeOf } from '../checkpoint/report-time.ts';

export type AuditTimeBound = { readonly at: string | undefined } | { readonly refused: string };

export function auditTimeBound(local: string, side: 'from' | 'to'): AuditTimeBound {
  if (local === '') return { at: undefined };
  const written = reportTimeOf(local);
  if (written === undefined) {
    return { refused: `${local.replace('T', ' ')} is not a time the clock showed here (the hour skipped when the clocks go forward, or no such day): choose the day and time again` };
  }
  const step = side === 'to' ? (/T\d{2}:\d{2}:\d{2}/.test(local) ? 1_000 : 60_000) : 0;
  return { at: new Date(Date.parse(written) + step).toISOString() };
}
