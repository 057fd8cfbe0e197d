/**
 * Retention review for an agency's data administrator: the queue of records due for review,
 * and per record: extend the review date, place or lift a legal hold, erase now. The erasure
 * sweep runs in `mosaic serve` and `mosaic retention sweep`; an administrator may also start it.
 */
import { RecordId } from '@mosaic/model';
import { eraseAfterReview, extendReview, legalHoldsOf, liftLegalHold, placeLegalHold, retentionQueue, sweepRetention, authoriseAdmin, type AdminRequest } from '@mosaic/service';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePurpose, requireUser } from '../request-context.ts';
import { IsoDay, PurposeHeaders } from './views.ts';

const Params = z.object({ id: z.string().min(1).max(300) });
const Hold = z.object({ id: z.string(), record: z.string(), agency: z.string(), reference: z.string(), until: z.string().optional(), placedBy: z.string(), placedAt: z.string(), liftedBy: z.string().optional(), liftedAt: z.string().optional(), liftReason: z.string().optional() });

async function adminRequest(request: FastifyRequest): Promise<AdminRequest> {
  return { user: await requireUser(request), ...requirePurpose(undefined, request) };
}

export async function retentionRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['retention'];

  app.get('/retention/queue', {
    schema: { tags, summary: 'Your agency\'s records past or within `withinDays` of their review date, most overdue first (agency data administrator; audited)', headers: PurposeHeaders,
      querystring: z.object({ withinDays: z.coerce.number().int().min(0).max(3650).default(30), limit: z.coerce.number().int().min(1).max(5000).default(500) }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), schema: z.string(), caption: z.string().nullable(), category: z.string(), nature: z.string(), reviewDate: z.string(), overdueDays: z.number(), holds: z.array(z.string()).readonly(), erasable: z.boolean() })).readonly() }) } },
  }, async (request) => ({ items: await retentionQueue(api.mosaic, await adminRequest(request), request.query) }));

  app.post('/retention/records/:id/extend', {
    schema: { tags, summary: 'Keep a record longer: a new review date, with the reason', headers: PurposeHeaders, params: Params,
      body: z.object({ until: IsoDay, reason: z.string().max(500) }), response: { 200: z.object({ reviewDate: z.string(), version: z.number() }) } },
  }, async (request) => extendReview(api.mosaic, await adminRequest(request), RecordId(request.params.id), request.body));

  app.get('/retention/records/:id/holds', {
    schema: { tags, summary: 'Legal holds on one of your agency\'s records, lifted ones included', headers: PurposeHeaders, params: Params, response: { 200: z.object({ holds: z.array(Hold).readonly() }) } },
  }, async (request) => ({ holds: (await legalHoldsOf(api.mosaic, await adminRequest(request), RecordId(request.params.id))).map((h) => ({ ...h })) }));

  app.post('/retention/records/:id/holds', {
    schema: { tags, summary: 'Place a legal hold: the record is not erased while it is in force', headers: PurposeHeaders, params: Params,
      body: z.object({ reference: z.string().max(200), until: IsoDay.optional() }), response: { 201: Hold } },
  }, async (request, reply) => {
    const { reference, until } = request.body;
    return reply.status(201).send({ ...(await placeLegalHold(api.mosaic, await adminRequest(request), RecordId(request.params.id), { reference, ...(until ? { until } : {}) })) });
  });

  app.post('/retention/records/:id/holds/lift', {
    schema: { tags, summary: 'Lift the legal holds in force on a record (or the one named)', headers: PurposeHeaders, params: Params,
      body: z.object({ reason: z.string().max(500), hold: z.string().optional() }), response: { 200: z.object({ lifted: z.number() }) } },
  }, async (request) => {
    const { reason, hold } = request.body;
    return { lifted: await liftLegalHold(api.mosaic, await adminRequest(request), RecordId(request.params.id), { reason, ...(hold ? { hold } : {}) }) };
  });

  app.post('/retention/records/:id/erase', {
    schema: { tags, summary: 'Erase a record now after review (refused with 409 under a legal hold)', headers: PurposeHeaders, params: Params,
      body: z.object({ reason: z.string().max(500) }), response: { 204: z.null() } },
  }, async (request, reply) => {
    await eraseAfterReview(api.mosaic, await adminRequest(request), RecordId(request.params.id), request.body.reason);
    return reply.status(204).send(null);
  });

  app.post('/retention/sweep', {
    schema: { tags, summary: 'Run the erasure sweep now (system administrator): erases every record past its review date not under legal hold, and every check and notification older than its agency\'s period for them, and prunes the audit log past its retention period if one is set', headers: PurposeHeaders,
      response: { 200: z.object({ examined: z.number(), erased: z.number(), held: z.number(), checksErased: z.number(), notificationsErased: z.number(), unreadable: z.array(z.string()).readonly().describe('Records left alone: a stored review or hold date that is not a real date'), auditPruned: z.number().describe('Audit log entries pruned, past the audit retention period (none unless one is set)') }) } },
  }, async (request) => {
    const admin = await adminRequest(request);
    await authoriseAdmin(api.mosaic, admin, { kind: 'platform' });
    // its erasures are this administrator's, for the purpose and case given (LED Art. 25)
    return sweepRetention(api.mosaic, { startedBy: { actor: { user: admin.user.id, agency: admin.user.agency }, purpose: admin.purpose, caseRef: admin.caseRef } });
  });
}
