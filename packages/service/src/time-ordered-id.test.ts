import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id.ts';

describe('time-ordered ids', () => {
  it('are UUIDv7 with the time first, and distinct across many pool refills', () => {
    const before = Date.now();
    const ids = Array.from({ length: 2_000 }, () => timeOrderedId());
    const after = Date.now();
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const msOf = (id: string): number => Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    for (const id of ids) expect(msOf(id)).toBeGreaterThanOrEqual(before);
    for (const id of ids) expect(msOf(id)).toBeLessThanOrEqual(after);
    // ordered by millisecond: an id made later never sorts before one of an earlier millisecond
    for (let i = 1; i < ids.length; i++) expect(msOf(ids[i]!)).toBeGreaterThanOrEqual(msOf(ids[i - 1]!));
  });
});
