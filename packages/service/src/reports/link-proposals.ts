/**
 * Link proposals for entities extracted from a report. For a person or an organisation: which
 * existing records may be the same, with the matcher's score and explanation; candidates come
 * from the resolution's own blocking (the entity projection, when the node keeps one) and the
 * name index. For a phone number, an e-mail address, a document number or a plate: which
 * existing records hold the same one (a person holding the phone, a phone record, a vehicle with
 * that plate, a person with that passport number…), exactly or, for documents and plates, as
 * OCR misreads it, found by the one identifier lookup (identifier-holders.ts).
 * Every candidate is scored first, whether the reviewer may see it or not (as a search ranks and
 * a check screens records the user is not shown: the score reads the mention and that record
 * alone). Only then do the proposals pass one consult(): the best of those the reviewer may see,
 * and the best of those they may not, which give a pointer where their owner allows one. A
 * candidate not worth proposing was never asked about, so it gives no pointer, tells its owner
 * nothing and is no disclosure; a proposal never names a record the reviewer may not see, and
 * the consultation is on the audit log with its purpose and the records it showed.
 * A name's explanation reaches the reviewer with the words that agreed named (withExplainedWords:
 * the report's spelling beside the record's), once the gate has shown them the record, and only
 * in the answer: the review keeps no proposal.
 */
import type { ExtractedEntity } from '@mosaic/extract';
import { withExplainedWords, type Explanation } from '@mosaic/matching';
import type { EntityId, EntityRecord, Properties, RecordId, SchemaRegistry } from '@mosaic/model';
import type { Decision, Pointer } from '@mosaic/policy';
import { compareRecords, DEFAULT_THRESHOLDS } from '@mosaic/resolution';
import { validateQuery, type PreparedQuery, type ScreeningIndex } from '@mosaic/screening';
import { consult } from '../consult.ts';
import { heldIn, identifierHolders, type IdentifierKind } from '../identifiers/identifier-holders.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import { captionOf } from '../records.ts';
import type { EntityProjection } from '../resolution/entity-projection.ts';
import { partIdsOf } from '../resolution/entity-view.ts';
import type { Mosaic } from '../runtime.ts';
import { IDENTIFIER_SCHEMATA, isErasedEntity, type LinkProposal } from './report-review.ts';

export interface ProposalOptions {
  /** Proposals kept per extracted entity, best first. */
  readonly perEntity?: number;
  /** Below this probability a candidate is not worth a person's time (the review queue's lower bound). */
  readonly minScore?: number;
  readonly entities?: EntityProjection;
  /**
   * Where identifiers are looked up: the watchlist's index and the identifier projection's
   * (identifierIndexes). Without them an extracted identifier gets no proposal.
   */
  readonly identifiers?: readonly ScreeningIndex[];
  /** Records never proposed (those this report already made). */
  readonly exclude?: ReadonlySet<RecordId>;
}

/** What a node keeps that proposals are found in: the resolved entities, and the indexes identifiers are looked up in. */
export type ReviewIndexes = Pick<ProposalOptions, 'entities' | 'identifiers'>;

export interface Proposals {
  /** By extracted entity id. */
  readonly byEntity: ReadonlyMap<string, readonly LinkProposal[]>;
  readonly pointers: readonly Pointer[];
}

/** Holders of one identifier read per index: more than a reviewer compares, few enough to consult. */
const HOLDERS_READ = 20;

/** The properties of an extracted entity that its record schema has (extraction's `age` is not a property). */
export function recordProperties(registry: SchemaRegistry, schema: string, entity: ExtractedEntity): Record<string, string[]> {
  const definition = registry.get(schema);
  const out: Record<string, string[]> = {};
  for (const [property, values] of Object.entries(entity.properties)) {
    if (definition?.properties.has(property)) out[property] = [...values];
  }
  return out;
}

/** Where a phone, an e-mail account, a document or a vehicle names who holds it. */
const HOLDER_PROPERTY: Readonly<Record<string, string>> = { Phone: 'holder', Email: 'holder', Identification: 'holder', Vehicle: 'owner' };

/**
 * The property in which a record of `schema` names a record of `holder` as its holder (a Phone's
 * holder is a legal entity, an Identification's a person, a Vehicle's owner a legal entity);
 * undefined when the model has no such relation between the two.
 */
export function holderProperty(registry: SchemaRegistry, schema: string, holder: string): string | undefined {
  const property = HOLDER_PROPERTY[schema];
  const range = property === undefined ? undefined : registry.get(schema)?.properties.get(property)?.range;
  return property !== undefined && range !== undefined && registry.isA(holder, range) ? property : undefined;
}

/** An extracted identifier as a lookup asks it; undefined when it is not one the lookup reads (a national number too short…). */
function identifierQuery(entity: ExtractedEntity): { readonly kind: IdentifierKind; readonly query: PreparedQuery } | undefined {
  const kind = IDENTIFIER_SCHEMATA[entity.schema];
  if (kind === undefined) return undefined;
  const validated = validateQuery({ [kind]: entity.name });
  return validated.ok ? { kind, query: validated.query } : undefined;
}

/** One extracted entity's candidates, and how a visible one becomes a proposal (or none). */
interface Probe {
  readonly entity: ExtractedEntity;
  readonly candidates: Set<RecordId>;
  /** A person's or an organisation's: the entity as the matcher scored it against each candidate (its name is the report's). */
  readonly scoredAs?: Pick<EntityRecord, 'schema' | 'properties'>;
  propose(record: EntityRecord): Omit<LinkProposal, 'record' | 'entity' | 'schema' | 'caption' | 'agency'> | undefined;
}

export async function proposeLinks(mosaic: Mosaic, consultation: Consultation, extracted: readonly ExtractedEntity[], { perEntity = 3, minScore = DEFAULT_THRESHOLDS.reviewLow, entities: projection, identifiers = [], exclude = new Set() }: ProposalOptions = {}): Promise<Proposals> {
  // an entity a person's erasure took is neither looked up nor named in the consultation's query
  const entities = extracted.filter((entity) => !isErasedEntity(entity));
  const probes: Probe[] = [];
  for (const entity of entities) {
    const candidates = new Set<RecordId>();
    if (IDENTIFIER_SCHEMATA[entity.schema] !== undefined) {
      const asked = identifierQuery(entity);
      if (!asked) continue;
      for (const id of identifierHolders(identifiers, asked.query, HOLDERS_READ).held.keys()) candidates.add(id);
      probes.push({
        entity, candidates,
        propose: (record) => {
          // The index finds candidates; the record itself says which property holds the identifier.
          const held = heldIn(record, asked.kind, asked.query);
          if (!held) return undefined;
          const link = holderProperty(mosaic.registry, entity.schema, record.schema) !== undefined ? 'holder' : 'lead';
          return { score: held.how === 'exact' ? 1 : 0.99, match: held.how === 'exact', explain: [], identifier: { kind: asked.kind, ...held, link } };
        },
      });
    } else {
      const probe = { schema: entity.schema, properties: { ...recordProperties(mosaic.registry, entity.schema, entity), name: [entity.name] } as Properties };
      for (const candidate of projection?.candidates(probe, 20) ?? []) candidates.add(candidate.record);
      for (const hit of await mosaic.store.searchNames(entity.name, { limit: 20, schema: entity.schema })) candidates.add(hit.id);
      probes.push({
        entity, candidates, scoredAs: probe,
        propose: (record) => {
          // The resolution's own model where there is one (trained on this store's records once it
          // holds enough), so a proposal's score means what the entity it points to was built with.
          const scored = projection ? projection.explain(probe, record) : compareRecords(probe, record);
          return scored.probability < minScore ? undefined : { score: scored.probability, match: scored.match, explain: scored.explain };
        },
      });
    }
    for (const id of exclude) candidates.delete(id);
  }
  const all = [...new Set(probes.flatMap((p) => [...p.candidates]))];
  if (all.length === 0) return { byEntity: new Map(), pointers: [] };
  const stored = new Map((await mosaic.store.getRecords(all)).map((s) => [s.record.id, s.record]));
  // What the policy makes of each candidate decides which are shown, before anything is logged
  // or told: only the proposals then go through the gate.
  const user = policyUser(consultation.user);
  const context = policyContext(await mosaic.org(), consultation);
  const effect = new Map([...stored.values()].map((r) => [r.id, mosaic.decide(user, 'search', { kind: 'record', id: r.id, provenance: r.provenance }, context).effect]));
  const worth = probes.map(({ entity, candidates, scoredAs, propose }) => ({
    entity, scoredAs,
    proposed: [...candidates].flatMap((id) => {
      const record = stored.get(id);
      const proposed = record ? propose(record) : undefined;
      return record && proposed ? [{ record, proposed }] : [];
    }),
  }));
  // A record the reviewer may see is named by the id its part goes by for them (reader-view.ts,
  // as its profile and the review queue name it), and proposals are one per such subject: by the
  // entity resolution holds, two people joined only through records the reviewer may not read
  // were told as one entity, the one id named for both. Those the policy points to are chosen by
  // the entity resolution holds, which is never shown.
  const seen = worth.flatMap(({ proposed }) => proposed.flatMap(({ record }) => (effect.get(record.id) === 'allow' ? [record.id] : [])));
  const goesBy = projection ? await partIdsOf(mosaic, consultation, projection, [...new Set(seen)]) : new Map<RecordId, EntityId>();
  const scored = worth.map(({ entity, scoredAs, proposed }) => {
    const proposals: LinkProposal[] = proposed.map(({ record, proposed: scores }) => {
      const entityId = effect.get(record.id) === 'allow' ? goesBy.get(record.id) : projection?.entityOf(record.id);
      return { record: record.id, ...(entityId ? { entity: entityId } : {}), schema: record.schema, caption: captionOf(mosaic.registry, record), agency: record.provenance.agency, ...scores };
    });
    // The reviewer's proposals are chosen among the records they may see, so that those they may
    // not neither crowd them out nor reorder them; those the policy points to, chosen alike, are
    // asked about only to point to their owners (a record denied outright gives nothing).
    const of = (wanted: Decision['effect']): LinkProposal[] => bestProposals(proposals.filter((p) => effect.get(p.record) === wanted), perEntity);
    return { entity, scoredAs, shown: of('allow'), unseen: of('pointer') };
  });
  const asked = [...new Set(scored.flatMap((s) => [...s.shown, ...s.unseen].map((p) => p.record)))].flatMap((id) => stored.get(id) ?? []);
  const { visible, pointers } = await consult(mosaic, consultation, asked, {
    action: 'search', query: { reportLinks: entities.map((e) => e.name) },
  });
  const shown = new Set(visible.map((r) => r.id));
  const byEntity = new Map<string, LinkProposal[]>();
  for (const { entity, scoredAs, shown: proposals } of scored) {
    // the gate has the last word: a record it did not show (the organisation changed meanwhile) is
    // not proposed; one it showed is the reviewer's to read, and its words that agreed are named
    const kept = proposals.filter((p) => shown.has(p.record)).map((p) => withTellingApart(withWordsNamed(p, scoredAs, stored.get(p.record)), stored.get(p.record)));
    if (kept.length > 0) byEntity.set(entity.id, kept);
  }
  return { byEntity, pointers };
}

/**
 * The proposal with its name's agreeing tokens named by their words, the entity's (`scoredAs`, the
 * reviewer's own report) and the record's: for a record the gate has shown the reviewer only.
 */
function withWordsNamed(proposal: LinkProposal, scoredAs: Pick<EntityRecord, 'schema' | 'properties'> | undefined, record: EntityRecord | undefined): LinkProposal {
  if (!scoredAs || !record || !Array.isArray(proposal.explain)) return proposal;
  return { ...proposal, explain: withExplainedWords(proposal.explain as readonly Explanation[], scoredAs, record) };
}

/** What tells candidates of one name apart, as a reviewer compares them: a person's dates of birth and nationalities. */
const TELLING_APART = ['birthDate', 'nationality'] as const;

/**
 * The proposal with the values of its record that tell it from another of the same name
 * (TELLING_APART): for a record the gate has shown the reviewer only, whose values they may read.
 */
function withTellingApart(proposal: LinkProposal, record: EntityRecord | undefined): LinkProposal {
  if (!record || proposal.identifier) return proposal;
  const values = Object.fromEntries(TELLING_APART.flatMap((property) => {
    const held = record.properties[property];
    return held?.length ? [[property, [...held]]] : [];
  }));
  return { ...proposal, ...values };
}

/** The best `perEntity` proposals, one per resolved entity (its best-scoring member stands for it). */
function bestProposals(proposals: readonly LinkProposal[], perEntity: number): LinkProposal[] {
  // Equally sure, a record that may hold the identifier (a person with that phone) before
  // another record of it (a phone record): the holder is the lead a reviewer is after.
  const leadLast = (p: LinkProposal): number => (p.identifier?.link === 'lead' ? 1 : 0);
  const sorted = [...proposals].sort((a, b) => b.score - a.score || leadLast(a) - leadLast(b) || (a.record < b.record ? -1 : 1));
  const seen = new Set<string>();
  const distinct = sorted.filter((p) => {
    const key = p.entity ?? p.record;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return distinct.slice(0, perEntity);
}
