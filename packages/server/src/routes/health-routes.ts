/**
 * Liveness (/health: the process answers) and readiness (/ready: the store answers), for load
 * balancers in server mode. Neither needs a session nor reveals anything about the data.
 */
import type { FastifyInstance } from 'fastify';
import type { NodeRole } from '../app.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const Health = z.object({
  status: z.literal('ok'), version: z.string(), node: z.string().describe('The node that answered, among those serving one store (random per process)'),
  role: z.enum(['full', 'checkpoint']).describe('full: every area; checkpoint: sign-in, checks, alerts and notifications only'),
});
const Ready = z.object({ status: z.enum(['ready', 'unavailable']), store: z.enum(['sqlite', 'postgres']) });

export const healthRoutes = (role: NodeRole) => async (api: FastifyInstance): Promise<void> => {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.get('/health', { schema: { tags: ['health'], summary: 'The process is alive', security: [], response: { 200: Health } } }, async () => ({ status: 'ok' as const, version: '0.1.0', node: api.mosaic.nodeId, role }));
  app.get('/ready', { schema: { tags: ['health'], summary: 'The store answers', security: [], response: { 200: Ready, 503: Ready } } }, async (_request, reply) => {
    const store = api.mosaic.store;
    try {
      await store.latestSeq();
      return { status: 'ready' as const, store: store.dialect };
    } catch {
      return reply.status(503).send({ status: 'unavailable' as const, store: store.dialect });
    }
  });
};
