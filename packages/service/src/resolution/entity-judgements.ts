/**
 * Who decided about an entity, and when: the judgements on pairs of its records (DESIGN.md
 * principle 2: the system proposes, a person confirms; principle 4: every merge is reversible by
 * a judgement). The store keeps every judgement whole, history included (judgement.ts); this reads
 * them for someone who sees the entity, as its merges are read (entity-merges.ts), and shows only
 * those on two records the reader may read (principle 3: a judgement on a record they may not read
 * would tell them of it, and of a link or a split their view does not draw).
 */
import { AppError, type AgencyId, type EntityId, type RecordId, type UserId } from '@mosaic/model';
import type { Judgement, Verdict } from '@mosaic/resolution';
import { requirePurpose } from '../consult.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import type { EntityProjection } from './entity-projection.ts';
import { readEntity } from './entity-view.ts';

export interface JudgementSummary {
  readonly a: RecordId;
  readonly b: RecordId;
  readonly verdict: Verdict;
  /** The analyst who judged, and their agency (absent for an account the store no longer holds). */
  readonly by: { readonly user: UserId; readonly agency?: AgencyId };
  readonly at: string;
  readonly note?: string;
}

/**
 * What an id's history is read of: the entity GET /entities/:id shows for it (a retired id: the
 * live entity it leads to), or the parts an id split into that the reader sees, as that answers
 * them. The read is the entity read's consultation (audited, owners told). An entity the reader
 * is shown only pointers to answers as an unknown one: its history is not theirs.
 */
export async function historySubject(mosaic: Mosaic, consultation: Consultation, entities: EntityProjection, id: EntityId): Promise<{ readonly entity: EntityId; readonly records: ReadonlySet<RecordId> } | { readonly split: readonly EntityId[] }> {
  requirePurpose(consultation);
  const answer = await readEntity(mosaic, consultation, entities, id);
  if ('split' in answer) return { split: answer.split };
  if (answer.entity.records.length === 0) throw new AppError('MOSAIC_NOT_FOUND', `entity ${id} not found`);
  return { entity: answer.entity.id, records: new Set(answer.entity.records.map((r) => r.id)) };
}

/** Judgements read at most (every judgement is a person's decision: tens of thousands at national scale). */
const ALL_JUDGEMENTS = 1_000_000;

/**
 * The judgements, newest first, on a pair that holds one of `records` and whose two records the
 * reader may read now (an erased one no longer is): the other may be of another entity (a "not
 * same" that split this one).
 */
export async function judgementsOn(mosaic: Mosaic, consultation: Consultation, records: ReadonlySet<RecordId>): Promise<readonly JudgementSummary[]> {
  // the store keeps judgements by pair, not by record: every one is read, as a full pass reads them
  const all = (await mosaic.store.listDocuments('judgement', { limit: ALL_JUDGEMENTS })).map((d) => d.body as Judgement);
  const touching = all.filter((j) => records.has(j.a) || records.has(j.b));
  const stored = await mosaic.store.getRecords([...new Set(touching.flatMap((j) => [j.a, j.b]))]);
  const user = policyUser(consultation.user);
  const context = policyContext(await mosaic.org(), consultation);
  const readable = new Set(stored.filter((s) => s.deletedAt === undefined && mosaic.decide(user, 'read', { kind: 'record', id: s.record.id, provenance: s.record.provenance }, context).effect === 'allow').map((s) => s.record.id));
  const shown = touching.filter((j) => readable.has(j.a) && readable.has(j.b)).sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
  const agencies = new Map<UserId, AgencyId | undefined>();
  for (const by of new Set(shown.map((j) => j.by))) agencies.set(by, (await mosaic.store.getUser(by))?.agency);
  return shown.map(({ a, b, verdict, by, at, note }) => {
    const agency = agencies.get(by);
    return { a, b, verdict, by: { user: by, ...(agency === undefined ? {} : { agency }) }, at, ...(note === undefined ? {} : { note }) };
  });
}

/**
 * Who decided about an entity: the judgements on its records as the reader sees it (see
 * judgementsOn), for someone who sees at least one of them, as its merges are; an id split since
 * answers the parts the reader sees, as GET /entities/:id does.
 */
export async function entityJudgements(mosaic: Mosaic, consultation: Consultation, entities: EntityProjection, id: EntityId): Promise<{ readonly judgements: readonly JudgementSummary[] } | { readonly split: readonly EntityId[] }> {
  const subject = await historySubject(mosaic, consultation, entities, id);
  if ('split' in subject) return subject;
  return { judgements: await judgementsOn(mosaic, consultation, subject.records) };
}
