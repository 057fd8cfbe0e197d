/**
 * Resolved entities and the people who decide about them: the merged profile, the review queue
 * of uncertain pairs, judgements (same / not same / unsure), merges and their undo, and a
 * one-off comparison of two records.
 */
import { defaultModel, withExplainedWords } from '@mosaic/matching';
import { EntityId, RecordId } from '@mosaic/model';
import { compareRecords, kindMismatch, parseEntityObject, VERDICTS, type CompareRecord } from '@mosaic/resolution';
import { entityJudgements, entityMerges, entityOfRecord, judgePair, readEntity, reviewPairs, takeOutRecord, undoEntityMerge, type Projections } from '@mosaic/service';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '@mosaic/model';
import { z } from 'zod';
import { requirePurpose, requireUser } from '../request-context.ts';
import { AlertOut, PointerOut, ProvenanceOut, PurposeFieldsOrHeaders, PurposeHeaders, RecordOut } from './views.ts';

const Params = z.object({ id: z.string().min(1).max(300) });
const Value = z.object({ value: z.string(), sources: z.array(z.object({ record: z.string(), provenance: ProvenanceOut })).readonly() });
const EntityOut = z.object({
  id: z.string(), redirectedFrom: z.string().optional(), schema: z.string(), caption: z.string(),
  properties: z.record(z.string(), z.array(Value).readonly()), records: z.array(RecordOut).readonly(), pointers: z.array(PointerOut).readonly(),
  alerts: z.array(AlertOut.extend({ agency: z.string() })).readonly().describe('Alerts in force on the records shown that you may read, most binding first'),
});
/** Who judged: the analyst to a reader of their own agency, else the agency alone; neither for an account no longer held. */
const JudgedBy = z.object({ user: z.string().optional(), agency: z.string().optional() });
const Thing = z.object({ schema: z.string().min(1).max(64), properties: z.record(z.string(), z.array(z.string().max(1000)).max(100)) });

const invalidField = (field: string, reason: string): AppError => new AppError('MOSAIC_INVALID_INPUT', `${field}: ${reason}`, { field, reason });

/** A record to compare, its schema known and its values clean as ingest would have them; else a 400 naming the side, the field and the reason. */
function checkedThing(thing: z.infer<typeof Thing>, side: 'a' | 'b'): CompareRecord {
  const parsed = parseEntityObject(thing, side);
  if (parsed.ok) return parsed.record;
  const field = `${side}.${parsed.error?.field ?? 'record'}`;
  throw invalidField(field, parsed.error?.reason ?? parsed.reason);
}

export function entityRoutes(projections: Projections) {
  return async function routes(api: FastifyInstance): Promise<void> {
    const app = api.withTypeProvider<ZodTypeProvider>();
    app.get('/entities/:id', {
      schema: { tags: ['entities'], summary: 'A resolved entity: every value with its provenance, merged from what you may see, plus pointers',
        params: Params, headers: PurposeHeaders, querystring: z.object({ record: z.string().max(300).optional().describe('The record you came from: of an entity that falls apart on what you may see, the part holding it') }),
        response: { 200: z.object({ entity: EntityOut.optional(), split: z.array(z.string()).readonly().optional() }) } },
    }, async (request) => {
      const user = await requireUser(request);
      // alerts are read from the screening projection: bring it up to what is stored (one just issued)
      await projections.follower.catchUp();
      const anchor = request.query.record;
      return readEntity(api.mosaic, { user, ...requirePurpose(undefined, request) }, projections.entities, EntityId(request.params.id), { screening: projections.screening, ...(anchor ? { anchor: RecordId(anchor) } : {}) });
    });

    app.get('/records/:id/entity', {
      schema: { tags: ['entities'], summary: 'The entity a record you may read belongs to: its id only (a lookup, logged; reading the entity is the consultation that tells the owners)', params: Params, headers: PurposeHeaders, response: { 200: z.object({ entity: z.string() }) } },
    }, async (request) => {
      const user = await requireUser(request);
      return { entity: await entityOfRecord(api.mosaic, { user, ...requirePurpose(undefined, request) }, projections.entities, RecordId(request.params.id)) };
    });

    app.get('/entities/:id/merges', {
      schema: { tags: ['resolution'], summary: 'Merges that built this entity (each can be undone); a consultation (purpose headers). An id split since answers the parts you see, as GET /entities/:id does',
        params: Params, headers: PurposeHeaders,
        response: { 200: z.object({
          merges: z.array(z.object({
            id: z.string(), survivor: z.string(), absorbed: z.string(), probability: z.number(), kind: z.string(), at: z.string(), undone: z.boolean(),
            by: JudgedBy.optional().describe('On a merge a judgement made: who made the "same" it follows, where known'),
          })).readonly().optional(),
          split: z.array(z.string()).readonly().optional(),
        }) } },
    }, async (request) => {
      const user = await requireUser(request);
      return entityMerges(api.mosaic, { user, ...requirePurpose(undefined, request) }, projections.entities, EntityId(request.params.id));
    });

    app.get('/entities/:id/judgements', {
      schema: { tags: ['resolution'], summary: 'Who decided about this entity: judgements on pairs of its records you may read both of, newest first; a consultation (purpose headers). An id split since answers the parts you see, as GET /entities/:id does',
        params: Params, headers: PurposeHeaders,
        response: { 200: z.object({
          judgements: z.array(z.object({
            a: z.string(), b: z.string(), verdict: z.enum(VERDICTS), by: JudgedBy, at: z.string(), note: z.string().optional(),
          })).readonly().optional(),
          split: z.array(z.string()).readonly().optional(),
        }) } },
    }, async (request) => {
      const user = await requireUser(request);
      return entityJudgements(api.mosaic, { user, ...requirePurpose(undefined, request) }, projections.entities, EntityId(request.params.id));
    });

    app.post('/merges/:id/undo', {
      schema: { tags: ['resolution'], summary: 'Undo a merge; a not-same judgement keeps the two apart from then on (purpose headers, recorded in its audit entry)', params: Params, headers: PurposeHeaders, response: { 204: z.null() } },
    }, async (request, reply) => {
      const user = await requireUser(request);
      await undoEntityMerge(api.mosaic, { user, ...requirePurpose(undefined, request) }, projections.entities, request.params.id);
      return reply.status(204).send(null);
    });

    app.post('/entities/:id/take-out', {
      schema: { tags: ['resolution'], summary: 'Take a record out of a subject, whatever joined it: judged not the same as each other record of the subject you see, for good (analysts; purpose and case as fields or headers, recorded in its audit entry)',
        params: Params, headers: PurposeHeaders,
        body: z.object({ record: z.string().min(1).max(300), note: z.string().max(2000).optional(), ...PurposeFieldsOrHeaders }),
        response: { 200: z.object({
          entity: z.string().optional().describe('The subject the record makes up now, as GET /records/:id/entity answers it'),
          rest: z.array(z.string()).readonly().describe('The subjects the other records go by now'),
          apart: z.array(z.string()).readonly().describe('The records it was judged not the same as'),
        }) } },
    }, async (request) => {
      const user = await requireUser(request);
      const { record, note } = request.body;
      const taken = await takeOutRecord(api.mosaic, { user, ...requirePurpose(request.body, request) }, projections.entities, EntityId(request.params.id), RecordId(record), note);
      return { ...(taken.entity ? { entity: taken.entity } : {}), rest: taken.rest, apart: taken.apart };
    });

    app.get('/review', {
      schema: { tags: ['resolution'], summary: 'Uncertain pairs, most informative first (nearest even odds, weighted by the records the answer moves), that you may see both sides of, and how many wait: for analysts, who judge them (403 for another role)', headers: PurposeHeaders,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).optional() }),
        response: { 200: z.object({ pairs: z.array(z.object({
          a: RecordOut, b: RecordOut, probability: z.number(), entityA: z.string(), entityB: z.string(),
          affected: z.number().int().describe('The records the answer moves, among those you may read: with the probability, what puts the pair where it is in the queue'),
          prior: z.number().describe('The base rate the weights start from: the probability that two of the store\'s records drawn at random are one person'),
          explain: z.array(z.object({
            feature: z.string(), level: z.string(), weight: z.number(), detail: z.string().optional(),
            tokens: z.array(z.object({
              nameA: z.number().int(), nameB: z.number().int(), a: z.array(z.number().int()).readonly(), b: z.array(z.number().int()).readonly(),
              frequency: z.number(), weight: z.number(),
              wordsA: z.array(z.string()).readonly().optional(), wordsB: z.array(z.string()).readonly().optional(),
            })).readonly().optional().describe('The name\'s aligned tokens: by position among each record\'s names and their core tokens, with the words written there (`wordsA`, `wordsB`; a compound written apart gives both its words), the token\'s frequency and its adjustment in bits'),
          })).readonly().describe('Each feature\'s level and weight in bits; the name\'s detail names the aligned words, "Korkmaz ~ Korkmaz at frequency 0.0017: +0.51"'),
        })).readonly(),
        left: z.number().int().describe('The pairs waiting for you in the whole queue, those in this answer included: two parts of your view of two entities are one pair'),
        more: z.boolean().describe('Whether the queue holds more than the 5,000 pairs read to count them: `left` is then at least that many'),
        }) } },
    }, async (request) => {
      const user = await requireUser(request);
      const { pairs, left, more } = await reviewPairs(api.mosaic, { user, ...requirePurpose(undefined, request) }, projections.entities, request.query.limit ?? 20);
      return { pairs: pairs.map((p) => ({ ...p, explain: p.explain.map((e) => ({ ...e })) })), left, more };
    });

    app.post('/judgements', {
      schema: { tags: ['resolution'], summary: 'Judge a pair of records: same, not same or unsure (it sticks); under a purpose and case (headers or fields), recorded in its audit entry',
        headers: PurposeHeaders,
        body: z.object({ a: z.string().min(1), b: z.string().min(1), verdict: z.enum(VERDICTS), note: z.string().max(2000).optional(),
          undoes: z.enum(VERDICTS).optional().describe('The verdict this judgement takes back (the review\'s Undo of the judgement just made, sent as `unsure`): its audit entry says `judgement undone:<verdict>`'), ...PurposeFieldsOrHeaders }),
        response: { 200: z.object({
          entityA: z.string().optional(), entityB: z.string().optional(), applied: z.boolean(),
          keptApart: z.literal(true).optional().describe('A "same" stored but not followed: a "not same" in force keeps the two apart through the records a "same" joins them to; it is followed once that "not same" is judged again'),
        }) } },
    }, async (request) => {
      const user = await requireUser(request);
      const { a, b, verdict, note, undoes } = request.body;
      const result = await judgePair(api.mosaic, { user, ...requirePurpose(request.body, request) }, projections.entities, RecordId(a), RecordId(b), verdict, note, undoes === undefined ? {} : { undoes });
      return { ...(result.entityA ? { entityA: result.entityA } : {}), ...(result.entityB ? { entityB: result.entityB } : {}), applied: result.applied, ...(result.keptApart ? { keptApart: true as const } : {}) };
    });

    app.post('/compare', {
      schema: { tags: ['resolution'], summary: 'Score two records: calibrated probability, decision, the threshold it was taken at, and explanation',
        body: z.object({ a: Thing, b: Thing }),
        response: { 200: z.object({ score: z.number(), match: z.boolean(), threshold: z.number().describe('The shipped model\'s decision threshold: match is a score at or above it'), explain: z.unknown() }) } },
    }, async (request) => {
      await requireUser(request);
      const a = checkedThing(request.body.a, 'a');
      const b = checkedThing(request.body.b, 'b');
      // a person is never the same as an organisation, whatever the names say: refused as a judgement is
      const mismatch = kindMismatch(a, b);
      if (mismatch) throw invalidField(`b.${mismatch.field}`, mismatch.reason);
      const model = defaultModel();
      const result = compareRecords(a, b, model);
      // scored without a frequency table, the name's explanation has no tokens to name; were one
      // given, the words named would be the caller's own
      return { score: result.probability, match: result.match, threshold: model.threshold, explain: withExplainedWords(result.explain, a, b) };
    });
  };
}
