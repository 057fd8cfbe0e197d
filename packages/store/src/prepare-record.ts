/**
 * A record as the store writes it: its derived id, its document as JSON and its folded names.
 * Pure (no database), so ingest can prepare records in worker threads and hand the store
 * strings only; `putRecords` prepares in the caller's thread, `putPreparedRecords` takes them
 * ready. Exported on its own as `@mosaic/store/prepare-record`, so a worker need not load the
 * database drivers to use it.
 */
import { AppError, recordIdOf, type EntityRecord, type RecordId } from '@mosaic/model';
import { NAME_PROPERTIES, namesText } from './name-text.ts';
import { linksOf } from './record-links.ts';

/** A record ready to write: its derived id, its document and folded names. */
export interface PreparedRecord {
  readonly id: RecordId;
  readonly agency: string;
  readonly schema: string;
  /** JSON of { schema, properties, provenance } as given (key order as it came). */
  readonly document: string;
  readonly names: string;
  /** The records it names (record-links.ts), kept for an erasure to find it by them. */
  readonly links: readonly string[];
}

export function prepareRecord(record: EntityRecord, nameProperties: readonly string[] = NAME_PROPERTIES): PreparedRecord {
  const provenance = record.provenance as Partial<EntityRecord['provenance']> | undefined;
  const agency = provenance?.agency;
  const sourceRecordId = provenance?.sourceRecordId;
  if (typeof agency !== 'string' || agency.length === 0 || agency.includes(':')) {
    throw new AppError('MOSAIC_INVALID_INPUT', 'store: provenance.agency must be a non-empty id without ":"');
  }
  if (typeof sourceRecordId !== 'string' || sourceRecordId.length === 0) {
    throw new AppError('MOSAIC_INVALID_INPUT', 'store: provenance.sourceRecordId must be a non-empty string');
  }
  const id = recordIdOf(agency, sourceRecordId);
  if (record.id !== undefined && record.id !== id) {
    throw new AppError('MOSAIC_INVALID_INPUT', 'store: record id must be agency:sourceRecordId of its provenance', { id: record.id });
  }
  return {
    id,
    agency,
    schema: record.schema,
    document: JSON.stringify({ schema: record.schema, properties: record.properties, provenance: record.provenance }),
    names: namesText(record, nameProperties),
    links: linksOf(record.schema, record.properties),
  };
}
