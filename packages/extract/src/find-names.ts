/**
 * Names: sequences of capitalised words (with name particles) classified as organisation,
 * place or person, then surname-only and given-name-only mentions resolved to the full names
 * of the same document (co-reference). Evidence for a person: a given name from the gazetteer,
 * a title, a kinship or role cue, an age apposition ("X, 27," / "X (31)"), a kunya ("Abu …").
 * Organisations: cue words anywhere in the sequence, known organisations, a lower-case
 * descriptor ("the X network"), defined acronyms. Places: the gazetteer, read with context.
 */
import { GIVEN_NAMES } from './data/given-names.ts';
import {
  KINSHIP_PATTERN, KNOWN_ORGS, LEADING_PARTICLES, LOCATIVE_PATTERN, NON_NAME_WORDS, NON_ORG_ACRONYMS, ORG_CONNECTORS,
  ORG_DESCRIPTORS, ORG_HEADS, ORG_WORDS, PARTICLES, PLACE_NAMES_ALSO_WORDS, SOFT_STOPWORDS, STOPWORDS, TITLES, VEHICLE_MAKES,
} from './lexicon.ts';
import { foldKey, isAllCaps, titleCase } from './normalise.ts';
import { readOcrDigits } from './ocr-digits.ts';
import { nominativePersons } from './russian-cases.ts';
import { resolvePlace, type Place, type PlaceGazetteer } from './place-gazetteer.ts';
import { span, type Span } from './span.ts';

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** cap: capitalised word; particle: lower-case name particle; connector: joins org name parts. */
  readonly kind: 'cap' | 'particle' | 'connector';
}

const WORD = String.raw`(?:\p{Lu}[\p{Ll}\p{Lu}\p{M}'’]*(?:\p{N}{1,2}\p{Lu}\p{L}+)?(?:-\p{L}[\p{L}\p{M}'’]*|\.\p{L}+(?:\.(?=[ \t,;)]))?)*|(?:al|el|ad|as|ash|at|az|an|ar|ibn|bin|ben|abu|abou|ould|bou)-\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}+)*|d['’]\p{Lu}[\p{L}\p{M}]*|O['’]\p{Lu}\p{L}+|Mc\p{Lu}\p{L}+)`;
const JOIN = String.raw`(?:al|el|ben|bin|ibn|bint|abu|abou|ould|ait|aït|bou|van|von|der|den|de|di|da|du|des|la|le|los|las|dos|das|del|della|ter|ten|te|op|zu|y|e|of|for|and|the|et|d'|&)`;
const CHUNK = new RegExp(
  String.raw`(?<![\p{L}\p{N}'’-])(?:(?:ould|ben|bin|ibn|abu|abou|van|von) (?:${JOIN} )*)?${WORD}(?:[ \t](?:${JOIN}[ \t])*${WORD})*`,
  'gu',
);
const TOKEN = new RegExp(`${WORD}|[\\p{L}'’&]+`, 'gu');

export interface NameOptions {
  readonly givenNames: ReadonlySet<string>;
  readonly gazetteer: PlaceGazetteer;
  readonly country?: string | undefined;
}

export function givenNameSet(names: readonly string[] = GIVEN_NAMES): ReadonlySet<string> {
  return new Set(names.map(foldKey));
}

interface Candidate {
  tokens: Token[];
  cue: 'title' | 'kin' | 'role' | null;
  kind: 'person' | 'organization' | 'place' | null;
  place?: Place | undefined;
}

const AGE_AFTER = /^(?:\s?\((\d{1,2})[),]|,\s(\d{1,2})(?:,|\)|\s*$|\s(?:and|was|is|were|who|from|of)\b)|,\s(?:aged|age)\s(\d{1,2})\b|,\s(?:a|an)\s(\d{1,2})-year-old\b)/;
const AGE_BEFORE = /(\d{1,2})-year-old(?:\s[\p{L}-]+){0,3},?\s$/u;
const PERSON_CUE_BEFORE = new RegExp(
  String.raw`(?:\b(?:suspect|suspects|defendant|accused|named|identified as|alias|aka|a\.k\.a\.|nicknamed|driver|passenger|victim|witness|preacher|recruiter|imam|national|citizen|resident|convert|man|woman|subscriber|detainee|lawyer|prosecutor|judge|magistrate|officer|dealer|director|owner|mechanic|printer|(?:his|her|their|whose) (?:${KINSHIP_PATTERN}))|\b(?:${KINSHIP_PATTERN}) of|['’]s (?:${KINSHIP_PATTERN})),?\s["'‘“]?$`,
  'iu',
);
const KIN_BEFORE = new RegExp(String.raw`\b(?:his|her|their|whose)\s(?:(?:older|elder|younger|twin|little|big|eldest|youngest)\s)?(${KINSHIP_PATTERN}),?\s$`, 'iu');
const ORG_CUE_BEFORE = new RegExp(
  String.raw`\b(?:(?:${ORG_DESCRIPTORS})\s(?:called|named|known as|calling itself|dubbed)|(?:${ORG_DESCRIPTORS})|member of|members of|leader of|ringleader of|commander of|head of|founder of|emir of|joined|the company|company)\s(?:the\s)?["'‘“]?$`,
  'iu',
);
const ORG_DESCRIPTOR_AFTER = new RegExp(String.raw`^\s(?:${ORG_DESCRIPTORS})\b`, 'iu');

const CAP_START = /^\p{Lu}/u;
const DIGIT = /\p{N}/u;
/** Words joined by a number ("Sharia4Belgium", "Jihad4Europe") name groups and sites, never persons. */
const ALPHANUMERIC = /^\p{Lu}\p{L}+\p{N}{1,2}\p{Lu}\p{L}+$/u;
const PARTICLE_HYPHEN = /^(?:al|el|ad|as|ash|at|az|an|ar|ibn|bin|ben|abu|abou|ould|bou)-/u;
const D_APOSTROPHE = /^d['’]/;

function tokenize(chunk: string, offset: number): Token[] {
  const out: Token[] = [];
  // An exec loop: matchAll clones the expression on every call, and this runs once per chunk.
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(chunk); m !== null; m = TOKEN.exec(chunk)) {
    const t = m[0];
    const kind = CAP_START.test(t) || PARTICLE_HYPHEN.test(t) || D_APOSTROPHE.test(t)
      ? 'cap'
      : PARTICLES.has(foldKey(t)) ? 'particle' : 'connector';
    out.push({ text: t, start: offset + m.index, end: offset + m.index + t.length, kind });
  }
  return out;
}

const textOf = (tokens: readonly Token[], source: string) =>
  tokens.length === 0 ? '' : source.slice(tokens[0]?.start ?? 0, tokens[tokens.length - 1]?.end ?? 0);

function caps(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind === 'cap');
}

function hasOrgWord(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.kind === 'cap' && (ORG_WORDS.has(foldKey(t.text)) || ORG_WORDS.has(foldKey(t.text.replace(/['’]s$/, '')))));
}

/** Splits a chunk at connectors unless they join the parts of an organisation name. */
function splitAtConnectors(all: Token[]): Token[][] {
  // Re-split: connectors stay only when one side names an organisation.
  const result: Token[][] = [];
  let part: Token[] = [];
  const flush = () => {
    while (part.length > 0 && part[part.length - 1]?.kind !== 'cap') part.pop();
    while (part.length > 0 && part[0]?.kind === 'connector') part.shift();
    if (part.length > 0) result.push(part);
    part = [];
  };
  for (let i = 0; i < all.length; i++) {
    const t = all[i] as Token;
    if (t.kind !== 'connector') {
      part.push(t);
      continue;
    }
    const head = caps(part).at(-1);
    const rest = all.slice(i + 1);
    const nextCapIndex = rest.findIndex((x) => x.kind === 'cap');
    const nextPart = nextCapIndex < 0 ? [] : rest.slice(0, rest.findIndex((x, j) => j > nextCapIndex && x.kind === 'connector') >>> 0);
    const joinsOrg = ORG_CONNECTORS.has(foldKey(t.text)) && (
      (head !== undefined && ORG_HEADS.has(foldKey(head.text))) || hasOrgWord(part) || (foldKey(t.text) !== 'of' && hasOrgWord(nextPart) && !caps(part).some((c) => isAllCaps(c.text) && c.text.length > 1 && caps(part).length === 1))
    );
    if (joinsOrg) part.push(t);
    else flush();
  }
  flush();
  return result;
}

interface Found {
  spans: Span[];
}

/** Finds persons, organisations and places in `text` where `isFree` allows. */
export function findNames(source: string, isFree: (s: number, e: number) => boolean, options: NameOptions): Found {
  // Names are read with an OCR's digits for letters read back ("A1-KHATIB"); the mentions keep the source's offsets.
  const text = readOcrDigits(source);
  const candidates: Candidate[] = [];
  const definedAcronyms = new Set<string>();
  CHUNK.lastIndex = 0;
  for (let m = CHUNK.exec(text); m !== null; m = CHUNK.exec(text)) {
    // A word running into a number ("SN3012", "B12") is part of a code, not of a name.
    const tokens = tokenize(m[0], m.index).filter((t) => isFree(t.start, t.end) && !DIGIT.test(text[t.end] ?? '') && !DIGIT.test(text[t.start - 1] ?? ''));
    for (const part of splitAtConnectors(tokens)) {
      for (const piece of splitPossessive(part)) {
        const c = strip(piece, options.givenNames);
        if (c !== undefined) candidates.push(c);
      }
    }
  }
  const contextCountries = new Set<string>(options.country === undefined ? [] : [options.country]);
  // First pass: organisations, places, persons with evidence of their own.
  for (const c of candidates) classify(c, text, options, contextCountries, definedAcronyms, true);
  // Acronyms defined in brackets after an organisation: "General Directorate for Internal Security (DGSI)".
  for (let i = 0; i + 1 < candidates.length; i++) {
    const a = candidates[i] as Candidate;
    const b = candidates[i + 1] as Candidate;
    if (a.kind !== 'organization' || b.kind !== null) continue;
    const between = text.slice(a.tokens.at(-1)?.end ?? 0, b.tokens[0]?.start ?? 0);
    if (/^\s?\($/.test(between) && caps(b.tokens).some((t) => isAllCaps(t.text))) {
      b.kind = 'organization';
      for (const t of caps(b.tokens)) if (isAllCaps(t.text)) definedAcronyms.add(t.text);
    }
  }
  for (const c of candidates) if (c.kind === null) classify(c, text, options, contextCountries, definedAcronyms, false);
  const spans = resolvePersons(candidates, text, options, contextCountries);
  nominativePersons(spans, (words) => words.map(foldKey).join(' '));
  return { spans };
}

function splitPossessive(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  for (const t of tokens) {
    const poss = /^(.*\p{L})['’]s$/u.exec(t.text);
    const next = tokens[tokens.indexOf(t) + 1];
    if (poss?.[1] !== undefined && t.kind === 'cap' && !(next !== undefined && ORG_HEADS.has(foldKey(next.text)))) {
      cur.push({ ...t, text: poss[1], end: t.start + poss[1].length });
      out.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

function strip(tokens: Token[], givenNames: ReadonlySet<string>): Candidate | undefined {
  let cue: Candidate['cue'] = null;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    const k = foldKey(t.text.replace(/\.$/, ''));
    if (t.kind !== 'cap') {
      if (LEADING_PARTICLES.has(k) && tokens.slice(i + 1).some((x) => x.kind === 'cap')) break;
      i++;
      continue;
    }
    // "Amir" and "Emir" are given names as well as titles: before one more name ("Amir Karić") the
    // given name, before more ("Emir Abu Hamza") the title
    const givenName = givenNames.has(k) && tokens.filter((x, j) => j > i && x.kind === 'cap').length === 1;
    if ((TITLES.has(k) || TITLES.has(`${k}.`)) && !givenName) {
      cue = 'title';
      i++;
      continue;
    }
    if (STOPWORDS.has(k)) {
      i++;
      continue;
    }
    break;
  }
  const rest = tokens.slice(i);
  while (rest.length > 0 && rest[rest.length - 1]?.kind !== 'cap') rest.pop();
  if (!rest.some((t) => t.kind === 'cap')) return undefined;
  return { tokens: rest, cue, kind: null };
}

function classify(
  c: Candidate, text: string, options: NameOptions, contextCountries: Set<string>, acronyms: ReadonlySet<string>, firstPass: boolean,
): void {
  const capTokens = caps(c.tokens);
  const first = capTokens[0] as Token;
  const start = c.tokens[0]?.start ?? 0;
  const end = c.tokens.at(-1)?.end ?? 0;
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 30);
  const surface = textOf(c.tokens, text);
  const keys = capTokens.map((t) => foldKey(t.text));
  const lowerStripped = () => {
    // Soft stop words ("Police", "Federal") are kept for organisations but dropped otherwise.
    let j = 0;
    while (j < c.tokens.length - 1 && (SOFT_STOPWORDS.has(foldKey(c.tokens[j]?.text ?? '')) || c.tokens[j]?.kind !== 'cap')) j++;
    return c.tokens.slice(j);
  };

  if (firstPass) {
    if (VEHICLE_MAKES.has(keys[0] ?? '')) {
      c.kind = null;
      c.tokens = [];
      return;
    }
    if (hasOrgWord(c.tokens) || capTokens.some((t) => ALPHANUMERIC.test(t.text)) || KNOWN_ORGS.has(foldKey(surface)) || ORG_DESCRIPTOR_AFTER.test(after) || (ORG_CUE_BEFORE.test(before.slice(-30)) && !hasGivenName(capTokens, options) && options.gazetteer.lookup(surface).length === 0)) {
      if (!(capTokens.length === 1 && SOFT_STOPWORDS.has(keys[0] ?? '') && !KNOWN_ORGS.has(keys[0] ?? ''))) {
        c.kind = 'organization';
        return;
      }
    }
    const stripped = lowerStripped();
    if (stripped !== c.tokens) c.tokens = stripped;
  }
  const capNow = caps(c.tokens);
  const surfaceNow = textOf(c.tokens, text);
  const startNow = c.tokens[0]?.start ?? 0;
  const beforeNow = text.slice(Math.max(0, startNow - 40), startNow);
  const allCaps = capNow.every((t) => isAllCaps(t.text));
  if (capNow.length === 0) return;

  const near = beforeNow.slice(-25);
  const ageEvidence = AGE_AFTER.test(after) || (beforeNow.includes('-year-old') && AGE_BEFORE.test(beforeNow));
  const cueEvidence = c.cue !== null || PERSON_CUE_BEFORE.test(near);
  const given = hasGivenName(capNow, options);
  const kunya = /^(?:abu|abou)$/i.test(capNow[0]?.text ?? '') && capNow.length >= 2;
  const places = options.gazetteer.lookup(surfaceNow);
  const locative = places.length > 0 && (LOCATIVE_PATTERN.test(near) || /^-based\b/.test(after) || (/^\s?[—–-]\s/.test(after) && /(?:^|\n)\s*$/.test(beforeNow)) || /\d{4,5}\s$/.test(near));

  if (firstPass) {
    if (places.length > 0) {
      const place = resolvePlace(places, contextCountries);
      const strongPerson = (given && capNow.length >= 2) || c.cue === 'title';
      const bySize = place !== undefined && place.population >= 100_000 && !PLACE_NAMES_ALSO_WORDS.has(foldKey(surfaceNow));
      if (place !== undefined && !strongPerson && (place.kind === 'country' || locative || (bySize && !given && !ageEvidence))) {
        c.kind = 'place';
        c.place = place;
        if (place.kind === 'country') contextCountries.add(place.country);
        return;
      }
    }
    if (allCaps && capNow.length === 1 && (acronyms.has(capNow[0]?.text ?? '') || (/\bthe\s$/i.test(beforeNow) && !NON_ORG_ACRONYMS.has(keys[0] ?? '') && (capNow[0]?.text.length ?? 0) <= 6))) {
      c.kind = 'organization';
      return;
    }
    if (capNow.some((t) => NON_NAME_WORDS.has(foldKey(t.text)))) return;
    if (options.gazetteer.demonym(first.text) !== undefined && capNow.length === 1) return;
    const multi = capNow.length >= 2;
    if ((multi && (given || kunya || cueEvidence || ageEvidence)) || (!multi && (cueEvidence || ageEvidence) && !allCaps && given)) {
      c.kind = 'person';
      return;
    }
    if (multi && !allCaps && capNow.length <= 4 && capNow.every((t) => !STOPWORDS.has(foldKey(t.text)) && !SOFT_STOPWORDS.has(foldKey(t.text)) && options.gazetteer.demonym(t.text) === undefined)) {
      c.kind = 'person';
      return;
    }
    if (!multi && (cueEvidence || ageEvidence) && !allCaps) {
      c.kind = 'person';
      return;
    }
    if (multi && allCaps && capNow.length <= 4 && standsAsName(capNow, after, beforeNow, options, acronyms)) {
      c.kind = 'person';
      return;
    }
    return;
  }
  // Second pass: single tokens and all-caps sequences with no evidence of their own become places
  // when the gazetteer and context agree; persons are resolved against full names afterwards.
  if (places.length > 0 && locative) {
    const place = resolvePlace(places, contextCountries);
    if (place !== undefined) {
      c.kind = 'place';
      c.place = place;
    }
  }
}

/**
 * A name written all in capitals after the convention of police reports ("RAMI SALEH, born …",
 * "OBSERVATION NOTE — TIMOUR KHASANOV") with no given name the gazetteer knows. Capitals are as
 * often a heading's or an acronym's ("OBSERVATION NOTE", "MODUS OPERANDI", "DGSI"), whose words
 * tell nothing apart from a name's, so the sequence must also stand where a name stands: before
 * "born" or a verb said of persons ("was seen", "is followed", "travelled": "MODUS OPERANDI was
 * unchanged" is no person), or after a heading's or a form's word naming the subject ("note —",
 * "Subject:"). Its words must be none the lexicon knows as another kind (stop
 * words, heading words, acronyms, titles, demonyms), each with a vowel. The same words written
 * otherwise as a person's name elsewhere in the text make it that person (resolvePersons).
 */
function standsAsName(tokens: readonly Token[], after: string, before: string, options: NameOptions, acronyms: ReadonlySet<string>): boolean {
  if (!CAPITALS_NAME_AFTER.test(after) && !CAPITALS_NAME_BEFORE.test(before)) return false;
  return tokens.every((t) => {
    const k = foldKey(t.text);
    return /[aeiouy]/.test(k) && !STOPWORDS.has(k) && !SOFT_STOPWORDS.has(k) && !NON_ORG_ACRONYMS.has(k) && !TITLES.has(k) &&
      !acronyms.has(t.text) && options.gazetteer.demonym(t.text) === undefined;
  });
}
/** Verbs said of a person, which a heading or an acronym is seldom the subject of. */
const PERSON_VERBS = String.raw`(?:seen|spotted|observed|followed|stopped|checked|controlled|arrested|detained|questioned|interviewed|identified|known|listed|wanted|suspected|believed|reported|convicted|charged|sentenced|released|expelled|deported|travell?ed|travell?ing|left|arrived|entered|returned|met|called|lived|lives|stayed|moved|fled|joined|married|worked|works|owns|owned|drove|rented|bought|sold|visited|crossed|born)`;
/** After a name in capitals: "born", "(DOB", "°", or a verb said of persons, after its auxiliary if any. */
const CAPITALS_NAME_AFTER = new RegExp(
  String.raw`^(?:,?\s(?:born|b\.|né|née|geb\.|DOB\b)|\s?\((?:born|b\.|DOB|°|né|née)|,?\s(?:who\s)?(?:(?:was|is|has|had|were)\s(?:been\s|being\s|also\s|then\s|later\s)?)?${PERSON_VERBS}\b)`, 'u',
);
/** Before it on its line: a heading's or a form's word for the subject, then a colon or a dash. */
const CAPITALS_NAME_BEFORE = /(?:^|\n)[^\n]*?\b(?:note|report|notice|subject|re|name|surname|suspect|target|concerning|person)\s*[:—–-]\s*$/iu;

function hasGivenName(tokens: readonly Token[], options: NameOptions): boolean {
  return tokens.some((t, i) => i < tokens.length - 1 && options.givenNames.has(foldKey(t.text))) ||
    (tokens.length >= 2 && options.givenNames.has(foldKey(tokens[0]?.text ?? '')));
}

interface PersonEntry {
  key: string;
  name: string;
  given: string;
  surname: string;
  lastMention: number;
}

/** Turns candidates into spans; surname-only and given-name-only mentions join the full name. */
function resolvePersons(candidates: readonly Candidate[], text: string, options: NameOptions, contextCountries: ReadonlySet<string>): Span[] {
  const spans: Span[] = [];
  const persons: PersonEntry[] = [];
  const personKey = (tokens: readonly Token[]) => tokens.map((t) => foldKey(t.text)).join(' ');
  const register = (tokens: readonly Token[], at: number): PersonEntry => {
    const key = personKey(tokens);
    let entry = persons.find((p) => p.key === key);
    if (entry === undefined) {
      const capT = caps(tokens);
      const name = tokens.map((t) => (t.kind === 'cap' ? titleCase(t.text) : t.text)).join(' ');
      const givenTokens = capT.length >= 2 && !LEADING_PARTICLES.has(foldKey(tokens[0]?.text ?? '')) && !/^(?:abu|abou)$/i.test(capT[0]?.text ?? '') ? 1 : 0;
      const surnameTokens = tokens.slice(tokens.indexOf(capT[givenTokens] as Token) - (tokens[tokens.indexOf(capT[givenTokens] as Token) - 1]?.kind === 'particle' ? 1 : 0));
      entry = {
        key, name, given: givenTokens === 1 ? foldKey(capT[0]?.text ?? '') : '',
        surname: givenTokens === 1 ? personKey(surnameTokens) : '', lastMention: at,
      };
      persons.push(entry);
    }
    entry.lastMention = at;
    return entry;
  };
  // Full names first, in text order, so that later partial mentions find them.
  const full = candidates.filter((c) => c.kind === 'person' && caps(c.tokens).length >= 2);
  for (const c of full) register(c.tokens, c.tokens[0]?.start ?? 0);
  const ordered = [...candidates].sort((a, b) => (a.tokens[0]?.start ?? 0) - (b.tokens[0]?.start ?? 0));
  for (const c of ordered) {
    const start = c.tokens[0]?.start ?? 0;
    const end = c.tokens.at(-1)?.end ?? 0;
    const surface = text.slice(start, end);
    if (c.kind === 'organization') {
      const key = foldKey(surface);
      spans.push(span('organization', start, end, surface, key));
      continue;
    }
    if (c.kind === 'place' && c.place !== undefined) {
      const p = c.place;
      const props: Record<string, string[]> = {
        country: [p.country.toLowerCase()], latitude: [String(p.latitude)], longitude: [String(p.longitude)],
      };
      if (p.kind === 'city') props['city'] = [p.name];
      spans.push(span('place', start, end, p.name, `${p.kind}:${p.country}:${foldKey(p.name)}`, props));
      continue;
    }
    const key = personKey(c.tokens);
    const capT = caps(c.tokens);
    if (c.kind === 'person' && capT.length >= 2) {
      const entry = register(c.tokens, start);
      spans.push(span('person', start, end, entry.name, entry.key));
      continue;
    }
    // A partial mention: a surname ("Benhaddou", "Ben Youssef", "DE GRAAF") or a given name.
    // a full name the text writes otherwise too ("TIMOUR KHASANOV" in a heading, "Timour Khasanov" below)
    const byFull = capT.length >= 2 ? persons.filter((p) => p.key === key) : [];
    const bySurname = byFull.length > 0 ? byFull : persons.filter((p) => p.surname === key || p.surname.endsWith(` ${key}`) && key.includes(' '));
    const byLast = bySurname.length > 0 ? bySurname : persons.filter((p) => p.surname.split(' ').at(-1) === key && capT.length === 1);
    const byGiven = persons.filter((p) => p.given === key);
    const pick = (list: PersonEntry[]) => list.reduce((a, b) => (Math.abs(b.lastMention - start) < Math.abs(a.lastMention - start) && b.lastMention <= start ? b : a));
    const kin = KIN_BEFORE.exec(text.slice(Math.max(0, start - 30), start));
    if (kin !== null && capT.length === 1 && (options.givenNames.has(key) || c.kind === 'person')) {
      // "his brother Brahim": a given name that takes the family name of the person referred to.
      const antecedent = persons.filter((p) => p.lastMention < start && p.surname !== '').sort((a, b) => b.lastMention - a.lastMention)[0];
      const existing = byGiven.find((p) => antecedent !== undefined && p.surname === antecedent.surname);
      if (existing !== undefined) {
        spans.push(span('person', start, end, existing.name, existing.key));
        existing.lastMention = start;
      } else if (antecedent !== undefined) {
        const name = `${titleCase(capT[0]?.text ?? '')} ${antecedent.name.split(' ').slice(1).join(' ')}`;
        const entry: PersonEntry = { key: `${key} ${antecedent.surname}`, name, given: key, surname: antecedent.surname, lastMention: start };
        persons.push(entry);
        spans.push(span('person', start, end, entry.name, entry.key));
      } else {
        spans.push(span('person', start, end, titleCase(surface), key));
      }
      continue;
    }
    const matches = byLast.length > 0 ? byLast : byGiven.length > 0 && capT.length === 1 && !isAllCaps(surface) ? byGiven : [];
    if (matches.length > 0 && !(c.kind === 'place' && matches.length === 0)) {
      const p = pick(matches);
      p.lastMention = start;
      spans.push(span('person', start, end, p.name, p.key));
      continue;
    }
    if (c.kind === 'person') {
      const entry = register(c.tokens, start);
      spans.push(span('person', start, end, entry.name, entry.key));
      continue;
    }
    // An unresolved single word after a locative is tried as a place once more.
    const places = options.gazetteer.lookup(surface);
    if (places.length > 0 && LOCATIVE_PATTERN.test(text.slice(Math.max(0, start - 25), start))) {
      const p = resolvePlace(places, contextCountries);
      if (p !== undefined) {
        spans.push(span('place', start, end, p.name, `${p.kind}:${p.country}:${foldKey(p.name)}`, {
          country: [p.country.toLowerCase()], latitude: [String(p.latitude)], longitude: [String(p.longitude)],
        }));
      }
    }
  }
  return spans;
}
