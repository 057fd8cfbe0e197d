/**
 * Where the audit log was pruned: one row per prune, the signed cut through the last entry it
 * deleted (seq, hash; `body`, the signature and key id, is opaque here as a checkpoint's is).
 * The latest row is where verification starts.
 */
import type { Kysely } from 'kysely';
import { timeType, type StoreMigration } from './store-migration.ts';

export const auditCutsMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_cuts')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('at', timeType(context), (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('audit_cuts').execute();
  },
});
