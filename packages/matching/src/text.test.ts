import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames } from './compare-names.ts';
import { foldText } from './fold-text.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { phoneticKey, phoneticSkeleton } from './phonetic-key.ts';
import { transliterate } from './transliterate.ts';

describe('foldText', () => {
  it('folds case, diacritics, apostrophes and punctuation', () => {
    expect(foldText("  JOSÉ-María O'Neil, Jr. ")).toBe('jose maria oneil jr');
    expect(foldText('Straße Łódź')).toBe('strasse lodz');
    expect(foldText('ＡＢＣ')).toBe('abc'); // NFKC full-width
  });
  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => foldText(foldText(s)) === foldText(s)));
  });
});

describe('transliterate', () => {
  it('handles Arabic alef forms, ta marbuta and the article', () => {
    expect(transliterate('أسامة')).toBe('asama');
    expect(transliterate('إبراهيم').startsWith('ibrahim')).toBe(true);
    expect(transliterate('الحلبي').startsWith('al-')).toBe(true);
    expect(transliterate('عبد')).toBe('abd');
  });
  it('uses any-ascii for Cyrillic and Greek', () => {
    expect(transliterate('Иван Петров')).toBe('Ivan Petrov');
    expect(transliterate('Νικόλαος')).toBe('Nikolaos');
  });
  it('reads Greek as Greek passports spell it (ELOT 743): ου, the vowel digraphs of υ, and γ before a velar', () => {
    expect(transliterate('Λουκάς Κουτσούρης')).toBe('Loukas Koutsouris');
    expect(transliterate('ΜΟΥΣΑΓΙΕΒΑ')).toBe('MOUSAGIEVA');
    expect(transliterate('Ευάγγελος Αυγερινός')).toBe('Evangelos Avgerinos');
    expect(transliterate('Ευθύμιος Ναύπλιο')).toBe('Efthymios Nafplio');
    expect(transliterate('Άγχος Σφίγξ')).toBe('Anchos Sfinx');
    // a dialytika parts the letters: no digraph
    expect(transliterate('Προϋπόθεση Ευφροσύνη')).toBe('Proypothesi Effrosyni');
    expect(transliterate('Νικόλαος')).toBe('Nikolaos');
  });
  it('reads a foreign name written in Greek with its b, d, g, j, y and kh; a Greek name keeps its passport spelling', () => {
    // a word ending in a consonant other than ς is no Greek name: every Greek word of the text is read as foreign
    expect(transliterate('Μπελκασέμ')).toBe('Belkasem');
    expect(transliterate('Ντάβιντ Γκαμπέν')).toBe('David Gaben');
    expect(transliterate('Τζαμίλα Γιασίν')).toBe('Jamila Yasin');
    expect(transliterate('ΧΑΣΑΝ ΝΤΙΑΜΠ')).toBe('KHASAN DIAB');
    expect(transliterate('Χαλίμ Γιουσέφ')).toBe('Khalim Yousef');
    // γ before e or i is y, τσ a ch
    expect(transliterate('Γελίζ Τσελίκ Ντουμπρόβιτς')).toBe('Yeliz Chelik Doubrovich');
    // μπ, ντ, γκ after a consonant: only a foreign b, d, g
    expect(transliterate('Ολμπέρτο')).toBe('Olberto');
    // native names: the passport's spelling, letter for letter
    expect(transliterate('Μπακογιάννης Ντίνος')).toBe('Mpakogiannis Ntinos');
    expect(transliterate('Γιώργος Χρήστου')).toBe('Giorgos Christou');
    expect(transliterate('Τζαννετάκης Πλάτων')).toBe('Tzannetakis Platon');
    expect(transliterate('Τζαμίλα')).toBe('Tzamila');
  });
  it('reads a word ending in ς after a consonant as foreign, and leaves a Greek man\'s name beside a foreign word as Greek', () => {
    expect(transliterate('Τζέιμς')).toBe('Jeims');
    expect(transliterate('Ντράγκαν Πέτροβιτς')).toBe('Dragan Petrovich');
    expect(transliterate('Πέτροβιτς')).toBe('Petrovich');
    // a Greek citizen's given name beside a surname of foreign ending keeps its passport spelling
    expect(transliterate('Γιάννης Χατζιάν')).toBe('Giannis Khajian');
    expect(compareNames('Γιάννης Μπογοσιάν', 'Giannis Bogosian').level).toBe('exact');
  });
  it('matches a foreign name written in Greek against its own Latin spelling', () => {
    expect(compareNames('Μπελκασέμ Γιασίν', 'Belkacem Yassin').level).toBe('phonetic');
    expect(compareNames('Ντάβιντ', 'David').level).toBe('exact');
    expect(compareNames('Χασάν Τζαμάλ', 'Hassan Djamal').level).toBe('phonetic');
    expect(compareNames('Γιώργος Μπακογιάννης', 'Giorgos Mpakogiannis').level).toBe('exact');
  });
  it('reads a Ukrainian or Belarusian text as their passports spell it: г as h, Ukrainian и as y, є and ї opening a word as ye and yi', () => {
    expect(transliterate('Григорій Гнатів')).toBe('Hryhoriy Hnativ');
    expect(transliterate('Євгенія Їжак')).toBe('Yevheniya Yizhak');
    expect(transliterate('ГРИГОРІЙ')).toBe('HRYHORIY');
    // Belarusian (ы, ў, э): г as h, no и to read
    expect(transliterate('Алег Гаўрылавіч')).toBe('Aleh Haurylavich');
    // Russian, and a Ukrainian name with no letter Russian has not, as before
    expect(transliterate('Григорий Гнатов')).toBe('Grigoriy Gnatov');
    expect(transliterate('Олег Гнатюк')).toBe('Oleg Gnatyuk');
    expect(compareNames('Мирослав Гнатів', 'Myroslav Hnativ').level).toBe('exact');
    expect(compareNames('Вольга Гаўрылавіч', 'HAURYLAVICH, Volha').level).toBe('exact');
  });
  it('leaves ASCII untouched', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'abcXYZ 019-,'.split('')) }), (s) => transliterate(s) === s));
  });
});

describe('phoneticKey', () => {
  it.each([
    ['mohamed', 'muhammad'], ['youssef', 'yusuf'], ['qaddafi', 'kadhafi'], ['husayn', 'hussein'], ['mehmet', 'mehmed'],
    ['chokri', 'shukri'], ['ivanov', 'iwanow'], ['oualid', 'walid'], ['fatimah', 'fatima'], ['djamel', 'jamel'],
    ['fawzi', 'fouzi'], ['mawlawi', 'moulvi'],
  ])('%s ~ %s', (a, b) => expect(phoneticKey(a)).toBe(phoneticKey(b)));
  // Belarusian ў (u, w) where Russian writes в (v)
  it.each([['shevchenko', 'shauchenka'], ['barsukov', 'barsukou'], ['ivanovna', 'ivanauna'], ['pavlichenko', 'paulichenka'], ['naumov', 'naumau']])(
    '%s ~ %s (Belarusian ў)', (a, b) => expect(phoneticKey(a)).toBe(phoneticKey(b)));
  it.each([['hassan', 'hussein'], ['yusuf', 'yasin'], ['karim', 'salim'], ['lev', 'leo'], ['lev', 'lee']])('%s differs from %s', (a, b) => expect(phoneticKey(a)).not.toBe(phoneticKey(b)));
});

describe('phoneticSkeleton', () => {
  it('keeps vowel slots: variants agree, names with the same consonants do not', () => {
    expect(phoneticSkeleton('obaidi')).toBe(phoneticSkeleton('ubaydi'));
    expect(phoneticSkeleton('husayn')).toBe(phoneticSkeleton('hussein'));
    expect(phoneticKey('mohamed')).toBe(phoneticKey('mahmoud'));
    expect(phoneticSkeleton('mohamed')).not.toBe(phoneticSkeleton('mahmoud'));
  });
});

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
  it('is symmetric and bounded', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (a, b) => {
      const s = jaroWinkler(a, b);
      return s >= 0 && s <= 1 && Math.abs(s - jaroWinkler(b, a)) < 1e-12;
    }));
  });
  it('gives exactly the textbook scan\'s value, short strings (bit sets) and long ones alike', () => {
    const names = fc.string({ unit: fc.constantFrom(...'aeiomnrsdhk'.split('')), maxLength: 40 });
    // char codes 33 apart share their low five bits ('a' and U+0081 ...): positions kept by code modulo 32 must still compare the chars
    const colliding = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B', '\u0081', '\u0082', '!', '"'), maxLength: 12 });
    for (const word of [names, colliding, fc.string({ maxLength: 50 })]) {
      fc.assert(fc.property(word, word, (a, b) => jaroWinkler(a, b) === textbookJaroWinkler(a, b)), { numRuns: 3000 });
    }
  });
});

/** Jaro-Winkler as Winkler (1990) states it, with flag arrays: the reference for the fast form. */
function textbookJaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const matchedA = a.split('').map(() => false);
  const matchedB = b.split('').map(() => false);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (!matchedB[j] && a[i] === b[j]) { matchedA[i] = true; matchedB[j] = true; m++; break; }
    }
  }
  if (m === 0) return 0;
  const inA = a.split('').filter((_, i) => matchedA[i]);
  const inB = b.split('').filter((_, j) => matchedB[j]);
  const transpositions = inA.filter((c, k) => c !== inB[k]).length;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
