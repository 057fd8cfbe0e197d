/**
 * A migration's test stands for a store made before it by beforeMigration (testing.ts), which
 * must know the tables of every migration since: one that makes a table and is not listed would
 * leave it in place, and the migration would fail to make it again in every earlier one's test.
 */
import { describe, expect, it } from 'vitest';
import { beforeMigration, TABLES_MADE } from '../testing.ts';
import { MIGRATIONS } from './index.ts';

describe('beforeMigration', () => {
  it('knows the tables of every migration since 0012', () => {
    for (const name of Object.keys(MIGRATIONS).filter((n) => n >= '0012')) expect(TABLES_MADE, name).toHaveProperty([name]);
  });

  it('deletes the bookkeeping of the migration and those after it, then drops their tables, latest first', () => {
    const statements = beforeMigration('0013-document-mentions', 's1');
    expect(statements[0]).toBe("delete from s1.kysely_migration where name >= '0013-document-mentions'");
    expect(statements).toContain('drop table s1.document_mentions');
    expect(statements.indexOf('drop table s1.record_links')).toBeGreaterThan(0);
    expect(statements.indexOf('drop table s1.record_links')).toBeLessThan(statements.indexOf('drop table s1.document_mentions'));
    expect(beforeMigration('0014-record-links')).not.toContain('drop table document_mentions');
    expect(beforeMigration('0013-document-mentions')).toContain('drop table document_mentions');
  });

  it('undoes what a migration made besides tables, as each database keeps it', () => {
    expect(beforeMigration('0013-document-mentions', 's1')).toEqual(expect.arrayContaining(['drop sequence s1.document_versions', 'alter table s1.documents drop column version']));
    expect(beforeMigration('0015-document-versions')).toEqual(expect.arrayContaining(['drop table document_versions', 'alter table documents drop column version']));
    expect(beforeMigration('0015-document-versions')).not.toContain('drop table record_links');
    expect(beforeMigration('0016-report-text-versions', 's1')).toEqual(expect.arrayContaining(['drop sequence s1.report_text_versions', 'alter table s1.report_texts drop column version']));
    expect(beforeMigration('0016-report-text-versions')).toEqual(['delete from kysely_migration where name >= \'0016-report-text-versions\'', 'drop trigger report_texts_version_deleted', 'drop table report_text_versions', 'drop index report_texts_version', 'alter table report_texts drop column version']);
    expect(beforeMigration('0016-report-text-versions')).not.toContain('alter table documents drop column version');
  });
});
