import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import type { ScreenResponse, ScreeningHit } from '../api/api-types.ts';
import { takeDecision } from './take-decision.ts';

const hit = (ref: string, decision?: ScreeningHit['decision']): ScreeningHit => ({ n: 0, ref, kind: 'match', band: 'strong', ...(decision ? { decision } : {}) });
const checkOf = (...hits: ScreeningHit[]): ScreenResponse => ({ check: { id: 'chk-1' }, hits });
const conflict = new ApiError(409, 'MOSAIC_CONFLICT', 'hit h9c7a8df4a229 was already rejected');
const rejected = { decision: 'reject' as const, by: 'zone.checkpoint2', at: '2025-11-03T13:05:00Z' };

/** An API whose decision answers `decided` (or fails with it) and whose check reads `now`. */
function fakeApi(decided: ScreenResponse | Error, now: ScreenResponse) {
  const asked: string[] = [];
  return {
    asked,
    decideHit: async (check: string, named: string | number, decision: string): Promise<ScreenResponse> => {
      asked.push(`decide ${check} ${String(named)} ${decision}`);
      if (decided instanceof Error) throw decided;
      return decided;
    },
    check: async (check: string): Promise<ScreenResponse> => {
      asked.push(`read ${check}`);
      return now;
    },
  };
}

describe('a decision taken at the checkpoint', () => {
  it('answers with the check as the decision left it, naming the hit by its ref', async () => {
    const after = checkOf(hit('h1', { ...rejected, by: 'zone.checkpoint1' }));
    const api = fakeApi(after, checkOf());
    expect(await takeDecision(api, { check: 'chk-1', hit: { ref: 'h1', n: 0 }, decision: 'reject' })).toEqual({ check: after, taken: true });
    expect(api.asked).toEqual(['decide chk-1 h1 reject']);
  });

  it('on a 409, reads the check again and shows the decision another session took first', async () => {
    const now = checkOf(hit('h1', rejected));
    const api = fakeApi(conflict, now);
    expect(await takeDecision(api, { check: 'chk-1', hit: { ref: 'h1', n: 0 }, decision: 'confirm' })).toEqual({ check: now, taken: false });
    expect(api.asked).toEqual(['decide chk-1 h1 confirm', 'read chk-1']);
  });

  it('keeps the conflict as an error while the hit is still undecided (a decision under way), and any other error', async () => {
    await expect(takeDecision(fakeApi(conflict, checkOf(hit('h1'))), { check: 'chk-1', hit: { ref: 'h1', n: 0 }, decision: 'reject' })).rejects.toBe(conflict);
    const refused = new ApiError(403, 'MOSAIC_FORBIDDEN', 'forbidden');
    await expect(takeDecision(fakeApi(refused, checkOf(hit('h1', rejected))), { check: 'chk-1', hit: { ref: 'h1', n: 0 }, decision: 'reject' })).rejects.toBe(refused);
  });
});
