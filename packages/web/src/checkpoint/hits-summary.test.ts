import { describe, expect, it } from 'vitest';
import { hitsSummary } from './hits-summary.ts';

describe('the line above a check\'s cards', () => {
  it('counts hits and possible matches apart, a hit setting its tone', () => {
    expect(hitsSummary([])).toEqual({ text: 'No hit', tone: 'none' });
    expect(hitsSummary([{ band: 'hit' }])).toEqual({ text: '1 hit', tone: 'hit' });
    expect(hitsSummary([{ band: 'possible' }, { band: 'possible' }, { band: 'possible' }, { band: 'possible' }])).toEqual({ text: '4 possible matches', tone: 'possible' });
    expect(hitsSummary([{ band: 'hit' }, { band: 'hit' }, { band: 'possible' }])).toEqual({ text: '2 hits, 1 possible match', tone: 'hit' });
  });
});
