/**
 * The graph read paths. Each builds the user's visibility from the policy decision point —
 * a record node is visible when its record may be read, an edge when every record claiming it
 * may; at the entity level (the default) an entity is visible through the members the user may
 * see, and a tie only when the records at both its ends may be seen too — and hands it to the
 * graph query, which removes hidden parts before computing anything, so no path, count, degree,
 * community or score derives from hidden data. Entity labels are made from visible members only.
 * An entity whose members the user may see hold together only through records they may not see
 * falls into parts, each going by an id of its own (reader-view.ts): each such part is drawn as
 * a node of its own under that id, the one its profile shows, linked as the entity it was before
 * the hidden record joined it (entity-parts-graph.ts), so that neither one node nor a missing tie
 * tells the user of the hidden record. A part that goes by no id is not drawn. So is an entity
 * of which the user sees one part only: that part may go by an id the entity absorbed (its
 * records were all brought by that entity), and the node goes by the id its profile answers.
 * What is returned is then logged as a consultation like any other read.
 *
 * An alert is no node (graph-projection.ts): an id given that names one stands for its subject,
 * whose network it answers, where the user may read the alert and every subject it names, and
 * answers as an id not found otherwise, as the subject itself does (alert-subjects-readable.ts:
 * an alert is shown only to who may read its subject).
 */
import {
  centrality, communities, connectors, expand, inducedSubgraph, kShortestPaths, places, timeline, toGraphML, toJSON,
  type CentralityMeasure, type CentralityResult, type CommunitiesResult, type ConnectorsResult, type EdgeId, type EdgeType, type EntityGraph, type GraphEdge, type GraphNode, type NodeId, type QueryScope, type Subgraph,
} from '@mosaic/graph';
import type { JsonValue } from '@mosaic/audit';
import { AppError, countryName, hasInverse, inverseRelation, rolesInWords, type EntityId, type Provenance, type RecordId } from '@mosaic/model';
import { decide, decisionKey, RECORD_ROLES, type Decision, type Pointer } from '@mosaic/policy';
import type { ChangeFollower } from '../change-follower.ts';
import { consult, requirePurpose, type ConsultOptions } from '../consult.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import type { EntityProjection } from '../resolution/entity-projection.ts';
import { readerView, type ReaderView } from '../resolution/reader-view.ts';
import type { Mosaic } from '../runtime.ts';
import { CrowdedTiesGraph } from './crowded-ties-graph.ts';
import type { DrawnPart } from './entity-parts-graph.ts';
import { exportContent } from './graph-export-content.ts';
import type { EntityGraphView } from './entity-graph-view.ts';
import type { EventRoute, GraphEvent, GraphProjection } from './graph-projection.ts';

export const GRAPH_LEVELS = ['entity', 'record'] as const;
export type GraphLevel = (typeof GRAPH_LEVELS)[number];

/** The two networks a query may run on. */
export interface GraphSources {
  readonly graph: GraphProjection;
  readonly entityGraph: EntityGraphView;
  /** The resolved entities, for the parts an entity falls into for a user (reader-view.ts) and the ids those go by. */
  readonly entities: Pick<EntityProjection, 'membersOf' | 'partsOf' | 'resolve'>;
  /**
   * How far the networks have read the change feed (the node's followers): where the feed holds
   * nothing beyond it, the records they hold are the stored ones and a query reads none of the
   * store. Without it, every query asks the store which of the records it met are still held.
   */
  readonly follower?: Pick<ChangeFollower, 'seq'>;
}

export interface GraphFilters {
  /** Resolved entities (default) or raw records as nodes. */
  readonly level?: GraphLevel;
  readonly types?: readonly EdgeType[];
  /** Time window (partial ISO dates); undated edges are kept. */
  readonly since?: string;
  readonly until?: string;
  readonly minWeight?: number;
  /** Keep only edges claimed by records of these agencies. */
  readonly agencies?: readonly string[];
}

/**
 * Given ids that are no node are looked up as ids an entity absorbed (a part may go by one), at
 * most this many in a query: each lookup reads resolution's redirects (EntityProjection.resolve).
 */
const LOOKUPS_PER_QUERY = 50;

/** One user's view of one level of the network, for one query. */
interface View {
  readonly scope: QueryScope;
  readonly visible: (record: RecordId) => boolean;
  /** The node as this user may see it (label and kind from visible members only, or from those given of them). */
  present(node: GraphNode, members?: readonly RecordId[]): GraphNode;
  /** Edges as returned: at entity level, parallel ties of one type between two entities become one. */
  edgesOut(edges: readonly GraphEdge[]): GraphEdge[];
  /** The visible records a node stands for. */
  recordsOf(node: NodeId): readonly RecordId[];
  /** The gender the node's visible records agree on, if they give one. */
  genderOf(node: NodeId): string | undefined;
  /**
   * The members of a node's entity the user may not read: an answer drawing the node points to
   * their owners where the policy lets it, as the entity's profile does (none at record level).
   */
  hiddenOf(node: NodeId): readonly RecordId[];
  /**
   * The members the user may not read of a given id they see through pointers alone, as its
   * profile does (entity-view.ts): an entity none of whose members they may read, or whose id
   * shows none of the parts those they read fall into, one at least pointing them to its owner;
   * an id an entity absorbed likewise, of the one live entity it leads to (none for any other
   * id, which is a node or not found). Known once the id is learnt (learn).
   */
  pointedOnly(id: NodeId): readonly RecordId[];
  /** The records behind an edge: its claims and, at entity level, the members it joins. */
  edgeRecords(edge: GraphEdge): readonly RecordId[];
  /** The policy's decision on this user's exporting a record they see (export is onward sharing: decide.ts). */
  exportDecision(record: RecordId): Decision;
  /** Where a given id sits at this level (a record id given at entity level means its entity, or the part of it the record is in). */
  nodeFor(id: NodeId): NodeId;
  /**
   * The network to run the query on, drawn for one run made at once: at entity level, with the
   * entities known to fall apart for the user drawn as their parts.
   */
  draw(): EntityGraph;
  /**
   * Learns which parts go by an id of each entity met since that falls apart for the user;
   * true when there were any (what was computed meanwhile drew them whole: see settled).
   */
  settle(): Promise<boolean>;
  /** Learns the parts of the entities that given ids which are no node were absorbed into (an id a part goes by). */
  learn(ids: readonly NodeId[]): Promise<void>;
  /**
   * Learns which of the records met since the last call the store no longer holds (see unheld in
   * viewFor); true when there were any (what was computed meanwhile still held them).
   */
  unheld(): Promise<boolean>;
  /** The provenance of a record the network holds and the store still does, as far as known (none for one found erased). */
  provenanceOf(record: RecordId): Provenance | undefined;
}

async function viewFor(mosaic: Mosaic, consultation: Consultation, sources: GraphSources, filters: GraphFilters): Promise<View> {
  requirePurpose(consultation);
  const snapshot = await mosaic.org();
  const user = policyUser(consultation.user);
  const context = policyContext(snapshot, consultation);
  const records = sources.graph;
  /**
   * Records the network still holds that the store no longer does: it hears of an erasure at its
   * next read of the change feed (a quarter of a second; later on a node busy with an upload, or
   * for another node's erasure), and a query made meanwhile drew the erased record, named it in a
   * node's label and dated it on a timeline (LED Art. 16: erased means gone for the next reader
   * too). Such a record is as one not listed: not drawn, pointed to nor logged (unheld).
   */
  const erased = new Set<RecordId>();
  /** Records met whose being held is known: read in the store, or met while the feed held nothing newer. */
  const checked = new Set<RecordId>();
  const provenanceOf = (id: RecordId): Provenance | undefined => (erased.has(id) ? undefined : records.provenanceOf(id));
  const seen = new Map<RecordId, boolean>();
  /** Decisions by what the policy reads of a record (decisionKey): the holders of a crowded identifier are asked about once per marking among them. */
  const decided = new Map<string, boolean>();
  const readable = (id: RecordId, provenance: Provenance): boolean => {
    const key = decisionKey(provenance);
    let answer = decided.get(key);
    if (answer === undefined) {
      answer = mosaic.decide(user, 'read', { kind: 'record', id, provenance }, context).effect === 'allow';
      decided.set(key, answer);
    }
    return answer;
  };
  const visible = (id: RecordId): boolean => {
    let answer = seen.get(id);
    if (answer === undefined) {
      const provenance = provenanceOf(id);
      answer = provenance !== undefined && readable(id, provenance);
      seen.set(id, answer);
    }
    return answer;
  };
  const pointsTo = (id: RecordId): boolean => {
    const provenance = provenanceOf(id);
    return provenance !== undefined && decide(user, 'read', { kind: 'record', id, provenance }, context).effect === 'pointer';
  };
  const exportDecision = (id: RecordId): Decision => {
    const provenance = provenanceOf(id);
    return provenance === undefined ? { effect: 'deny', reason: 'not applicable' } : decide(user, 'export', { kind: 'record', id, provenance }, context);
  };
  const agencies = filters.agencies;
  // a filter on an agency the deployment does not have (a typo) would answer "no ties", not "no such agency"
  const unknown = agencies?.find((agency) => !snapshot.org.agencies.some((a) => a.id === agency));
  if (unknown !== undefined) throw new AppError('MOSAIC_QUERY_REJECTED', `graph: agencies: ${JSON.stringify(unknown.slice(0, 64))} is not an agency of this deployment`, { field: 'agencies', reason: 'not an agency of this deployment' });
  const filterScope = {
    ...(filters.types ? { types: filters.types } : {}),
    ...(filters.since || filters.until ? { window: { ...(filters.since ? { from: filters.since } : {}), ...(filters.until ? { to: filters.until } : {}) } } : {}),
    ...(filters.minWeight !== undefined ? { minWeight: filters.minWeight } : {}),
    ...(agencies ? { provenance: (claims: readonly RecordId[]) => claims.some((r) => agencies.includes(r.slice(0, r.indexOf(':')))) } : {}),
  };
  /** A given id as the node it stands for is looked up: an alert's, its subject's (none where the user may not read both). */
  const given = (id: NodeId): NodeId => {
    const subjects = records.alertSubjectsOf(id as string as RecordId);
    if (subjects === undefined) return id;
    const [subject] = subjects;
    return subject !== undefined && visible(id as string as RecordId) && subjects.every(visible) ? subject as string as NodeId : id;
  };
  let crowded = records.crowdedTiesFor(visible);
  /** The records each entity (or part) stands for that the user sees, once known (entity level). */
  const members = new Map<NodeId, readonly RecordId[]>();
  /**
   * Asks the store which of the records met since the last call it still holds, only where the
   * change feed holds something the networks have not read (their sequence is read before
   * anything is awaited: what they held when the query ran), as a checkpoint check does
   * (screen-check.ts heldNow); otherwise the records they hold are the stored ones, and only the
   * feed's last sequence is read. Those no longer held are forgotten as decided, so that the query
   * is run again without them.
   */
  const unheld = async (): Promise<boolean> => {
    const readTo = sources.follower?.seq;
    const met = [...seen.keys()].filter((id) => !checked.has(id) && !erased.has(id));
    if (met.length === 0) return false;
    const held = readTo !== undefined && (await mosaic.store.latestSeq()) <= readTo ? new Set(met) : await mosaic.store.heldRecordIds(met);
    let found = false;
    for (const id of met) {
      if (held.has(id)) checked.add(id);
      else {
        erased.add(id);
        seen.set(id, false);
        found = true;
      }
    }
    if (found) {
      members.clear();
      crowded = records.crowdedTiesFor(visible);
    }
    return found;
  };
  const crowdedTies = (record: RecordId): readonly GraphEdge[] => (crowded === undefined || !visible(record) ? [] : crowded(record));
  const claimsVisible = (edge: GraphEdge): boolean => edge.provenance.every(visible);
  if (filters.level === 'record') {
    return {
      scope: { visibility: { node: (node) => visible(node.id as RecordId), edge: claimsVisible }, ...filterScope },
      visible,
      present: (node) => node,
      edgesOut: (edges) => [...edges],
      recordsOf: (node) => (visible(node as RecordId) ? [node as RecordId] : []),
      genderOf: (node) => (visible(node as RecordId) ? records.genderOf(node as RecordId) : undefined),
      hiddenOf: () => [],
      pointedOnly: () => [],
      edgeRecords: (edge) => edge.provenance,
      exportDecision,
      nodeFor: given,
      draw: () => (crowded === undefined ? records.graph : CrowdedTiesGraph.over(records.graph).draw((node) => crowdedTies(node as RecordId))),
      settle: async () => false,
      learn: async () => undefined,
      unheld,
      provenanceOf,
    };
  }
  const entityGraph = sources.entityGraph;
  entityGraph.sync();
  /** The parts that go by an id of each entity met (or looked up) whose parts are known. */
  const named = new Map<NodeId, readonly DrawnPart[]>();
  /** Each of those parts by the id it goes by, and the id of the part each of their records is in. */
  const parts = new Map<NodeId, DrawnPart>();
  const partOf = new Map<RecordId, NodeId>();
  const unnamed = new Set<NodeId>();
  /** How the user sees each of those entities (its parts, and the ids of its history), as its profile reads it. */
  const readers = new Map<NodeId, ReaderView>();
  /** The live entity each given id an entity absorbed leads to (none for an id split since: its profile answers no pointer). */
  const absorbedInto = new Map<NodeId, NodeId>();
  /** The two member records each tie drawn in joins: between two parts of one entity, or through an identifier many records hold. */
  const ties = new Map<EdgeId, readonly RecordId[]>();
  const visibleMembers = (node: NodeId): readonly RecordId[] => {
    let list = members.get(node);
    if (list === undefined) {
      const part = parts.get(node);
      if (part !== undefined && part.id !== part.entity) {
        const now = new Set(entityGraph.membersOf(part.entity));
        list = part.records.filter((r) => now.has(r) && visible(r));
      } else {
        const every = entityGraph.membersOf(node);
        const all = every.filter(visible).sort();
        // An entity some of whose members this user may not see is drawn as the parts it falls
        // into on what they see, each under the id it goes by (readerView), as its profile opens:
        // a part may go by an id the entity absorbed even when it is the only one (the records
        // the user sees were all brought by that entity). Until those are known (settle), as all
        // it holds for the user, in an answer that is not given.
        const apart = all.length > 0 && all.length < every.length;
        if (apart && !named.has(node)) {
          unnamed.add(node);
          return all;
        }
        list = named.has(node) ? all.filter((r) => partOf.get(r) === node) : all;
      }
      members.set(node, list);
    }
    return list;
  };
  /** The node a record is drawn in: its entity's, or the part's it is in (none: in no part that goes by an id). */
  const drawnIn = (record: RecordId): NodeId | undefined => {
    const node = entityGraph.nodeOf(record);
    return node === undefined || !named.has(node) ? node : partOf.get(record);
  };
  const shown = (record: RecordId): boolean => {
    const node = drawnIn(record);
    return node !== undefined && visibleMembers(node).includes(record);
  };
  const endpoints = (edge: EdgeId): readonly RecordId[] => ties.get(edge) ?? entityGraph.endpointsOf(edge);
  /** An entity's (or part's) ties through identifiers many records hold: its members' the user sees, to members they see of others. */
  const crowdedTiesAt = (node: NodeId): GraphEdge[] => visibleMembers(node).flatMap((member) => crowdedTies(member).flatMap((tie) => {
    const ends = [tie.source as RecordId, tie.target as RecordId] as const;
    const [source, target] = ends.map(drawnIn);
    if (source === undefined || target === undefined || !ends.every(shown)) return [];
    ties.set(tie.id, ends);
    return [{ ...tie, source, target }];
  }));
  const edgeRecords = (edge: GraphEdge): readonly RecordId[] => [...edge.provenance, ...endpoints(edge.id)];
  const settle = async (): Promise<boolean> => {
    if (unnamed.size === 0) return false;
    for (const node of [...unnamed]) {
      // A document or vehicle of several records is no entity: the records of it the user may see
      // are the one thing they see, going by the first of them (never by one they may not see).
      const seen = entityGraph.isThing(node) ? entityGraph.membersOf(node).filter(visible).sort() : undefined;
      const view = seen === undefined ? await readerView(mosaic, consultation, sources.entities, node as string as EntityId) : undefined;
      const found = seen === undefined ? view!.parts.map((p) => ({ id: p.id as string as NodeId, records: [...p.records].sort() })) : seen.length > 0 ? [{ id: seen[0] as string as NodeId, records: seen }] : [];
      // an id the network has as a node of another entity, or a part of another already goes by, is not taken twice
      const drawn = found.flatMap(({ id, records: held }): DrawnPart[] => (parts.has(id) || (id !== node && entityGraph.graph.hasNode(id)) ? [] : [{ entity: node, id, records: held }]));
      named.set(node, drawn);
      if (view !== undefined) readers.set(node, view);
      for (const part of drawn) {
        parts.set(part.id, part);
        for (const record of part.records) partOf.set(record, part.id);
      }
      unnamed.delete(node);
    }
    return true;
  };
  return {
    scope: { visibility: { node: (node) => visibleMembers(node.id).length > 0, edge: (edge) => claimsVisible(edge) && endpoints(edge.id).every(shown) }, ...filterScope },
    visible,
    present(node, members = visibleMembers(node.id)) {
      const shown = members.flatMap((m) => records.graph.node(m) ?? []);
      return { id: node.id, kind: shown[0]?.kind ?? node.kind, label: mostCommon(shown.map((n) => n.label)) ?? '' };
    },
    edgesOut: aggregateEdges,
    recordsOf: visibleMembers,
    genderOf: (node) => agreed(visibleMembers(node).map(records.genderOf)),
    // the records of a document or vehicle the user may not see are others' records of its number, no part of a subject: no pointer to them
    hiddenOf: (node) => (entityGraph.isThing(parts.get(node)?.entity ?? node) ? [] : entityGraph.membersOf(parts.get(node)?.entity ?? node).filter((r) => !visible(r) && !erased.has(r))),
    pointedOnly(id) {
      // a record of a document or vehicle given: pointed to as the record it is, as where it stood alone
      const record = id as string as RecordId;
      const placed = entityGraph.nodeOf(record);
      if (placed !== undefined && entityGraph.isThing(placed)) return visible(record) || erased.has(record) || !pointsTo(record) ? [] : [record];
      const entity = entityGraph.graph.hasNode(id) ? id : absorbedInto.get(id);
      if (entity === undefined) return [];
      const all = entityGraph.membersOf(entity).filter((r) => !erased.has(r));
      const hidden = all.filter((r) => !visible(r));
      if (!hidden.some(pointsTo)) return [];
      if (hidden.length === all.length) return hidden;
      // some the user reads: its profile shows the part going by its id, or the one holding the
      // records its id brought (the entity's own part for an id the merges do not name:
      // entity-view.ts), and the pointers alone where there is none
      const reader = readers.get(entity);
      if (reader === undefined) return [];
      const own = reader.ownRecords(id as string as EntityId);
      return reader.parts.some((p) => p.id as string === id || (own === undefined ? p.id as string === entity : p.records.some((r) => own.has(r)))) ? [] : hidden;
    },
    edgeRecords,
    exportDecision,
    // a record id stands for its entity (or part) only where the user sees the record in it: a
    // hidden one answers as an id not found (else a seed would confirm that it exists, and whose it is)
    nodeFor: (id) => {
      const seed = given(id);
      const node = drawnIn(seed as string as RecordId);
      return node !== undefined && shown(seed as string as RecordId) ? node : seed;
    },
    draw() {
      const drawn = [...parts.values()];
      let graph = entityGraph.graph;
      if (!drawn.every((part) => part.id === part.entity)) {
        const drawing = entityGraph.drawParts(drawn);
        for (const [id, ends] of drawing.ties) ties.set(id, ends);
        graph = drawing.graph;
      }
      return crowded === undefined ? graph : CrowdedTiesGraph.over(graph).draw(crowdedTiesAt);
    },
    settle,
    async learn(ids) {
      const looked = new Set<NodeId>();
      for (const id of ids.map(given)) {
        // an entity given that falls apart for the user is read now, to know what its id shows (pointedOnly)
        if (entityGraph.graph.hasNode(id)) {
          visibleMembers(id);
          continue;
        }
        if (looked.size >= LOOKUPS_PER_QUERY) break;
        if (looked.has(id) || records.graph.hasNode(id)) continue;
        looked.add(id);
        const lives = await sources.entities.resolve(id as string as EntityId);
        for (const live of lives) {
          const node = live as string as NodeId;
          if (node !== id && entityGraph.graph.hasNode(node) && !named.has(node)) unnamed.add(node);
        }
        const [only] = lives;
        if (only !== undefined && lives.length === 1 && (only as string) !== id && entityGraph.graph.hasNode(only as string as NodeId)) absorbedInto.set(id, only as string as NodeId);
      }
      await settle();
    },
    unheld,
    provenanceOf,
  };
}

/**
 * Runs a query over the view until it met no entity falling apart for the user whose parts were
 * not known yet (View.settle), and answers as that last run did (its error too). Such entities
 * are those holding records the user may not see, and each is read once per query;
 * each run knows more of them, so the runs end.
 */
async function settled<T>(view: View, query: (graph: EntityGraph) => T): Promise<T> {
  for (;;) {
    let answer: { readonly value: T } | { readonly error: unknown };
    try {
      answer = { value: query(view.draw()) };
    } catch (error) {
      answer = { error };
    }
    if (await view.settle()) continue;
    if ('error' in answer) throw answer.error;
    if (await view.unheld()) continue;
    return answer.value;
  }
}

/** The one value that all the given ones are, where they give any. */
function agreed(values: readonly (string | undefined)[]): string | undefined {
  const given = new Set(values.filter((v) => v !== undefined));
  return given.size === 1 ? [...given][0] : undefined;
}

/** The label most visible members agree on, so no single agency's spelling dominates; ties go to the first in id order. */
function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  return best;
}

/**
 * Ties of one type between the same two entities, as one edge: weights add up, the time span
 * covers every claim, the provenance lists every record claiming it. Its id names the type and
 * the ends, so the same tie has the same id in every answer.
 */
export function aggregateEdges(edges: readonly GraphEdge[]): GraphEdge[] {
  const groups = new Map<string, GraphEdge>();
  for (const edge of edges) {
    const [a, b] = edge.directed || edge.source < edge.target ? [edge.source, edge.target] : [edge.target, edge.source];
    const id = `${edge.type}:${a}${edge.directed ? '>' : '|'}${b}`;
    const found = groups.get(id);
    if (!found) {
      groups.set(id, { ...edge, id: id as GraphEdge['id'] });
      continue;
    }
    const start = [found.start, edge.start].filter((d) => d !== undefined).sort()[0];
    const end = [found.end, edge.end].filter((d) => d !== undefined).sort().at(-1);
    const merged: { -readonly [K in keyof GraphEdge]: GraphEdge[K] } = {
      ...found, weight: found.weight + edge.weight, provenance: [...new Set([...found.provenance, ...edge.provenance])].sort(),
    };
    if (start !== undefined) merged.start = start;
    if (end !== undefined) merged.end = end;
    if (found.role !== edge.role) delete merged.role;
    if (found.label !== edge.label) delete merged.label;
    groups.set(id, merged);
  }
  return [...groups.values()];
}

function presentSubgraph(view: View, subgraph: Subgraph): Subgraph {
  return { nodes: subgraph.nodes.map((n) => view.present(n)), edges: view.edgesOut(subgraph.edges) };
}

/**
 * The ties of an answer read from the seeds' side: a tie whose target is a seed and whose source
 * is not is turned round, its label (and a role that is its label, as a Family relationship is)
 * read from the other end (inverseRelation), naming the source by the gender its records the user
 * may see agree on. A Family record of Nadia whose relative is Yassin says "brother"; expanded
 * from Yassin, it reads "sister" (or "sibling") Nadia. Id, type, dates and provenance are kept.
 * A tie whose label has no reading from the other end (hasInverse: a membership's role "leader",
 * an associate's free-text relationship) stays as stored: turned, it would make the organisation
 * its member's leader.
 */
function fromSeeds(view: View, edges: readonly GraphEdge[], seeds: ReadonlySet<NodeId>): GraphEdge[] {
  return edges.map((edge) => {
    if (!seeds.has(edge.target) || seeds.has(edge.source)) return edge;
    if (edge.label === undefined || !hasInverse(edge.label)) return edge;
    const turned: { -readonly [K in keyof GraphEdge]: GraphEdge[K] } = { ...edge, source: edge.target, target: edge.source };
    turned.label = inverseRelation(edge.label, view.genderOf(edge.source));
    if (edge.role !== undefined && edge.role === edge.label) turned.role = turned.label;
    return turned;
  });
}

/**
 * Log what the answer disclosed: every record a node stands for and every record behind an edge
 * (`audited`: an export is logged as one, the records in its file passing the same gate).
 * `pointed`: records the user may not read that the answer points to where the policy lets it
 * (the hidden members of the entities it draws): they pass the same gate, which gives the
 * pointers (one per owner agency, as filterVisible does), logs them and tells their owners.
 */
async function disclose(mosaic: Mosaic, consultation: Consultation, view: View, subgraph: { readonly nodes: readonly NodeId[]; readonly edges: readonly GraphEdge[]; readonly extra?: readonly RecordId[]; readonly pointed?: readonly RecordId[] }, query: { readonly [key: string]: JsonValue }, audited: Pick<ConsultOptions, 'audit'> = {}): Promise<readonly Pointer[]> {
  // the records met since the answer was computed (the members pointed to) are asked about too
  await view.unheld();
  const ids = new Set<RecordId>([...subgraph.nodes.flatMap((n) => view.recordsOf(n)), ...subgraph.edges.flatMap((e) => view.edgeRecords(e)), ...(subgraph.extra ?? []), ...(subgraph.pointed ?? [])]);
  const records = [...ids].flatMap((id) => {
    const provenance = view.provenanceOf(id);
    return provenance ? [{ id, provenance }] : [];
  });
  const { pointers } = await consult(mosaic, consultation, records, { action: 'read', ...audited, query: { graph: query } });
  return pointers;
}

/**
 * The given ids the user sees through pointers alone (View.pointedOnly) apart from the others:
 * such an id answers as its profile does, with the pointers and nothing drawn, not as one not
 * found; `alone` are those ids, `pointed` their members.
 */
function pointedApart(view: View, ids: readonly NodeId[]): { readonly drawn: readonly NodeId[]; readonly alone: readonly NodeId[]; readonly pointed: readonly RecordId[] } {
  const drawn: NodeId[] = [];
  const alone: NodeId[] = [];
  const pointed: RecordId[] = [];
  for (const id of ids) {
    const members = view.pointedOnly(id);
    if (members.length === 0) drawn.push(id);
    else {
      alone.push(id);
      pointed.push(...members);
    }
  }
  return { drawn, alone, pointed };
}

const notFound = (): AppError => new AppError('MOSAIC_NOT_FOUND', 'graph: no such entity, or not visible to you');

/**
 * The given ids at the view's level, each one a node the user may see: an id not found or hidden
 * is not left out quietly, so an answer is never taken for one about all of them.
 */
function givenNodes(view: View, graph: EntityGraph, ids: readonly NodeId[]): NodeId[] {
  const nodes = ids.map(view.nodeFor);
  if (nodes.some((node) => !graph.hasNode(node) || view.recordsOf(node).length === 0)) throw notFound();
  return nodes;
}

interface ExpandRequest {
  readonly seeds: readonly NodeId[];
  readonly hops?: number;
  readonly maxNodes?: number;
}

/** The network around the seeds in the view (which has learnt them: View.learn), its edges as drawn (not aggregated). */
async function expandIn(view: View, request: ExpandRequest): Promise<{ subgraph: Subgraph; truncated: boolean }> {
  return settled(view, (graph) => {
    const expanded = expand(graph, givenNodes(view, graph, request.seeds), { ...view.scope, hops: request.hops ?? 1, nodeBudget: request.maxNodes ?? 200 });
    if (expanded.subgraph.nodes.length === 0) throw notFound();
    return expanded;
  });
}

/**
 * `pointers`: to the owners of the members the user may not read of the entities drawn, and of
 * the seeds seen through pointers alone (which draw nothing), where the policy lets it.
 */
export async function graphExpand(mosaic: Mosaic, consultation: Consultation, sources: GraphSources, request: ExpandRequest & GraphFilters): Promise<{ subgraph: Subgraph; truncated: boolean; pointers: readonly Pointer[] }> {
  const view = await viewFor(mosaic, consultation, sources, request);
  await view.learn(request.seeds);
  const { drawn, pointed } = pointedApart(view, request.seeds);
  const result = drawn.length > 0 ? await expandIn(view, { ...request, seeds: drawn }) : { subgraph: { nodes: [], edges: [] }, truncated: false };
  const nodes = result.subgraph.nodes.map((n) => n.id);
  const pointers = await disclose(mosaic, consultation, view, { nodes, edges: result.subgraph.edges, pointed: [...pointed, ...nodes.flatMap(view.hiddenOf)] }, { expand: [...request.seeds], hops: request.hops ?? 1, level: request.level ?? 'entity' });
  // turned before parallel ties are made one, so that two records saying one tie from its two ends agree
  const edges = fromSeeds(view, result.subgraph.edges, new Set(drawn.map(view.nodeFor)));
  return { subgraph: presentSubgraph(view, { nodes: result.subgraph.nodes, edges }), truncated: result.truncated, pointers };
}

/**
 * `pointers`: to the owners of the members the user may not read of the entities on the paths
 * (or of the two ends, where none is found). An end seen through pointers alone has no path the
 * user may see (`no-path`), the other end still answering as not found where it is.
 */
export async function graphPaths(mosaic: Mosaic, consultation: Consultation, sources: GraphSources, request: { from: NodeId; to: NodeId; k?: number } & GraphFilters): Promise<{ paths: readonly { nodes: readonly GraphNode[]; edges: readonly GraphEdge[]; hops: number }[]; reason?: string; pointers: readonly Pointer[] }> {
  const view = await viewFor(mosaic, consultation, sources, request);
  await view.learn([request.from, request.to]);
  const query = { paths: [request.from, request.to], level: request.level ?? 'entity' };
  const { drawn, pointed } = pointedApart(view, [request.from, request.to]);
  if (pointed.length > 0) {
    const ends = await settled(view, (graph) => givenNodes(view, graph, drawn));
    const pointers = await disclose(mosaic, consultation, view, { nodes: ends, edges: [], pointed: [...pointed, ...ends.flatMap(view.hiddenOf)] }, query);
    return { paths: [], reason: 'no-path', pointers };
  }
  const outcome = await settled(view, (graph) => kShortestPaths(graph, view.nodeFor(request.from), view.nodeFor(request.to), { ...view.scope, k: request.k ?? 1 }));
  if (!outcome.found) {
    if (outcome.reason === 'not-found') throw notFound();
    // the answer still tells of both ends, which the user may see, that they are not connected in what the user sees
    const ends = [view.nodeFor(request.from), view.nodeFor(request.to)];
    const pointers = await disclose(mosaic, consultation, view, { nodes: ends, edges: [], pointed: ends.flatMap(view.hiddenOf) }, query);
    return { paths: [], reason: outcome.reason, pointers };
  }
  const nodes = [...new Set(outcome.paths.flatMap((p) => p.nodes.map((n) => n.id)))];
  const edges = new Map(outcome.paths.flatMap((p) => p.edges.map((e) => [e.id, e] as const)));
  const pointers = await disclose(mosaic, consultation, view, { nodes, edges: [...edges.values()], pointed: nodes.flatMap(view.hiddenOf) }, query);
  return { paths: outcome.paths.map((p) => ({ nodes: p.nodes.map((n) => view.present(n)), edges: view.edgesOut(p.edges), hops: p.hops })), pointers };
}

/**
 * Logged with the records of the given entities, of the connectors and behind the ties on the
 * shortest paths between the pairs found connected: what the answer (which pairs connect, how
 * far apart, through whom) is made of. `pointers`: to the owners of the members the user may not
 * read of the given entities and the connectors, and of the given entities seen through pointers
 * alone, which connect to none in what the user sees (their pairs are unconnected, as `paths`
 * finds `no-path` from one).
 */
export async function graphConnectors(mosaic: Mosaic, consultation: Consultation, sources: GraphSources, request: { entities: readonly NodeId[]; maxHops?: number } & GraphFilters): Promise<Omit<ConnectorsResult, 'ties'> & { pointers: readonly Pointer[] }> {
  const view = await viewFor(mosaic, consultation, sources, request);
  await view.learn(request.entities);
  const { drawn, alone, pointed } = pointedApart(view, request.entities);
  const { given, result } = await settled(view, (graph) => {
    const nodes = givenNodes(view, graph, drawn);
    return { given: nodes, result: connectors(graph, nodes, { ...view.scope, maxHops: request.maxHops ?? 3 }) };
  });
  const { ties, ...answer } = result;
  const nodes = [...given, ...answer.connectors.map((c) => c.node.id)];
  const pointers = await disclose(mosaic, consultation, view, { nodes, edges: ties, pointed: [...pointed, ...nodes.flatMap(view.hiddenOf)] }, { connectors: [...request.entities], level: request.level ?? 'entity' });
  return { ...answer, connectors: answer.connectors.map((c) => ({ ...c, node: view.present(c.node) })), unconnectedPairs: withPairsOf(answer.unconnectedPairs, alone, given), pointers };
}

/** `pairs` (each [a, b] with a < b, in that order) with those of each of `alone` and the others given, as connectors() lists them. */
function withPairsOf(pairs: readonly (readonly [NodeId, NodeId])[], alone: readonly NodeId[], others: readonly NodeId[]): (readonly [NodeId, NodeId])[] {
  const ids = [...new Set([...alone, ...others])].sort();
  const apart = new Set(alone);
  const more = ids.flatMap((a, i) => ids.slice(i + 1).flatMap((b) => (apart.has(a) || apart.has(b) ? [[a, b] as const] : [])));
  return [...pairs, ...more].sort(([a1, b1], [a2, b2]) => (a1 < a2 ? -1 : a1 > a2 ? 1 : b1 < b2 ? -1 : b1 > b2 ? 1 : 0));
}

/** The ties among the given nodes that communities and centrality are computed on (both run on that induced subgraph). */
function tiesAmong(view: View, graph: EntityGraph, nodes: readonly NodeId[]): readonly GraphEdge[] {
  return inducedSubgraph(graph, { ...view.scope, nodes }).edges;
}

/**
 * Logged with the ids asked, every member's records and the records behind the ties among them.
 * `pointers`: to the owners of the members the user may not read of the members, and of the
 * given nodes seen through pointers alone, which are in no community.
 */
export async function graphCommunities(mosaic: Mosaic, consultation: Consultation, sources: GraphSources, request: { nodes: readonly NodeId[] } & GraphFilters): Promise<CommunitiesResult & { pointers: readonly Pointer[] }> {
  const view = await viewFor(mosaic, consultation, sources, request);
  await view.learn(request.nodes);
  const { drawn, pointed } = pointedApart(view, request.nodes);
  const { result, ties } = await settled(view, (graph) => {
    const nodes = givenNodes(view, graph, drawn);
    return { result: communities(graph, { ...view.scope, nodes }), ties: tiesAmong(view, graph, nodes) };
  });
  const members = result.communities.flatMap((c) => c.members);
  const pointers = await disclose(mosaic, consultation, view, { nodes: members, edges: ties, pointed: [...pointed, ...members.flatMap(view.hiddenOf)] }, { communities: [...request.nodes], level: request.level ?? 'entity' });
  return { ...result, pointers };
}

/**
 * Logged with the ids asked, the scored nodes' records and the records behind the ties the scores
 * are computed on. `pointers`: to the owners of the members the user may not read of the scored
 * nodes, and of the given nodes seen through pointers alone, which are not scored.
 */
export async function graphCentrality(mosaic: Mosaic, consultation: Consultation, sources: GraphSources, request: { nodes: readonly NodeId[]; measure: CentralityMeasure } & GraphFilters): Promise<CentralityResult & { pointers: readonly Pointer[] }> {
  const view = await viewFor(mosaic, consultation, sources, request);
  await view.learn(request.nodes);
  const { drawn, pointed } = pointedApart(view, request.nodes);
  const { result, ties } = await settled(view, (graph) => {
    const nodes = givenNodes(view, graph, drawn);
    return { result: centrality(graph, { ...view.scope, nodes, measure: request.measure }), ties: tiesAmong(view, graph, nodes) };
  });
  const scored = result.converged ? result.scores.map((s) => s.node.id) : [];
  const pointers = await disclose(mosaic, consultation, view, { nodes: scored, edges: result.converged ? ties : [], pointed: [...pointed, ...scored.flatMap(view.hiddenOf)] }, { centrality: request.measure, nodes: [...request.nodes], level: request.level ?? 'entity' });
  return result.converged ? { ...result, scores: result.scores.map((s) => ({ ...s, node: view.present(s.node) })), pointers } : { ...result, pointers };
}

/** The visible part of the network among given nodes (a saved chart reopened). */
export async function graphInduced(mosaic: Mosaic, consultation: Consultation, sources: GraphSources, request: { nodes: readonly NodeId[] } & GraphFilters): Promise<Subgraph> {
  const view = await viewFor(mosaic, consultation, sources, request);
  await view.learn(request.nodes);
  const subgraph = await settled(view, (graph) => inducedSubgraph(graph, { ...view.scope, nodes: request.nodes.map(view.nodeFor) }));
  await disclose(mosaic, consultation, view, { nodes: subgraph.nodes.map((n) => n.id), edges: subgraph.edges }, { chart: request.nodes.length, level: request.level ?? 'entity' });
  return presentSubgraph(view, subgraph);
}

/**
 * The network around the seeds as a file (GraphML or graphology JSON) of what this user may
 * export of it (graph-export-content.ts): the records the file holds are logged as an export
 * whose query is the export asked (seeds, format), so that the log tells what left the system.
 * A role the policy lets export no record is refused before anything is read or logged.
 * `pointers`: those expand gives of the same network (a seed seen through pointers alone draws
 * nothing), for the user and not in the file: a pointer is for whom the owner's agreement names,
 * and the policy lets no record it stands for be exported (decide.ts). The export's entry names
 * them and the records behind them, and their owners are told, as expand's consultation does.
 */
export async function graphExport(mosaic: Mosaic, consultation: Consultation, sources: GraphSources, request: ExpandRequest & { format: 'graphml' | 'json' } & GraphFilters): Promise<{ file: string; pointers: readonly Pointer[] }> {
  if (!policyUser(consultation.user).roles.some((role) => RECORD_ROLES.export.includes(role))) {
    throw new AppError('MOSAIC_FORBIDDEN', `graph export: role not permitted (records are exported by ${rolesInWords(RECORD_ROLES.export)})`);
  }
  const view = await viewFor(mosaic, consultation, sources, request);
  await view.learn(request.seeds);
  const { drawn, pointed } = pointedApart(view, request.seeds);
  const { subgraph } = drawn.length > 0 ? await expandIn(view, { ...request, seeds: drawn }) : { subgraph: { nodes: [], edges: [] } };
  const content = exportContent(subgraph, {
    recordsOf: view.recordsOf, edgeRecords: view.edgeRecords, present: view.present, edgesOut: view.edgesOut, decide: view.exportDecision, provenanceOf: view.provenanceOf,
  });
  const hidden = subgraph.nodes.flatMap((n) => view.hiddenOf(n.id));
  const pointers = await disclose(mosaic, consultation, view, { nodes: [], edges: [], extra: content.records, pointed: [...pointed, ...hidden] }, { export: [...request.seeds], format: request.format, hops: request.hops ?? 1, level: request.level ?? 'entity' }, { audit: 'export' });
  const file = request.format === 'graphml' ? toGraphML(content.subgraph, content.notes) : JSON.stringify(toJSON(content.subgraph, content.notes));
  return { file, pointers };
}

// ---- timeline and places --------------------------------------------------------------------

export interface TimelineEvent {
  readonly id: RecordId;
  readonly kind: string;
  readonly date: string;
  readonly end?: string;
  readonly place?: string;
  readonly summary?: string;
  /** A journey's: the countries it left and went to, by name ("Belgium", "Turkey"), and how it was made ("air"). */
  readonly route?: { readonly from?: string; readonly to?: string; readonly by?: string };
  /** The given entities the event involves, and everyone visible it involves. */
  readonly entities: readonly NodeId[];
  readonly involved: readonly NodeId[];
  readonly provenance: readonly RecordId[];
}

export interface MapPlace {
  readonly id: RecordId;
  readonly kind: string;
  readonly label?: string;
  readonly date?: string;
  readonly lat: number;
  readonly lon: number;
  readonly entities: readonly NodeId[];
  readonly provenance: readonly RecordId[];
}

/** The visible events around the visible members of the given nodes, subjects mapped to this level. */
function visibleEvents(view: View, graph: EntityGraph, sources: GraphSources, entities: readonly NodeId[]): { nodes: NodeId[]; items: { event: GraphEvent; involved: NodeId[] }[] } {
  const nodes = [...new Set(givenNodes(view, graph, entities))];
  const items = new Map<RecordId, { event: GraphEvent; involved: NodeId[] }>();
  for (const node of nodes) {
    for (const member of view.recordsOf(node)) {
      for (const event of sources.graph.eventsOf(member)) {
        if (items.has(event.id) || !view.visible(event.id)) continue;
        const involved = [...new Set(event.subjects.filter(view.visible).map(view.nodeFor))];
        items.set(event.id, { event, involved });
      }
    }
  }
  return { nodes, items: [...items.values()] };
}

/** A journey's countries by their names, as a reader says them. */
function routeInWords({ from, to, by }: EventRoute): NonNullable<TimelineEvent['route']> {
  return { ...(from ? { from: countryName(from) } : {}), ...(to ? { to: countryName(to) } : {}), ...(by ? { by } : {}) };
}

/** `pointers`: to the owners of the members the user may not read of the given entities, an entity seen through pointers alone adding no event. */
export async function graphTimeline(mosaic: Mosaic, consultation: Consultation, sources: GraphSources, request: { entities: readonly NodeId[]; since?: string; until?: string; level?: GraphLevel }): Promise<{ events: readonly TimelineEvent[]; undated: readonly TimelineEvent[]; pointers: readonly Pointer[] }> {
  const view = await viewFor(mosaic, consultation, sources, { ...(request.level ? { level: request.level } : {}) });
  await view.learn(request.entities);
  const { drawn, pointed } = pointedApart(view, request.entities);
  const { nodes, items } = await settled(view, (graph) => visibleEvents(view, graph, sources, drawn));
  if (nodes.length === 0 && pointed.length === 0) throw notFound();
  const window = request.since || request.until ? { ...(request.since ? { from: request.since } : {}), ...(request.until ? { to: request.until } : {}) } : undefined;
  const result = timeline(
    items.map(({ event, involved }) => ({
      id: event.id, entities: involved, date: event.date ?? '', kind: event.schema, provenance: [event.id], involved, event,
      ...(event.end ? { end: event.end } : {}), ...(event.summary ? { summary: event.summary } : {}),
    })),
    { entities: nodes, ...(window ? { window } : {}) },
  );
  const out = (entry: (typeof result.entries)[number]): TimelineEvent => {
    const { event, involved } = entry.item;
    return {
      id: event.id, kind: event.schema, date: event.date ?? '', entities: entry.entities, involved, provenance: [event.id],
      ...(event.end ? { end: event.end } : {}), ...(event.place ? { place: event.place } : {}), ...(event.summary ? { summary: event.summary } : {}),
      ...(event.route ? { route: routeInWords(event.route) } : {}),
    };
  };
  const events = result.entries.map(out);
  const undated = result.undated.map(out);
  const pointers = await disclose(mosaic, consultation, view, { nodes, edges: [], extra: [...events, ...undated].map((e) => e.id), pointed: [...pointed, ...nodes.flatMap(view.hiddenOf)] }, { timeline: [...request.entities], level: request.level ?? 'entity' });
  return { events, undated, pointers };
}

/** Ties along which a located record counts as a place of the entity (where they live, what they own). */
const PLACE_TIES: ReadonlySet<string> = new Set(['residence', 'ownership', 'shared-address']);

/** The located records of the given nodes' visible members and of those they are tied to by a place tie, beside the events' places. */
function placesOf(view: View, sources: GraphSources, nodes: readonly NodeId[], items: readonly { event: GraphEvent; involved: NodeId[] }[]): MapPlace[] {
  const recordGraph = sources.graph.graph;
  const candidates: (MapPlace & { readonly date?: string })[] = items.map(({ event, involved }) => ({
    id: event.id, kind: event.schema, lat: event.lat ?? Number.NaN, lon: event.lon ?? Number.NaN, entities: involved, provenance: [event.id],
    ...(event.place ? { label: event.place } : {}), ...(event.date ? { date: event.date } : {}),
  }));
  for (const node of nodes) {
    for (const member of view.recordsOf(node)) {
      const own = sources.graph.locationOf(member);
      if (own) candidates.push({ id: own.id, kind: own.schema, label: own.label, lat: own.lat, lon: own.lon, entities: [node], provenance: [own.id] });
      const v = recordGraph.indexOf(member);
      for (let k = 0; v >= 0 && k < recordGraph.degreeAt(v); k++) {
        const e = recordGraph.incidentAt(v, k);
        const edge = recordGraph.edgeAt(e);
        const other = recordGraph.nodeIdAt(recordGraph.otherEndAt(e, v)) as RecordId;
        const at = sources.graph.locationOf(other);
        // (a located record, an address, holds no identifier: no tie of one many records hold leads to it)
        if (!at || !PLACE_TIES.has(edge.type) || !view.visible(other) || !edge.provenance.every(view.visible)) continue;
        candidates.push({ id: at.id, kind: at.schema, label: at.label, lat: at.lat, lon: at.lon, entities: [node], provenance: [...new Set([at.id, ...edge.provenance])], ...(edge.start ? { date: edge.start } : {}) });
      }
    }
  }
  return candidates;
}

/** `pointers`: to the owners of the members the user may not read of the given entities, an entity seen through pointers alone adding no place. */
export async function graphPlaces(mosaic: Mosaic, consultation: Consultation, sources: GraphSources, request: { entities: readonly NodeId[]; level?: GraphLevel }): Promise<{ places: readonly MapPlace[]; bounds: { south: number; west: number; north: number; east: number } | undefined; withoutCoordinates: number; pointers: readonly Pointer[] }> {
  const view = await viewFor(mosaic, consultation, sources, { ...(request.level ? { level: request.level } : {}) });
  await view.learn(request.entities);
  const { drawn, pointed } = pointedApart(view, request.entities);
  // the places are found in the run, so that a record met there and no longer held is left out by running again (View.unheld)
  const { nodes, candidates } = await settled(view, (graph) => {
    const { nodes: given, items } = visibleEvents(view, graph, sources, drawn);
    return { nodes: given, candidates: placesOf(view, sources, given, items) };
  });
  if (nodes.length === 0 && pointed.length === 0) throw notFound();
  const unique = [...new Map(candidates.map((c) => [`${c.id}@${c.entities.join(',')}`, c] as const)).values()];
  const result = places(unique, { entities: nodes });
  const out = result.places.map(({ item, entities }) => ({ ...item, entities }));
  const pointers = await disclose(mosaic, consultation, view, { nodes, edges: [], extra: out.flatMap((p) => p.provenance), pointed: [...pointed, ...nodes.flatMap(view.hiddenOf)] }, { places: [...request.entities], level: request.level ?? 'entity' });
  return { places: out, bounds: result.bounds, withoutCoordinates: result.withoutCoordinates, pointers };
}
