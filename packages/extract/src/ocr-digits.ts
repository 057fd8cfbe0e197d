/**
 * Digits an OCR reads for letters inside names ("A1-KHATIB", "Dub0is", "KAR1M"): 1 for l or I,
 * 0 for o or O. `readOcrDigits` gives the text with such a digit read as its letter, the same
 * length, so that offsets into it are offsets into the text. Only a lone 0 or 1 is read, between
 * letters of a word that holds no other digit and at least three letters, or as the "l" of an
 * "Al-" / "El-" particle; a digit next to another digit or at a word's edge ("SN3012", "EP1234567",
 * "10h30", "1-ABC-123") is a number and stays one.
 */
const LETTER = /\p{L}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

export function readOcrDigits(text: string): string {
  // Each 0 and 1 is looked at with the characters around it, then the word around them: a
  // pattern over every word of a report, for one holding a digit, cost a twentieth of extraction.
  let out = '';
  let from = 0;
  for (let at = text.indexOf('1'), zero = text.indexOf('0'); at >= 0 || zero >= 0;) {
    const i = at < 0 ? zero : zero < 0 ? at : Math.min(at, zero);
    if (i === at) at = text.indexOf('1', at + 1);
    else zero = text.indexOf('0', zero + 1);
    const letter = candidate(text, i);
    if (letter === undefined) continue;
    out += text.slice(from, i) + letter;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The letter the digit at `at` stands for, or undefined where it is a number. */
function candidate(text: string, at: number): string | undefined {
  const before = text[at - 1] ?? '';
  const after = text[at + 1] ?? '';
  if (after === '-' && text[at] === '1' && /^[AaEe]$/.test(before) && !WORD_CHAR.test(text[at - 2] ?? '') && LETTER.test(text[at + 2] ?? '')) {
    return particleLetter(text, at);
  }
  return LETTER.test(before) && LETTER.test(after) ? wordLetter(text, at) : undefined;
}

/** "A1-KHATIB" is AL-KHATIB, "A1-Khatib" Al-Khatib: the particle's case is that of the name after it. */
function particleLetter(text: string, at: number): string | undefined {
  if (text[at] !== '1') return undefined;
  return /\p{Lu}{2}/u.test(text.slice(at + 2, at + 4)) ? 'L' : 'l';
}

/** The letter for the digit at `at` inside a word of letters, or undefined where the word is a code. */
function wordLetter(text: string, at: number): string | undefined {
  let start = at;
  while (start > 0 && WORD_CHAR.test(text[start - 1] ?? '')) start--;
  let end = at + 1;
  while (end < text.length && WORD_CHAR.test(text[end] ?? '')) end++;
  const word = text.slice(start, end);
  if (word.length < 4 || /\p{N}/u.test(word.slice(0, at - start) + word.slice(at - start + 1))) return undefined;
  const upper = word === word.toUpperCase();
  return text[at] === '0' ? (upper ? 'O' : 'o') : upper ? 'I' : 'l';
}
