/**
 * The audit routes: a search of the log is a consultation like any other (what users searched
 * for and were shown is personal data), refused without a purpose and a case reference and
 * logged with them as given; a verification checked against a witness the auditor kept.
 */
import type { AuditEntry } from '@mosaic/audit';
import { AgencyId, RecordId, UserId } from '@mosaic/model';
import { openTestMosaic, TEST_PASSWORD, type TestMosaic } from '@mosaic/service/testing';
import { createStoreAuditStorage } from '@mosaic/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

let world: TestMosaic;
let app: FastifyInstance;
let token = '';
/** The clock of the store: the day tests move it across midnight. */
let today = new Date('2030-01-01T23:30:00Z');

beforeAll(async () => {
  world = await openTestMosaic({ now: () => today });
  app = await buildApp({ mosaic: world.mosaic });
  token = (await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { name: 'auditor', password: TEST_PASSWORD } }).then((r) => r.json() as { token: string })).token;
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

async function lastEntry(): Promise<AuditEntry | undefined> {
  let last: AuditEntry | undefined;
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) last = entry;
  return last;
}

describe('GET /audit', () => {
  it('refuses a search of the log without a purpose and a case reference, and logs nothing', async () => {
    const before = await lastEntry();
    for (const headers of [{}, { 'x-mosaic-purpose': 'lawfulness check' }, { 'x-mosaic-case': 'DPO-2026-4' }]) {
      const refused = await app.inject({ url: '/api/v1/audit?action=consultation', headers: { authorization: `Bearer ${token}`, ...headers } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
    }
    expect(await lastEntry()).toEqual(before);
  });

  it('logs the search with the auditor\'s purpose and case reference, as given', async () => {
    const response = await app.inject({
      url: '/api/v1/audit?user=zone-north.zoneOfficer',
      headers: { authorization: `Bearer ${token}`, 'x-mosaic-purpose': encodeURIComponent('complaint n° 12 (data subject)'), 'x-mosaic-case': 'DPO-2026-4' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await lastEntry()).toMatchObject({
      actor: { user: 'fedpol.auditor', agency: 'fedpol' }, action: 'consultation', purpose: 'complaint n° 12 (data subject)', caseRef: 'DPO-2026-4',
      query: { audit: { user: 'zone-north.zoneOfficer' } }, reason: 'audit search',
    });
  });
});

describe('GET /audit by a record behind a pointer', () => {
  it('finds another agency\'s user\'s entry by its pointer\'s record, and answers only this agency\'s records behind it', async () => {
    await world.mosaic.audit.append({
      actor: { user: UserId('zone-north.zoneOfficer'), agency: AgencyId('zone-north') }, action: 'screening', purpose: 'checkpoint check', caseRef: 'ZN-24',
      pointers: [AgencyId('fedpol'), AgencyId('intel')], pointed: [{ agency: AgencyId('fedpol'), records: [RecordId('fedpol:f24')] }, { agency: AgencyId('intel'), records: [RecordId('intel:i24')] }], outcome: 'ok',
    });
    const response = await app.inject({ url: '/api/v1/audit?record=fedpol:f24', headers: { authorization: `Bearer ${token}`, 'x-mosaic-purpose': 'lawfulness check', 'x-mosaic-case': 'DPO-24' } });
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as { entries: unknown[] }).entries).toEqual([expect.objectContaining({ caseRef: 'ZN-24', pointers: ['fedpol'], pointed: [{ agency: 'fedpol', records: ['fedpol:f24'] }] })]);
    expect(response.body).not.toContain('i24');
  });
});

describe('GET /audit from and to', () => {
  const search = (query: string, caseRef = 'DPO-2030-1') => app.inject({
    url: `/api/v1/audit?action=consultation&${query}`, headers: { authorization: `Bearer ${token}`, 'x-mosaic-purpose': 'lawfulness check', 'x-mosaic-case': caseRef },
  });
  /** The cases of the audit searches found: each search below is logged under a case naming its day. */
  const casesOf = async (query: string): Promise<string[]> => {
    const response = await search(query);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { entries: { caseRef: string | null; reason: string | null }[] }).entries.filter((e) => e.caseRef?.startsWith('DAY-')).map((e) => e.caseRef ?? '').sort();
  };

  it('takes a day as well as an instant: from its start (UTC), to its end', async () => {
    today = new Date('2030-01-01T23:30:00Z');
    expect((await search('limit=1', 'DAY-1')).statusCode).toBe(200);
    today = new Date('2030-01-02T00:30:00Z');
    expect((await search('limit=1', 'DAY-2')).statusCode).toBe(200);
    today = new Date('2030-01-02T01:00:00Z');
    expect(await casesOf('from=2030-01-01&to=2030-01-01')).toEqual(['DAY-1']);
    expect(await casesOf('from=2030-01-02')).toEqual(['DAY-2']);
    expect(await casesOf('to=2030-01-02')).toEqual(['DAY-1', 'DAY-2']);
    expect(await casesOf('from=2030-01-01T23:00:00Z&to=2030-01-02T00:00:00Z')).toEqual(['DAY-1']);
    for (const given of ['from=2030-02-30', 'to=2030-13-01', 'from=yesterday']) {
      const refused = await search(given);
      expect(refused.statusCode, given).toBe(400);
      expect(refused.json(), given).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', details: [{ field: given.split('=')[0] }] } });
    }
  });
});

describe('GET /audit before and next', () => {
  const search = (query: string, caseRef: string) => app.inject({
    url: `/api/v1/audit?${query}`, headers: { authorization: `Bearer ${token}`, 'x-mosaic-purpose': 'lawfulness check', 'x-mosaic-case': caseRef },
  });

  it('walks entries of one millisecond page by page, none skipped, by the seq of the last entry given', async () => {
    // the store's clock stands still: these three searches are logged at the same instant
    for (let i = 0; i < 3; i++) expect((await search('limit=1', 'PAGE')).statusCode).toBe(200);
    const walked: number[] = [];
    let next: number | undefined;
    for (let pages = 0; pages < 4; pages++) {
      const response = await search(`caseRef=PAGE&limit=1${next === undefined ? '' : `&before=${next}`}`, 'WALK');
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { entries: { seq: number; time: string }[]; next?: number };
      walked.push(...page.entries.map((e) => e.seq));
      next = page.next;
      if (next === undefined) break;
    }
    expect(walked).toHaveLength(3);
    expect(walked).toEqual([...walked].sort((a, b) => b - a));
    for (const given of ['before=0', 'before=x']) {
      const refused = await search(given, 'WALK');
      expect(refused.statusCode, given).toBe(400);
      expect(refused.json(), given).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'before' }] } });
    }
  });
});

describe('POST /audit/verify', () => {
  const verify = (body?: unknown) => app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });

  it('checks the log against a witness the auditor kept: reached, not reached, or not the entry witnessed', async () => {
    expect((await verify()).json()).toMatchObject({ ok: true });
    const last = await lastEntry();
    expect(last).toBeDefined();
    expect((await verify({ expect: `${last!.seq}:${last!.hash}` })).json()).toMatchObject({ ok: true });
    const beyond = (await verify({ expect: `${last!.seq + 40}:${'a'.repeat(64)}` })).json() as { ok: boolean; reason: string; message: string };
    expect(beyond).toMatchObject({ ok: false, reason: 'truncated' });
    expect(beyond.message).toContain(`the witness given says it reached entry ${last!.seq + 40}`);
    expect((await verify({ expect: `${last!.seq}:${'b'.repeat(64)}` })).json()).toMatchObject({ ok: false, reason: 'witness_mismatch' });
  });

  it('answers the last entry it verified as the witness to keep, which a later verification takes back and still reaches', async () => {
    const head = await lastEntry();
    const answered = (await verify()).json() as { ok: boolean; entries: number; witness?: string };
    // the entry before the verification's own entry, which logs it after it ran
    expect(answered).toEqual({ ok: true, entries: head!.seq, witness: `${head!.seq}:${head!.hash}` });
    const logged = await lastEntry();
    expect(logged!.seq).toBe(head!.seq + 1);
    expect((await verify({ expect: answered.witness })).json()).toEqual({ ok: true, entries: logged!.seq, witness: `${logged!.seq}:${logged!.hash}` });
    // a broken chain answers no witness
    expect((await verify({ expect: `${head!.seq}:${'c'.repeat(64)}` })).json()).not.toHaveProperty('witness');
  });

  it('is itself logged, as a search of the log is: who verified, against which witness, with the purpose given', async () => {
    await verify();
    expect(await lastEntry()).toMatchObject({ action: 'consultation', actor: { user: expect.stringContaining('auditor') }, purpose: null, caseRef: null, query: { auditVerify: {} }, outcome: 'ok', reason: 'audit verify' });
    const head = await lastEntry();
    const witness = `${head!.seq}:${head!.hash}`;
    const asked = await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: { authorization: `Bearer ${token}`, 'x-mosaic-purpose': 'integrity check', 'x-mosaic-case': 'DPO-9' }, payload: { expect: witness } });
    expect(asked.json()).toMatchObject({ ok: true });
    expect(await lastEntry()).toMatchObject({ purpose: 'integrity check', caseRef: 'DPO-9', query: { auditVerify: { expect: witness } }, reason: 'audit verify' });
  });

  it('refuses a witness that is not SEQ:HASH, naming expect', async () => {
    const refused = await verify({ expect: 'yesterday' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'expect' }] } });
  });
});

describe('POST /audit/export', () => {
  const asked = (caseRef: string) => ({ authorization: `Bearer ${token}`, 'x-mosaic-purpose': 'lawfulness check', 'x-mosaic-case': caseRef });

  it('answers the entries a search gave, as JSON Lines, and logs the export itself with the purpose given', async () => {
    const searched = await app.inject({ url: '/api/v1/audit?action=consultation&limit=3', headers: asked('DPO-EXP') });
    expect(searched.statusCode, searched.body).toBe(200);
    const { entries } = searched.json() as { entries: { seq: number; hash: string }[] };
    expect(entries).toHaveLength(3);
    // the entries shown, asked again from the newest of them down: the search's own entry and later ones are not among them
    const before = entries[0]!.seq + 1;
    const exported = await app.inject({ method: 'POST', url: '/api/v1/audit/export', headers: asked('DPO-EXP'), payload: { action: 'consultation', before, limit: 3 } });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^application\/jsonl/);
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.jsonl"$/);
    const lines = exported.body.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((line) => JSON.parse(line) as unknown)).toEqual(entries);
    expect(await lastEntry()).toMatchObject({
      action: 'export', actor: { user: 'fedpol.auditor', agency: 'fedpol' }, purpose: 'lawfulness check', caseRef: 'DPO-EXP', outcome: 'ok', reason: 'audit export',
      query: { auditExport: { action: 'consultation', before, limit: 3, entries: 3, seqs: entries.map((e) => e.seq) } },
    });
  });

  it('refuses an export without a purpose and a case reference, and one by a user who does not audit, and logs neither', async () => {
    const head = await lastEntry();
    const refused = await app.inject({ method: 'POST', url: '/api/v1/audit/export', headers: { authorization: `Bearer ${token}` }, payload: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
    const analyst = (await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { name: 'fedAnalyst', password: TEST_PASSWORD } }).then((r) => r.json() as { token: string })).token;
    const forbidden = await app.inject({ method: 'POST', url: '/api/v1/audit/export', headers: { ...asked('DPO-EXP'), authorization: `Bearer ${analyst}` }, payload: {} });
    expect(forbidden.statusCode).toBe(403);
    const after = await lastEntry();
    // the analyst's sign-in is the only entry since
    expect(after?.action).toBe('authentication');
    expect(after!.seq).toBe(head!.seq + 1);
  });
});
