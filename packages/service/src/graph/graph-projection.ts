/**
 * The network as a projection of the records: every thing-like record is a node; every
 * relationship record (whose schema declares its edge) is an edge between its endpoints; entity
 * references inside records (a vehicle's owner, a phone's holder, a document's holder) are edges;
 * records that hold one phone number, e-mail address, document number or vehicle plate, as search
 * reads them (record-identifiers.ts: a person's phone and passport number, a Phone, Email,
 * Passport or Identification record's own number, a Vehicle's plate), are linked by shared-*
 * edges between those records, and so are persons and organisations given one postal address.
 * A plate two Vehicle records hold ties the two vehicles, each tied to its owner by the owner
 * reference: owner, vehicle, vehicle, owner. Such records, a document (Passport, Identification)
 * or a vehicle whose number is what it is, are told (`sameThing`) to the entity-level view, which
 * draws those of one number as one node (entity-graph-view.ts). Kept current from the change feed,
 * record by record, without a rebuild.
 *
 * An alert is not a node either: it is its agency's claim about its subject, not a party to the
 * network, and it is kept by the subject it names (a query given an alert's id answers for its
 * subject: graph-queries.ts).
 *
 * Events (sightings and checks, trips, arrests...) are not nodes: the people and vehicles they
 * involve are linked by co-occurrence edges (`co-sighting`, `co-travel-event` for trips), within
 * one event and across events of the same trip (`tripId`) or the same check (place and day),
 * each edge resting on the event records. The events themselves are kept as timeline items, and
 * located records and events as map places.
 *
 * Nodes are records here; visibility is decided per record by the caller (graph-queries.ts), and
 * an edge is visible only when every record it rests on is. Every node whose incident edges or
 * existence changed is journalled for the entity-level view (entity-graph-view.ts).
 */
import { EdgeId, EntityGraph, normaliseIdentifier, SHARED_EDGE_TYPE, type EdgeInput, type EdgeType, type GraphEdge, type IdentifierKind, type NodeId } from '@mosaic/graph';
import type { EntityRecord, Provenance, RecordId, Schema, SchemaRegistry } from '@mosaic/model';
import { decisionKey } from '@mosaic/policy';
import { createHash } from 'node:crypto';
import type { Projection, RecordChange } from '../change-follower.ts';
import type { IdentifierKind as HeldKind } from '../identifiers/identifier-holders.ts';
import { recordIdentifiers } from '../identifiers/record-identifiers.ts';
import { captionOf } from '../records.ts';
import { coordinatesOf } from '../record-coordinates.ts';
import { alertSubjects } from '../screening/alert-subjects-readable.ts';
import { ALERT_SCHEMA } from '../screening/screening-projection.ts';

const RELATION_TYPES: Readonly<Record<string, EdgeType>> = {
  Family: 'family', Associate: 'associate', Membership: 'membership', Ownership: 'ownership',
  Residence: 'residence', Communication: 'communication', CoTravel: 'co-travel', Employment: 'employment',
};

/** Entity references inside thing records that are relations in their own right. */
const REFERENCE_EDGES: readonly { readonly property: string; readonly type: EdgeType; readonly label: string }[] = [
  { property: 'owner', type: 'ownership', label: 'owns' },
  { property: 'holder', type: 'ownership', label: 'holds' },
];

/** The tie each kind of identifier a record holds makes (Principle: shared identifiers are evidence of a tie). */
const SHARED_KIND: Readonly<Record<HeldKind, IdentifierKind>> = { document: 'document', plate: 'vehicle', phone: 'phone', email: 'email' };

/** The postal address of a person or organisation (free text, not one search looks up), whose equal values link two records. */
const POSTAL_ADDRESS = 'address';

/**
 * An identifier held by more records than this (a call centre, a hostel) links nobody. The count
 * is of the holders a viewer may see: counted over every holder, the tie's absence between a few
 * visible holders would tell the viewer that hidden ones hold it too, however many they are.
 *
 * So the network holds the ties of an identifier held by at most this many records in all (every
 * viewer sees at most this many of them), and those of one held by more are drawn for each query
 * (`crowdedTiesFor`), among the holders that viewer may read, where those are at most this many.
 * Such an identifier may be held by tens of thousands of records (a reception centre's address):
 * its holders are kept whatever their number (record ids), never its pairs, grouped by what the
 * policy reads of them (decisionKey: owner and markings), and a query asks about one holder of each
 * group until it may read one more than this many holders, or has asked about every group.
 */
export const MAX_SHARING = 20;

/** An event of the records (a sighting, a trip, an arrest): the subjects are record ids. */
export interface GraphEvent {
  readonly id: RecordId;
  readonly schema: string;
  readonly subjects: readonly RecordId[];
  readonly date?: string;
  readonly end?: string;
  readonly place?: string;
  readonly summary?: string;
  /** A journey's (Travel): the countries it left and went to (ISO codes) and how it was made. */
  readonly route?: EventRoute;
  readonly lat?: number;
  readonly lon?: number;
}

export interface EventRoute {
  readonly from?: string;
  readonly to?: string;
  readonly by?: string;
}

/** A record with coordinates of its own (an address, a place). */
export interface GraphLocated {
  readonly id: RecordId;
  readonly schema: string;
  readonly label: string;
  readonly lat: number;
  readonly lon: number;
}

export interface GraphProjection extends Projection {
  readonly graph: EntityGraph;
  /** The provenance of a record in the graph, for the policy's per-record decision. */
  provenanceOf(id: RecordId): Provenance | undefined;
  /** The events whose subjects include this record. */
  eventsOf(id: RecordId): readonly GraphEvent[];
  /** The coordinates a record carries itself, if any. */
  locationOf(id: RecordId): GraphLocated | undefined;
  /** The gender a record node gives (Person.gender), if any: a tie read from the other end names it by it (inverseRelation). */
  genderOf(id: RecordId): string | undefined;
  /** The records an Alert names as its subject; undefined for an id that is no alert. */
  alertSubjectsOf(id: RecordId): readonly RecordId[] | undefined;
  /** Record nodes touched since the last call (added, removed, an incident edge changed, or a record of the same thing came or went). */
  drainTouched(): ReadonlySet<RecordId>;
  /**
   * The record nodes that are one document or vehicle with this one (a Passport or Identification
   * record and another of its number, a Vehicle and another of its plate, as search keys them),
   * itself included, by id; none for a record that is no document or vehicle.
   */
  sameThing(id: RecordId): readonly RecordId[];
  /**
   * For one query: the shared-identifier ties of a record node that the network does not hold,
   * those of identifiers held by more than MAX_SHARING records in all, among the holders the
   * viewer may read where those are at most MAX_SHARING (counted once per identifier); each as
   * the network would hold it. Undefined when no identifier is held by that many records.
   * `visible` is asked about one holder for all those of its decisionKey, as the policy answers
   * alike for them (decision-key.ts).
   */
  crowdedTiesFor(visible: (id: RecordId) => boolean): ((record: RecordId) => readonly GraphEdge[]) | undefined;
}

/** Entity-typed properties of events that name what the event involves, besides the schema's subjects. */
const EVENT_EXTRA_SUBJECTS = ['vehicle'] as const;

/**
 * The keys under which two events count as the same occasion: the same trip id, or a check at
 * the same place on the same day. Two people on one flight or stopped at one checkpoint together
 * are a tie even when each was recorded by a different agency.
 */
function occasionKeys(schema: Schema, record: EntityRecord): string[] {
  if (schema.name === 'Travel') return (record.properties['tripId'] ?? []).map((trip) => `trip\u0000${normaliseIdentifier('document', trip)}`);
  if (schema.name !== 'Sighting') return [];
  const day = record.properties['date']?.[0]?.slice(0, 10);
  const place = record.properties['checkpoint']?.[0] ?? record.properties['place']?.[0];
  return day && day.length === 10 && place ? [`sighting\u0000${normaliseIdentifier('sighting', place)}@${day}`] : [];
}

/**
 * The keys under which two records hold one identifier: each number as search keys it, and a
 * legal entity's postal address (an e-mail account's `address` is its e-mail address, read as one).
 */
function identifierKeys(registry: SchemaRegistry, record: EntityRecord): string[] {
  const keys = recordIdentifiers(record).map(({ kind, key }) => `${SHARED_KIND[kind]}\u0000${key}`);
  if (registry.isA(record.schema, 'LegalEntity')) {
    for (const value of record.properties[POSTAL_ADDRESS] ?? []) {
      const key = normaliseIdentifier('address', value);
      if (key !== '') keys.push(`address\u0000${key}`);
    }
  }
  return keys;
}

/**
 * The number a document or vehicle record is (its kind and key), where two records of it are two
 * agencies' records of one thing: a passport's number, a vehicle's plate. A person's passport
 * number is one they hold, not what they are.
 */
function thingKey(registry: SchemaRegistry, record: EntityRecord): string | undefined {
  const kind: HeldKind | undefined = registry.isA(record.schema, 'Identification') ? 'document' : registry.isA(record.schema, 'Vehicle') ? 'plate' : undefined;
  if (kind === undefined) return undefined;
  const held = recordIdentifiers(record).find((identifier) => identifier.kind === kind);
  return held === undefined ? undefined : `${kind}\u0000${held.key}`;
}

/** Shared-identifier edge ids: the prefix, a hash of the identifier, then the pair. */
const SHARED_PREFIX = 'shared:';

const short = (text: string): string => createHash('sha1').update(text).digest('base64url').slice(0, 12);

export function createGraphProjection(registry: SchemaRegistry): GraphProjection {
  const graph = new EntityGraph();
  /** The edges each record declares (relationship records, references inside things). */
  const specs = new Map<RecordId, EdgeInput[]>();
  /** node -> records whose declared edges touch it, to materialise them when it (re)appears */
  const touching = new Map<NodeId, Set<RecordId>>();
  /** identifier key -> records holding it (in the order they came), and back */
  const holders = new Map<string, Set<RecordId>>();
  const heldBy = new Map<RecordId, string[]>();
  /**
   * identifiers held by more than MAX_SHARING records, whose ties the network does not hold: their
   * holders by decisionKey, each with its turn (the order `holders` has them in), so that a query
   * decides once per marking among them rather than once per holder
   */
  const crowded = new Map<string, Map<string, Map<RecordId, number>>>();
  let turns = 0;
  const provenance = new Map<RecordId, Provenance>();
  const events = new Map<RecordId, GraphEvent>();
  /** subject record -> events that involve it */
  const eventsBySubject = new Map<RecordId, Set<RecordId>>();
  const located = new Map<RecordId, GraphLocated>();
  const genders = new Map<RecordId, string>();
  const alerts = new Map<RecordId, readonly RecordId[]>();
  /** document or vehicle record -> the number it is, and back (thingKey) */
  const thingOf = new Map<RecordId, string>();
  const things = new Map<string, Set<RecordId>>();
  let touched = new Set<RecordId>();

  const materialise = (edge: EdgeInput): void => {
    if (edge.source !== edge.target && graph.hasNode(edge.source) && graph.hasNode(edge.target) && !graph.hasEdge(edge.id)) {
      graph.addEdge(edge);
      touched.add(edge.source as RecordId);
      touched.add(edge.target as RecordId);
    }
  };
  const dropEdge = (id: EdgeId): void => {
    const edge = graph.edge(id);
    if (!edge) return;
    graph.removeEdge(id);
    touched.add(edge.source as RecordId);
    touched.add(edge.target as RecordId);
  };
  /** Files a holder of a crowded identifier under what the policy reads of it (provenance is set before, and cleared after, it holds anything). */
  const file = (groups: Map<string, Map<RecordId, number>>, holder: RecordId): void => {
    const held = provenance.get(holder);
    const key = held === undefined ? '' : decisionKey(held);
    const group = groups.get(key) ?? new Map<RecordId, number>();
    group.set(holder, turns++);
    groups.set(key, group);
  };
  const unfile = (groups: Map<string, Map<RecordId, number>> | undefined, holder: RecordId): void => {
    for (const [key, group] of groups ?? []) if (group.delete(holder) && group.size === 0) groups?.delete(key);
  };
  /** The nodes a holder of a key stands for: itself, or the subjects of an event. */
  const nodesOf = (holder: RecordId): readonly RecordId[] => events.get(holder)?.subjects ?? [holder];

  const sharedEdgeId = (key: string, a: RecordId, b: RecordId): EdgeId => EdgeId(`${SHARED_PREFIX}${short(key)}:${a < b ? `${a}|${b}` : `${b}|${a}`}`);

  /**
   * The shared-* ties of one identifier among these holders (in their order): between every node
   * each stands for and every node another stands for, resting on the two holders.
   */
  const tiesAmong = (key: string, among: readonly RecordId[]): GraphEdge[] => {
    const type = SHARED_EDGE_TYPE[key.split('\u0000')[0] as IdentifierKind];
    const ties = new Map<EdgeId, GraphEdge>();
    for (let i = 0; i < among.length; i++) {
      for (let j = i + 1; j < among.length; j++) {
        const x = among[i]!;
        const y = among[j]!;
        const date = events.get(x)?.date ?? events.get(y)?.date;
        for (const a of nodesOf(x)) {
          for (const b of nodesOf(y)) {
            const id = sharedEdgeId(key, a, b);
            if (a === b || ties.has(id) || !graph.hasNode(a) || !graph.hasNode(b)) continue;
            ties.set(id, { id, type, source: a, target: b, directed: false, weight: 0.5, provenance: x < y ? [x, y] : [y, x], ...(date ? { start: date.slice(0, 10) } : {}) });
          }
        }
      }
    }
    return [...ties.values()];
  };

  /**
   * Rebuild the shared-* edges of one identifier among its current holders. `before`: its holders
   * before the change, where they were few enough for the network to hold their ties.
   */
  const relink = (key: string, before: readonly RecordId[] | undefined, beforeNodes: ReadonlyMap<RecordId, readonly RecordId[]> = new Map()): void => {
    const nodes = (holder: RecordId): readonly RecordId[] => beforeNodes.get(holder) ?? nodesOf(holder);
    for (let i = 0; before !== undefined && i < before.length; i++) {
      for (let j = i + 1; j < before.length; j++) {
        for (const a of nodes(before[i]!)) for (const b of nodes(before[j]!)) dropEdge(sharedEdgeId(key, a, b));
      }
    }
    const set = holders.get(key);
    if (set !== undefined && set.size > MAX_SHARING) {
      if (!crowded.has(key)) {
        const groups = new Map<string, Map<RecordId, number>>();
        for (const holder of set) file(groups, holder);
        crowded.set(key, groups);
      }
      return;
    }
    crowded.delete(key);
    for (const tie of tiesAmong(key, [...(set ?? [])])) materialise(tie);
  };

  /** The holders of an identifier whose ties the network holds, as they are before a change (none for a crowded one). */
  const tiedHolders = (set: ReadonlySet<RecordId> | undefined): readonly RecordId[] | undefined => (set === undefined || set.size <= MAX_SHARING ? [...(set ?? [])] : undefined);

  const remove = (id: RecordId): void => {
    for (const edge of specs.get(id) ?? []) {
      dropEdge(edge.id);
      for (const end of [edge.source, edge.target]) touching.get(end)?.delete(id);
    }
    specs.delete(id);
    const keys = heldBy.get(id) ?? [];
    heldBy.delete(id);
    const event = events.get(id);
    const beforeNodes = new Map(event ? [[id, event.subjects]] : []);
    events.delete(id);
    for (const subject of event?.subjects ?? []) eventsBySubject.get(subject)?.delete(id);
    for (const key of keys) {
      const set = holders.get(key);
      const before = tiedHolders(set);
      set?.delete(id);
      unfile(crowded.get(key), id);
      if (set?.size === 0) holders.delete(key);
      relink(key, before, beforeNodes);
    }
    const thing = thingOf.get(id);
    if (thing !== undefined) {
      thingOf.delete(id);
      const same = things.get(thing);
      same?.delete(id);
      if (same?.size === 0) things.delete(thing);
      // the others of its number are one node less
      for (const other of same ?? []) touched.add(other);
    }
    if (graph.hasNode(id)) touched.add(id);
    graph.removeNode(id);
    provenance.delete(id);
    located.delete(id);
    genders.delete(id);
    alerts.delete(id);
  };

  const declaredEdges = (record: EntityRecord): EdgeInput[] => {
    const schema = registry.get(record.schema);
    const event = events.get(record.id);
    if (event) {
      // Everyone an event involves is tied to everyone else in it, resting on the event record.
      const type: EdgeType = schema?.name === 'Travel' ? 'co-travel-event' : 'co-sighting';
      const out: EdgeInput[] = [];
      for (let i = 0; i < event.subjects.length; i++) {
        for (let j = i + 1; j < event.subjects.length; j++) {
          const a = event.subjects[i]!;
          const b = event.subjects[j]!;
          out.push({ id: EdgeId(`${record.id}#with:${a < b ? `${a}|${b}` : `${b}|${a}`}`), type, source: a, target: b, directed: false, label: schema?.label ?? record.schema, weight: 1, provenance: [record.id], ...(event.date ? { start: event.date.slice(0, 10) } : {}), ...(event.end ? { end: event.end.slice(0, 10) } : {}) });
        }
      }
      return out;
    }
    if (schema?.edge) {
      const source = record.properties[schema.edge.source]?.[0] as RecordId | undefined;
      const target = record.properties[schema.edge.target]?.[0] as RecordId | undefined;
      if (!source || !target) return [];
      const type = RELATION_TYPES[schema.name] ?? 'associate';
      const start = record.properties['startDate']?.[0] ?? record.properties['date']?.[0];
      const end = record.properties['endDate']?.[0];
      const role = record.properties['role']?.[0] ?? record.properties['relationship']?.[0];
      return [{
        id: EdgeId(record.id), type, source, target, directed: type === 'membership' || type === 'ownership' || type === 'residence' || type === 'employment',
        label: role ?? schema.edge.label, ...(role ? { role } : {}), ...(start ? { start } : {}), ...(end ? { end } : {}), weight: 1, provenance: [record.id],
      }];
    }
    return REFERENCE_EDGES.flatMap((ref) => (record.properties[ref.property] ?? []).map((other): EdgeInput => ({
      id: EdgeId(`${record.id}#${ref.property}:${other}`), type: ref.type, source: other as RecordId, target: record.id, directed: true, label: ref.label, weight: 1, provenance: [record.id],
    })));
  };

  const addEvent = (schema: Schema, record: EntityRecord): void => {
    const definition = schema.event!;
    const subjects = [...new Set([...definition.subjects, ...EVENT_EXTRA_SUBJECTS].flatMap((p) => record.properties[p] ?? []))] as RecordId[];
    const first = (p: string): string | undefined => record.properties[p]?.[0];
    const point = coordinatesOf(record);
    const date = first(definition.start);
    const end = first(definition.end);
    const place = first(definition.place) ?? first('checkpoint');
    const summary = first('summary');
    const [from, to, by] = [first('fromCountry'), first('toCountry'), first('transport')];
    const route = from || to || by ? { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(by ? { by } : {}) } : undefined;
    events.set(record.id, {
      id: record.id, schema: record.schema, subjects, ...(date ? { date } : {}), ...(end ? { end } : {}), ...(place ? { place } : {}), ...(summary ? { summary } : {}), ...(route ? { route } : {}),
      ...(point ?? {}),
    });
    for (const subject of subjects) {
      const set = eventsBySubject.get(subject) ?? new Set<RecordId>();
      set.add(record.id);
      eventsBySubject.set(subject, set);
    }
  };

  const add = (record: EntityRecord): void => {
    const schema = registry.get(record.schema);
    if (!schema) return;
    provenance.set(record.id, record.provenance);
    if (schema.event) addEvent(schema, record);
    else if (record.schema === ALERT_SCHEMA) alerts.set(record.id, alertSubjects(record));
    // A report is a source, not a party to the network: what it says arrives as confirmed records and links.
    else if (!schema.edge && !registry.isA(record.schema, 'Report')) {
      graph.addNode({ id: record.id, kind: record.schema, label: captionOf(registry, record) });
      touched.add(record.id);
      const thing = thingKey(registry, record);
      if (thing !== undefined) {
        const same = things.get(thing) ?? new Set<RecordId>();
        for (const other of same) touched.add(other);
        same.add(record.id);
        things.set(thing, same);
        thingOf.set(record.id, thing);
      }
      const point = coordinatesOf(record);
      if (point) located.set(record.id, { id: record.id, schema: record.schema, label: captionOf(registry, record), ...point });
      const gender = record.properties['gender']?.[0];
      if (gender !== undefined) genders.set(record.id, gender);
      // Edges declared by other records that were waiting for this node.
      for (const other of touching.get(record.id) ?? []) for (const edge of specs.get(other) ?? []) materialise(edge);
      // Occasions shared through events that were waiting for this subject.
      for (const event of eventsBySubject.get(record.id) ?? []) for (const key of heldBy.get(event) ?? []) relink(key, []);
    }
    const edges = declaredEdges(record);
    specs.set(record.id, edges);
    for (const edge of edges) {
      for (const end of [edge.source, edge.target]) {
        const set = touching.get(end) ?? new Set<RecordId>();
        set.add(record.id);
        touching.set(end, set);
      }
      materialise(edge);
    }
    // only what stands in the network holds an identifier there: a thing, or an event for its subjects
    if (!graph.hasNode(record.id) && !schema.event) return;
    const keys: string[] = [];
    const claims = schema.event ? occasionKeys(schema, record) : identifierKeys(registry, record);
    for (const key of claims) {
      if (keys.includes(key)) continue;
      keys.push(key);
      const set = holders.get(key) ?? new Set<RecordId>();
      const before = tiedHolders(set);
      set.add(record.id);
      holders.set(key, set);
      const groups = crowded.get(key);
      if (groups !== undefined) file(groups, record.id);
      relink(key, before);
    }
    heldBy.set(record.id, keys);
  };

  return {
    name: 'graph',
    graph,
    provenanceOf: (id) => provenance.get(id),
    eventsOf: (id) => [...(eventsBySubject.get(id) ?? [])].flatMap((e) => events.get(e) ?? []),
    locationOf: (id) => located.get(id),
    genderOf: (id) => genders.get(id),
    alertSubjectsOf: (id) => alerts.get(id),
    sameThing(id) {
      const thing = thingOf.get(id);
      return thing === undefined ? [] : [...(things.get(thing) ?? [])].sort();
    },
    drainTouched() {
      const out = touched;
      touched = new Set();
      return out;
    },
    crowdedTiesFor(visible) {
      if (crowded.size === 0) return undefined;
      /** identifier -> its ties for this viewer: none where they may read more than MAX_SHARING of its holders */
      const memo = new Map<string, readonly GraphEdge[]>();
      const tiesOf = (key: string): readonly GraphEdge[] => {
        let ties = memo.get(key);
        if (ties === undefined) {
          const seen: (readonly [RecordId, number])[] = [];
          for (const group of crowded.get(key)?.values() ?? []) {
            const [one] = group.keys();
            if (one === undefined || !visible(one)) continue;
            for (const entry of group) if (seen.push(entry) > MAX_SHARING) break;
            if (seen.length > MAX_SHARING) break;
          }
          ties = seen.length > MAX_SHARING ? [] : tiesAmong(key, seen.sort((a, b) => a[1] - b[1]).map(([holder]) => holder));
          memo.set(key, ties);
        }
        return ties;
      };
      return (record) => {
        const keys = new Set([...(heldBy.get(record) ?? []), ...[...(eventsBySubject.get(record) ?? [])].flatMap((event) => heldBy.get(event) ?? [])]);
        return [...keys].filter((key) => crowded.has(key)).flatMap((key) => tiesOf(key).filter((tie) => tie.source === record || tie.target === record));
      };
    },
    apply(changes: readonly RecordChange[]) {
      for (const change of changes) remove(change.id);
      for (const change of changes) if (change.record) add(change.record);
    },
  };
}
