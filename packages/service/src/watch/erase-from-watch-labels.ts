/**
 * Erasing a record's names from the labels of watches and of the notices that carry them (LED
 * Art. 16). A label is the user's own text, and was often the subject's name (the web app's
 * profile once filled it with the profile's caption; the default one holds the record's id, which
 * may spell it): the watch, each notice it told (`label`, `labels`) and the notice that it ended
 * kept the name of an erased record for as long as they were kept. A label holding a name of a
 * record erased — one of the record's name parts, in any version, as a word of the folded label —
 * is replaced by a neutral one; the rest of the label is not kept, since what else the user wrote
 * beside the name may be about the same person. Run within the erasure's transaction, beside the
 * checks and notices erased of it (erase-from-checks.ts).
 *
 * The notices are those that show an erased record (the links notification-inbox.ts keeps), so an
 * erasure reads its own notices and not every kept one, under the audit log's lock the erasure
 * holds (reading 50,000 notices took 0.7–1.1 s): they are relabelled as erase-from-checks.ts reads
 * them to erase the record from them (noticeRelabelling, eraseFromNotifications' `relabel`), read
 * and written once for both. A label naming the record on a notice that shows nothing of it
 * (another record of the subject, an alert, a lost track) is not found: the web app no longer
 * writes names into labels.
 */
import { foldText, matchableNames } from '@mosaic/matching';
import type { EntityRecord } from '@mosaic/model';
import type { Store } from '@mosaic/store';
import type { StoredNotification } from '../screening/notification-inbox.ts';
import { SUBSCRIPTION_KIND, type Subscription } from './subscriptions.ts';

/** What a label that named an erased record reads afterwards. */
export const ERASED_LABEL = 'Label erased: it named an erased record';

const ALL = 1_000_000;

/** The folded words of every name `records` give (name, aliases, first and last names…). */
export function namePartsOf(records: readonly EntityRecord[]): ReadonlySet<string> {
  const parts = new Set<string>();
  for (const record of records) {
    const { strong, weak } = matchableNames(record);
    // a single letter (an initial) names no one, and is a word of many labels
    for (const name of [...strong, ...weak]) for (const word of foldText(name).split(' ')) if (word.length >= 2) parts.add(word);
  }
  return parts;
}

/**
 * Whether `label` holds one of `parts` as a word, compared folded ("PETROV" and "Petrov" alike);
 * folding drops an apostrophe inside a word, so a possessive ("Petrov's") is one word ending in s.
 */
export function labelNames(label: string, parts: ReadonlySet<string>): boolean {
  return foldText(label).split(' ').some((word) => parts.has(word) || (word.endsWith('s') && parts.has(word.slice(0, -1))));
}

/**
 * Within `store`'s transaction, as part of the erasure of `records` (every version of each, read
 * before it is erased): each watch whose label holds a name part of them is relabelled
 * ERASED_LABEL (the notices showing them are relabelled with the records' erasure from them:
 * noticeRelabelling). Returns how many watches were rewritten.
 */
export async function eraseFromWatchLabels(store: Store, records: readonly EntityRecord[]): Promise<number> {
  const parts = namePartsOf(records);
  if (parts.size === 0) return 0;
  let rewritten = 0;
  for (const found of await store.listDocuments(SUBSCRIPTION_KIND, { limit: ALL })) {
    const watch = found.body as Subscription;
    if (typeof watch.label !== 'string' || !labelNames(watch.label, parts)) continue;
    await store.putDocument({ kind: found.kind, id: found.id, owner: found.owner, ...(found.subject === undefined ? {} : { subject: found.subject }), body: { ...watch, label: ERASED_LABEL } });
    rewritten += 1;
  }
  return rewritten;
}

/**
 * A kept notice as it reads once the names of `records` (every version of each) are erased from
 * its labels: its `label`, and each of its `labels`, holding a name part of them reads
 * ERASED_LABEL. For the notices showing one of them (eraseFromNotifications' `relabel`).
 */
export function noticeRelabelling(records: readonly EntityRecord[]): (stored: StoredNotification) => StoredNotification {
  const parts = namePartsOf(records);
  const relabel = (label: unknown): unknown => (typeof label === 'string' && labelNames(label, parts) ? ERASED_LABEL : label);
  return (stored) => {
    if (parts.size === 0) return stored;
    const { body } = stored.notification;
    const label = relabel(body['label']);
    const labels = Array.isArray(body['labels']) ? body['labels'].map(relabel) : undefined;
    const changed = label !== body['label'] || (labels !== undefined && labels.some((l, i) => l !== (body['labels'] as unknown[])[i]));
    return changed ? { ...stored, notification: { ...stored.notification, body: { ...body, ...('label' in body ? { label } : {}), ...(labels === undefined ? {} : { labels }) } } } : stored;
  };
}
