/**
 * Arabic-script -> Latin transliteration by rule tables, written for name matching rather than
 * for scholarly romanisation (no macrons, no ayn/hamza marks): the output is what an officer
 * would type and what our phonetic key can bring together with the usual Latin spellings.
 *
 * Rules (tuned on ../shared/data/translit/ar2en-train.txt, measured on ar2en-eval.txt by
 * bench/eval-translit.ts):
 * - alef forms: ا آ ٱ -> a; أ -> a; إ -> i; hamza seats ؤ -> u, ئ -> i, bare ء dropped.
 * - ta marbuta ة and alef maqsura ى -> a (the usual spelling of -a / -ah / -at endings).
 * - the article ال at the start of a word is written "al-" before moon letters and, before sun
 *   letters, with the assimilated consonant ("ash-sh..." is written "al-sh..." so that the name
 *   part stays intact for matching; the particle is then tagged by normalizeName).
 * - و and ي are consonants (w, y) at the start of a word or next to a long vowel, long vowels
 *   (u, i) between consonants.
 * - short vowels are not written in Arabic script: harakat, when present, are used; otherwise a
 *   vowel is inserted between two consonants that cannot form a Latin cluster (heuristic below),
 *   and before a closing ha (صالح -> salah, as Saleh and Salah are written).
 * - Persian/Urdu letters (پ چ ژ گ ڤ ک ی ہ ے ...) and Arabic-Indic digits are covered too.
 * - the words of filiation and kinship that are particles of a name, not names (بن, ابن, بنت,
 *   أبو, أم, آل, ولد), are written as the Latin particles normalizeName knows (bin, ibn, bint,
 *   abu, umm, al, ould): rules alone wrote "bn" and "bant", which read as given names.
 *
 * The vowels inserted by the last rule are a guess. `arabicFrames` gives, for each word, what the
 * script does write (writtenFrame): its consonants and the vowels written as letters, so that a
 * comparison can check a Latin spelling against the written word rather than against the guess.
 */
import { phoneticSkeleton, vowelClasses } from './phonetic-key.ts';
import { ANY_VOWEL, FrameBuilder } from './written-frame.ts';

const CONSONANTS: Readonly<Record<string, string>> = {
  'ب': 'b', 'ت': 't', 'ث': 'th', 'ج': 'j', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'dh', 'ر': 'r',
  'ز': 'z', 'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'غ': 'g', 'ف': 'f',
  'ق': 'q', 'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h',
  // Persian, Urdu and Maghrebi letters
  'پ': 'p', 'چ': 'ch', 'ژ': 'zh', 'گ': 'g', 'ڤ': 'v', 'ڥ': 'v', 'ک': 'k', 'ڭ': 'g', 'ہ': 'h', 'ھ': 'h',
  'ٹ': 't', 'ڈ': 'd', 'ڑ': 'r', 'ں': 'n', 'ڨ': 'g',
};

/** Letters that carry a vowel of their own (long vowels, hamza seats, ta marbuta...). */
const VOWEL_LETTERS: Readonly<Record<string, string>> = {
  'ا': 'a', 'آ': 'a', 'ٱ': 'a', 'أ': 'a', 'إ': 'i', 'ى': 'a', 'ة': 'a', 'ۀ': 'a', 'ؤ': 'u', 'ئ': 'i', 'ے': 'e', 'ع': 'a',
};

/** Harakat (optional short-vowel marks). */
const HARAKAT: Readonly<Record<string, string>> = {
  '\u064E': 'a', '\u064F': 'u', '\u0650': 'i', '\u064B': 'an', '\u064C': 'un', '\u064D': 'in', '\u0652': '', '\u0670': 'a',
};
const SHADDA = '\u0651';

/** Sun letters assimilate the l of the article (al-shams is pronounced ash-shams). */
const SUN_LETTERS = new Set('تثدذرزسشصضطظلن');

/** Latin consonant pairs that need no vowel between them (onsets and codas common in names). */
const CLUSTERS = new Set([
  'st', 'sk', 'sp', 'sm', 'sn', 'sl', 'tr', 'dr', 'br', 'pr', 'kr', 'gr', 'fr', 'bl', 'pl', 'kl', 'gl', 'fl',
  'nd', 'nt', 'rd', 'rt', 'rn', 'rm', 'rl', 'ld', 'lt', 'lm', 'ls', 'rs', 'ns', 'nk', 'ng', 'mp', 'mb', 'rk',
  'rg', 'lf', 'rf', 'rb', 'lb', 'lk', 'ks', 'ts', 'ft', 'kt', 'ht', 'hm', 'hd', 'hr', 'hl', 'hn', 'hb', 'hs', 'sht', 'rz', 'rj',
]);

const ARABIC_DIGIT_ZERO = 0x0660;
const PERSIAN_DIGIT_ZERO = 0x06f0;

/** Whole words that are name particles, with the Latin particle normalizeName tags as such. */
const PARTICLE_WORDS: ReadonlyMap<string, string> = new Map([
  ['بن', 'bin'], ['ابن', 'ibn'], ['إبن', 'ibn'], ['بنت', 'bint'], ['أبو', 'abu'], ['ابو', 'abu'],
  ['أم', 'umm'], ['ام', 'umm'], ['آل', 'al'], ['ولد', 'ould'],
]);

/**
 * `open`: a vowel whose quality the script does not write: an ayn's (Omar, Umar, Ali and Abbas
 * all start with one) or that of a word-initial alif or hamza on alif (Ahmed, Usama, Osman).
 */
interface Unit { readonly latin: string; readonly vowel: boolean; readonly open?: boolean }

export function transliterateArabic(text: string): string {
  return text.split(/(\s+)/).map((part) => (/\s/.test(part) || part === '' ? part : spelled(part))).join('');
}

function spelled(input: string): string {
  const particle = PARTICLE_WORDS.get(input.replace(/\u0640/g, ''));
  if (particle !== undefined) return particle;
  const { prefix, units } = word(input);
  return prefix + withShortVowels(units);
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && (ch in CONSONANTS || ch in VOWEL_LETTERS || ch === 'و' || ch === 'ي' || ch === 'ی' || ch === 'ء');
}

function word(input: string): { readonly prefix: string; readonly units: readonly Unit[] } {
  let w = input.replace(/\u0640/g, ''); // tatweel is decoration
  let prefix = '';
  // Definite article: "al-" and the assimilated form; a bare ال word is left alone.
  if (w.length > 3 && w.startsWith('ال') && isLetter(w[2])) {
    prefix = 'al-';
    w = w.slice(2);
    if (w.startsWith('ا') || w.startsWith('أ') || w.startsWith('إ') || w.startsWith('آ')) w = w.replace(/^[اآ]/, 'أ');
  }
  const units: Unit[] = [];
  const chars = [...w];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const prev = units[units.length - 1];
    const next = chars[i + 1];
    const code = ch.codePointAt(0) ?? 0;
    if (code >= ARABIC_DIGIT_ZERO && code <= ARABIC_DIGIT_ZERO + 9) { units.push({ latin: String(code - ARABIC_DIGIT_ZERO), vowel: false }); continue; }
    if (code >= PERSIAN_DIGIT_ZERO && code <= PERSIAN_DIGIT_ZERO + 9) { units.push({ latin: String(code - PERSIAN_DIGIT_ZERO), vowel: false }); continue; }
    if (ch in HARAKAT) { const v = HARAKAT[ch] ?? ''; if (v) units.push({ latin: v, vowel: true }); continue; }
    if (ch === SHADDA) { if (prev && !prev.vowel) units.push({ latin: prev.latin, vowel: false }); continue; }
    if (ch === 'ء') continue;
    if (ch === 'و') {
      const consonant = i === 0 || (prev?.vowel ?? false) || next === 'ا' || (i === chars.length - 1 ? false : next === 'و');
      units.push(consonant ? { latin: 'w', vowel: false } : { latin: 'u', vowel: true });
      continue;
    }
    if (ch === 'ي' || ch === 'ی') {
      const consonant = i === 0 || ((prev?.vowel ?? false) && prev?.latin !== 'i' && i < chars.length - 1) || next === 'ا' || next === 'و';
      units.push(consonant ? { latin: 'y', vowel: false } : { latin: 'i', vowel: true });
      continue;
    }
    if (ch === 'ه' && i === chars.length - 1 && i > 0 && !(prev?.vowel ?? true)) {
      // final h after a consonant is a ta-marbuta-like ending: -a / -e
      units.push({ latin: 'a', vowel: true });
      continue;
    }
    if (ch === 'ع') {
      // ayn: a vowel carrier at the start; silent next to a written vowel
      if (prev?.vowel || next === 'ا' || next === 'ي' || next === 'و') continue;
      units.push({ latin: 'a', vowel: true, open: true });
      continue;
    }
    const v = VOWEL_LETTERS[ch];
    if (v !== undefined) { units.push(units.length === 0 && (ch === 'ا' || ch === 'أ') ? { latin: v, vowel: true, open: true } : { latin: v, vowel: true }); continue; }
    const c = CONSONANTS[ch];
    if (c !== undefined) {
      if (prefix && units.length === 0 && SUN_LETTERS.has(ch)) prefix = 'al-';
      units.push({ latin: c, vowel: false });
      continue;
    }
    units.push({ latin: ch, vowel: false });
  }
  return { prefix, units };
}

/**
 * Short-vowel insertion: between two consonants that do not form a usual Latin cluster, and
 * after a word-initial consonant followed by a consonant, insert "a" (the most frequent short
 * vowel in Arabic names). Clusters at the end of a word are left as they are.
 */
function withShortVowels(units: readonly Unit[]): string {
  let out = '';
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    out += u.latin;
    const next = units[i + 1];
    if (!next || u.vowel || next.vowel) continue;
    // no vowel between the last two consonants (Abd, Amr, Bakr, -ovich endings are rare), but
    // before a closing h (ha, ح): names end on a vowel and h (Saleh, Farah, Muslih), Latin
    // spellings never on a cluster into it
    const isLast = i + 1 === units.length - 1;
    if (isLast && next.latin !== 'h') continue;
    const pair = (u.latin.slice(-1) + next.latin[0]);
    if (u.latin === next.latin) continue; // shadda written out
    if (CLUSTERS.has(pair) && (i > 0 || pair[0] === 's')) continue;
    if (/[0-9]/.test(pair)) continue;
    out += 'a';
  }
  return out;
}

/** What the script writes of a word: its consonants and the vowels written as letters (not the inserted guesses). */
function writtenFrame(units: readonly Unit[]): string | undefined {
  const frame = new FrameBuilder();
  for (const u of units) {
    if (u.vowel) {
      frame.vowel(u.open ? ANY_VOWEL : (vowelClasses(u.latin).charCodeAt(0) - 48 || ANY_VOWEL));
      continue;
    }
    // the class the phonetic key gives the letter's Latin spelling (kh and h, q and k, sh and s
    // are one class there), so that a frame and a Latin spelling's frame read alike; y, a vowel
    // letter to the key, is the consonant FrameBuilder places
    const c = u.latin === 'y' ? 'Y' : phoneticSkeleton(u.latin);
    if (!/^[A-Z]$/.test(c)) return undefined; // a digit or a character of no class: no frame
    frame.consonant(c);
  }
  return frame.frame();
}

/** Runs of Arabic letters (with harakat and tatweel), as the words of a name. */
const ARABIC_LETTERS = /[\u0621-\u065F\u0670-\u06D3\u06FA-\u06FF]+/g;

/**
 * The written frame of each Arabic-script word of `text` (NFKC), by the word's name part as
 * transliterateArabic spells it and foldText folds it (the article and particles are not
 * names and have none). The first frame of a spelling is kept.
 */
export function arabicFrames(text: string): ReadonlyMap<string, string> {
  const frames = new Map<string, string>();
  for (const [letters] of text.matchAll(ARABIC_LETTERS)) {
    if (PARTICLE_WORDS.has(letters.replace(/\u0640/g, ''))) continue;
    const { units } = word(letters);
    const frame = writtenFrame(units);
    const key = withShortVowels(units).toLowerCase().replace(/[^a-z0-9]/g, '');
    if (frame !== undefined && key !== '' && !frames.has(key)) frames.set(key, frame);
  }
  return frames;
}
