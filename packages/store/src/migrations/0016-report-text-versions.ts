/**
 * A version kept with every report's text (Store.getReportTextVersion), so that a person's erasure
 * checking under the audit log's lock whether a report's text changed since its rewrite was worked
 * out (erase-from-reports.ts) reads a number, not a text of up to 10 MB. As documents' versions
 * (0015-document-versions.ts): a write of the text gives it a version it never held before, a
 * deletion between too; PostgreSQL hands them out from a sequence, sqlite adds one at each write
 * of a stored text and starts a new one past the highest version a deleted one held (kept in a
 * one-row table by a trigger).
 *
 * The column is added in place, last, not made again before the text as documents' was: on sqlite
 * a column after the text is read by following the text's overflow pages to it (1.6 ms a 10 MB
 * text from the page cache), so the version is read from an index on (id, version) instead, which
 * holds it (a covering index: the row is not read; 2 µs); the table made again would copy every
 * text, and would have to keep each rid, which the full-text index's rows are keyed by. The texts
 * are written rarely (an upload, an erasure's rewrite), so the index's upkeep costs little.
 * PostgreSQL keeps a large text apart from the row (TOAST), so reading the row's version does not
 * read the text.
 */
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

export const reportTextVersionsMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    if (context.dialect === 'postgres') {
      await sql`alter table report_texts add column version bigint not null default 0`.execute(db);
      await sql`create sequence report_text_versions`.execute(db);
      return;
    }
    await sql`alter table report_texts add column version integer not null default 0`.execute(db);
    await sql`create index report_texts_version on report_texts (id, version)`.execute(db);
    await sql`create table report_text_versions (n integer not null)`.execute(db);
    await sql`insert into report_text_versions (n) values (0)`.execute(db);
    await sql`create trigger report_texts_version_deleted after delete on report_texts
      begin update report_text_versions set n = old.version where n < old.version; end`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    const statements = context.dialect === 'postgres'
      ? ['drop sequence report_text_versions']
      : ['drop trigger report_texts_version_deleted', 'drop table report_text_versions', 'drop index report_texts_version'];
    for (const statement of [...statements, 'alter table report_texts drop column version']) await sql.raw(statement).execute(db);
  },
});
