/**
 * The time of an encounter as the officer reads and writes it — local time, `YYYY-MM-DD HH:MM` —
 * and as the server takes it: an ISO 8601 date-time with its offset from UTC, so that the owner
 * reads the moment the officer meant, whatever the time zone of either.
 */

/** How the form shows the time, and how the officer may write it. */
export const REPORT_TIME_FORMAT = 'YYYY-MM-DD HH:MM';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `at` in the officer's local time, as the form shows it: `2026-12-06 06:22`. */
export function localTimeText(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** `at` as ISO 8601 in local time with its offset: `2026-12-06T06:22:00+01:00`. */
export function isoWithOffset(at: Date): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${localTimeText(at).replace(' ', 'T')}:${pad(at.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

// seconds and the ISO `T` are taken too: what a scanner or a copied timestamp may give
const WRITTEN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The time the officer wrote, as ISO 8601 with offset; undefined when it is not a local time in
 * the shown format or names no real moment (a 13th month, 24:00, the hour skipped when clocks
 * go forward).
 */
export function reportTimeOf(written: string): string | undefined {
  const parts = WRITTEN.exec(written.trim())?.slice(1).map((p) => Number(p ?? 0));
  if (!parts) return undefined;
  const [year = 0, month = 0, day = 0, hours = 0, minutes = 0, seconds = 0] = parts;
  const at = new Date(year, month - 1, day, hours, minutes, seconds);
  const same = at.getFullYear() === year && at.getMonth() === month - 1 && at.getDate() === day
    && at.getHours() === hours && at.getMinutes() === minutes && at.getSeconds() === seconds;
  return same ? isoWithOffset(at) : undefined;
}
