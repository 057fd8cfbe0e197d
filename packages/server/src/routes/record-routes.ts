/**
 * Records: read (content or pointer), history, create/update, erase. Reads need a purpose.
 */
import { RecordId } from '@mosaic/model';
import { eraseRecord, readRecord, readRecordHistory, writeRecord } from '@mosaic/service';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePurpose, requireUser, type Purpose } from '../request-context.ts';
import { FieldErrors, PointerOut, PurposeHeaders, RecordOut } from './views.ts';

const Params = z.object({ id: z.string().min(1).max(300) });

/**
 * A write needs no purpose (it is the agency's own record), but one sent with it goes into the
 * write's audit entry, checked as a consultation's are: with its case reference, URL-decoded, no
 * control characters.
 */
function purposeOfWrite(request: FastifyRequest): Partial<Purpose> {
  const sent = request.headers['x-mosaic-purpose'] !== undefined || request.headers['x-mosaic-case'] !== undefined;
  return sent ? requirePurpose(undefined, request) : {};
}

export async function recordRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.get('/records/:id', {
    schema: { tags: ['records'], summary: 'A record with its provenance, or a pointer to who holds it', params: Params, headers: PurposeHeaders,
      response: { 200: z.object({ record: RecordOut.optional(), pointer: PointerOut.optional() }) } },
  }, async (request) => {
    const user = await requireUser(request);
    const found = await readRecord(api.mosaic, { user, ...requirePurpose(undefined, request) }, RecordId(request.params.id));
    return found.record ? { record: found.record } : { pointer: found.pointer };
  });

  app.get('/records/:id/history', {
    schema: { tags: ['records'], summary: 'Every version of a record, deletions included; a version whose marking you may not read is listed without its content (withheld)', params: Params, headers: PurposeHeaders,
      response: { 200: z.object({ versions: z.array(z.object({ version: z.number(), op: z.string(), actor: z.string(), at: z.string(), reason: z.string().optional(), record: z.unknown().optional(), withheld: z.boolean().optional() })) }) } },
  }, async (request) => {
    const user = await requireUser(request);
    const versions = await readRecordHistory(api.mosaic, { user, ...requirePurpose(undefined, request) }, RecordId(request.params.id));
    return { versions: versions.map((v) => ({ ...v })) };
  });

  app.post('/records', {
    schema: { tags: ['records'], summary: 'Create or update one of your agency\'s records (FtM-style JSON with provenance)', headers: PurposeHeaders,
      body: z.object({ id: z.string(), schema: z.string(), properties: z.record(z.string(), z.unknown()), provenance: z.record(z.string(), z.unknown()).optional() }),
      response: { 200: z.object({ status: z.enum(['created', 'updated', 'unchanged']), record: RecordOut }), 400: FieldErrors } },
  }, async (request, reply) => {
    const user = await requireUser(request);
    const outcome = await writeRecord(api.mosaic, { user, ...purposeOfWrite(request) }, request.body);
    if (!outcome.ok) {
      return reply.status(400).send({ error: { code: 'MOSAIC_INVALID_INPUT', message: outcome.errors.map((e) => `${e.field}: ${e.reason}`).join('; '), details: [...outcome.errors] } });
    }
    return { status: outcome.status, record: outcome.record };
  });

  app.delete('/records/:id', {
    schema: { tags: ['records'], summary: 'Erase one of your agency\'s records (kept in history and the audit log)', params: Params,
      body: z.object({ reason: z.string().min(3).max(500) }), response: { 204: z.null() } },
  }, async (request, reply) => {
    const user = await requireUser(request);
    await eraseRecord(api.mosaic, { user }, RecordId(request.params.id), request.body.reason);
    return reply.status(204).send(null);
  });
}
