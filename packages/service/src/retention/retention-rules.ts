/**
 * Each agency's retention rules (review period per data-subject category, LED Art. 5, and how
 * long its checkpoint checks and notifications are kept), kept as a document per agency; an
 * agency without its own rules uses the deployment's defaults.
 */
import type { AgencyId } from '@mosaic/model';
import { DEFAULT_RETENTION, periodLongerThan, RETENTION_SUBJECTS, type RetentionPeriod, type RetentionRules } from '@mosaic/policy';
import { auditAdminIn, authoriseAdmin, invalid, type AdminRequest } from '../admin/admin-gate.ts';
import type { ReviewDates } from '../ingest/review-dates.ts';
import type { Mosaic } from '../runtime.ts';

export const RETENTION_RULES_KIND = 'retention-rules';

export async function retentionRulesOf(mosaic: Mosaic, agency: AgencyId): Promise<RetentionRules> {
  const doc = await mosaic.store.getDocument(RETENTION_RULES_KIND, agency);
  return doc === undefined ? DEFAULT_RETENTION : { ...DEFAULT_RETENTION, ...(doc.body as Partial<RetentionRules>) };
}

/** Today and every agency's rules, for ingest to give a record without a review date one. */
export async function reviewDatesOf(mosaic: Mosaic): Promise<ReviewDates> {
  const { org } = await mosaic.org();
  const rules: Record<string, RetentionRules> = {};
  for (const agency of org.agencies) rules[agency.id] = await retentionRulesOf(mosaic, agency.id);
  return { today: mosaic.now().toISOString().slice(0, 10), rules };
}

export async function putRetentionRules(mosaic: Mosaic, request: AdminRequest, rules: Readonly<Record<string, { readonly [unit in keyof RetentionPeriod]?: number | undefined }>>): Promise<RetentionRules> {
  await authoriseAdmin(mosaic, request, { kind: 'agency', agency: request.user.agency });
  const clean: Record<string, RetentionPeriod> = {};
  for (const [category, period] of Object.entries(rules)) {
    if (!(RETENTION_SUBJECTS as readonly string[]).includes(category)) throw invalid(`rules.${category}`, `not a data-subject category, checks nor notifications (${RETENTION_SUBJECTS.join(', ')})`);
    const { years = 0, months = 0, days = 0 } = period;
    for (const [unit, n] of [['years', years], ['months', months], ['days', days]] as const) {
      if (!Number.isSafeInteger(n) || n < 0) throw invalid(`rules.${category}.${unit}`, 'must be a whole number from 0');
      if (n > 100 * 366) throw invalid(`rules.${category}`, 'longer than 100 years');
    }
    if (years + months + days === 0) throw invalid(`rules.${category}`, 'a review period of zero would make every record due at once');
    if (periodLongerThan({ years, months, days }, 100)) throw invalid(`rules.${category}`, 'longer than 100 years');
    clean[category] = { years, months, days };
  }
  // the rules and their entry together: rules that no entry accounts for would set every new
  // record's review date (LED Art. 25: an alteration is logged)
  await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    await tx.putDocument({ kind: RETENTION_RULES_KIND, id: request.user.agency, owner: request.user.agency, body: clean });
    await auditAdminIn(mosaic, tx, request, { putRetentionRules: { agency: request.user.agency, rules: clean as never } }, { reason: 'retention rules changed' });
  });
  return retentionRulesOf(mosaic, request.user.agency);
}
