/**
 * Phonetic key of one folded name token (a-z, 0-9), built for transliteration variance rather
 * than for English pronunciation (Soundex, Metaphone). The key is a consonant skeleton over
 * equivalence classes; vowels only count as "the word starts with a vowel" (A). Two spellings of
 * one name written by different clerks, from Arabic, Persian, Russian or French sources, should
 * get the same key: Mohamed / Muhammad / Mehmet -> MHMD, Youssef / Yusuf -> YSF,
 * Abdelouadoud / Abd al-Wadud -> ABDWD, Qaddafi / Kadhafi -> KDF.
 *
 * Each rule, in order, and why it exists:
 */
/**
 * Each rule with the letters its match consumes: a rule none of whose letters occur in the
 * token cannot fire, and is skipped (most tokens need three or four of the twenty-one passes).
 * Later rules never consume a letter an earlier one writes (they write upper case, or 'u' and
 * 'b', which no later rule consumes), so the letters of the input decide.
 */
const RULES: ReadonlyArray<readonly [RegExp, string, string]> = [
  // German "dsch" and English/Russian "dzh", French "dj" all write the j of Jamal/Джамал.
  [/dsch|dzh|dj|zh/g, 'J', 'dz'],
  // sh / ch / sch / tch / tsch / Polish sz, cz: one hushing sibilant (Chérif, Sharif, Scharif).
  [/tsch|sch|tch|sh|ch|sz|cz/g, 'S', 'tsc'],
  // kh (Russian/English for kha) and h: Khasan (Russian) is Hasan; Arabic kha/ha are confused
  // in transliteration more often than they tell people apart.
  [/kh/g, 'H', 'k'],
  // gh (ghayn), written g or gh; soft g before e/i/y is j (Georges ~ Jorj), hard g stays G.
  [/gh/g, 'G', 'g'],
  [/g(?=[eiy])/g, 'J', 'g'],
  // ph is f (Joseph / Yusuf's Greek form; Mustapha / Mustafa).
  [/ph/g, 'F', 'p'],
  // th (tha) is t or s in speech, written t/th; dh (dhal, dad) is d/z/dh: Kadhafi ~ Qaddafi.
  [/th/g, 'T', 't'],
  [/dh/g, 'D', 'd'],
  // ts / tz: one affricate (Yatsenko ~ Jatzenko).
  [/ts|tz/g, 'C', 't'],
  // k / q / c (hard) / ck: qaf and kaf are both written k, q or c (Qasim, Kassem, Cassim).
  [/ck|q|k/g, 'K', 'ckq'],
  [/c(?=[eiy])/g, 'S', 'c'],
  [/c/g, 'K', 'c'],
  [/x/g, 'KS', 'x'],
  // French ou before a vowel is w (Oualid ~ Walid, Ouadoud ~ Wadud); v and w are one class
  // (Ivanov ~ Iwanow; Arabic script writes both with waw).
  [/ou(?=[aeiouy])/g, 'W', 'o'],
  // w closing a syllable is the second half of a diphthong, written ou/o/u elsewhere
  // (Fawzi ~ Fouzi, Mawlawi ~ Moulvi); so is v, where Belarusian writes ў (u or w) for Russian
  // в: Shauchenka ~ Shevchenko, Barsukou ~ Barsukov, Ivanauna ~ Ivanovna. Closing the word only
  // after three letters or more, so that Lev stays apart from Leo and Lee.
  [/(?<=[aeiou])[vw](?=[^aeiouy])|(?<=^.{3,}[aeiou])[vw]$/g, 'u', 'vw'],
  [/[vw]/g, 'W', 'vw'],
  // y is a consonant before a vowel at the start or between vowels (Yusuf, Ayoub), else a vowel.
  [/^y(?=[aeiou])/, 'Y', 'y'],
  [/(?<=[aeiou])y(?=[aeiou])/g, 'Y', 'y'],
  // ay / ai / ey / ei before a consonant or at the end: a diphthong that separates Husayn /
  // Hussein (HSYN) from Hassan (HSN).
  [/(?<=^.+)[ae][iy](?=[^aeiouy]|$)/g, 'Y', 'ae'],
  // Arabic script has no p (Persian pe aside): foreign p is written with ba.
  [/p/g, 'b', 'p'],
  // h after a vowel at the end is silent (Abdullah ~ Abdulla, Fatimah ~ Fatima).
  [/(?<=[aeiouy])h$/, '', 'h'],
];

const VOWEL = /[aeiouy]/;

const A = 97;
/** Bit i set: letter a+i consumed by the rule. */
const RULE_LETTERS: readonly number[] = RULES.map(([, , letters]) => maskOf(letters));

function maskOf(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - A;
    if (c >= 0 && c < 26) mask |= 1 << c;
  }
  return mask;
}

function applyRules(token: string): string {
  let s = token.toLowerCase();
  const present = maskOf(s);
  for (let r = 0; r < RULES.length; r++) {
    if ((present & (RULE_LETTERS[r] as number)) === 0) continue;
    const [pattern, replacement] = RULES[r] as (typeof RULES)[number];
    s = s.replace(pattern, replacement);
  }
  return s;
}

/** The last token's rewritten form: phoneticKey and phoneticSkeleton are asked for the same token in turn. */
let lastToken = '';
let lastRewritten = '';

function rewritten(token: string): string {
  if (token !== lastToken) {
    lastRewritten = applyRules(token);
    lastToken = token;
  }
  return lastRewritten;
}

const ASCII = /^[\x00-\x7f]*$/;
/** Lower-case vowels by char code (upper-case letters are rule output, never vowels). */
const IS_VOWEL = new Uint8Array(128);
for (const v of 'aeiouy') IS_VOWEL[v.charCodeAt(0)] = 1;
const upper = (c: number): number => (c >= 97 && c <= 122 ? c - 32 : c);

export function phoneticKey(token: string): string {
  if (token === '') return '';
  const s = rewritten(token);
  let out: string;
  if (ASCII.test(s)) {
    out = s.length > 0 && IS_VOWEL[s.charCodeAt(0)] === 1 ? 'A' : '';
    let previous = -1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const up = upper(c);
      // double letters collapse (Hassan ~ Hasan, Mohammed ~ Mohamed), but not across a vowel
      // (Khalil keeps both l's: HLL).
      if (up === previous) continue;
      previous = up;
      if (IS_VOWEL[c] !== 1) out += String.fromCharCode(up);
    }
  } else {
    out = VOWEL.test(s[0] as string) ? 'A' : '';
    let previous = '';
    for (const ch of s) {
      const up = ch.toUpperCase();
      if (up === previous) continue;
      previous = up;
      if (!VOWEL.test(ch)) out += up;
    }
  }
  // final devoicing (Turkish, German, Russian spellings): Mehmet ~ Mehmed, Mahmut ~ Mahmoud.
  if (out.length > 1 && out.endsWith('T')) out = out.slice(0, -1) + 'D';
  return out === '' ? 'A' : out;
}

/**
 * The same consonant classes as `phoneticKey`, but every vowel run kept as one slot ("*"):
 * Mohamed -> M*H*M*D and Mahmoud -> M*HM*D share the key MHMD but not the skeleton, while
 * Obaidi / Ubaydi (*B*D*) and Husayn / Hussein (H*S*N) share both. Used to tell a
 * transliteration variant from a different name that happens to have the same consonants.
 */
export function phoneticSkeleton(token: string): string {
  if (token === '') return '';
  const s = rewritten(token);
  let out = '';
  if (ASCII.test(s)) {
    let previous = -1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const slot = IS_VOWEL[c] === 1 ? 42 : upper(c);
      if (slot === previous) continue;
      previous = slot;
      out += String.fromCharCode(slot);
    }
  } else {
    let previous = '';
    for (const ch of s) {
      const slot = VOWEL.test(ch) ? '*' : ch.toUpperCase();
      if (slot === previous) continue;
      previous = slot;
      out += slot;
    }
  }
  if (out.length > 1 && out.endsWith('T')) out = out.slice(0, -1) + 'D';
  return out;
}

/**
 * Vowel classes of Arabic and Persian transliteration: fatha is written a or e, kasra i, e or y,
 * damma u or o (Kassem ~ Qasim, Walid ~ Valed, Omar ~ Umar), so e bridges a and i while a and
 * o/u stay apart (Omar / Amir, Samir / Somar, Han / Hun).
 */
const VOWEL_CLASS = new Uint8Array(128);
VOWEL_CLASS[97] = 1; // a
VOWEL_CLASS[101] = 1 | 2; // e
VOWEL_CLASS[105] = 2; // i
VOWEL_CLASS[121] = 2; // y
VOWEL_CLASS[111] = 4; // o
VOWEL_CLASS[117] = 4; // u

/**
 * The vowel classes of a token, one character per vowel slot of its skeleton, in order (the
 * character's code is the slot's class bits). Derived once per token (NameToken.vowels).
 */
export function vowelClasses(token: string): string {
  const s = rewritten(token);
  let out = '';
  let slot = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const cls = c < 128 ? (VOWEL_CLASS[c] as number) : 0;
    if (cls !== 0) { slot |= cls; continue; }
    if (slot !== 0) { out += String.fromCharCode(48 + slot); slot = 0; }
  }
  return slot !== 0 ? out + String.fromCharCode(48 + slot) : out;
}

/**
 * Whether two tokens' vowels (vowelClasses) agree in every slot: each pair of slots shares a
 * class. With equal skeletons this tells a transliteration variant (Kassem / Qasim, Seif /
 * Sayf, Yahya / Yehia) from another name with the same consonants (Omar / Amir).
 */
export function vowelsAgree(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (((a.charCodeAt(i) - 48) & (b.charCodeAt(i) - 48)) === 0) return false;
  return true;
}
