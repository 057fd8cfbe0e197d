/**
 * Subscriptions: a user watches a subject (an entity, named by any of its records), a saved
 * name search, or an area (a polygon of latitude/longitude points), and is told of new records,
 * links, sightings and alerts that concern it; a subject watch can also warn of silence ("lost
 * track": no sighting for N days, for returnees). A subscription is the user's own, carries the
 * purpose and case under which every later notification is consulted and audited, and is kept
 * as a document (kind 'subscription', owner: the user).
 */
import kinks from '@turf/kinks';
import { AppError, hasControlCharacters, type AgencyId, type RecordId, type UserId } from '@mosaic/model';
import type { User } from '@mosaic/store';
import { normalizeName } from '@mosaic/matching';
import { readsRecords, RECORD_ROLES } from '@mosaic/policy';
import { randomUUID } from 'node:crypto';
import { consult, requirePurpose } from '../consult.ts';
import { policyUser, type Consultation } from '../organisation.ts';
import { checkQuery } from '../records.ts';
import { alertSubjects, subjectsReadable } from '../screening/alert-subjects-readable.ts';
import type { Mosaic } from '../runtime.ts';

export const SUBSCRIPTION_KIND = 'subscription';
/** Enough for a district or a border section; a polygon is not a place to store a map. */
export const MAX_POLYGON_POINTS = 200;
export const MAX_LOST_TRACK_DAYS = 3650;

export type LatLon = readonly [lat: number, lon: number];

export type WatchTarget =
  | { readonly kind: 'entity'; readonly record: RecordId }
  | { readonly kind: 'search'; readonly query: string }
  | { readonly kind: 'area'; readonly polygon: readonly LatLon[] };

export interface Subscription {
  readonly id: string;
  readonly user: UserId;
  readonly agency: AgencyId;
  readonly target: WatchTarget;
  readonly label: string;
  readonly purpose: string;
  readonly caseRef: string;
  readonly createdAt: string;
  /** Subject watches only: warn when no sighting was seen for this many days. */
  readonly lostTrackDays?: number;
  /** The last sighting of the subject the user was told of (or the start of the watch). */
  readonly lastSeenAt?: string;
  /** When the user was last warned of silence; a new sighting ends the silence. */
  readonly warnedAt?: string;
}

export interface SubscriptionInput {
  readonly target: WatchTarget;
  readonly label?: string;
  readonly lostTrackDays?: number;
}

function invalid(field: string, reason: string): AppError {
  return new AppError('MOSAIC_INVALID_INPUT', `subscription ${field}: ${reason}`, { field, reason });
}

function checkedTarget(target: WatchTarget): WatchTarget {
  switch (target.kind) {
    case 'entity':
      if (!/^[^:\s]+:\S+$/.test(target.record)) throw invalid('target.record', 'a record id (agency:id) of the subject');
      return target;
    case 'search': {
      const query = searchQuery(target.query);
      // A name search's floor besides: a name part of two letters or more, not a letter or punctuation.
      if (normalizeName(query).core.every((t) => t.text.length < 2)) throw invalid('target.query', 'a name with at least one part of two letters or more');
      return { kind: 'search', query };
    }
    case 'area': {
      const polygon = openRing(target.polygon);
      if (polygon.length < 3 || polygon.length > MAX_POLYGON_POINTS) throw invalid('target.polygon', `3 to ${MAX_POLYGON_POINTS} [latitude, longitude] points`);
      polygon.forEach(([lat, lon], i) => {
        if (!(Number.isFinite(lat) && Math.abs(lat) <= 90 && Number.isFinite(lon) && Math.abs(lon) <= 180)) throw invalid(`target.polygon[${i}]`, 'latitude from -90 to 90 and longitude from -180 to 180');
      });
      // a ring whose sides cross (points given out of order) draws two areas or none the user meant
      const [crossing] = crossings(polygon);
      if (crossing !== undefined) throw invalid('target.polygon', `its sides cross at ${crossing.map((x) => x.toFixed(5)).join(', ')} (give the points in order around the area)`);
      // points on one line, or the same point again, enclose nothing: no place would ever be inside
      if (Math.abs(shoelaceArea(polygon)) < 1e-12) throw invalid('target.polygon', 'encloses no area (the points repeat or lie on one line)');
      return { kind: 'area', polygon: polygon.map(([lat, lon]) => [lat, lon] as const) };
    }
  }
}

/**
 * A saved search's query passes the checks a search's does (checkQuery: no control characters,
 * two letters or digits, at most 200 characters) and is kept as a search keeps it; refused, it is
 * named as the watch's field, not the search's `q`.
 */
function searchQuery(query: string): string {
  try {
    return checkQuery(query);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'MOSAIC_QUERY_REJECTED')) throw error;
    const reason = error.details?.['reason'];
    throw invalid('target.query', typeof reason === 'string' ? reason : error.message);
  }
}

/**
 * The ring without its closing point: GeoJSON ends a ring where it starts, and that last point,
 * taken as a corner of its own, made the closing side meet the first at a "crossing". The ring is
 * closed again wherever it is drawn (crossings, the watcher). Three points or fewer are left as
 * they are: closed, they would enclose no area, and are refused as such.
 */
function openRing(ring: readonly LatLon[]): readonly LatLon[] {
  const [first, last] = [ring[0], ring[ring.length - 1]];
  const closed = ring.length > 3 && first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  return closed ? ring.slice(0, -1) : ring;
}

/** Where the sides of a ring cross each other, as [latitude, longitude] (none for a ring drawn in order around its area). */
function crossings(ring: readonly LatLon[]): readonly LatLon[] {
  const closed = [...ring, ring[0] as LatLon].map(([lat, lon]) => [lon, lat]);
  return kinks({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [closed] } }).features.map(({ geometry: { coordinates: [lon, lat] } }) => [lat ?? 0, lon ?? 0] as const);
}

/** Twice the signed area of a ring of points, in squared degrees (zero when they lie on one line). */
function shoelaceArea(ring: readonly LatLon[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [y1, x1] = ring[i] as LatLon;
    const [y2, x2] = ring[(i + 1) % ring.length] as LatLon;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

function defaultLabel(target: WatchTarget): string {
  switch (target.kind) {
    case 'entity': return `Subject ${target.record}`;
    case 'search': return `Search "${target.query}"`;
    case 'area': return `Area of ${target.polygon.length} points`;
  }
}

/**
 * Whether a watch of this user could ever tell them anything: every notice a watch makes is about
 * a record (its content, or a pointer in its place), consulted for the user with the read action
 * as it is made and read again for them as it is delivered (notification-view.ts). A user whose
 * role reads no records (a checkpoint officer screens, an auditor reads the log) is refused both,
 * whatever the record, so their watch would consult in their name and tell them nothing.
 */
export function mayWatch(user: User): boolean {
  return readsRecords(policyUser(user));
}

/**
 * A watch is refused to a user it could tell nothing (mayWatch), before anything is consulted or
 * logged. A subject watch names a record the user may read: watching it is a consultation of it
 * (audited under the watch's purpose, its owner told as its agreements ask), and a record the user
 * may not read — above their clearance, given by no agreement — is not found, so that a watch
 * cannot tell whether a record exists or whose subject it is.
 */
export async function createSubscription(mosaic: Mosaic, consultation: Consultation, input: SubscriptionInput): Promise<Subscription> {
  if (!mayWatch(consultation.user)) {
    const reason = `a watch tells of records, and your role reads no records (they are read by ${RECORD_ROLES.read.join(' and ')}): no notice of it could reach you`;
    throw new AppError('MOSAIC_FORBIDDEN', `subscription target: ${reason}`, { field: 'target', reason });
  }
  requirePurpose(consultation);
  const target = checkedTarget(input.target);
  if (target.kind === 'entity') {
    const found = await mosaic.store.getRecord(target.record);
    // an alert on a subject the user may not read is not found, as reading it answers
    // (alert-subjects-readable.ts): watching it would say that it, and its subject, are held
    const subjects = found === undefined ? [] : alertSubjects(found.record);
    const stored = subjects.length > 0 && !subjects.every(await subjectsReadable(mosaic, consultation, subjects)) ? undefined : found;
    const { visible } = await consult(mosaic, consultation, stored ? [stored.record] : [], { action: 'read', query: { watch: target.record } });
    if (visible.length === 0) throw new AppError('MOSAIC_NOT_FOUND', `record ${target.record} not found`);
  }
  if (input.lostTrackDays !== undefined) {
    if (target.kind !== 'entity') throw invalid('lostTrackDays', 'only a watched subject can be lost track of');
    if (!Number.isInteger(input.lostTrackDays) || input.lostTrackDays < 1 || input.lostTrackDays > MAX_LOST_TRACK_DAYS) throw invalid('lostTrackDays', `a whole number of days from 1 to ${MAX_LOST_TRACK_DAYS}`);
  }
  const label = input.label?.trim() || defaultLabel(target);
  if (label.length > 200) throw invalid('label', 'at most 200 characters');
  if (hasControlCharacters(label)) throw invalid('label', 'must not hold control characters');
  const now = mosaic.now().toISOString();
  const subscription: Subscription = {
    id: randomUUID(), user: consultation.user.id, agency: consultation.user.agency, target, label,
    purpose: consultation.purpose, caseRef: consultation.caseRef, createdAt: now,
    ...(input.lostTrackDays !== undefined ? { lostTrackDays: input.lostTrackDays, lastSeenAt: now } : {}),
  };
  await mosaic.store.transaction(async (tx) => {
    // the record read again under the audit log's lock, which an erasure holds from its start: one
    // erased since it was read above had its watches' labels erased (erase-from-watch-labels.ts)
    // before this watch was kept, whose label may name it, so it is refused as a missing record is
    if (target.kind === 'entity') {
      await tx.lockAudit();
      if (!(await tx.getRecord(target.record))) throw new AppError('MOSAIC_NOT_FOUND', `record ${target.record} not found`);
    }
    await tx.putDocument(subscriptionDocument(subscription));
  });
  return subscription;
}

function subscriptionDocument(subscription: Subscription): { kind: string; id: string; owner: string; subject?: string; body: Subscription } {
  return {
    kind: SUBSCRIPTION_KIND, id: subscription.id, owner: subscription.user,
    ...(subscription.target.kind === 'entity' ? { subject: subscription.target.record } : {}), body: subscription,
  };
}

export async function saveSubscription(mosaic: Mosaic, subscription: Subscription): Promise<void> {
  await mosaic.store.putDocument(subscriptionDocument(subscription));
}

export async function listSubscriptions(mosaic: Mosaic, user: UserId): Promise<readonly Subscription[]> {
  return (await mosaic.store.listDocuments(SUBSCRIPTION_KIND, { owner: user, limit: 1000 })).map((d) => d.body as Subscription);
}

/** Every subscription of every user (the watcher's working set). */
export async function allSubscriptions(mosaic: Mosaic): Promise<readonly Subscription[]> {
  return (await mosaic.store.listDocuments(SUBSCRIPTION_KIND, { limit: 1_000_000, oldestFirst: true })).map((d) => d.body as Subscription);
}

/** Only its owner may end a subscription; anyone else is told it does not exist. */
export async function deleteSubscription(mosaic: Mosaic, user: UserId, id: string): Promise<void> {
  const found = await mosaic.store.getDocument(SUBSCRIPTION_KIND, id);
  if (!found || found.owner !== user) throw new AppError('MOSAIC_NOT_FOUND', `subscription ${id} not found`);
  await mosaic.store.deleteDocument(SUBSCRIPTION_KIND, id);
}
