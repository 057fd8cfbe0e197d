/**
 * Reading a kept check again (GET /checks/:id, and before a hit is decided). A check belongs to
 * the agency that made it, but what its hits show was decided for one officer at one moment: a
 * reader goes through the policy again (DESIGN.md principle 3), so a hit on a listed record the
 * reader may not screen now (a need-to-know group, a clearance, an agreement changed) is left
 * out, as is an alert the reader may not see. The hits left are numbered as they are shown
 * (0, 1, 2… in the check's order), so that no gap tells the reader of one left out, and a
 * `sameSubjectAs` naming a hit left out is left out with it; each keeps its ref, the same for
 * every reader, by which a decision or a notice names it (screen-check.ts). Only the roles that
 * check read checks. Each read is a
 * consultation in the audit log (principle 2) under the check's purpose and case reference,
 * listing what it showed; it tells no owner anything: the check told them when it was made.
 */
import type { AuditEvent, JsonValue } from '@mosaic/audit';
import { AppError, type RecordId } from '@mosaic/model';
import { RECORD_ROLES, type Decision, type DecisionReason } from '@mosaic/policy';
import type { User } from '@mosaic/store';
import { disclosureEvents } from '../disclosure-events.ts';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import { CHECK_KIND, checkAnswer, pointedOf, type CheckRecord, type HitView } from './screen-check.ts';
import type { ScreeningProjection } from './screening-projection.ts';

/** What a check's reader needs of the watchlist: who owns each record behind a hit, and its provenance. */
export type CheckReadProjection = Pick<ScreeningProjection, 'provenanceOf' | 'recordsOf'>;

/** A check as kept, and as `user` may see it now. */
export interface CheckForReader {
  readonly stored: CheckRecord;
  /** The hits the reader may see now, as they may see them, under the numbers they are kept under: not to be shown. */
  readonly visible: readonly HitView[];
  /** The check as the reader is shown it: those hits, numbered as shown (shownAs). */
  readonly shown: CheckRecord;
  /** Why the policy shows the reader a record now (its decision's reason), for the disclosure entries. */
  readonly reasonOf: ReasonOf;
}

export type ReasonOf = (record: RecordId) => DecisionReason;

/**
 * `check` as answered with `hits` (some of its kept hits, in its order, under their kept numbers):
 * each numbered by its place among them, and `sameSubjectAs` by that number, left out where it
 * names a hit not among them.
 */
export function shownAs(check: CheckRecord, hits: readonly HitView[]): CheckRecord {
  const shownN = new Map(hits.map((hit, n) => [hit.n, n]));
  return {
    ...checkAnswer(check),
    hits: hits.map((hit, n) => {
      if (hit.kind === 'pointer') return { ...hit, n };
      const { sameSubjectAs, ...rest } = hit;
      const same = sameSubjectAs === undefined ? undefined : shownN.get(sameSubjectAs);
      return { ...rest, n, ...(same === undefined ? {} : { sameSubjectAs: same }) };
    }),
  };
}

/** The check as kept and as `user` may see it now, not logged (a decision on one of its hits is logged as such). */
export async function loadCheck(mosaic: Mosaic, user: User, projection: CheckReadProjection, id: string): Promise<CheckForReader> {
  const found = await mosaic.store.getDocument(CHECK_KIND, id);
  if (!found || found.owner !== user.agency) throw new AppError('MOSAIC_NOT_FOUND', `check ${id} not found`);
  if (!user.roles.some((role) => (RECORD_ROLES.screen as readonly string[]).includes(role))) {
    throw new AppError('MOSAIC_FORBIDDEN', 'checks are read by the officers and analysts of the agency that made them');
  }
  const stored = found.body as CheckRecord;
  const reader = policyUser(user);
  const context = policyContext(await mosaic.org(), { user, purpose: stored.purpose, caseRef: stored.caseRef });
  const decisionOf = (record: RecordId): Decision => {
    const provenance = projection.provenanceOf(record);
    return provenance === undefined ? { effect: 'deny', reason: 'not applicable' } : mosaic.decide(reader, 'screen', { kind: 'record', id: record, provenance }, context);
  };
  const may = (record: RecordId): boolean => decisionOf(record).effect === 'allow';
  // a pointer the policy would give this reader now, from the records behind it (a check kept
  // before they were kept with it shows its pointers as made)
  const pointsNow = (agency: string): boolean => {
    const behind = stored.pointerRecords?.[agency];
    if (behind === undefined) return true;
    return behind.some((record) => {
      const provenance = projection.provenanceOf(record);
      const effect = provenance === undefined ? 'deny' : mosaic.decide(reader, 'screen', { kind: 'record', id: record, provenance }, context).effect;
      return effect === 'pointer' || effect === 'allow';
    });
  };
  const shown = (hit: HitView): HitView | undefined => {
    if (hit.kind === 'pointer') return pointsNow(hit.agency) ? hit : undefined;
    // The erasure marked it in the check as kept (erase-from-checks.ts): the watchlist may not have
    // heard of the erasure yet, and still lists the record.
    if (hit.erased === true) return undefined;
    // Content only when every record behind the listing may be shown, as when the check was made.
    const behind = projection.recordsOf(hit.subject);
    if (!(behind.length > 0 ? behind : [hit.subject]).every(may)) return undefined;
    return { ...hit, alerts: hit.alerts.filter((alert) => may(alert.id)) };
  };
  const visible = stored.hits.flatMap((hit) => shown(hit) ?? []);
  return { stored, visible, shown: shownAs(stored, visible), reasonOf: (record) => decisionOf(record).reason };
}

/** `check` (the kept check, updated since) as the reader of `visible` is shown it: the same hits, and on them the same alerts. */
export function asShown(check: CheckRecord, visible: readonly HitView[]): CheckRecord {
  const hits = new Map(visible.map((h) => [h.n, h]));
  return shownAs(check, check.hits.flatMap((hit) => {
    const seen = hits.get(hit.n);
    if (seen === undefined) return [];
    if (hit.kind === 'pointer' || seen.kind === 'pointer') return [hit];
    const alerts = new Set(seen.alerts.map((a) => a.id));
    return [{ ...hit, alerts: hit.alerts.filter((a) => alerts.has(a.id)) }];
  }));
}

/** The check as the reader may see it now, the read logged as a consultation. */
export async function readCheck(mosaic: Mosaic, consultation: Consultation, projection: CheckReadProjection, id: string): Promise<CheckRecord> {
  const { user } = consultation;
  const reader = await loadCheck(mosaic, user, projection, id);
  await mosaic.audit.appendAll(checkShownEvents(user, projection, reader.shown, { check: reader.shown.id }, reader));
  return reader.shown;
}

/**
 * The audit entries of a check shown to `user` (as they may see it): a consultation listing the
 * records and alerts its hits show, the agencies its pointers name and the records kept behind
 * those (`stored`: the check as kept, which has them), and a disclosure of those of other
 * agencies. A read writes them, and so does a decision, which answers with the check.
 */
export function checkShownEvents(user: User, projection: CheckReadProjection, check: CheckRecord, query: JsonValue, { stored, reasonOf }: Pick<CheckForReader, 'stored' | 'reasonOf'>): AuditEvent[] {
  const records = check.hits.flatMap((h) => (h.kind === 'match' ? [h.subject, ...h.alerts.map((a) => a.id)] : []));
  const common = { actor: { user: user.id, agency: user.agency }, purpose: check.purpose, caseRef: check.caseRef, query };
  const events: AuditEvent[] = [{
    ...common, action: 'consultation', records, pointers: check.hits.flatMap((h) => (h.kind === 'pointer' ? [h.agency] : [])),
    pointed: pointedOf(check.hits, stored.pointerRecords), outcome: 'ok',
  }];
  const disclosed = records.filter((r) => projection.provenanceOf(r)?.agency !== user.agency).map((record) => ({ record, reason: reasonOf(record) }));
  return [...events, ...disclosureEvents(common, user.agency, disclosed)];
}
