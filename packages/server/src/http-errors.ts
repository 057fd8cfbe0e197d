/**
 * The one table from error kinds to HTTP statuses; only the edge knows HTTP. Every error reply
 * has the same shape: { error: { code, message, details? } }, `details` a list of
 * { field, reason } whoever refused the request.
 */
import { isAppError, type ErrorKind } from '@mosaic/model';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { schemaProblems } from './schema-reasons.ts';
import { API_ANSWER_HEADERS } from './security-headers.ts';

export const STATUS_OF_KIND: Readonly<Record<ErrorKind, number>> = Object.freeze({
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
});

/** A field refused: a dotted path into the body, query or headers (`provenance.reviewDate`, `x-mosaic-purpose`), and why. */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: readonly FieldProblem[] };
}

/**
 * An AppError's details as the client gets them: the one field it names, in a list as a route's
 * schema gives its (possibly several) problems, so a client reads one shape whoever refused the
 * request. Details that name no field (ids a domain error carries) are not sent.
 */
function fieldProblems(details: Readonly<Record<string, unknown>> | undefined): readonly FieldProblem[] | undefined {
  const field = details?.['field'];
  const reason = details?.['reason'];
  return typeof field === 'string' && typeof reason === 'string' ? [{ field, reason }] : undefined;
}

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: FieldProblem[] = schemaProblems(error.validation);
    void reply.status(400).send({ error: { code: 'MOSAIC_INVALID_INPUT', message: `invalid ${error.validationContext ?? 'request'}: ${details.map((d) => `${d.field}: ${d.reason}`).join('; ')}`, details } });
    return;
  }
  if (isAppError(error)) {
    const details = fieldProblems(error.details);
    // a wait says how long (RFC 6585 §4, RFC 9110 §10.2.3)
    const retryAfter = error.details?.['retryAfter'];
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(Math.ceil(retryAfter)));
    void reply.status(STATUS_OF_KIND[error.kind]).send({ error: { code: error.code, message: error.message, ...(details ? { details } : {}) } });
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    void reply.status(status).send({ error: { code: 'MOSAIC_INVALID_INPUT', message: bodyRefusal((error as FastifyError).code, request) ?? error.message } });
    return;
  }
  // Unexpected: log where and what kind, and say nothing more.
  request.log.error({ error: unexpectedReport(error, request) }, 'unexpected error');
  void reply.status(500).send({ error: { code: 'MOSAIC_INTERNAL', message: 'internal error' } });
}

/** A limit in bytes in words: `64 MB`, `10 kB`, `64 bytes`. */
function bytesSaid(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  return bytes >= 1024 ? `${Math.round((bytes / 1024) * 10) / 10} kB` : `${bytes} bytes`;
}

/**
 * Fastify's refusals of a body, said in the API's words: its own speak of Fastify ("Body is not
 * valid JSON but content-type is set to 'application/json'", "Unsupported Media Type"), and call a
 * valid JSON body holding a `__proto__` key (refused: prototype poisoning) not JSON.
 */
function bodyRefusal(code: string | undefined, request: FastifyRequest): string | undefined {
  switch (code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const given = request.headers['content-type'];
      return `the body must be JSON, sent with Content-Type: application/json${given ? `, not ${JSON.stringify(given.slice(0, 100))}` : ' (none was given)'}`;
    }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the body is empty, where its Content-Type: application/json says JSON follows';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'the body is not valid JSON, or holds a "__proto__" key or a "constructor" key with a "prototype" (refused: they could change objects the server makes)';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `the body is larger than the ${bytesSaid(request.routeOptions.bodyLimit)} this route takes`;
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'the body is not as long as its Content-Length header says';
    default:
      return undefined;
  }
}

/**
 * What is logged of an unexpected error: the route (its pattern, not the URL, which carries ids
 * and search words), the error's class and code, and its stack frames. Never its message: a
 * library may quote the values it choked on (JSON.parse does, and a database may), and those are
 * personal data that belong in the audit log alone.
 */
export function unexpectedReport(error: Error, request: Pick<FastifyRequest, 'method' | 'routeOptions'>): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    method: request.method,
    route: request.routeOptions.url ?? '(no route)',
    frames: (error.stack ?? '').split('\n').map((line) => line.trim()).filter((line) => line.startsWith('at ')),
  };
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply, why?: string): void {
  void reply.status(404).send({ error: { code: 'MOSAIC_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}${why === undefined ? '' : `: ${why}`}` } });
}


/** What Node's HTTP parser refuses, by its error code: the status and the words. */
const CLIENT_ERRORS: Readonly<Record<string, readonly [status: number, message: string]>> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request did not arrive in time'],
  HPE_HEADER_OVERFLOW: [431, 'the request\'s headers are larger than the server accepts (16 KB)'],
};

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refused before any route saw it
 * (a malformed chunked body, an invalid header or request line, headers over the limit) is
 * answered in the API's envelope with its headers (security-headers.ts), where Fastify's default
 * wrote an envelope of its own. Written to the socket, which is then closed: the connection is
 * out of step and can carry no further request.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // a connection reset leaves nobody to answer
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'the request is not valid HTTP: a malformed request line, header or chunked body'];
  const body = JSON.stringify({ error: { code: 'MOSAIC_INVALID_INPUT', message } } satisfies ErrorBody);
  if (socket.writable) {
    socket.write([
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      ...Object.entries(API_ANSWER_HEADERS).map(([name, value]) => `${name}: ${value}`),
      'connection: close',
      '',
      body,
    ].join('\r\n'));
  }
  socket.destroy(error);
}
