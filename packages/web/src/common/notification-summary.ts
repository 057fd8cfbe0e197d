/**
 * A notification's body in words, for the inbox: who did what, on which of the reader's records,
 * where and when, instead of the body's keys and values. Kinds the inbox does not know yet are
 * listed as before, field by field.
 */
import { alertCategoryWords } from '@mosaic/model';
import type { Notification } from '../api/api-types.ts';
import { localTime } from './local-time.ts';
import { agencyName, deskName, type AgencyNames, type DeskNames } from './use-agency-names.ts';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
// in the reader's zone, named (local-time.ts): a check's time is UTC, a report's has the officer's offset
const when = (time: unknown): string => (text(time) ? ` on ${localTime(String(time))}` : '');
const where = (place: unknown): string => (text(place) ? ` at ${String(place)}` : '');

/** The agencies' and desks' names (use-agency-names.ts), once read: a notice names them, not their ids. */
export interface OrganisationNames {
  readonly agencies?: AgencyNames | undefined;
  readonly desks?: DeskNames | undefined;
}

/** Who did it: the agency and its desk by name, by id where the name is not known. */
function byOf({ agencies, desks }: OrganisationNames): (agency: unknown, desk: unknown) => string {
  return (agency, desk) => {
    const agencyId = text(agency);
    const deskId = text(desk);
    return `${agencyId === undefined ? 'another agency' : agencyName(agencies, agencyId)}${deskId === undefined ? '' : ` (desk ${deskName(desks, deskId)})`}`;
  };
}

function fields(body: Readonly<Record<string, unknown>>): string {
  return Object.entries(body)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? Object.values(v).join(' ') : String(v)}`)
    .join(' · ');
}

const objectOf = (v: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Readonly<Record<string, unknown>> : undefined;

const recordsOf = (body: Readonly<Record<string, unknown>>): string[] =>
  Array.isArray(body['records']) ? body['records'].filter((r): r is string => typeof r === 'string') : [];

/**
 * The record a notice is about, to open: a watch notice's subject (an alert, a link or a sighting
 * opens the person it is on, whose profile shows it), else its `record`, else the first of its
 * `records` (a pointer's call names only these).
 */
export function notificationRecord(body: Readonly<Record<string, unknown>>): string | undefined {
  const watched = text(body['subscription']) ? text(body['subject']) : undefined;
  return watched ?? text(body['record']) ?? recordsOf(body)[0];
}

/** Every field of a notice, ids included, for those who need them (a disclosure under the sentence). */
export function notificationDetails(body: Readonly<Record<string, unknown>>): string {
  return fields(body);
}

/** Which of the reader's watches a notice comes from: “Roadblock list” and how many more. */
function fromWatch(body: Readonly<Record<string, unknown>>): string {
  const labels = Array.isArray(body['labels']) ? body['labels'] : [];
  const label = text(body['label']) ?? text(labels[0]);
  const more = labels.length > 1 ? ` and ${labels.length - 1} more of your watches` : '';
  return label ? ` (your watch “${label}”${more})` : '';
}

const capitalised = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/**
 * What a watch turned up (service watch-projection.ts), as a sentence: what happened, to whom
 * (`subjectName`, the watched subject as the reader may read it; a link's other end `otherName`
 * only where they may read that too, notification-view.ts) and from which watch. A name the
 * notice does not carry (erased since, or a notice told before names were) is said without it.
 */
function watchNews(kind: string, body: Readonly<Record<string, unknown>>): string | undefined {
  const subject = text(body['subjectName']) ?? 'a watched subject';
  const caption = text(body['caption']);
  const watch = fromWatch(body);
  const category = text(body['category']) ?? (body['schema'] === 'Alert' ? caption : undefined);
  const alert = category ? `: ${alertCategoryWords(category)}` : '';
  switch (kind) {
    case 'watch.alert':
      return body['version'] === 1 || body['version'] === undefined
        ? `An alert was issued on ${subject}${alert}${watch}.`
        : `The alert on ${subject} was changed${alert}${watch}.`;
    case 'watch.alert-withdrawn':
      return `The alert on ${subject} was withdrawn${alert}${watch}.`;
    case 'watch.link': {
      const other = text(body['otherName']);
      const how = caption ? ` (${caption.toLowerCase()})` : '';
      return other ? `${capitalised(subject)} was linked to ${other}${how}${watch}.` : `A new link to ${subject}${how}${watch}.`;
    }
    case 'watch.sighting':
      return `${capitalised(subject)} was sighted${watch}.`;
    case 'watch.event':
      return `A new event concerns ${subject}${caption ? `: ${caption}` : ''}${watch}.`;
    case 'watch.record':
      return `${body['version'] === 1 ? 'A new record of' : 'A record of'} ${subject} ${body['version'] === 1 ? 'was added' : 'was updated'}${caption && caption !== text(body['subjectName']) ? `: ${caption}` : ''}${watch}.`;
    case 'watch.search':
      return `${caption ?? 'A new record'} matches your saved search${watch}.`;
    case 'watch.area':
      return `New information in your watched area${caption ? `: ${caption}` : ''}${watch}.`;
    case 'watch.lost-track': {
      const days = typeof body['silentDays'] === 'number' ? body['silentDays'] : undefined;
      return `No sighting of the subject${days === undefined ? '' : ` for ${days} days`}${watch}.`;
    }
    default:
      return undefined;
  }
}

/** The telephone of the desk a watch's pointer names, to call: the one thing a pointer leads to. */
export function notificationContact(body: Readonly<Record<string, unknown>>): string | undefined {
  return text(objectOf(objectOf(body['pointer'])?.['desk'])?.['contact']);
}

/** Which of the reader's own records: its name and id, and how many more. */
function ownRecords(body: Readonly<Record<string, unknown>>): string {
  const records = recordsOf(body);
  const names = Array.isArray(body['names']) ? body['names'] : [];
  const first = records[0] ?? text(body['record']);
  if (!first) return 'one of your records';
  const name = text(names[0]);
  const more = records.length > 1 ? ` and ${records.length - 1} more of your records` : '';
  return `your record ${name ? `${name} (${first})` : first}${more}`;
}

/**
 * A watch's pointer (service watch-projection.ts): an agency holds news on a watch the reader may
 * not see, so the notice is worth only its desk to call — `pointer: {agency, agencyName, desk}`,
 * the desk `{id, name, contact}` or null when the agency named none.
 */
function watchPointer(body: Readonly<Record<string, unknown>>): string {
  const pointer = objectOf(body['pointer']);
  const desk = objectOf(pointer?.['desk']);
  const labels = Array.isArray(body['labels']) ? body['labels'] : [];
  const label = text(body['label']) ?? text(labels[0]);
  const more = labels.length > 1 ? ` (and ${labels.length - 1} more of your watches)` : '';
  const deskName = text(desk?.['name']);
  const contact = text(desk?.['contact']);
  const call = deskName ? ` — contact ${deskName}${contact ? ` (${contact})` : ''}` : ' — contact the agency';
  const holder = text(pointer?.['agencyName']) ?? text(pointer?.['agency']) ?? 'Another agency';
  return `${holder} holds new information that concerns your watch${label ? ` “${label}”` : ''}${more}${call}.`;
}

/** An encounter report's fields (service decide-hit.ts) in words, in the order the form asks them. */
const REPORT_FIELDS: readonly (readonly [string, string])[] = [
  ['place', 'place'], ['time', 'time'], ['route', 'route and destination'], ['companions', 'companions'], ['vehicle', 'vehicle'],
  ['identityUsed', 'identity used'], ['objects', 'objects carried'], ['notes', 'notes'],
];

function reportWords(report: unknown): string {
  const fieldsOf = objectOf(report);
  if (fieldsOf === undefined) return '';
  const said = REPORT_FIELDS.flatMap(([key, label]) => {
    const value = text(fieldsOf[key]);
    if (value === undefined) return [];
    return [`${label}: ${key === 'time' ? localTime(value) : value}`];
  });
  return said.length === 0 ? '' : ` The officer's report — ${said.join('; ')}.`;
}

/**
 * A hit on one of the reader's alerts (service screen-check.ts) and the officer's decision on it
 * (decide-hit.ts): who, what was decided, on whom — the subject by the name it is listed under
 * (`subjectName`, in the notice only where the subject is listed alone, and told only to a reader
 * who may read it: notification-view.ts) —, the alert's category in words, where and when, and a
 * confirmed encounter's report. Ids (check, hit, alert, Sighting) are left to the details.
 */
function alertHit(kind: string, body: Readonly<Record<string, unknown>>, by: (agency: unknown, desk: unknown) => string): string | undefined {
  const name = text(body['subjectName']);
  const category = text(body['category']);
  const alert = `your alert${category ? ` (${alertCategoryWords(category)})` : ''}`;
  const on = name ? `${alert} on ${name}` : alert;
  const whereWhen = `${where(body['place'])}${when(body['time'])}`;
  const who = by(body['agency'], body['desk']);
  switch (kind) {
    case 'alert.hit':
      return `${who} ${body['band'] === 'possible' ? 'had a possible match' : 'had a match'} on ${on} at a check${whereWhen}; the officer is to confirm or reject it.`;
    case 'alert.hit.confirmed':
      return `${who} confirmed an encounter with ${name ? `${name}, the subject of ${alert}` : `the subject of ${alert}`}, at a check${whereWhen}.${reportWords(body['report'])}`;
    case 'alert.hit.rejected':
      return `${who} rejected a match on ${on} at a check${whereWhen}: not the person checked.`;
    default:
      return undefined;
  }
}

export function notificationSummary({ kind, body }: Pick<Notification, 'kind' | 'body'>, names: OrganisationNames = {}): string {
  const by = byOf(names);
  // A consultation's notice names who asked as `requester: {user, agency, desk}` (service
  // consult.ts) and carries no check; a check's encounter notice names the agency and desk apart.
  const requester = body['requester'];
  const consultation = typeof requester === 'object' && requester !== null ? requester as Readonly<Record<string, unknown>> : undefined;
  switch (kind) {
    case 'deconfliction.encounter':
      if (consultation) return `${by(consultation['agency'], consultation['desk'])} met ${ownRecords(body)} in a consultation (a search or a record opened), not at a check.`;
      return `${by(body['requester'], body['desk'])} encountered ${ownRecords(body)} at a check${where(body['place'])}${when(body['time'])}.`;
    case 'deconfliction.consult':
      return consultation ? `${by(consultation['agency'], consultation['desk'])} consulted ${ownRecords(body)}.` : fields(body);
    case 'pointer.called': {
      const report = body['report'] as Record<string, unknown> | undefined;
      const notes = text(report?.['notes']);
      return `${by(body['agency'], body['desk'])} called your desk about a likely match on ${ownRecords(body)}${where(body['place'])}${when(body['time'])}${notes ? `: “${notes}”` : '.'}`;
    }
    case 'alert.hit':
    case 'alert.hit.confirmed':
    case 'alert.hit.rejected':
      return alertHit(kind, body, by) ?? fields(body);
    case 'watch.pointer':
      return watchPointer(body);
    default:
      return watchNews(kind, body) ?? fields(body);
  }
}
