/**
 * Digits an OCR reads for letters inside names ("A1-KHATIB", "Dub0is", "KAR1M"): 1 for l or I,
 * 0 for o or O. `readOcrDigits` gives the text with such a digit read as its letter, the same
 * length, so that offsets into it are offsets into the text. Only a lone 0 or 1 is read, between
 * letters of a word that holds no other digit and at least three letters, or as the "l" of an
 * "Al-" / "El-" particle; a digit next to another digit or at a word's edge ("SN3012", "EP1234567",
 * "10h30", "1-ABC-123") is a number and stays one.
 */
const OCR_DIGIT = /(?<![\p{L}\p{N}])(?:[AaEe]1(?=-\p{L})|\p{L}+[01]\p{L}+(?![\p{L}\p{N}]))/gu;

export function readOcrDigits(text: string): string {
  if (!/\p{L}[01]\p{L}|[AaEe]1-/u.test(text)) return text;
  return text.replace(OCR_DIGIT, (word: string, at: number) => {
    // the particle's case is that of the name after it: "A1-KHATIB" is AL-KHATIB, "A1-Khatib" Al-Khatib
    if (word.length === 2) return `${word[0] ?? ''}${/\p{Lu}{2}/u.test(text.slice(at + 3, at + 5)) ? 'L' : 'l'}`;
    if (word.length < 4) return word;
    const upper = word === word.toUpperCase();
    return word.replace(/[01]/, (d) => (d === '0' ? (upper ? 'O' : 'o') : upper ? 'I' : 'l'));
  });
}
