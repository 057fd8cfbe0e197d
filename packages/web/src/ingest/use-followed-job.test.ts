import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { isTransient, pollDelay } from './use-followed-job.ts';

describe('following an ingest job', () => {
  it('polls every half second, and after failed polls waits longer each time, at most 15 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(pollDelay)).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
  });

  it('tries again after no answer, a timeout or a server error, not after an answer that will not change', () => {
    expect(isTransient(new ApiError(0, 'NETWORK', 'the server cannot be reached (Failed to fetch)'))).toBe(true);
    expect(isTransient(new ApiError(502, 'HTTP_502', '502 Bad Gateway'))).toBe(true);
    expect(isTransient(new ApiError(503, 'MOSAIC_UNAVAILABLE', 'the store is unavailable'))).toBe(true);
    expect(isTransient(new ApiError(429, 'MOSAIC_RATE_LIMITED', 'too many'))).toBe(true);
    expect(isTransient(new ApiError(404, 'MOSAIC_NOT_FOUND', 'ingest job j not found'))).toBe(false);
    expect(isTransient(new ApiError(401, 'MOSAIC_UNAUTHENTICATED', 'sign in'))).toBe(false);
  });
});
