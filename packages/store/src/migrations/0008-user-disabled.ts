/**
 * A user can be disabled by an administrator: kept (their actions stay attributable in the audit
 * log) but unable to sign in. Null: active.
 */
import type { Kysely } from 'kysely';
import { timeType, type StoreMigration } from './store-migration.ts';

export const userDisabledMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('disabled_at', timeType(context)).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('users').dropColumn('disabled_at').execute();
  },
});
