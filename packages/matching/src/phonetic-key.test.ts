/**
 * The phonetic key skips the rules that cannot fire on a token; these properties hold it equal,
 * on generated strings, to the plain implementation that runs every rule (kept here, verbatim,
 * as the reference).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phoneticKey, phoneticSkeleton, vowelClasses, vowelsAgree } from './phonetic-key.ts';

const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/dsch|dzh|dj|zh/g, 'J'],
  [/tsch|sch|tch|sh|ch|sz|cz/g, 'S'],
  [/kh/g, 'H'],
  [/gh/g, 'G'],
  [/g(?=[eiy])/g, 'J'],
  [/ph/g, 'F'],
  [/th/g, 'T'],
  [/dh/g, 'D'],
  [/ts|tz/g, 'C'],
  [/ck|q|k/g, 'K'],
  [/c(?=[eiy])/g, 'S'],
  [/c/g, 'K'],
  [/x/g, 'KS'],
  [/ou(?=[aeiouy])/g, 'W'],
  [/(?<=[aeiou])[vw](?=[^aeiouy])|(?<=^.{3,}[aeiou])[vw]$/g, 'u'],
  [/[vw]/g, 'W'],
  [/^y(?=[aeiou])/, 'Y'],
  [/(?<=[aeiou])y(?=[aeiou])/g, 'Y'],
  [/(?<=^.+)[ae][iy](?=[^aeiouy]|$)/g, 'Y'],
  [/p/g, 'b'],
  [/(?<=[aeiouy])h$/, ''],
];
const VOWEL = /[aeiouy]/;

function applyRules(token: string): string {
  let s = token.toLowerCase();
  for (const [pattern, replacement] of RULES) s = s.replace(pattern, replacement);
  return s;
}

function referenceKey(token: string): string {
  if (token === '') return '';
  const s = applyRules(token);
  let out = VOWEL.test(s[0] as string) ? 'A' : '';
  let previous = '';
  for (const ch of s) {
    const up = ch.toUpperCase();
    if (up === previous) continue;
    previous = up;
    if (!VOWEL.test(ch)) out += up;
  }
  if (out.length > 1 && out.endsWith('T')) out = out.slice(0, -1) + 'D';
  return out === '' ? 'A' : out;
}

function referenceSkeleton(token: string): string {
  if (token === '') return '';
  const s = applyRules(token);
  let out = '';
  let previous = '';
  for (const ch of s) {
    const slot = VOWEL.test(ch) ? '*' : ch.toUpperCase();
    if (slot === previous) continue;
    previous = slot;
    out += slot;
  }
  if (out.length > 1 && out.endsWith('T')) out = out.slice(0, -1) + 'D';
  return out;
}

/** Letters weighted towards the ones the rules consume, so that rule interactions come up often. */
const letters = fc.constantFrom(...'aeiouyaeiouhhhsscczzkkggdtpwvqxjlmnrbf0'.split(''));
const folded = fc.array(letters, { minLength: 0, maxLength: 14 }).map((a) => a.join(''));
const anyText = fc.string({ unit: 'grapheme', maxLength: 10 });

describe('phoneticKey and phoneticSkeleton equal the every-rule reference', () => {
  it('on folded tokens', () => {
    fc.assert(fc.property(folded, (t) => {
      expect(phoneticKey(t)).toBe(referenceKey(t));
      expect(phoneticSkeleton(t)).toBe(referenceSkeleton(t));
    }), { numRuns: 50_000 });
  });
  it('on any text (upper case, accents, other scripts)', () => {
    fc.assert(fc.property(anyText, (t) => {
      expect(phoneticKey(t)).toBe(referenceKey(t));
      expect(phoneticSkeleton(t)).toBe(referenceSkeleton(t));
    }), { numRuns: 10_000 });
  });
  it('on joined names', () => {
    for (const t of ['abdsalam', 'mohamedalhassan', 'tschaikowsky', 'dzhokhar', 'ouadoud', 'mawlawi', 'ayoub', 'husayn', 'fatimah', 'yasser', 'xiaoling', 'kadhafi']) {
      expect(phoneticKey(t)).toBe(referenceKey(t));
      expect(phoneticSkeleton(t)).toBe(referenceSkeleton(t));
    }
  });
});

describe('vowelsAgree', () => {
  it.each([
    ['kassem', 'qasim', true],
    ['seif', 'sayf', true],
    ['yahya', 'yehia', true],
    ['omar', 'umar', true],
    ['omar', 'amir', false],
    ['samir', 'somar', false],
    ['han', 'hun', false],
    ['karim', 'karima', false],
  ])('%s / %s -> %s', (a, b, expected) => {
    expect(vowelsAgree(vowelClasses(a), vowelClasses(b))).toBe(expected);
    expect(vowelsAgree(vowelClasses(b), vowelClasses(a))).toBe(expected);
  });
});
