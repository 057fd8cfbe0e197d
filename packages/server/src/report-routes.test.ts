import { READ_WAITING_AT_MOST, READ_WORKERS_AT_ONCE } from '@mosaic/extract';
import { pdfRedrawnOf } from '@mosaic/extract/testing';
import { RecordId, validateRecord } from '@mosaic/model';
import { startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let tokens: Record<string, string> = {};
const auth = (user: string) => ({ authorization: `Bearer ${tokens[user] ?? ''}` });
const headers = (user: string) => ({ ...auth(user), 'x-mosaic-purpose': 'harbour inquiry', 'x-mosaic-case': 'CASE-H9' });

const TEXT = 'Antwerp, 2 June 2025. Officers saw Severin Haldórsson, 41, with Ilse Marquardt near the container terminal. Haldórsson is the cousin of Marquardt.';
const PROVENANCE = { source: 'harbour police', reliability: 'C', credibility: 3, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H0' };

interface Upload { report: { id: string; provenance: { agency: string } }; extraction: { entities: { id: string; name: string; schema: string }[] }; proposals: Record<string, { record: string; score: number; explain: unknown }[]> }

let uploads = 0;

/** An upload, into a collection of its own unless told (the same text sent again into one collection is the report already there). */
async function upload(body: Record<string, unknown>, user = 'fedAnalyst') {
  return app.inject({ method: 'POST', url: '/api/v1/reports', headers: auth(user), payload: { collection: `harbour ${++uploads}`, provenance: PROVENANCE, ...body } });
}

beforeAll(async () => {
  world = await openTestMosaic();
  const v = validateRecord(world.mosaic.registry, { id: 'z7', schema: 'Person', properties: { name: ['Severin Haldorsson'], birthDate: ['1984-03-09'] }, provenance: testProvenance('zone-north') });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await world.mosaic.store.putRecords([v.record], { actor: 'test' });
  // a person written surname first, in capitals: the words a proposal names are the record's as it holds them
  const w = validateRecord(world.mosaic.registry, { id: 'z8', schema: 'Person', properties: { name: ['HALVORSEN, Brynjar'] }, provenance: testProvenance('zone-north') });
  if (!w.ok) throw new Error(JSON.stringify(w.errors));
  await world.mosaic.store.putRecords([w.record], { actor: 'test' });
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  tokens = await signInTokens(app, ['fedAnalyst', 'zoneOfficer', 'intelAnalyst', 'zoneCheckpoint', 'auditor', 'fedAdmin']);
});

afterAll(async () => {
  projections.stop();
  await app.close();
  await world.cleanup();
});

describe('POST /extract', () => {
  it('answers the extract contract for text and for a base64 file, and refuses what it cannot read', async () => {
    const fromText = await app.inject({ method: 'POST', url: '/api/v1/extract', headers: auth('zoneOfficer'), payload: { text: TEXT } });
    expect(fromText.statusCode).toBe(200);
    const body = fromText.json() as { entities: { id: string; schema: string; name: string; mentions: unknown[]; properties: object }[]; relations: { type: string; source: string; target: string; evidence: { sentence: string } }[] };
    expect(body.entities.filter((e) => e.schema === 'Person').map((e) => e.name).sort()).toEqual(['Ilse Marquardt', 'Severin Haldórsson']);
    expect(body.relations.some((r) => r.type === 'family' && r.evidence.sentence.includes('cousin'))).toBe(true);
    const html = Buffer.from(`<p>${TEXT}</p>`).toString('base64');
    const fromFile = await app.inject({ method: 'POST', url: '/api/v1/extract', headers: auth('zoneOfficer'), payload: { content: html, mediaType: 'text/html' } });
    expect((fromFile.json() as typeof body).entities.map((e) => e.name)).toEqual(body.entities.map((e) => e.name));

    const notBase64 = await app.inject({ method: 'POST', url: '/api/v1/extract', headers: auth('zoneOfficer'), payload: { content: 'not base64!', mediaType: 'text/plain' } });
    expect(notBase64.statusCode).toBe(400);
    expect(notBase64.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'content', reason: 'is not base64' }] } });
    const tooBig = await app.inject({ method: 'POST', url: '/api/v1/extract', headers: auth('zoneOfficer'), payload: { content: 'A'.repeat(15 * 1024 * 1024), mediaType: 'text/plain' } });
    expect(tooBig.json()).toMatchObject({ error: { details: [{ field: 'content', reason: 'is larger than 10 MB' }] } });
    // not UTF-8: refused, naming the content, not read into replacement characters
    const latin1 = Buffer.from('Fran\xe7ois M\xfcller met J\xfcrgen Wei\xdf in K\xf6ln.', 'latin1').toString('base64');
    for (const url of ['/api/v1/extract', '/api/v1/reports']) {
      const refused = await app.inject({ method: 'POST', url, headers: auth('fedAnalyst'), payload: { content: latin1, mediaType: 'text/plain', collection: 'harbour', provenance: PROVENANCE } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'content', reason: expect.stringMatching(/^is not valid UTF-8/) }] } });
    }
    const noUser = await app.inject({ method: 'POST', url: '/api/v1/extract', payload: { text: TEXT } });
    expect(noUser.statusCode).toBe(401);
  });
  it('answers 503 MOSAIC_BUSY with Retry-After, on /extract and /reports, a document sent while as many wait to be read as a node holds', async () => {
    // five pages each redrawing 1.4 MB of lines: a second or two of a worker, no text
    const slow = Buffer.from(pdfRedrawnOf({ pages: 5, drawings: 100_000 })).toString('base64');
    const send = (url: string) => app.inject({ method: 'POST', url, headers: auth('fedAnalyst'), payload: { content: slow, mediaType: 'application/pdf', collection: 'flood', provenance: PROVENANCE } });
    const held = Array.from({ length: READ_WORKERS_AT_ONCE + READ_WAITING_AT_MOST }, () => send('/api/v1/extract'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const url of ['/api/v1/extract', '/api/v1/reports']) {
      const refused = await send(url);
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('10');
      expect(refused.json()).toEqual({ error: { code: 'MOSAIC_BUSY', message: `extract: this node has ${READ_WAITING_AT_MOST} documents waiting to be read, as many as it holds: send the document again in 10 s` } });
    }
    expect((await Promise.all(held)).map((answer) => answer.statusCode)).toEqual(held.map(() => 200));
  }, 60_000);

  it('warns that a text mostly in Arabic script is not read for names, and gives no warning otherwise', async () => {
    const arabic = await app.inject({ method: 'POST', url: '/api/v1/extract', headers: auth('zoneOfficer'), payload: { text: 'التقى خالد عبد الرحمن مع يوسف الأمين في أنتويرب.' } });
    expect(arabic.json()).toMatchObject({ warnings: [expect.stringMatching(/^text is mostly in Arabic script/)] });
    const latin = await app.inject({ method: 'POST', url: '/api/v1/extract', headers: auth('zoneOfficer'), payload: { text: TEXT } });
    expect(latin.json()).not.toHaveProperty('warnings');
  });
});

describe('reports over HTTP', () => {
  it('uploads, proposes a link with score and explanation, confirms it, and shows the record on the entity', async () => {
    const response = await upload({ content: Buffer.from(TEXT).toString('base64'), mediaType: 'text/plain', fileName: 'harbour.txt' });
    expect(response.statusCode).toBe(201);
    const { report, extraction, proposals } = response.json() as Upload;
    expect(report.provenance.agency).toBe('fedpol');
    const severin = extraction.entities.find((e) => e.name === 'Severin Haldórsson')!;
    const proposal = proposals[severin.id]?.find((p) => p.record === 'zone-north:z7');
    expect(proposal?.score).toBeGreaterThan(0.2);
    expect(Array.isArray(proposal?.explain)).toBe(true);

    const confirm = await app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/entities/${severin.id}/confirm`, headers: headers('fedAnalyst'), payload: { link: 'zone-north:z7' } });
    expect(confirm.statusCode).toBe(200);
    const confirmed = confirm.json() as { record: { id: string }; entity: string };
    expect(confirmed.entity).toBe(projections.entities.entityOf(RecordId('zone-north:z7')));
    const profile = await app.inject({ url: `/api/v1/entities/${confirmed.entity}`, headers: headers('fedAnalyst') });
    expect((profile.json() as { entity: { records: { id: string }[] } }).entity.records.map((r) => r.id)).toContain(confirmed.record.id);

    const read = await app.inject({ url: `/api/v1/reports/${report.id}`, headers: headers('fedAnalyst') });
    expect(read.statusCode).toBe(200);
    const view = (read.json() as { report: { text: string; entities: { id: string; status: string; record?: string }[] } }).report;
    expect(view.text).toBe(TEXT);
    expect(view.entities.find((e) => e.id === severin.id)).toMatchObject({ status: 'confirmed', record: confirmed.record.id });

    const ilse = extraction.entities.find((e) => e.name === 'Ilse Marquardt')!;
    const reject = await app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/entities/${ilse.id}/reject`, headers: headers('fedAnalyst') });
    expect(reject.statusCode).toBe(204);
    const again = await app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/entities/${ilse.id}/confirm`, headers: headers('fedAnalyst'), payload: {} });
    expect(again.statusCode).toBe(409);
  });

  it('names in a proposal\'s explanation the words that agreed, the report\'s beside the record\'s, on upload and on reading', async () => {
    type Named = { feature: string; detail?: string; tokens?: { a: number[]; b: number[]; wordsA?: string[]; wordsB?: string[] }[] };
    const nameOf = (explain: unknown): Named | undefined => (explain as Named[] | undefined)?.find((e) => e.feature === 'name');
    const response = await upload({ text: 'Bergen, 4 May 2025. Officers saw Brynjar Halvorsen near the fish market.' });
    const { report, extraction, proposals } = response.json() as Upload;
    const brynjar = extraction.entities.find((e) => e.name === 'Brynjar Halvorsen')!;
    const read = await app.inject({ url: `/api/v1/reports/${report.id}`, headers: headers('fedAnalyst') });
    expect(read.statusCode).toBe(200);
    const onReading = (read.json() as { report: { entities: { id: string; proposals: { record: string; explain: unknown }[] }[] } }).report.entities.find((e) => e.id === brynjar.id)?.proposals;
    for (const shown of [proposals[brynjar.id], onReading]) {
      const name = nameOf(shown?.find((p) => p.record === 'zone-north:z8')?.explain);
      // the report's spelling on its side, the record's as it is held on the other
      expect(name?.tokens?.map((t) => [t.a, t.b, t.wordsA, t.wordsB])).toEqual([[[0], [0], ['Brynjar'], ['Brynjar']], [[1], [1], ['Halvorsen'], ['HALVORSEN']]]);
      expect(name?.detail).toMatch(/\(Brynjar ~ Brynjar at frequency [\d.e-]+: [+-][\d.]+; Halvorsen ~ HALVORSEN at frequency /);
      expect(name?.detail).not.toMatch(/a\d\.\d/);
    }
  });

  it('tells the reviewer that a confirmed mention\'s record was erased since', async () => {
    const response = await upload({ text: TEXT });
    const { report, extraction } = response.json() as Upload;
    const ilse = extraction.entities.find((e) => e.name === 'Ilse Marquardt')!;
    const confirm = await app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/entities/${ilse.id}/confirm`, headers: headers('fedAnalyst'), payload: {} });
    const { record } = confirm.json() as { record: { id: string } };
    const erased = await app.inject({ method: 'DELETE', url: `/api/v1/records/${encodeURIComponent(record.id)}`, headers: headers('fedAdmin'), payload: { reason: 'erasure request' } });
    expect(erased.statusCode).toBe(204);
    const read = await app.inject({ url: `/api/v1/reports/${report.id}`, headers: headers('fedAnalyst') });
    const view = (read.json() as { report: { entities: { id: string; status: string; record?: string; recordErased?: boolean }[] } }).report;
    expect(view.entities.find((e) => e.id === ilse.id)).toMatchObject({ status: 'confirmed', recordErased: true, erased: true, proposals: [] });
    expect(view.entities.find((e) => e.id === ilse.id)?.record).toBeUndefined();
    // the mention erased with her takes no decision: confirming it would make a record named ERASED_TEXT
    const again = await app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/entities/${ilse.id}/confirm`, headers: headers('fedAnalyst'), payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'MOSAIC_CONFLICT', message: `entity ${ilse.id} of report ${report.id} was erased: it named an erased record, and is not confirmed, linked or rejected` } });
    // and none of her names is left in the report as read, nor in its history (erase-from-reports.ts)
    const history = await app.inject({ url: `/api/v1/records/${encodeURIComponent(report.id)}/history`, headers: headers('fedAnalyst') });
    expect(history.statusCode).toBe(200);
    for (const body of [read.body, history.body]) expect(body.toLowerCase()).not.toMatch(/ilse|marquardt/);
    expect((read.json() as { report: { text: string } }).report.text).toContain('Antwerp, 2 June 2025.');
  });

  it('answers on reading a report the warnings its extraction gave on upload, and none for a report that gave none', async () => {
    const arabic = (await upload({ text: 'التقى خالد عبد الرحمن مع يوسف الأمين في أنتويرب.' })).json() as Upload & { extraction: { warnings?: string[] } };
    expect(arabic.extraction.warnings).toEqual([expect.stringMatching(/^text is mostly in Arabic script/)]);
    const read = await app.inject({ url: `/api/v1/reports/${arabic.report.id}`, headers: headers('fedAnalyst') });
    expect((read.json() as { report: { warnings?: string[] } }).report.warnings).toEqual(arabic.extraction.warnings);
    const latin = (await upload({ text: TEXT })).json() as Upload;
    expect((await app.inject({ url: `/api/v1/reports/${latin.report.id}`, headers: headers('fedAnalyst') })).json()).not.toHaveProperty('report.warnings');
  });

  it('searches with a purpose, and hides the report from an agency without an agreement everywhere', async () => {
    const { report } = (await upload({ text: `${TEXT} Codename Wolkenbruch.` })).json() as Upload;
    const noPurpose = await app.inject({ url: '/api/v1/reports?q=Wolkenbruch', headers: auth('fedAnalyst') });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
    const found = await app.inject({ url: '/api/v1/reports?q=wolkenbruch&purpose=harbour%20inquiry&caseRef=CASE-H9', headers: auth('fedAnalyst') });
    expect((found.json() as { results: { report: { id: string }; snippet: string }[] }).results.map((r) => r.report.id)).toEqual([report.id]);

    // a query it cannot search names its field, as a search's does
    const short = await app.inject({ url: '/api/v1/reports?q=a', headers: headers('fedAnalyst') });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ error: { code: 'MOSAIC_QUERY_REJECTED', message: 'q: the query needs at least two letters or digits', details: [{ field: 'q', reason: 'needs at least two letters or digits' }] } });

    const hidden = await app.inject({ url: '/api/v1/reports?q=wolkenbruch', headers: headers('intelAnalyst') });
    expect(hidden.json()).toEqual({ results: [], pointers: [] });
    const get = await app.inject({ url: `/api/v1/reports/${report.id}`, headers: headers('intelAnalyst') });
    const missing = await app.inject({ url: `/api/v1/reports/fedpol:report-none`, headers: headers('intelAnalyst') });
    expect(get.statusCode).toBe(404);
    expect(get.body.replace(report.id, 'X')).toBe(missing.body.replace('fedpol:report-none', 'X'));
    const confirm = await app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/entities/e1/confirm`, headers: headers('intelAnalyst'), payload: {} });
    expect(confirm.statusCode).toBe(404);
    for (const body of [hidden.body, get.body, confirm.body]) expect(body).not.toMatch(/Wolkenbruch|Haldórsson|harbour police/);
  });

  it('refuses the list and the search of reports to a role that reads no record, 403 before anything is logged, as a search of records is', async () => {
    await upload({ text: `${TEXT} Codename Hagelschlag.` });
    for (const user of ['zoneCheckpoint', 'auditor']) {
      for (const url of ['/api/v1/reports?q=hagelschlag', '/api/v1/reports']) {
        const before = (await world.mosaic.store.auditHead())?.seq;
        const refused = await app.inject({ url, headers: headers(user) });
        expect(refused.statusCode, `${user} ${url}`).toBe(403);
        expect(refused.json(), `${user} ${url}`).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN', message: 'reports: role not permitted (reports are searched by an analyst or an officer)' } });
        expect((await world.mosaic.store.auditHead())?.seq).toBe(before);
      }
    }
    const officer = await app.inject({ url: '/api/v1/reports?q=hagelschlag', headers: headers('zoneOfficer') });
    expect((officer.json() as { results: unknown[] }).results).toHaveLength(1);
  });

  it('answers the same file sent again into one collection 200 with the report already there, and the file with other terms 409 naming it, writing nothing', async () => {
    const file = { content: Buffer.from(TEXT).toString('base64'), mediaType: 'text/plain', fileName: 'harbour.txt', collection: 'harbour-again' };
    const first = await upload(file);
    expect(first.statusCode).toBe(201);
    const { report } = first.json() as Upload;
    const before = await world.mosaic.store.countRecords({ schema: 'Report' });
    const again = await upload(file);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ repeated: true, report: { id: report.id } });
    const retitled = await upload({ ...file, title: 'Harbour, corrected' });
    expect(retitled.statusCode).toBe(409);
    expect(retitled.json()).toMatchObject({ error: { code: 'MOSAIC_CONFLICT', details: [{ field: 'content', reason: expect.stringContaining(`as report ${report.id}`) as unknown }] } });
    expect(await world.mosaic.store.countRecords({ schema: 'Report' })).toBe(before);
  });

  it('refuses bad provenance with the field named, and writes nothing', async () => {
    const before = await world.mosaic.store.countRecords({ schema: 'Report' });
    const bad = await upload({ text: TEXT, provenance: { ...PROVENANCE, credibility: 9, marking: { tlp: 'PURPLE' } } });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as { error: { details: { field: string }[] } }).error.details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['provenance.credibility', 'provenance.marking.tlp']));
    const none = await upload({});
    expect(none.json()).toMatchObject({ error: { details: [{ field: 'content', reason: 'is required (or text)' }] } });
    expect(await world.mosaic.store.countRecords({ schema: 'Report' })).toBe(before);
  });

  it('refuses a country that is not an ISO 3166 one, naming country, on upload and extraction, and writes nothing', async () => {
    const before = await world.mosaic.store.countRecords({ schema: 'Report' });
    for (const country of ['zz', 'xx', 'QQ']) {
      for (const answer of [await upload({ text: TEXT, country }), await app.inject({ method: 'POST', url: '/api/v1/extract', headers: auth('fedAnalyst'), payload: { text: TEXT, country } })]) {
        expect(answer.statusCode, country).toBe(400);
        expect(answer.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'country', reason: `${JSON.stringify(country)} is not an ISO 3166 country` }] } });
      }
    }
    expect(await world.mosaic.store.countRecords({ schema: 'Report' })).toBe(before);
    expect((await upload({ text: TEXT, country: 'BE' })).statusCode).toBe(201);
  });

  it('answers a body that is not JSON or a missing purpose with 400, not 500', async () => {
    const { report, extraction } = (await upload({ text: TEXT })).json() as Upload;
    const severin = extraction.entities.find((e) => e.name === 'Severin Haldórsson')!;
    const confirmUrl = `/api/v1/reports/${report.id}/entities/${severin.id}/confirm`;
    for (const url of ['/api/v1/reports', '/api/v1/extract', confirmUrl]) {
      const malformed = await app.inject({ method: 'POST', url, headers: { ...headers('fedAnalyst'), 'content-type': 'application/json' }, payload: '{"text": "abc", ' });
      expect(malformed.statusCode, url).toBe(400);
      expect(malformed.json(), url).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT' } });
    }
    const noPurpose = await app.inject({ method: 'POST', url: confirmUrl, headers: auth('fedAnalyst'), payload: {} });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
    const read = await app.inject({ url: `/api/v1/reports/${report.id}`, headers: headers('fedAnalyst') });
    expect((read.json() as { report: { entities: { id: string; status: string }[] } }).report.entities.find((e) => e.id === severin.id)?.status).toBe('proposed');
  });

  it('refuses a Report written as a record, which would be a report without its text or review, and reads one stored so as a report with nothing extracted', async () => {
    const { report } = (await upload({ text: TEXT })).json() as Upload;
    const sourceId = report.id.replace(/^fedpol:/, '');
    for (const id of ['report-by-hand', sourceId]) {
      const written = await app.inject({ method: 'POST', url: '/api/v1/records', headers: auth('fedAnalyst'), payload: { id, schema: 'Report', properties: { title: ['By hand'], collection: ['harbour'] }, provenance: { ...PROVENANCE, category: 'other', legalBasis: 'Report in collection harbour' } } });
      expect(written.statusCode, id).toBe(400);
      expect(written.json(), id).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', details: [{ field: 'schema', reason: 'a Report is written by uploading it (POST /reports), with its text and what extraction found in it' }] } });
    }
    expect((await app.inject({ url: '/api/v1/reports/fedpol:report-by-hand', headers: headers('fedAnalyst') })).statusCode).toBe(404);
    const kept = await app.inject({ url: `/api/v1/reports/${report.id}`, headers: headers('fedAnalyst') });
    expect((kept.json() as { report: { text: string; report: { properties: { title: string[] } } } }).report).toMatchObject({ text: TEXT, report: { properties: { title: [TEXT.slice(0, 120)] } } });

    // one stored without the upload (a store written before the refusal, or a file ingested) is a report with no text and nothing extracted
    const v = validateRecord(world.mosaic.registry, { id: 'report-ingested', schema: 'Report', properties: { title: ['Ingested'] }, provenance: testProvenance('fedpol') });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    await world.mosaic.store.putRecords([v.record], { actor: 'test' });
    const read = await app.inject({ url: '/api/v1/reports/fedpol:report-ingested', headers: headers('fedAnalyst') });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ report: { text: '', entities: [], relations: [], report: { id: 'fedpol:report-ingested' } } });
    const confirm = await app.inject({ method: 'POST', url: '/api/v1/reports/fedpol:report-ingested/entities/e1/confirm', headers: headers('fedAnalyst'), payload: {} });
    expect(confirm.statusCode).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const path of ['/api/v1/extract', '/api/v1/reports', '/api/v1/reports/{id}', '/api/v1/reports/{id}/entities/{entity}/confirm', '/api/v1/reports/{id}/entities/{entity}/reject']) {
      expect(spec.paths[path], path).toBeDefined();
    }
  });
});
