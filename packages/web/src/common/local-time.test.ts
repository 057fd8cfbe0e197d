import { describe, expect, it } from 'vitest';
import { localTime, localZoneName } from './local-time.ts';

describe('a time as a person reads it', () => {
  it('says an instant in the reader\'s zone, the zone named, whatever zone it was written in', () => {
    const brussels = { timeZone: 'Europe/Brussels' };
    // the check's time (UTC) and the officer's report time (with its offset) of one encounter read as one time
    expect(localTime('2026-12-07T16:56:54Z', brussels)).toBe('2026-12-07 17:56:54 CET');
    expect(localTime('2026-12-07T17:56:00+01:00', brussels)).toBe('2026-12-07 17:56:00 CET');
    expect(localTime('2026-07-07T16:48:33.120Z', brussels)).toBe('2026-07-07 18:48:33 CEST');
    expect(localTime('2026-12-07T16:56:54Z', { timeZone: 'UTC' })).toBe('2026-12-07 16:56:54 UTC');
    expect(localTime('2026-12-07T23:30:00Z', { timeZone: 'America/New_York' })).toBe('2026-12-07 18:30:00 GMT-5');
    // midnight is 00, not 24
    expect(localTime('2026-12-06T23:00:00Z', brussels)).toBe('2026-12-07 00:00:00 CET');
  });

  it('shows a text that names no instant as written', () => {
    expect(localTime('around noon')).toBe('around noon');
    expect(localTime('')).toBe('');
  });

  it('names the zone by its IANA name and what it is called at that time of year', () => {
    expect(localZoneName({ timeZone: 'Europe/Brussels' }, new Date('2026-12-07T12:00:00Z'))).toBe('Europe/Brussels (CET)');
    expect(localZoneName({ timeZone: 'Europe/Brussels' }, new Date('2026-07-07T12:00:00Z'))).toBe('Europe/Brussels (CEST)');
    expect(localZoneName({ timeZone: 'UTC' })).toBe('UTC');
  });
});
