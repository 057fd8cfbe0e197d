/**
 * The erasure sweep (LED Art. 5 and 16): every record past its review date is erased unless a
 * legal hold is in force on it. Erasure is the store's versioned delete (the record leaves every
 * read path and projection; the deletion is a version of its own) and each batch is one erasure
 * entry in the audit log. Checkpoint checks older than their agency's `checks` period are erased
 * too, with the decisions on their hits. Run by `mosaic retention sweep` and periodically by
 * `mosaic serve`.
 */
import type { AuditEvent } from '@mosaic/audit';
import { AgencyId, UserId, type RecordId } from '@mosaic/model';
import { addPeriod, erasable } from '@mosaic/policy';
import type { Mosaic } from '../runtime.ts';
import { HIT_DECISION_KIND } from '../screening/decide-hit.ts';
import { CHECK_KIND, type CheckRecord } from '../screening/screen-check.ts';
import { activeHolds } from './legal-holds.ts';
import { scanLiveRecords } from './retention-review.ts';
import { retentionRulesOf } from './retention-rules.ts';

export interface SweepSummary {
  readonly examined: number;
  readonly erased: number;
  /** Past their review date but kept by a legal hold. */
  readonly held: number;
  /** Checkpoint checks past their agency's period, erased with the decisions on their hits. */
  readonly checksErased: number;
}

export const SWEEP_ACTOR = 'system:retention';

function sweepEntry(today: string, fields: Pick<AuditEvent, 'query' | 'records' | 'reason'>): AuditEvent {
  return { actor: { user: UserId(SWEEP_ACTOR), agency: AgencyId('system') }, action: 'erasure', purpose: 'retention', outcome: 'ok', ...fields, query: { sweep: today, ...(fields.query as object | undefined) } };
}

export async function sweepRetention(mosaic: Mosaic, { batchSize = 500 }: { readonly batchSize?: number } = {}): Promise<SweepSummary> {
  const today = mosaic.now().toISOString().slice(0, 10);
  const holds = await activeHolds(mosaic.store);
  const due: RecordId[] = [];
  let examined = 0;
  let held = 0;
  for await (const stored of scanLiveRecords(mosaic)) {
    examined += 1;
    const verdict = erasable(stored.record, today, holds);
    if (verdict.erasable) due.push(stored.record.id);
    else if (verdict.reason === 'legal hold') held += 1;
  }
  let erased = 0;
  for (let i = 0; i < due.length; i += batchSize) {
    const batch = due.slice(i, i + batchSize);
    const done: RecordId[] = [];
    for (const id of batch) {
      const result = await mosaic.store.deleteRecord(id, { actor: SWEEP_ACTOR, reason: 'retention: review date passed' });
      if (result.status === 'deleted') done.push(id);
    }
    if (done.length > 0) {
      await mosaic.audit.append(sweepEntry(today, { records: done, reason: 'retention sweep' }));
    }
    erased += done.length;
  }
  return { examined, erased, held, checksErased: await sweepChecks(mosaic, today, batchSize) };
}

/**
 * Erases each agency's checks older than its `checks` period, oldest first, a page at a
 * time (each page one audit entry naming the checks by id), with the decision claims of their
 * hits. Pages are read oldest first, so the first check still in its period ends the agency.
 */
async function sweepChecks(mosaic: Mosaic, today: string, pageSize: number): Promise<number> {
  const { org } = await mosaic.org();
  let erased = 0;
  for (const agency of org.agencies) {
    const { checks: period } = await retentionRulesOf(mosaic, agency.id);
    for (;;) {
      const page = await mosaic.store.listDocuments(CHECK_KIND, { owner: agency.id, limit: pageSize, oldestFirst: true });
      // like a record's review date: a check made on day D is erased from D + period on
      const due = page.filter((doc) => addPeriod((doc.body as CheckRecord).at.slice(0, 10), period) <= today);
      for (const doc of due) {
        for (const hit of (doc.body as CheckRecord).hits) await mosaic.store.deleteDocument(HIT_DECISION_KIND, `${doc.id}/${hit.n}`);
        await mosaic.store.deleteDocument(CHECK_KIND, doc.id);
      }
      if (due.length > 0) await mosaic.audit.append(sweepEntry(today, { query: { checks: due.map((doc) => doc.id) }, records: [], reason: 'retention sweep: checks' }));
      erased += due.length;
      if (due.length < page.length || page.length < pageSize) break;
    }
  }
  return erased;
}

/** Sweeps now and then every `intervalMs` until stopped; a failed sweep is reported and retried next time. */
export function scheduleRetentionSweep(mosaic: Mosaic, { intervalMs = 6 * 3_600_000, onSweep, onError }: { readonly intervalMs?: number; readonly onSweep?: (summary: SweepSummary) => void; readonly onError?: (error: unknown) => void } = {}): { stop(): void } {
  let running = false;
  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      onSweep?.(await sweepRetention(mosaic));
    } catch (error) {
      onError?.(error);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
