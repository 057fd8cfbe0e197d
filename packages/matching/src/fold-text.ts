/**
 * Text folding shared by every comparator: Unicode NFKC, transliteration to Latin, case fold,
 * diacritics stripped (any-ascii maps "é" -> "e", "ß" -> "ss", "ł" -> "l"), apostrophes and
 * ayn/hamza marks dropped inside words ("Sa'id" -> "said"), other punctuation -> one space.
 * Idempotent: foldText(foldText(x)) === foldText(x).
 */
import { transliterate } from './transliterate.ts';

const APOSTROPHES = /['\u2018\u2019\u02BC\u02BB\u02BF\u02BE\u0060\u00B4]/g;
const NOT_ALNUM = /[^a-z0-9]+/g;

export function foldText(raw: string): string {
  const latin = transliterate(raw.normalize('NFKC'));
  return latin.toLowerCase().replace(APOSTROPHES, '').replace(NOT_ALNUM, ' ').trim();
}
