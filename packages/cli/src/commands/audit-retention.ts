/**
 * mosaic audit retention: without options, the audit retention period (null: the whole log is
 * kept); with --years, --months, --days (and --end-of-year), sets it; with --keep-all, removes
 * it. Set through the admin API's putAuditRetention as the command line's operator: the same
 * checks and the same audit entry.
 */
import { AppError } from '@mosaic/model';
import { auditRetentionOf, openMosaic, putAuditRetention } from '@mosaic/service';
import { configOf } from '../args.ts';
import type { CommandIo } from '../command-io.ts';
import { OPERATOR } from '../operator.ts';
import { existingStore } from '../existing-store.ts';
import type { AuditValues } from './audit.ts';

export async function retention(values: AuditValues, io: CommandIo): Promise<number> {
  const period = { years: whole('--years', values.years), months: whole('--months', values.months), days: whole('--days', values.days) };
  const setting = Object.values(period).some((n) => n !== undefined) || values['end-of-year'] === true;
  if (setting && values['keep-all'] === true) throw new AppError('MOSAIC_INVALID_INPUT', 'audit retention: --keep-all removes the period; it takes no --years, --months, --days or --end-of-year');
  const mosaic = await openMosaic(existingStore('audit retention', configOf(values)));
  try {
    const request = { user: OPERATOR, purpose: 'mosaic audit retention', caseRef: 'cli' };
    const retention = values['keep-all'] === true ? await putAuditRetention(mosaic, request, null)
      : setting ? await putAuditRetention(mosaic, request, { ...period, endOfYear: values['end-of-year'] === true })
        : await auditRetentionOf(mosaic);
    io.out(`${JSON.stringify({ retention })}\n`);
    return 0;
  } finally {
    await mosaic.close();
  }
}

function whole(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < 0) throw new AppError('MOSAIC_INVALID_INPUT', `audit retention: ${option} takes a whole number from 0, not ${JSON.stringify(text)}`);
  return n;
}
