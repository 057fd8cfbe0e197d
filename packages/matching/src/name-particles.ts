/**
 * Name particles and honorifics. They are tagged, not dropped, so explanations can show them,
 * but they take no part in token alignment: "al-Belgiki" and "Belgiki" are the same surname,
 * "Khalil Ben Ahmed" and "Khalil Ahmed" the same patronymic chain, "Dr. Musa" and "Musa" the
 * same person. Lists follow the naming conventions in the UN/OFAC consolidated lists
 * (Arabic, Persian, Pashto, Malay, Spanish, Portuguese, Dutch, German, French, Italian forms).
 */

/** Arabic definite article as a separate word (hyphenated assimilated forms are rewritten to "al"). */
export const ARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'ul', 'il', 'ol']);

/** Patronymic / filiation particles: "son of", "daughter of". */
export const FILIATION: ReadonlySet<string> = new Set(['bin', 'ben', 'ibn', 'ibni', 'bint', 'binti', 'bent', 'ould', 'ouled', 'wuld', 'oglu', 'ogly', 'kyzy', 'qizi', 'uulu']);

/** European surname particles. */
export const EUROPEAN_PARTICLES: ReadonlySet<string> = new Set(['de', 'del', 'della', 'delle', 'dei', 'di', 'da', 'das', 'do', 'dos', 'du', 'des', 'la', 'las', 'le', 'les', 'lo', 'los', 'van', 'von', 'der', 'den', 'ter', 'ten', 'zu', 'y']);

/** Titles and honorifics; they say nothing about identity. */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mister', 'sir', 'dr', 'doctor', 'prof', 'professor', 'eng', 'engineer',
  'sheikh', 'shaikh', 'shaykh', 'sheik', 'shaik', 'cheikh', 'cheik', 'sheykh', 'haji', 'hajji', 'hajj', 'haj', 'hadj', 'hadji', 'alhaji', 'alhajj',
  'mullah', 'mulla', 'molla', 'mawlawi', 'maulvi', 'moulvi', 'mawlana', 'maulana', 'qari', 'ustadz', 'ustaz', 'ustad', 'imam', 'mufti', 'amir', 'emir',
  'sayed', 'sayyid', 'sayyed', 'seyed', 'seyyed', 'syed', 'sayid',
  // generational suffixes ("Jr.", "III") say which family member, not which name
  'jr', 'sr', 'ii', 'iii', 'iv',
  'general', 'gen', 'colonel', 'col', 'major', 'maj', 'captain', 'capt', 'lieutenant', 'lt', 'sergeant', 'sgt', 'brigadier', 'admiral', 'commander',
]);

/** Kunya heads: "Abu X" (father of X), "Umm X" (mother of X). */
export const KUNYA_HEADS: ReadonlySet<string> = new Set(['abu', 'abou', 'abo', 'aboo', 'abi', 'abul', 'umm', 'um', 'oum', 'omm', 'ummu']);

/** Heads of theophoric compounds "Abd al-X" (servant of X) written as two or three words. */
export const ABD_HEADS: ReadonlySet<string> = new Set(['abd', 'abdel', 'abdul', 'abdal', 'abdol', 'abdil', 'abdur', 'abdus', 'abdes', 'abdar', 'abdas', 'abdoul']);

/**
 * Whether a folded word is a particle, a title or a kunya's head ("al", "bin", "van", "dr",
 * "abu"): a word that names no one alone, so search marks it in a name only when the query holds
 * nothing else. The heads of "Abd al-X" are not among them: Abdul and Abdel are names too.
 */
export function isParticleOrTitle(word: string): boolean {
  return ARTICLES.has(word) || FILIATION.has(word) || EUROPEAN_PARTICLES.has(word) || HONORIFICS.has(word) || KUNYA_HEADS.has(word);
}
