/**
 * Erasing a record from the notes of the judgements on it (LED Art. 16). A judgement's note is
 * the analyst's free text on why two records are or are not one person, and is often about the
 * person: a judgement on a pair that holds an erased record kept it for as long as the judgement
 * was kept. The judgement itself stays (who decided, when, and what: the audit of a human
 * decision, and what keeps the two records apart or together); its note is replaced by
 * ERASED_NOTE, whatever it said, since what else it said may be about the same person. Run
 * within the erasure's transaction, beside the labels erased of it (erase-from-watch-labels.ts).
 *
 * The judgements are found by record (the documents store-resolution-store.ts lists each noted
 * judgement under, one per record), so an erasure reads its own and not every kept judgement. The
 * stored judgement is the one place a note is kept: the entities in memory and the outcomes kept
 * for the other nodes hold none (entity-projection.ts). A judgement written while one of its
 * records is being erased is stored without its note (store-resolution-store.ts notedOnErased).
 */
import type { Judgement } from '@mosaic/resolution';
import type { RecordId } from '@mosaic/model';
import type { Store } from '@mosaic/store';
import { JUDGEMENT_KIND, JUDGEMENT_RECORD_KIND } from './store-resolution-store.ts';

/** What the note of a judgement on an erased record reads afterwards. */
export const ERASED_NOTE = 'Note erased: it was written on an erased record';

/**
 * Within `store`'s transaction, as part of the erasure of `records`: each judgement on a pair
 * that holds one of them and has a note other than ERASED_NOTE has it replaced. Returns how many
 * judgements were rewritten.
 */
export async function eraseFromJudgementNotes(store: Store, records: readonly RecordId[]): Promise<number> {
  const judgements = new Set<string>();
  // the judgements of all `records` in one read (one each cost a step of ten records ten round trips)
  for (const link of await store.documentsAbout(JUDGEMENT_RECORD_KIND, records)) judgements.add((link.body as { judgement: string }).judgement);
  // and the judgements themselves in one, written in one
  const noted = (await store.getDocuments(JUDGEMENT_KIND, [...judgements])).filter((found) => {
    const { note } = found.body as Judgement;
    return note !== undefined && note !== ERASED_NOTE;
  });
  await store.putDocuments(noted.map((found) => ({ kind: found.kind, id: found.id, owner: found.owner, ...(found.subject === undefined ? {} : { subject: found.subject }), body: { ...(found.body as Judgement), note: ERASED_NOTE } })));
  return noted.length;
}
