/**
 * Consonant frames: a name as a script without short vowels writes it. Arabic script writes
 * consonants and long vowels only, so محمد is m-h-m-d and Mohamed, Muhammad, Mouhamed and
 * Mohammad are all spellings of it, while محمود (m-h-m-ū-d) writes the long u that Mahmoud
 * has and Muhammad has not. A transliteration must guess the short vowels (it writes "mahmd");
 * comparing the Latin spelling against the frame instead of the guess is what a reader of both
 * scripts does.
 *
 * A frame: the consonant classes (phoneticSkeleton's), a bar, then one digit per gap (before the
 * first consonant, between each two, after the last) with the vowel classes there (bits: a 1,
 * i 2, u 4; 0 none). Inside a word y counts as the vowel i (Husayn ~ Hussein ~ حسين, Ayoub ~
 * أيوب); only a leading y is a consonant (Yusuf). A final t with no vowel after it is d
 * (phoneticSkeleton's final devoicing).
 */

/** A vowel whose quality is not written (an ayn's, a word-initial alif's). */
export const ANY_VOWEL = 7;
/** French spellings close a name on a silent e (Karime, Yassine, Redouane). */
const SILENT_E = 3;

export class FrameBuilder {
  private consonants = '';
  private readonly gaps: number[] = [0];

  vowel(classes: number): void {
    this.gaps[this.gaps.length - 1] = (this.gaps[this.gaps.length - 1] as number) | classes;
  }

  consonant(c: string): void {
    if (c === 'Y' && (this.consonants.length > 0 || this.gaps[0] !== 0)) {
      this.vowel(2);
      return;
    }
    // a doubled consonant (a shadda; Hassan) is one
    if (this.consonants.endsWith(c) && this.gaps[this.gaps.length - 1] === 0) return;
    this.consonants += c;
    this.gaps.push(0);
  }

  frame(): string | undefined {
    if (this.consonants === '') return undefined;
    let consonants = this.consonants;
    if (consonants.endsWith('T') && this.gaps[this.gaps.length - 1] === 0) consonants = consonants.slice(0, -1) + 'D';
    return `${consonants}|${this.gaps.map((g) => String.fromCharCode(48 + g)).join('')}`;
  }
}

/** The frame of a Latin token from its phoneticSkeleton and vowelClasses (NameToken.skeleton, .vowels). */
export function latinFrame(skeleton: string, vowels: string): string | undefined {
  const frame = new FrameBuilder();
  let slot = 0;
  for (let i = 0; i < skeleton.length; i++) {
    const ch = skeleton[i] as string;
    if (ch === '*') frame.vowel(vowels.charCodeAt(slot++) - 48);
    else frame.consonant(ch);
  }
  return frame.frame();
}

/**
 * Whether a Latin spelling's frame fits a written one: the same consonants; every vowel the
 * script writes heard in the same gap with a class in common (an unwritten quality fits any);
 * and vowels the script does not write only where short vowels go, inside the word: a Latin
 * name that opens on a vowel needs a written one (an alif, an ayn), and one that closes on a
 * vowel needs a written long vowel or ta marbuta (Husni is حسني, not حسن), a silent e aside.
 */
export function framesAgree(written: string, latin: string): boolean {
  const bar = written.indexOf('|');
  const latinBar = latin.indexOf('|');
  // the same consonants (the written word may have one more, a closing h: below)
  if (bar <= 0 || latinBar <= 0 || written.slice(0, latinBar) !== latin.slice(0, latinBar)) return false;
  // Latin spellings drop a final h after a vowel (Saleh, Fatimah ~ Fatima): phoneticSkeleton
  // does, so a written final h (ح, ه) with no vowel after it may be missing on the Latin side,
  // the Latin closing vowel then heard before it
  const finalH = latinBar === bar - 1 && written.charCodeAt(bar - 1) === 72 && written.charCodeAt(written.length - 1) === 48;
  if (latinBar !== bar && !finalH) return false;
  for (let g = 0; g <= latinBar; g++) {
    const w = written.charCodeAt(bar + 1 + g) - 48;
    const l = latin.charCodeAt(latinBar + 1 + g) - 48;
    const closing = g === latinBar && !finalH;
    if (w !== 0) {
      if ((w & l) === 0) return false;
    } else if (l !== 0 && (g === 0 || (closing && l !== SILENT_E))) {
      return false;
    }
  }
  return true;
}
