/**
 * How an entity was built, and taking a merge apart (DESIGN.md principle 4: every merge is
 * reversible by a human judgement). Both are for someone who sees the entity, not for someone
 * shown only a pointer to it (principle 3: what a user cannot see must not leak through what is
 * derived from it, a merge history included). Undoing a merge records a not-same judgement on
 * the pair of records that linked its two sides, so it asks what a judgement asks: an analyst
 * who may read both records of that pair. Anything else answers as an unknown entity or merge.
 */
import { AppError, type EntityId } from '@mosaic/model';
import { requirePurpose } from '../consult.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import type { EntityProjection } from './entity-projection.ts';
import { readEntity } from './entity-view.ts';

/** Merges are looked at and undone as a resolution review. */

export type MergeSummary = Omit<Awaited<ReturnType<EntityProjection['merges']>>[number], 'link'>;

/**
 * The merges that built the entity (through the entities it absorbed too), for someone who sees
 * at least one of its records (the read is a consultation): those whose linking pair of records
 * they may both read (an undone one too, its two sides apart since). A merge made through a
 * record they may not read would tell them of it, and of a link their view of the entity does
 * not draw.
 */
export async function entityMerges(mosaic: Mosaic, consultation: Consultation, entities: EntityProjection, id: EntityId): Promise<readonly MergeSummary[]> {
  requirePurpose(consultation);
  const answer = await readEntity(mosaic, consultation, entities, id);
  if (!('entity' in answer) || answer.entity.records.length === 0) throw new AppError('MOSAIC_NOT_FOUND', `entity ${id} not found`);
  // a retired id answers with the live entity it leads to, whose history this is
  const merges = await entities.merges(answer.entity.id);
  const context = policyContext(await mosaic.org(), consultation);
  const linked = await mosaic.store.getRecords([...new Set(merges.flatMap((m) => m.link))]);
  const readable = new Set<string>(linked.filter((r) => r.deletedAt === undefined && mosaic.decide(policyUser(consultation.user), 'read', { kind: 'record', id: r.record.id, provenance: r.record.provenance }, context).effect === 'allow').map((r) => r.record.id));
  // the link itself is the check's, not the answer's
  return merges.filter((m) => m.link.every((record) => readable.has(record))).map(({ link: _link, ...merge }) => merge);
}

/** Undoes a merge for an analyst who may read both records of the pair that linked its sides; logged with that pair. */
export async function undoEntityMerge(mosaic: Mosaic, consultation: Consultation, entities: EntityProjection, mergeId: string): Promise<void> {
  const { user } = consultation;
  if (!user.roles.includes('analyst')) throw new AppError('MOSAIC_FORBIDDEN', 'only analysts undo merges');
  // a change to who is whom, under the reviewer's purpose and case, which its audit entry records
  requirePurpose(consultation);
  const unknown = (): AppError => new AppError('MOSAIC_NOT_FOUND', 'no such merge');
  const event = await entities.mergeEvent(mergeId);
  if (!event) throw unknown();
  const context = policyContext(await mosaic.org(), consultation);
  const records = await mosaic.store.getRecords([...event.link]);
  const readable = records.length === 2 && records.every((r) => r.deletedAt === undefined && mosaic.decide(policyUser(user), 'read', { kind: 'record', id: r.record.id, provenance: r.record.provenance }, context).effect === 'allow');
  if (!readable) throw unknown();
  await entities.undo(mergeId, user.id);
  await mosaic.audit.append({ actor: { user: user.id, agency: user.agency }, action: 'combination', purpose: consultation.purpose, caseRef: consultation.caseRef, records: [...event.link], outcome: 'ok', reason: 'merge undone' });
}
