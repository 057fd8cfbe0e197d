/**
 * The audit chain and its signed checkpoints. The store keeps bodies byte for byte; hashing and
 * verification belong to @mosaic/audit. `seq` is the chain position given by the writer; the
 * store checks that a batch continues the head (compare-and-append) and the primary key backs it.
 */
import type { Kysely } from 'kysely';
import { timeType, type StoreMigration } from './store-migration.ts';

export const auditMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_entries')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_checkpoints')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('at', timeType(context), (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      // Several keys may sign the same position; the same checkpoint twice is one row.
      .addPrimaryKeyConstraint('audit_checkpoints_pk', ['seq', 'body'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('audit_checkpoints').execute();
    await db.schema.dropTable('audit_entries').execute();
  },
});
