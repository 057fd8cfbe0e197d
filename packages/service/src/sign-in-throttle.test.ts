import { describe, expect, it } from 'vitest';
import { afterFailure, isForgotten, signInThrottleId, throttledUntil, type SignInThrottleState } from './sign-in-throttle.ts';

const at = (iso: string): Date => new Date(iso);

function failures(count: number, from: Date, everyMs: number): SignInThrottleState | undefined {
  let state: SignInThrottleState | undefined;
  for (let i = 0; i < count; i += 1) state = afterFailure(state, new Date(from.getTime() + i * everyMs));
  return state;
}

describe('the sign-in throttle', () => {
  it('lets four failures pass, then waits a minute after the fifth, doubling after each further one up to 15 minutes', () => {
    const start = at('2026-01-01T00:00:00.000Z');
    expect(throttledUntil(failures(4, start, 1000), at('2026-01-01T00:00:04.000Z'))).toBeUndefined();
    const waits = [5, 6, 7, 8, 9, 10, 30].map((n) => {
      const state = failures(n, start, 1000);
      return (Date.parse(state?.lockedUntil ?? '') - Date.parse(state?.lastFailureAt ?? '')) / 60_000;
    });
    expect(waits).toEqual([1, 2, 4, 8, 15, 15, 15]);
  });

  it('refuses until the instant, not after', () => {
    const state = failures(5, at('2026-01-01T00:00:00.000Z'), 0);
    expect(throttledUntil(state, at('2026-01-01T00:00:59.999Z'))?.toISOString()).toBe('2026-01-01T00:01:00.000Z');
    expect(throttledUntil(state, at('2026-01-01T00:01:00.000Z'))).toBeUndefined();
  });

  it('starts the count again a day after the last failure, and only then may the state go', () => {
    const state = failures(9, at('2026-01-01T00:00:00.000Z'), 0);
    expect(isForgotten(state!, at('2026-01-01T23:59:59.000Z'))).toBe(false);
    expect(isForgotten(state!, at('2026-01-02T00:00:00.000Z'))).toBe(true);
    expect(afterFailure(state, at('2026-01-01T23:00:00.000Z')).failures).toBe(10);
    expect(afterFailure(state, at('2026-01-02T00:00:00.000Z'))).toEqual({ failures: 1, lastFailureAt: '2026-01-02T00:00:00.000Z' });
  });

  it('keys a name as typed, without keeping it', () => {
    expect(signInThrottleId('Anna')).not.toBe(signInThrottleId('anna'));
    expect(signInThrottleId('Anna')).toMatch(/^[0-9a-f]{64}$/);
  });
});
