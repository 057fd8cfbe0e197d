import { docxOf } from '@mosaic/extract/testing';
import { openTestMosaic, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let tokens: Record<string, string> = {};
const auth = (user: string) => ({ authorization: `Bearer ${tokens[user] ?? ''}` });

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PROVENANCE = { source: 'harbour police', reliability: 'C', credibility: 3, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H0' };
const LINE = 'Jan Peeters met Sofie Claes in Ghent on the fourth of May near the station.';

beforeAll(async () => {
  world = await openTestMosaic();
  app = await buildApp({ mosaic: world.mosaic, webRoot: null });
  tokens = await signInTokens(app, ['fedAnalyst', 'zoneOfficer', 'zoneCheckpoint', 'auditor']);
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

describe('a document that expands past what a report may hold', () => {
  it('is refused, 400 naming content, at once and without a worker running out of memory, on upload and extraction', async () => {
    // 54 kB of DOCX whose document.xml unzips to 15.8 MB: read whole, it took the server gigabytes
    const bomb = await docxOf(Array.from({ length: 150_000 }, () => LINE));
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const content = Buffer.from(bomb).toString('base64');
    const before = await world.mosaic.store.countRecords({ schema: 'Report' });
    for (const url of ['/api/v1/reports', '/api/v1/extract']) {
      const started = performance.now();
      const refused = await app.inject({ method: 'POST', url, headers: auth('fedAnalyst'), payload: { content, mediaType: DOCX, collection: 'harbour', provenance: PROVENANCE } });
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json(), url).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'content', reason: 'expands to more than 10 MB when unzipped' }] } });
      expect(performance.now() - started, url).toBeLessThan(5000);
    }
    expect(await world.mosaic.store.countRecords({ schema: 'Report' })).toBe(before);
    // the same document within the limit is read
    const report = await docxOf(Array.from({ length: 2000 }, () => LINE));
    const read = await app.inject({ method: 'POST', url: '/api/v1/extract', headers: auth('zoneOfficer'), payload: { content: Buffer.from(report).toString('base64'), mediaType: DOCX } });
    expect(read.statusCode).toBe(200);
    expect((read.json() as { entities: { name: string }[] }).entities.map((e) => e.name)).toEqual(expect.arrayContaining(['Jan Peeters', 'Sofie Claes']));
  }, 30_000);

  it('is not read for a role that uploads no report: 403 on extraction and upload, before the document is read', async () => {
    const bomb = Buffer.from(await docxOf(Array.from({ length: 150_000 }, () => LINE))).toString('base64');
    for (const user of ['zoneCheckpoint', 'auditor']) {
      for (const url of ['/api/v1/extract', '/api/v1/reports']) {
        const refused = await app.inject({ method: 'POST', url, headers: auth(user), payload: { content: bomb, mediaType: DOCX, collection: 'harbour', provenance: PROVENANCE } });
        expect(refused.statusCode, `${user} ${url}`).toBe(403);
        expect(refused.json(), `${user} ${url}`).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN', message: 'reports: role not permitted (reports are uploaded, and documents read for their entities, by an analyst or an officer)' } });
      }
    }
  });
});
