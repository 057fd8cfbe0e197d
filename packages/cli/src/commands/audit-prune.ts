/**
 * mosaic audit prune [--before DATE]: the entries made before DATE, or past the audit retention
 * period when no date is given, are verified and deleted behind a signed cut (service:
 * pruneAuditLog), as the command line's operator, logged with the reason (--purpose) and
 * reference (--case) given, both required; a bar shows both on a terminal. A date that is
 * not one or is to come, a date past the period's cut when one is set, or no date and no period,
 * is refused before anything is deleted. Ctrl-C (or SIGTERM) stops it at its next safe point —
 * while verifying, before anything is written; while deleting, after the batch under way — with
 * the log verifying as left, says how far it got and exits 130 (143).
 */
import { AppError, isAppError } from '@mosaic/model';
import { auditRetentionOf, openMosaic, pruneAuditLog, readPruneBefore, type AuditPruneSummary } from '@mosaic/service';
import { configOf, requirePurposeOptions } from '../args.ts';
import type { CommandIo } from '../command-io.ts';
import { OPERATOR } from '../operator.ts';
import { progressBar } from '../progress.ts';
import { existingStore } from '../existing-store.ts';
import { stopOnSignal } from '../stop-on-signal.ts';
import type { AuditValues } from './audit.ts';

export async function prune(values: AuditValues, io: CommandIo): Promise<number> {
  const { before } = values;
  if (before !== undefined) {
    const read = readPruneBefore(before, new Date());
    if (!read.ok) throw new AppError('MOSAIC_INVALID_INPUT', `audit prune: --before ${JSON.stringify(before)}: ${read.reason}; nothing was deleted`);
  }
  const given = requirePurposeOptions('audit prune', values);
  const config = configOf(values);
  const bar = progressBar('audit prune');
  // listening before the store is opened, and until it is closed: the close seals the audit log
  const stop = stopOnSignal('mosaic audit prune: stopping once the step under way is done', (line) => bar.log(line));
  try {
    const mosaic = await openMosaic(await existingStore('audit prune', config));
    try {
      if (before === undefined && (await auditRetentionOf(mosaic)) === null) {
        throw new AppError('MOSAIC_INVALID_INPUT', 'audit prune: no audit retention period is set (mosaic audit retention --years N) and no --before DATE was given; nothing was deleted');
      }
      const started = performance.now();
      let toDelete = 0;
      const summary: AuditPruneSummary = await pruneAuditLog(mosaic, {
        ...(before === undefined ? {} : { before }), actor: { user: OPERATOR.id, agency: OPERATOR.agency }, ...given, signal: stop.signal,
        onProgress: (done, total, stage) => {
          if (stage === 'delete') toDelete = total;
          bar.update(done, total, stage === 'verify' ? 'entries verified' : 'entries deleted');
        },
      }).catch((error: unknown) => {
        // the service names its field; the command line's name for it is the option
        if (!isAppError(error) || error.details?.['field'] !== 'before') throw error;
        throw new AppError('MOSAIC_INVALID_INPUT', `audit prune: ${before === undefined ? '' : `--before ${JSON.stringify(before)}: `}${String(error.details['reason'])}`);
      });
      bar.stop();
      if (summary.stopped === true) {
        io.err(summary.pruned === 0 && summary.deleted === 0
          ? 'mosaic audit prune: stopped by signal before deleting any entry; nothing was pruned\n'
          : `mosaic audit prune: stopped by signal after deleting ${summary.deleted} of the ${toDelete} entries cut away; the log verifies as it is, and the next mosaic audit prune deletes the rest first\n`);
      }
      io.out(`${JSON.stringify({ ...summary, ms: Math.round(performance.now() - started) })}\n`);
      return summary.stopped === true ? (stop.exitCode ?? 130) : 0;
    } finally {
      await mosaic.close();
    }
  } finally {
    // also when the prune failed: a bar left drawing would keep the process from ending
    bar.stop();
    stop.release();
  }
}
