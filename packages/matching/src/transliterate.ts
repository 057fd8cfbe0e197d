/**
 * Any script -> Latin. Arabic-script runs go through our own rule tables (transliterateArabic);
 * everything else (Cyrillic, Greek, Latin with diacritics, and the rest) through any-ascii,
 * whose Cyrillic and Greek tables follow the common BGN/PCGN-like spellings
 * ("Дмитрий" -> "Dmitriy", "Νικόλαος" -> "Nikolaos"). any-ascii reads Greek letter by letter,
 * so the digraphs of ELOT 743 (the Latin spelling of Greek passports and identity cards) are
 * read first: ου is "ou", not "oy", αυ ευ ηυ "av ev iv" or "af ef if", and γ before a velar "n"
 * ("Μουσάγιεβα" -> "Mousagieva", "Ευάγγελος" -> "Evangelos"), where a Greek-script name at a
 * checkpoint missed its listed Latin spelling.
 *
 * A foreign name written in Greek is another matter: Greek has no letters for b, d, g (hard),
 * j or y, and writes them μπ, ντ, γκ, τζ and γι before a vowel, which ELOT 743 spells mp, nt,
 * gk, tz and gi letter for letter (Μπελκασέμ -> "Mpelkasem", not the Belkacem of the person's
 * own papers). Native Greek names end in a vowel or ς (an ancient one in -ων, -ωρ, ξ or ψ), so a
 * name with a Greek word ending in another consonant (Μπελκασέμ, Ντάβιντ, Γιασίν), or holding
 * μπ, ντ or γκ after a consonant (Αλμπέρτο), or ending in ς after a consonant (Τζέιμς,
 * Γιανουκόβιτς), is read as a foreign name: those five as b, d, g,
 * j and y (γ before e or i too: Γεβγκένι -> "Yevgeni"), τσ as ch (Γιανουκόβιτς -> "Yanoukovich"),
 * and χ as kh (the h and kh of Arabic names: Χασάν -> "Khasan", which the phonetic key reads
 * as Hasan), every Greek word of the text alike but one ending in a vowel and ς, as a Greek
 * man's name does (Γιάννης Σαρκισιάν -> "Giannis Sarkisian"). A Greek name keeps its passport spelling
 * (Μπακογιάννης -> "Mpakogiannis", Γιώργος -> "Giorgos"). A foreign name of Greek-looking
 * endings is read as Greek (Χαμενεΐ -> "Chamenei"), and a foreign nd as d (Αλεξάντρ -> "Alexadr").
 *
 * any-ascii reads all Cyrillic as Russian. Ukrainian and Belarusian passports spell г as h
 * (Hryhorii, Ryhoravich), and Ukrainian и as y (Mykola, Yanukovych), with є and ї at a word's
 * start as ye and yi. A text with a letter Russian has not (і ї є ґ ў) is read so, every
 * Cyrillic word of it alike: Belarusian when it writes ў, ы, э or ё, else Ukrainian. A
 * Ukrainian name without such a letter (Олег Тягнибок) is still read as Russian.
 */
import anyAscii from 'any-ascii';
import { transliterateArabic } from './arabic-transliterate.ts';

const ARABIC_RUN = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+(?:[\s\u0640]+[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+)*/g;
const NON_ASCII = /[^ -~\t\n\r]/;
const GREEK_RUN = /[\u0370-\u03FF\u1F00-\u1FFF]+(?:[\u0300-\u036F]+[\u0370-\u03FF\u1F00-\u1FFF]*)*/g;
const DIALYTIKA = '\u0308';
/** ELOT 743: αυ, ευ, ηυ read f before these (voiceless consonants) or at a word's end, else v. */
const VOICELESS = new Set('θκξπστφχψς');
const VOWEL_OF_DIGRAPH: Readonly<Record<string, string>> = { ο: 'o', α: 'a', ε: 'e', η: 'i' };
/** ELOT 743: γ before γ, ξ, χ (and κ inside a word, kept as "gk" on passports) is "n". */
const NASAL_GAMMA = new Set('γξχ');
/** A foreign name's b, d and hard g, as Greek writes them (μπ, ντ, γκ), and its j (τζ). */
const FOREIGN_STOPS: Readonly<Record<string, string>> = { μπ: 'b', ντ: 'd', γκ: 'g', τζ: 'j' };
const GREEK_VOWELS = new Set('αεηιουω');
const FRONT_VOWELS = new Set('εηιυ');
const CONSONANTS = new Set('βγδζθκλμνξπρστφχψ');
/** The letters a native Greek word may end in: a vowel, ς, ξ, ψ (Φοίνιξ, Πέλοψ); ν and ρ after ω (Πλάτων, Νέστωρ). */
const NATIVE_LAST = new Set('αεηιουωςσξψ');

/** The base letters of a Greek word, lower case, accents and dialytika dropped. */
function baseLetters(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036F]/g, '').toLowerCase();
}

/**
 * A Greek word that no native Greek name could be: ending in a consonant other than ς, ξ or ψ
 * (ν or ρ after ω aside), or writing μπ, ντ or γκ after a consonant, which Greek only does for a foreign
 * b, d or g (Αλμπέρτο, Ίνγκριντ).
 */
function looksForeign(word: string): boolean {
  const letters = baseLetters(word);
  const last = letters.charAt(letters.length - 1);
  const beforeLast = letters.charAt(letters.length - 2);
  if (last !== '' && !NATIVE_LAST.has(last) && !(/[νρ]/.test(last) && beforeLast === 'ω')) return true;
  // a Greek word's closing ς follows a vowel (-ος, -ης, -ας); Τζέιμς, Γιανουκόβιτς are foreign
  if ((last === 'ς' || last === 'σ') && CONSONANTS.has(beforeLast)) return true;
  return /[βγδζθκλμνξπρστφχψ](?:μπ|ντ|γκ)/.test(letters);
}

/** A word ending in a vowel and ς, as every Greek man's name does (Γιάννης, Χρήστος). */
function closesOnVowelAndSigma(word: string): boolean {
  const letters = baseLetters(word);
  return /[αεηιουω][ςσ]$/.test(letters);
}

function caseOf(model: string, latin: string): string {
  return model === model.toLowerCase() ? latin : latin.toUpperCase();
}

/**
 * A run of Greek with the ELOT 743 digraphs spelled in Latin, the rest left to any-ascii;
 * `foreign`: with a foreign name's b, d, g, j, y and kh (looksForeign) as well.
 */
function greekDigraphs(run: string, foreign: boolean): string {
  const chars = [...run.normalize('NFD')];
  /** The letter at `i` and where the next letter starts (past a tonos); dialytika: whether it has one. */
  const letterAt = (i: number): { letter: string; next: number; dialytika: boolean } => {
    let next = i + 1;
    let dialytika = false;
    while (next < chars.length && /[\u0300-\u036F]/.test(chars[next] as string)) {
      if (chars[next] === DIALYTIKA) dialytika = true;
      next++;
    }
    return { letter: chars[i] ?? '', next, dialytika };
  };
  let out = '';
  for (let i = 0; i < chars.length;) {
    const first = letterAt(i);
    const lower = first.letter.toLowerCase();
    const second = first.next < chars.length ? letterAt(first.next) : undefined;
    const secondLower = second?.letter.toLowerCase();
    const vowel = VOWEL_OF_DIGRAPH[lower];
    if (vowel !== undefined && second !== undefined && secondLower === 'υ' && !second.dialytika) {
      const after = second.next < chars.length ? letterAt(second.next).letter.toLowerCase() : '';
      const latin = lower === 'ο' ? 'ou' : `${vowel}${after === '' || VOICELESS.has(after) ? 'f' : 'v'}`;
      // the whole digraph upper case when both letters are ("ΟΥ" -> "OU"), else as its first letter
      out += second.letter === second.letter.toLowerCase() ? caseOf(first.letter, latin.charAt(0)) + latin.slice(1) : caseOf(first.letter, latin);
      i = second.next;
      continue;
    }
    if (foreign && second !== undefined && secondLower !== undefined) {
      const stop = FOREIGN_STOPS[lower + secondLower];
      if (stop !== undefined) {
        out += caseOf(first.letter, stop);
        i = second.next;
        continue;
      }
      // τσ is a foreign ch (Τσάβες, Γιανουκόβιτς), more often than a ts
      if (lower === 'τ' && (secondLower === 'σ' || secondLower === 'ς')) {
        out += caseOf(first.letter, 'c') + caseOf(second.letter, 'h');
        i = second.next;
        continue;
      }
      // γ before e or i is y, and γι before a vowel y alone (Γιασίν -> Yasin, Γεβγκένι -> Yevgeni); a foreign hard g is γκ
      if (lower === 'γ' && FRONT_VOWELS.has(secondLower)) {
        const third = second.next < chars.length ? letterAt(second.next).letter.toLowerCase() : '';
        const glide = secondLower === 'ι' && !second.dialytika && GREEK_VOWELS.has(third);
        out += caseOf(first.letter, 'y');
        i = glide ? second.next : first.next;
        continue;
      }
    }
    if (foreign && lower === 'χ') {
      // "KH" in a word written in capitals, else as the letter ("Χασάν" -> "Khasan")
      const capitals = second !== undefined && second.letter !== second.letter.toLowerCase();
      out += capitals ? caseOf(first.letter, 'kh') : caseOf(first.letter, 'k') + 'h';
      i = first.next;
      continue;
    }
    if (lower === 'γ' && secondLower !== undefined && NASAL_GAMMA.has(secondLower)) {
      out += caseOf(first.letter, 'n');
      i = first.next;
      continue;
    }
    out += chars.slice(i, first.next).join('');
    i = first.next;
  }
  return out.normalize('NFC');
}

const CYRILLIC_WORD = /[\u0400-\u04FF]+/g;
/** Letters of Ukrainian or Belarusian that Russian has not. */
const UKRAINIAN_OR_BELARUSIAN = /[іїєґўІЇЄҐЎ]/;
/** Letters of Belarusian (and Russian) that Ukrainian has not. */
const NOT_UKRAINIAN = /[ўыэёЎЫЭЁ]/;

/** A Cyrillic word of a Ukrainian (or, `belarusian`, Belarusian) text with the letters its passports spell otherwise than Russian's written in Latin; any-ascii reads the rest. */
function ukrainianOrBelarusian(word: string, belarusian: boolean): string {
  const capitals = word.length > 1 && word === word.toUpperCase();
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charAt(i);
    const lower = c.toLowerCase();
    let latin: string | undefined;
    if (lower === 'г') latin = 'h';
    else if (!belarusian && lower === 'и') latin = 'y';
    else if (!belarusian && i === 0 && lower === 'є') latin = 'ye';
    else if (!belarusian && i === 0 && lower === 'ї') latin = 'yi';
    if (latin === undefined) out += c;
    else out += capitals ? latin.toUpperCase() : caseOf(c, latin.charAt(0)) + latin.slice(1);
  }
  return out;
}

export function transliterate(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  // NFKC first: Arabic presentation forms (U+FB50..U+FEFF) become ordinary letters.
  const nfkc = text.normalize('NFKC');
  // a foreign word makes the name foreign, but for a word ending as a Greek man's name does (Γιάννης Σαρκισιάν)
  const foreign = nfkc.match(GREEK_RUN)?.some(looksForeign) ?? false;
  let arabicDone = nfkc.replace(ARABIC_RUN, (run) => transliterateArabic(run))
    .replace(GREEK_RUN, (run) => greekDigraphs(run, foreign && (!closesOnVowelAndSigma(run) || looksForeign(run))));
  if (UKRAINIAN_OR_BELARUSIAN.test(arabicDone)) {
    const belarusian = NOT_UKRAINIAN.test(arabicDone);
    arabicDone = arabicDone.replace(CYRILLIC_WORD, (word) => ukrainianOrBelarusian(word, belarusian));
  }
  return NON_ASCII.test(arabicDone) ? anyAscii(arabicDone) : arabicDone;
}
