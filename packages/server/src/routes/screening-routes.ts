/**
 * Checkpoint screening and alerts: a check (an event, kept and audited), the officer's decision
 * on each hit, and the alerts an agency issues and withdraws. A checkpoint check needs no case
 * reference: its purpose defaults to "checkpoint check" and its case reference to its own id.
 */
import { ACTION_CODES, ALERT_CATEGORIES, type ScreeningQuery } from '@mosaic/screening';
import { RecordId } from '@mosaic/model';
import { createAlert, decideHit, HIT_REF, listAlerts, readCheck, screenCheck, withdrawAlert, type CheckRecord, type Projections } from '@mosaic/service';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePurpose, requireUser } from '../request-context.ts';
import { AlertOut, IsoDay, PurposeFieldsOrHeaders, PurposeHeaders } from './views.ts';

/**
 * Wide limits on purpose: the service refuses too long or absurd fields with a reason that
 * names the field (MOSAIC_QUERY_REJECTED), which the officer's screen can show as it is.
 */
const QueryText = z.string().max(20_000);
const Band = z.enum(['hit', 'possible', 'none']);
const QueryFields = {
  name: QueryText.optional(), birthDate: QueryText.optional(), nationality: QueryText.optional(), gender: QueryText.optional(),
  document: QueryText.optional(), plate: QueryText.optional(), phone: QueryText.optional(),
};
const Explain = z.object({
  name: z.unknown().optional().describe('The listed name that matched best, its level, similarity and per-part alignment'),
  birthDate: z.unknown().optional(), nationality: z.unknown().optional(), gender: z.unknown().optional(),
  document: z.enum(['exact', 'confusable']).optional(), plate: z.enum(['exact', 'confusable']).optional(), phone: z.literal('exact').optional(),
}).describe('Which features matched and how much');

const CheckOut = z.object({
  id: z.string(), at: z.string(), agency: z.string(), desk: z.string(), purpose: z.string(), caseRef: z.string(),
  place: z.string().optional(), latitude: z.number().optional(), longitude: z.number().optional(),
});
const AlertHitOut = z.object({
  id: z.string(), category: z.enum(ALERT_CATEGORIES), action: z.enum(ACTION_CODES), instruction: z.string(), instructions: z.string().optional(), disclose: z.boolean(),
  owner: z.object({ agency: z.string(), agencyName: z.string().optional(), desk: z.string(), contact: z.string() }),
});
const DecisionOut = z.object({ decision: z.enum(['confirm', 'reject', 'called']), by: z.string(), at: z.string(), sighting: z.string().optional(), notes: z.string().optional().describe('What the desk said (a pointer\'s call)'),
  told: z.array(z.string()).readonly().optional().describe('In the decision\'s answer only: the agencies told of it (the alert owners shown on the hit, a pointer\'s agency); empty where no one was') });
const ListedOut = z.object({ name: z.string().optional(), birthDates: z.array(z.string()).readonly().optional(), nationalities: z.array(z.string()).readonly().optional() })
  .describe('The listed name, dates of birth and nationalities, to compare with the person checked');
const HIT_N = 'The hit\'s place among the hits you are shown, from 0: a hit hidden from you leaves no gap';
const HIT_REF_TEXT = 'The hit\'s reference, the same for every reader, telling nothing of its place or of the other hits: a decision and the owner\'s notices name the hit by it (absent on a check kept before hits had one)';
const HitOut = z.discriminatedUnion('kind', [
  z.object({
    n: z.number().describe(HIT_N), ref: z.string().optional().describe(HIT_REF_TEXT), kind: z.literal('match'), subject: z.string(), schema: z.string(), score: z.number(), band: Band,
    category: z.string().optional().describe('Data-subject category of the listed record (LED Art. 6)'), nature: z.string().optional().describe('fact or assessment (LED Art. 7)'),
    reliability: z.string().optional().describe('Source reliability A-F of the listed record (LED Art. 7(2))'), credibility: z.number().optional().describe('Information credibility 1-6 of the listed record (LED Art. 7(2))'),
    listed: ListedOut.optional(), explain: Explain, alerts: z.array(AlertHitOut).readonly(), decision: DecisionOut.optional(),
    sameSubjectAs: z.number().optional().describe('The hit (its n, as you are shown it) whose listed record is the same resolved person, on records you may see: one person, two listings'),
  }),
  z.object({
    n: z.number().describe(HIT_N), ref: z.string().optional().describe(HIT_REF_TEXT), kind: z.literal('pointer'), band: Band, agency: z.string(), agencyName: z.string(), message: z.literal('holds information'),
    desk: z.object({ id: z.string(), name: z.string(), contact: z.string() }).nullable(), decision: DecisionOut.optional(),
  }),
]);
/** How a decision names its hit: its ref, or its n among those shown (at most 100 hits to a check). */
const HIT_NAMED = new RegExp(`^(?:\\d{1,3}|${HIT_REF.source.slice(1, -1)})$`);
const CheckAnswer = z.object({ check: CheckOut, hits: z.array(HitOut).readonly() });
const CheckDetail = z.object({ check: CheckOut.extend({ user: z.string(), query: z.object(QueryFields) }), hits: z.array(HitOut).readonly() });

const ListedAlertOut = AlertOut.extend({
  caption: z.string().optional().describe('The name the subject goes by (its caption), read through the list\'s consultation; absent where the subject was not read (erased, or withheld by the policy)'),
});

const WithdrawnUnseenOut = z.object({ id: z.string(), status: z.literal('withdrawn') }).strict()
  .describe('An alert withdrawn by its issuer or the agency\'s administrator who may not read its subject: nothing of the subject, nor of what it is held for');

const ReportText = z.string().max(2000);
const Report = z.object({
  place: z.string().max(200).optional(), time: z.iso.datetime({ offset: true }).optional().describe('When the person was encountered (ISO 8601)'),
  route: ReportText.optional().describe('Route and destination'), companions: ReportText.optional(), vehicle: ReportText.optional(),
  identityUsed: z.string().max(300).optional(), objects: ReportText.optional().describe('Objects carried'), notes: ReportText.optional(),
});

function answer(check: CheckRecord): z.infer<typeof CheckAnswer> {
  const { query: _query, user: _user, hits, ...rest } = check;
  return { check: rest, hits };
}

/** Needs only the screening projection and the follower (to list alerts as of now). */
/** `entities`: where the node resolves records (not a checkpoint node), hits on one person's two listings say so. */
export function screeningRoutes(projections: Pick<Projections, 'screening' | 'follower'> & Partial<Pick<Projections, 'entities'>>) {
  return async function routes(api: FastifyInstance): Promise<void> {
    const app = api.withTypeProvider<ZodTypeProvider>();
    app.post('/screen', {
      schema: {
        tags: ['screening'], summary: 'Check a person or vehicle at a checkpoint: hits with the action to take, or pointers to the owner desk',
        body: z.object({
          ...QueryFields,
          place: QueryText.optional().describe('Checkpoint or place of the check'), latitude: z.number().optional(), longitude: z.number().optional(),
          purpose: z.string().max(500).optional().describe('Default: "checkpoint check"'), caseRef: z.string().max(100).optional().describe('Default: the check id'),
        }),
        response: { 200: CheckAnswer },
      },
    }, async (request) => {
      const user = await requireUser(request);
      const { place, latitude, longitude, purpose, caseRef, ...fields } = request.body;
      const query = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as ScreeningQuery;
      const check = await screenCheck(api.mosaic, { user, ...(purpose ? { purpose } : {}), ...(caseRef ? { caseRef } : {}) }, projections.screening, {
        query, ...(place !== undefined ? { place } : {}), ...(latitude !== undefined ? { latitude } : {}), ...(longitude !== undefined ? { longitude } : {}),
      }, projections.entities, projections.follower);
      return answer(check);
    });

    app.get('/checks/:id', {
      schema: { tags: ['screening'], summary: 'A check of my agency, with the query and the decisions taken: the hits you may see now (officers and analysts; the read is logged)', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: CheckDetail } },
    }, async (request) => {
      const user = await requireUser(request);
      // its hits are decided on the markings the watchlist keeps: brought up to what is stored, so
      // that a record raised above the reader since (TLP:RED, a case team) is not shown as it was
      await projections.follower.catchUp();
      const { hits, ...check } = await readCheck(api.mosaic, { user }, projections.screening, request.params.id);
      return { check, hits };
    });

    app.post('/checks/:id/hits/:n/decision', {
      schema: {
        tags: ['screening'], summary: 'Confirm or reject a match (a confirmed one is reported to the alert owner and recorded as a Sighting), or record that a pointer\'s desk was called (its owner is told)',
        params: z.object({ id: z.string().min(1).max(100), n: z.string().regex(HIT_NAMED).describe('The hit\'s ref, or its n among the hits you are shown now') }),
        body: z.object({ decision: z.enum(['confirm', 'reject', 'called']).describe('confirm or reject: a match; called: a pointer'), report: Report.optional() }),
        response: { 200: CheckDetail },
      },
    }, async (request) => {
      const user = await requireUser(request);
      const { report } = request.body;
      const cleanReport = report ? Object.fromEntries(Object.entries(report).filter(([, v]) => v !== undefined)) : undefined;
      await projections.follower.catchUp();
      const { hits, ...check } = await decideHit(api.mosaic, { user }, projections.screening, {
        check: request.params.id, hit: HIT_REF.test(request.params.n) ? request.params.n : Number(request.params.n), decision: request.body.decision, ...(cleanReport ? { report: cleanReport } : {}),
      });
      return { check, hits };
    });

    app.get('/alerts', {
      schema: {
        tags: ['alerts'], summary: 'The alerts of my agency that I may read, active first, each with its subject\'s name (a consultation: purpose headers; another agency\'s subject is disclosed, and its owner told where its agreement asks)',
        headers: PurposeHeaders, response: { 200: z.object({ alerts: z.array(ListedAlertOut).readonly() }) },
      },
    }, async (request) => {
      const user = await requireUser(request);
      await projections.follower.catchUp();
      return { alerts: await listAlerts(api.mosaic, { user, ...requirePurpose(undefined, request) }, projections.screening) };
    });

    app.post('/alerts', {
      schema: {
        tags: ['alerts'], summary: 'Issue an alert on a subject (a record id agency:id); the category sets the action shown on a hit. Under a purpose and case (headers or fields), which its audit entry records',
        headers: PurposeHeaders,
        body: z.object({
          ...PurposeFieldsOrHeaders,
          subject: z.string().min(3).max(300), category: z.enum(ALERT_CATEGORIES), desk: z.string().max(100).optional(), deskContact: z.string().max(200).optional(),
          validFrom: IsoDay.optional(), validUntil: IsoDay.optional(), instructions: z.string().max(2000).optional(),
          provenance: z.record(z.string(), z.unknown()).optional().describe('Overrides of the default provenance (marking, handling, legal basis, review date)'),
        }),
        response: { 200: z.object({ alert: AlertOut }) },
      },
    }, async (request) => {
      const user = await requireUser(request);
      const b = request.body;
      const alert = await createAlert(api.mosaic, { user, ...requirePurpose(b, request) }, {
        subject: b.subject, category: b.category,
        ...(b.desk ? { desk: b.desk } : {}), ...(b.deskContact ? { deskContact: b.deskContact } : {}), ...(b.validFrom ? { validFrom: b.validFrom } : {}),
        ...(b.validUntil ? { validUntil: b.validUntil } : {}), ...(b.instructions ? { instructions: b.instructions } : {}), ...(b.provenance ? { provenance: b.provenance } : {}),
      });
      return { alert };
    });

    app.delete('/alerts/:id', {
      schema: {
        tags: ['alerts'], summary: 'Withdraw one of my agency\'s alerts (kept in history), under a purpose and case (headers), saying why if you will (kept in the withdrawal\'s audit entry); one whose subject I may not read, as its issuer or the agency\'s administrator: answered with its id and status only',
        headers: PurposeHeaders, params: z.object({ id: z.string().min(1).max(300) }),
        body: z.object({ reason: z.string().max(500).optional().describe('Why the alert is withdrawn (the subject arrested, the warrant lifted…), kept in the audit entry') }).nullish(),
        response: { 200: z.object({ alert: z.union([AlertOut, WithdrawnUnseenOut]) }) },
      },
    }, async (request) => {
      const user = await requireUser(request);
      const reason = request.body?.reason;
      return { alert: await withdrawAlert(api.mosaic, { user, ...requirePurpose(undefined, request) }, RecordId(request.params.id), reason === undefined ? {} : { reason }) };
    });
  };
}
