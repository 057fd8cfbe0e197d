/**
 * Person-name normalisation: fold (NFKC, transliterate, case, diacritics, punctuation), read the
 * "SURNAME, Given" comma form, join compounds that are one name written as several words
 * ("Abd al-Salam", "Abu Bakr"), and tag every token with its kind. Only given, surname and kunya
 * tokens take part in alignment ("core"); particles, honorifics and initials are kept for
 * explanation and for the initials comparator.
 */
import { arabicFrames } from './arabic-transliterate.ts';
import { foldText } from './fold-text.ts';
import { phoneticKey, phoneticSkeleton, vowelClasses } from './phonetic-key.ts';
import { cognateGroupsOf } from './given-name-cognates.ts';
import { ABD_HEADS, ARTICLES, EUROPEAN_PARTICLES, FILIATION, HONORIFICS, KUNYA_HEADS } from './name-particles.ts';

export const NAME_TOKEN_KINDS = ['given', 'surname', 'particle', 'honorific', 'kunya', 'initial'] as const;
export type NameTokenKind = (typeof NAME_TOKEN_KINDS)[number];

export interface NameToken {
  readonly text: string;
  readonly kind: NameTokenKind;
  readonly phonetic: string;
  /** The text without an attached article ("elmabruk" -> "mabruk"); equal to text otherwise. */
  readonly bare: string;
  /** Phonetic classes with vowel slots kept (phoneticSkeleton): tells Mohamed from Mahmoud. */
  readonly skeleton: string;
  /** The class of each vowel slot (vowelClasses): tells Qasim ~ Kassem from Omar / Amir. */
  readonly vowels: string;
  /** Phonetic key of `bare` (equal to `phonetic` when nothing is attached). */
  readonly barePhonetic: string;
  /**
   * The name a compound is built on, without its head: "abdkarim" (Abd al-Karim) -> "karim",
   * a kunya "abumahdi" (Abu Mahdi) -> "mahdi"; equal to text otherwise. A reordered name
   * ("Abd Mahdi al-Karim") or a dropped word leaves the head on another word or nowhere, and
   * the comparator reads the two forms as related, not equal.
   */
  readonly stem: string;
  /** First phonetic class of `stem` when the token has a head ('*' for a vowel; phoneticSkeleton), '' when it has none. */
  readonly stemOnset: string;
  /**
   * For a word written in Arabic script: what the script writes of it, consonants and long
   * vowels (written-frame.ts), against which a Latin spelling is checked instead of against the
   * short vowels the transliteration guessed. Undefined for every other token.
   */
  readonly frame: string | undefined;
  /**
   * The text with the letters transliterations write for one another written one way (alikeOf):
   * "q", "gh" and "g" as "k" (Ghasem -> kasem, Gaddafi -> kaddafi), "ch", "zh" and "j" as "j"
   * (Chong -> jong). Persian names are written with q or gh for both qaf and ghayn (Qasem /
   * Ghasem, Sadeq / Sadegh), Libyan, Sudanese and Gulf names with g for a qaf, as it is said there
   * (Qaddafi / Gaddafi), and Korean and Thai names with ch or j for one consonant (McCune-Reischauer
   * Chong, Revised Romanization Jong). The same string as `text` when it has none of these letters.
   */
  readonly alike: string;
  /**
   * The text with an h that is a letter of its own (H_ALONE: not of sh, ch, kh, gh, th, ph, zh,
   * dh, bh, jh) written g: Belarusian and Ukrainian write h where Russian writes g (Henadz /
   * Gennadi, Volha / Olga, Hryb / Grib, Ihar / Igor). The same string as `text` when it has none.
   */
  readonly hAsG: string;
  /** Which of those letters the text writes (ALIKE_QAF, ALIKE_GHAYN, ALIKE_G, ALIKE_CH, ALIKE_J, ALIKE_H bits; 0 for none). */
  readonly alikeWrites: number;
  /**
   * For a given name, the groups of given-name cognates it is a form of (given-name-cognates.ts:
   * Mykola, Nikolai and Mikalai; Yusuf, Joseph and Giuseppe), one character a group; '' for
   * none and for every other kind of token (a surname is its family's, whatever name it comes from).
   */
  readonly cognates: string;
}

/**
 * Two adjacent tokens written as one word ("Hamid Reza" ~ "Hamidreza", "Malekouti Pour" ~
 * "Malakutipour", "Yong-Won" ~ "Yongwon", "bin Laden" ~ "Binladen"): the concatenation, and the
 * core indices it covers (-1 for a particle or honorific part).
 */
export interface NameJoin {
  readonly text: string;
  readonly phonetic: string;
  readonly skeleton: string;
  readonly vowels: string;
  readonly first: number;
  readonly second: number;
}

export interface NormalizedName {
  /** All tokens, given names first. */
  readonly tokens: readonly NameToken[];
  /** Tokens that identify: given, surname, kunya. */
  readonly core: readonly NameToken[];
  /** Order-free key: core token texts sorted and joined by one space. */
  readonly key: string;
  /** Order-free phonetic key: core phonetic keys sorted, joined by one space. */
  readonly phoneticKey: string;
  /** First letters of core and initial tokens, sorted (for the initials comparator). */
  readonly initials: string;
  /** A kunya-only name ("Abu Hamza", "Abu Jandal al-Bangali"): a weak alias. */
  readonly weak: boolean;
  /** Adjacent token pairs joined into one word, for the compound step of the comparator. */
  readonly joins: readonly NameJoin[];
}

/**
 * Hyphenated assimilated article ("ash-Shami", "ad-Din", "el-Hadi") -> "al " so that it is
 * tagged as the article. Runs on raw text before folding, while the hyphen still tells an
 * article from a syllable.
 */
const ASSIMILATED_ARTICLE = /(^|[\s'’,(-])(?:a|e|u|o|i)(?:l|d|dh|n|r|s|sh|t|th|z)-(?=\p{L})/giu;
const COMMA = /[,،]/;
const ARABIC_SCRIPT = /[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const VOWELS_ONLY = /^[aeiouy]*$/;
const ALLAH = /^[aeiou]{0,2}l+a+h?i?$/;

export interface NormalizeNameOptions {
  /**
   * Whether to derive `joins` now. An in-memory index of a million names leaves them out (they
   * are most of a normalised name's memory) and adds them with `withJoins` to the few names it
   * compares.
   */
  readonly joins?: boolean;
}

const NO_JOINS: readonly NameJoin[] = Object.freeze([]);

export function normalizeName(raw: string, { joins = true }: NormalizeNameOptions = {}): NormalizedName {
  const text = raw.normalize('NFKC').replace(ASSIMILATED_ARTICLE, '$1al ');
  const comma = COMMA.exec(text);
  const surnamePart = comma ? text.slice(0, comma.index) : '';
  const givenPart = comma ? text.slice(comma.index + 1) : text;
  const given = words(givenPart);
  const surname = words(surnamePart);
  const commaForm = comma !== null && surname.length > 0 && given.length > 0;
  const tagged = commaForm
    ? [...tag(given, 'given', true), ...tag(surname, 'surname', false)]
    : tagPlain(comma ? [...surname, ...given] : given);
  return build(tagged, joins, ARABIC_SCRIPT.test(text) ? arabicFrames(text) : undefined);
}

/** The name with its joins derived (a name normalised with `joins: false`); equal to normalizeName's. */
export function withJoins(name: NormalizedName): NormalizedName {
  return { ...name, joins: joinsOf(name.tokens, name.core) };
}

function words(part: string): string[] {
  const folded = foldText(part);
  return folded === '' ? [] : joinCompounds(folded.split(' '));
}

/** "abd al salam" -> "abdsalam"; "abu bakr" -> "abubakr" (kunya); "umm kulthum" -> "ummkulthum". */
function joinCompounds(input: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const w = input[i] as string;
    let next = input[i + 1];
    const joinable = (ABD_HEADS.has(w) || KUNYA_HEADS.has(w)) && next !== undefined && !HONORIFICS.has(next) && !FILIATION.has(next);
    if (!joinable || next === undefined) { out.push(canonicalAbd(w)); continue; }
    let skip = 1;
    if (ARTICLES.has(next) && input[i + 2] !== undefined) { next = input[i + 2] as string; skip = 2; }
    if (KUNYA_HEADS.has(w)) out.push(KUNYA_MARK + 'abu' + next);
    else out.push(canonicalAbd('abd' + (w === 'abd' ? '' : w.slice(3)) + next));
    i += skip;
  }
  return out;
}

/** Marks a kunya through tagging; never part of the token text. */
const KUNYA_MARK = '\u0001';

/**
 * Canonical form of "servant of X" written as one word: abd + X with the article (and its
 * assimilation) removed: Abdessalam, Abdesalam, Abd al-Salam -> abdsalam; Abdullah, Abdallah,
 * Abdellah -> abdlah; Abdurrahman, Abdelrahman, Abdirahman -> abdrahman; the French "ou" too:
 * Abdoulkadir, Abdelkadir -> abdkadir; Abdourahman -> abdrahman.
 */
function canonicalAbd(w: string): string {
  if (!w.startsWith('abd') || w.length <= 4) return w;
  let rest = w.slice(3);
  if (VOWELS_ONLY.test(rest)) return w; // Abdi, Abdou, Abdu are names of their own
  if (ALLAH.test(rest)) return 'abdlah';
  rest = rest.replace(/^[aeiou]{1,2}l(?=.)/, '').replace(/^[aeiou]{1,2}(?=[^aeiou])/, '');
  if (rest.length > 1 && rest[0] === rest[1]) rest = rest.slice(1);
  return 'abd' + rest;
}

interface Tagged { readonly text: string; readonly kind: NameTokenKind }

/**
 * The kind of one word of a name part. A European particle closing its part introduces nothing:
 * it is the name itself (the surnames Lo, Le, Do, Da in "LO, Stephen", "Nguyen Van Le").
 */
function kindOf(w: string, fallback: NameTokenKind, position: number, last: boolean): NameTokenKind {
  if (w.startsWith(KUNYA_MARK)) return 'kunya';
  if (HONORIFICS.has(w)) return 'honorific';
  if (ARTICLES.has(w) || (EUROPEAN_PARTICLES.has(w) && !last)) return 'particle';
  // "Ben" opening a name is a given name (Ben Wallace); inside a name it is "son of".
  if (FILIATION.has(w)) return position === 0 && w === 'ben' ? fallback : 'particle';
  if (w.length === 1 && /[a-z]/.test(w)) return 'initial';
  return fallback;
}

function tag(ws: readonly string[], kind: NameTokenKind, leading: boolean): Tagged[] {
  return ws.map((w, i) => ({ text: w.replace(KUNYA_MARK, ''), kind: kindOf(w, kind, leading ? i : i + 1, i === ws.length - 1) }));
}

/** Without a comma: the last identifying token is the surname, earlier ones given names. */
function tagPlain(ws: readonly string[]): Tagged[] {
  const tagged = ws.map((w, i) => ({ text: w.replace(KUNYA_MARK, ''), kind: kindOf(w, 'given', i, i === ws.length - 1) }));
  for (let i = tagged.length - 1; i > 0; i--) {
    const t = tagged[i] as Tagged;
    if (t.kind === 'given') { tagged[i] = { text: t.text, kind: 'surname' }; break; }
    if (t.kind === 'kunya') break;
  }
  return tagged;
}

/** "al"/"el" glued to a name of at least four more letters that starts with a consonant. */
const ATTACHED_ARTICLE = /^(?:al|el)(?=[bcdfghjklmnpqrstvwxz][a-z]{3,})/;

function withoutAttachedArticle(text: string): string {
  return text.replace(ATTACHED_ARTICLE, '');
}

/** Shortest stem kept: "abd" + four letters ("abdaziz"); "abdlah" (Abdullah) is a name of its own. */
const MIN_STEM_LENGTH = 4;

function stemOf(text: string, kind: NameTokenKind): string {
  const headed = kind === 'kunya' ? text.startsWith('abu') : text.startsWith('abd');
  return headed && text.length - 3 >= MIN_STEM_LENGTH ? text.slice(3) : text;
}

export const ALIKE_QAF = 1;
export const ALIKE_GHAYN = 2;
export const ALIKE_G = 4;
export const ALIKE_CH = 8;
export const ALIKE_J = 16;
export const ALIKE_H = 32;
const VELARS = /gh|q|g/g;
const AFFRICATES = /zh|ch|j/g;
const G_ALONE = /g(?!h)/;
/**
 * An h that is a letter of its own: not the second letter of sh, ch, kh, gh, th, ph, zh, of the
 * dh of dhal (Qadhafi) or of the aspirates bh and jh (Bharat); after r it is one (Heorhiy).
 */
const H_ALONE = /(?<![sckgtpzdbj])h/;
const EVERY_H_ALONE = /(?<![sckgtpzdbj])h/g;

/** NameToken.alike, hAsG and alikeWrites of a text (each form is `text` itself when it writes none of its letters). */
export function alikeOf(text: string): Pick<NameToken, 'alike' | 'hAsG' | 'alikeWrites'> {
  const h = H_ALONE.test(text);
  const writes = (text.includes('q') ? ALIKE_QAF : 0) | (text.includes('gh') ? ALIKE_GHAYN : 0) | (G_ALONE.test(text) ? ALIKE_G : 0)
    | (text.includes('ch') || text.includes('zh') ? ALIKE_CH : 0) | (text.includes('j') ? ALIKE_J : 0) | (h ? ALIKE_H : 0);
  return {
    alike: (writes & ~ALIKE_H) === 0 ? text : text.replace(VELARS, 'k').replace(AFFRICATES, 'j'),
    hAsG: h ? text.replace(EVERY_H_ALONE, 'g') : text,
    alikeWrites: writes,
  };
}

/** [letters a text writes, a pattern of them, what transliterations write instead] (alikeOf's letters, for respellingsOf). */
const RESPELLINGS: ReadonlyArray<readonly [number, RegExp, string]> = [
  [ALIKE_QAF, /q/g, 'gh'], [ALIKE_QAF, /q/g, 'g'], [ALIKE_GHAYN, /gh/g, 'q'], [ALIKE_G, /g(?!h)/g, 'q'], [ALIKE_G, /g(?!h)/g, 'h'],
  [ALIKE_CH, /ch|zh/g, 'j'], [ALIKE_J, /j/g, 'ch'], [ALIKE_H, EVERY_H_ALONE, 'g'],
];

/**
 * The spellings of a text with one class of the letters that transliterations write for one
 * another (alikeOf) written as another transliteration writes them: Ghasem -> qasem, Gaddafi ->
 * qaddafi, Chung -> jung, Henadz -> genadz. For looking a name part up among listed ones
 * (screening's token index), which the comparator then scores; empty when the text has none.
 */
export function respellingsOf(text: string): string[] {
  const { alikeWrites } = alikeOf(text);
  if (alikeWrites === 0) return [];
  const out: string[] = [];
  for (const [writes, pattern, instead] of RESPELLINGS) {
    if ((alikeWrites & writes) === 0) continue;
    const respelled = text.replace(pattern, instead);
    if (respelled !== text && !out.includes(respelled)) out.push(respelled);
  }
  return out;
}

/**
 * Tokens are immutable and names repeat a small vocabulary (a million-name list has far fewer
 * distinct words), so each (kind, text) is derived once and the same object is shared; the
 * memo is bounded (dropped whole when full) so that a stream of unique words cannot grow it.
 */
const TOKEN_MEMO_LIMIT = 200_000;
const tokenMemo = new Map<string, NameToken>();

const tokenKey = (text: string, kind: NameTokenKind, frame: string | undefined): string => (frame === undefined ? `${kind}\u0000${text}` : `${kind}\u0000${text}\u0000${frame}`);

function token(text: string, kind: NameTokenKind, frame: string | undefined): NameToken {
  const key = tokenKey(text, kind, frame);
  const known = tokenMemo.get(key);
  if (known !== undefined) return known;
  const phonetic = phoneticKey(text);
  const skeleton = phoneticSkeleton(text);
  const vowels = vowelClasses(text);
  const bare = withoutAttachedArticle(text);
  const stem = stemOf(text, kind);
  const { alike, hAsG, alikeWrites } = alikeOf(text);
  const cognates = kind === 'given' ? cognateGroupsOf({ text, phonetic, skeleton, vowels }, frame) : '';
  const made: NameToken = {
    text, kind, phonetic, bare, skeleton, vowels, barePhonetic: bare === text ? phonetic : phoneticKey(bare),
    stem, stemOnset: stem === text ? '' : phoneticSkeleton(stem).charAt(0), frame, alike, hAsG, alikeWrites, cognates,
  };
  if (tokenMemo.size >= TOKEN_MEMO_LIMIT) tokenMemo.clear();
  tokenMemo.set(key, made);
  return made;
}

/**
 * A name normalised in another thread and copied here (a structured clone), made this thread's
 * own: its tokens are the memo's, one object per token as normalising here gives, and each object
 * is built by the same literals as normalizeName's, so that the comparators see one shape of
 * each (a copied object, built field by field, can have a shape of its own). Equal, field for
 * field, to the name given.
 */
export function adoptNormalizedName(name: NormalizedName): NormalizedName {
  const tokens = name.tokens.map(adoptToken);
  return {
    tokens,
    core: tokens.filter(isCore),
    key: name.key,
    phoneticKey: name.phoneticKey,
    initials: name.initials,
    weak: name.weak,
    joins: name.joins.map((j) => ({ text: j.text, phonetic: j.phonetic, skeleton: j.skeleton, vowels: j.vowels, first: j.first, second: j.second })),
  };
}

function adoptToken(t: NameToken): NameToken {
  const key = tokenKey(t.text, t.kind, t.frame);
  const known = tokenMemo.get(key);
  if (known !== undefined) return known;
  // the fields of `token`'s literal, in its order
  const made: NameToken = {
    text: t.text, kind: t.kind, phonetic: t.phonetic, bare: t.bare, skeleton: t.skeleton, vowels: t.vowels, barePhonetic: t.barePhonetic,
    stem: t.stem, stemOnset: t.stemOnset, frame: t.frame, alike: t.alike, hAsG: t.hAsG, alikeWrites: t.alikeWrites, cognates: t.cognates,
  };
  if (tokenMemo.size >= TOKEN_MEMO_LIMIT) tokenMemo.clear();
  tokenMemo.set(key, made);
  return made;
}

const isCoreKind = (kind: NameTokenKind): boolean => kind === 'given' || kind === 'surname' || kind === 'kunya';
const isCore = (t: NameToken): boolean => isCoreKind(t.kind);

/** Keys of a joined pair of words, derived once and shared like tokens (same bounded memo rule). */
type JoinedSpelling = Pick<NameJoin, 'text' | 'phonetic' | 'skeleton' | 'vowels'>;
const joinMemo = new Map<string, JoinedSpelling>();

function joinedSpelling(text: string): JoinedSpelling {
  const known = joinMemo.get(text);
  if (known !== undefined) return known;
  const made = { text, phonetic: phoneticKey(text), skeleton: phoneticSkeleton(text), vowels: vowelClasses(text) };
  if (joinMemo.size >= TOKEN_MEMO_LIMIT) joinMemo.clear();
  joinMemo.set(text, made);
  return made;
}

/** Joins of adjacent tokens (at least one of them core, neither an initial). */
function joinsOf(tokens: readonly NameToken[], core: readonly NameToken[]): NameJoin[] {
  const joins: NameJoin[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const x = tokens[i] as NameToken;
    const y = tokens[i + 1] as NameToken;
    if (x.kind === 'initial' || y.kind === 'initial' || (!isCore(x) && !isCore(y))) continue;
    const spelled = joinedSpelling(x.text + y.text);
    joins.push({ text: spelled.text, phonetic: spelled.phonetic, skeleton: spelled.skeleton, vowels: spelled.vowels, first: core.indexOf(x), second: core.indexOf(y) });
  }
  return joins;
}

/** `frames`: the written frames of the Arabic-script words of the name, by spelling (arabicFrames). */
function build(tagged: readonly Tagged[], withJoins: boolean, frames: ReadonlyMap<string, string> | undefined): NormalizedName {
  const tokens: NameToken[] = tagged.map((t) => token(t.text, t.kind, isCoreKind(t.kind) ? frames?.get(t.text) : undefined));
  const core = tokens.filter(isCore);
  const afterArticle = new Set<NameToken>();
  tokens.forEach((t, i) => { if (i > 0 && tokens[i - 1]?.kind === 'particle' && ARTICLES.has(tokens[i - 1]?.text ?? '')) afterArticle.add(t); });
  const weak = core.some((t) => t.kind === 'kunya') && core.every((t) => t.kind === 'kunya' || afterArticle.has(t));
  const initials = tokens.filter((t) => t.kind !== 'particle' && t.kind !== 'honorific').map((t) => t.text[0] ?? '').sort().join('');
  return {
    tokens,
    core,
    key: core.map((t) => t.text).sort().join(' '),
    phoneticKey: core.map((t) => t.phonetic).sort().join(' '),
    initials,
    weak,
    joins: withJoins ? joinsOf(tokens, core) : NO_JOINS,
  };
}
