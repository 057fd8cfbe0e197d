/**
 * Relations by rule over one sentence at a time: for each ordered pair of entity mentions the
 * text between them (with age appositions removed) is matched against patterns anchored at
 * both ends, and no other person may stand between them. Patterns prefer precision: a
 * relation is proposed only when the sentence states it in one of the forms below.
 * "he"/"she", "his/her <kin>" and "his/her phone number" refer to the subject of the sentence
 * or, failing one, of the last sentence that named a person.
 * A mention is paired only with those starting within 130 characters after it, and every other
 * lookup in a sentence is made at once (SentencePersons, PronounsBefore), so that a sentence is
 * read in time linear in its length, one listing thousands of names too.
 */
import { ASSOCIATE_PATTERN, KINSHIP, KINSHIP_PATTERN, NEIGHBOUR_PATTERN } from './lexicon.ts';
import { DUTCH, FRENCH } from './relation-cues.ts';
import type { Sentence } from './sentences.ts';
import type { Span } from './span.ts';
import type { RelationType } from './types.ts';

export interface FoundRelation {
  readonly type: RelationType;
  readonly source: Span;
  readonly target: Span;
  readonly kind?: string;
  readonly sentence: Sentence;
}

const KIN = `(?:(?:older|elder|younger|twin|little|big|eldest|youngest|late|estranged)\\s)?(${KINSHIP_PATTERN})`;
const ART = `(?:(?:the|a|an|his|her|their)\\s)?`;
const ADJ = `(?:(?:known|close|former|long-time|longtime|childhood|suspected|alleged|senior|key|trusted|presumed|main|self-styled|self-proclaimed|de facto)\\s){0,2}`;
const BE = `(?:(?:is|was|are|were|has been|had been)\\s(?:also\\s|allegedly\\s|reportedly\\s|believed to be\\s|said to be\\s|described as\\s|(?:assessed|suspected|thought|alleged|believed) to (?:be|have been)\\s)?)?`;
const FILL = `[^.;:!?]{0,60}?`;

type Pattern = readonly [RegExp, RelationType, 'forward' | 'reverse'];
const re = (s: string) => new RegExp(s, 'iu');

/** Person-person patterns on the text between two person mentions A … B. */
const PERSON_PAIR: readonly Pattern[] = [
  [re(`^['’]s\\s${KIN},?\\s$`), 'family', 'forward'],
  [re(`^,?\\s${BE}${ART}${KIN}\\sof\\s$`), 'family', 'reverse'],
  [re(`^,?\\s(?:and|with)\\s(?:his|her)\\s${KIN},?\\s$`), 'family', 'forward'],
  [re(`^,?\\s${BE}married\\sto\\s$`), 'family', 'forward'],
  [re(`^['’]s\\s${ADJ}(${ASSOCIATE_PATTERN}),?\\s$`), 'associate', 'forward'],
  [re(`^,?\\s${BE}${ART}${ADJ}(${ASSOCIATE_PATTERN})\\sof\\s$`), 'associate', 'reverse'],
  [re(`^,?\\s(?:and|with)\\s(?:his|her)\\s${ADJ}(${ASSOCIATE_PATTERN}),?\\s$`), 'associate', 'forward'],
  [re(`^['’]s\\s(?:next-door\\s)?(${NEIGHBOUR_PATTERN}),?\\s$`), 'neighbour', 'forward'],
  [re(`^,?\\s${BE}${ART}(?:next-door\\s)?(${NEIGHBOUR_PATTERN})\\sof\\s$`), 'neighbour', 'reverse'],
  [re(`^${FILL}\\b(?:met|meets|meeting|met up with|met with|visited|was seen with|was photographed with)\\s(?:with\\s)?$`), 'met', 'forward'],
  [re(`^\\sand\\s$`), 'met', 'forward'],
  [re(`^${FILL}(?<!\\p{L})(?:встретил(?:ся|ась)|встречал(?:ся|ась)|виделся|виделась)\\sсо?\\s$`), 'met', 'forward'],
  [re(`^${FILL}(?<!\\p{L})(?:${FRENCH.met})\\s$`), 'met', 'forward'],
  [re(`^${FILL}(?<!\\p{L})(?:${DUTCH.met})\\s$`), 'met', 'forward'],
  [re(`^${FILL}\\b(?:called|phoned|telephoned|rang|texted|calls\\sto|call\\sto|contacted\\sby\\sphone)\\s(?:(?:his|her)\\s${KIN},?\\s)?$`), 'called', 'forward'],
  [re(`^${FILL}\\b(?:phone|telephone|mobile|gsm|number)\\b${FILL}\\b(?:was|were|is|had\\sbeen|has\\sbeen)\\s(?:then\\s|also\\s)?used\\sto\\s(?:call|phone|ring|text|contact)\\s$`), 'called', 'forward'],
  [re(`^${FILL}\\b(?:bought|buys|buying|purchased|purchasing|acquired|obtained)\\b${FILL}\\sfrom(?:\\s(?:a|an|the)\\s[^.;]{0,40}?,)?\\s$`), 'bought_from', 'forward'],
  [re(`^${FILL}\\b(?:sold|sells|selling)\\b${FILL}\\sto\\s$`), 'bought_from', 'reverse'],
];
/** Person-organisation patterns (A person … B organisation). */
const PERSON_ORG: readonly Pattern[] = [
  [re(`^${FILL}\\b(?:leader|leaders|ringleader|head|chief|commander|founder|co-founder|emir|boss|leadership)\\sof\\s(?:the\\s)?[^.;]{0,40}?$`), 'leader_of', 'forward'],
  [re(`^${FILL}\\b(?:led|leads|leading|heads|headed|founded|co-founded|commands|commanded|runs|ran)\\s(?:the\\s|a\\s)?[^.;]{0,40}?$`), 'leader_of', 'forward'],
  [re(`^${FILL}\\b(?:member|members|militant|fighter|operative|recruit|affiliate)\\sof\\s(?:the\\s)?[^.;]{0,40}?$`), 'member_of', 'forward'],
  [re(`^${FILL}\\b(?:joined|belonged\\sto|belongs\\sto|a\\spart\\sof|recruited\\sinto)\\s(?:the\\s)?[^.;]{0,40}?$`), 'member_of', 'forward'],
  [re(`^${FILL}\\b(?:bought|buys|buying|purchased|purchasing|acquired|obtained)\\b${FILL}\\sfrom(?:\\s(?:a|an|the)\\s[^.;]{0,40}?,)?\\s$`), 'bought_from', 'forward'],
  [re(`^${FILL}\\b(?:works|worked|working|work)\\s(?:(?:as\\s(?:a|an)\\s[^.;,]{1,30}?)\\s)?(?:for|at)\\s(?:the\\s|a\\s|an\\s)?[^.;]{0,40}?$`), 'employed_by', 'forward'],
  [re(`^${FILL}\\b(?:employed|hired|recruited\\sas\\sa\\s[^.;,]{1,30}?)\\s(?:by|at)\\s(?:the\\s|a\\s|an\\s)?[^.;]{0,40}?$`), 'employed_by', 'forward'],
  [re(`^${FILL}\\b(?:an?\\s|the\\s)?(?:employee|driver|courier|worker|clerk|accountant|mechanic|warehouseman|security\\sguard)\\s(?:of|at|for)\\s(?:the\\s|a\\s|an\\s)?[^.;]{0,40}?$`), 'employed_by', 'forward'],
  [re(`^${FILL}\\b(?:owner|co-owner|proprietor|shareholder)\\sof\\s(?:the\\s|a\\s|an\\s)?[^.;]{0,40}?$`), 'owner_of', 'forward'],
  [re(`^${FILL}\\b(?:owns|owned|co-owns|co-owned)\\s(?:the\\s|a\\s|an\\s)?[^.;]{0,40}?$`), 'owner_of', 'forward'],
];
/** Organisation-person patterns (A organisation … B person). */
const ORG_PERSON: readonly Pattern[] = [
  [re(`^,?\\s(?:which\\sis\\s|which\\swas\\s|that\\sis\\s)?(?:led|headed|founded|run|commanded)\\sby\\s$`), 'leader_of', 'reverse'],
];
/** Person-address patterns (A person … B street address). */
const PERSON_ADDRESS: readonly Pattern[] = [
  [re(`^${FILL}\\b(?:lives|lived|living|live|resides|resided|residing|resident|has\\sbeen\\sliving|had\\sbeen\\sliving|domiciled|registered)\\b${FILL}\\s(?:in|at|on)\\s$`), 'lived_in', 'forward'],
  [re(`^(?:['’]s\\s|${FILL}\\b(?:his|her|their)\\s)(?:flat|home|apartment|house|residence)\\s(?:in|at|on)\\s$`), 'lived_in', 'forward'],
  [re(`^${FILL}\\b(?:shared|share|shares|rented|rents)\\s(?:a|an|the)\\s(?:flat|apartment|house|room)\\s(?:in|at|on)\\s$`), 'lived_in', 'forward'],
];
/** Address-person patterns (A street address … B person). */
const ADDRESS_PERSON: readonly Pattern[] = [
  [re(`^,\\s(?:[^.;:,]{1,40},\\s)?(?:the\\s)?(?:residence|home|flat|apartment|house|address)\\sof\\s$`), 'lived_in', 'reverse'],
];
/** Person-phone patterns (A person … B phone number). */
const PERSON_PHONE: readonly Pattern[] = [
  [re(`^['’]s\\s(?:(?:mobile|cell|personal|private|work|new|other)\\s)?(?:phone|telephone|mobile|gsm|number)(?:\\snumber)?(?:\\s(?:is|was))?,?\\s\\(?$`), 'holds', 'forward'],
  [re(`^,\\s\\(?$`), 'holds', 'forward'],
  [re(`^\\s\\($`), 'holds', 'forward'],
  [re(`^['’"]?\\s(?:with|on)\\s(?:the\\s)?(?:(?:mobile|phone|telephone)\\s)?number\\s$`), 'holds', 'forward'],
  [re(`^${FILL}\\b(?:uses|used|using|owns|owned|has|had)\\s(?:the\\s|a\\s)?(?:(?:mobile|cell)\\s)?(?:phone|telephone|mobile|gsm|number)(?:\\snumber)?\\s$`), 'holds', 'forward'],
  [re(`^\\s(?:can\\sbe\\s)?(?:reachable|reached|contactable|contacted)\\s(?:on|at)\\s$`), 'holds', 'forward'],
];
/** "X called Y … from the number N": the caller's number, though another person stands between. */
const CALLER_PHONE: readonly Pattern[] = [
  [re(`^\\s(?:called|phoned|telephoned|rang|texted|contacted)\\b${FILL}\\sfrom\\s(?:the\\s|a\\s|his\\s|her\\s)?(?:(?:mobile|phone|telephone)\\s)?number\\s$`), 'holds', 'forward'],
];
/** Every person-phone pattern, for a pair with no other person between them. */
const ANY_PERSON_PHONE: readonly Pattern[] = [...PERSON_PHONE, ...CALLER_PHONE];
/** Phone-person patterns (A phone number … B person). */
const PHONE_PERSON: readonly Pattern[] = [
  [re(`^,?\\s(?:(?:which|that)\\s(?:is|was)\\s)?(?:used|held|registered|subscribed)\\s(?:by|to)\\s$`), 'holds', 'reverse'],
  [re(`^,?\\s(?:(?:is|was)\\s)?(?:the\\s)?(?:number|phone|mobile)\\sof\\s$`), 'holds', 'reverse'],
];
/** "his phone number 0486 …": the number before it is the subject's. */
const PRONOUN_PHONE = /(?<![\p{L}])(?:his|her)\s(?:(?:mobile|cell|personal|private|work|new|other|belgian|french|german|dutch|british)\s)?(?:phone|telephone|mobile|gsm)(?:\snumber)?(?:\s(?:is|was))?,?\s\(?$/iu;
/** The cue words before a document number (find-identifiers' DOCUMENT_CUE), with its "number" / "no." after. */
const DOCUMENT = `(?:passport|identity\\scard|id\\scard|identity\\sdocument|id\\sdocument|residence\\spermit|residence\\scard|driving\\slicen[cs]e|driver'?s\\slicen[cs]e|travel\\sdocument|visa|passeport|paspoort|reisepass)(?:\\s(?:number|no\\.?|nr\\.?|n°))?:?\\s\\(?`;
/** Person-document patterns (A person … B document number): "X's passport", "X, holder of passport", "X travelled on passport". */
const PERSON_DOCUMENT: readonly Pattern[] = [
  [re(`^['’]s\\s(?:[^.;,()]{1,30}?\\s)?${DOCUMENT}$`), 'holds', 'forward'],
  [re(`^,?\\s\\(?(?:(?:a|an|the)\\s)?(?:[\\p{L}-]+\\s)?${DOCUMENT}$`), 'holds', 'forward'],
  [re(`^${FILL}\\b(?:holds|held|holding|holder\\sof|carries|carried|carrying|uses|used|using|travell?ed\\s(?:on|under|with)|travell?ing\\s(?:on|under|with)|presented|produced|showed|issued\\swith)\\s(?:(?:a|an|the|his|her)\\s)?(?:[^.;,()]{1,30}?\\s)?${DOCUMENT}$`), 'holds', 'forward'],
];
/** Document-person patterns (A document number … B person). */
const DOCUMENT_PERSON: readonly Pattern[] = [
  [re(`^\\)?,?\\s(?:(?:which|that)\\s(?:is|was)\\s)?(?:issued\\sto|in\\sthe\\sname\\sof|registered\\sto|belonging\\sto|belongs\\sto|held\\sby|used\\sby)\\s$`), 'holds', 'reverse'],
];
/** The cue words before a plate (find-identifiers' PLATE_CUE). */
const PLATE = `(?:registration|registered|reg\\.|plates?|number\\splates?|licen[cs]e\\splates?)(?:\\s(?:number|no\\.?))?:?\\s\\(?`;
/**
 * Person-vehicle patterns (A person … B plate): the vehicle is the person's ("X's car", "X owns a
 * Golf", "X, owner of a van"), as driving it does not say.
 */
const PERSON_PLATE: readonly Pattern[] = [
  [re(`^['’]s\\s[^.;()]{0,40}?\\b${PLATE}$`), 'owner_of', 'forward'],
  [re(`^${FILL}\\b(?:owns|owned|co-owns|co-owned|owner\\sof|co-owner\\sof|bought|purchased|(?:his|her|their)\\sown)\\s[^.;()]{0,40}?\\b${PLATE}$`), 'owner_of', 'forward'],
  [re(`^${FILL}(?<!\\p{L})(?:${FRENCH.owns}|${DUTCH.owns})\\s[^.;()]{0,40}?(?<!\\p{L})(?:${FRENCH.plate}|${DUTCH.plate})$`), 'owner_of', 'forward'],
];
/** Vehicle-person patterns (A plate … B person). */
const PLATE_PERSON: readonly Pattern[] = [
  [re(`^\\)?,?\\s(?:(?:which|that)\\s(?:is|was)\\s)?(?:registered\\s(?:to|in\\sthe\\sname\\sof)|owned\\sby|belonging\\sto|belongs\\sto)\\s$`), 'owner_of', 'reverse'],
];
/** Person-place patterns (A person … B place). */
const PERSON_PLACE: readonly Pattern[] = [
  [re(`^${FILL}\\b(?:lives|lived|living|live|resides|resided|residing|resident|settled|has\\sbeen\\sliving|had\\sbeen\\sliving|based|moved|relocated|domiciled|(?:his|her|their)\\s(?:flat|home|apartment|house|residence))\\b${FILL}\\s(?:in|at)\\s$`), 'lived_in', 'forward'],
  [re(`^${FILL}\\b(?:moved|relocated)\\sto\\s$`), 'lived_in', 'forward'],
  [re(`^,\\s(?:(?:a|an|the)\\s[^.;,]{0,40}?\\s)?from\\s$`), 'lived_in', 'forward'],
  [re(`^,\\s(?:of|from)\\s$`), 'lived_in', 'forward'],
  [re(`^${FILL}\\b(?:shared|share|shares|rented|rents)\\s(?:a|an|the)\\s(?:flat|apartment|house|room)\\s(?:in|at)\\s$`), 'lived_in', 'forward'],
  [re(`^${FILL}\\b(?:travelled|traveled|travelling|traveling|travels|flew|flown|flies|drove|driven|went|gone|returned|returning|fled|headed|arrived|arriving|crossed|journeyed|sailed|left\\sfor|departed\\sfor|took\\sa\\s(?:flight|train|bus|ferry)|made\\sthe\\sjourney)\\b${FILL}\\s(?:to|for|into|in)\\s$`), 'travelled_to', 'forward'],
  [re(`^${FILL}\\bleft\\s[^.;]{0,40}\\sfor\\s$`), 'travelled_to', 'forward'],
  [re(`^${FILL}\\b(?:travelled|traveled|travelling|traveling|flew|drove|went|returned|returning|fled|arrived|arriving|came|crossed|departed|journeyed|sailed|took\\sa\\s(?:flight|train|bus|ferry))\\b${FILL}\\sfrom\\s$`), 'travelled_from', 'forward'],
  [re(`^${FILL}\\bleft\\s$`), 'travelled_from', 'forward'],
  ...[FRENCH, DUTCH].flatMap((words): Pattern[] => [
    [re(`^${FILL}(?<!\\p{L})(?:${words.travelled})(?!\\p{L})${FILL}\\s(?:${words.to})$`), 'travelled_to', 'forward'],
    [re(`^${FILL}(?<!\\p{L})(?:${words.travelled})(?!\\p{L})${FILL}\\s(?:${words.from})$`), 'travelled_from', 'forward'],
    [re(`^${FILL}(?<!\\p{L})(?:${words.left})$`), 'travelled_from', 'forward'],
  ]),
];

/** Every pattern needs one of these words (or a possessive, comma or "and"); most pairs have none. */
const TRIGGER = new RegExp(`['’]s\\s|^,|^\\sand\\s$|\\b(?:${KINSHIP_PATTERN}|${ASSOCIATE_PATTERN}|${NEIGHBOUR_PATTERN}|married|met|meet|meets|meeting|visited|seen|photographed|call|calls|called|phoned|telephoned|rang|texted|contacted|bought|buys|buying|purchased|purchasing|acquired|obtained|sold|sells|selling|leader|leaders|ringleader|head|chief|commander|founder|co-founder|emir|boss|leadership|led|leads|leading|heads|headed|founded|co-founded|commands|commanded|runs|ran|run|member|members|militant|fighter|operative|recruit|affiliate|joined|belonged|belongs|part|recruited|lives|lived|living|live|resides|resided|residing|resident|settled|based|moved|relocated|domiciled|flat|home|apartment|house|residence|shared|share|shares|rented|rents|travelled|traveled|travelling|traveling|travels|flew|flown|flies|drove|driven|went|gone|returned|returning|fled|headed|arrived|arriving|came|crossed|departed|journeyed|sailed|left|took|made|phone|telephone|mobile|gsm|number|uses|used|using|owns|owned|reachable|reached|contactable|held|registered|subscribed|address|works|worked|working|work|employed|hired|employee|driver|courier|worker|clerk|accountant|mechanic|warehouseman|guard|owner|co-owner|proprietor|shareholder|owns|owned|co-owns|co-owned|passport|card|permit|licence|license|visa|document|holder|holding|carries|carried|carrying|presented|produced|showed|issued|name|belonging|registration|registered|reg|plate|plates)\\b|\\(|(?<!\\p{L})(?:встрет|встреч|видел)|${FRENCH.trigger}|${DUTCH.trigger}`, 'iu');
const AGE = /\s?\(\d{1,2}\)|,\s\d{1,2}(?=,)|,\s(?:aged|age)\s\d{1,2}(?=,)/g;
const PRONOUN = /(?<![\p{L}])(?:he|she)(?![\p{L}])/giu;
const KIN_PRONOUN = new RegExp(`(?<![\\p{L}])(?:his|her)\\s${KIN},?\\s$`, 'iu');

export function findRelations(text: string, sentences: readonly Sentence[], spans: readonly Span[]): FoundRelation[] {
  const out: FoundRelation[] = [];
  const seen = new Set<string>();
  const add = (type: RelationType, source: Span, target: Span, sentence: Sentence, kind?: string) => {
    if (source.key === target.key && source.kind === target.kind) return;
    const id = `${type}|${source.kind}:${source.key}|${target.kind}:${target.key}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(kind === undefined ? { type, source, target, sentence } : { type, source, target, sentence, kind });
  };
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let cursor = 0;
  let lastSubject: Span | undefined;
  for (const sentence of sentences) {
    while (cursor < sorted.length && (sorted[cursor] as Span).start < sentence.start) cursor++;
    const inside: Span[] = [];
    for (let i = cursor; i < sorted.length && (sorted[i] as Span).end <= sentence.end; i++) {
      const s = sorted[i] as Span;
      if (s.kind !== 'date' && s.kind !== 'email' && s.kind !== 'money') inside.push(s);
    }
    const persons = inside.filter((s) => s.kind === 'person');
    const pronouns = new PronounsBefore(text, sentence);
    const before = new SentencePersons(persons);
    const subject = persons[0] ?? lastSubject;
    // Pronouns stand for the subject: a pseudo-mention carrying its key.
    const mentions: Span[] = [...inside];
    if (subject !== undefined) {
      const inSentence = text.slice(sentence.start, sentence.end);
      PRONOUN.lastIndex = 0;
      for (let m = PRONOUN.exec(inSentence); m !== null; m = PRONOUN.exec(inSentence)) {
        const at = sentence.start + m.index;
        const referent = before.firstBefore(at) ?? lastSubject;
        if (referent !== undefined) mentions.push({ ...referent, start: at, end: at + m[0].length });
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    for (let i = 0; i < mentions.length; i++) {
      const a = mentions[i] as Span;
      for (let j = i + 1; j < mentions.length; j++) {
        const b = mentions[j] as Span;
        if (b.start - a.end > 160) break;
        if (b.start - a.end > 130) continue;
        const between = text.slice(a.end, b.start).replace(AGE, '');
        if (!TRIGGER.test(between)) continue;
        let blocked = false;
        for (let k = i + 1; k < j && !blocked; k++) {
          const m = mentions[k] as Span;
          blocked = m.kind === 'person' && m.key !== a.key && m.key !== b.key;
        }
        if (a.kind === 'person' && b.kind === 'person') {
          if (!blocked) matchPatterns(PERSON_PAIR, between, a, b, sentence, add, text);
        } else if (a.kind === 'person' && b.kind === 'organization') {
          if (!blocked) matchPatterns(PERSON_ORG, between, a, b, sentence, add, text);
        } else if (a.kind === 'organization' && b.kind === 'person') {
          matchPatterns(ORG_PERSON, between, a, b, sentence, add, text);
        } else if (a.kind === 'person' && b.kind === 'place') {
          if (!blocked) matchPatterns(PERSON_PLACE, between, a, b, sentence, add, text);
        } else if (a.kind === 'person' && b.kind === 'address') {
          if (!blocked) matchPatterns(PERSON_ADDRESS, between, a, b, sentence, add, text);
        } else if (a.kind === 'address' && b.kind === 'person') {
          if (!blocked) matchPatterns(ADDRESS_PERSON, between, a, b, sentence, add, text);
        } else if (a.kind === 'person' && b.kind === 'phone') {
          matchPatterns(blocked ? CALLER_PHONE : ANY_PERSON_PHONE, between, a, b, sentence, add, text);
        } else if (a.kind === 'phone' && b.kind === 'person') {
          if (!blocked) matchPatterns(PHONE_PERSON, between, a, b, sentence, add, text);
        } else if (a.kind === 'person' && b.kind === 'document') {
          if (!blocked) matchPatterns(PERSON_DOCUMENT, between, a, b, sentence, add, text);
        } else if (a.kind === 'document' && b.kind === 'person') {
          if (!blocked) matchPatterns(DOCUMENT_PERSON, between, a, b, sentence, add, text);
        } else if (a.kind === 'person' && b.kind === 'plate') {
          if (!blocked) matchPatterns(PERSON_PLATE, between, a, b, sentence, add, text);
        } else if (a.kind === 'plate' && b.kind === 'person') {
          if (!blocked) matchPatterns(PLATE_PERSON, between, a, b, sentence, add, text);
        }
      }
      // "his phone number 0486 …": the subject's number, unless a pronoun of the other gender stands
      // for the subject ("She provided his phone number": someone else's).
      const possessive = a.kind === 'phone' ? PRONOUN_PHONE.exec(text.slice(Math.max(sentence.start, a.start - 60), a.start)) : null;
      if (possessive !== null) {
        const other = possessive[0].toLowerCase().startsWith('his') ? 'feminine' : 'masculine';
        const owner = before.firstBefore(a.start) ?? lastSubject;
        if (owner !== undefined && !pronouns.before(other, a.start - possessive[0].length)) add('holds', owner, a, sentence);
      }
      // "his brother Anouar", "her sister Elif Kaya": kin of the subject.
      const kin = a.kind === 'person' ? KIN_PRONOUN.exec(text.slice(Math.max(sentence.start, a.start - 40), a.start)) : null;
      if (kin?.[1] !== undefined) {
        const owner = before.firstBefore(a.start - kin[0].length, a.key) ?? (persons[0] === a ? lastSubject : undefined);
        if (owner !== undefined && owner.key !== a.key) add('family', owner, a, sentence, KINSHIP.get(kin[1].toLowerCase()));
      }
    }
    if (persons[0] !== undefined) lastSubject = persons[0];
  }
  return out;
}

/**
 * A sentence's persons, in text order and not overlapping, so that ends grow with starts: the
 * first person ending by a point can only be the first of them, or (another key asked) the first
 * whose key differs from the first's. Each lookup is then made at once, not by a scan of the
 * persons, so that a sentence listing thousands of names is read in time linear in its length.
 */
class SentencePersons {
  private readonly first: Span | undefined;
  private readonly otherThanFirst: Span | undefined;
  constructor(persons: readonly Span[]) {
    this.first = persons[0];
    this.otherThanFirst = persons.find((p) => p.key !== this.first?.key);
  }
  /** The first person ending by `at`, with a key other than `notKey` when one is given. */
  firstBefore(at: number, notKey?: string): Span | undefined {
    const found = notKey !== undefined && this.first?.key === notKey ? this.otherThanFirst : this.first;
    return found !== undefined && found.end <= at ? found : undefined;
  }
}

const OTHER_PRONOUN = {
  feminine: /(?<![\p{L}])(?:she|her)(?![\p{L}])/iu,
  masculine: /(?<![\p{L}])(?:he|his)(?![\p{L}])/iu,
} as const;
const OTHER_PRONOUN_AT_END = {
  feminine: /(?<![\p{L}])(?:she|her)$/iu,
  masculine: /(?<![\p{L}])(?:he|his)$/iu,
} as const;

/**
 * Whether a pronoun of one gender is written in a sentence before a point, as a test of
 * OTHER_PRONOUN on the text from the sentence's start to that point would say, without reading
 * that text again for each point: the sentence is searched once for its first such pronoun, and
 * only the last four characters before the point are read for one the point cuts short ("he" of
 * "hen"), which the text up to the point alone would take for a pronoun.
 */
class PronounsBefore {
  private readonly firstEnd: Partial<Record<keyof typeof OTHER_PRONOUN, number>> = {};
  private readonly text: string;
  private readonly sentence: Sentence;
  constructor(text: string, sentence: Sentence) {
    this.text = text;
    this.sentence = sentence;
  }
  before(gender: keyof typeof OTHER_PRONOUN, at: number): boolean {
    const inSentence = () => this.text.slice(this.sentence.start, this.sentence.end);
    const end = (this.firstEnd[gender] ??= endOf(OTHER_PRONOUN[gender].exec(inSentence())));
    return end <= at - this.sentence.start || OTHER_PRONOUN_AT_END[gender].test(this.text.slice(Math.max(this.sentence.start, at - 4), at));
  }
}

const endOf = (m: RegExpExecArray | null): number => (m === null ? Infinity : m.index + m[0].length);

function matchPatterns(
  patterns: readonly Pattern[], between: string, a: Span, b: Span, sentence: Sentence,
  add: (type: RelationType, s: Span, t: Span, sentence: Sentence, kind?: string) => void, text: string,
): void {
  for (const [pattern, type, direction] of patterns) {
    const m = pattern.exec(between);
    if (m === null) continue;
    if (type === 'met' && pattern.source === '^\\sand\\s$' && !/^\s(?:met|have met|had met|were seen together)\b/.test(text.slice(b.end, b.end + 30))) continue;
    const kindWord = type === 'family' ? m.slice(1).find((g) => g !== undefined && KINSHIP.has(g.toLowerCase())) : undefined;
    const kind = type === 'family' ? (kindWord === undefined ? 'spouse' : KINSHIP.get(kindWord.toLowerCase())) : undefined;
    const [source, target] = direction === 'forward' ? [a, b] : [b, a];
    add(type, source, target, sentence, kind);
    return;
  }
}
