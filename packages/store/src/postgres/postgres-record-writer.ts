/**
 * How a PostgreSQL store writes records: as the Kysely writer does, but a transaction first takes
 * the locks of the ids it is about to read. Several nodes write at once here, and a plan made
 * from rows another transaction is replacing archives a stale version (a duplicate key) or, for
 * two creates, overwrites the first with a second "version 1" (a lost write reported as created).
 * Row locks (SELECT … FOR UPDATE) cannot hold an id that has no row yet, so the lock is an
 * advisory one on the id's slot, held until the transaction ends, in the store schema's space
 * (LOCK_SPACE, postgres-store-dialect.ts) so another deployment in the database writing the same
 * id does not wait.
 *
 * Slots, not ids: PostgreSQL keeps every lock in one shared table of max_locks_per_transaction ×
 * max_connections entries (6,400 by default), and three ingest batches of 5,000 ids, one lock
 * per id, already exhaust it ("out of shared memory"). A batch holds at most RECORD_LOCK_SLOTS
 * locks; ids sharing a slot merely wait for each other. Slots are taken in ascending order, so
 * two batches never deadlock, and a batch waiting for a slot holds none above it.
 *
 * The audit log's lock comes before the slots. Every transaction writing records appends their
 * entry, which takes that lock; an alert's write, an erasure and the retention sweep take it
 * first (Store.lockAudit), before the ids they then write. Taken after the slots, a batch holding
 * a slot and waiting for the log's lock, and an erasure holding the log's lock and waiting for that
 * slot, deadlocked, and PostgreSQL failed one of them (an ingest on one node while an alert was
 * issued or a record erased on another). One order for all: the log's lock, the slots, then the
 * change feed's lock (appendChanges).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { createKyselyRecordWriter, type RecordWriter } from '../record-writer.ts';
import { LOCK_SPACE, postgresStoreDialect } from './postgres-store-dialect.ts';

/** A slot's lock is (LOCK_SPACE, slot): the store schema's, below the serial logs' second keys. */
const RECORD_LOCK_SLOTS = 1024;

/** FNV-1a over the id's UTF-16 code units, into a slot. */
function slotOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % RECORD_LOCK_SLOTS;
}

/** Holds the ids against every other writer until the transaction ends. */
async function lockRecordIds(trx: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const slots = [...new Set(ids.map(slotOf))].sort((a, b) => a - b);
  await sql`select pg_advisory_xact_lock(${LOCK_SPACE}, slot) from unnest(${slots}::int4[]) with ordinality as s(slot, n) order by n`.execute(trx);
}

export function createPostgresRecordWriter(): RecordWriter {
  const writer = createKyselyRecordWriter(postgresStoreDialect);
  return {
    async load(trx, ids) {
      await postgresStoreDialect.lock(trx, 'audit');
      await lockRecordIds(trx, ids);
      return writer.load(trx, ids);
    },
    write: (trx, plan) => writer.write(trx, plan),
  };
}
