/**
 * sentencesNaming reads the sentences a person's erasure takes for their name parts as folding
 * each sentence did (labelNames of the sentence, others' mentions blanked), on generated text
 * mixing their names in any case, with apostrophes, plurals and possessives, inside longer words,
 * in other scripts and compatibility forms, and others' mentions cutting words.
 */
import { splitSentences } from '@mosaic/extract';
import { describe, expect, it } from 'vitest';
import { labelNames } from '../watch/erase-from-watch-labels.ts';
import { sentencesNaming, withoutMentions, type TextRange } from './sentences-naming.ts';

const WORDS = [
  'Hallvard', 'Ostergren', 'OSTERGREN', 'ostergren', "Ostergren's", 'Ostergrens', "O'stergren", 'Oster`gren', 'Ostergrenn', 'Ostergren-Lund',
  'Thanh', 'Le', 'le', 'Leuven', 'van', 'Gent', 'x1', 'X1', "x'1", 'Östergren', 'Ostergrén', 'Ｏｓｔｅｒｇｒｅｎ', 'ﬁnn', 'Finn', 'Οστεργκρεν',
  'Остергрен', 'Їжак', 'Stergren', 'Hall', 'vard', 'met', 'the', 'drove', 'van', 'to', 'Ghent', 'on', '3', 'March', "didn't", '—', '(Ostergren)',
  'Dr.', 'Mr.', 'e.g.', '’s', 'Benedikte', 'Vaarsholm', 'Ingrid', 'Ostergren,', 'Ostergren;', '"Ostergren"', 'ostergren.', 'Ostergren’s',
];
const ENDS = ['.', '. ', '.\n', '\n', '! ', '? ', ' ', ', ', '; '];
const NAMINGS = [
  new Set(['hallvard', 'ostergren']),
  new Set(['thanh', 'le']),
  new Set(['x1', 'finn']),
  new Set(['stergren', 'hall']),
  new Set(['ostergren', 'ostergren', 'lund']),
  new Set<string>(),
];

/** A seeded generator, so a failure is seen again. */
function seeded(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
}

function generate(next: (n: number) => number): { text: string; others: TextRange[] } {
  let text = '';
  for (let sentence = 0; sentence < 60; sentence++) {
    const length = 1 + next(9);
    for (let word = 0; word < length; word++) text += `${WORDS[next(WORDS.length)]!}${word === length - 1 ? '' : ' '}`;
    text += ENDS[next(ENDS.length)]!;
  }
  // others' mentions anywhere, some cutting a word, some across a sentence's end
  const others: TextRange[] = [];
  for (let n = 0; n < 40; n++) {
    const start = next(text.length);
    others.push({ start, end: Math.min(text.length, start + 1 + next(20)) });
  }
  return { text, others };
}

/** What a sentence holding others' mentions was read as before: each folded alone. */
function foldedOneByOne(text: string, sentences: readonly TextRange[], othersIn: ReadonlyMap<number, readonly TextRange[]>, naming: ReadonlySet<string>): number[] {
  return sentences.flatMap((sentence, at) => (labelNames(withoutMentions(text, sentence, othersIn.get(at) ?? []), naming) ? [at] : []));
}

describe('sentencesNaming', () => {
  it('reads the same sentences as folding each one did, on generated text', () => {
    let found = 0;
    let left = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const next = seeded(seed);
      const { text, others } = generate(next);
      const sentences = splitSentences(text);
      const othersIn = new Map<number, TextRange[]>();
      for (const mention of others) {
        sentences.forEach((sentence, at) => {
          if (sentence.start < mention.end && mention.start < sentence.end) othersIn.set(at, [...othersIn.get(at) ?? [], mention]);
        });
      }
      for (const naming of NAMINGS) {
        const expected = foldedOneByOne(text, sentences, othersIn, naming);
        expect([...sentencesNaming(text, sentences, { naming, others })].sort((a, b) => a - b), `seed ${seed}, ${[...naming].join(' ')}`).toEqual(expected);
        // a sentence taken already is not read again
        const taken = new Set(expected.filter((_at, n) => n % 2 === 0));
        expect([...sentencesNaming(text, sentences, { naming, others, taken })].sort((a, b) => a - b)).toEqual(expected.filter((at) => !taken.has(at)));
        found += expected.length;
        left += sentences.length - expected.length;
      }
    }
    // the text holds both, many times over
    expect(found).toBeGreaterThan(500);
    expect(left).toBeGreaterThan(500);
  });

  it('finds a name written in another script or form, which only folding the sentence reads', () => {
    const text = 'The file was sent. Ｏｓｔｅｒｇｒｅｎ signed it. Nobody came. Östergren left.';
    const sentences = splitSentences(text);
    expect([...sentencesNaming(text, sentences, { naming: new Set(['ostergren']), others: [] })]).toEqual([1, 3]);
  });

  it('finds a name an apostrophe divides, and leaves one a mention of another holds', () => {
    const text = "O'Stergren called. Joost Ostergren answered. Ostergren's van was there.";
    const sentences = splitSentences(text);
    const joost = text.indexOf('Joost Ostergren');
    const others = [{ start: joost, end: joost + 'Joost Ostergren'.length }];
    expect([...sentencesNaming(text, sentences, { naming: new Set(['ostergren']), others })].sort()).toEqual([0, 2]);
  });
});
