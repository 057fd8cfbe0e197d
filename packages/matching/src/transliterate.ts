/**
 * Any script -> Latin. Arabic-script runs go through our own rule tables (transliterateArabic);
 * everything else (Cyrillic, Greek, Latin with diacritics, and the rest) through any-ascii,
 * whose Cyrillic and Greek tables follow the common BGN/PCGN-like spellings
 * ("Дмитрий" -> "Dmitriy", "Νικόλαος" -> "Nikolaos"). any-ascii reads Greek letter by letter,
 * so the digraphs of ELOT 743 (the Latin spelling of Greek passports and identity cards) are
 * read first: ου is "ou", not "oy", αυ ευ ηυ "av ev iv" or "af ef if", and γ before a velar "n"
 * ("Μουσάγιεβα" -> "Mousagieva", "Ευάγγελος" -> "Evangelos"), where a Greek-script name at a
 * checkpoint missed its listed Latin spelling.
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

function caseOf(model: string, latin: string): string {
  return model === model.toLowerCase() ? latin : latin.toUpperCase();
}

/** A run of Greek with the ELOT 743 digraphs spelled in Latin, the rest left to any-ascii. */
function greekDigraphs(run: string): string {
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

export function transliterate(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  // NFKC first: Arabic presentation forms (U+FB50..U+FEFF) become ordinary letters.
  const nfkc = text.normalize('NFKC');
  const arabicDone = nfkc.replace(ARABIC_RUN, (run) => transliterateArabic(run)).replace(GREEK_RUN, greekDigraphs);
  return NON_ASCII.test(arabicDone) ? anyAscii(arabicDone) : arabicDone;
}
