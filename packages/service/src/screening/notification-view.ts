/**
 * What of a notification one reader may be told: the records a notice names go through the
 * policy's read decision for that reader before it is delivered — to an inbox, the live stream,
 * a reconnecting stream's catch-up, or an agency's webhook. A record id is itself a pointer: a
 * need-to-know group's record named to a non-member tells them that a case team holds something,
 * which the policy never does (decide.ts, rule 3). So:
 *
 * - a notice is about its `subject` and `alert` (a hit on an alert, its decision), or its one
 *   `record` where it lists none (a watch notice, a watch gone silent, an erasure notice): a
 *   reader who may not read one of those is not told of the notice at all;
 * - a notice that lists `records` (an encounter or a consultation of the agency's records) keeps
 *   for each reader the records they may read; one for a need-to-know group the reader is not in
 *   leaves it without a trace (id, name, `erased`), one hidden otherwise (above their clearance,
 *   a role that reads no records) keeps its id, its name blanked, the id listed in `withheld`; a
 *   notice left with none of its records is not told;
 * - a hit's Sighting (`sighting`, with the officer's `report`) is left out for a reader who may
 *   not read that record; the rest of the notice still stands; so is a watch notice's other end
 *   of a link (`other`, `otherName`), while its `subject` is a record the notice is about;
 * - an Alert it names is read with its subject (alert-subjects-readable.ts): one whose subject
 *   the reader may not read is hidden, as reading the alert answers it missing — a watch notice
 *   names the alert alone, told while its subject was readable, and tells nothing once it is not.
 *
 * A record the store does not know is taken as hidden: nothing decides that it may be shown.
 */
import { CLASSIFICATION, RecordId, UserId, type AgencyId, type Provenance } from '@mosaic/model';
import type { PolicyContext, PolicyUser } from '@mosaic/policy';
import type { Notification } from '../notifier.ts';
import type { Mosaic } from '../runtime.ts';
import { alertSubjects } from './alert-subjects-readable.ts';
import { withoutRecord } from './erase-from-checks.ts';
import { recordsShownIn } from './notification-inbox.ts';

/** How a reader stands to one record a notice names. */
type Sight = 'shown' | 'withheld' | 'hidden';

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const id = (value: unknown): string[] => (typeof value === 'string' ? [value] : []);

/** The records a notice is about: told only to a reader who may read each of them. */
function recordsAbout(body: Notification['body']): string[] {
  return [...id(body['subject']), ...id(body['alert']), ...(Array.isArray(body['records']) ? [] : id(body['record']))];
}

/** Every record id the notice names. */
function recordsNamed(body: Notification['body']): string[] {
  return [...recordsAbout(body), ...ids(body['records']), ...id(body['record']), ...id(body['sighting']), ...id(body['other']), ...ids(body['erased'])];
}

/**
 * The reader an agency's webhook is: the agency's own system, which receives the agency's
 * notices. It reads as the agency's analysts do, cleared for whatever the agency holds (the
 * receiving system is the agency's to accredit: a classification never kept a notice from it),
 * and a member of no need-to-know group (a group's members are people): a notice about a case
 * team's record stays with the team's members in Mosaic.
 */
export function agencySystemReader(agency: AgencyId): PolicyUser {
  return { id: UserId(`${agency}#webhook`), agency, desk: null, roles: ['analyst'], clearance: CLASSIFICATION[CLASSIFICATION.length - 1] as PolicyUser['clearance'], groups: [] };
}

/** Each of `notifications` as `reader` may be told of it, or undefined where they may be told nothing of it. */
export async function notificationsAsSeen(mosaic: Mosaic, reader: PolicyUser, notifications: readonly Notification[]): Promise<Array<Notification | undefined>> {
  const named = [...new Set(notifications.flatMap((n) => recordsNamed(n.body)))];
  if (named.length === 0) return [...notifications];
  // erased records keep their provenance: a notice about one is told as the record was marked
  const stored = await mosaic.store.getRecords(named as RecordId[], { includeDeleted: true });
  const provenanceOf = new Map<string, Provenance>(stored.map((s) => [s.record.id, s.record.provenance]));
  // an alert is shown only with its subject (alert-subjects-readable.ts): a watch notice names
  // the alert alone, and its subject, readable when the alert was told, may be hidden since
  const subjectsOf = new Map<string, readonly RecordId[]>(stored.flatMap((s) => {
    const subjects = alertSubjects(s.record);
    return subjects.length === 0 ? [] : [[s.record.id, subjects] as const];
  }));
  const unread = [...new Set([...subjectsOf.values()].flat())].filter((subject) => !provenanceOf.has(subject));
  if (unread.length > 0) for (const s of await mosaic.store.getRecords(unread, { includeDeleted: true })) provenanceOf.set(s.record.id, s.record.provenance);
  // a notice made from a read just before a record's erasure and told after it (live, at a webhook)
  // is told as the erasure leaves a kept one (erase-from-checks.ts): nothing of the record's content
  const erased = new Set<string>(stored.flatMap((s) => (s.deletedAt === undefined ? [] : [s.record.id])));
  const snapshot = await mosaic.org();
  return notifications.map((told) => withoutErased(told, erased)).map((notification) => {
    // the notice is the agency's or the user's own business, told to them: read as a notification, under its id
    const context: PolicyContext = { org: snapshot.org, agreements: snapshot.agreements, purpose: 'notification', caseRef: notification.id };
    const readable = (record: string): Sight => {
      const provenance = provenanceOf.get(record);
      if (provenance === undefined) return 'hidden';
      const resource = { kind: 'record', id: record as RecordId, provenance } as const;
      const decision = mosaic.decide(reader, 'read', resource, context);
      if (decision.effect === 'allow') return 'shown';
      // The role is judged before the need-to-know groups: a reader whose role reads no records
      // is asked about as one whose role does, so that a case team's record leaves no trace for
      // a non-member whatever their role.
      const judged = decision.reason === 'role not permitted' ? mosaic.decide({ ...reader, roles: ['analyst'] }, 'read', resource, context) : decision;
      return judged.effect === 'deny' && judged.reason === 'need-to-know' ? 'hidden' : 'withheld';
    };
    const sight = (record: string): Sight => {
      const own = readable(record);
      const subjects = subjectsOf.get(record);
      return own !== 'shown' || subjects === undefined || subjects.every((subject) => readable(subject) === 'shown') ? own : 'hidden';
    };
    return asSeen(notification, sight);
  });
}

/** The notification with nothing left of the content of the records in `erased` it shows that its body does not list as erased already. */
function withoutErased(notification: Notification, erased: ReadonlySet<string>): Notification {
  if (erased.size === 0) return notification;
  const listed = new Set(Array.isArray(notification.body['erased']) ? notification.body['erased'] : []);
  const left = recordsShownIn(notification).filter((record) => erased.has(record) && !listed.has(record));
  if (left.length === 0) return notification;
  return { ...notification, body: left.reduce((body, record) => withoutRecord(body, RecordId(record)), notification.body) };
}

function asSeen(notification: Notification, sight: (record: string) => Sight): Notification | undefined {
  const { body } = notification;
  if (recordsNamed(body).length === 0) return notification;
  if (!recordsAbout(body).every((record) => sight(record) === 'shown')) return undefined;
  const seen: Record<string, unknown> = { ...body };
  if (Array.isArray(body['records'])) {
    const records = body['records'] as unknown[];
    const names = Array.isArray(body['names']) ? (body['names'] as unknown[]) : undefined;
    const kept = records.flatMap((record, i) => (typeof record === 'string' && sight(record) !== 'hidden' ? [{ record, name: names?.[i] }] : []));
    if (kept.length === 0) return undefined;
    const withheld = kept.filter((k) => sight(k.record) === 'withheld').map((k) => k.record);
    seen['records'] = kept.map((k) => k.record);
    if (names !== undefined) seen['names'] = kept.map((k) => (withheld.includes(k.record) ? '' : k.name));
    if (typeof body['record'] === 'string') seen['record'] = kept.some((k) => k.record === body['record']) ? body['record'] : kept[0]?.record;
    if (withheld.length > 0) seen['withheld'] = withheld;
    else delete seen['withheld'];
  }
  if (typeof body['other'] === 'string' && sight(body['other']) !== 'shown') {
    delete seen['other'];
    delete seen['otherName'];
  }
  if (Array.isArray(body['erased'])) seen['erased'] = ids(body['erased']).filter((record) => sight(record) !== 'hidden');
  if (typeof body['sighting'] === 'string' && sight(body['sighting']) !== 'shown') {
    delete seen['sighting'];
    delete seen['report'];
  }
  return { ...notification, body: seen };
}

/**
 * The records whose content a notification, as its reader was told of it (notificationsAsSeen),
 * shows them: every record it names but those it withholds (an id with its name blanked) and
 * those erased (an id and nothing of the record).
 */
export function recordsToldIn(seen: Notification): string[] {
  const { body } = seen;
  const notShown = new Set([...ids(body['withheld']), ...ids(body['erased'])]);
  return [...new Set(recordsNamed(body))].filter((record) => !notShown.has(record));
}
