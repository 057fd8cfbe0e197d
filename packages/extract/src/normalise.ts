/** Lower-case, diacritic-free form used as a lookup key, so that "Liège", "LIEGE" and "liege" meet. */
const cache = new Map<string, string>();

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function foldKey(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const key = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/[’`]/g, "'")
    .toLowerCase();
  // Names recur across reports; a bounded cache spares Unicode normalisation on the hot path.
  if (cache.size > 100_000) cache.clear();
  cache.set(text, key);
  return key;
}

/** "YILDIZ" -> "Yildiz"; leaves mixed-case words alone. */
export function titleCase(word: string): string {
  if (word !== word.toUpperCase() || word.length < 2) return word;
  return word.toLowerCase().replace(/(^|[-\s'’])(\p{Ll})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
}

export function isAllCaps(word: string): boolean {
  return /\p{Lu}/u.test(word) && word === word.toUpperCase() && /^[\p{Lu}\p{M}'’.-]+$/u.test(word);
}
