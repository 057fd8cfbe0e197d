/**
 * POST /records: a write needs no purpose, but the purpose and case reference it is sent with
 * are the ones its audit entry records, checked as a consultation's are.
 */
import type { AuditEntry } from '@mosaic/audit';
import { RecordId } from '@mosaic/model';
import { openTestMosaic, testProvenance, TEST_PASSWORD, type TestMosaic } from '@mosaic/service/testing';
import { createStoreAuditStorage } from '@mosaic/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

let world: TestMosaic;
let app: FastifyInstance;
let token = '';

beforeAll(async () => {
  world = await openTestMosaic();
  app = await buildApp({ mosaic: world.mosaic });
  token = (await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { name: 'fedAnalyst', password: TEST_PASSWORD } }).then((r) => r.json() as { token: string })).token;
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

async function entriesOf(record: RecordId): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.records.includes(record)) found.push(entry);
  return found;
}

function put(id: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST', url: '/api/v1/records', headers: { authorization: `Bearer ${token}`, ...headers },
    payload: { id, schema: 'Person', properties: { name: [`Ilse Verbrugge ${id}`] }, provenance: testProvenance('fedpol') },
  });
}

describe('POST /records', () => {
  it('records the purpose and case reference sent with a write (URL-decoded) in its audit entry, and none when none is sent', async () => {
    expect((await put('w1', { 'x-mosaic-purpose': encodeURIComponent('fraud investigation – intake'), 'x-mosaic-case': 'FR-2026-17' })).statusCode).toBe(200);
    expect((await put('w1', { 'x-mosaic-purpose': 'fraud investigation', 'x-mosaic-case': 'FR-2026-18' })).statusCode).toBe(200);
    expect((await put('w2')).statusCode).toBe(200);
    expect((await entriesOf(RecordId('fedpol:w1'))).map((e) => [e.action, e.purpose, e.caseRef])).toEqual([
      ['collection', 'fraud investigation – intake', 'FR-2026-17'],
      ['alteration', 'fraud investigation', 'FR-2026-18'],
    ]);
    expect((await entriesOf(RecordId('fedpol:w2'))).map((e) => [e.action, e.purpose, e.caseRef])).toEqual([['collection', null, null]]);
  });

  it('refuses a purpose without its case reference, or with control characters, and writes nothing', async () => {
    const refusals: [Record<string, string>, object][] = [
      [{ 'x-mosaic-purpose': 'fraud investigation' }, { code: 'MOSAIC_PURPOSE_REQUIRED' }],
      [{ 'x-mosaic-case': 'FR-2026-19' }, { code: 'MOSAIC_PURPOSE_REQUIRED' }],
      [{ 'x-mosaic-purpose': 'fraud%0Ainvestigation', 'x-mosaic-case': 'FR-2026-19' }, { code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'purpose' }] }],
    ];
    for (const [headers, error] of refusals) {
      const refused = await put('w3', headers);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error });
    }
    expect(await world.mosaic.store.getRecord(RecordId('fedpol:w3'))).toBeUndefined();
    expect(await entriesOf(RecordId('fedpol:w3'))).toEqual([]);
  });
});
