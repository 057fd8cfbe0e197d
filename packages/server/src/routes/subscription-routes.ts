/**
 * Subscriptions: watch a subject, a saved name search or an area, and be told (inbox and live
 * stream) of what concerns it, or of silence on a subject. Each carries the purpose and case
 * under which its notifications are consulted and audited.
 */
import { createSubscription, deleteSubscription, listSubscriptions, MAX_POLYGON_POINTS, mayWatch, watchedSubjectNames, type Projections, type Subscription, type WatchTarget } from '@mosaic/service';
import { RecordId } from '@mosaic/model';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePurpose, requireUser } from '../request-context.ts';

const LatLon = z.tuple([z.number(), z.number()]).describe('[latitude, longitude]');
const Target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('entity'), record: z.string().min(3).max(300).describe('Any record of the subject (agency:id)') }),
  z.object({ kind: z.literal('search'), query: z.string().max(1000).describe('A name, matched as the matcher compares names') }),
  z.object({ kind: z.literal('area'), polygon: z.array(LatLon).max(MAX_POLYGON_POINTS * 2).describe('At least three points; closed automatically') }),
]);
const SubscriptionOut = z.object({
  id: z.string(), label: z.string(), target: Target, purpose: z.string(), caseRef: z.string(), createdAt: z.string(),
  lostTrackDays: z.number().optional(), lastSeenAt: z.string().optional(), warnedAt: z.string().optional(),
  subjectName: z.string().optional().describe('A subject watch\'s subject by its name, where you may read it now (GET /subscriptions); absent where you may no longer read it'),
});

function out(s: Subscription, subjectName?: string): z.infer<typeof SubscriptionOut> {
  const { user: _user, agency: _agency, target, ...rest } = s;
  return {
    ...rest, target: target.kind === 'area' ? { kind: 'area', polygon: target.polygon.map(([lat, lon]) => [lat, lon] as [number, number]) } : target,
    ...(subjectName !== undefined ? { subjectName } : {}),
  };
}

function targetOf(body: z.infer<typeof Target>): WatchTarget {
  if (body.kind === 'entity') return { kind: 'entity', record: RecordId(body.record) };
  if (body.kind === 'search') return body;
  return { kind: 'area', polygon: body.polygon };
}

export function subscriptionRoutes(projections: Pick<Projections, 'watcher'>) {
  return async function routes(api: FastifyInstance): Promise<void> {
    const app = api.withTypeProvider<ZodTypeProvider>();

    app.post('/subscriptions', {
      schema: {
        tags: ['notifications'], summary: 'Watch a subject, a saved search or an area; optionally be warned after N days without a sighting of a subject',
        body: z.object({
          target: Target, label: z.string().max(1000).optional(), lostTrackDays: z.number().optional(),
          purpose: z.string().max(500).optional(), caseRef: z.string().max(100).optional(),
        }),
        response: { 201: z.object({ subscription: SubscriptionOut }) },
      },
    }, async (request, reply) => {
      const user = await requireUser(request);
      const { target, label, lostTrackDays } = request.body;
      const subscription = await createSubscription(api.mosaic, { user, ...requirePurpose(request.body, request) }, {
        target: targetOf(target), ...(label !== undefined ? { label } : {}), ...(lostTrackDays !== undefined ? { lostTrackDays } : {}),
      });
      projections.watcher.add(subscription);
      return reply.code(201).send({ subscription: out(subscription) });
    });

    app.get('/subscriptions', {
      schema: {
        tags: ['notifications'], summary: 'My subscriptions, and whether a new one of mine would be taken',
        response: { 200: z.object({
          subscriptions: z.array(SubscriptionOut).readonly(),
          mayWatch: z.boolean().describe('false for a user whose role reads no records: a watch could tell them nothing, and POST /subscriptions refuses it'),
        }) },
      },
    }, async (request) => {
      const user = await requireUser(request);
      const subscriptions = await listSubscriptions(api.mosaic, user.id);
      const names = await watchedSubjectNames(api.mosaic, user, subscriptions);
      return { subscriptions: subscriptions.map((s) => out(s, names.get(s.id))), mayWatch: mayWatch(user) };
    });

    app.delete('/subscriptions/:id', {
      schema: { tags: ['notifications'], summary: 'End one of my subscriptions', params: z.object({ id: z.string().min(1).max(100) }), response: { 204: z.null() } },
    }, async (request, reply) => {
      const user = await requireUser(request);
      await deleteSubscription(api.mosaic, user.id, request.params.id);
      projections.watcher.remove(request.params.id);
      return reply.code(204).send(null);
    });
  };
}
