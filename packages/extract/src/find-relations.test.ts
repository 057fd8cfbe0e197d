import { describe, expect, it } from 'vitest';
import { extract } from './extract.ts';
import type { ExtractResult } from './types.ts';

const names = (r: ExtractResult) => new Map(r.entities.map((e) => [e.id, e.name]));
const described = (r: ExtractResult) => {
  const name = names(r);
  return r.relations.map((x) => `${name.get(x.source) ?? ''} ${x.type}${x.kind === undefined ? '' : `:${x.kind}`} ${name.get(x.target) ?? ''}`);
};

// How the time grows with a sentence listing names is measured, not asserted here:
// bench/extract.ts --listed N (BENCHMARKS.md, Text extraction).
describe('findRelations', () => {
  it('finds kin of the subject and a pronoun\'s phone number in a long list as in a short one', () => {
    const given = ['Piotr', 'Marek', 'Jan', 'Ahmed', 'Youssef', 'Karim', 'Luc', 'Milan'];
    const family = ['Nowak', 'Benali', 'Janssens', 'Peeters', 'Dubois', 'Maes', 'Haddad', 'Wouters'];
    const listed = (n: number) => Array.from({ length: n }, (_, i) => `${given[i % 8]} ${family[(i * 3 + (i >> 3)) % 8]}`).join(', ');
    const sentence = (n: number) => `Ivan Kowalski met ${listed(n)}, Jan Haddad, with his brother Tomas Kowalski and his cousin Ivan Kowalski, and gave his phone number 0486 12 34 56.`;
    const notMet = (n: number) => described(extract(sentence(n), { country: 'be' })).filter((x) => !x.includes(' met '));
    const short = notMet(3);
    expect(short).toEqual(expect.arrayContaining(['Ivan Kowalski family:brother Tomas Kowalski', 'Ivan Kowalski holds +32486123456']));
    // "his cousin Ivan Kowalski" names the subject: the kin is the first other person's
    expect(short).toContain('Piotr Nowak family:cousin Ivan Kowalski');
    expect(notMet(3_000)).toEqual(short);
  });
});
