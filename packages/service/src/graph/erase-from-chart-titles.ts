/**
 * Erasing a record's names from the titles of the charts saved to a case (LED Art. 16). A chart
 * keeps node ids and layout only (graph-charts.ts), but its title is the analyst's own text and
 * is often the subject's name ("Moerbeeke and the harbour"): it named an erased person to every
 * reader of the case's charts for as long as the chart was kept. A title holding a name of a
 * record erased — a name part of any version, as a word of the folded title, as a watch's label
 * is read (erase-from-watch-labels.ts) — is replaced by a neutral one; the rest of the title is not
 * kept, since what else it says may be about the same person. The chart itself stays (its nodes
 * are asked of the network again, through the policy, each time it is opened). Run within the
 * erasure's transaction, beside the labels erased of it.
 */
import type { EntityRecord } from '@mosaic/model';
import type { Store } from '@mosaic/store';
import { labelNames, namePartsOf } from '../watch/erase-from-watch-labels.ts';
import { CHART_KIND } from './graph-charts.ts';

/** What a chart's title that named an erased record reads afterwards. */
export const ERASED_TITLE = 'Title erased: it named an erased record';

const ALL = 1_000_000;

/**
 * Within `store`'s transaction, as part of the erasure of `records` (every version of each, read
 * before it is erased): each chart whose title holds a name part of them is retitled
 * ERASED_TITLE. Returns how many charts were rewritten.
 */
export async function eraseFromChartTitles(store: Store, records: readonly EntityRecord[]): Promise<number> {
  const parts = namePartsOf(records);
  if (parts.size === 0) return 0;
  let rewritten = 0;
  for (const found of await store.listDocuments(CHART_KIND, { limit: ALL })) {
    const chart = found.body as { readonly title?: unknown };
    if (typeof chart.title !== 'string' || !labelNames(chart.title, parts)) continue;
    await store.putDocument({ kind: found.kind, id: found.id, owner: found.owner, ...(found.subject === undefined ? {} : { subject: found.subject }), body: { ...chart, title: ERASED_TITLE } });
    rewritten += 1;
  }
  return rewritten;
}
