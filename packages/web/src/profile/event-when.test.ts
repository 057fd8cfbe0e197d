import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventWhen } from './event-when.ts';

// a reader in Brussels
const zone = process.env['TZ'];
beforeAll(() => { process.env['TZ'] = 'Europe/Brussels'; });
afterAll(() => { if (zone === undefined) delete process.env['TZ']; else process.env['TZ'] = zone; });

describe('eventWhen', () => {
  it('says an instant (a record\'s version) in the reader\'s zone, named, and a day as it is', () => {
    expect(eventWhen({ date: '2026-12-07T16:56:54.120Z' })).toBe('2026-12-07 17:56:54 CET');
    expect(eventWhen({ date: '2026-12-07' })).toBe('2026-12-07');
  });

  it('writes a span that starts and ends the same day as that day', () => {
    expect(eventWhen({ date: '2014-12-18', end: '2014-12-18' })).toBe('2014-12-18');
  });

  it('writes a longer span from its start to its end', () => {
    expect(eventWhen({ date: '2014-12-18', end: '2014-12-20' })).toBe('2014-12-18 – 2014-12-20');
  });

  it('writes a date alone, and an event without one as undated', () => {
    expect(eventWhen({ date: '2016-03-01' })).toBe('2016-03-01');
    expect(eventWhen({ date: '' })).toBe('undated');
    expect(eventWhen({ date: '', end: '2019-09' })).toBe('undated – 2019-09');
  });
});
