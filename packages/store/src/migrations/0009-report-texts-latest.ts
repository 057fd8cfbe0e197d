/**
 * The latest reports first (a reports screen opens on them): an index on when each report's
 * text was written, with its id to break ties, in both dialects.
 */
import type { Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

export const reportTextsLatestMigration: StoreMigration = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('report_texts_updated_at').on('report_texts').columns(['updated_at', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('report_texts_updated_at').execute();
  },
});
