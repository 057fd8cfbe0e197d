import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTimeBound } from './audit-time-bound.ts';

// as a browser in Brussels reads what its datetime-local inputs give
const zone = process.env['TZ'];
beforeAll(() => { process.env['TZ'] = 'Europe/Brussels'; });
afterAll(() => { if (zone === undefined) delete process.env['TZ']; else process.env['TZ'] = zone; });

describe('an audit search\'s time bound', () => {
  it('reads the time typed in the browser\'s zone, To taking in the whole minute or second it names', () => {
    expect(auditTimeBound('2026-12-07T17:48', 'from')).toEqual({ at: '2026-12-07T16:48:00.000Z' });
    expect(auditTimeBound('2026-12-07T17:48', 'to')).toEqual({ at: '2026-12-07T16:49:00.000Z' });
    expect(auditTimeBound('2026-12-07T17:48:33', 'to')).toEqual({ at: '2026-12-07T16:48:34.000Z' });
    expect(auditTimeBound('2026-07-07T17:48', 'from')).toEqual({ at: '2026-07-07T15:48:00.000Z' });
  });

  it('is no bound when nothing was typed', () => {
    expect(auditTimeBound('', 'from')).toEqual({ at: undefined });
    expect(auditTimeBound('', 'to')).toEqual({ at: undefined });
  });

  it('refuses in words a time the clock never showed, or one it cannot read, rather than search without it', () => {
    // 02:30 on 29 March 2026 was skipped in Brussels: the clocks went from 02:00 to 03:00
    expect(auditTimeBound('2026-03-29T02:30', 'from')).toEqual({ refused: '2026-03-29 02:30 is not a time the clock showed here (the hour skipped when the clocks go forward, or no such day): choose the day and time again' });
    expect(auditTimeBound('2026-02-30T10:00', 'to')).toHaveProperty('refused');
    expect(auditTimeBound('yesterday', 'to')).toHaveProperty('refused');
  });
});
