/**
 * The audit log's retention period: one setting for the deployment (the store's
 * `audit.retention`), since the log is one chain across agencies. The system administrator sets
 * it through the admin API or `mosaic audit retention`, and the change is audited. None by
 * default: the whole log is kept until the operator sets the period national law gives (LED
 * Art. 25(2); e.g. BDSG §76(4): `{ years: 1, endOfYear: true }`). Pruning is audit-prune.ts.
 */
import type { JsonValue } from '@mosaic/audit';
import { AppError } from '@mosaic/model';
import { periodLongerThan, type AuditRetention } from '@mosaic/policy';
import { auditAdminIn, authoriseAdmin, invalid, isSysadmin, type AdminRequest } from './admin/admin-gate.ts';
import type { Consultation } from './organisation.ts';
import type { Mosaic } from './runtime.ts';

export const AUDIT_RETENTION_SETTING = 'audit.retention';

/** A period as asked for: every unit optional. */
export interface AuditRetentionInput {
  readonly years?: number | undefined;
  readonly months?: number | undefined;
  readonly days?: number | undefined;
  readonly endOfYear?: boolean | undefined;
}

/** The configured period, every unit present; null: the whole log is kept. */
export async function auditRetentionOf(mosaic: Mosaic): Promise<Required<AuditRetention> | null> {
  const value = await mosaic.store.getSetting(AUDIT_RETENTION_SETTING);
  return value === undefined ? null : (JSON.parse(value) as Required<AuditRetention> | null);
}

/** The period, for the system administrator and auditors. */
export async function readAuditRetention(mosaic: Mosaic, request: Consultation): Promise<Required<AuditRetention> | null> {
  if (!isSysadmin(request) && !request.user.roles.includes('auditor')) throw new AppError('MOSAIC_FORBIDDEN', 'only a system administrator or an auditor may see the audit retention period');
  return auditRetentionOf(mosaic);
}

/**
 * Sets the period (system administrator); null keeps the whole log from now on. The setting and
 * its audit entry are written in one transaction under the audit log's lock: written apart, a
 * failure of the entry left a period in force, deciding what the next prune deletes, that no
 * entry accounted for.
 */
export async function putAuditRetention(mosaic: Mosaic, request: AdminRequest, input: AuditRetentionInput | null): Promise<Required<AuditRetention> | null> {
  await authoriseAdmin(mosaic, request, { kind: 'platform' });
  const retention = input === null ? null : checkAuditRetention(input);
  await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    await tx.putSetting(AUDIT_RETENTION_SETTING, JSON.stringify(retention));
    await auditAdminIn(mosaic, tx, request, { auditRetention: retention as JsonValue }, { reason: retention === null ? 'audit retention removed: the whole log is kept' : 'audit retention set' });
  });
  return retention;
}

function checkAuditRetention({ years = 0, months = 0, days = 0, endOfYear = false }: AuditRetentionInput): Required<AuditRetention> {
  for (const [unit, n] of [['years', years], ['months', months], ['days', days]] as const) {
    if (!Number.isSafeInteger(n) || n < 0) throw invalid(`retention.${unit}`, 'must be a whole number from 0');
    if (n > 100 * 366) throw invalid('retention', 'longer than 100 years');
  }
  if (typeof endOfYear !== 'boolean') throw invalid('retention.endOfYear', 'must be true or false');
  if (years + months + days === 0) throw invalid('retention', 'a period of zero would delete the log as it is written (to keep the whole log, set no period)');
  if (periodLongerThan({ years, months, days }, 100)) throw invalid('retention', 'longer than 100 years');
  return { years, months, days, endOfYear };
}
