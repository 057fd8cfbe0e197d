import { describe, expect, it } from 'vitest';
import { extract } from './extract.ts';
import { namesListedOf } from './test-documents.ts';
import type { ExtractResult } from './types.ts';

const names = (r: ExtractResult) => new Map(r.entities.map((e) => [e.id, e.name]));
const described = (r: ExtractResult) => {
  const name = names(r);
  return r.relations.map((x) => `${name.get(x.source) ?? ''} ${x.type}${x.kind === undefined ? '' : `:${x.kind}`} ${name.get(x.target) ?? ''}`);
};

/** The least time of `runs` extractions of `text`, in ms. */
function fastest(text: string, runs = 2): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    extract(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('findRelations', () => {
  it('reads one sentence listing names in time linear in its length, not its square', () => {
    extract(namesListedOf(1_000));
    const short = fastest(namesListedOf(50_000));
    const long = fastest(namesListedOf(400_000));
    // eight times the text: about eight times the time; its square would be sixty-four
    expect(long / short).toBeLessThan(20);
  }, 60_000);

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
