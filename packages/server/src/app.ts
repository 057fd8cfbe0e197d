/**
 * The HTTP application: Fastify with zod schemas on every route, OpenAPI 3.1 generated from
 * them, one plugin per area. Built separately from listen() so tests use inject() without a port.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { CheckpointProjections, Mosaic, Projections } from '@mosaic/service';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { clientErrorHandler, errorHandler, notFoundHandler } from './http-errors.ts';
import { securityHeaders } from './security-headers.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { entityRoutes } from './routes/entity-routes.ts';
import { graphRoutes } from './routes/graph-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { ingestRoutes } from './routes/ingest-routes.ts';
import { notificationRoutes } from './routes/notification-routes.ts';
import { recordRoutes } from './routes/record-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { retentionRoutes } from './routes/retention-routes.ts';
import { searchRoutes } from './routes/search-routes.ts';
import { schemaRoutes } from './routes/schema-routes.ts';
import { screeningRoutes } from './routes/screening-routes.ts';
import { subscriptionRoutes } from './routes/subscription-routes.ts';

export interface BuildAppOptions {
  readonly mosaic: Mosaic;
  /**
   * Where unexpected errors are logged, one JSON line each (http-errors.ts: the route, the
   * error's class, code and stack frames; never a message, URL, header or body, which may hold
   * personal data); nothing else is logged. `mosaic serve` gives stderr; absent: no log.
   */
  readonly errorLog?: { write(line: string): void };
  /** Extra plugins registered under /api/v1 by the areas that have them. */
  readonly plugins?: readonly ((app: FastifyInstance) => Promise<void>)[];
  /** In-memory projections (graph, …); the routes that need them are registered only when given. */
  readonly projections?: Projections;
  /**
   * A checkpoint node instead (`mosaic serve --role checkpoint`): only health, sign-in and
   * sign-out, checks, alerts and notifications are served, and no web app; any other request
   * is answered 404 naming the role, to be sent to a full node.
   */
  readonly checkpoint?: CheckpointProjections;
  /** The built web app, served at /; default packages/web/dist when it exists. */
  readonly webRoot?: string | null;
  /**
   * Fastify's `trustProxy` (`mosaic serve`: config `trustProxy`, MOSAIC_TRUST_PROXY): which
   * proxies in front of the node are believed when they say, in X-Forwarded-Proto and -For, how
   * the client connected: true (whatever connects), or their addresses or subnets. Behind one
   * that ends TLS, give it, so that answers over HTTPS ask for HTTPS from then on (HSTS) and the
   * session cookie is Secure (security-headers.ts, auth-routes.ts). Default: none, so that no
   * client can claim HTTPS it did not use.
   */
  readonly trustProxy?: boolean | string | readonly string[];
}

export const DEFAULT_WEB_ROOT = join(import.meta.dirname, '..', '..', 'web', 'dist');

export const API_PREFIX = '/api/v1';

const MAX_PATH_PARAMETER = 4096;

export type NodeRole = 'full' | 'checkpoint';

export async function buildApp({ mosaic, errorLog, plugins = [], projections, checkpoint, webRoot = DEFAULT_WEB_ROOT, trustProxy = false }: BuildAppOptions): Promise<FastifyInstance> {
  if (projections && checkpoint) throw new Error('buildApp: a node is full (projections) or a checkpoint node (checkpoint), not both');
  const role: NodeRole = checkpoint ? 'checkpoint' : 'full';
  const app = Fastify({
    // Error level only: Fastify's request lines carry the URL (record ids, search words).
    logger: errorLog ? { level: 'error', stream: errorLog } : false,
    bodyLimit: 64 * 1024 * 1024,
    trustProxy: typeof trustProxy === 'object' ? [...trustProxy] : trustProxy,
    // A path parameter is read before it is decoded: a record id of up to 251 characters (agency,
    // colon, 200 of the source's) is up to 251 × 12 characters percent-encoded. The default (100)
    // refused ids the API had stored.
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER },
    // The router's own refusals (a longer parameter, a malformed percent-encoding) in the API's envelope.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as FastifyReply).status(tooLong ? 414 : 400).send({
        error: { code: 'MOSAIC_INVALID_INPUT', message: tooLong ? `a path parameter is longer than ${MAX_PATH_PARAMETER} characters` : 'the URL is not valid: a percent-encoding is malformed' },
      });
    },
    // what Node's HTTP parser refuses before routing, in the API's envelope too
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  securityHeaders(app, { apiPrefix: API_PREFIX });
  const web = role === 'full' && webRoot !== null && existsSync(join(webRoot, 'index.html')) ? webRoot : undefined;
  // The web app is a single page: any non-API GET that is not a file gets index.html.
  app.setNotFoundHandler((request, reply) => {
    const page = request.method === 'GET' && !request.url.startsWith(API_PREFIX);
    if (web && page) return reply.sendFile('index.html');
    if (role === 'checkpoint') return notFoundHandler(request, reply, 'this is a checkpoint node: it serves sign-in, checks, alerts and notifications; ask a full node');
    // `mosaic serve` from a checkout where the web app was never built (npm start builds it first)
    if (page && webRoot !== null) return notFoundHandler(request, reply, `the web app is not built here (no ${join(webRoot, 'index.html')}): run npm run build -w @mosaic/web, as npm start does; the API is under ${API_PREFIX}`);
    return notFoundHandler(request, reply);
  });
  if (web) await app.register(fastifyStatic, { root: web, wildcard: false, index: ['index.html'] });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Mosaic API', version: '1.0.0', description: 'Shared, policy-controlled intelligence on persons and organisations. Every read carries a purpose and is audited.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'mosaic_session' }, bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.decorate('mosaic', mosaic);
  // Which of the nodes sharing the store answered (operators behind a load balancer; /health too).
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('x-mosaic-node', mosaic.nodeId);
    done();
  });
  await app.register(async (api) => {
    await api.register(healthRoutes(role));
    await api.register(authRoutes);
    if (checkpoint) {
      await api.register(screeningRoutes(checkpoint));
      await api.register(notificationRoutes());
    } else {
      await api.register(schemaRoutes);
      await api.register(recordRoutes);
      await api.register(ingestRoutes);
      await api.register(searchRoutes(projections));
      await api.register(auditRoutes);
      await api.register(reportRoutes(projections));
      await api.register(adminRoutes);
      await api.register(retentionRoutes);
      if (projections) await api.register(graphRoutes(projections));
      if (projections) await api.register(entityRoutes(projections));
      if (projections) await api.register(screeningRoutes(projections));
      // The inbox is kept by the projections' notification keeper; the stream needs only the notifier.
      if (projections) await api.register(notificationRoutes());
      if (projections) await api.register(subscriptionRoutes(projections));
    }
    for (const plugin of plugins) await api.register(plugin);
    api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  }, { prefix: API_PREFIX });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    mosaic: Mosaic;
  }
}
