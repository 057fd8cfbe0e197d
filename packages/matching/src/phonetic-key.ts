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
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // German "dsch" and English/Russian "dzh", French "dj" all write the j of Jamal/Джамал.
  [/dsch|dzh|dj|zh/g, 'J'],
  // sh / ch / sch / tch / tsch / Polish sz, cz: one hushing sibilant (Chérif, Sharif, Scharif).
  [/tsch|sch|tch|sh|ch|sz|cz/g, 'S'],
  // kh (Russian/English for kha) and h: Khasan (Russian) is Hasan; Arabic kha/ha are confused
  // in transliteration more often than they tell people apart.
  [/kh/g, 'H'],
  // gh (ghayn), written g or gh; soft g before e/i/y is j (Georges ~ Jorj), hard g stays G.
  [/gh/g, 'G'],
  [/g(?=[eiy])/g, 'J'],
  // ph is f (Joseph / Yusuf's Greek form; Mustapha / Mustafa).
  [/ph/g, 'F'],
  // th (tha) is t or s in speech, written t/th; dh (dhal, dad) is d/z/dh: Kadhafi ~ Qaddafi.
  [/th/g, 'T'],
  [/dh/g, 'D'],
  // ts / tz: one affricate (Yatsenko ~ Jatzenko).
  [/ts|tz/g, 'C'],
  // k / q / c (hard) / ck: qaf and kaf are both written k, q or c (Qasim, Kassem, Cassim).
  [/ck|q|k/g, 'K'],
  [/c(?=[eiy])/g, 'S'],
  [/c/g, 'K'],
  [/x/g, 'KS'],
  // French ou before a vowel is w (Oualid ~ Walid, Ouadoud ~ Wadud); v and w are one class
  // (Ivanov ~ Iwanow; Arabic script writes both with waw).
  [/ou(?=[aeiouy])/g, 'W'],
  // w closing a syllable is the second half of a diphthong, written ou/o/u elsewhere
  // (Fawzi ~ Fouzi, Mawlawi ~ Moulvi); v is never a vowel.
  [/(?<=[aeiou])w(?=[^aeiouy])/g, 'u'],
  [/[vw]/g, 'W'],
  // y is a consonant before a vowel at the start or between vowels (Yusuf, Ayoub), else a vowel.
  [/^y(?=[aeiou])/, 'Y'],
  [/(?<=[aeiou])y(?=[aeiou])/g, 'Y'],
  // ay / ai / ey / ei before a consonant or at the end: a diphthong that separates Husayn /
  // Hussein (HSYN) from Hassan (HSN).
  [/(?<=^.+)[ae][iy](?=[^aeiouy]|$)/g, 'Y'],
  // Arabic script has no p (Persian pe aside): foreign p is written with ba.
  [/p/g, 'b'],
  // h after a vowel at the end is silent (Abdullah ~ Abdulla, Fatimah ~ Fatima).
  [/(?<=[aeiouy])h$/, ''],
];

const VOWEL = /[aeiouy]/;

function applyRules(token: string): string {
  let s = token.toLowerCase();
  for (const [pattern, replacement] of RULES) s = s.replace(pattern, replacement);
  return s;
}

export function phoneticKey(token: string): string {
  if (token === '') return '';
  const s = applyRules(token);
  let out = VOWEL.test(s[0] as string) ? 'A' : '';
  let previous = '';
  for (const ch of s) {
    const up = ch.toUpperCase();
    // double letters collapse (Hassan ~ Hasan, Mohammed ~ Mohamed), but not across a vowel
    // (Khalil keeps both l's: HLL).
    if (up === previous) continue;
    previous = up;
    if (!VOWEL.test(ch)) out += up;
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
  const s = applyRules(token);
  let out = '';
  let previous = '';
  for (const ch of s) {
    const slot = VOWEL.test(ch) ? '*' : ch.toUpperCase();
    if (slot === previous) continue;
    previous = slot;
    out += slot;
  }
  if (out.length > 1 && out.endsWith('T')) out = out.slice(0, -1) + 'D';
  return out;
}
