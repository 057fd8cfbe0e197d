/**
 * A store whose records were written before record_links: migrating keeps what each live record
 * names (its entity properties), so an erasure finds the relationships and events naming a record
 * stored before as it finds those written after; an erased record names none. On sqlite and
 * PostgreSQL (MOSAIC_TEST_DATABASE_URL).
 */
import { AgencyId, RecordId, recordIdOf, type EntityRecord } from '@mosaic/model';
import { expect } from 'vitest';
import { describeMigration } from './migration.fixture.ts';
import type { Store } from '../store.ts';

const MIGRATION = '0014-record-links';

function record(id: string, schema: string, properties: EntityRecord['properties']): EntityRecord {
  return {
    id: recordIdOf(AgencyId('fedpol'), id), schema, properties,
    provenance: {
      agency: AgencyId('fedpol'), source: 'fedpol/case-mgmt', sourceRecordId: id, reliability: 'B', credibility: 2,
      marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['ALL'] }, handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'LED Art. 8', reviewDate: '2030-01-01',
    },
  };
}

/** Two persons, a relationship and a sighting of them, and an erased sighting. */
async function writeOld(store: Store): Promise<void> {
  await store.putRecords([
    record('p1', 'Person', { name: ['Jonas Vermeulen'] }), record('p2', 'Person', { name: ['Pieter Vermeulen'] }),
    record('a1', 'Associate', { person: ['fedpol:p1'], associate: ['fedpol:p2'] }),
    record('s1', 'Sighting', { person: ['fedpol:p2'], involved: ['fedpol:p1'] }),
    record('s2', 'Sighting', { person: ['fedpol:p1'] }),
  ], { actor: 'test' });
  await store.deleteRecords([RecordId('fedpol:s2')], { actor: 'test', reason: 'test' });
}

async function expectMigrated(store: Store): Promise<void> {
  const named = async (id: string): Promise<string[]> => (await store.recordsNaming([RecordId(id)])).map((stored) => stored.record.id);
  expect(await named('fedpol:p1')).toEqual(['fedpol:a1', 'fedpol:s1']);
  expect(await named('fedpol:p2')).toEqual(['fedpol:a1', 'fedpol:s1']);
  expect(await named('fedpol:a1')).toEqual([]);
}

await describeMigration(MIGRATION, { does: 'keeps what each live record stored before names', writeOld, expectMigrated });
