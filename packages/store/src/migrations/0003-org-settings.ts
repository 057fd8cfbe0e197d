/** Organisation documents (agencies, desks, agreements: id + JSON) and key/value settings. */
import { sql, type Kysely } from 'kysely';
import { timeType, type StoreMigration } from './store-migration.ts';

export const orgSettingsMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('org_entries')
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('agency', 'desk', 'agreement')`))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('org_entries_pk', ['kind', 'id'])
      .execute();
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', timeType(context), (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('settings').execute();
    await db.schema.dropTable('org_entries').execute();
  },
});
