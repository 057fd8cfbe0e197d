import { describe, expect, it } from 'vitest';
import { keptDecisionText } from './hit-card.tsx';

describe('a decision the check already holds', () => {
  const at = '2025-11-03T13:05:00Z';
  it('says who took it, the officer reading or another, in words', () => {
    expect(keptDecisionText({ decision: 'reject', by: 'zone.checkpoint2', at }, 'zone.checkpoint1')).toBe('Already rejected by another officer.');
    expect(keptDecisionText({ decision: 'confirm', by: 'zone.checkpoint1', at }, 'zone.checkpoint1')).toBe('Already confirmed by you.');
    expect(keptDecisionText({ decision: 'called', by: 'zone.checkpoint2', at }, 'zone.checkpoint1')).toBe('The desk was already called by another officer.');
  });
});
