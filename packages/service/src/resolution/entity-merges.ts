/**
 * How an entity was built, and taking a merge apart (DESIGN.md principle 4: every merge is
 * reversible by a human judgement). Both are for someone who sees the entity, not for someone
 * shown only a pointer to it (principle 3: what a user cannot see must not leak through what is
 * derived from it, a merge history included). Undoing a merge records a not-same judgement on
 * the pair of records that linked its two sides, so it asks what a judgement asks: an analyst
 * who may read both records of that pair (anything else answers as an unknown entity or merge),
 * and whose agency owns one of them or is of the country of both (else 403, in words).
 */
import { AppError, type EntityId, type RecordId } from '@mosaic/model';
import { pairKey } from '@mosaic/resolution';
import { requirePurpose } from '../consult.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import type { EntityProjection } from './entity-projection.ts';
import { decidedSubjects, judgesOwners, logDecided, NOT_THEIR_COUNTRYS, partIdsOf } from './entity-view.ts';
import { historySubject, judgedBy, judgementsOn, type AttributedJudgement, type JudgedBy } from './entity-judgements.ts';

/** Merges are looked at and undone as a resolution review. */

/** `by`: on a merge a judgement made, who made the "same" it follows, where that is known (see entityMerges), told as a judgement's author is (JudgedBy). */
export type MergeSummary = Omit<Awaited<ReturnType<EntityProjection['merges']>>[number], 'link'> & { readonly by?: JudgedBy };

/**
 * The merges that built the entity (through the entities it absorbed too), for someone who sees
 * at least one of its records (the read is a consultation): those whose linking pair of records
 * they may both read (an undone one too, its two sides apart since). A merge made through a
 * record they may not read would tell them of it, and of a link their view of the entity does
 * not draw. A retired id answers with the live entity's merges, an id split since with the parts
 * the reader sees (historySubject), as GET /entities/:id answers them; the read is logged as the
 * entity's, its query naming the panel (`{ entity, view: 'merges' }`).
 *
 * A merge a judgement made names who made the "same" it follows (`by`: the analyst to a reader of
 * their agency, else the agency, as the judgements name them), on a pair of records the reader
 * may read: the judgement made at the merge's instant (a judgement is applied at once, its merges
 * stamped with its time), else the latest "same" on the merge's linking pair before it. A merge a
 * full pass made after a "same" on another pair than its link names nobody: the judgements (GET
 * /entities/:id/judgements) say who decided.
 */
export async function entityMerges(mosaic: Mosaic, consultation: Consultation, entities: EntityProjection, id: EntityId): Promise<{ readonly merges: readonly MergeSummary[] } | { readonly split: readonly EntityId[] }> {
  const subject = await historySubject(mosaic, consultation, entities, id, 'merges');
  if ('split' in subject) return subject;
  const merges = await entities.merges(subject.entity);
  const context = policyContext(await mosaic.org(), consultation);
  const linked = await mosaic.store.getRecords([...new Set(merges.flatMap((m) => m.link))]);
  const readable = new Set<string>(linked.filter((r) => r.deletedAt === undefined && mosaic.decide(policyUser(consultation.user), 'read', { kind: 'record', id: r.record.id, provenance: r.record.provenance }, context).effect === 'allow').map((r) => r.record.id));
  const shown = merges.filter((m) => m.link.every((record) => readable.has(record)));
  const judged = shown.some((m) => m.kind === 'judgement') ? (await judgementsOn(mosaic, consultation, new Set([...subject.records, ...shown.flatMap((m) => m.link)]))).judgements : [];
  // the link itself is the check's, not the answer's
  return {
    merges: shown.map(({ link, ...merge }) => {
      const made = merge.kind === 'judgement' ? mergedBy(judged, { link, at: merge.at }) : undefined;
      return made === undefined ? merge : { ...merge, by: judgedBy(made, consultation.user.agency) };
    }),
  };
}

/** The "same" that made a merge at `at` linked by `link` (see entityMerges), from judgements newest first. */
function mergedBy(judgements: readonly AttributedJudgement[], { link, at }: { readonly link: readonly [RecordId, RecordId]; readonly at: string }): AttributedJudgement | undefined {
  const same = judgements.filter((j) => j.verdict === 'same');
  const atOnce = same.filter((j) => j.at === at);
  // two analysts' judgements at one instant: which made the merge is not known
  if (atOnce.length > 0) return new Set(atOnce.map((j) => j.by)).size === 1 ? atOnce[0] : undefined;
  return same.find((j) => j.at <= at && pairKey(j.a, j.b) === pairKey(link[0], link[1]));
}

/** Undoes a merge for an analyst who may read and judge both records of the pair that linked its sides; logged with every pair the undo judged not the same. */
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
  // the not-same it writes is a judgement on the pair, for one who may judge it (judgePair's rule)
  const [first, second] = records.map((r) => r.record.provenance.agency);
  if (first === undefined || second === undefined || !judgesOwners(mosaic, policyUser(user), context, [first, second])) throw new AppError('MOSAIC_FORBIDDEN', NOT_THEIR_COUNTRYS);
  const before = [event.survivor, event.absorbed, ...decidedSubjects(entities, event.link, await partIdsOf(mosaic, consultation, entities, event.link))];
  const judged = await entities.undo(mergeId, user.id);
  // the entry names every record the undo judged (its link, and the pair of a "same" it overrules), as a judgement's names its pair,
  // and the subjects: the two the merge joined, the one they made, and those they are now
  const named = [...new Set([...event.link, ...judged.flatMap((j) => [j.a, j.b])])];
  await logDecided(mosaic, consultation, entities, named, before, (subjects) => ({ actor: { user: user.id, agency: user.agency }, action: 'combination', purpose: consultation.purpose, caseRef: consultation.caseRef, subjects, records: named, outcome: 'ok', reason: 'merge undone' }));
}
