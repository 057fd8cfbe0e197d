/**
 * A version kept with every document (StoredDocument.version), so that a check made under the
 * audit log's lock of whether a document changed since it was read (a report's review, tens of MB
 * of JSON) reads a number, not the document. A write gives the document a version it never held
 * before: one deleted and made again does not come back to a version it had. PostgreSQL hands
 * them out from a sequence. sqlite, which has none, keeps in a one-row table the highest version a
 * deleted document held (a trigger raises it as one is deleted): a document is made with the
 * version after it, and each write of a stored one adds one, so a document's versions rise
 * through its deletions. A counter bumped at every write (a statement of its own, or a trigger's)
 * wrote another page at every commit and cost an audited append with a check 5-15 % of its time;
 * deletions are rarer.
 *
 * On sqlite the table is made again with the version before the body: a column after a body of
 * megabytes is read by following the body's overflow pages to it. PostgreSQL keeps a large body
 * apart from the row (TOAST), so the column is added in place.
 */
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

export const documentVersionsMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    if (context.dialect === 'postgres') {
      await sql`alter table documents add column version bigint not null default 0`.execute(db);
      await sql`create sequence document_versions`.execute(db);
      return;
    }
    await sql`create table documents_versioned (
      kind text not null, id text not null, owner text not null, subject text, created_at text not null, updated_at text not null,
      version integer not null default 0, body text not null, constraint documents_pk primary key (kind, id))`.execute(db);
    await sql`insert into documents_versioned (kind, id, owner, subject, created_at, updated_at, body)
      select kind, id, owner, subject, created_at, updated_at, body from documents`.execute(db);
    await sql`drop table documents`.execute(db);
    await sql`alter table documents_versioned rename to documents`.execute(db);
    await db.schema.createIndex('documents_owner').on('documents').columns(['kind', 'owner', 'created_at']).execute();
    await db.schema.createIndex('documents_subject').on('documents').columns(['kind', 'subject']).execute();
    await sql`create table document_versions (n integer not null)`.execute(db);
    await sql`insert into document_versions (n) values (0)`.execute(db);
    await sql`create trigger documents_version_deleted after delete on documents
      begin update document_versions set n = old.version where n < old.version; end`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    if (context.dialect === 'postgres') await sql`drop sequence document_versions`.execute(db);
    else for (const statement of ['drop trigger documents_version_deleted', 'drop table document_versions']) await sql.raw(statement).execute(db);
    await sql`alter table documents drop column version`.execute(db);
  },
});
