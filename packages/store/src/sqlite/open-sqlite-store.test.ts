import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
});
