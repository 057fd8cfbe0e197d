/**
 * Link proposals for entities extracted from a report: which existing records may be the same
 * person or organisation, with the matcher's score and explanation. Candidates come from the
 * resolution's own blocking (the entity projection, when the node keeps one) and the name index;
 * every candidate passes consult() before it is scored, so a proposal never names a record the
 * reviewer may not see, and the consultation is on the audit log with its purpose.
 */
import type { ExtractedEntity } from '@mosaic/extract';
import type { EntityRecord, Properties, RecordId, SchemaRegistry } from '@mosaic/model';
import type { Pointer } from '@mosaic/policy';
import { compareRecords, DEFAULT_THRESHOLDS } from '@mosaic/resolution';
import { consult } from '../consult.ts';
import type { Consultation } from '../organisation.ts';
import { captionOf } from '../records.ts';
import type { EntityProjection } from '../resolution/entity-projection.ts';
import type { Mosaic } from '../runtime.ts';
import type { LinkProposal } from './report-review.ts';

export interface ProposalOptions {
  /** Proposals kept per extracted entity, best first. */
  readonly perEntity?: number;
  /** Below this probability a candidate is not worth a person's time (the review queue's lower bound). */
  readonly minScore?: number;
  readonly entities?: EntityProjection;
  /** Records never proposed (those this report already made). */
  readonly exclude?: ReadonlySet<RecordId>;
}

export interface Proposals {
  /** By extracted entity id. */
  readonly byEntity: ReadonlyMap<string, readonly LinkProposal[]>;
  readonly pointers: readonly Pointer[];
}

/** The properties of an extracted entity that its record schema has (extraction's `age` is not a property). */
export function recordProperties(registry: SchemaRegistry, schema: string, entity: ExtractedEntity): Record<string, string[]> {
  const definition = registry.get(schema);
  const out: Record<string, string[]> = {};
  for (const [property, values] of Object.entries(entity.properties)) {
    if (definition?.properties.has(property)) out[property] = [...values];
  }
  return out;
}

export async function proposeLinks(mosaic: Mosaic, consultation: Consultation, entities: readonly ExtractedEntity[], { perEntity = 3, minScore = DEFAULT_THRESHOLDS.reviewLow, entities: projection, exclude = new Set() }: ProposalOptions = {}): Promise<Proposals> {
  const probes = entities.map((entity) => ({ entity, probe: { schema: entity.schema, properties: { ...recordProperties(mosaic.registry, entity.schema, entity), name: [entity.name] } as Properties } }));
  const wanted = new Map<string, Set<RecordId>>();
  for (const { entity, probe } of probes) {
    const ids = new Set<RecordId>();
    for (const candidate of projection?.candidates(probe, 20) ?? []) ids.add(candidate.record);
    for (const hit of await mosaic.store.searchNames(entity.name, { limit: 20, schema: entity.schema })) ids.add(hit.id);
    for (const id of exclude) ids.delete(id);
    wanted.set(entity.id, ids);
  }
  const all = [...new Set([...wanted.values()].flatMap((ids) => [...ids]))];
  if (all.length === 0) return { byEntity: new Map(), pointers: [] };
  const stored = await mosaic.store.getRecords(all);
  const { visible, pointers } = await consult(mosaic, consultation, stored.map((s) => s.record), {
    action: 'search', query: { reportLinks: entities.map((e) => e.name) },
  });
  const shown = new Map<RecordId, EntityRecord>(visible.map((r) => [r.id, r]));
  const byEntity = new Map<string, LinkProposal[]>();
  for (const { entity, probe } of probes) {
    const proposals: LinkProposal[] = [];
    for (const id of wanted.get(entity.id) ?? []) {
      const record = shown.get(id);
      if (!record) continue;
      // The resolution's own model where there is one (trained on this store's records once it
      // holds enough), so a proposal's score means what the entity it points to was built with.
      const scored = projection ? projection.explain(probe, record) : compareRecords(probe, record);
      if (scored.probability < minScore) continue;
      const entityId = projection?.entityOf(id);
      proposals.push({
        record: id, ...(entityId ? { entity: entityId } : {}), caption: captionOf(mosaic.registry, record), agency: record.provenance.agency,
        score: scored.probability, match: scored.match, explain: scored.explain,
      });
    }
    proposals.sort((a, b) => b.score - a.score || (a.record < b.record ? -1 : 1));
    // One proposal per entity: its best-scoring member stands for it.
    const seen = new Set<string>();
    const distinct = proposals.filter((p) => {
      const key = p.entity ?? p.record;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (distinct.length > 0) byEntity.set(entity.id, distinct.slice(0, perEntity));
  }
  return { byEntity, pointers };
}
