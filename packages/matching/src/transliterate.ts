/**
 * Any script -> Latin. Arabic-script runs go through our own rule tables (transliterateArabic);
 * everything else (Cyrillic, Greek, Latin with diacritics, and the rest) through any-ascii,
 * whose Cyrillic and Greek tables follow the common BGN/PCGN-like spellings
 * ("Дмитрий" -> "Dmitriy", "Νικόλαος" -> "Nikolaos").
 */
import anyAscii from 'any-ascii';
import { transliterateArabic } from './arabic-transliterate.ts';

const ARABIC_RUN = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+(?:[\s\u0640]+[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+)*/g;
const NON_ASCII = /[^ -~\t\n\r]/;

export function transliterate(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  // NFKC first: Arabic presentation forms (U+FB50..U+FEFF) become ordinary letters.
  const nfkc = text.normalize('NFKC');
  const arabicDone = nfkc.replace(ARABIC_RUN, (run) => transliterateArabic(run));
  return NON_ASCII.test(arabicDone) ? anyAscii(arabicDone) : arabicDone;
}
