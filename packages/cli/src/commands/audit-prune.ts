/**
 * mosaic audit prune [--before DATE]: the entries made before DATE, or past the audit retention
 * period when no date is given, are verified and deleted behind a signed cut (service:
 * pruneAuditLog), as the command line's operator, logged with the reason (--purpose) and
 * reference (--case) given, both required; a bar shows both on a terminal. A date that is
 * not one or is to come, a date past the period's cut when one is set, or no date and no period,
 * is refused before anything is deleted.
 */
import { AppError, isAppError } from '@mosaic/model';
import { auditRetentionOf, openMosaic, pruneAuditLog, readPruneBefore, type AuditPruneSummary } from '@mosaic/service';
import { configOf, requirePurposeOptions } from '../args.ts';
import type { CommandIo } from '../command-io.ts';
import { OPERATOR } from '../operator.ts';
import { progressBar } from '../progress.ts';
import { existingStore } from '../existing-store.ts';
import type { AuditValues } from './audit.ts';

export async function prune(values: AuditValues, io: CommandIo): Promise<number> {
  const { before } = values;
  if (before !== undefined) {
    const read = readPruneBefore(before, new Date());
    if (!read.ok) throw new AppError('MOSAIC_INVALID_INPUT', `audit prune: --before ${JSON.stringify(before)}: ${read.reason}; nothing was deleted`);
  }
  const given = requirePurposeOptions('audit prune', values);
  const mosaic = await openMosaic(await existingStore('audit prune', configOf(values)));
  try {
    if (before === undefined && (await auditRetentionOf(mosaic)) === null) {
      throw new AppError('MOSAIC_INVALID_INPUT', 'audit prune: no audit retention period is set (mosaic audit retention --years N) and no --before DATE was given; nothing was deleted');
    }
    const bar = progressBar('audit prune');
    const started = performance.now();
    let summary: AuditPruneSummary;
    try {
      summary = await pruneAuditLog(mosaic, {
        ...(before === undefined ? {} : { before }), actor: { user: OPERATOR.id, agency: OPERATOR.agency }, ...given,
        onProgress: (done, total, stage) => bar.update(done, total, stage === 'verify' ? 'entries verified' : 'entries deleted'),
      }).catch((error: unknown) => {
        // the service names its field; the command line's name for it is the option
        if (!isAppError(error) || error.details?.['field'] !== 'before') throw error;
        throw new AppError('MOSAIC_INVALID_INPUT', `audit prune: ${before === undefined ? '' : `--before ${JSON.stringify(before)}: `}${String(error.details['reason'])}`);
      });
    } finally {
      bar.stop();
    }
    io.out(`${JSON.stringify({ ...summary, ms: Math.round(performance.now() - started) })}\n`);
    return 0;
  } finally {
    await mosaic.close();
  }
}
