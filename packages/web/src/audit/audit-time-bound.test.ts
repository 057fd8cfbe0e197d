import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTimeBound } from './audit-time-bound.ts';

// as a browser in Brussels reads what its datetime-local inputs give
const zone = process.env['TZ'];
beforeAll(() => { process.env['TZ'] = 'Europe/Brussels'; });
afterAll(() => { if (zone === undefined) delete process.env['TZ']; else process.env['TZ'] = zone; });

describe('an audit search\'s time bound', () => {
  it('reads the time typed in the browser\'s zone, To taking in the whole minute or second it names', () => {
    expect(auditTimeBound('2026-12-07T17:48', 'from')).toBe('2026-12-07T16:48:00.000Z');
    expect(auditTimeBound('2026-12-07T17:48', 'to')).toBe('2026-12-07T16:49:00.000Z');
    expect(auditTimeBound('2026-12-07T17:48:33', 'to')).toBe('2026-12-07T16:48:34.000Z');
    expect(auditTimeBound('2026-07-07T17:48', 'from')).toBe('2026-07-07T15:48:00.000Z');
  });

  it('is no bound when nothing was typed', () => {
    expect(auditTimeBound('', 'from')).toBeUndefined();
    expect(auditTimeBound('', 'to')).toBeUndefined();
  });
});
