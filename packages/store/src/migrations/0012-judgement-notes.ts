/**
 * The notes of resolution's judgements, found by record (LED Art. 16: the erasure of a record
 * replaces the notes written on it, erase-from-judgement-notes.ts in the service). Judgements are
 * stored by pair; a judgement with a note is now also listed under each of its two records (a
 * `judgement-record` document whose subject is the record, id `<record>|<judgement id>`), as
 * resolution writes them from now on: this lists those stored before. The outcomes kept for
 * other nodes (`entity-outcome`) no longer hold notes: those stored before lose theirs, which
 * nothing read (the stored judgement is the one place a note is kept).
 */
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

interface Noted { readonly note?: string }
interface OutcomeChange { readonly judgements?: readonly Noted[] }
interface Outcome { readonly judgement?: Noted; readonly undo?: OutcomeChange; readonly change?: OutcomeChange }

const bare = <T extends Noted>(j: T): T => {
  if (j.note === undefined) return j;
  const { note: _note, ...rest } = j;
  return rest as T;
};
const bareChange = (c: OutcomeChange | undefined): OutcomeChange | undefined => (c?.judgements === undefined ? c : { ...c, judgements: c.judgements.map(bare) });

export const judgementNotesMigration: StoreMigration = (context) => ({
  async up(db: Kysely<unknown>) {
    const postgres = context.dialect === 'postgres';
    for (const side of ['a', 'b']) {
      const record = postgres ? `(body::jsonb ->> '${side}')` : `json_extract(body, '$.${side}')`;
      const noted = postgres ? `(body::jsonb ->> 'note') is not null` : `json_extract(body, '$.note') is not null`;
      const link = postgres ? `json_build_object('judgement', id)::text` : `json_object('judgement', id)`;
      await sql.raw(`insert ${postgres ? '' : 'or ignore '}into documents (kind, id, owner, subject, created_at, updated_at, body)
        select 'judgement-record', ${record} || '|' || id, 'resolution', ${record}, created_at, updated_at, ${link}
        from documents where kind = 'judgement' and ${noted} and ${record} is not null${postgres ? ' on conflict do nothing' : ''}`).execute(db);
    }
    const outcomes = await sql<{ id: string; body: string }>`select id, body from documents where kind = 'entity-outcome' and body like ${'%"note"%'}`.execute(db);
    for (const row of outcomes.rows) {
      const outcome = JSON.parse(row.body) as Outcome;
      const judgement = outcome.judgement === undefined ? undefined : bare(outcome.judgement);
      const undo = bareChange(outcome.undo);
      const change = bareChange(outcome.change);
      const body = JSON.stringify({ ...outcome, ...(judgement ? { judgement } : {}), ...(undo ? { undo } : {}), ...(change ? { change } : {}) });
      if (body !== row.body) await sql`update documents set body = ${body} where kind = 'entity-outcome' and id = ${row.id}`.execute(db);
    }
  },
  async down(db: Kysely<unknown>) {
    await sql`delete from documents where kind = 'judgement-record'`.execute(db);
  },
});
