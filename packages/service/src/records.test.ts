/**
 * A record is written with the audit entry that logs its writing, in one transaction (LED
 * Art. 25): when the entry cannot be appended, the record is not kept either — a POST-style
 * write, an owner's erasure and an ingest batch alike. The audit log refusing entries stands for
 * a node stopped between the two, which left records no entry names.
 */
import { AgencyId, RecordId, UserId } from '@mosaic/model';
import { createStoreAuditStorage, type Store } from '@mosaic/store';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@mosaic/audit';
import { createIngestJobs } from './ingest/ingest-job.ts';
import { ingestFile } from './ingest/ingest-file.ts';
import { eraseRecord, eraseStoredRecord, eraseStoredRecords, writeRecord } from './records.ts';
import { openTestMosaic, putFixtures, refuseAuditEntries, testProvenance, type TestMosaic } from './testing.ts';
import { NOTIFICATION_KIND, notificationDocuments, type StoredNotification } from './screening/notification-inbox.ts';
import { CHECK_KIND } from './screening/screen-check.ts';
import { ERASED_LABEL } from './watch/erase-from-watch-labels.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

async function entriesNaming(test: TestMosaic, id: RecordId): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(test.mosaic.store).entries()) if (entry.records.includes(id)) found.push(entry);
  return found;
}

async function as(test: TestMosaic, name: 'fedAnalyst' | 'fedAdmin') {
  const user = await test.mosaic.store.findUserByName(name);
  if (!user) throw new Error(`the test user ${name} is missing`);
  return { user, purpose: 'case intake', caseRef: 'CASE-A1' };
}

const person = (id: string, name: string) => ({ id, schema: 'Person', properties: { name: [name] }, provenance: testProvenance('fedpol') });

describe('a record is kept only with the audit entry of its writing', () => {
  it('writeRecord: a record whose entry cannot be appended is not created, nor a version of it written', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const consultation = await as(world, 'fedAnalyst');
    const id = RecordId('fedpol:k1');
    const lift = refuseAuditEntries(world);
    await expect(writeRecord(mosaic, consultation, person('k1', 'Jorien Vandamme'))).rejects.toThrow('the audit log refuses the entry');
    lift();
    expect(await mosaic.store.getRecord(id)).toBeUndefined();
    expect(await mosaic.store.recordHistory(id)).toEqual([]);
    expect(await mosaic.store.latestSeq()).toBe(0);

    expect(await writeRecord(mosaic, consultation, person('k1', 'Jorien Vandamme'))).toMatchObject({ ok: true, status: 'created', record: { version: 1 } });
    const relift = refuseAuditEntries(world);
    await expect(writeRecord(mosaic, consultation, person('k1', 'Jorien Van Damme'))).rejects.toThrow('the audit log refuses the entry');
    relift();
    expect(await mosaic.store.getRecord(id)).toMatchObject({ version: 1, record: { properties: { name: ['Jorien Vandamme'] } } });
    expect((await entriesNaming(world, id)).map((e) => [e.action, e.purpose, e.caseRef])).toEqual([['collection', 'case intake', 'CASE-A1']]);
  });

  it('eraseRecord: a record whose erasure cannot be logged is not erased', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const consultation = await as(world, 'fedAnalyst');
    const id = RecordId('fedpol:k2');
    await writeRecord(mosaic, consultation, person('k2', 'Maarten Oosterlinck'));
    const admin = await as(world, 'fedAdmin');
    const lift = refuseAuditEntries(world);
    await expect(eraseRecord(mosaic, admin, id, 'entered in error')).rejects.toThrow('the audit log refuses the entry');
    lift();
    expect(await mosaic.store.getRecord(id)).toMatchObject({ version: 1, record: { properties: { name: ['Maarten Oosterlinck'] } } });
    expect((await mosaic.store.recordHistory(id)).map((v) => v.op)).toEqual(['put']);

    await eraseRecord(mosaic, admin, id, 'entered in error');
    expect(await mosaic.store.getRecord(id)).toBeUndefined();
    expect((await entriesNaming(world, id)).map((e) => e.action)).toEqual(['collection', 'erasure']);
  });

  it('an upload: a batch whose entry cannot be appended is not kept, nor the line it settled, and the upload again writes it whole', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const consultation = await as(world, 'fedAnalyst');
    const content = Array.from({ length: 1500 }, (_, i) => JSON.stringify(person(`u${i}`, `Upload Person ${i}`))).join('\n');
    const jobs = createIngestJobs();
    const lift = refuseAuditEntries(world);
    const job = await jobs.start(mosaic, consultation, { format: 'jsonl', content, filename: 'intake.jsonl' });
    await jobs.idle();
    lift();
    expect(await jobs.get(mosaic, consultation, job.id)).toMatchObject({ state: 'failed', failure: expect.stringContaining('the audit log refuses the entry') });
    expect(await mosaic.store.countRecords()).toBe(0);

    const again = await jobs.start(mosaic, consultation, { format: 'jsonl', content, filename: 'intake.jsonl' });
    await jobs.idle();
    expect(await jobs.get(mosaic, consultation, again.id)).toMatchObject({ state: 'done', created: 1500, unchanged: 0 });
    expect((await entriesNaming(world, RecordId('fedpol:u0'))).map((e) => [e.action, e.records.length])).toEqual([['collection', 1000]]);
  });

  it('ingestFile (mosaic ingest): a batch whose entry cannot be appended is not kept', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const path = join(world.dir, 'intake.jsonl');
    writeFileSync(path, Array.from({ length: 30 }, (_, i) => JSON.stringify(person(`c${i}`, `File Person ${i}`))).join('\n'));
    const actor = { user: UserId('system:cli'), agency: AgencyId('system') };
    const options = {
      path, actor: 'ingest:intake.jsonl', batchSize: 10, workers: 0,
      audit: { log: mosaic.audit, entry: (ids: readonly RecordId[]) => ({ actor, action: 'collection' as const, records: ids, outcome: 'ok' as const, reason: 'ingest' }) },
    };
    const lift = refuseAuditEntries(world);
    await expect(ingestFile(mosaic.store, mosaic.registry, options)).rejects.toThrow('the audit log refuses the entry');
    lift();
    expect(await mosaic.store.countRecords()).toBe(0);
    expect(await ingestFile(mosaic.store, mosaic.registry, options)).toMatchObject({ created: 30, resumed: 0 });
    expect((await entriesNaming(world, RecordId('fedpol:c29'))).map((e) => e.records.length)).toEqual([10]);
  });
});

describe('writeRecord: an Alert names a record its writer may read', () => {
  it('refuses an Alert on an id no record holds (never written, or erased), or on a record the writer may not read, in the same words, naming subject', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const officer = await mosaic.store.findUserByName('zoneOfficer');
    if (!officer) throw new Error('the test user zoneOfficer is missing');
    const consultation = { user: officer, purpose: 'alert issue', caseRef: 'ZN-8' };
    const write = (raw: Record<string, unknown>) => writeRecord(mosaic, consultation, raw);
    const zonePerson = (id: string, marking?: Record<string, unknown>) => ({
      id, schema: 'Person', properties: { name: [`Wout ${id}`] }, provenance: testProvenance('zone-north', marking ? { marking } : {}),
    });
    const alertOn = (id: string, subject: string, status = 'active') => ({
      id, schema: 'Alert', provenance: testProvenance('zone-north'),
      properties: { subject: [subject], category: ['discreet_check'], desk: ['zone-north-desk'], deskContact: ['+3220000002'], validFrom: ['2020-01-01'], status: [status] },
    });
    await putFixtures(mosaic, [
      zonePerson('n1'), zonePerson('n4'),
      zonePerson('n2', { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] }),
      zonePerson('n3', { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-heron'] }),
    ]);
    await eraseStoredRecord(mosaic.store, RecordId('zone-north:n4'), { actor: 'test', reason: 'entered in error' });
    // unprefixed, the subject is the writer's agency's (validateRecord's entityRef)
    for (const subject of ['n9', 'zone-north:n9', 'zone-north:n4', 'zone-north:n2', 'zone-north:n3']) {
      const named = subject.includes(':') ? subject : `zone-north:${subject}`;
      expect(await write(alertOn('a9', subject))).toEqual({ ok: false, errors: [{ field: 'subject', reason: `no record ${named} that you may read` }] });
    }
    expect(await mosaic.store.scanRecords({ schema: 'Alert', limit: 10 })).toEqual([]);
    expect(await write(alertOn('a1', 'n1'))).toMatchObject({ ok: true, status: 'created', record: { properties: { subject: ['zone-north:n1'] } } });
    expect(await write(alertOn('a1', 'n1', 'withdrawn'))).toMatchObject({ ok: true, status: 'updated' });
  });
});

describe('writeRecord answers with the version it wrote', () => {
  it('under concurrent writes of one id, each answer carries its own content and its own version', async () => {
    world = await openTestMosaic();
    const consultation = await as(world, 'fedAnalyst');
    const written = await Promise.all(Array.from({ length: 12 }, (_, i) => writeRecord(world!.mosaic, consultation, { ...person('fedpol:same-id', 'Omar Haddad'), properties: { name: ['Omar Haddad'], notes: [`writer ${i}`] } })));
    const answers = written.map((w, i) => {
      if (!w.ok) throw new Error(`write ${i} refused: ${JSON.stringify(w.errors)}`);
      return { sent: `writer ${i}`, notes: w.record.properties['notes'], version: w.record.version };
    });
    for (const a of answers) expect(a.notes).toEqual([a.sent]);
    expect(new Set(answers.map((a) => a.version)).size).toBe(12);
    expect(written.filter((w) => w.ok && w.status === 'created')).toHaveLength(1);
  });
});

describe('writeRecord: a new version that names no review date keeps the stored one', () => {
  const now = () => new Date('2026-12-06T10:00:00Z');
  const without = (overrides: Record<string, unknown> = {}): Record<string, unknown> => {
    const { reviewDate: _dropped, ...rest } = testProvenance('fedpol', overrides);
    return rest;
  };

  it('the same record written again, or corrected, keeps its review date, nearer or farther than the rule; a new one is dated by the rule', async () => {
    world = await openTestMosaic({ now });
    const { mosaic } = world;
    const consultation = await as(world, 'fedAnalyst');
    expect(await writeRecord(mosaic, consultation, { ...person('k1', 'Jorien Vandamme'), provenance: testProvenance('fedpol', { reviewDate: '2027-01-15' }) })).toMatchObject({ ok: true, status: 'created' });
    // the source system's next export, without a review date: written before, the date moved to
    // the rule's three years from today, so a record due next month never came up for review
    expect(await writeRecord(mosaic, consultation, { ...person('k1', 'Jorien Vandamme'), provenance: without() })).toMatchObject({ ok: true, status: 'unchanged', record: { provenance: { reviewDate: '2027-01-15' } } });
    expect(await writeRecord(mosaic, consultation, { ...person('k1', 'Jorien Van Damme'), provenance: without() })).toMatchObject({ ok: true, status: 'updated', record: { provenance: { reviewDate: '2027-01-15' } } });
    // one a data administrator extended stays extended
    expect(await writeRecord(mosaic, consultation, { ...person('k2', 'Mirela Dobos'), provenance: testProvenance('fedpol', { reviewDate: '2040-01-01' }) })).toMatchObject({ ok: true });
    expect(await writeRecord(mosaic, consultation, { ...person('k2', 'Mirela Dobosz'), provenance: without() })).toMatchObject({ ok: true, record: { provenance: { reviewDate: '2040-01-01' } } });
    // a date given is taken; a record new to the store is dated by its category's rule
    expect(await writeRecord(mosaic, consultation, { ...person('k2', 'Mirela Dobosz'), provenance: testProvenance('fedpol', { reviewDate: '2028-02-01' }) })).toMatchObject({ ok: true, record: { provenance: { reviewDate: '2028-02-01' } } });
    expect(await writeRecord(mosaic, consultation, { ...person('k3', 'Tibor Varga'), provenance: without() })).toMatchObject({ ok: true, record: { provenance: { reviewDate: '2029-12-06' } } });
  });

  it('an upload (POST /ingest) of the records again, naming no review date, keeps each one\'s', async () => {
    world = await openTestMosaic({ now });
    const { mosaic } = world;
    const consultation = await as(world, 'fedAnalyst');
    await writeRecord(mosaic, consultation, { ...person('k5', 'Anouk Peeters'), provenance: testProvenance('fedpol', { reviewDate: '2027-01-15' }) });
    const jobs = createIngestJobs();
    const content = [{ ...person('k5', 'Anouk Peeters'), provenance: without() }, { ...person('k6', 'Bram Wouters'), provenance: without() }].map((r) => JSON.stringify(r)).join('\n');
    const job = await jobs.start(mosaic, consultation, { format: 'jsonl', content, filename: 'export.jsonl' });
    await jobs.idle();
    expect(await jobs.get(mosaic, consultation, job.id)).toMatchObject({ state: 'done', created: 1, unchanged: 1 });
    expect((await mosaic.store.getRecord(RecordId('fedpol:k5')))?.record.provenance.reviewDate).toBe('2027-01-15');
    expect((await mosaic.store.getRecord(RecordId('fedpol:k6')))?.record.provenance.reviewDate).toBe('2029-12-06');
  });

  it('under another category, the earlier of the stored date and the new category\'s rule from today', async () => {
    world = await openTestMosaic({ now });
    const { mosaic } = world;
    const consultation = await as(world, 'fedAnalyst');
    await writeRecord(mosaic, consultation, { ...person('k4', 'Ilse Verbeke'), provenance: testProvenance('fedpol', { reviewDate: '2029-06-01' }) });
    expect(await writeRecord(mosaic, consultation, { ...person('k4', 'Ilse Verbeke'), provenance: without({ category: 'victim' }) })).toMatchObject({ ok: true, record: { provenance: { category: 'victim', reviewDate: '2027-12-06' } } });
    expect(await writeRecord(mosaic, consultation, { ...person('k4', 'Ilse Verbeke'), provenance: without({ category: 'convicted' }) })).toMatchObject({ ok: true, record: { provenance: { category: 'convicted', reviewDate: '2027-12-06' } } });
  });
});

describe('eraseStoredRecords: a step of many records', () => {
  it('reads all its records in as many store calls as a step of one: their histories, and the checks, notifications and judgements showing them', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const steps = Array.from({ length: 13 }, (_, i) => `step-${String(i).padStart(2, '0')}`);
    await putFixtures(mosaic, steps.map((id, i) => person(id, `Step Person ${i}`)));
    // each shown by a check and by a notice whose label names it: the documents are read, relabelled and rewritten
    const analyst = (await mosaic.store.findUserByName('fedAnalyst'))!;
    await mosaic.store.putDocuments(steps.flatMap((id, i) => [
      { kind: CHECK_KIND, id: `check-${id}`, owner: 'fedpol', body: { hits: [] }, mentions: [`fedpol:${id}`] },
      ...notificationDocuments({ id: `notice-${id}`, at: '2030-01-02T00:00:00.000Z', to: { user: analyst.id }, kind: 'watch.record', title: 'New information on a watched subject', body: { label: `Step Person ${i}`, record: `fedpol:${id}`, caption: `Step Person ${i}` } }),
    ]));
    // the store's calls in the erasure's transaction, by method
    const callsOf = async (ids: readonly RecordId[]): Promise<Record<string, number>> => {
      const calls: Record<string, number> = {};
      const counting = (tx: Store): Store => new Proxy(tx, {
        get: (target, key) => {
          const value = Reflect.get(target, key) as unknown;
          if (typeof value !== 'function' || typeof key !== 'string') return value;
          if (key === 'transaction') return (fn: (inner: Store) => Promise<unknown>) => target.transaction((inner) => fn(counting(inner)));
          return (...args: unknown[]) => {
            calls[key] = (calls[key] ?? 0) + 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      await mosaic.store.transaction((tx) => eraseStoredRecords(counting(tx), ids, { actor: 'test', reason: 'retention: review date passed' }));
      return calls;
    };
    const one = await callsOf([RecordId('fedpol:step-00')]);
    const twelve = await callsOf(Array.from({ length: 12 }, (_, i) => RecordId(`fedpol:step-${String(i + 1).padStart(2, '0')}`)));
    expect(twelve).toEqual(one);
    // and each read once: the records naming them (for the summaries and for the alerts), the
    // mentions of them (one read a kind: checks, notifications), the documents showing them, the
    // notices among them relabelled as they are rewritten (a read and a write for both), where
    // each document was read by itself (a notice twice) and each notice relabelled by itself
    expect(one).toEqual({
      eraseRecords: 1, deleteDocuments: 2, listDocuments: 2, recordsNaming: 1, documentsAbout: 1,
      documentMentions: 2, getDocuments: 3, putDocuments: 3, forgetMentions: 2,
    });
    expect(await mosaic.store.getRecords([RecordId('fedpol:step-00'), RecordId('fedpol:step-12')])).toEqual([]);
    const kept = (await mosaic.store.listDocuments(NOTIFICATION_KIND, { owner: analyst.id, limit: 100 })).map((d) => (d.body as StoredNotification).notification.body);
    expect(kept).toHaveLength(13);
    for (const body of kept) expect(body).toMatchObject({ label: ERASED_LABEL, erased: [body['record']] });
    expect(JSON.stringify(kept)).not.toContain('Step Person');
  });
});
