/**
 * Retention review for an agency's data administrator: the queue of records due for review,
 * and per record: extend the review date, place or lift a legal hold, erase now. The erasure
 * sweep runs in `mosaic serve` and `mosaic retention sweep`; an administrator may also start it.
 */
import { eraseAfterReview, extendReview, legalHoldsOf, liftLegalHold, placeLegalHold, retentionQueue, startSweepJob, sweepJob, authoriseAdmin, type AdminRequest } from '@mosaic/service';
import { AppError, RecordId } from '@mosaic/model';
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
    schema: { tags, summary: 'Your agency\'s records past or within `withinDays` of their review date, most overdue first, a page at a time (agency data administrator; audited)', headers: PurposeHeaders,
      querystring: z.object({ withinDays: z.coerce.number().int().min(0).max(3650).default(30), limit: z.coerce.number().int().min(1).max(5000).default(500), after: z.string().min(1).max(300).optional().describe('The `next` of the page before') }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), schema: z.string(), caption: z.string().nullable(), category: z.string(), nature: z.string(), reviewDate: z.string(), overdueDays: z.number(), holds: z.array(z.string()).readonly(), erasable: z.boolean() })).readonly(), next: z.string().optional().describe('Absent on the last page: pass it as `after` for the page after') }) } },
  }, async (request) => {
    const { after, ...query } = request.query;
    return retentionQueue(api.mosaic, await adminRequest(request), { ...query, ...(after === undefined ? {} : { after: RecordId(after) }) });
  });

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

  const Summary = z.object({ examined: z.number(), erased: z.number(), held: z.number(), checksErased: z.number(), notificationsErased: z.number(), unreadable: z.array(z.string()).readonly().describe('Records left alone: a stored review or hold date that is not a real date'), auditPruned: z.number().describe('Audit log entries pruned, past the audit retention period (none unless one is set)'), stopped: z.literal(true).optional().describe('Present when Ctrl-C stopped mosaic retention sweep before it was done: the counts say how far it got') });
  const Job = z.object({
    id: z.string(), state: z.enum(['running', 'done', 'failed']), startedBy: z.string(), startedAt: z.string(),
    examined: z.number().describe('Records read so far'), due: z.number().nullable().describe('Records past their review date and not held, once all are read'), erased: z.number().describe('Records due gone through so far'),
    finishedAt: z.string().optional(), summary: Summary.optional().describe('How it ended, once done'), error: z.string().optional().describe('The error code, when it failed'),
  });

  app.post('/retention/sweep', {
    schema: { tags, summary: 'Start the erasure sweep now (system administrator): erases every record past its review date not under legal hold, and every check and notification older than its agency\'s period for them, and prunes the audit log past its retention period if one is set. Answers 202 with the job at once (GET /retention/sweep/:id tells its progress), or with `wait=true` 200 once it ended; 409 while a sweep runs, on any node', headers: PurposeHeaders,
      querystring: z.object({ wait: z.enum(['true', 'false']).default('false') }),
      response: { 200: z.object({ job: Job }), 202: z.object({ job: Job }) } },
  }, async (request, reply) => {
    const admin = await adminRequest(request);
    await authoriseAdmin(api.mosaic, admin, { kind: 'platform' });
    // its erasures are this administrator's, for the purpose and case given (LED Art. 25)
    const { job, finished } = await startSweepJob(api.mosaic, { startedBy: { actor: { user: admin.user.id, agency: admin.user.agency }, purpose: admin.purpose, caseRef: admin.caseRef } });
    if (request.query.wait === 'true') return reply.status(200).send({ job: await finished });
    // how it ends is kept with the job; a failure is the node's to log, by code, as the schedule's are
    finished.catch((error: unknown) => request.log.error({ job: job.id, code: error instanceof AppError ? error.code : 'MOSAIC_INTERNAL' }, 'retention sweep failed'));
    return reply.status(202).header('location', `/api/v1/retention/sweep/${job.id}`).send({ job });
  });

  app.get('/retention/sweep/:id', {
    schema: { tags, summary: 'A sweep started by hand or on schedule: running (how far it is) or how it ended (system administrator)', headers: PurposeHeaders, params: Params, response: { 200: z.object({ job: Job }) } },
  }, async (request) => {
    await authoriseAdmin(api.mosaic, await adminRequest(request), { kind: 'platform' });
    const job = await sweepJob(api.mosaic, request.params.id);
    if (job === undefined) throw new AppError('MOSAIC_NOT_FOUND', `retention sweep ${request.params.id} not found`);
    return { job };
  });
}
