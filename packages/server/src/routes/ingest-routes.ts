/**
 * Ingest over HTTP, for the web app's upload page: JSON Lines or CSV with a mapping, written as
 * the user's agency's records; the job's progress and refused lines are polled.
 */
import { createIngestJobs, type IngestJob } from '@mosaic/service';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../request-context.ts';

/** Fastify's own, when a server is built without one. */
const DEFAULT_BODY_LIMIT = 1024 * 1024;

const JobOut = z.object({
  id: z.string(), filename: z.string(), format: z.enum(['jsonl', 'csv']), state: z.enum(['running', 'done', 'failed']),
  total: z.number(), processed: z.number(), accepted: z.number(), rejected: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(),
  errors: z.array(z.object({ line: z.number(), id: z.string().optional().describe('The record the line names: its id as the line gives it, or as stored (agency:id) for a line the store refused'), field: z.string(), reason: z.string(), through: z.number().optional().describe('The last line the refusal takes with its own: a CSV quote never closed reads them as one value') })).readonly().describe('The first 500 refused lines, each naming line, record (where the line names one), field and reason'),
  repeated: z.number().optional().describe('Once done: the lines written that gave the record id of an earlier line of the file (the later version stands, both stay in its history)'),
  repeats: z.array(z.object({ line: z.number(), of: z.number(), id: z.string() })).readonly().optional().describe('The first 500 of those, each with the earlier line it repeats'),
  warningCount: z.number().optional().describe('Once done: references of the lines written (an entity property: a relation\'s end, a holder, an owner…) to records no line of the file gave and the store holds none you may read; the lines are written all the same, for records still to come'),
  warnings: z.array(z.object({ line: z.number(), field: z.string(), reason: z.string() })).readonly().optional().describe('The first 500 of those, each naming line and field'),
  resumed: z.number().optional().describe('Once done: the lines an earlier upload of the same file had written, skipped by this one (counted in processed only)'),
  startedAt: z.string(), endedAt: z.string().optional(), failure: z.string().optional(),
});

const out = (job: IngestJob): z.infer<typeof JobOut> => {
  const { user: _user, ...rest } = job;
  return { ...rest, errors: job.errors.map((e) => ({ ...e })), ...(job.warnings ? { warnings: job.warnings.map((w) => ({ ...w })) } : {}) };
};

/** A job in the list: its counts without the lines refused, repeated or warned of, which GET /ingest/:id gives. */
const JobListed = JobOut.omit({ errors: true, repeats: true, warnings: true });

const listed = (job: IngestJob): z.infer<typeof JobListed> => {
  const { user: _user, errors: _errors, repeats: _repeats, warnings: _warnings, ...rest } = job;
  return rest;
};

export async function ingestRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const jobs = createIngestJobs();
  api.addHook('onClose', () => jobs.idle());

  app.post('/ingest', {
    schema: {
      tags: ['records'], summary: 'Upload JSON Lines (records with provenance) or CSV (with a mapping) as your agency\'s records; answers a job to follow',
      body: z.object({
        format: z.enum(['jsonl', 'csv']), content: z.string().describe('The file\'s text'), filename: z.string().max(1000),
        mapping: z.unknown().optional().describe('CSV: {schema, id, properties: {property: column}, delimiter?, provenance}'),
        purpose: z.string().max(500).optional(), caseRef: z.string().max(100).optional(),
      }),
      response: { 202: z.object({ job: JobOut }) },
    },
  }, async (request, reply) => {
    const user = await requireUser(request);
    const { purpose, caseRef, ...upload } = request.body;
    const job = await jobs.start(api.mosaic, { user, ...(purpose ? { purpose } : {}), ...(caseRef ? { caseRef } : {}) }, upload);
    return reply.code(202).send({ job: out(job) });
  });

  // The body limit the server was built with (app.ts), which POST /ingest does not change: told to
  // the web app, whose upload page refuses a larger file before reading it, so that the page and
  // the server cannot disagree.
  const maxUploadBytes = api.initialConfig.bodyLimit ?? DEFAULT_BODY_LIMIT;

  app.get('/ingest', {
    schema: {
      tags: ['records'], summary: 'Your recent ingest jobs, newest first: progress and counts (the lines refused: GET /ingest/:id); and the largest upload taken',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: {
        200: z.object({
          jobs: z.array(JobListed),
          maxUploadBytes: z.number().int().describe('The largest body POST /ingest takes, in bytes, as sent (the file\'s text written out as a JSON string, with the other fields); a larger one is refused 413'),
        }),
      },
    },
  }, async (request) => {
    const user = await requireUser(request);
    return { jobs: (await jobs.list(api.mosaic, { user }, { limit: request.query.limit })).map(listed), maxUploadBytes };
  });

  app.get('/ingest/:id', {
    schema: { tags: ['records'], summary: 'An ingest job of yours: progress, counts and the lines refused', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: z.object({ job: JobOut }) } },
  }, async (request) => {
    const user = await requireUser(request);
    return { job: out(await jobs.get(api.mosaic, { user }, request.params.id)) };
  });
}
