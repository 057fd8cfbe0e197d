import { AppError, ERROR_CATALOGUE } from '@mosaic/model';
import { openTestMosaic, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from './app.ts';
import { STATUS_OF_KIND } from './http-errors.ts';

let world: TestMosaic;
let app: FastifyInstance;
const lines: string[] = [];

/** What a library may put in an error's message: the values it choked on (a name, here). */
const PERSONAL = 'Wiebke Austerlitz';

beforeAll(async () => {
  world = await openTestMosaic();
  app = await buildApp({
    mosaic: world.mosaic, webRoot: null, errorLog: { write: (line: string) => void lines.push(line) },
    plugins: [async (api) => {
      api.get('/boom/:name', async (request) => {
        const error = Object.assign(new Error(`invalid input: "${(request.params as { name: string }).name}"`), { code: '22021' });
        throw error;
      });
      api.get('/refused', async () => {
        throw new AppError('MOSAIC_INVALID_INPUT', `name: "${PERSONAL}" is refused`);
      });
      // a route whose schema refuses one problem and whose handler (the service) another, as POST /alerts does with its days
      api.withTypeProvider<ZodTypeProvider>().post('/period', { schema: { body: z.object({ from: z.iso.date(), until: z.iso.date() }) } }, async (request) => {
        if (request.body.until < request.body.from) throw new AppError('MOSAIC_INVALID_INPUT', 'until: before from', { field: 'until', reason: 'before from' });
        return { ok: true };
      });
      api.post('/small', { bodyLimit: 64 }, async () => ({ ok: true }));
      api.withTypeProvider<ZodTypeProvider>().post('/fields', {
        schema: {
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }),
          body: z.strictObject({
            name: z.string().min(1).max(10), roles: z.array(z.enum(['analyst', 'officer'])).min(1), count: z.number(), day: z.iso.date().optional(), note: z.string().min(3, 'a note of the route\'s own words').optional(),
            target: z.discriminatedUnion('kind', [z.object({ kind: z.literal('entity'), record: z.string() }), z.object({ kind: z.literal('search'), query: z.string() })]).optional(),
          }),
        },
      }, async () => ({ ok: true }));
      api.get('/edge', async () => {
        throw new AppError('MOSAIC_CONFLICT', 'graph: an edge with this id exists', { edge: 'e1' });
      });
    }],
  });
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

describe('errors at the edge', () => {
  it('logs an unexpected error with its route, class, code and stack frames, never its message nor the URL', async () => {
    lines.length = 0;
    const response = await app.inject({ url: `/api/v1/boom/${encodeURIComponent(PERSONAL)}?q=${encodeURIComponent(PERSONAL)}` });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'MOSAIC_INTERNAL', message: 'internal error' } });
    expect(lines).toHaveLength(1);
    const logged = JSON.parse(lines[0] ?? '{}') as { level: number; msg: string; error: { type: string; code: string; route: string; method: string; frames: string[] } };
    expect(logged.msg).toBe('unexpected error');
    expect(logged.error).toMatchObject({ type: 'Error', code: '22021', route: '/api/v1/boom/:name', method: 'GET' });
    expect(logged.error.frames.length).toBeGreaterThan(0);
    expect(logged.error.frames.every((frame) => frame.startsWith('at '))).toBe(true);
    expect(lines[0]).not.toContain('Wiebke');
  });

  it('answers `details` as one list of {field, reason} whether the route\'s schema or the service refused the request', async () => {
    const bySchema = await app.inject({ method: 'POST', url: '/api/v1/period', payload: { from: '2030-02-30', until: '2030-03-01' } });
    const byService = await app.inject({ method: 'POST', url: '/api/v1/period', payload: { from: '2030-03-01', until: '2030-02-01' } });
    expect([bySchema.statusCode, byService.statusCode]).toEqual([400, 400]);
    expect(bySchema.json()).toEqual({ error: { code: 'MOSAIC_INVALID_INPUT', message: expect.any(String), details: [{ field: 'from', reason: expect.any(String) }] } });
    expect(byService.json()).toEqual({ error: { code: 'MOSAIC_INVALID_INPUT', message: 'until: before from', details: [{ field: 'until', reason: 'before from' }] } });
    // details that name no field (ids a domain error carries for its own log) are not the client's
    expect((await app.inject({ url: '/api/v1/edge' })).json()).toEqual({ error: { code: 'MOSAIC_CONFLICT', message: 'graph: an edge with this id exists' } });
  });

  it('answers a body over the limit (413), of a type it does not read (415) or that is not JSON (400) in the API\'s envelope', async () => {
    const tooLarge = await app.inject({ method: 'POST', url: '/api/v1/small', payload: { text: 'x'.repeat(100) } });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toEqual({ error: { code: 'MOSAIC_INVALID_INPUT', message: expect.any(String) } });
    const unsupported = await app.inject({ method: 'POST', url: '/api/v1/small', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(unsupported.statusCode).toBe(415);
    expect(unsupported.json()).toEqual({ error: { code: 'MOSAIC_INVALID_INPUT', message: expect.any(String) } });
    const notJson = await app.inject({ method: 'POST', url: '/api/v1/small', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toEqual({ error: { code: 'MOSAIC_INVALID_INPUT', message: expect.any(String) } });
  });

  it('says why a route\'s schema refused each field in the API\'s words, not zod\'s, keeping a reason the route gives', async () => {
    const refused = (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, payload }).then((answer) => answer.json() as { error: { message: string; details: { field: string; reason: string }[] } });
    const fine = { name: 'x', roles: ['analyst'], count: 1 };
    expect((await refused('/api/v1/fields?limit=abc', fine)).error.details).toEqual([{ field: 'limit', reason: 'must be a number' }]);
    // zod's own bound on every integer is not told beside the route's
    expect((await refused('/api/v1/fields?limit=99999999999999999999', fine)).error.details).toEqual([{ field: 'limit', reason: 'must be at most 500' }]);
    expect((await refused('/api/v1/fields?limit=0', fine)).error.details).toEqual([{ field: 'limit', reason: 'must be at least 1' }]);
    const body = await refused('/api/v1/fields', { name: '', roles: ['chief'], count: 'many', day: '2020-02-30', note: 'x', extra: 1 });
    expect(body.error.details).toEqual(expect.arrayContaining([
      { field: 'name', reason: 'must not be empty' },
      { field: 'roles.0', reason: 'must be one of "analyst", "officer"' },
      { field: 'count', reason: 'must be a number' },
      { field: 'day', reason: 'must be a date YYYY-MM-DD' },
      { field: 'note', reason: 'a note of the route\'s own words' },
    ]));
    expect(JSON.stringify(body)).not.toMatch(/Invalid|Too (small|big)|expected/);
    expect((await refused('/api/v1/fields', { name: 'x'.repeat(11), count: 1 })).error.details).toEqual([{ field: 'name', reason: 'must be at most 10 characters long' }, { field: 'roles', reason: 'is required' }]);
    expect((await refused('/api/v1/fields', { ...fine, target: { kind: 'area' } })).error.details).toEqual([{ field: 'target.kind', reason: 'must be one of "entity", "search"' }]);
    expect((await refused('/api/v1/fields', { ...fine, roles: [], extra: 1 })).error.details).toEqual([{ field: 'roles', reason: 'must not be empty' }, { field: '(root)', reason: 'has no field "extra"' }]);
  });

  it('says what was wrong with a body it does not read in its own words, not Fastify\'s', async () => {
    const post = (headers: Record<string, string>, payload: string) => app.inject({ method: 'POST', url: '/api/v1/small', headers, payload });
    const said = async (answer: Promise<{ json(): unknown }>) => ((await answer).json() as { error: { message: string } }).error.message;
    expect(await said(app.inject({ method: 'POST', url: '/api/v1/small', payload: { text: 'x'.repeat(100) } }))).toBe('the body is larger than the 64 bytes this route takes');
    expect(await said(post({ 'content-type': 'application/xml' }, '<a/>'))).toBe('the body must be JSON, sent with Content-Type: application/json, not "application/xml"');
    expect(await said(post({ 'content-type': 'application/json' }, ''))).toBe('the body is empty, where its Content-Type: application/json says JSON follows');
    expect(await said(post({ 'content-type': 'application/json' }, '{"a":'))).toMatch(/^the body is not valid JSON/);
    // valid JSON, refused for its key: the answer says so rather than call it no JSON
    const poisoned = await post({ 'content-type': 'application/json' }, '{"__proto__":{"admin":true}}');
    expect(poisoned.statusCode).toBe(400);
    expect(await said(Promise.resolve(poisoned))).toContain('"__proto__"');
  });

  it('logs nothing of an expected error, a missing route or a request that went well', async () => {
    lines.length = 0;
    expect((await app.inject({ url: '/api/v1/refused' })).statusCode).toBe(400);
    expect((await app.inject({ url: `/api/v1/no-such-route?q=${encodeURIComponent(PERSONAL)}` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
    expect(lines).toEqual([]);
  });

  it('reads a path parameter as long as the longest record id written out in percent-encoding, and answers a longer one in the API\'s envelope', async () => {
    // a record id of 251 characters, each three bytes of UTF-8 (nine characters encoded): a route's own schema reads it
    const long = `fedpol:${'\u0905'.repeat(244)}`;
    const read = await app.inject({ url: `/api/v1/boom/${encodeURIComponent(long)}` });
    expect(read.statusCode).toBe(500);
    const tooLong = await app.inject({ url: `/api/v1/boom/${'x'.repeat(5000)}` });
    expect(tooLong.statusCode).toBe(414);
    expect(tooLong.json()).toEqual({ error: { code: 'MOSAIC_INVALID_INPUT', message: 'a path parameter is longer than 4096 characters' } });
    const badUrl = await app.inject({ url: '/api/v1/boom/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toEqual({ error: { code: 'MOSAIC_INVALID_INPUT', message: 'the URL is not valid: a percent-encoding is malformed' } });
  });
});

describe('the error catalogue in docs/API.md', () => {
  /** The rows `| \`CODE\` | kind | status | … |` of the table under "## Errors", as the docs give them. */
  function documentedCodes(): Record<string, { kind: string; status: number }> {
    const text = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'API.md'), 'utf8');
    const section = text.split(/^## Errors$/m)[1]?.split(/^## /m)[0] ?? '';
    const rows: Record<string, { kind: string; status: number }> = {};
    for (const [, code = '', kind = '', status = ''] of section.matchAll(/^\| `(MOSAIC_[A-Z_]+)` \| `?([a-z_]+)`? \| (\d{3}) \|/gm)) rows[code] = { kind, status: Number(status) };
    return rows;
  }

  it('lists every code of the catalogue, and only those, with its kind and the status of that kind', () => {
    const catalogue = Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, { kind }]) => [code, { kind, status: STATUS_OF_KIND[kind] }]));
    expect(documentedCodes()).toEqual(catalogue);
  });
});
