/**
 * Who decided about an entity, and when: the judgements on pairs of its records (DESIGN.md
 * principle 2: the system proposes, a person confirms; principle 4: every merge is reversible by
 * a judgement). The store keeps every judgement whole, history included (judgement.ts); this reads
 * them for someone who sees the entity, as its merges are read (entity-merges.ts), and shows only
 * those on two records the reader may read (principle 3: a judgement on a record they may not read
 * would tell them of it, and of a link or a split their view does not draw).
 *
 * The analyst who judged is named to the readers of their own agency; a reader of another agency
 * is told the agency alone (judgedBy), as an agency's auditor is shown only its own users among
 * another agency's group members (audit-search.ts): who works a case at another agency is that
 * agency's to tell, through the contact desk a pointer names.
 */
import { AppError, type AgencyId, type EntityId, type EntityRecord, type RecordId, type UserId } from '@mosaic/model';
import type { Judgement, Verdict } from '@mosaic/resolution';
import { consult, requirePurpose } from '../consult.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import type { EntityProjection } from './entity-projection.ts';
import { entityQuery, readEntity, type EntityPanel } from './entity-view.ts';

/**
 * Who judged, as the reader is told: the analyst (`user`) to a reader of the analyst's own agency,
 * else their agency alone; neither for an account the store no longer holds, whose agency is not known.
 */
export interface JudgedBy {
  readonly user?: UserId;
  readonly agency?: AgencyId;
}

export interface JudgementSummary {
  readonly a: RecordId;
  readonly b: RecordId;
  readonly verdict: Verdict;
  readonly by: JudgedBy;
  readonly at: string;
  readonly note?: string;
}

/** A judgement as the store keeps it, with the agency of the analyst who made it (absent for an account the store no longer holds). */
export interface AttributedJudgement extends Judgement {
  readonly agency?: AgencyId;
}

/** Who made a judgement, as a reader of agency `reader` is told (see JudgedBy). */
export function judgedBy({ by, agency }: Pick<AttributedJudgement, 'by' | 'agency'>, reader: AgencyId): JudgedBy {
  if (agency === undefined) return {};
  return agency === reader ? { user: by, agency } : { agency };
}

/**
 * What an id's history is read of: the entity GET /entities/:id shows for it (a retired id: the
 * live entity it leads to), or the parts an id split into that the reader sees, as that answers
 * them. The read is the entity read's consultation (audited, owners told), its query naming the
 * `panel` it is for (EntityPanel), none for a read that is the profile's. An entity the reader
 * is shown only pointers to answers as an unknown one: its history is not theirs.
 */
export async function historySubject(mosaic: Mosaic, consultation: Consultation, entities: EntityProjection, id: EntityId, panel?: EntityPanel): Promise<{ readonly entity: EntityId; readonly records: ReadonlySet<RecordId> } | { readonly split: readonly EntityId[] }> {
  requirePurpose(consultation);
  const answer = await readEntity(mosaic, consultation, entities, id, panel === undefined ? {} : { panel });
  if ('split' in answer) return { split: answer.split };
  if (answer.entity.records.length === 0) throw new AppError('MOSAIC_NOT_FOUND', `entity ${id} not found`);
  return { entity: answer.entity.id, records: new Set(answer.entity.records.map((r) => r.id)) };
}

/** Judgements read at most (every judgement is a person's decision: tens of thousands at national scale). */
const ALL_JUDGEMENTS = 1_000_000;

/**
 * The judgements, newest first, on a pair that holds one of `records` and whose two records the
 * reader may read now (an erased one no longer is): the other may be of another entity (a "not
 * same" that split this one). With them, the records they name.
 */
export async function judgementsOn(mosaic: Mosaic, consultation: Consultation, records: ReadonlySet<RecordId>): Promise<{ readonly judgements: readonly AttributedJudgement[]; readonly named: readonly EntityRecord[] }> {
  // the store keeps judgements by pair, not by record: every one is read, as a full pass reads them
  const all = (await mosaic.store.listDocuments('judgement', { limit: ALL_JUDGEMENTS })).map((d) => d.body as Judgement);
  const touching = all.filter((j) => records.has(j.a) || records.has(j.b));
  const stored = await mosaic.store.getRecords([...new Set(touching.flatMap((j) => [j.a, j.b]))]);
  const user = policyUser(consultation.user);
  const context = policyContext(await mosaic.org(), consultation);
  const readable = new Map(stored.filter((s) => s.deletedAt === undefined && mosaic.decide(user, 'read', { kind: 'record', id: s.record.id, provenance: s.record.provenance }, context).effect === 'allow').map((s) => [s.record.id, s.record]));
  const shown = touching.filter((j) => readable.has(j.a) && readable.has(j.b)).sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
  const agencies = new Map<UserId, AgencyId | undefined>();
  for (const by of new Set(shown.map((j) => j.by))) agencies.set(by, (await mosaic.store.getUser(by))?.agency);
  const named = new Set(shown.flatMap((j) => [j.a, j.b]));
  return {
    judgements: shown.map((j) => {
      const agency = agencies.get(j.by);
      return agency === undefined ? j : { ...j, agency };
    }),
    named: [...readable.values()].filter((r) => named.has(r.id)),
  };
}

/**
 * Who decided about an entity: the judgements on its records as the reader sees it (see
 * judgementsOn), for someone who sees at least one of them, as its merges are; an id split since
 * answers the parts the reader sees, as GET /entities/:id does. The records of other entities the
 * judgements name (the other side of a "not same") pass the gate as a read under the entity
 * read's query (`{ entity, view: 'judgements' }`), so that the audit log lists them, and their
 * owners are told, as for the entity's own.
 */
export async function entityJudgements(mosaic: Mosaic, consultation: Consultation, entities: EntityProjection, id: EntityId): Promise<{ readonly judgements: readonly JudgementSummary[] } | { readonly split: readonly EntityId[] }> {
  const subject = await historySubject(mosaic, consultation, entities, id, 'judgements');
  if ('split' in subject) return subject;
  const { judgements, named } = await judgementsOn(mosaic, consultation, subject.records);
  const others = named.filter((r) => !subject.records.has(r.id));
  const { visible } = others.length > 0 ? await consult(mosaic, consultation, others, { action: 'read', query: entityQuery(id, 'judgements'), subjects: [subject.entity] }) : { visible: [] };
  const shown = new Set([...subject.records, ...visible.map((r) => r.id)]);
  const reader = consultation.user.agency;
  return {
    judgements: judgements.filter((j) => shown.has(j.a) && shown.has(j.b)).map((j) => ({
      a: j.a, b: j.b, verdict: j.verdict, by: judgedBy(j, reader), at: j.at, ...(j.note === undefined ? {} : { note: j.note }),
    })),
  };
}
