/**
 * What a version of a record was (GET /records/:id/history), as its history reads: the store's
 * operation (`put`, `delete`) says only that a version was written, so the first one written is
 * the record "Recorded", a later one "Changed", a deletion "Deleted".
 */
import { readableCode } from '@mosaic/model';

export function versionWords(op: string, version: number): string {
  if (op === 'put') return version <= 1 ? 'Recorded' : 'Changed';
  if (op === 'delete') return 'Deleted';
  return readableCode(op);
}
