/**
 * Full-text name search over everything the user may see, with pointers to what others hold.
 */
import { searchRecords } from '@mosaic/service';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePurpose, requireUser } from '../request-context.ts';
import { PointerOut, PurposeFields, RecordOut } from './views.ts';

export async function searchRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.post('/search', {
    schema: {
      tags: ['search'], summary: 'Search names and aliases; needs a purpose and a case reference',
      body: z.object({ q: z.string().max(10_000), schema: z.string().max(64).optional(), limit: z.number().int().min(1).max(100).optional(), purpose: PurposeFields.purpose.optional(), caseRef: PurposeFields.caseRef.optional() }),
      response: { 200: z.object({ results: z.array(RecordOut).readonly(), pointers: z.array(PointerOut).readonly(), truncated: z.boolean().describe('more records may match than `results` holds: narrow the query') }) },
    },
  }, async (request) => {
    const user = await requireUser(request);
    const { q, schema, limit } = request.body;
    const purpose = requirePurpose(request.body, request);
    const result = await searchRecords(api.mosaic, { user, ...purpose }, { q, ...(schema ? { schema } : {}), ...(limit ? { limit } : {}) });
    return result;
  });
}
