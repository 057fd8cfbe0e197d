import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { AgencyId, RecordId } from '@mosaic/model';
import { openSqliteStore, SQLITE_FILE_NAME } from './open-sqlite-store.ts';
import { MIGRATIONS } from '../migrations/index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mosaic-sqlite-'));
  dirs.push(dir);
  return dir;
}

const provenance = {
  agency: AgencyId('fedpol'), source: 'fedpol/test', sourceRecordId: 'r1', reliability: 'C', credibility: 3,
  marking: { tlp: 'GREEN', classification: 'UNCLASSIFIED', releasability: [] }, handling: 'H0', category: 'witness', nature: 'fact',
  legalBasis: 'test', reviewDate: '2030-01-01',
} as const;

describe('openSqliteStore', () => {
  it('creates <dataDir>/mosaic.sqlite in WAL mode and keeps data across reopen', async () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const store = await openSqliteStore({ dataDir });
    await store.putRecords([{ id: RecordId('fedpol:r1'), schema: 'Person', properties: { name: ['Wim Peeters'] }, provenance }], { actor: 'test' });
    await store.close();
    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);

    const reopened = await openSqliteStore({ dataDir });
    expect((await reopened.getRecord(RecordId('fedpol:r1')))?.version).toBe(1);
    expect((await reopened.searchNames('peeters', { limit: 5 })).map((h) => h.id)).toEqual(['fedpol:r1']);
    await reopened.close();

    const raw = new DatabaseSync(join(dataDir, SQLITE_FILE_NAME));
    expect(raw.prepare('pragma journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(raw.prepare('select count(*) as n from kysely_migration').get()).toEqual({ n: Object.keys(MIGRATIONS).length });
    raw.close();
  });

  it('turns an unusable data dir into MOSAIC_STORE_UNAVAILABLE', async () => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    await expect(openSqliteStore({ dataDir: file })).rejects.toMatchObject({ code: 'MOSAIC_STORE_UNAVAILABLE' });
  });

  describe('background WAL checkpoints', () => {
    const writeBatches = async (store: Awaited<ReturnType<typeof openSqliteStore>>): Promise<void> => {
      for (let batch = 0; batch < 3; batch++) {
        const records = Array.from({ length: 100 }, (_, i) => ({
          id: RecordId(`fedpol:b${batch}-${i}`), schema: 'Person', properties: { name: [`Person ${batch} ${i}`], notes: ['x'.repeat(2000)] }, provenance: { ...provenance, sourceRecordId: `b${batch}-${i}` },
        }));
        await store.putRecords(records, { actor: 'test' });
      }
    };
    const databaseGrows = async (file: string, from: number): Promise<boolean> => {
      for (let i = 0; i < 40; i++) {
        if (statSync(file).size > from + 500_000) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    };

    it('a worker thread copies the WAL into the database while the writer goes on, and stops with the store', async () => {
      const dataDir = tempDir();
      const file = join(dataDir, SQLITE_FILE_NAME);
      const store = await openSqliteStore({ dataDir, backgroundCheckpoints: true });
      const before = statSync(file).size;
      await writeBatches(store);
      expect(await databaseGrows(file, before)).toBe(true);
      await store.close();
      const reopened = await openSqliteStore({ dataDir });
      expect((await reopened.getRecord(RecordId('fedpol:b2-99')))?.version).toBe(1);
      await reopened.close();
    });

    it('without it, the same writes (under 1,000 pages) stay in the WAL', async () => {
      const dataDir = tempDir();
      const file = join(dataDir, SQLITE_FILE_NAME);
      const store = await openSqliteStore({ dataDir });
      const before = statSync(file).size;
      await writeBatches(store);
      expect(statSync(file).size).toBeLessThan(before + 500_000);
      await store.close();
    });
  });
});
