/**
 * The Store contract: one suite, run against every dialect. A new behaviour is specified here
 * first; both implementations must pass it.
 *
 * PostgreSQL: MOSAIC_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); each
 * test gets a fresh schema, dropped afterwards. Unreachable: the PostgreSQL half fails under CI
 * and is skipped elsewhere with a warning saying why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AgencyId, AppError, DeskId, RecordId, UserId, recordIdOf, type EntityRecord, type Properties } from '@mosaic/model';
import { createAuditLog, generateAuditKeyPair, loadAuditSigner, verifyStoredChain } from '@mosaic/audit';
import { auditStorageContract } from '@mosaic/audit/testing';
import { createStoreAuditStorage } from './audit-storage-adapter.ts';
import { reportWords } from './name-text.ts';
import { openStore } from './open-store.ts';
import { prepareRecord } from './prepare-record.ts';
import type { PutResult, Store, StoreDialectName, StoredRecord } from './store.ts';
import { dropTestSchemas, postgresReachable, TEST_DATABASE_URL } from './testing.ts';

const postgresAvailable = await postgresReachable('store contract, PostgreSQL half');

interface Harness {
  readonly dialect: StoreDialectName;
  readonly available: boolean;
  /** A store on a fresh, empty database (sqlite: temp dir; PostgreSQL: new schema). */
  open(now?: () => Date): Promise<Store>;
  /** Two stores on one fresh database, as two nodes (sqlite: two connections to one file; PostgreSQL: two pools on one schema). */
  openNodes(now?: () => Date): Promise<readonly [Store, Store]>;
  /** A store left open until cleanup (for suites that do not close what they open). */
  openKept(): Promise<Store>;
  cleanup(): Promise<void>;
}

function keeping(harness: Omit<Harness, 'openKept'>): Harness {
  const kept: Store[] = [];
  return {
    ...harness,
    async openKept() {
      const store = await harness.open();
      kept.push(store);
      return store;
    },
    async cleanup() {
      for (const store of kept.splice(0)) await store.close();
      await harness.cleanup();
    },
  };
}

function sqliteHarness(): Omit<Harness, 'openKept'> {
  const dirs: string[] = [];
  return {
    dialect: 'sqlite',
    available: true,
    open(now) {
      const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-store-'));
      dirs.push(dataDir);
      return openStore({ dataDir, ...(now === undefined ? {} : { now }) });
    },
    async openNodes(now) {
      const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-store-'));
      dirs.push(dataDir);
      const options = { dataDir, ...(now === undefined ? {} : { now }) };
      return [await openStore(options), await openStore(options)];
    },
    cleanup() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function postgresHarness(): Omit<Harness, 'openKept'> {
  const schemas: string[] = [];
  return {
    dialect: 'postgres',
    available: postgresAvailable,
    open(now) {
      const schema = `mosaic_test_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      return openStore({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 4, ...(now === undefined ? {} : { now }) });
    },
    async openNodes(now) {
      const schema = `mosaic_test_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      const options = { databaseUrl: TEST_DATABASE_URL, schema, poolSize: 4, ...(now === undefined ? {} : { now }) };
      return [await openStore(options), await openStore(options)];
    },
    cleanup() {
      return dropTestSchemas(schemas);
    },
  };
}

// ---- fictional test data -----------------------------------------------------------------

function record(agency: string, sourceRecordId: string, properties: Properties, schema = 'Person'): EntityRecord {
  return {
    id: recordIdOf(AgencyId(agency), sourceRecordId),
    schema,
    properties,
    provenance: {
      agency: AgencyId(agency),
      source: `${agency}/case-mgmt`,
      sourceRecordId,
      reliability: 'B',
      credibility: 2,
      marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['ALL'] },
      handling: 'H1',
      category: 'suspect',
      nature: 'fact',
      legalBasis: 'LED Art. 8',
      reviewDate: '2030-01-01',
    },
  };
}

const person = (agency: string, id: string, name: string, extra: Properties = {}): EntityRecord => record(agency, id, { name: [name], ...extra });

/** A clock that moves one second per call, so versions have distinct times. */
function steppingClock(start = Date.UTC(2025, 0, 1)): () => Date {
  let t = start;
  return () => new Date((t += 1_000));
}

const ACTOR = { actor: 'test:contract' };

for (const harness of [keeping(sqliteHarness()), keeping(postgresHarness())]) {
  describe.skipIf(!harness.available)(`Store contract (${harness.dialect})`, () => {
    afterAll(() => harness.cleanup());

    async function withStore<T>(fn: (store: Store) => Promise<T>, now: () => Date = steppingClock()): Promise<T> {
      const store = await harness.open(now);
      try {
        return await fn(store);
      } finally {
        await store.close();
      }
    }

    it('reports its dialect', () => withStore(async (store) => {
      expect(store.dialect).toBe(harness.dialect);
    }));

    it('creates, updates and leaves unchanged content alone', () => withStore(async (store) => {
      const first = person('fedpol', 'r1', 'Jonas Vermeulen', { birthDate: ['1990-02-03'] });
      expect(await store.putRecords([first], ACTOR)).toEqual([{ id: RecordId('fedpol:r1'), status: 'created', version: 1 }]);
      const stored = await store.getRecord(RecordId('fedpol:r1'));
      expect(stored?.record).toEqual(first);
      expect(stored?.version).toBe(1);
      expect(stored?.deletedAt).toBeUndefined();

      const changed = person('fedpol', 'r1', 'Jonas Vermeulen', { birthDate: ['1990-02-04'] });
      expect(await store.putRecords([changed], ACTOR)).toEqual([{ id: RecordId('fedpol:r1'), status: 'updated', version: 2 }]);
      expect((await store.getRecord(RecordId('fedpol:r1')))?.record).toEqual(changed);

      // Same content, keys in another order: canonical JSON makes it unchanged.
      const reordered: EntityRecord = { provenance: changed.provenance, properties: { birthDate: ['1990-02-04'], name: ['Jonas Vermeulen'] }, schema: 'Person', id: changed.id };
      const seq = await store.latestSeq();
      expect(await store.putRecords([reordered], ACTOR)).toEqual([{ id: RecordId('fedpol:r1'), status: 'unchanged', version: 2 }]);
      expect(await store.latestSeq()).toBe(seq);

      const history = await store.recordHistory(RecordId('fedpol:r1'));
      expect(history.map((v) => [v.version, v.op])).toEqual([[1, 'put'], [2, 'put']]);
      expect(history[0]?.record).toEqual(first);
      expect(history[1]?.record).toEqual(changed);
      expect(history.every((v) => v.actor === 'test:contract')).toBe(true);
      expect(history[0]!.at < history[1]!.at).toBe(true);
      const current = await store.getRecord(RecordId('fedpol:r1'));
      expect(current!.createdAt < current!.updatedAt).toBe(true);

      // another schema for the live record: a conflict, nothing written, no change in the feed
      const vehicle: EntityRecord = { id: changed.id, schema: 'Vehicle', properties: { registrationNumber: ['1-ABC-123'] }, provenance: changed.provenance };
      const before = await store.latestSeq();
      expect(await store.putRecords([vehicle], ACTOR)).toEqual([{ id: RecordId('fedpol:r1'), status: 'conflict', version: 2 }]);
      expect((await store.getRecord(RecordId('fedpol:r1')))?.record).toEqual(changed);
      expect(await store.latestSeq()).toBe(before);
    }));

    it('re-putting a batch is idempotent', () => withStore(async (store) => {
      const batch = [person('fedpol', 'a', 'Ana Lopes'), person('fedpol', 'b', 'Bram Peeters'), person('zone5', 'a', 'Chloé Martin')];
      const created = await store.putRecords(batch, ACTOR);
      expect(created.map((r) => r.status)).toEqual(['created', 'created', 'created']);
      const seq = await store.latestSeq();
      const again = await store.putRecords(batch, ACTOR);
      expect(again).toEqual(created.map((r) => ({ ...r, status: 'unchanged' })));
      expect(await store.latestSeq()).toBe(seq);
      expect(await store.countRecords()).toBe(3);
    }));

    it('applies repeated ids within one batch in order', () => withStore(async (store) => {
      const results = await store.putRecords([person('fedpol', 'd', 'Dirk Jansen'), person('fedpol', 'd', 'Dirk Janssen'), person('fedpol', 'd', 'Dirk Janssen')], ACTOR);
      expect(results.map((r) => [r.status, r.version])).toEqual([['created', 1], ['updated', 2], ['unchanged', 2]]);
      const history = await store.recordHistory(RecordId('fedpol:d'));
      expect(history.map((v) => v.record?.properties['name'])).toEqual([['Dirk Jansen'], ['Dirk Janssen']]);
    }));

    it('refuses a record whose id is not agency:sourceRecordId', async () => withStore(async (store) => {
      const wrong = { ...person('fedpol', 'x', 'Eva Smet'), id: RecordId('x') };
      await expect(store.putRecords([wrong], ACTOR)).rejects.toBeInstanceOf(AppError);
      expect(await store.countRecords()).toBe(0);
    }));

    it('records a deletion as a version with actor and reason, erases the content of every version, and can bring a record back', () => withStore(async (store) => {
      const id = RecordId('fedpol:del');
      await store.putRecords([person('fedpol', 'del', 'Farid Haddu')], ACTOR);
      await store.putRecords([person('fedpol', 'del', 'Farid Haddou')], ACTOR);
      expect(await store.deleteRecord(id, { actor: 'user:dpo', reason: 'review date passed' })).toEqual({ status: 'deleted', id, version: 3 });
      expect(await store.getRecord(id)).toBeUndefined();
      const kept = await store.getRecord(id, { includeDeleted: true });
      expect(kept?.deletedAt).toBeDefined();
      expect(kept?.version).toBe(3);
      // that it was there and whose it was stay; nothing of the person does
      expect(kept?.record).toMatchObject({ id, schema: 'Person', properties: {}, provenance: { agency: 'fedpol' } });
      expect(await store.countRecords()).toBe(0);
      expect(await store.searchNames('Haddou', { limit: 10 })).toEqual([]);
      expect(await store.getRecords([id])).toEqual([]);

      const history = await store.recordHistory(id);
      expect(history.map((v) => [v.version, v.op])).toEqual([[1, 'put'], [2, 'put'], [3, 'delete']]);
      expect(history[2]).toMatchObject({ op: 'delete', actor: 'user:dpo', reason: 'review date passed' });
      expect(history.map((v) => v.record)).toEqual([undefined, undefined, undefined]);
      expect(JSON.stringify(await store.scanRecords({ limit: 10, includeDeleted: true }))).not.toMatch(/Hadd/);

      expect(await store.deleteRecord(id, { actor: 'user:dpo', reason: 'again' })).toEqual({ status: 'already_deleted', id, version: 3 });
      expect(await store.deleteRecord(RecordId('fedpol:none'), { actor: 'user:dpo', reason: 'x' })).toEqual({ status: 'not_found', id: RecordId('fedpol:none') });

      // The same content again is a new version, not "unchanged": the record was deleted.
      expect(await store.putRecords([person('fedpol', 'del', 'Farid Haddou')], ACTOR)).toEqual([{ id, status: 'updated', version: 4 }]);
      expect((await store.recordHistory(id)).map((v) => v.op)).toEqual(['put', 'put', 'delete', 'put']);
      expect((await store.searchNames('Haddou', { limit: 10 })).map((h) => h.id)).toEqual([id]);
      expect((await store.getRecord(id))?.deletedAt).toBeUndefined();
    }));

    it('reads the histories of many records at once as recordHistory reads each, an erased one\'s and none for an id never stored', () => withStore(async (store) => {
      const [a, b, c] = [RecordId('fedpol:hist-a'), RecordId('fedpol:hist-b'), RecordId('fedpol:hist-c')];
      await store.putRecords([person('fedpol', 'hist-a', 'Farid Haddou'), person('fedpol', 'hist-b', 'Lioba Strand'), person('fedpol', 'hist-c', 'Eva Smet')], ACTOR);
      await store.putRecords([person('fedpol', 'hist-a', 'Farid Haddu')], ACTOR);
      await store.putRecords([person('fedpol', 'hist-a', 'Farid Hadou')], ACTOR);
      await store.deleteRecord(b, { actor: 'user:dpo', reason: 'review date passed' });
      const none = RecordId('fedpol:hist-none');
      const histories = await store.recordHistories([a, b, none, a, c]);
      expect([...histories.keys()]).toEqual([a, b, none, c]);
      for (const id of [a, b, none, c]) expect(histories.get(id)).toEqual(await store.recordHistory(id));
      expect(histories.get(a)?.map((v) => [v.version, v.record?.properties['name']])).toEqual([[1, ['Farid Haddou']], [2, ['Farid Haddu']], [3, ['Farid Hadou']]]);
      expect(histories.get(b)?.map((v) => v.op)).toEqual(['put', 'delete']);
      expect(histories.get(none)).toEqual([]);
      expect((await store.recordHistories([])).size).toBe(0);
    }));

    it('erases many records in one call as deleteRecord erases one, each with its own result', () => withStore(async (store) => {
      const [a, b, c] = [RecordId('fedpol:many-a'), RecordId('fedpol:many-b'), RecordId('fedpol:many-c')];
      await store.putRecords([person('fedpol', 'many-a', 'Farid Haddou'), person('fedpol', 'many-b', 'Lioba Strand'), person('fedpol', 'many-c', 'Eva Smet')], ACTOR);
      await store.putRecords([person('fedpol', 'many-b', 'Lioba Strandt')], ACTOR);
      await store.putReportText(a, 'Farid Haddou was seen near the harbour.');
      await store.deleteRecord(c, { actor: 'user:dpo', reason: 'first' });
      const none = RecordId('fedpol:many-none');
      // held: a and b, not the erased c nor an id no record has, each once
      expect(await store.heldRecordIds([a, none, b, c, a])).toEqual(new Set([a, b]));
      // their provenance as stored now, b's from its second write
      const provenances = await store.heldProvenances([a, none, b, c, a]);
      expect([...provenances.keys()].sort()).toEqual([a, b].sort());
      expect(provenances.get(b)).toEqual((await store.getRecord(b))?.record.provenance);
      expect(provenances.get(a)?.sourceRecordId).toBe('many-a');
      const before = await store.latestSeq();

      expect(await store.deleteRecords([a, b, c, none, a], { actor: 'user:dpo', reason: 'review date passed' })).toEqual([
        { status: 'deleted', id: a, version: 2 }, { status: 'deleted', id: b, version: 3 }, { status: 'already_deleted', id: c, version: 2 }, { status: 'not_found', id: none },
      ]);
      expect(await store.getRecords([a, b, c])).toEqual([]);
      expect(await store.heldRecordIds([a, b, c, none])).toEqual(new Set());
      expect((await store.heldProvenances([a, b, c, none])).size).toBe(0);
      expect(await store.searchNames('Haddou Strand', { limit: 10 })).toEqual([]);
      expect(await store.getReportText(a)).toBeUndefined();
      expect(await store.searchReportTexts('harbour', { limit: 10 })).toEqual([]);
      expect((await store.recordHistory(b)).map((v) => [v.version, v.op, v.record])).toEqual([[1, 'put', undefined], [2, 'put', undefined], [3, 'delete', undefined]]);
      expect((await store.getRecord(b, { includeDeleted: true }))?.record).toMatchObject({ id: b, schema: 'Person', properties: {}, provenance: { agency: 'fedpol' } });
      // each keeps its own provenance, though one statement erased them all
      expect((await store.getRecords([a, b], { includeDeleted: true })).map((kept) => [kept.record.id, kept.record.provenance.sourceRecordId, kept.version])).toEqual([[a, 'many-a', 2], [b, 'many-b', 3]]);
      expect((await store.changesSince(before, 10)).map((change) => [change.recordId, change.op, change.version])).toEqual([[a, 'delete', 2], [b, 'delete', 3]]);
      expect(await store.deleteRecords([], { actor: 'user:dpo', reason: 'none' })).toEqual([]);
    }));

    it('erases the records it judges erasable as it reads them, leaving the others kept, and returns each erased one\'s history as it was', () => withStore(async (store) => {
      const [a, b, c] = [RecordId('fedpol:judged-a'), RecordId('fedpol:judged-b'), RecordId('fedpol:judged-c')];
      await store.putRecords([person('fedpol', 'judged-a', 'Farid Haddou'), person('fedpol', 'judged-b', 'Lioba Strand'), person('fedpol', 'judged-c', 'Eva Smet')], ACTOR);
      await store.putRecords([person('fedpol', 'judged-a', 'Farid Haddu')], ACTOR);
      await store.deleteRecord(c, { actor: 'user:dpo', reason: 'first' });
      const none = RecordId('fedpol:judged-none');
      const historyOfA = await store.recordHistory(a);
      const before = await store.latestSeq();
      // judged on each live record as read, b refused: the others never reach the judgement
      const judged: string[] = [];
      const erasable = (stored: StoredRecord): boolean => {
        judged.push(`${stored.record.id}@${stored.version}`);
        return stored.record.id !== b;
      };

      const { results, histories } = await store.eraseRecords([a, b, c, none, a], { actor: 'user:dpo', reason: 'review date passed', erasable });
      expect(results).toEqual([
        { status: 'deleted', id: a, version: 3 }, { status: 'kept', id: b, version: 1 }, { status: 'already_deleted', id: c, version: 2 }, { status: 'not_found', id: none },
      ]);
      expect(judged).toEqual([`${a}@2`, `${b}@1`]);
      expect([...histories.keys()]).toEqual([a]);
      expect(histories.get(a)).toEqual(historyOfA);
      expect(histories.get(a)?.map((v) => v.record?.properties['name'])).toEqual([['Farid Haddou'], ['Farid Haddu']]);
      expect((await store.recordHistory(a)).map((v) => [v.version, v.op, v.record])).toEqual([[1, 'put', undefined], [2, 'put', undefined], [3, 'delete', undefined]]);
      expect((await store.getRecord(b))?.record.properties['name']).toEqual(['Lioba Strand']);
      expect((await store.searchNames('Strand', { limit: 10 })).map((hit) => hit.id)).toEqual([b]);
      expect((await store.changesSince(before, 10)).map((change) => [change.recordId, change.op, change.version])).toEqual([[a, 'delete', 3]]);
      expect(await store.eraseRecords([], { actor: 'user:dpo', reason: 'none' })).toEqual({ results: [], histories: new Map() });
    }));

    it('reads an agency\'s live records due by a day, earliest review date first, a page after another', () => withStore(async (store) => {
      const due = (agency: string, id: string, reviewDate: string): EntityRecord => {
        const r = person(agency, id, `Person ${id}`);
        return { ...r, provenance: { ...r.provenance, reviewDate } };
      };
      await store.putRecords([due('fedpol', 'b', '2030-03-01'), due('fedpol', 'a', '2030-03-01'), due('fedpol', 'c', '2030-01-15'), due('fedpol', 'later', '2030-09-01'), due('fedpol', 'gone', '2029-01-01'), due('bka', 'other', '2029-01-01')], ACTOR);
      await store.deleteRecord(RecordId('fedpol:gone'), { actor: 'user:dpo', reason: 'test' });
      // a new review date moves the record in the index
      await store.putRecords([due('fedpol', 'moved', '2030-12-01')], ACTOR);
      await store.putRecords([due('fedpol', 'moved', '2030-02-01')], ACTOR);

      const ids = (page: readonly { record: EntityRecord }[]): string[] => page.map((r) => r.record.id);
      const agency = AgencyId('fedpol');
      expect(ids(await store.recordsDueForReview({ agency, through: '2030-06-30', limit: 10 }))).toEqual(['fedpol:c', 'fedpol:moved', 'fedpol:a', 'fedpol:b']);
      const first = await store.recordsDueForReview({ agency, through: '2030-06-30', limit: 2 });
      expect(ids(first)).toEqual(['fedpol:c', 'fedpol:moved']);
      expect(ids(await store.recordsDueForReview({ agency, through: '2030-06-30', after: { reviewDate: '2030-02-01', id: RecordId('fedpol:moved') }, limit: 2 }))).toEqual(['fedpol:a', 'fedpol:b']);
      expect(ids(await store.recordsDueForReview({ agency, through: '2030-06-30', after: { reviewDate: '2030-03-01', id: RecordId('fedpol:a') }, limit: 2 }))).toEqual(['fedpol:b']);
      expect(ids(await store.recordsDueForReview({ agency, through: '2030-01-15', limit: 10 }))).toEqual(['fedpol:c']);
      expect(await store.recordAgencies()).toEqual(['bka', 'fedpol']);
    }));

    it('pages through records by id, in byte order, per schema', () => withStore(async (store) => {
      const sourceIds = ['a', 'B', 'c', 'D', 'e_1', 'e-2', 'Z', 'z', '10', '9', 'é', 'ab', 'aB', 'Ab'];
      await store.putRecords(sourceIds.map((s) => person('fedpol', s, `Person ${s}`)), ACTOR);
      await store.putRecords([record('fedpol', 'org1', { name: ['Acme Logistics'] }, 'Organization'), record('fedpol', 'org2', { name: ['Blue Harbour'] }, 'Organization')], ACTOR);
      await store.deleteRecord(RecordId('fedpol:c'), { actor: 'user:dpo', reason: 'test' });

      const paged: string[] = [];
      let afterId: RecordId | undefined;
      for (;;) {
        const page = await store.scanRecords({ schema: 'Person', limit: 4, ...(afterId === undefined ? {} : { afterId }) });
        paged.push(...page.map((r) => r.record.id));
        if (page.length < 4) break;
        afterId = page[page.length - 1]!.record.id;
      }
      const expected = sourceIds.filter((s) => s !== 'c').map((s) => `fedpol:${s}`).sort((x, y) => (Buffer.compare(Buffer.from(x), Buffer.from(y))));
      expect(paged).toEqual(expected);

      const all = await store.scanRecords({ limit: 100, includeDeleted: true });
      expect(all).toHaveLength(sourceIds.length + 2);
      expect(all.find((r) => r.record.id === 'fedpol:c')?.deletedAt).toBeDefined();
      expect((await store.scanRecords({ schema: 'Organization', limit: 10 })).map((r) => r.record.id)).toEqual(['fedpol:org1', 'fedpol:org2']);
      expect(await store.scanRecords({ limit: 0 })).toEqual([]);
    }));

    it('counts live records by schema and agency', () => withStore(async (store) => {
      await store.putRecords([
        person('fedpol', '1', 'Gert Claes'), person('fedpol', '2', 'Hilde Wouters'), person('zone5', '1', 'Ivo Maes'),
        record('zone5', 'o1', { name: ['Nordic Freight'] }, 'Organization'),
      ], ACTOR);
      expect(await store.countRecords()).toBe(4);
      expect(await store.countRecords({ schema: 'Person' })).toBe(3);
      expect(await store.countRecords({ agency: AgencyId('zone5') })).toBe(2);
      expect(await store.countRecords({ schema: 'Person', agency: AgencyId('zone5') })).toBe(1);
      expect(await store.countRecords({ agency: AgencyId('nobody') })).toBe(0);
    }));

    it('finds names and aliases, folding diacritics, best first, kept in sync', () => withStore(async (store) => {
      await store.putRecords([
        person('fedpol', 's1', 'Samir Abdeslam', { alias: ['Abou Nour'] }),
        person('fedpol', 's2', 'Karim Abdeslam'),
        person('zone5', 's3', 'Samir Benali'),
        person('zone5', 's4', 'Noor Ḥaddād'),
        record('fedpol', 'o1', { name: ['Abdeslam Trading'] }, 'Organization'),
      ], ACTOR);
      const ids = async (q: string, schema?: string): Promise<string[]> =>
        (await store.searchNames(q, { limit: 10, ...(schema === undefined ? {} : { schema }) })).map((h) => h.id);

      expect((await ids('Abdeslâm')).sort()).toEqual(['fedpol:o1', 'fedpol:s1', 'fedpol:s2']);
      expect((await ids('ABDESLAM', 'Person')).sort()).toEqual(['fedpol:s1', 'fedpol:s2']);
      expect(await ids('nour')).toEqual(['fedpol:s1']);
      expect(await ids('haddad')).toEqual(['zone5:s4']);
      const best = await store.searchNames('Samir Abdeslam', { limit: 10, schema: 'Person' });
      expect(best[0]?.id).toBe('fedpol:s1');
      expect(best.map((h) => h.id).sort()).toEqual(['fedpol:s1', 'fedpol:s2', 'zone5:s3']);
      for (let i = 1; i < best.length; i++) expect(best[i - 1]!.rank).toBeGreaterThanOrEqual(best[i]!.rank);
      expect(await store.searchNames('Samir Abdeslam', { limit: 1 })).toHaveLength(1);

      // Query syntax of either engine is just text here.
      for (const q of ['"', 'Abdeslam*', 'NOT Samir', 'a OR', "O'Neil & (x) | !y:*", '', '   ', '--']) {
        await expect(store.searchNames(q, { limit: 5 })).resolves.toBeInstanceOf(Array);
      }
      expect(await store.searchNames('', { limit: 5 })).toEqual([]);

      // A rename drops the old name from the index.
      await store.putRecords([person('zone5', 's3', 'Samir Benaissa')], ACTOR);
      expect(await ids('Benali')).toEqual([]);
      expect(await ids('benaissa')).toEqual(['zone5:s3']);
    }));

    it('ranks names by what each record\'s own names hold of the query, whatever other records hold', () => withStore(async (store) => {
      await store.putRecords([
        person('zone5', 'b', 'Wendrik Pellor'), person('zone5', 'a', 'Tamsin Mallin'),
        person('zone5', 'c', 'Tamsin Wendrik Mallin'), person('zone5', 'd', 'Tamsin Mallin', { alias: ['Odo Varga'] }),
      ], ACTOR);
      const ranked = async (): Promise<string[]> => (await store.searchNames('Tamsin Wendrik', { limit: 10 })).map((h) => h.id);
      // both words first; then one word, the record whose names are nearest the query first
      // (two parts before four), and by id between equals
      const alone = ['zone5:c', 'zone5:a', 'zone5:b', 'zone5:d'];
      expect(await ranked()).toEqual(alone);
      // records of other agencies sharing a word (the engines' weights count them) move nothing
      await store.putRecords(Array.from({ length: 6 }, (_, i) => person('intel', `t${i}`, `Tamsin Zorrin${i}`)), ACTOR);
      expect((await ranked()).filter((id) => id.startsWith('zone5:'))).toEqual(alone);
      // and a window holds the best of the fixed order: the first of a wider one
      const wide = (await store.searchNames('Tamsin Wendrik', { limit: 10 })).map((h) => h.id);
      expect((await store.searchNames('Tamsin Wendrik', { limit: 3 })).map((h) => h.id)).toEqual(wide.slice(0, 3));
    }));

    it('keeps report texts byte for byte and finds them by every word, folded, best first', () => withStore(async (store) => {
      const a = RecordId('fedpol:report-a');
      const b = RecordId('zone5:report-b');
      const textA = 'Ortwin Kälberer met Lioba Strand at the café on Quai Zéphyr.\nKälberer paid.\u00a0';
      await store.putReportText(a, textA);
      await store.putReportText(b, 'Lioba Strand was seen near the harbour. Strand called twice.');
      expect(await store.getReportText(a)).toBe(textA);
      expect(await store.getReportText(RecordId('fedpol:none'))).toBeUndefined();
      const ids = async (q: string): Promise<string[]> => (await store.searchReportTexts(q, { limit: 10 })).map((h) => h.id);

      expect(await ids('kalberer')).toEqual(['fedpol:report-a']);
      expect(await ids('ZEPHYR cafe')).toEqual(['fedpol:report-a']);
      expect((await ids('lioba strand')).sort()).toEqual(['fedpol:report-a', 'zone5:report-b']);
      expect(await ids('strand harbour')).toEqual(['zone5:report-b']);
      expect(await ids('strand nowhere')).toEqual([]);
      const hits = await store.searchReportTexts('strand', { limit: 10 });
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.rank).toBeGreaterThanOrEqual(hits[i]!.rank);
      expect(await store.searchReportTexts('strand', { limit: 1 })).toHaveLength(1);
      for (const q of ['"', 'Strand*', 'NOT Lioba', 'a OR', "O'Neil & (x) | !y:*", '', '   ']) {
        await expect(store.searchReportTexts(q, { limit: 5 })).resolves.toBeInstanceOf(Array);
      }

      // Replacing a text re-indexes it: old words are gone, new ones found.
      await store.putReportText(b, 'Nothing of note on the pier.');
      expect(await ids('harbour')).toEqual([]);
      expect(await ids('pier')).toEqual(['zone5:report-b']);
      // Its words worked out beforehand (reportWords, as an erasure does before its transaction) index it as its own would.
      const rewritten = 'Nothing of note on the quay. Vorrel paid.';
      await store.putReportText(b, rewritten, reportWords(rewritten));
      expect(await ids('vorrel paid')).toEqual(['zone5:report-b']);
      expect(await ids('pier')).toEqual([]);
      // A failed transaction leaves neither the text nor its index behind.
      await expect(store.transaction(async (tx) => {
        await tx.putReportText(RecordId('fedpol:report-c'), 'Quentin Asperlund');
        throw new Error('boom');
      })).rejects.toThrow('boom');
      expect(await ids('asperlund')).toEqual([]);
      expect(await store.getReportText(RecordId('fedpol:report-c'))).toBeUndefined();
      // Erasing a report's record erases its text and its index entry.
      await store.putRecords([record('fedpol', 'report-a', { title: ['Café meeting'], collection: ['c1'] }, 'Report')], ACTOR);
      await store.deleteRecord(a, { actor: 'user:dpo', reason: 'review date passed' });
      expect(await store.getReportText(a)).toBeUndefined();
      expect(await ids('kalberer')).toEqual([]);
      expect(await ids('lioba strand')).toEqual([]);
      expect(await store.latestReportTexts({ limit: 10 })).toEqual([b]);
    }));

    it('gives a report\'s text another version at every write, never one it held, and reads it without the text', () => withStore(async (store) => {
      const a = RecordId('fedpol:report-a');
      const held: number[] = [];
      /** The text's version, another than every one it held before. */
      const changed = async (): Promise<number> => {
        const version = await store.getReportTextVersion(a);
        expect(version).toBeTypeOf('number');
        expect(held).not.toContain(version);
        held.push(version!);
        return version!;
      };
      expect(await store.getReportTextVersion(a)).toBeUndefined();
      await store.putReportText(a, 'Farid Haddou was seen near the harbour.');
      await changed();
      // another report's text written leaves it as it was
      await store.putReportText(RecordId('zone5:report-b'), 'Lioba Strand was seen near the harbour.');
      expect(await store.getReportTextVersion(a)).toBe(held.at(-1));
      // the same text written again is a write too, and so is one with its words worked out before
      await store.putReportText(a, 'Farid Haddou was seen near the harbour.');
      await changed();
      const rewritten = 'Nothing of note on the quay.';
      await store.putReportText(a, rewritten, reportWords(rewritten));
      await changed();
      await store.transaction(async (tx) => tx.putReportText(a, 'Farid Haddou paid.'));
      const kept = await changed();
      // a write undone leaves it as it was
      await expect(store.transaction(async (tx) => {
        await tx.putReportText(a, 'Quentin Asperlund');
        expect(await tx.getReportTextVersion(a)).not.toBe(kept);
        throw new Error('undone');
      })).rejects.toThrow('undone');
      expect(await store.getReportTextVersion(a)).toBe(kept);
      // erased with its report and written again, it does not come back to a version it had, and is found by its words
      await store.putRecords([record('fedpol', 'report-a', { title: ['Harbour'], collection: ['c1'] }, 'Report')], ACTOR);
      await store.deleteRecord(a, { actor: 'user:dpo', reason: 'review date passed' });
      expect(await store.getReportTextVersion(a)).toBeUndefined();
      await store.putReportText(a, 'Farid Haddou was seen near the harbour.');
      await changed();
      expect((await store.searchReportTexts('haddou harbour', { limit: 10 })).map((hit) => hit.id)).toEqual([a]);
      expect(await store.getReportText(a)).toBe('Farid Haddou was seen near the harbour.');
    }));

    it('gives a report\'s text written by another node a version other than the one read', async () => {
      const [a, b] = await harness.openNodes(steppingClock());
      const report = RecordId('fedpol:report-a');
      try {
        await a.putReportText(report, 'Farid Haddou was seen near the harbour.');
        const read = await a.getReportTextVersion(report);
        expect(await b.getReportTextVersion(report)).toBe(read);
        await b.putReportText(report, 'Nothing of note on the quay.');
        const written = await a.getReportTextVersion(report);
        expect(written).not.toBe(read);
        await a.putReportText(report, 'Farid Haddou paid.');
        expect([read, written]).not.toContain(await b.getReportTextVersion(report));
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('ranks report texts by what each one\'s own text holds of the query, whatever other reports hold', () => withStore(async (store) => {
      // the query's two words are 2 of b's 8 words and 2 of a's 15: b first, on both stores,
      // though a holds them side by side and b apart (ts_rank weighs that) and a's id comes first
      await store.putReportText(RecordId('fedpol:report-a'), 'Lukasz Vorrel, whom the neighbours call Lukas, sold his boat at Velden harbour last spring.');
      await store.putReportText(RecordId('zone5:report-b'), 'Lukasz left the boat yard before Vorrel came.');
      const ranked = async (limit = 10): Promise<string[]> => (await store.searchReportTexts('Lukasz Vorrel', { limit })).map((h) => h.id);
      const alone = ['zone5:report-b', 'fedpol:report-a'];
      expect(await ranked()).toEqual(alone);
      // long reports of other agencies holding both words (bm25's weights count every report,
      // its average length too) move nothing
      for (let i = 0; i < 6; i++) {
        await store.putReportText(RecordId(`intel:report-${i}`), `Lukasz Vorrel ${Array.from({ length: 78 }, (_, j) => `w${i}n${j}`).join(' ')}`);
      }
      expect((await ranked()).filter((id) => !id.startsWith('intel:'))).toEqual(alone);
      // and a window holds the best of the fixed order: the first of a wider one
      expect(await ranked(1)).toEqual((await ranked()).slice(0, 1));
    }));

    it('replaces the source kept of erased records only, no version added', () => withStore(async (store) => {
      const [a, b, live] = [record('fedpol', 'src-a', { name: ['Ada Quell'] }), record('fedpol', 'src-b', { name: ['Bo Quell'] }), record('fedpol', 'src-c', { name: ['Cy Quell'] })]
        .map((r) => ({ ...r, provenance: { ...r.provenance, source: 'cli:quell.txt' } }));
      await store.putRecords([a!, b!, live!], ACTOR);
      await store.deleteRecords([a!.id, b!.id], { actor: 'user:dpo', reason: 'erasure request' });
      const erasedVersion = (await store.getRecord(a!.id, { includeDeleted: true }))!.version;
      expect(await store.replaceErasedSources([b!.id, a!.id, live!.id, RecordId('fedpol:none')], 'neutral')).toEqual([a!.id, b!.id]);
      const kept = (await store.getRecord(a!.id, { includeDeleted: true }))!;
      expect(kept).toMatchObject({ version: erasedVersion, record: { schema: 'Person', properties: {}, provenance: { ...a!.provenance, source: 'neutral' } } });
      expect(kept.deletedAt).toBeDefined();
      expect((await store.getRecord(live!.id))?.record.provenance.source).toBe('cli:quell.txt');
      // one already reading it is not counted again
      expect(await store.replaceErasedSources([a!.id], 'neutral')).toEqual([]);
    }));

    it('lists the reports uploaded last first, a text written again keeping its place', () => {
      let at = '';
      return withStore(async (store) => {
        for (const [id, when] of [['fedpol:r-old', '2026-01-01'], ['fedpol:r-new', '2026-03-01'], ['zone5:r-mid', '2026-02-01']] as const) {
          at = `${when}T00:00:00.000Z`;
          await store.putReportText(RecordId(id), `Text of ${id}`);
        }
        expect(await store.latestReportTexts({ limit: 10 })).toEqual(['fedpol:r-new', 'zone5:r-mid', 'fedpol:r-old']);
        expect(await store.latestReportTexts({ limit: 2 })).toEqual(['fedpol:r-new', 'zone5:r-mid']);
        // written again (an erasure's rewrite of an old report), a report keeps its place: the
        // list is of when each came, not of when a person named in it was erased
        at = '2026-04-01T00:00:00.000Z';
        await store.putReportText(RecordId('fedpol:r-old'), 'Revised text');
        expect(await store.latestReportTexts({ limit: 10 })).toEqual(['fedpol:r-new', 'zone5:r-mid', 'fedpol:r-old']);
      }, () => new Date(at || '2026-01-01T00:00:00.000Z'));
    });

    it('appends every put and delete to the change feed in order', () => withStore(async (store) => {
      expect(await store.latestSeq()).toBe(0);
      expect(await store.changesSince(0, 10)).toEqual([]);
      await store.putRecords([person('fedpol', 'c1', 'Jan Mertens'), person('fedpol', 'c2', 'Kim Desmet')], ACTOR);
      await store.putRecords([person('fedpol', 'c1', 'Jan Mertens'), person('fedpol', 'c2', 'Kim De Smet')], ACTOR);
      await store.deleteRecord(RecordId('fedpol:c1'), { actor: 'user:dpo', reason: 'test' });
      const changes = await store.changesSince(0, 100);
      expect(changes.map((c) => [c.recordId, c.op, c.version])).toEqual([
        ['fedpol:c1', 'put', 1], ['fedpol:c2', 'put', 1], ['fedpol:c2', 'put', 2], ['fedpol:c1', 'delete', 2],
      ]);
      for (let i = 1; i < changes.length; i++) expect(changes[i]!.seq).toBeGreaterThan(changes[i - 1]!.seq);
      expect(await store.latestSeq()).toBe(changes[3]!.seq);
      expect((await store.changesSince(changes[1]!.seq, 1)).map((c) => c.seq)).toEqual([changes[2]!.seq]);
      expect(await store.changesSince(changes[3]!.seq, 10)).toEqual([]);
    }));

    it('keeps the change feed gap-free and ordered under concurrent writers', () => withStore(async (store) => {
      const writers = Array.from({ length: 6 }, (_, w) =>
        store.putRecords(Array.from({ length: 20 }, (_, i) => person('fedpol', `w${w}-${i}`, `Writer ${w} Person ${i}`)), ACTOR));
      await Promise.all(writers);
      const changes = await store.changesSince(0, 1_000);
      expect(changes).toHaveLength(120);
      expect(new Set(changes.map((c) => c.recordId)).size).toBe(120);
      for (let i = 1; i < changes.length; i++) expect(changes[i]!.seq).toBeGreaterThan(changes[i - 1]!.seq);
    }));

    it('stores users and sessions', () => withStore(async (store) => {
      const user = {
        id: UserId('u1'), agency: AgencyId('fedpol'), desk: DeskId('ct-desk'), name: 'analyst1', roles: ['analyst'],
        clearance: 'SECRET' as const, groups: ['ct'], passwordHash: 'scrypt$abc',
      };
      await store.upsertUser(user);
      await store.upsertUser({ ...user, id: UserId('u2'), name: 'admin1', roles: ['admin'], clearance: 'RESTRICTED' });
      expect(await store.getUser(UserId('u1'))).toEqual(user);
      expect(await store.findUserByName('analyst1')).toEqual(user);
      expect(await store.findUserByName('nobody')).toBeUndefined();
      await store.upsertUser({ ...user, roles: ['analyst', 'supervisor'] });
      expect((await store.getUser(UserId('u1')))?.roles).toEqual(['analyst', 'supervisor']);
      expect((await store.listUsers()).map((u) => u.name)).toEqual(['admin1', 'analyst1']);
      await expect(store.upsertUser({ ...user, id: UserId('u3') })).rejects.toThrow();

      await store.createSession({ tokenHash: 'h1', userId: UserId('u1'), expiresAt: '2025-01-01T10:00:00.000Z' });
      await store.createSession({ tokenHash: 'h2', userId: UserId('u1'), expiresAt: '2025-01-01T12:00:00.000Z' });
      expect(await store.getSession('h1')).toEqual({ tokenHash: 'h1', userId: UserId('u1'), expiresAt: '2025-01-01T10:00:00.000Z' });
      await expect(store.createSession({ tokenHash: 'h3', userId: UserId('ghost'), expiresAt: '2025-01-01T12:00:00.000Z' })).rejects.toThrow();
      expect(await store.deleteExpiredSessions('2025-01-01T11:00:00.000Z')).toBe(1);
      expect(await store.getSession('h1')).toBeUndefined();
      await store.deleteSession('h2');
      expect(await store.getSession('h2')).toBeUndefined();

      await store.upsertUser({ ...user, disabledAt: '2025-02-01T09:00:00.000Z' });
      expect((await store.getUser(UserId('u1')))?.disabledAt).toBe('2025-02-01T09:00:00.000Z');
      await store.createSession({ tokenHash: 'h4', userId: UserId('u1'), expiresAt: '2025-03-01T12:00:00.000Z' });
      await store.createSession({ tokenHash: 'h5', userId: UserId('u1'), expiresAt: '2025-03-01T12:00:00.000Z' });
      await store.createSession({ tokenHash: 'h6', userId: UserId('u2'), expiresAt: '2025-03-01T12:00:00.000Z' });
      expect(await store.deleteUserSessions(UserId('u1'))).toBe(2);
      expect(await store.getSession('h4')).toBeUndefined();
      expect(await store.getSession('h6')).toBeDefined();
      await store.upsertUser(user);
      expect(await store.getUser(UserId('u1'))).toEqual(user);
    }));

    it('stores the organisation as documents, replacing it whole', () => withStore(async (store) => {
      expect(await store.getOrg()).toEqual({ agencies: [], desks: [], agreements: [] });
      const org = {
        agencies: [{ id: 'fedpol', name: 'Federal Police', country: 'be' }, { id: 'zone5', name: 'Zone 5' }],
        desks: [{ id: 'ct-desk', agency: 'fedpol', phone: '+32 2 000 00 00' }],
        agreements: [{ id: 'ag1', from: 'fedpol', to: ['zone5'], pointer: true, maxTlp: 'AMBER' }],
      };
      await store.putOrg(org);
      expect(await store.getOrg()).toEqual(org);
      await store.putOrg({ ...org, agencies: [org.agencies[1]!], agreements: [] });
      expect(await store.getOrg()).toEqual({ agencies: [org.agencies[1]], desks: org.desks, agreements: [] });
    }));

    it('stores settings', () => withStore(async (store) => {
      expect(await store.getSetting('audit.signingKey')).toBeUndefined();
      await store.putSetting('audit.signingKey', 'k1');
      await store.putSetting('audit.signingKey', 'k2');
      expect(await store.getSetting('audit.signingKey')).toBe('k2');
    }));

    it('stores workflow documents, listed by owner and subject, newest first', () => withStore(async (store) => {
      await store.putDocument({ kind: 'check', id: 'c1', owner: 'zone-north', subject: 'fedpol:p1', body: { hits: 1 } });
      await new Promise((r) => setTimeout(r, 5));
      await store.putDocument({ kind: 'check', id: 'c2', owner: 'zone-north', body: { hits: 0 } });
      await store.putDocument({ kind: 'check', id: 'c3', owner: 'border', subject: 'fedpol:p1', body: { hits: 2 } });
      await store.putDocument({ kind: 'note', id: 'c1', owner: 'zone-north', body: 'other kind' });
      expect((await store.listDocuments('check', { owner: 'zone-north', limit: 10 })).map((d) => d.id)).toEqual(['c2', 'c1']);
      expect((await store.listDocuments('check', { subject: 'fedpol:p1', limit: 10, oldestFirst: true })).map((d) => d.id)).toEqual(['c1', 'c3']);
      // about any of many subjects, by subject then id, of the kind only
      await store.putDocument({ kind: 'check', id: 'c0', owner: 'border', subject: 'fedpol:p2', body: { hits: 3 } });
      await store.putDocument({ kind: 'note', id: 'n1', owner: 'zone-north', subject: 'fedpol:p1', body: 'other kind' });
      expect((await store.documentsAbout('check', ['fedpol:p2', 'fedpol:p1', 'fedpol:p9', 'fedpol:p1'])).map((d) => [d.subject, d.id, d.body])).toEqual([
        ['fedpol:p1', 'c1', { hits: 1 }], ['fedpol:p1', 'c3', { hits: 2 }], ['fedpol:p2', 'c0', { hits: 3 }],
      ]);
      expect((await store.documentsAbout('check', ['fedpol:p1']))[0]).toEqual(await store.getDocument('check', 'c1'));
      expect(await store.documentsAbout('check', [])).toEqual([]);
      // many by id at once: of the kind only, in id order, each once, absent ones not named
      expect((await store.getDocuments('check', ['c3', 'c9', 'c1', 'n1', 'c3'])).map((d) => [d.id, d.body])).toEqual([['c1', { hits: 1 }], ['c3', { hits: 2 }]]);
      expect((await store.getDocuments('check', ['c1']))[0]).toEqual(await store.getDocument('check', 'c1'));
      expect(await store.getDocuments('note', ['c1', 'n1'])).toEqual([await store.getDocument('note', 'c1'), await store.getDocument('note', 'n1')]);
      expect(await store.getDocuments('check', [])).toEqual([]);
      await store.deleteDocument('check', 'c0');
      await store.deleteDocument('note', 'n1');
      const first = await store.getDocument('check', 'c1');
      expect(first).toMatchObject({ kind: 'check', id: 'c1', owner: 'zone-north', subject: 'fedpol:p1', body: { hits: 1 } });
      await store.putDocument({ kind: 'check', id: 'c1', owner: 'zone-north', subject: 'fedpol:p1', body: { hits: 1, confirmed: true } });
      const replaced = await store.getDocument('check', 'c1');
      expect(replaced?.body).toEqual({ hits: 1, confirmed: true });
      expect(replaced?.createdAt).toBe(first?.createdAt);
      expect(await store.deleteDocument('check', 'c1')).toBe(true);
      expect(await store.deleteDocument('check', 'c1')).toBe(false);
      expect(await store.getDocument('check', 'c1')).toBeUndefined();
      expect(await store.getDocument('note', 'c1')).toMatchObject({ body: 'other kind' });
      // many at once: only those of the kind, each named once, absent ones not named
      await store.putDocuments(['d1', 'd2', 'd3'].map((id) => ({ kind: 'check', id, owner: 'zone-north', body: {} })));
      await store.putDocument({ kind: 'note', id: 'd1', owner: 'zone-north', body: {} });
      expect([...await store.deleteDocuments('check', ['d1', 'd2', 'd2', 'gone'])].sort()).toEqual(['d1', 'd2']);
      expect(await store.deleteDocuments('check', ['d1', 'd2'])).toEqual([]);
      expect((await store.listDocuments('check', { owner: 'zone-north', limit: 10 })).map((d) => d.id).sort()).toEqual(['c2', 'd3']);
      expect(await store.getDocument('note', 'd1')).toBeDefined();
      expect(await store.deleteDocuments('check', [])).toEqual([]);
      // paged by id, whatever their dates
      await store.putDocuments(['p3', 'p1', 'p4', 'p2'].map((id) => ({ kind: 'page', id, owner: 'zone-north', body: {} })));
      const first2 = await store.listDocuments('page', { afterId: '', limit: 2 });
      expect(first2.map((d) => d.id)).toEqual(['p1', 'p2']);
      expect((await store.listDocuments('page', { afterId: 'p2', limit: 2 })).map((d) => d.id)).toEqual(['p3', 'p4']);
      expect(await store.listDocuments('page', { afterId: 'p4', limit: 2 })).toEqual([]);
    }));

    it('keeps the records a document mentions, found by record and kind, added to and forgotten as named', () => withStore(async (store) => {
      await store.putDocuments([
        { kind: 'check', id: 'c2', owner: 'zone-north', body: {}, mentions: ['fedpol:p1', 'fedpol:a1', 'fedpol:p1'] },
        { kind: 'check', id: 'c1', owner: 'zone-north', body: {}, mentions: ['fedpol:p1'] },
        { kind: 'notification', id: 'n1', owner: 'fedpol', body: {}, mentions: ['fedpol:p1'] },
      ]);
      expect(await store.documentsMentioning('check', 'fedpol:p1')).toEqual(['c1', 'c2']);
      expect(await store.documentsMentioning('check', 'fedpol:a1')).toEqual(['c2']);
      expect(await store.documentsMentioning('notification', 'fedpol:p1')).toEqual(['n1']);
      expect(await store.documentsMentioning('check', 'fedpol:p9')).toEqual([]);
      // of many records at once, by record then document, of the kind only
      expect(await store.documentMentions('check', ['fedpol:p9', 'fedpol:p1', 'fedpol:a1', 'fedpol:p1'])).toEqual([
        { record: 'fedpol:a1', id: 'c2' }, { record: 'fedpol:p1', id: 'c1' }, { record: 'fedpol:p1', id: 'c2' },
      ]);
      expect(await store.documentMentions('notification', ['fedpol:p1', 'fedpol:a1'])).toEqual([{ record: 'fedpol:p1', id: 'n1' }]);
      expect(await store.documentMentions('check', [])).toEqual([]);
      // written again without them, or with others, the document keeps those it had
      await store.putDocument({ kind: 'check', id: 'c1', owner: 'zone-north', body: { decided: true } });
      await store.putDocument({ kind: 'check', id: 'c1', owner: 'zone-north', body: {}, mentions: ['fedpol:p9'] });
      expect(await store.documentsMentioning('check', 'fedpol:p1')).toEqual(['c1', 'c2']);
      expect(await store.documentsMentioning('check', 'fedpol:p9')).toEqual(['c1']);
      // created once: the second ask writes neither the document nor its mentions
      expect(await store.createDocument({ kind: 'check', id: 'c3', owner: 'zone-north', body: {}, mentions: ['fedpol:p2'] })).toBe(true);
      expect(await store.createDocument({ kind: 'check', id: 'c3', owner: 'zone-north', body: {}, mentions: ['fedpol:p3'] })).toBe(false);
      expect(await store.documentsMentioning('check', 'fedpol:p2')).toEqual(['c3']);
      expect(await store.documentsMentioning('check', 'fedpol:p3')).toEqual([]);
      // forgotten by record and id, of one kind only
      await store.forgetMentions('check', [{ record: 'fedpol:p1', id: 'c2' }, { record: 'fedpol:a1', id: 'c2' }, { record: 'fedpol:p1', id: 'gone' }]);
      expect(await store.documentsMentioning('check', 'fedpol:p1')).toEqual(['c1']);
      expect(await store.documentsMentioning('check', 'fedpol:a1')).toEqual([]);
      expect(await store.documentsMentioning('notification', 'fedpol:p1')).toEqual(['n1']);
      await store.forgetMentions('check', []);
      // many at once, each (record, id) and no other: p5 by c5 and p6 by c6 go, p5 by c6 and p6
      // by c5 stay, and the notifications' mentions of them (the same ids) too; the same mention
      // twice goes once; more than a statement's chunk (batchRows pairs) go as well
      const many = Array.from({ length: 2_500 }, (_, i) => `fedpol:m${String(i).padStart(4, '0')}`);
      await store.putDocuments([
        { kind: 'check', id: 'c5', owner: 'zone-north', body: {}, mentions: ['fedpol:p5', 'fedpol:p6', ...many] },
        { kind: 'check', id: 'c6', owner: 'zone-north', body: {}, mentions: ['fedpol:p5', 'fedpol:p6'] },
        { kind: 'notification', id: 'c5', owner: 'zone-north', body: {}, mentions: ['fedpol:p5', 'fedpol:p6', ...many] },
        { kind: 'notification', id: 'c6', owner: 'zone-north', body: {}, mentions: ['fedpol:p5', 'fedpol:p6'] },
      ]);
      await store.forgetMentions('check', [
        { record: 'fedpol:p5', id: 'c5' }, { record: 'fedpol:p6', id: 'c6' }, { record: 'fedpol:p5', id: 'c5' },
        ...many.map((record) => ({ record, id: 'c5' })),
      ]);
      expect(await store.documentMentions('check', ['fedpol:p5', 'fedpol:p6', ...many])).toEqual([{ record: 'fedpol:p5', id: 'c6' }, { record: 'fedpol:p6', id: 'c5' }]);
      expect(await store.documentMentions('notification', ['fedpol:p5', 'fedpol:p6'])).toEqual([
        { record: 'fedpol:p5', id: 'c5' }, { record: 'fedpol:p5', id: 'c6' }, { record: 'fedpol:p6', id: 'c5' }, { record: 'fedpol:p6', id: 'c6' },
      ]);
      expect(await store.documentMentions('notification', many)).toHaveLength(many.length);
      // riding with audit entries (a check's), kept with the document
      await store.appendAudit({ after: null, entries: [{ seq: 1, hash: 'h1', prevHash: '', body: '{}' }], documents: [{ kind: 'check', id: 'c4', owner: 'zone-north', body: {}, mentions: ['fedpol:p4'] }] });
      expect(await store.documentsMentioning('check', 'fedpol:p4')).toEqual(['c4']);
    }));

    it('finds the live records that name a record, as each version names them', () => withStore(async (store) => {
      const ids = (...names: string[]): string[] => names.map((n) => `fedpol:${n}`);
      const named = async (...of: string[]): Promise<string[]> => (await store.recordsNaming(of.map(RecordId))).map((stored) => stored.record.id);
      await store.putRecords([
        person('fedpol', 'p1', 'Jonas Vermeulen'), person('fedpol', 'p2', 'Pieter Vermeulen'), person('fedpol', 'p3', 'Arend Valkema'),
        record('fedpol', 'a1', { person: ['fedpol:p1'], associate: ['fedpol:p2'] }, 'Associate'),
        record('fedpol', 's1', { person: ['fedpol:p1'], involved: ['fedpol:p1', 'fedpol:p3'] }, 'Sighting'),
        // an id put twice in one batch names what its last content names
        record('fedpol', 'a2', { person: ['fedpol:p1'], associate: ['fedpol:p3'] }, 'Associate'),
        record('fedpol', 'a2', { person: ['fedpol:p2'], associate: ['fedpol:p3'] }, 'Associate'),
      ], ACTOR);
      expect(await named('fedpol:p1')).toEqual(ids('a1', 's1'));
      expect(await named('fedpol:p3', 'fedpol:p2')).toEqual(ids('a1', 'a2', 's1'));
      expect(await named('fedpol:p9')).toEqual([]);
      expect(await named()).toEqual([]);
      // a new version names its own ends, no longer the earlier one's
      await store.putRecords([record('fedpol', 'a1', { person: ['fedpol:p2'], associate: ['fedpol:p3'] }, 'Associate')], ACTOR);
      expect(await named('fedpol:p1')).toEqual(ids('s1'));
      // an erased record names no one, and a record put again after its erasure names what it names then
      await store.deleteRecords([RecordId('fedpol:s1')], { actor: 'test:contract', reason: 'test' });
      expect(await named('fedpol:p1', 'fedpol:p3')).toEqual(ids('a1', 'a2'));
      await store.putRecords([record('fedpol', 's1', { person: ['fedpol:p3'] }, 'Sighting')], ACTOR);
      expect(await named('fedpol:p1')).toEqual([]);
      expect(await named('fedpol:p3')).toEqual(ids('a1', 'a2', 's1'));
      // in a transaction, what it wrote is seen
      await store.transaction(async (tx) => {
        await tx.putRecords([record('fedpol', 'a3', { person: ['fedpol:p1'], associate: ['fedpol:p2'] }, 'Associate')], ACTOR);
        expect((await tx.recordsNaming([RecordId('fedpol:p1')])).map((stored) => stored.record.id)).toEqual(ids('a3'));
      });
    }));

    it('creates a document only once, however many ask at the same time', () => withStore(async (store) => {
      const asks = Array.from({ length: 8 }, (_, n) => store.createDocument({ kind: 'claim', id: 'c1/0', owner: 'zone-north', body: { by: n } }));
      const created = await Promise.all(asks);
      expect(created.filter(Boolean)).toHaveLength(1);
      const winner = created.indexOf(true);
      expect((await store.getDocument('claim', 'c1/0'))?.body).toEqual({ by: winner });
      expect(await store.createDocument({ kind: 'claim', id: 'c1/0', owner: 'zone-north', body: { by: 'late' } })).toBe(false);
      expect((await store.getDocument('claim', 'c1/0'))?.body).toEqual({ by: winner });
      // another kind with the same id is another document
      expect(await store.createDocument({ kind: 'note', id: 'c1/0', owner: 'zone-north', body: {} })).toBe(true);
      expect(await store.deleteDocument('claim', 'c1/0')).toBe(true);
      expect(await store.createDocument({ kind: 'claim', id: 'c1/0', owner: 'zone-north', body: { by: 'again' } })).toBe(true);
    }));

    it('deletes a document only while its body is still the one read: of many that read it, one deletes it', () => withStore(async (store) => {
      await store.createDocument({ kind: 'claim', id: 'r1', owner: 'zone-north', body: { claim: 'old', by: 'node-a' } });
      const read = (await store.getDocument('claim', 'r1'))!.body;
      const deletes = await Promise.all(Array.from({ length: 6 }, () => store.deleteDocumentIf('claim', 'r1', read)));
      expect(deletes.filter(Boolean)).toHaveLength(1);
      // a claim made since is not the one read: it stays
      expect(await store.createDocument({ kind: 'claim', id: 'r1', owner: 'zone-north', body: { claim: 'new', by: 'node-b' } })).toBe(true);
      expect(await store.deleteDocumentIf('claim', 'r1', read)).toBe(false);
      expect((await store.getDocument('claim', 'r1'))?.body).toEqual({ claim: 'new', by: 'node-b' });
      expect(await store.deleteDocumentIf('claim', 'r1', { claim: 'new', by: 'node-b' })).toBe(true);
      expect(await store.getDocument('claim', 'r1')).toBeUndefined();
    }));

    it('renews a document only while its body is still the one read', () => withStore(async (store) => {
      await store.createDocument({ kind: 'claim', id: 'r2', owner: 'zone-north', body: { claim: 'old', by: 'node-a' } });
      const read = (await store.getDocument('claim', 'r2'))!;
      expect(await store.renewDocumentIf('claim', 'r2', read.body)).toBe(true);
      const renewed = (await store.getDocument('claim', 'r2'))!;
      expect(Date.parse(renewed.updatedAt)).toBeGreaterThan(Date.parse(read.updatedAt));
      expect(renewed).toMatchObject({ createdAt: read.createdAt, body: read.body });
      // taken over since: the claim made by another is left as it is
      expect(await store.deleteDocumentIf('claim', 'r2', read.body)).toBe(true);
      expect(await store.createDocument({ kind: 'claim', id: 'r2', owner: 'zone-north', body: { claim: 'new', by: 'node-b' } })).toBe(true);
      const other = (await store.getDocument('claim', 'r2'))!;
      expect(await store.renewDocumentIf('claim', 'r2', read.body)).toBe(false);
      expect(await store.getDocument('claim', 'r2')).toEqual(other);
      expect(await store.renewDocumentIf('claim', 'absent', read.body)).toBe(false);
    }));

    it('gives a document\'s top-level members new values, the others, its owner, subject and mentions kept', () => withStore(async (store) => {
      const extraction = { entities: [{ id: 'e1', name: 'Jonas "J" Vermeulen', mentions: [{ start: 0, end: 5, text: 'Jonas}' }] }], note: 'Ørsted \\ 📞' };
      await store.putDocument({ kind: 'review', id: 'r1', owner: 'fedpol', subject: 'fedpol:r1', body: { report: 'fedpol:r1', extraction, entities: { e1: { status: 'proposed' } }, relations: [] }, mentions: ['fedpol:p1'] });
      const before = (await store.getDocument('review', 'r1'))!;
      await new Promise((r) => setTimeout(r, 5));
      const decisions = { entities: { e1: { status: 'confirmed', record: 'fedpol:p1' } }, relations: [{ status: 'rejected' }] };
      expect(await store.putDocumentFields('review', 'r1', decisions)).toBe(true);
      const after = (await store.getDocument('review', 'r1'))!;
      // the body as the whole of it written again would read, its members in the order they had
      expect(JSON.stringify(after.body)).toBe(JSON.stringify({ ...before.body as object, ...decisions }));
      expect(after).toMatchObject({ owner: 'fedpol', subject: 'fedpol:r1', createdAt: before.createdAt });
      expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
      expect(await store.documentsMentioning('review', 'fedpol:p1')).toEqual(['r1']);
      // a new member goes last, one given undefined is taken out
      expect(await store.putDocumentFields('review', 'r1', { relations: undefined, added: 1 })).toBe(true);
      expect(Object.keys((await store.getDocument('review', 'r1'))!.body as object)).toEqual(['report', 'extraction', 'entities', 'added']);
      // in a transaction, with the rest of it or none
      await expect(store.transaction(async (tx) => {
        await tx.putDocumentFields('review', 'r1', { added: 2 });
        expect(((await tx.getDocument('review', 'r1'))!.body as { added: number }).added).toBe(2);
        throw new Error('undone');
      })).rejects.toThrow('undone');
      expect(((await store.getDocument('review', 'r1'))!.body as { added: number }).added).toBe(1);
      // none is made
      expect(await store.putDocumentFields('review', 'absent', decisions)).toBe(false);
      expect(await store.getDocument('review', 'absent')).toBeUndefined();
    }));

    it('gives a document another version at every write of any kind, never one it held, and reads it without the body', () => withStore(async (store) => {
      const held = new Map<string, number[]>();
      /** The version read alone, which getDocument reads too; another than every one the document held before. */
      const changed = async (kind: string, id: string): Promise<number> => {
        const version = await store.getDocumentVersion(kind, id);
        expect(version).toBe((await store.getDocument(kind, id))?.version);
        const before = held.get(`${kind}/${id}`) ?? [];
        expect(before).not.toContain(version);
        held.set(`${kind}/${id}`, [...before, version!]);
        return version!;
      };
      expect(await store.getDocumentVersion('review', 'r1')).toBeUndefined();
      await store.putDocument({ kind: 'review', id: 'r1', owner: 'fedpol', body: { n: 1 } });
      await changed('review', 'r1');
      // the same body put again is a write too
      await store.putDocument({ kind: 'review', id: 'r1', owner: 'fedpol', body: { n: 1 } });
      await changed('review', 'r1');
      await store.putDocument({ kind: 'review', id: 'r1', owner: 'fedpol', body: { n: 2 }, mentions: ['fedpol:p1'] });
      await changed('review', 'r1');
      expect(await store.putDocumentFields('review', 'r1', { n: 3 })).toBe(true);
      await changed('review', 'r1');
      await store.putDocuments([{ kind: 'review', id: 'r1', owner: 'fedpol', body: { n: 4 } }, { kind: 'review', id: 'r2', owner: 'fedpol', body: { n: 1 } }]);
      await changed('review', 'r1');
      await store.appendAudit({ after: null, entries: [{ seq: 1, hash: 'h1', prevHash: '', body: '{}' }], documents: [{ kind: 'review', id: 'r1', owner: 'fedpol', body: { n: 5 } }] });
      await changed('review', 'r1');
      await store.appendAuditOnHead((head) => ({ after: head, entries: [{ seq: 2, hash: 'h2', prevHash: 'h1', body: '{}' }], documents: [{ kind: 'review', id: 'r1', owner: 'fedpol', body: { n: 6 } }] }));
      await changed('review', 'r1');
      await store.transaction(async (tx) => tx.putDocument({ kind: 'review', id: 'r1', owner: 'fedpol', body: { n: 7 } }));
      await changed('review', 'r1');
      expect(await store.createDocument({ kind: 'claim', id: 'c1', owner: 'fedpol', body: { by: 'a' } })).toBe(true);
      const claimed = await changed('claim', 'c1');
      expect(await store.renewDocumentIf('claim', 'c1', { by: 'a' })).toBe(true);
      await changed('claim', 'c1');
      // deleted and made again, it does not come back to a version it had
      expect(await store.deleteDocument('review', 'r1')).toBe(true);
      expect(await store.getDocumentVersion('review', 'r1')).toBeUndefined();
      await store.putDocument({ kind: 'review', id: 'r1', owner: 'fedpol', body: { n: 1 } });
      await changed('review', 'r1');
      // what writes nothing, or is undone, leaves it as it was
      const renewed = held.get('claim/c1')!.at(-1)!;
      expect(await store.createDocument({ kind: 'claim', id: 'c1', owner: 'fedpol', body: { by: 'b' } })).toBe(false);
      expect(await store.renewDocumentIf('claim', 'c1', { by: 'b' })).toBe(false);
      expect(await store.getDocumentVersion('claim', 'c1')).toBe(renewed);
      expect(renewed).not.toBe(claimed);
      const kept = held.get('review/r1')!.at(-1)!;
      await expect(store.transaction(async (tx) => {
        await tx.putDocumentFields('review', 'r1', { n: 2 });
        expect(await tx.getDocumentVersion('review', 'r1')).not.toBe(kept);
        throw new Error('undone');
      })).rejects.toThrow('undone');
      expect(await store.getDocumentVersion('review', 'r1')).toBe(kept);
      // as read in lists
      expect((await store.getDocuments('review', ['r1']))[0]?.version).toBe(kept);
      expect((await store.listDocuments('review', { owner: 'fedpol', limit: 10 })).find((d) => d.id === 'r1')?.version).toBe(kept);
    }));

    it('gives a document written by another node a version other than the one read', async () => {
      const [a, b] = await harness.openNodes(steppingClock());
      try {
        await a.putDocument({ kind: 'review', id: 'r1', owner: 'fedpol', body: { n: 1 } });
        const read = await a.getDocumentVersion('review', 'r1');
        expect(await b.getDocumentVersion('review', 'r1')).toBe(read);
        expect(await b.putDocumentFields('review', 'r1', { n: 2 })).toBe(true);
        const written = await a.getDocumentVersion('review', 'r1');
        expect(written).not.toBe(read);
        await a.putDocument({ kind: 'review', id: 'r1', owner: 'fedpol', body: { n: 3 } });
        expect([read, written]).not.toContain(await b.getDocumentVersion('review', 'r1'));
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('writes many documents at once, all or none, keeping creation times on replace', () => withStore(async (store) => {
      await store.putDocument({ kind: 'check', id: 'k1', owner: 'zone-north', body: { n: 1 } });
      const created = (await store.getDocument('check', 'k1'))?.createdAt;
      await new Promise((r) => setTimeout(r, 5));
      const many = Array.from({ length: 250 }, (_, i) => ({ kind: 'check', id: `k${i + 1}`, owner: 'zone-north', subject: `fedpol:p${i % 7}`, body: { n: i + 1 } }));
      await store.putDocuments([...many, { kind: 'check', id: 'k2', owner: 'zone-north', body: { n: 'last wins' } }]);
      expect((await store.listDocuments('check', { owner: 'zone-north', limit: 1000 })).length).toBe(250);
      expect(await store.getDocument('check', 'k1')).toMatchObject({ createdAt: created, subject: 'fedpol:p0', body: { n: 1 } });
      expect((await store.getDocument('check', 'k2'))?.body).toEqual({ n: 'last wins' });
      expect((await store.listDocuments('check', { subject: 'fedpol:p3', limit: 1000 })).length).toBe(36);
      // A body that cannot be stored fails the whole batch: nothing of it is written.
      const circular: Record<string, unknown> = {};
      circular['self'] = circular;
      await expect(store.putDocuments([{ kind: 'check', id: 'new1', owner: 'x', body: {} }, { kind: 'check', id: 'new2', owner: 'x', body: circular }])).rejects.toThrow();
      expect(await store.getDocument('check', 'new1')).toBeUndefined();
      await store.putDocuments([]);
    }));

    it('delivers bus messages to the listeners of their channel only, until they stop listening', () => withStore(async (store) => {
      const got: string[] = [];
      const stopA = await store.bus.listen('alpha', (m) => got.push(`a:${m}`));
      await store.bus.listen('beta', (m) => got.push(`b:${m}`));
      await store.bus.send('alpha', 'one');
      await store.bus.send('beta', 'two');
      await expect.poll(() => got.length, { timeout: 5_000 }).toBe(2);
      expect(got.sort()).toEqual(['a:one', 'b:two']);
      await stopA();
      await store.bus.send('alpha', 'three');
      await store.bus.send('beta', 'four');
      await expect.poll(() => got.length, { timeout: 5_000 }).toBe(3);
      expect(got).toContain('b:four');
      expect(got).not.toContain('a:three');
    }));

    it('appends and reads the audit chain and its checkpoints, compare-and-append', () => withStore(async (store) => {
      expect(await store.auditHead()).toBeNull();
      const entries = [1, 2, 3, 4].map((seq) => ({ seq, hash: `h${seq}`, prevHash: `h${seq - 1}`, body: `{"seq":${seq},"action":"consultation"}` }));
      await store.appendAudit({ after: null, entries: entries.slice(0, 2) });
      await store.appendAudit({ after: { seq: 2, hash: 'h2' }, entries: entries.slice(2, 3), checkpoints: [{ seq: 3, hash: 'h3', body: '{"sig":"abc"}' }] });
      expect(await store.auditHead()).toEqual({ seq: 3, hash: 'h3' });
      expect(await store.readAudit({ fromSeq: 2, limit: 10 })).toEqual(entries.slice(1, 3));
      expect(await store.readAudit({ fromSeq: 1, toSeq: 2, limit: 10 })).toEqual(entries.slice(0, 2));
      expect(await store.readAudit({ fromSeq: 1, limit: 1 })).toEqual(entries.slice(0, 1));
      // newest first, down from toSeq (or the head) to fromSeq
      expect(await store.readAudit({ fromSeq: 1, limit: 2, newestFirst: true })).toEqual([entries[2], entries[1]]);
      expect(await store.readAudit({ fromSeq: 2, toSeq: 2, limit: 10, newestFirst: true })).toEqual([entries[1]]);

      const conflict = { code: 'MOSAIC_CONFLICT' };
      // Stale head, gap, broken link, checkpoint outside the batch: refused whole.
      await expect(store.appendAudit({ after: { seq: 2, hash: 'h2' }, entries: entries.slice(3) })).rejects.toMatchObject(conflict);
      await expect(store.appendAudit({ after: { seq: 3, hash: 'h3' }, entries: [{ ...entries[3]!, seq: 5 }] })).rejects.toMatchObject(conflict);
      await expect(store.appendAudit({ after: { seq: 3, hash: 'h3' }, entries: [{ ...entries[3]!, prevHash: 'hx' }] })).rejects.toMatchObject(conflict);
      await expect(store.appendAudit({ after: { seq: 3, hash: 'h3' }, entries: entries.slice(3), checkpoints: [{ seq: 2, hash: 'h2', body: '{}' }] })).rejects.toMatchObject(conflict);
      expect(await store.auditHead()).toEqual({ seq: 3, hash: 'h3' });

      await store.appendCheckpoint({ seq: 2, hash: 'h2', body: '{"sig":"def"}' });
      await store.appendCheckpoint({ seq: 2, hash: 'h2', body: '{"sig":"def"}' });
      await expect(store.appendCheckpoint({ seq: 9, hash: 'h9', body: '{}' })).rejects.toMatchObject(conflict);
      await expect(store.appendCheckpoint({ seq: 1, hash: 'h2', body: '{}' })).rejects.toMatchObject(conflict);
      expect(await store.readCheckpoints()).toEqual([{ seq: 2, hash: 'h2', body: '{"sig":"def"}' }, { seq: 3, hash: 'h3', body: '{"sig":"abc"}' }]);
    }));

    it('records audit cuts with a batch and deletes audit entries through the recorded cut only, oldest first', () => withStore(async (store) => {
      const entry = (seq: number) => ({ seq, hash: `h${seq}`, prevHash: `h${seq - 1}`, body: `{"seq":${seq}}` });
      const conflict = { code: 'MOSAIC_CONFLICT' };
      await store.appendAudit({ after: null, entries: [1, 2, 3, 4, 5, 6].map(entry), checkpoints: [{ seq: 2, hash: 'h2', body: '{"sig":"2"}' }, { seq: 5, hash: 'h5', body: '{"sig":"5"}' }] });
      expect(await store.readAuditCut()).toBeUndefined();
      // nothing is deleted without a recorded cut
      await expect(store.deleteAuditThrough(3, 10)).rejects.toMatchObject(conflict);
      // a cut must be over a stored entry with its hash, and not over the last entry
      await expect(store.appendAudit({ after: { seq: 6, hash: 'h6' }, entries: [entry(7)], cut: { seq: 4, hash: 'h3', body: '{}' } })).rejects.toMatchObject(conflict);
      await expect(store.appendAudit({ after: { seq: 6, hash: 'h6' }, entries: [entry(7)], cut: { seq: 7, hash: 'h7', body: '{}' } })).rejects.toMatchObject(conflict);
      expect(await store.auditHead()).toEqual({ seq: 6, hash: 'h6' });
      await store.appendAudit({ after: { seq: 6, hash: 'h6' }, entries: [entry(7)], cut: { seq: 4, hash: 'h4', body: '{"cut":4}' } });
      expect(await store.readAuditCut()).toEqual({ seq: 4, hash: 'h4', body: '{"cut":4}' });
      // a later cut must be beyond it
      await expect(store.appendAudit({ after: { seq: 7, hash: 'h7' }, entries: [entry(8)], cut: { seq: 3, hash: 'h3', body: '{}' } })).rejects.toMatchObject(conflict);
      await expect(store.deleteAuditThrough(5, 10)).rejects.toMatchObject(conflict);
      await expect(store.deleteAuditThrough(4, 0)).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT' });
      expect(await store.readAudit({ fromSeq: 1, limit: 1 })).toEqual([entry(1)]);

      expect(await store.deleteAuditThrough(4, 3)).toBe(3);
      expect((await store.readAudit({ fromSeq: 1, limit: 10 })).map((e) => e.seq)).toEqual([4, 5, 6, 7]);
      expect((await store.readCheckpoints()).map((c) => c.seq)).toEqual([5]);
      expect(await store.deleteAuditThrough(4, 3)).toBe(1);
      expect(await store.deleteAuditThrough(4, 3)).toBe(0);
      expect((await store.readAudit({ fromSeq: 1, limit: 10 })).map((e) => e.seq)).toEqual([5, 6, 7]);
      expect(await store.auditHead()).toEqual({ seq: 7, hash: 'h7' });
      await store.appendAuditOnHead((head) => ({ after: head, entries: [entry(8), entry(9)], cut: { seq: 8, hash: 'h8', body: '{"cut":8}' } }));
      expect(await store.readAuditCut()).toEqual({ seq: 8, hash: 'h8', body: '{"cut":8}' });
      expect(await store.deleteAuditThrough(8, 100)).toBe(4);
      expect(await store.readAudit({ fromSeq: 1, limit: 10 })).toEqual([entry(9)]);
      expect(await store.readCheckpoints()).toEqual([]);
    }));

    it('writes the documents that ride with an audit batch in its transaction: both or neither', () => withStore(async (store) => {
      const entry = (seq: number) => ({ seq, hash: `h${seq}`, prevHash: `h${seq - 1}`, body: `{"seq":${seq}}` });
      await store.appendAuditOnHead((head) => ({ after: head, entries: [entry(1)], documents: [{ kind: 'check', id: 'c1', owner: 'zone-north', body: { hits: 0 } }] }));
      expect(await store.auditHead()).toEqual({ seq: 1, hash: 'h1' });
      expect(await store.getDocument('check', 'c1')).toMatchObject({ owner: 'zone-north', body: { hits: 0 } });
      // Refused (it does not continue the head): neither its entries nor its documents.
      await expect(store.appendAuditOnHead(() => ({ after: null, entries: [entry(1)], documents: [{ kind: 'check', id: 'c2', owner: 'zone-north', body: {} }] })))
        .rejects.toMatchObject({ code: 'MOSAIC_CONFLICT' });
      // A document that cannot be stored takes the batch's entries with it.
      const circular: Record<string, unknown> = {};
      circular['self'] = circular;
      await expect(store.appendAuditOnHead((head) => ({ after: head, entries: [entry(2)], documents: [{ kind: 'check', id: 'c3', owner: 'x', body: circular }] }))).rejects.toThrow();
      expect(await store.getDocument('check', 'c2')).toBeUndefined();
      expect(await store.getDocument('check', 'c3')).toBeUndefined();
      expect(await store.auditHead()).toEqual({ seq: 1, hash: 'h1' });
    }));

    it('writes prepared records as putRecords writes the records they came from', () => withStore(async (store) => {
      const first = person('fedpol', 'pr1', 'Jonas Peeters', { birthDate: ['1991-05-06'] });
      expect(await store.putPreparedRecords([prepareRecord(first)], ACTOR)).toEqual([{ id: RecordId('fedpol:pr1'), status: 'created', version: 1 }]);
      expect((await store.getRecord(RecordId('fedpol:pr1')))?.record).toEqual(first);
      expect((await store.searchNames('Jonas Peeters', { limit: 5 })).map((hit) => hit.id)).toEqual([RecordId('fedpol:pr1')]);
      expect(await store.putRecords([first], ACTOR)).toEqual([{ id: RecordId('fedpol:pr1'), status: 'unchanged', version: 1 }]);
      const changed = person('fedpol', 'pr1', 'Jonas Peeters', { birthDate: ['1991-05-07'] });
      expect(await store.putPreparedRecords([prepareRecord(changed)], ACTOR)).toEqual([{ id: RecordId('fedpol:pr1'), status: 'updated', version: 2 }]);
      expect((await store.recordHistory(RecordId('fedpol:pr1'))).map((v) => v.record)).toEqual([first, changed]);
    }));

    it('commits the ingest checkpoint with the batch', () => withStore(async (store) => {
      expect(await store.getIngestCheckpoint('file-a')).toBeUndefined();
      const counts = { created: 2, updated: 0, unchanged: 0, rejected: 1 };
      await store.putRecords([person('fedpol', 'i1', 'Lena Vos'), person('fedpol', 'i2', 'Mats Goossens')], { ...ACTOR, checkpoint: { fingerprint: 'file-a', lastLine: 3, ...counts } });
      expect(await store.getIngestCheckpoint('file-a')).toMatchObject({ fingerprint: 'file-a', lastLine: 3, ...counts });
      await store.putIngestCheckpoint({ fingerprint: 'file-a', lastLine: 5, created: 2, updated: 0, unchanged: 2, rejected: 1 });
      expect((await store.getIngestCheckpoint('file-a'))?.lastLine).toBe(5);

      // A failing batch leaves the checkpoint where it was.
      const bad = record('fedpol', 'i4', { name: ['Nina Bakker'] }, '');
      await expect(store.putRecords([person('fedpol', 'i3', 'Olaf Dubois'), bad], { ...ACTOR, checkpoint: { fingerprint: 'file-a', lastLine: 7, created: 4, updated: 0, unchanged: 2, rejected: 1 } })).rejects.toThrow();
      expect((await store.getIngestCheckpoint('file-a'))?.lastLine).toBe(5);

      // A record the store refuses (another schema for a stored id) ends the committed lines before its own.
      const vehicle: EntityRecord = { ...person('fedpol', 'i1', 'Lena Vos'), schema: 'Vehicle', properties: { registrationNumber: ['1-ABC-123'] } };
      const statuses = await store.putRecords([person('fedpol', 'i5', 'Pia Wouters'), vehicle, person('fedpol', 'i6', 'Rik Smet')], {
        ...ACTOR, checkpoint: { fingerprint: 'file-a', lastLine: 12, recordLines: [8, 10, 12], created: 2, updated: 0, unchanged: 2, rejected: 1 },
      });
      expect(statuses.map((s) => s.status)).toEqual(['created', 'conflict', 'created']);
      expect((await store.getIngestCheckpoint('file-a'))?.lastLine).toBe(9);
    }));

    it('a batch failing mid-way leaves nothing half-written', () => withStore(async (store) => {
      await store.putRecords([person('fedpol', 'k1', 'Pieter Hermans')], ACTOR);
      const seq = await store.latestSeq();
      const batch = [
        person('fedpol', 'k1', 'Pieter Hermans-Leclercq'),
        person('fedpol', 'k2', 'Quentin Lambert'),
        record('fedpol', 'k3', { name: ['Rita Willems'] }, ''), // violates the non-empty schema check
        person('fedpol', 'k4', 'Sofie Jacobs'),
      ];
      await expect(store.putRecords(batch, ACTOR)).rejects.toThrow();
      expect(await store.countRecords()).toBe(1);
      expect((await store.getRecord(RecordId('fedpol:k1')))?.version).toBe(1);
      expect(await store.recordHistory(RecordId('fedpol:k1'))).toHaveLength(1);
      expect(await store.latestSeq()).toBe(seq);
      expect(await store.searchNames('Leclercq Lambert', { limit: 10 })).toEqual([]);
      expect((await store.searchNames('Hermans', { limit: 10 })).map((h) => h.id)).toEqual(['fedpol:k1']);
    }));

    it('rolls back everything done in a failed transaction', () => withStore(async (store) => {
      await expect(store.transaction(async (trx) => {
        await trx.putRecords([person('fedpol', 't1', 'Tom Lemmens')], ACTOR);
        await trx.putSetting('k', 'v');
        await trx.transaction((inner) => inner.putSetting('k2', 'v2'));
        throw new Error('abort');
      })).rejects.toThrow('abort');
      expect(await store.countRecords()).toBe(0);
      expect(await store.getSetting('k')).toBeUndefined();
      expect(await store.getSetting('k2')).toBeUndefined();
      expect(await store.latestSeq()).toBe(0);
      const done = await store.transaction(async (trx) => {
        await trx.putRecords([person('fedpol', 't2', 'Ursula Pauwels')], ACTOR);
        return trx.countRecords();
      });
      expect(done).toBe(1);
    }));

    it('serialises two nodes writing the same ids at once: each put gets the next version, none is lost', async () => {
      const [a, b] = await harness.openNodes(steppingClock());
      try {
        const puts: { readonly record: EntityRecord; readonly result: PutResult }[] = [];
        const putOn = async (node: Store, records: readonly EntityRecord[]): Promise<void> => {
          const results = await node.putRecords(records, ACTOR);
          results.forEach((result, i) => puts.push({ record: records[i]!, result }));
        };
        // one record per round: both nodes create it, both update it, both write the same content
        for (let round = 0; round < 10; round++) {
          const id = `race-${round}`;
          await Promise.all([putOn(a, [person('fedpol', id, `Lina Claes ${round}`)]), putOn(b, [person('fedpol', id, `Lina Claesen ${round}`)])]);
          await Promise.all([putOn(a, [person('fedpol', id, `Marc Wouters ${round}`)]), putOn(b, [person('fedpol', id, `Marc Wauters ${round}`)])]);
          const same = person('fedpol', id, `Nora Peeters ${round}`);
          await Promise.all([putOn(a, [same]), putOn(b, [same])]);
        }
        // batches of the same ids in opposite orders, as two uploads of one file's versions
        const batch = Array.from({ length: 300 }, (_, i) => `batch-${i}`);
        for (const surname of ['Maes', 'Mertens', 'Michiels']) {
          await Promise.all([
            putOn(a, batch.map((id) => person('fedpol', id, `Olivia ${surname} ${id}`))),
            putOn(b, batch.toReversed().map((id) => person('fedpol', id, `Pieter ${surname} ${id}`))),
          ]);
        }

        const byId = Map.groupBy(puts, (put) => put.result.id);
        let versions = 0;
        for (const [id, written] of byId) {
          expect(written.filter((put) => put.result.status === 'created'), id).toHaveLength(1);
          expect(written.filter((put) => !['created', 'updated', 'unchanged'].includes(put.result.status)), id).toEqual([]);
          const numbered = written.filter((put) => put.result.status !== 'unchanged').map((put) => put.result.version).sort((x, y) => x - y);
          expect(numbered, id).toEqual(numbered.map((_, i) => i + 1));
          const history = await a.recordHistory(id);
          expect(history.map((v) => v.version), id).toEqual(numbered);
          // what each put reports is what the history holds at its version
          for (const { record, result } of written) expect(history[result.version - 1]?.record, id).toEqual(record);
          versions += numbered.length;
        }
        expect(await b.changesSince(0, 10_000)).toHaveLength(versions);
        expect(await b.countRecords()).toBe(byId.size);

        // an erasure on one node while the other updates: two versions, in either order
        for (let round = 0; round < 10; round++) {
          const id = RecordId(`fedpol:gone-${round}`);
          await a.putRecords([person('fedpol', `gone-${round}`, 'Sven Aerts')], ACTOR);
          const [erased, [put]] = await Promise.all([
            a.deleteRecord(id, { actor: 'user:dpo', reason: 'review date passed' }),
            b.putRecords([person('fedpol', `gone-${round}`, 'Sven Aerts-Goossens')], ACTOR),
          ]);
          expect(erased.status).toBe('deleted');
          expect([erased.status === 'deleted' ? erased.version : 0, put?.version].sort()).toEqual([2, 3]);
          expect((await b.recordHistory(id)).map((v) => [v.version, v.op])).toEqual(put?.version === 3 ? [[1, 'put'], [2, 'delete'], [3, 'put']] : [[1, 'put'], [2, 'put'], [3, 'delete']]);
        }
      } finally {
        await b.close();
        await a.close();
      }
    });

    auditStorageContract(`${harness.dialect} store`, async () => createStoreAuditStorage(await harness.openKept()));
  });
}

describe.skipIf(!postgresAvailable)('audit chain across nodes (PostgreSQL)', () => {
  const schema = `mosaic_test_${randomBytes(6).toString('hex')}`;
  afterAll(() => dropTestSchemas([schema]));

  it('two nodes on one database append at once without conflicts and without forking the chain', async () => {
    const first = await openStore({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 4 });
    const second = await openStore({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 4 });
    try {
      const signer = loadAuditSigner(generateAuditKeyPair());
      // no retries: a conflict would fail the append
      const logs = [first, second].map((store) => createAuditLog({ storage: createStoreAuditStorage(store), signer, checkpointEvery: 7 }));
      const event = (user: string) => ({ actor: { user: UserId(user), agency: AgencyId('fedpol') }, action: 'consultation', outcome: 'ok' }) as const;
      await Promise.all(Array.from({ length: 40 }, (_, i) => logs[i % 2]!.appendAll([event('u1'), event('u2')])));
      expect(await verifyStoredChain(createStoreAuditStorage(second), signer.verifyKey)).toEqual({ ok: true, count: 80 });

      // both prune at once while they append: one cut, and the chain still verifies
      const before = new Date().toISOString();
      const [a, b] = await Promise.all([
        logs[0]!.prune({ before, actor: { user: UserId('dpo'), agency: AgencyId('fedpol') }, keys: signer.verifyKey, batchSize: 7 }),
        logs[1]!.prune({ before, actor: { user: UserId('dpo'), agency: AgencyId('fedpol') }, keys: signer.verifyKey, batchSize: 5 }),
        logs[1]!.appendAll([event('u3')]),
      ]);
      expect([a!.pruned, b!.pruned].sort((x, y) => x - y)).toEqual([0, 80]);
      expect(await verifyStoredChain(createStoreAuditStorage(first), signer.verifyKey)).toMatchObject({ ok: true, prunedThrough: 80 });
      expect((await first.readAudit({ fromSeq: 1, limit: 1 }))[0]?.seq).toBe(81);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
