/** Ingest resumability: per input file, the last committed line and running counts. */
import type { Kysely } from 'kysely';
import { timeType, type StoreMigration } from './store-migration.ts';

export const ingestBatchesMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('ingest_batches')
      .addColumn('fingerprint', 'text', (c) => c.primaryKey())
      .addColumn('last_line', 'integer', (c) => c.notNull())
      .addColumn('created', 'integer', (c) => c.notNull())
      .addColumn('updated', 'integer', (c) => c.notNull())
      .addColumn('unchanged', 'integer', (c) => c.notNull())
      .addColumn('rejected', 'integer', (c) => c.notNull())
      .addColumn('updated_at', timeType(context), (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('ingest_batches').execute();
  },
});
