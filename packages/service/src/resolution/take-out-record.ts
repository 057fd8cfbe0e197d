/**
 * Taking a record out of a subject it was wrongly joined to, whatever joined it (DESIGN.md
 * principle 4: every merge is reversible by a human judgement that then sticks). A subject made
 * when records were resolved together (a store's first full pass, a record resolved into an entity
 * as it arrived) has no merge of two entities to undo (assign-entity-ids.ts logs one only when two
 * entities that were apart are joined): the record is taken out by a not-same judgement between it
 * and each other record of the subject, which every later run respects (cluster-records.ts never
 * puts a `not_same` pair in one cluster; a full pass keeps the two entities apart whole).
 *
 * The subject is the one the analyst sees (historySubject: the part of the entity its id shows
 * them, read as the profile is): the judgements are on pairs of records they may read, as any
 * judgement is (principle 3: a user acts only on what they may see). A record of the entity they
 * may not read is judged nothing: where it goes is the clustering's, and is not told to them.
 */
import { AppError, type EntityId, type RecordId } from '@mosaic/model';
import type { Consultation } from '../organisation.ts';
import { policyContext, policyUser } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import { requirePurpose } from '../consult.ts';
import type { EntityProjection } from './entity-projection.ts';
import { historySubject } from './entity-judgements.ts';
import { decidedSubjects, judgesOwners, logDecided, NOT_THEIR_COUNTRYS, partIdsOf } from './entity-view.ts';

export interface TakenOut {
  /** The subject the record makes up now, as the analyst sees it (GET /records/:id/entity answers it). */
  readonly entity: EntityId | undefined;
  /** The subjects the subject's other records go by now for the analyst (one, unless taking the record out split them further). */
  readonly rest: readonly EntityId[];
  /** The records the record was judged not the same as. */
  readonly apart: readonly RecordId[];
}

const field = (reason: string, kind: 'MOSAIC_NOT_FOUND' | 'MOSAIC_INVALID_INPUT'): AppError => new AppError(kind, `record: ${reason}`, { field: 'record', reason });

/**
 * Takes `record` out of the subject `id` for an analyst who sees both: judged not the same as
 * every other record of the subject they see, logged (purpose, case, every record judged, the
 * note kept with the judgements). An id split since is refused (409): the record is taken out
 * of the part that holds it now. A record not among those the analyst sees of the subject is 404,
 * as a record they may not judge is; the only record they see of it, 400; a pair it would judge
 * of another country's agencies, neither the analyst's own agency's, 403 (judgePair's rule).
 */
export async function takeOutRecord(mosaic: Mosaic, consultation: Consultation, entities: EntityProjection, id: EntityId, record: RecordId, note?: string): Promise<TakenOut> {
  const { user } = consultation;
  if (!user.roles.includes('analyst')) throw new AppError('MOSAIC_FORBIDDEN', 'only analysts take a record out of a subject');
  // a decision on who is whom, under the reviewer's purpose and case, which its audit entry records
  requirePurpose(consultation);
  const subject = await historySubject(mosaic, consultation, entities, id);
  if ('split' in subject) throw new AppError('MOSAIC_CONFLICT', `entity ${id} was split since: take the record out of the subject that holds it now`);
  if (!subject.records.has(record)) throw field('no such record of this subject you may judge', 'MOSAIC_NOT_FOUND');
  const apart = [...subject.records].filter((r) => r !== record).sort();
  if (apart.length === 0) throw field('the only record of this subject you see: there is nothing to take it out of', 'MOSAIC_INVALID_INPUT');
  // each pair judged is one the analyst may judge, as a judgement's is (judgePair): none of two other countries' agencies' records
  const actor = policyUser(user);
  const context = policyContext(await mosaic.org(), consultation);
  const owners = new Map((await mosaic.store.getRecords([record, ...apart])).map((s) => [s.record.id, s.record.provenance.agency]));
  const judgeable = (other: RecordId): boolean => {
    const [mine, theirs] = [owners.get(record), owners.get(other)];
    return mine !== undefined && theirs !== undefined && judgesOwners(mosaic, actor, context, [mine, theirs]);
  };
  if (!apart.every(judgeable)) throw new AppError('MOSAIC_FORBIDDEN', NOT_THEIR_COUNTRYS);
  // the entry names the subject taken apart (the id the analyst acted on, and its entity) and the subjects it makes
  const judged = [record, ...apart];
  const before = [id, subject.entity, ...decidedSubjects(entities, judged, await partIdsOf(mosaic, consultation, entities, judged))];
  await entities.takeOut(record, apart, user.id, note);
  const partIds = await logDecided(mosaic, consultation, entities, judged, before, (subjects) => ({ actor: { user: actor.id, agency: actor.agency }, action: 'combination', purpose: consultation.purpose, caseRef: consultation.caseRef, subjects, records: judged, outcome: 'ok', reason: 'record taken out' }));
  return { entity: partIds.get(record), rest: [...new Set(apart.flatMap((r) => partIds.get(r) ?? []))], apart };
}
