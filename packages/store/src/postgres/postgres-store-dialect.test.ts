/**
 * The locks of a PostgreSQL store (the audit log's, the change feed's, the record ids' slots)
 * are its schema's: advisory locks belong to the whole database, so with fixed keys a
 * deployment waited on another in the same database (MOSAIC_DATABASE_SCHEMA) and two taking
 * them in opposite orders deadlocked. Nodes of one deployment still wait on each other. Needs
 * PostgreSQL (MOSAIC_TEST_DATABASE_URL): fails under CI without it, skipped elsewhere with a warning.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AgencyId, recordIdOf, type EntityRecord } from '@mosaic/model';
import { openStore } from '../open-store.ts';
import type { Store } from '../store.ts';
import { dropTestSchemas, postgresReachable, TEST_DATABASE_URL } from '../testing.ts';

const available = await postgresReachable('the locks of PostgreSQL stores in two schemas of one database');

const schemas: string[] = [];
const stores: Store[] = [];
async function open(schema: string): Promise<Store> {
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 3 });
  stores.push(store);
  return store;
}
function newSchema(): string {
  const schema = `mosaic_locks_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
}

afterAll(async () => {
  for (const store of stores) await store.close();
  if (available) await dropTestSchemas(schemas);
});

/** Long enough for a write that takes no lock held elsewhere; one that does waits until the holder's transaction ends. */
const WAIT_MS = 2_000;

/** 'done' when `write` finished within WAIT_MS, else 'waiting' (it goes on, and ends once the lock it waits on is let go). */
async function within(write: Promise<unknown>): Promise<'done' | 'waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const waiting = new Promise<'waiting'>((resolve) => { timer = setTimeout(() => resolve('waiting'), WAIT_MS); });
  try {
    return await Promise.race([write.then(() => 'done' as const), waiting]);
  } finally {
    clearTimeout(timer);
  }
}

/** Appends nothing, under the audit log's lock, as every append does. */
const appendNothing = (store: Store): Promise<void> => store.appendAuditOnHead((head) => ({ after: head, entries: [] }));

function person(sourceRecordId: string, name: string): EntityRecord {
  return {
    id: recordIdOf(AgencyId('fedpol'), sourceRecordId),
    schema: 'Person',
    properties: { name: [name] },
    provenance: {
      agency: AgencyId('fedpol'),
      source: 'fedpol/case-mgmt',
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

const ACTOR = { actor: 'test:locks' };

describe.runIf(available)('the locks of PostgreSQL stores in two schemas of one database', () => {
  it('let a deployment append to its audit log while another holds its own, and keep a second node of the holder waiting', async () => {
    const shared = newSchema();
    const holder = await open(shared);
    const sameDeployment = await open(shared);
    const other = await open(newSchema());
    let otherWrite: 'done' | 'waiting' | undefined;
    let sameWrite: Promise<void> | undefined;
    let sameWhileHeld: 'done' | 'waiting' | undefined;
    await holder.transaction(async (tx) => {
      await tx.lockAudit();
      otherWrite = await within(appendNothing(other));
      sameWrite = appendNothing(sameDeployment);
      sameWhileHeld = await within(sameWrite);
    });
    await sameWrite;
    expect(otherWrite).toBe('done');
    expect(sameWhileHeld).toBe('waiting');
  });

  it('let a deployment write a record while another holds the same id and its change feed', async () => {
    const holder = await open(newSchema());
    const other = await open(newSchema());
    let otherWrite: 'done' | 'waiting' | undefined;
    await holder.transaction(async (tx) => {
      await tx.putRecords([person('r1', 'Jonas Vermeulen')], ACTOR);
      otherWrite = await within(other.putRecords([person('r1', 'Jonas Vermeulen')], ACTOR));
    });
    expect(otherWrite).toBe('done');
  });

  it('do not deadlock two deployments taking the audit log\'s and the change feed\'s locks in opposite orders', async () => {
    const first = await open(newSchema());
    const second = await open(newSchema());
    let firstHolds!: () => void;
    let secondHolds!: () => void;
    const firstHolding = new Promise<void>((resolve) => { firstHolds = resolve; });
    const secondHolding = new Promise<void>((resolve) => { secondHolds = resolve; });
    const auditThenFeed = first.transaction(async (tx) => {
      await tx.lockAudit();
      firstHolds();
      await secondHolding;
      await tx.putRecords([person('a', 'Lioba Strand')], ACTOR);
    });
    const feedThenAudit = second.transaction(async (tx) => {
      await tx.putRecords([person('b', 'Eva Smet')], ACTOR);
      secondHolds();
      await firstHolding;
      await tx.lockAudit();
    });
    const outcomes = await Promise.allSettled([auditThenFeed, feedThenAudit]);
    expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : outcome.status))).toEqual(['fulfilled', 'fulfilled']);
  });
});
