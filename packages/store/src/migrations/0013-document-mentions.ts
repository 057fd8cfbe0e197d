/**
 * The records a document shows, kept beside it in a narrow table keyed by record
 * (DocumentInput.mentions), for an erasure to find the checks and notices that show a record.
 * They were documents of their own (`check-hit`, `notification-record`, whose subject was the
 * record): each cost a row and four index inserts, one of them on a random page of the subject
 * index, in every check's transaction. This moves those stored before into the table and deletes
 * them. On sqlite the table is its key alone (WITHOUT ROWID): one index insert a mention.
 */
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

/** The link documents of before, the kind of document each pointed at, and the body field naming it. */
const LINKS = [
  { link: 'check-hit', kind: 'check', field: 'check' },
  { link: 'notification-record', kind: 'notification', field: 'notification' },
] as const;

export const documentMentionsMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    const postgres = context.dialect === 'postgres';
    const table = db.schema
      .createTable('document_mentions')
      .addColumn('record', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('document_mentions_pk', ['record', 'kind', 'id']);
    await (postgres ? table : table.modifyEnd(sql`without rowid`)).execute();
    for (const { link, kind, field } of LINKS) {
      const target = postgres ? `(body::jsonb ->> '${field}')` : `json_extract(body, '$.${field}')`;
      await sql.raw(`insert ${postgres ? '' : 'or ignore '}into document_mentions (record, kind, id)
        select subject, '${kind}', ${target} from documents
        where kind = '${link}' and subject is not null and ${target} is not null${postgres ? ' on conflict do nothing' : ''}`).execute(db);
      await sql`delete from documents where kind = ${link}`.execute(db);
    }
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('document_mentions').execute();
  },
});
