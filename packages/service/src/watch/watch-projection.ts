/**
 * The watcher: follows the change feed after the entity projection and tells each subscriber
 * of what concerns their watch — a new or changed record of the watched subject, a link to it,
 * an event (sighting, trip, arrest…) or an alert naming it; a person or organisation whose name
 * matches a saved search; anything located inside a watched area. Every notification passes
 * the same gate as a search (consult: policy, audit under the subscription's purpose and case,
 * deconfliction): content where the user may see the record, a pointer to the owner where only
 * that is allowed, nothing otherwise. `sweep` warns of silence on subjects watched for it.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { compareNormalizedNames, matchableNames, NAME_LEVELS, normalizeName, type NormalizedName } from '@mosaic/matching';
import type { EntityRecord, RecordId, SchemaRegistry, UserId } from '@mosaic/model';
import { filterVisible } from '@mosaic/policy';
import type { Store, User } from '@mosaic/store';
import type { Projection, RecordChange } from '../change-follower.ts';
import { consult } from '../consult.ts';
import { notificationId } from '../notifier.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import { coordinatesOf, type Coordinates } from '../record-coordinates.ts';
import { captionOf } from '../records.ts';
import type { EntityProjection } from '../resolution/entity-projection.ts';
import { alertFromRecord } from '../screening/screening-projection.ts';
import type { Mosaic } from '../runtime.ts';
import { allSubscriptions, listSubscriptions, mayWatch, saveSubscription, SUBSCRIPTION_KIND, type LatLon, type Subscription } from './subscriptions.ts';

export type WatchReason = 'record' | 'link' | 'sighting' | 'event' | 'alert' | 'search' | 'area';

export interface Watcher extends Projection {
  /** Starts watching at once (the API calls it after storing a new subscription). */
  add(subscription: Subscription): void;
  remove(id: string): void;
  /** Re-reads every subscription from the store (other nodes' changes). */
  reload(): Promise<void>;
  /** Warns of silence: subject watches with no sighting told for their number of days. */
  sweep(): Promise<number>;
  /**
   * Follows the feed before the entity projection does: a watched record erased hands its watch
   * on to another record of the subject, read while the entities still hold the erased one.
   */
  readonly beforeEntities: Projection;
}

const DAY_MS = 86_400_000;

/**
 * A watch told of one version of a record, claimed by the node that tells it (see `tell`); no
 * personal data (the id is a hash), erased with the notifications (retention-sweep.ts). Keyed by
 * the record's stored version, not its content: a change back to an earlier content is a change
 * of its own, and was taken for one already told.
 */
export const WATCH_TOLD_KIND = 'watch-told';

/** A saved search matches a name at least this close (the matcher's name levels, best first). */
const SEARCH_LEVEL = NAME_LEVELS.indexOf('subset');

const TITLES: Readonly<Record<WatchReason, string>> = {
  record: 'New information on a watched subject',
  link: 'New link to a watched subject',
  sighting: 'Watched subject sighted',
  event: 'New event concerning a watched subject',
  alert: 'Alert placed on a watched subject',
  search: 'New match for a saved search',
  area: 'New information in a watched area',
};

/**
 * What a notice tells of the change: its kind and title, and an alert's status. An alert is
 * rewritten in place (alerts.ts): its first version is placed, a later one changed, one with
 * status 'withdrawn' withdrawn; every version was told as placed, so a withdrawal read as a second
 * alert on the subject.
 */
function newsOf(reason: WatchReason, record: EntityRecord, version: number): { readonly kind: string; readonly title: string; readonly status?: string } {
  const alert = reason === 'alert' ? alertFromRecord(record) : undefined;
  if (alert === undefined) return { kind: `watch.${reason}`, title: TITLES[reason] };
  if (alert.status === 'withdrawn') return { kind: 'watch.alert-withdrawn', title: 'Alert on a watched subject withdrawn', status: alert.status };
  return { kind: 'watch.alert', title: version === 1 ? TITLES.alert : 'Alert on a watched subject changed', status: alert.status };
}

/** Records named by the record's entity-valued properties (edge ends, event subjects, alert subject). */
function referencesOf(registry: SchemaRegistry, record: EntityRecord): RecordId[] {
  const schema = registry.get(record.schema);
  if (!schema) return [];
  const refs: RecordId[] = [];
  for (const [name, definition] of schema.properties) {
    if (definition.type !== 'entity' || name === 'proof') continue;
    for (const value of record.properties[name] ?? []) refs.push(value as RecordId);
  }
  return refs;
}

/** What a change offers the watches, worked out at most once per record however many watches there are. */
interface RecordFacts {
  references(): readonly RecordId[];
  point(): Coordinates | undefined;
  /** The record's names, normalised; none for a schema that is not matched on names. */
  names(): readonly NormalizedName[];
}

function factsOf(registry: SchemaRegistry, record: EntityRecord): RecordFacts {
  let references: readonly RecordId[] | undefined;
  let point: { readonly value: Coordinates | undefined } | undefined;
  let names: readonly NormalizedName[] | undefined;
  return {
    references: () => (references ??= referencesOf(registry, record)),
    point: () => (point ??= { value: coordinatesOf(record) }).value,
    names: () => {
      if (names === undefined) {
        const { strong, weak } = registry.get(record.schema)?.matchable ? matchableNames(record) : { strong: [], weak: [] };
        names = [...strong, ...weak].map((name) => normalizeName(name));
      }
      return names;
    },
  };
}

function nameMatches(query: NormalizedName, names: readonly NormalizedName[]): boolean {
  return names.some((name) => {
    const c = compareNormalizedNames(query, name);
    // A one-part search ("Abdeslam") matches any name holding that part closely.
    return c.levelIndex <= SEARCH_LEVEL || (query.core.length === 1 && c.aligned >= 1 && c.similarity >= 0.9);
  });
}

type Area = Parameters<typeof booleanPointInPolygon>[1];

/**
 * A watch a change concerns, and why; for a subject watch, `subject`, the record of the watched
 * subject the change is about (the record itself, or the one a link, an event or an alert names
 * in what the user may see of the subject), and `others`, the records a link names besides it.
 */
interface Concern {
  readonly watch: Subscription;
  readonly reason: WatchReason;
  readonly subject?: RecordId;
  readonly others?: readonly RecordId[];
}

const TARGET_ORDER: Readonly<Record<Subscription['target']['kind'], number>> = { entity: 0, search: 1, area: 2 };

/**
 * The order a user's concerns are told in, the same on every node: a subject watch first (its
 * reason, an alert or a sighting, says more than a name or a place), then the oldest watch.
 */
function concernOrder(a: Concern, b: Concern): number {
  return TARGET_ORDER[a.watch.target.kind] - TARGET_ORDER[b.watch.target.kind] || a.watch.createdAt.localeCompare(b.watch.createdAt) || a.watch.id.localeCompare(b.watch.id);
}

/**
 * What a subject watch covers for its user: `part`, the members of the watched record's entity the
 * user may see that the entity view shows with it (partsOf: regrouped on what the user may see),
 * and `hidden`, the members the user may not see (a change to one is consulted: a pointer where
 * its owner allows one, as the entity view shows them). A link or an event counts only through
 * `part`: through a hidden member it would tell the user that the hidden record is their subject.
 */
interface WatchedSubject {
  readonly part: ReadonlySet<RecordId>;
  readonly hidden: ReadonlySet<RecordId>;
}

export function createWatcher(mosaic: Mosaic, entities: Pick<EntityProjection, 'entityOf' | 'membersOf' | 'partsOf'>): Watcher {
  const subscriptions = new Map<string, Subscription>();
  const queries = new Map<string, NormalizedName>();
  const areas = new Map<string, Area>();

  const add = (s: Subscription): void => {
    subscriptions.set(s.id, s);
    if (s.target.kind === 'search') queries.set(s.id, normalizeName(s.target.query));
    // GeoJSON order is [longitude, latitude], and a ring ends where it starts.
    if (s.target.kind === 'area') areas.set(s.id, { type: 'Polygon', coordinates: [[...s.target.polygon, s.target.polygon[0] as LatLon].map(([lat, lon]) => [lon, lat])] });
  };

  /** The subject of an entity watch as its user may see it now (WatchedSubject). */
  const watchedBy = async (s: Subscription, user: User, record: RecordId): Promise<WatchedSubject> => {
    const entity = entities.entityOf(record);
    const members = entity === undefined ? [record] : entities.membersOf(entity);
    const stored = (await Promise.all(members.map((id) => mosaic.store.getRecord(id)))).flatMap((r) => (r ? [r.record] : []));
    const context = policyContext(await mosaic.org(), { user, purpose: s.purpose, caseRef: s.caseRef });
    const visible = new Set(filterVisible(policyUser(user), stored, context, { action: 'read', decide: mosaic.decide }).visible.map((r) => r.id));
    const hidden = new Set(members.filter((id) => !visible.has(id)));
    // the watched record itself hidden now (its marking raised): nothing of the subject is shown
    if (!visible.has(record)) return { part: new Set(), hidden };
    const parts = entity !== undefined && visible.size > 1 ? entities.partsOf(entity, visible) : [[...visible]];
    return { part: new Set(parts.find((p) => p.includes(record)) ?? [record]), hidden };
  };

  /**
   * The record a subject watch is handed on to when its record is erased: the first (by id) of the
   * others its user may read in the part the erased one was shown in (partsOf), or none. A watch
   * names one record and follows its subject, which goes on without it, until the retention sweep
   * erased the last of it (end-erased-subject-watches.ts); left on the erased id, the watch saw
   * nothing of the subject again (watchedBy: its record hidden) and was never ended either.
   */
  const successorOf = async (s: Subscription, record: RecordId): Promise<RecordId | undefined> => {
    const entity = entities.entityOf(record);
    const others = entity === undefined ? [] : entities.membersOf(entity).filter((id) => id !== record);
    const user = others.length === 0 ? undefined : await mosaic.store.getUser(s.user);
    if (entity === undefined || user === undefined) return undefined;
    const stored = (await mosaic.store.getRecords(others)).map((r) => r.record);
    const context = policyContext(await mosaic.org(), { user, purpose: s.purpose, caseRef: s.caseRef });
    const visible = new Set(filterVisible(policyUser(user), stored, context, { action: 'read', decide: mosaic.decide }).visible.map((r) => r.id));
    if (visible.size === 0) return undefined;
    const part = entities.partsOf(entity, new Set([...visible, record])).find((p) => p.includes(record)) ?? [...visible];
    return part.filter((id) => visible.has(id)).sort()[0];
  };

  /**
   * Why a change concerns a watch, if it does. For a subject watch, first on the whole entity (a
   * cheap test for every change); with `subject`, on what the user may see of it.
   */
  const reasonFor = (s: Subscription, record: EntityRecord, facts: RecordFacts, subject?: WatchedSubject): WatchReason | undefined => {
    const { target } = s;
    if (target.kind === 'area') {
      const point = facts.point();
      const area = areas.get(s.id);
      return point && area && booleanPointInPolygon([point.lon, point.lat], area) ? 'area' : undefined;
    }
    if (target.kind === 'search') {
      const query = queries.get(s.id);
      return query && nameMatches(query, facts.names()) ? 'search' : undefined;
    }
    const watched = entities.entityOf(target.record);
    const inEntity = (id: RecordId): boolean => id === target.record || (watched !== undefined && entities.entityOf(id) === watched);
    if (subject === undefined ? inEntity(record.id) : subject.part.has(record.id) || subject.hidden.has(record.id)) return 'record';
    if (!facts.references().some(subject === undefined ? inEntity : (id) => subject.part.has(id))) return undefined;
    if (mosaic.registry.isA(record.schema, 'Alert')) return 'alert';
    if (mosaic.registry.isA(record.schema, 'Sighting')) return 'sighting';
    const schema = mosaic.registry.get(record.schema);
    return schema?.event ? 'event' : 'link';
  };

  /**
   * The watched subject a notice is about, by its name, so that the notice can say whom it
   * concerns: `subject` and `subjectName`. The subject is in what the user may see of it
   * (watchedBy), read when the watch was; the notice is told only while it stays readable
   * (notification-view.ts), and its name goes with an erasure (erase-from-checks.ts).
   */
  const subjectNamed = async (subject: RecordId | undefined, record: EntityRecord): Promise<Readonly<Record<string, string>>> => {
    if (subject === undefined) return {};
    const named = subject === record.id ? record : (await mosaic.store.getRecord(subject))?.record;
    return named === undefined ? { subject } : { subject, subjectName: captionOf(mosaic.registry, named) };
  };

  /**
   * The other end of a link to the subject, by its name (`other`, `otherName`), where the user may
   * read it: consulted as a search shows a record (audit under the watch's purpose and case, its
   * owner told). One the user may not read is not named, nor pointed to, nor consulted: the notice
   * is about the link the user may read, and a consultation would tell its owner of a read that
   * showed nothing.
   */
  const otherNamed = async (consultation: Consultation, record: EntityRecord, others: readonly RecordId[], concerns: readonly Concern[]): Promise<Readonly<Record<string, string>>> => {
    const [other] = others;
    if (other === undefined) return {};
    const stored = await mosaic.store.getRecord(other);
    if (stored === undefined) return {};
    const context = policyContext(await mosaic.org(), consultation);
    if (filterVisible(policyUser(consultation.user), [stored.record], context, { action: 'read', decide: mosaic.decide }).visible.length === 0) return {};
    const { visible } = await consult(mosaic, consultation, [stored.record], { action: 'read', query: { subscriptions: concerns.map((c) => c.watch.id), link: record.id } });
    const [read] = visible;
    return read === undefined ? {} : { other, otherName: captionOf(mosaic.registry, read) };
  };

  /**
   * Tells a user of one version of a record once, however many of their watches it concerns (a
   * notice per watch told one person of one change as often as it had watches). The notice is told
   * as its first concern (concernOrder), consulted once under that watch's purpose and case, and
   * names every watch it concerns (`subscriptions`, `labels`).
   */
  const tell = async (user: User, concerned: readonly Concern[], record: EntityRecord, version: number): Promise<boolean> => {
    const concerns = [...concerned].sort(concernOrder);
    const [first] = concerns;
    if (first === undefined) return false;
    const { watch, reason, subject, others = [] } = first;
    const subscriptions = concerns.map((c) => c.watch.id);
    const at = mosaic.now().toISOString();
    // Every node follows the same feed and meets the same change: the first to claim it consults
    // (one entry in the audit log, one notice to the owner) and publishes, and the others' live
    // streams hear it over the bus. Without the claim each node consulted on its own. The claim
    // is the user's, the record's and the version's alone: with the watches in it, a node that
    // had not read a new watch yet claimed other watches than the node that had, and both told.
    const told = notificationId(user.id, record.id, String(version));
    if (!(await mosaic.store.createDocument({ kind: WATCH_TOLD_KIND, id: told, owner: user.id, body: { at } }))) return false;
    const consultation = { user, purpose: watch.purpose, caseRef: watch.caseRef };
    const { visible, pointers } = await consult(mosaic, consultation, [record], { action: 'read', query: { subscriptions, reasons: concerns.map((c) => c.reason) } });
    const common = { subscription: watch.id, label: watch.label, reason, subscriptions, labels: concerns.map((c) => c.watch.label) };
    if (visible.length > 0) {
      const { status, ...news } = newsOf(reason, record, version);
      const alert = reason === 'alert' ? alertFromRecord(record) : undefined;
      mosaic.notifier.publish({
        id: told, at, to: { user: user.id }, ...news,
        body: {
          ...common, record: record.id, version, schema: record.schema, caption: captionOf(mosaic.registry, record), agency: record.provenance.agency, ...(status ? { status } : {}),
          ...(alert ? { category: alert.alert.category } : {}), ...await subjectNamed(subject, record), ...await otherNamed(consultation, record, others, concerns),
        },
      });
      return true;
    }
    const pointer = pointers[0];
    if (pointer) {
      mosaic.notifier.publish({
        id: told, at, to: { user: user.id }, kind: 'watch.pointer', title: `${pointer.agencyName} holds new information that concerns a watch`,
        body: { ...common, pointer: { agency: pointer.agency, agencyName: pointer.agencyName, desk: pointer.desk } },
      });
    }
    return false;
  };

  return {
    name: 'watch',
    add,
    beforeEntities: {
      name: 'watch-erased',
      async apply(changes: readonly RecordChange[]) {
        const erased = new Set(changes.flatMap((c) => (c.record === undefined ? [c.id] : [])));
        if (erased.size === 0) return;
        for (const s of [...subscriptions.values()]) {
          if (s.target.kind !== 'entity' || !erased.has(s.target.record)) continue;
          const next = await successorOf(s, s.target.record);
          if (next === undefined) continue;
          // every node hands it on alike; the watch ended meanwhile is not written back, and the
          // one kept is handed on as stored: the erasure relabelled it if its label named the
          // record (erase-from-watch-labels.ts), and the label held here would write the name back
          const stored = (await mosaic.store.getDocument(SUBSCRIPTION_KIND, s.id))?.body as Subscription | undefined;
          if (stored === undefined) continue;
          const moved: Subscription = { ...stored, target: { kind: 'entity', record: next } };
          add(moved);
          await saveSubscription(mosaic, moved);
        }
      },
    },
    remove: (id) => {
      subscriptions.delete(id);
      queries.delete(id);
      areas.delete(id);
    },
    async reload() {
      const stored = await allSubscriptions(mosaic);
      subscriptions.clear();
      queries.clear();
      areas.clear();
      for (const s of stored) add(s);
    },

    async apply(changes: readonly RecordChange[]) {
      if (subscriptions.size === 0) return;
      const users = new Map<string, User | undefined>();
      const userOf = async (id: UserId): Promise<User | undefined> => {
        if (!users.has(id)) users.set(id, await mosaic.store.getUser(id));
        return users.get(id);
      };
      // A watch its user ended on another node is still held here until the next reload (a
      // minute): read from the store before anything is consulted or told in the user's name. So
      // is its label as it was: an erasure since may have relabelled it (erase-from-watch-labels.ts),
      // and a notice told with the label held here would carry the erased record's name again.
      const kept = new Map<string, Subscription | undefined>();
      const stillKept = async (s: Subscription): Promise<Subscription | undefined> => {
        if (!kept.has(s.id)) kept.set(s.id, (await mosaic.store.getDocument(SUBSCRIPTION_KIND, s.id))?.body as Subscription | undefined);
        const stored = kept.get(s.id);
        if (stored !== undefined) return { ...s, label: stored.label };
        subscriptions.delete(s.id);
        queries.delete(s.id);
        areas.delete(s.id);
        return undefined;
      };
      const listed = new Set<UserId>();
      for (const { record, version } of await withEarlierVersions(mosaic.store, changes)) {
        const facts = factsOf(mosaic.registry, record);
        const concerned = new Map<UserId, { readonly user: User; readonly concerns: Concern[] }>();
        const consider = async (held: Subscription): Promise<void> => {
          let reason = reasonFor(held, record, facts);
          const s = reason ? await stillKept(held) : undefined;
          if (!reason || s === undefined) return;
          subscriptions.set(s.id, s);
          const user = await userOf(s.user);
          // a disabled account's watches wait: nothing is consulted or told in its name; so do
          // those of a user whose role reads no records now (mayWatch), who could be told nothing
          if (!user || user.disabledAt !== undefined || !mayWatch(user)) return;
          let about: Pick<Concern, 'subject' | 'others'> = {};
          if (s.target.kind === 'entity') {
            const subject = await watchedBy(s, user, s.target.record);
            reason = reasonFor(s, record, facts, subject);
            if (!reason) return;
            about = aboutOf(reason, record, facts, subject);
          }
          const theirs = concerned.get(user.id) ?? { user, concerns: [] };
          theirs.concerns.push({ watch: s, reason, ...about });
          concerned.set(user.id, theirs);
        };
        for (const held of [...subscriptions.values()]) await consider(held);
        // A watch its user made on another node is not held here until the next reload (a
        // minute): a concerned user's watches are read from the store, so that the notice names
        // it whichever node claims the change first (tell).
        for (const user of [...concerned.keys()]) {
          if (listed.has(user)) continue;
          listed.add(user);
          for (const s of await listSubscriptions(mosaic, user)) {
            if (subscriptions.has(s.id)) continue;
            add(s);
            await consider(s);
          }
        }
        for (const { user, concerns } of concerned.values()) {
          const shown = await tell(user, concerns, record, version);
          if (!shown) continue;
          // A sighting the user was told of ends any silence on the subject.
          for (const { watch, reason } of concerns) {
            if (reason !== 'sighting' || watch.lostTrackDays === undefined) continue;
            const seen = { ...watch, lastSeenAt: mosaic.now().toISOString() };
            subscriptions.set(watch.id, seen);
            await saveSubscription(mosaic, seen);
          }
        }
      }
    },

    async sweep() {
      const now = mosaic.now();
      let warned = 0;
      for (const s of [...subscriptions.values()]) {
        if (s.lostTrackDays === undefined || s.target.kind !== 'entity') continue;
        const lastSeen = Date.parse(s.lastSeenAt ?? s.createdAt);
        const silentDays = Math.floor((now.getTime() - lastSeen) / DAY_MS);
        if (silentDays < s.lostTrackDays) continue;
        if (s.warnedAt !== undefined && Date.parse(s.warnedAt) >= lastSeen) continue;
        const user = await mosaic.store.getUser(s.user);
        // the warning names the watched record, which a user whose role reads none is not told of
        if (!user || user.disabledAt !== undefined || !mayWatch(user)) continue;
        // told by its label as stored: an erasure may have relabelled it (erase-from-watch-labels.ts)
        const stored = (await mosaic.store.getDocument(SUBSCRIPTION_KIND, s.id))?.body as Subscription | undefined;
        if (stored === undefined) continue;
        const { label } = stored;
        mosaic.notifier.publish({
          id: notificationId(s.id, 'lost-track', s.lastSeenAt ?? s.createdAt), at: now.toISOString(), to: { user: user.id }, kind: 'watch.lost-track', title: 'Lost track of a watched subject',
          body: { subscription: s.id, label, record: s.target.record, silentDays, lastSeenAt: s.lastSeenAt ?? s.createdAt, lostTrackDays: s.lostTrackDays },
        });
        const told = { ...s, label, warnedAt: now.toISOString() };
        subscriptions.set(s.id, told);
        await saveSubscription(mosaic, told);
        warned++;
      }
      return warned;
    },
  };
}

/**
 * Which record of the watched subject a change is about, and which others a link names: a record
 * of the subject is about itself; a link, an event or an alert about the first record it names in
 * what the user may see of the subject (a hidden member is never named: watchedBy).
 */
function aboutOf(reason: WatchReason, record: EntityRecord, facts: RecordFacts, subject: WatchedSubject): Pick<Concern, 'subject' | 'others'> {
  if (reason === 'record') return { subject: record.id };
  const references = facts.references();
  const named = references.find((id) => subject.part.has(id));
  if (named === undefined) return {};
  const others = reason === 'link' ? [...new Set(references.filter((id) => !subject.part.has(id) && !subject.hidden.has(id)))] : [];
  return { subject: named, ...(others.length > 0 ? { others } : {}) };
}

/**
 * Each version a change stands for, oldest first: the versions written before the current one in
 * the same read of the feed (read from the record's history), then the current one. Each new
 * version that concerns a watch is told once, however the feed was read. A deleted record gives
 * none: nothing of an erased record is told.
 */
async function withEarlierVersions(store: Store, changes: readonly RecordChange[]): Promise<readonly { readonly record: EntityRecord; readonly version: number }[]> {
  const out: { record: EntityRecord; version: number }[] = [];
  for (const { id, record, version, earlier } of changes) {
    // (the feed gives every record it holds with its stored version)
    if (!record || version === undefined) continue;
    if (earlier !== undefined) {
      const wanted = new Set(earlier);
      for (const past of await store.recordHistory(id)) if (wanted.has(past.version) && past.record) out.push({ record: past.record, version: past.version });
    }
    out.push({ record, version });
  }
  return out;
}
