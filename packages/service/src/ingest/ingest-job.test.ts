/**
 * Ingest jobs seen from another node: two job lists on one store (two serving nodes) — a job
 * started on one is found on the other at once, and its end is reported there too. A job the
 * store fails under ends `failed`, saying why in `failure` (docs/API.md), its written batches kept.
 */
import { AgencyId, DeskId, RecordId, UserId } from '@mosaic/model';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { createIngestJobs, INGEST_JOB_KIND, NODE_STOPPED, type IngestJob } from './ingest-job.ts';

let world: TestMosaic;
beforeAll(async () => {
  world = await openTestMosaic();
});
afterAll(async () => {
  await world.cleanup();
});

const provenance = { source: 'rms export', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'LED Art. 8' };

describe('an ingest job on one node', () => {
  it('is found on another node sharing the store while it runs and when it has ended', async () => {
    const user = await world.mosaic.store.findUserByName('fedAnalyst');
    if (!user) throw new Error('the test user is missing');
    const consultation = { user, purpose: 'case intake', caseRef: 'CASE-J1' };
    const content = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `j${i}`, schema: 'Person', properties: { name: [`Person ${i}`] }, provenance })).join('\n');
    const here = createIngestJobs();
    const there = createIngestJobs();
    const job = await here.start(world.mosaic, consultation, { format: 'jsonl', content, filename: 'big.jsonl' });
    expect(await there.get(world.mosaic, consultation, job.id)).toMatchObject({ id: job.id, state: 'running', total: 3000 });
    await here.idle();
    expect(await there.get(world.mosaic, consultation, job.id)).toMatchObject({ state: 'done', processed: 3000, accepted: 3000, created: 3000 });
    const stranger = await world.mosaic.store.findUserByName('zoneOfficer');
    await expect(there.get(world.mosaic, { user: stranger! }, job.id)).rejects.toThrow(/not found/);
  });
});

describe('the jobs of a user', () => {
  it('are listed newest first, the user\'s own only, a job a stopped node left reported failed', async () => {
    let ahead = 0;
    const node = await openTestMosaic({ now: () => new Date(Date.now() + ahead) });
    try {
      const user = (await node.mosaic.store.findUserByName('zoneOfficer'))!;
      const other = (await node.mosaic.store.findUserByName('fedAnalyst'))!;
      const consultation = { user, purpose: 'case intake', caseRef: 'CASE-J6' };
      const jobs = createIngestJobs();
      const line = (id: string): string => JSON.stringify({ id, schema: 'Person', properties: { name: [`Person ${id}`] }, provenance: testProvenance('zone-north') });
      const first = await jobs.start(node.mosaic, consultation, { format: 'jsonl', content: line('ls1'), filename: 'first.jsonl' });
      await jobs.idle();
      const second = await jobs.start(node.mosaic, consultation, { format: 'jsonl', content: line('ls2'), filename: 'second.jsonl' });
      await jobs.idle();
      // another user's job is not theirs to see
      await jobs.start(node.mosaic, { user: other, purpose: 'case intake', caseRef: 'CASE-J7' }, { format: 'jsonl', content: JSON.stringify({ id: 'ls3', schema: 'Person', properties: { name: ['Person ls3'] }, provenance }), filename: 'other.jsonl' });
      await jobs.idle();
      const left: IngestJob = {
        id: 'job-left-listed', user: user.id, filename: 'left.jsonl', format: 'jsonl', state: 'running', total: 10, processed: 4, accepted: 4, rejected: 0,
        created: 4, updated: 0, unchanged: 0, errors: [], startedAt: new Date().toISOString(),
      };
      await node.mosaic.store.putDocument({ kind: INGEST_JOB_KIND, id: left.id, owner: user.id, body: left });
      const listed = await createIngestJobs().list(node.mosaic, consultation);
      expect(listed.map((j) => [j.id, j.filename, j.state])).toEqual([[left.id, 'left.jsonl', 'running'], [second.id, 'second.jsonl', 'done'], [first.id, 'first.jsonl', 'done']]);
      expect(await createIngestJobs().list(node.mosaic, consultation, { limit: 1 })).toHaveLength(1);
      ahead = 61_000;
      expect((await createIngestJobs().list(node.mosaic, consultation))[0]).toMatchObject({ id: left.id, state: 'failed', failure: NODE_STOPPED });
    } finally {
      await node.cleanup();
    }
  });
});

describe('an upload by a role that writes no records', () => {
  it('is refused at once, before any line is read, not line by line', async () => {
    const admin = await world.mosaic.store.findUserByName('fedAdmin');
    const content = JSON.stringify({ id: 'adm1', schema: 'Person', properties: { name: ['Person Admin'] }, provenance });
    await expect(createIngestJobs().start(world.mosaic, { user: admin!, purpose: 'case intake', caseRef: 'CASE-J0' }, { format: 'jsonl', content, filename: 'one.jsonl' }))
      .rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN', message: expect.stringContaining('analysts and officers') });
    expect(await world.mosaic.store.getRecord(RecordId('fedpol:adm1'))).toBeUndefined();
  });
});

describe('an ingest job the store fails under', () => {
  it('ends failed, with the error\'s message as its failure, the batches written before kept, and resumes when uploaded again', async () => {
    const user = await world.mosaic.store.findUserByName('fedAnalyst');
    if (!user) throw new Error('the test user is missing');
    const consultation = { user, purpose: 'case intake', caseRef: 'CASE-J2' };
    const content = Array.from({ length: 2500 }, (_, i) => JSON.stringify({ id: `f${i}`, schema: 'Person', properties: { name: [`Failing Person ${i}`] }, provenance })).join('\n');
    // each batch is one transaction of the store: its records with its audit entry
    const transaction = world.mosaic.store.transaction.bind(world.mosaic.store);
    let batches = 0;
    const failing = vi.spyOn(world.mosaic.store, 'transaction').mockImplementation(async (fn) => {
      if (++batches === 2) throw new Error('the disk is full');
      return transaction(fn);
    });
    const jobs = createIngestJobs();
    try {
      const job = await jobs.start(world.mosaic, consultation, { format: 'jsonl', content, filename: 'failing.jsonl' });
      await jobs.idle();
      const failed = await jobs.get(world.mosaic, consultation, job.id);
      // the lines written are counted as what they were, as a job that ends counts them (a job that said created 0 had made 1,000 records)
      expect(failed).toMatchObject({ state: 'failed', failure: 'the disk is full', accepted: 1000, created: 1000, updated: 0, unchanged: 0, rejected: 0, errors: [] });
      expect(failed.endedAt).toBeDefined();
    } finally {
      failing.mockRestore();
    }
    const again = await jobs.start(world.mosaic, consultation, { format: 'jsonl', content, filename: 'failing.jsonl' });
    await jobs.idle();
    const done = await jobs.get(world.mosaic, consultation, again.id);
    // the 1,000 lines the failed job wrote are skipped, and said so
    expect(done).toMatchObject({ state: 'done', processed: 2500, created: 1500, accepted: 1500, resumed: 1000 });
    expect(done.failure).toBeUndefined();
  });
});

describe('an ingest job whose node stopped', () => {
  it('is reported failed, saying so, once no node has saved it for a minute, and stays failed', async () => {
    // the store stamps documents with the real clock: this node's clock runs ahead of it
    let ahead = 0;
    const stopped = await openTestMosaic({ now: () => new Date(Date.now() + ahead) });
    try {
      const user = (await stopped.mosaic.store.findUserByName('fedAnalyst'))!;
      const consultation = { user, purpose: 'case intake', caseRef: 'CASE-J3' };
      // as the stopped node left it: running, 16,000 lines in
      const left: IngestJob = {
        id: 'job-left', user: user.id, filename: 'big.jsonl', format: 'jsonl', state: 'running', total: 60_000, processed: 16_000, accepted: 16_000, rejected: 0,
        created: 16_000, updated: 0, unchanged: 0, errors: [], startedAt: new Date().toISOString(),
      };
      await stopped.mosaic.store.putDocument({ kind: INGEST_JOB_KIND, id: left.id, owner: user.id, body: left });
      const jobs = createIngestJobs();
      ahead = 30_000;
      expect(await jobs.get(stopped.mosaic, consultation, left.id)).toMatchObject({ state: 'running', processed: 16_000 });
      ahead = 61_000;
      const failed = await jobs.get(stopped.mosaic, consultation, left.id);
      expect(failed).toMatchObject({ state: 'failed', failure: NODE_STOPPED, processed: 16_000, created: 16_000, endedAt: expect.any(String) });
      ahead = 3_600_000;
      expect(await createIngestJobs().get(stopped.mosaic, consultation, left.id)).toEqual(failed);
    } finally {
      await stopped.cleanup();
    }
  });
});

describe('an upload with Alert lines', () => {
  it('refuses an Alert on an own-agency record the uploader may not read in the same words as one on a missing id, and accepts one on a record they may read', async () => {
    // an analyst cleared to CONFIDENTIAL, in no need-to-know group
    await world.mosaic.store.upsertUser({ id: UserId('fedpol.confAnalyst'), name: 'confAnalyst', agency: AgencyId('fedpol'), desk: DeskId('fedpol-ops'), roles: ['analyst'], clearance: 'CONFIDENTIAL', groups: [], passwordHash: 'unused' });
    const user = await world.mosaic.store.findUserByName('confAnalyst');
    if (!user) throw new Error('the test user is missing');
    const person = (id: string, marking: Record<string, unknown>) => ({ id, schema: 'Person', properties: { name: [`Person ${id}`] }, provenance: testProvenance('fedpol', { marking }) });
    await putFixtures(world.mosaic, [
      person('al-open', { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }),
      person('al-secret', { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] }),
      person('al-group', { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-heron'] }),
    ]);
    const alert = (id: string, subject: string): string => JSON.stringify({
      id, schema: 'Alert', provenance, properties: { subject: [subject], category: ['discreet_check'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], validFrom: ['2026-01-01'], status: ['active'] },
    });
    const content = [alert('al-a1', 'al-secret'), alert('al-a2', 'al-missing'), alert('al-a3', 'al-group'), alert('al-a4', 'al-open')].join('\n');
    const consultation = { user, purpose: 'case intake', caseRef: 'CASE-J4' };
    const jobs = createIngestJobs();
    const job = await jobs.start(world.mosaic, consultation, { format: 'jsonl', content, filename: 'alerts.jsonl' });
    await jobs.idle();
    const done = await jobs.get(world.mosaic, consultation, job.id);
    const refused = { field: 'subject', reason: 'names no record of fedpol stored or given by an earlier line: an alert is written after the record it names' };
    expect(done).toMatchObject({ state: 'done', processed: 4, accepted: 1, rejected: 3, created: 1 });
    expect(done.errors).toEqual([[1, 'fedpol:al-a1'], [2, 'fedpol:al-a2'], [3, 'fedpol:al-a3']].map(([line, id]) => ({ line, id, ...refused })));
    const alerts = await world.mosaic.store.getRecords(['al-a1', 'al-a2', 'al-a3', 'al-a4'].map((id) => RecordId(`fedpol:${id}`)));
    expect(alerts.map((a) => [a.record.id, a.record.properties['subject']])).toEqual([['fedpol:al-a4', ['fedpol:al-open']]]);
  });
});

describe('an upload giving the id of a stored record', () => {
  it('does not overwrite one the uploader may not read, refusing its line in the same words whatever hides it, and writes one they may', async () => {
    // an analyst cleared to CONFIDENTIAL, in no need-to-know group
    await world.mosaic.store.upsertUser({ id: UserId('fedpol.confUploader'), name: 'confUploader', agency: AgencyId('fedpol'), desk: DeskId('fedpol-ops'), roles: ['analyst'], clearance: 'CONFIDENTIAL', groups: [], passwordHash: 'unused' });
    const user = await world.mosaic.store.findUserByName('confUploader');
    if (!user) throw new Error('the test user is missing');
    const person = (id: string, marking: Record<string, unknown>) => ({ id, schema: 'Person', properties: { name: [`Person ${id}`] }, provenance: testProvenance('fedpol', { marking }) });
    await putFixtures(world.mosaic, [
      person('tk-secret', { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] }),
      person('tk-group', { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-heron'] }),
      person('tk-open', { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }),
    ]);
    const line = (id: string, marking: Record<string, unknown> = provenance.marking): string => JSON.stringify({ id, schema: 'Person', properties: { name: ['Overwritten'] }, provenance: { ...provenance, marking } });
    const content = [line('tk-secret'), line('tk-group'), line('tk-open'), line('tk-new'), line('tk-mine', { ...provenance.marking, classification: 'SECRET' })].join('\n');
    const consultation = { user, purpose: 'case intake', caseRef: 'CASE-J5' };
    const jobs = createIngestJobs();
    const job = await jobs.start(world.mosaic, consultation, { format: 'jsonl', content, filename: 'taken.jsonl' });
    await jobs.idle();
    const done = await jobs.get(world.mosaic, consultation, job.id);
    expect(done).toMatchObject({ state: 'done', processed: 5, accepted: 2, rejected: 3, created: 1, updated: 1 });
    expect([...done.errors].sort((a, b) => a.line - b.line)).toEqual([
      { line: 1, id: 'fedpol:tk-secret', field: 'id', reason: 'record id fedpol:tk-secret is taken: choose another id' },
      { line: 2, id: 'fedpol:tk-group', field: 'id', reason: 'record id fedpol:tk-group is taken: choose another id' },
      // the uploader's own marking above their clearance keeps its reason: it tells them nothing stored
      { line: 5, id: 'tk-mine', field: 'provenance.marking.classification', reason: 'you may not write this record (clearance)' },
    ]);
    const stored = await world.mosaic.store.getRecords(['tk-secret', 'tk-group', 'tk-open', 'tk-new'].map((id) => RecordId(`fedpol:${id}`)));
    expect(stored.map((s) => [s.record.id, s.version, s.record.properties['name']])).toEqual([
      ['fedpol:tk-secret', 1, ['Person tk-secret']], ['fedpol:tk-group', 1, ['Person tk-group']], ['fedpol:tk-open', 2, ['Overwritten']], ['fedpol:tk-new', 1, ['Overwritten']],
    ]);
  });

  it('does not overwrite an alert on a subject the uploader may not read, refusing its line as taken, as POST /records does', async () => {
    const user = (await world.mosaic.store.findUserByName('fedAnalyst'))!;
    const alert = (id: string, subject: string) => ({
      id, schema: 'Alert', provenance: { ...provenance, legalBasis: 'Reg. (EU) 2018/1862 Art. 36' },
      properties: { subject: [subject], category: ['discreet_check'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], validFrom: ['2020-01-01'], status: ['active'] },
    });
    await putFixtures(world.mosaic, [
      { id: 'tka-hidden', schema: 'Person', properties: { name: ['Person tka-hidden'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-heron'] } }) },
      { id: 'tka-open', schema: 'Person', properties: { name: ['Person tka-open'] }, provenance: testProvenance('fedpol') },
      { ...alert('tka-a1', 'fedpol:tka-hidden'), provenance: testProvenance('fedpol') },
      { ...alert('tka-a2', 'fedpol:tka-hidden'), provenance: testProvenance('fedpol') },
      { ...alert('tka-a3', 'fedpol:tka-open'), provenance: testProvenance('fedpol') },
    ]);
    const withdrawn = (id: string, subject: string) => JSON.stringify({ ...alert(id, subject), properties: { ...alert(id, subject).properties, status: ['withdrawn'] } });
    const person = JSON.stringify({ id: 'tka-a2', schema: 'Person', properties: { name: ['Overwritten'] }, provenance });
    const content = [withdrawn('tka-a1', 'fedpol:tka-hidden'), person, withdrawn('tka-a3', 'fedpol:tka-open')].join('\n');
    const consultation = { user, purpose: 'case intake', caseRef: 'CASE-J8' };
    const jobs = createIngestJobs();
    const job = await jobs.start(world.mosaic, consultation, { format: 'jsonl', content, filename: 'alerts-taken.jsonl' });
    await jobs.idle();
    const done = await jobs.get(world.mosaic, consultation, job.id);
    expect(done).toMatchObject({ state: 'done', processed: 3, accepted: 1, rejected: 2, updated: 1 });
    expect([...done.errors].sort((a, b) => a.line - b.line)).toEqual([
      { line: 1, id: 'fedpol:tka-a1', field: 'id', reason: 'record id fedpol:tka-a1 is taken: choose another id' },
      { line: 2, id: 'fedpol:tka-a2', field: 'id', reason: 'record id fedpol:tka-a2 is taken: choose another id' },
    ]);
    const stored = await world.mosaic.store.getRecords(['tka-a1', 'tka-a2', 'tka-a3'].map((id) => RecordId(`fedpol:${id}`)));
    expect(stored.map((s) => [s.record.id, s.version, s.record.properties['status']])).toEqual([
      ['fedpol:tka-a1', 1, ['active']], ['fedpol:tka-a2', 1, ['active']], ['fedpol:tka-a3', 2, ['withdrawn']],
    ]);
  });
});

describe('an upload whose lines name stored records', () => {
  it('warns of no reference to a record stored that the uploader may read, by its id bare or with its agency, nor when the line that gave it is skipped on a second upload', async () => {
    const user = (await world.mosaic.store.findUserByName('fedAnalyst'))!;
    await putFixtures(world.mosaic, [
      { id: 'rf-p1', schema: 'Person', properties: { name: ['Person rf-p1'] }, provenance: testProvenance('fedpol') },
      { id: 'rf-p8', schema: 'Person', properties: { name: ['Person rf-p8'] }, provenance: testProvenance('fedpol') },
    ]);
    // as the web app uploads: no purpose given
    const consultation = { user };
    const jobs = createIngestJobs();
    const associate = JSON.stringify({ id: 'rf-a1', schema: 'Associate', properties: { person: ['rf-p1'], associate: ['fedpol:rf-p8'] }, provenance });
    // an alert's stored subject is found the same way
    const alert = JSON.stringify({ id: 'rf-al', schema: 'Alert', provenance, properties: { subject: ['rf-p8'], category: ['discreet_check'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], validFrom: ['2026-01-01'], status: ['active'] } });
    const first = await jobs.start(world.mosaic, consultation, { format: 'jsonl', content: [associate, alert].join('\n'), filename: 'associate.jsonl' });
    await jobs.idle();
    expect(await jobs.get(world.mosaic, consultation, first.id)).toMatchObject({ state: 'done', accepted: 2, rejected: 0, errors: [], warningCount: 0, warnings: [] });
    // the person given by a line the second upload skips, as an earlier upload wrote it
    const person = JSON.stringify({ id: 'rf-p9', schema: 'Person', properties: { name: ['Person rf-p9'] }, provenance });
    const tie = JSON.stringify({ id: 'rf-a2', schema: 'Associate', properties: { person: ['rf-p9'], associate: ['rf-p1'] }, provenance });
    const bad = JSON.stringify({ id: 'rf-bad', schema: 'Person', properties: { name: ['Person rf-bad'], birthDate: ['not a date'] }, provenance });
    const content = [person, bad, tie].join('\n');
    await jobs.start(world.mosaic, consultation, { format: 'jsonl', content, filename: 'ties.jsonl' });
    await jobs.idle();
    const again = await jobs.start(world.mosaic, consultation, { format: 'jsonl', content, filename: 'ties.jsonl' });
    await jobs.idle();
    expect(await jobs.get(world.mosaic, consultation, again.id)).toMatchObject({ state: 'done', resumed: 1, rejected: 1, warningCount: 0, warnings: [] });
  });
});

describe('an upload of a JSON array', () => {
  it('is read as its records, each refusal naming the line its record starts on, and one that does not parse is refused once', async () => {
    const user = (await world.mosaic.store.findUserByName('fedAnalyst'))!;
    const consultation = { user };
    const jobs = createIngestJobs();
    const records = [
      { id: 'ar-1', schema: 'Person', properties: { name: ['Person ar-1'] }, provenance },
      { id: 'ar-2', schema: 'Person', properties: { name: ['Person ar-2'], birthDate: ['not a date'] }, provenance },
      { id: 'ar-3', schema: 'Person', properties: { name: ['Person ar-3 "quoted" [x], {y}'] }, provenance },
    ];
    const content = JSON.stringify(records, null, 2);
    const job = await jobs.start(world.mosaic, consultation, { format: 'jsonl', content, filename: 'export.json' });
    expect(job.total).toBe(3);
    await jobs.idle();
    const done = await jobs.get(world.mosaic, consultation, job.id);
    // pretty-printed: each record starts on a line of its own, `  {`
    const starts = content.split('\n').flatMap((line, i) => (line === '  {' ? [i + 1] : []));
    expect(done).toMatchObject({ state: 'done', processed: 3, accepted: 2, created: 2, rejected: 1 });
    expect(done.errors).toMatchObject([{ line: starts[1], field: 'birthDate', reason: expect.stringContaining('not a date') }]);
    expect((await world.mosaic.store.getRecords([RecordId('fedpol:ar-1'), RecordId('fedpol:ar-3')])).map((s) => s.record.properties['name'])).toEqual([['Person ar-1'], ['Person ar-3 "quoted" [x], {y}']]);
    await expect(jobs.start(world.mosaic, consultation, { format: 'jsonl', content: content.slice(0, -3), filename: 'cut.json' }))
      .rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: expect.stringMatching(/^content: the file is a JSON array that is not valid JSON/) });
  });
});

describe('an upload with a phone number written nationally', () => {
  it('reads it as the uploader\'s agency\'s country numbers it, as a report upload does, and refuses one that country has no such number', async () => {
    const user = (await world.mosaic.store.findUserByName('fedAnalyst'))!;
    const consultation = { user };
    const jobs = createIngestJobs();
    const line = (id: string, phone: string): string => JSON.stringify({ id, schema: 'Person', properties: { name: [`Person ${id}`], phone: [phone] }, provenance });
    const job = await jobs.start(world.mosaic, consultation, { format: 'jsonl', content: [line('ph-1', '0470 91 82 74'), line('ph-2', '0470'), line('ph-3', '+32 2 000 00 01')].join('\n'), filename: 'phones.jsonl' });
    await jobs.idle();
    const done = await jobs.get(world.mosaic, consultation, job.id);
    expect(done).toMatchObject({ state: 'done', accepted: 2, rejected: 1 });
    expect(done.errors).toMatchObject([{ line: 2, field: 'phone', reason: expect.stringContaining('is not an international (E.164) phone number') }]);
    const stored = await world.mosaic.store.getRecords([RecordId('fedpol:ph-1'), RecordId('fedpol:ph-3')]);
    expect(stored.map((s) => s.record.properties['phone'])).toEqual([['+32470918274'], ['+3220000001']]);
  });
});
