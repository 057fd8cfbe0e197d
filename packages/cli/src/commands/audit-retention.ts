/**
 * mosaic audit retention: without options, the audit retention period (null: the whole log is
 * kept); with --years, --months, --days (and --end-of-year), sets it; with --keep-all, removes
 * it. Set through the admin API's putAuditRetention as the command line's operator: the same
 * checks and the same audit entry, with the reason (--purpose) and change reference (--case)
 * given, required for a change; showing the period logs nothing and takes neither.
 */
import { AppError, isAppError } from '@mosaic/model';
import { auditRetentionOf, openMosaic, putAuditRetention } from '@mosaic/service';
import { configOf, requirePurposeOptions } from '../args.ts';
import type { CommandIo } from '../command-io.ts';
import { OPERATOR } from '../operator.ts';
import { existingStore } from '../existing-store.ts';
import type { AuditValues } from './audit.ts';

export async function retention(values: AuditValues, io: CommandIo): Promise<number> {
  const period = { years: whole('--years', values.years), months: whole('--months', values.months), days: whole('--days', values.days) };
  const setting = Object.values(period).some((n) => n !== undefined) || values['end-of-year'] === true;
  if (setting && values['keep-all'] === true) throw new AppError('MOSAIC_INVALID_INPUT', 'audit retention: --keep-all removes the period; it takes no --years, --months, --days or --end-of-year');
  const changing = setting || values['keep-all'] === true;
  const given = changing ? requirePurposeOptions('audit retention', values) : undefined;
  const mosaic = await openMosaic(await existingStore('audit retention', configOf(values)));
  try {
    const retention = given === undefined ? await auditRetentionOf(mosaic)
      : values['keep-all'] === true ? await putAuditRetention(mosaic, { user: OPERATOR, ...given }, null)
        : await putAuditRetention(mosaic, { user: OPERATOR, ...given }, { ...period, endOfYear: values['end-of-year'] === true }).catch((error: unknown) => {
          throw isAppError(error) && error.details?.['field'] === 'retention' ? refusedPeriod(String(error.details['reason'])) : error;
        });
    io.out(`${JSON.stringify({ retention })}\n`);
    return 0;
  } finally {
    await mosaic.close();
  }
}

/** The service's refusal of the period as a whole, said of the options that give it. */
function refusedPeriod(reason: string): AppError {
  return new AppError('MOSAIC_INVALID_INPUT', `audit retention: --years, --months and --days: ${reason === 'longer than 100 years' ? 'the period is longer than 100 years, the longest it may be' : reason}`);
}

function whole(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < 0) throw new AppError('MOSAIC_INVALID_INPUT', `audit retention: ${option} takes a whole number from 0, not ${JSON.stringify(text)}`);
  return n;
}
