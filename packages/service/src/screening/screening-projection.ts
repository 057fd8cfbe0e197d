/**
 * The screening watchlist as a projection of the records: one entry per Person or Vehicle record
 * (names, aliases, weak aliases, dates of birth, nationalities, gender, identity documents,
 * plates, phones), with the Alert records on that subject attached, kept current from the change
 * feed entry by entry (no rebuild), so a new or withdrawn alert reaches the checkpoint screen
 * within one follower interval.
 *
 * A person's identity documents are often records of their own (FtM's Passport and
 * Identification: `number`, `holder`), as a border agency records a passport read at a crossing:
 * their numbers are screened as the holder's, so that a check by that number hits the holder.
 * Only a document whose policy reads as its holder's (decisionKey: same owner, marking, handling
 * and category) is attached: one any reader of the holder may see, whose number tells them nothing
 * they could not read; one marked otherwise stays out (the search finds it, through the policy).
 *
 * Entries are keyed by subject id. Today a subject is a record; when resolution groups records,
 * `subjectOf` maps a record to its entity and the entry id becomes the entity id, while
 * `provenanceOf` keeps the per-record provenance the policy decides over.
 *
 * Term frequencies are not counted from the index: counts over every listed name would let
 * entries a user may not see move the ranking that user gets (DESIGN.md principle 3; see
 * @mosaic/screening FrequencySource). The index uses no frequency adjustment.
 */
import type { AgencyId, DeskId, EntityRecord, Provenance, RecordId } from '@mosaic/model';
import { decisionKey } from '@mosaic/policy';
import {
  AlertId, createScreeningIndex, entryFromFtm, isAlertCategory,
  type Alert, type IdentifierField, type ScreeningIndex, type SubjectId, type WatchlistEntry,
} from '@mosaic/screening';
import type { Projection, RecordChange } from '../change-follower.ts';

/** Schemata screened at a checkpoint: people by name and documents, vehicles by plate. */
export const SCREENED_SCHEMATA: ReadonlySet<string> = new Set(['Person', 'Vehicle']);
/**
 * The identifiers the watchlist holds. A checkpoint checks no e-mail address, so the watchlist
 * does not hold them (memory is what limits a checkpoint node); the identifier projection does.
 */
export const SCREENED_IDENTIFIERS: readonly IdentifierField[] = ['documents', 'plates', 'phones'];
export const ALERT_SCHEMA = 'Alert';
/** Schemata of an identity document screened as its holder's: its `number`, held by its `holder`. */
export const HELD_DOCUMENT_SCHEMATA: ReadonlySet<string> = new Set(['Passport', 'Identification']);

/** A document record's numbers, its holder and what the policy reads of it. */
interface HeldDocument {
  readonly holder: RecordId;
  readonly numbers: readonly string[];
  readonly key: string;
}

/** An alert record as the projection holds it: the screening alert and the record behind it. */
export interface AlertRecord {
  readonly id: RecordId;
  readonly alert: Alert;
  readonly subject: RecordId;
  readonly status: 'active' | 'withdrawn';
  readonly provenance: Provenance;
}

export interface ScreeningProjection extends Projection {
  readonly index: ScreeningIndex;
  /** Provenance of a screened record or an alert record, for the policy's per-record decision. */
  provenanceOf(id: RecordId): Provenance | undefined;
  /** The records behind an entry (one today; the members of an entity later). */
  recordsOf(entry: SubjectId): readonly RecordId[];
  alertRecord(id: RecordId): AlertRecord | undefined;
  /** Every alert record of an agency, withdrawn ones included. */
  alertsOf(agency: AgencyId): readonly AlertRecord[];
}

export interface ScreeningProjectionOptions {
  /** The entry a record belongs to; the record itself until resolution groups records. */
  readonly subjectOf?: (record: RecordId) => SubjectId;
}

/** Dates an alert applies from when the record names none: from the start of any record. */
const OPEN_START = '1900-01-01';

export function alertFromRecord(record: EntityRecord): AlertRecord | undefined {
  const p = record.properties;
  const category = p['category']?.[0];
  const subject = p['subject']?.[0];
  if (!isAlertCategory(category) || subject === undefined) return undefined;
  const desk = p['desk']?.[0] ?? '';
  const validUntil = p['validUntil']?.[0];
  const instructions = p['instructions']?.[0];
  const alert: Alert = {
    id: AlertId(record.id),
    category,
    subject: { kind: 'record', id: subject as RecordId },
    ownerAgency: record.provenance.agency,
    ownerDesk: { id: desk as DeskId, name: desk, phone24x7: p['deskContact']?.[0] ?? '' },
    validFrom: p['validFrom']?.[0] ?? OPEN_START,
    ...(validUntil !== undefined ? { validUntil } : {}),
    reviewDate: record.provenance.reviewDate,
    ...(instructions !== undefined ? { instructions } : {}),
  };
  return { id: record.id, alert, subject: subject as RecordId, status: p['status']?.[0] === 'withdrawn' ? 'withdrawn' : 'active', provenance: record.provenance };
}

export function createScreeningProjection({ subjectOf = (id) => id }: ScreeningProjectionOptions = {}): ScreeningProjection {
  const index = createScreeningIndex([], { frequencies: 'none' });
  /** Screened records, converted once; re-indexed when their alerts change. */
  const entries = new Map<SubjectId, WatchlistEntry>();
  const members = new Map<SubjectId, RecordId[]>();
  const provenance = new Map<RecordId, Provenance>();
  const alerts = new Map<RecordId, AlertRecord>();
  /** subject record -> alert records on it */
  const alertsOn = new Map<RecordId, Set<RecordId>>();
  const documents = new Map<RecordId, HeldDocument>();
  /** holder record -> document records held */
  const documentsOn = new Map<RecordId, Set<RecordId>>();

  /** The numbers of the documents `record` holds that read as it does to the policy. */
  const heldNumbers = (record: RecordId): string[] => {
    const own = provenance.get(record);
    const held = documentsOn.get(record);
    if (own === undefined || held === undefined) return [];
    const key = decisionKey(own);
    return [...held].flatMap((id) => {
      const document = documents.get(id);
      return document?.key === key ? document.numbers : [];
    });
  };

  const reindex = (subject: SubjectId): void => {
    const entry = entries.get(subject);
    if (!entry) return;
    const records = members.get(subject) ?? [];
    const active = records.flatMap((r) => [...(alertsOn.get(r) ?? [])])
      .map((id) => alerts.get(id))
      .filter((a): a is AlertRecord => a !== undefined && a.status === 'active')
      .map((a) => a.alert);
    const held = records.flatMap(heldNumbers);
    index.upsert({
      ...entry,
      ...(held.length > 0 ? { documents: [...entry.documents ?? [], ...held] } : {}),
      ...(active.length > 0 ? { alerts: active } : {}),
    });
  };

  const remove = (id: RecordId): SubjectId | undefined => {
    const document = documents.get(id);
    if (document) {
      documents.delete(id);
      const set = documentsOn.get(document.holder);
      set?.delete(id);
      if (set?.size === 0) documentsOn.delete(document.holder);
      return subjectOf(document.holder);
    }
    const previous = alerts.get(id);
    if (previous) {
      alerts.delete(id);
      provenance.delete(id);
      const set = alertsOn.get(previous.subject);
      set?.delete(id);
      if (set?.size === 0) alertsOn.delete(previous.subject);
      return subjectOf(previous.subject);
    }
    if (!provenance.has(id)) return undefined;
    provenance.delete(id);
    const subject = subjectOf(id);
    const left = (members.get(subject) ?? []).filter((r) => r !== id);
    if (left.length === 0) {
      members.delete(subject);
      entries.delete(subject);
      index.remove(subject);
    } else members.set(subject, left);
    return undefined;
  };

  const add = (record: EntityRecord): SubjectId | undefined => {
    if (record.schema === ALERT_SCHEMA) {
      const alert = alertFromRecord(record);
      if (!alert) return undefined;
      alerts.set(record.id, alert);
      provenance.set(record.id, record.provenance);
      const set = alertsOn.get(alert.subject) ?? new Set<RecordId>();
      set.add(record.id);
      alertsOn.set(alert.subject, set);
      return subjectOf(alert.subject);
    }
    if (HELD_DOCUMENT_SCHEMATA.has(record.schema)) {
      const holder = record.properties['holder']?.[0] as RecordId | undefined;
      const numbers = (record.properties['number'] ?? []).filter((n) => n.trim() !== '');
      if (holder === undefined || numbers.length === 0) return undefined;
      documents.set(record.id, { holder, numbers, key: decisionKey(record.provenance) });
      documentsOn.set(holder, (documentsOn.get(holder) ?? new Set<RecordId>()).add(record.id));
      return subjectOf(holder);
    }
    if (!SCREENED_SCHEMATA.has(record.schema)) return undefined;
    const converted = entryFromFtm(record, () => subjectOf(record.id), { identifiers: SCREENED_IDENTIFIERS });
    if (!converted.ok) return undefined;
    const subject = converted.entry.id;
    provenance.set(record.id, record.provenance);
    members.set(subject, [...(members.get(subject) ?? []).filter((r) => r !== record.id), record.id]);
    entries.set(subject, { ...converted.entry, owner: { agency: record.provenance.agency } });
    return subject;
  };

  return {
    name: 'screening',
    index,
    provenanceOf: (id) => provenance.get(id),
    recordsOf: (entry) => members.get(entry) ?? [],
    alertRecord: (id) => alerts.get(id),
    alertsOf: (agency) => [...alerts.values()].filter((a) => a.provenance.agency === agency),
    apply(changes: readonly RecordChange[]) {
      const touched = new Set<SubjectId>();
      for (const change of changes) {
        const subject = remove(change.id);
        if (subject !== undefined) touched.add(subject);
      }
      for (const change of changes) {
        if (!change.record) continue;
        const subject = add(change.record);
        if (subject !== undefined) touched.add(subject);
      }
      for (const subject of touched) reindex(subject);
    },
  };
}
