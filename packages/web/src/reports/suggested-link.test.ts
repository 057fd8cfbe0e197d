import { describe, expect, it } from 'vitest';
import type { LinkProposal } from '../api/api-types.ts';
import { suggestedLink } from './suggested-link.ts';

const proposal = (record: string, score: number, match: boolean, extra: Partial<LinkProposal> = {}): LinkProposal => ({ record, schema: 'Person', caption: record, agency: 'fedpol', score, match, explain: [], ...extra });

describe('the link suggested for an extracted name', () => {
  it('is the strongest proposal the matcher calls a match', () => {
    expect(suggestedLink([proposal('a', 0.8, true), proposal('b', 1, true), proposal('c', 0.46, false)])).toBe('b');
  });

  it('is none when no proposal reaches the matcher\'s threshold', () => {
    expect(suggestedLink([proposal('a', 0.46, false), proposal('b', 0.46, false)])).toBeUndefined();
    expect(suggestedLink([])).toBeUndefined();
  });

  it('is never a record holding an identifier', () => {
    expect(suggestedLink([proposal('p', 1, true, { identifier: { kind: 'phone', how: 'exact', property: 'phone', value: '+32471650392', link: 'holder' } })])).toBeUndefined();
  });
});
