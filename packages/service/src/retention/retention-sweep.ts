/**
 * The erasure sweep (LED Art. 5 and 16): every record past its review date is erased unless a
 * legal hold is in force on it. Erasure is the store's versioned delete (the record leaves every
 * read path and projection; the deletion is a version of its own) and each batch is one erasure
 * entry in the audit log. Run by `mosaic retention sweep` and periodically by `mosaic serve`.
 */
import { AgencyId, UserId, type RecordId } from '@mosaic/model';
import { erasable } from '@mosaic/policy';
import type { Mosaic } from '../runtime.ts';
import { activeHolds } from './legal-holds.ts';
import { scanLiveRecords } from './retention-review.ts';

export interface SweepSummary {
  readonly examined: number;
  readonly erased: number;
  /** Past their review date but kept by a legal hold. */
  readonly held: number;
}

export const SWEEP_ACTOR = 'system:retention';

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
      await mosaic.audit.append({ actor: { user: UserId(SWEEP_ACTOR), agency: AgencyId('system') }, action: 'erasure', purpose: 'retention', query: { sweep: today }, records: done, outcome: 'ok', reason: 'retention sweep' });
    }
    erased += done.length;
  }
  return { examined, erased, held };
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
