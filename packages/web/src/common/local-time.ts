/**
 * Every time a person reads in the web app, said one way: in the browser's time zone, the zone
 * named — "2026-12-07 17:48:33 CET". The server keeps instants in UTC (an audit entry's time, a
 * check's) or with the offset they were written in (an officer's report time, 17:56+01:00): cut
 * as written, the two told one encounter at two hours, and a time read off the audit log, typed
 * back into its From and To (read as local time), found nothing. Said through this one formatter,
 * each instant reads as the same wall-clock time the reader's filters and forms take.
 *
 * The zone's name is the one Intl gives in British English ("CET", "CEST", "UTC", "GMT-4"): an
 * abbreviation where one is in common use, the offset otherwise.
 */

/** How the zone is chosen: the browser's unless a test names one. */
export interface LocalTimeOptions {
  /** An IANA time zone ("Europe/Brussels"); the browser's own when not given. */
  readonly timeZone?: string;
}

const PARTS = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' } as const;

/**
 * One formatter per zone, made once: a long audit page or timeline says hundreds of times, and
 * a call that made its own Intl.DateTimeFormat took some 60–80 µs, one with a kept one some 6 µs.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf({ timeZone }: LocalTimeOptions): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', timeZone === undefined ? PARTS : { ...PARTS, timeZone });
    formats.set(key, format);
  }
  return format;
}

/**
 * `time` (an ISO 8601 instant, UTC or with an offset) in local time with the zone named:
 * "2026-12-07 17:48:33 CET". A text that names no instant (a report's time written before the
 * form checked it) is shown as written rather than hidden.
 */
export function localTime(time: string, options: LocalTimeOptions = {}): string {
  const at = new Date(time);
  if (time.trim() === '' || Number.isNaN(at.getTime())) return time;
  const part = Object.fromEntries(formatOf(options).formatToParts(at).map((p) => [p.type, p.value]));
  return `${part['year'] ?? ''}-${part['month'] ?? ''}-${part['day'] ?? ''} ${part['hour'] ?? ''}:${part['minute'] ?? ''}:${part['second'] ?? ''} ${part['timeZoneName'] ?? ''}`.trim();
}

/**
 * The zone times are shown and read in, by its IANA name and what it is called now:
 * "Europe/Brussels (CET)", for a note beside the inputs that take a time.
 */
export function localZoneName(options: LocalTimeOptions = {}, at: Date = new Date()): string {
  const format = formatOf(options);
  const called = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const id = format.resolvedOptions().timeZone;
  return called === '' || called === id ? id : `${id} (${called})`;
}
