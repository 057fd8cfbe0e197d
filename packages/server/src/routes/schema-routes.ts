/**
 * The model as data: schemata and their properties, for clients that build forms and views.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../request-context.ts';

const SchemaOut = z.object({
  name: z.string(), label: z.string(), abstract: z.boolean(), matchable: z.boolean(), lineage: z.array(z.string()), caption: z.array(z.string()),
  properties: z.array(z.object({ name: z.string(), type: z.string(), label: z.string(), matchable: z.boolean(), range: z.string().optional(), values: z.array(z.string()).optional() })),
  edge: z.object({ source: z.string(), target: z.string(), label: z.string() }).optional(),
});

export async function schemaRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.get('/schemata', { schema: { tags: ['model'], summary: 'Every schema with its properties', response: { 200: z.array(SchemaOut) } } }, async (request) => {
    await requireUser(request);
    return api.mosaic.registry.all().map((s) => ({
      name: s.name, label: s.label, abstract: s.abstract, matchable: s.matchable, lineage: [...s.lineage], caption: [...s.caption],
      properties: [...s.properties.values()].map((p) => ({ name: p.name, type: p.type, label: p.label, matchable: p.matchable, ...(p.range ? { range: p.range } : {}), ...(p.values ? { values: [...p.values] } : {}) })),
      ...(s.edge ? { edge: s.edge } : {}),
    }));
  });
}
