import { describe, expect, it } from 'vitest';
import { keptDecisionText, reasonsOf } from './hit-card.tsx';

describe('a decision the check already holds', () => {
  const at = '2025-11-03T13:05:00Z';
  it('says who took it, the officer reading or another, in words', () => {
    expect(keptDecisionText({ decision: 'reject', by: 'zone.checkpoint2', at }, 'zone.checkpoint1')).toBe('Already rejected by another officer.');
    expect(keptDecisionText({ decision: 'confirm', by: 'zone.checkpoint1', at }, 'zone.checkpoint1')).toBe('Already confirmed by you.');
    expect(keptDecisionText({ decision: 'called', by: 'zone.checkpoint2', at }, 'zone.checkpoint1')).toBe('The desk was already called by another officer.');
  });
});

describe('the reasons a card gives', () => {
  it('tells a date of birth a generation away from one that merely differs', () => {
    const name = { listed: 'Haldor Quennick', level: 'exact' };
    expect(reasonsOf({ name, birthDate: { level: 'distant' }, phone: 'exact' })).toEqual([
      'name Haldor Quennick (same name)', 'date of birth: twenty years or more apart, not a typing slip', 'phone exact',
    ]);
    expect(reasonsOf({ name, birthDate: { level: 'mismatch' } })).toEqual(['name Haldor Quennick (same name)', 'date of birth: different']);
  });
});
