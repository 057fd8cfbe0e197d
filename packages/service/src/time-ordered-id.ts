/**
 * Ids for what a busy checkpoint writes by the thousand (checks, notifications): UUIDv7
 * (RFC 9562), time-ordered, so new documents append to the key's index instead of landing on
 * random pages of it. The 74 random bits of each come from a pool filled 256 ids at a time: the
 * `uuid` package asks the system's generator for 16 bytes per id, which cost a check more than
 * the rest of making its id.
 */
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let next = POOL_BYTES;

function random16(): Uint8Array {
  if (next + 16 > pool.length) {
    pool = randomFillSync(new Uint8Array(POOL_BYTES));
    next = 0;
  }
  const bytes = pool.subarray(next, next + 16);
  next += 16;
  return bytes;
}

/** A new UUIDv7: the millisecond, then random bits (ids made in the same millisecond are in no particular order). */
export function timeOrderedId(): string {
  return v7({ random: random16() });
}
