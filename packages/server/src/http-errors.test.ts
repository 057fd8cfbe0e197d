import { AppError } from '@mosaic/model';
import { openTestMosaic, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

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
