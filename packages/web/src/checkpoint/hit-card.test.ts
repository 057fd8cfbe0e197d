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
  const name = { listed: 'Haldor Quennick', level: 'exact' };
  it('tells a date of birth a generation away from one that merely differs', () => {
    expect(reasonsOf({ name, birthDate: { level: 'distant' }, phone: 'exact' })).toEqual([
      'Name: Haldor Quennick (same name)', 'Date of birth: twenty years or more apart, not a typing slip', 'Phone: same',
    ]);
    expect(reasonsOf({ name, birthDate: { level: 'mismatch' } })).toEqual(['Name: Haldor Quennick (same name)', 'Date of birth: different']);
  });

  it('reads every reason the same way: the fact, a colon, how it compared in words', () => {
    const reasons = reasonsOf({ name, birthDate: { level: 'exact' }, nationality: { level: 'mismatch' }, gender: { level: 'exact' }, document: 'confusable', plate: 'exact' });
    expect(reasons).toEqual([
      'Name: Haldor Quennick (same name)', 'Date of birth: same date', 'Nationality: different', 'Gender: same',
      'Document: same as a scanner misreads it', 'Plate: same',
    ]);
    for (const reason of reasons) expect(reason).toMatch(/^[A-Z][a-z]+(?: of birth)?: \S/);
  });

  it('says a date of birth one keystroke off may be a typing slip, with the two years', () => {
    expect(reasonsOf({ name, birthDate: { level: 'mismatch', slip: { query: 1985, listed: 1958 } } })).toEqual([
      'Name: Haldor Quennick (same name)', 'Date of birth: differs — possibly a typing slip (1985 given, 1958 listed)',
    ]);
  });
});
