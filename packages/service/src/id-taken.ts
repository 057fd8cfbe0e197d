/**
 * The refusal of a write over a stored record of the writer's agency that they may not write, and
 * so may not read (a need-to-know group they are not in, above their clearance): POST /records
 * and an upload's line alike. A missing id is created, so the refusal cannot look like a missing
 * record's; it says the id is taken and never why, which would tell the writer what hides the
 * record from them (decision.ts: a deny reason is not shown for a record).
 */
import { AppError, type RecordId } from '@mosaic/model';

export function idTakenReason(id: RecordId): string {
  return `record id ${id} is taken: choose another id`;
}

export function idTaken(id: RecordId): AppError {
  return new AppError('MOSAIC_CONFLICT', idTakenReason(id), { field: 'id', reason: 'is taken' });
}
