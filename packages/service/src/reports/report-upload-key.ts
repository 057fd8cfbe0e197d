/**
 * Which report an agency uploaded into a collection with a given content: a document of kind
 * `report-upload` per upload, its id made of the agency, the collection and the content's hash
 * (its body names the report), so that the same file sent again — a retry after a lost answer, a
 * second click, a batch run twice — answers the report already there instead of storing it twice,
 * with its mentions, proposals and search hits twice over. The body also keeps a hash of what else
 * the upload said (title, file name, media type, country, provenance): the same file sent with
 * other terms is not the same upload, and is refused rather than stored a second time beside the
 * first or answered as if its terms had been taken. It holds no text and no name; it goes
 * with the report when the report is erased (eraseStoredRecords), so an erased document leaves no
 * fingerprint of what it held.
 */
import type { EntityRecord, RecordId } from '@mosaic/model';
import { createHash } from 'node:crypto';
import { REPORT_SCHEMA } from './report-review.ts';

export const REPORT_UPLOAD_KIND = 'report-upload';

export interface ReportUploadBody {
  readonly report: RecordId;
  /** uploadTermsHash of the upload that wrote the report. */
  readonly terms: string;
}

/** A value with its objects' keys in order, so that one set of terms always hashes alike. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]));
}

/** A hash of an upload's terms besides its content: what it asks to be stored, as it asks it. */
export function uploadTermsHash(terms: Readonly<Record<string, unknown>>): string {
  return createHash('sha256').update(JSON.stringify(sorted(terms))).digest('hex');
}

/** The id of the upload document of `contentHash` (the report's contentHash) in `agency`'s `collection`. */
export function reportUploadKey(agency: string, collection: string, contentHash: string): string {
  return createHash('sha256').update(`${agency}\u0000${collection}\u0000${contentHash}`).digest('hex');
}

/** The upload documents of these stored versions of reports (any version: collection and content as each was). */
export function reportUploadKeys(versions: readonly EntityRecord[]): readonly string[] {
  const keys = new Set<string>();
  for (const { schema, properties, provenance } of versions) {
    if (schema !== REPORT_SCHEMA) continue;
    for (const collection of properties['collection'] ?? []) {
      for (const hash of properties['contentHash'] ?? []) keys.add(reportUploadKey(provenance.agency, collection, hash));
    }
  }
  return [...keys];
}
