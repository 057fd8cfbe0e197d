/**
 * A time bound of an audit search as the auditor types it (a `datetime-local` input:
 * `2026-12-07T17:48`, or `…T17:48:33` where seconds are given), read in the browser's zone, the
 * zone the table's times are said in (local-time.ts), as the instant the server takes. `to`
 * takes in the whole minute (or second) it names, as the server's `to` takes in the whole day it
 * names: the log excludes its `to`, and a row at 17:48:33 is found by To 17:48.
 */
export function auditTimeBound(local: string, side: 'from' | 'to'): string | undefined {
  if (local === '') return undefined;
  const at = new Date(local);
  if (Number.isNaN(at.getTime())) return undefined;
  const step = /T\d{2}:\d{2}:\d{2}/.test(local) ? 1_000 : 60_000;
  return new Date(side === 'from' ? at.getTime() : at.getTime() + step).toISOString();
}
