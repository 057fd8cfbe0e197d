/**
 * Workflow documents: checks at checkpoints, notifications, subscriptions, saved charts,
 * resolution state. Low-volume objects that are not agencies' claims (those are records), kept
 * as JSON with the two keys they are listed by — the owning agency (or user) and the subject —
 * so adding a kind needs no migration.
 */
import type { Kysely } from 'kysely';
import { timeType, type StoreMigration } from './store-migration.ts';

export const documentsMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('documents')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('created_at', timeType(context), (c) => c.notNull())
      .addColumn('updated_at', timeType(context), (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('documents_pk', ['kind', 'id'])
      .execute();
    await db.schema.createIndex('documents_owner').on('documents').columns(['kind', 'owner', 'created_at']).execute();
    await db.schema.createIndex('documents_subject').on('documents').columns(['kind', 'subject']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('documents').execute();
  },
});
