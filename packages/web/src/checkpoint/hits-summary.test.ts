import { describe, expect, it } from 'vitest';
import type { ScreeningHit } from '../api/api-types.ts';
import { hitsSummary } from './hits-summary.ts';

const match = (band: string, alerts = 0): Pick<ScreeningHit, 'kind' | 'band' | 'alerts'> =>
  ({ kind: 'match', band, alerts: Array.from({ length: alerts }, () => ({}) as NonNullable<ScreeningHit['alerts']>[number]) });
const pointer = (agency: string, band = 'hit'): Pick<ScreeningHit, 'kind' | 'band' | 'agency'> => ({ kind: 'pointer', band, agency });

describe('the line above a check\'s cards', () => {
  it('counts hits and possible matches apart, a hit setting its tone', () => {
    expect(hitsSummary([])).toEqual({ text: 'No hit', tone: 'none' });
    expect(hitsSummary([match('hit')])).toEqual({ text: '1 hit', tone: 'hit' });
    expect(hitsSummary([match('possible'), match('possible'), match('possible'), match('possible')])).toEqual({ text: '4 possible matches', tone: 'possible' });
    expect(hitsSummary([match('hit'), match('hit'), match('possible')])).toEqual({ text: '2 hits · 1 possible match', tone: 'hit' });
  });

  it('counts alerts apart, and the agencies that hold information, never as hits', () => {
    // an alert on a possible match, and two pointers that were hits
    expect(hitsSummary([match('possible', 1), pointer('intel'), pointer('customs')])).toEqual({ text: '1 alert · 2 other agencies hold information', tone: 'hit' });
    // two entries of one agency are one desk to call
    expect(hitsSummary([pointer('intel'), pointer('intel', 'possible')])).toEqual({ text: '1 other agency holds information', tone: 'possible' });
    expect(hitsSummary([match('hit', 2), match('hit', 1), match('hit'), match('possible')])).toEqual({ text: '2 alerts · 1 hit · 1 possible match', tone: 'hit' });
  });
});
