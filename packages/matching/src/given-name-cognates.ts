/**
 * Given-name cognates: one given name in the forms it takes in the languages agencies' records
 * are written from. A Ukrainian passport writes Mykola, a Russian one Nikolai, a Belarusian one
 * Mikalai; a Christian Arab's papers write Yusuf or Butrus for the Joseph or Peter of a European
 * document, and Spanish, Italian, French and German write José, Giuseppe, Joseph and Josef. No
 * spelling rule relates these forms (Mykola / Nikolai share neither a first sound nor a key), so
 * they are listed.
 *
 * Sources and principle. General onomastic reference, not any evaluation set: the standard forms
 * of each name in English, Spanish, Portuguese, Italian, French and German (Dutch, Polish and
 * Czech where theirs differ); in Russian, Ukrainian and Belarusian as their passports
 * transliterate them (Ukrainian: the 2010 national table, Mykola, Serhiy, Hryhoriy; Belarusian:
 * Mikalai, Uladzimir, Siarhei), with the common older spellings; and in Arabic, the forms Arabic Bibles and the Quran give the names of the
 * Bible, which Arab Christians and Muslims bear (Yusuf, Musa, Ibrahim, Dawud, Butrus, Yuhanna),
 * with the Hebrew and Turkish forms of those names where a key does not already join them.
 * The rules a group keeps:
 * - A group is one name. Forms that share an origin but are two names in one language stay
 *   apart: Russian Yuri and Georgy (both from Georgios), Spanish Jacobo and Jaime, Italian
 *   Giacobbe and Giacomo, Russian Semyon (Simeon) and Simon, Arabic Yahya and Yuhanna (John the
 *   Baptist's Quranic name and the Christian form of John), so Yahya is in no group.
 * - No diminutives or pet forms (Sasha, Vanya, Hans, Pepe): they are other names of a person,
 *   not other forms of the name.
 * - A form that is another name in a language of the lists is left out of every group: Jan
 *   (John in Dutch, Polish and Czech, but a Persian and Pashto name part, Jan Mohammad), Jonas
 *   (Jonah in most languages, John in Lithuanian), Alena (Belarusian Helen, but Russian Alyona),
 *   Basil (Vasily in English, but the Arabic Basil, "brave"), Michal (Michael in Polish, a woman's
 *   name in Hebrew).
 * - Spelling variants need not be listed: a token joins a group when it spells a listed form
 *   another way (Mikola ~ Mykola, Yussuf ~ Yusuf, Ibraheem ~ Ibrahim): the same phonetic key and
 *   the same skeleton, vowels that agree in every slot, Jaro-Winkler at least the comparator's
 *   bar for a close spelling, the same first letter, four letters or more and two consonants
 *   in the key. That asks more than the comparator's phonetic match, which takes any one of
 *   these readings, because a token that joins a group wrongly is paid for against every form
 *   of it: with the key alone, Salim and Salma would join Solomon (through Salomão's key SLM),
 *   Petra, Jeanne and Louise, women's forms, Peter, John and Louis; with one consonant, Alia
 *   and Allah would join Elijah and Oleg (Elia, Aleh: key AL). Shorter tokens and other
 *   spellings count only as listed; so, for the same reason, a form that another language's
 *   common name spells up to its vowels is not listed: Zakhar (Russian Zechariah) / Zaher.
 * - A word written in Arabic script joins the groups of the Arabic forms that fit what the
 *   script writes of it (written-frame.ts: يوسف ~ Yusuf, بطرس ~ Butrus), which its
 *   transliteration, guessing the short vowels ("yusf", "batrs"), may not spell; forms with two
 *   consonants or more, and only Arabic ones (جورج, Jurj, fits the German spelling of Yuri, Jurij).
 *
 * Only given names are read so (normalize-name.ts: tokens of kind 'given'); a surname is its
 * family's, whatever name it comes from (Petrov, Ibrahim).
 */
import { jaroWinkler } from './jaro-winkler.ts';
import { phoneticKey, phoneticSkeleton, vowelClasses, vowelsAgree } from './phonetic-key.ts';
import { framesAgree, latinFrame } from './written-frame.ts';

/** A spelling with its keys (phonetic-key.ts), as a NameToken has them. */
export interface Spelled { readonly text: string; readonly phonetic: string; readonly skeleton: string; readonly vowels: string }

/**
 * One name's forms, folded (lower case a-z, as foldText writes them); `arabic`: the Latin
 * spellings of its Arabic (and Turkish, Persian) forms, which a word written in Arabic script
 * is also checked against.
 */
export interface CognateGroup {
  readonly forms: readonly string[];
  readonly arabic?: readonly string[];
}

export const GIVEN_NAME_COGNATES: readonly CognateGroup[] = [
  // names of the Bible and the Quran
  { forms: ['joseph', 'jose', 'josef', 'jozef', 'giuseppe', 'iosif', 'yosyp', 'yosef'], arabic: ['yusuf', 'yousef', 'youssef'] },
  { forms: ['john', 'juan', 'joao', 'giovanni', 'jean', 'johann', 'johannes', 'ian', 'ivan'], arabic: ['yuhanna', 'youhanna'] },
  { forms: ['peter', 'pedro', 'pietro', 'pierre', 'pieter', 'petr', 'pyotr', 'petro', 'piotr', 'piatro'], arabic: ['butrus', 'boutros', 'botros'] },
  { forms: ['paul', 'pablo', 'paulo', 'paolo', 'pavel', 'pavlo', 'pawel', 'paval'], arabic: ['bulus', 'boulos'] },
  { forms: ['michael', 'miguel', 'michele', 'michel', 'mykhailo', 'mikael'], arabic: ['mikhail', 'mikail'] },
  { forms: ['moses', 'moises', 'moise', 'mose', 'moisei', 'moisey', 'moshe'], arabic: ['musa', 'moussa', 'mousa'] },
  { forms: ['abraham', 'abramo', 'avraam'], arabic: ['ibrahim', 'ebrahim'] },
  { forms: ['david', 'davide', 'davyd'], arabic: ['dawud', 'dawood', 'daoud', 'davud', 'daud'] },
  { forms: ['solomon', 'salomon', 'salomone', 'salomao'], arabic: ['sulayman', 'sulaiman', 'suleiman', 'suleyman', 'soliman', 'soleiman'] },
  { forms: ['jacob', 'jakob', 'jacobo', 'giacobbe', 'jakub', 'yakov', 'yakiv', 'yaakov'], arabic: ['yaqub', 'yakub', 'yacoub', 'yakoub'] },
  { forms: ['isaac', 'isaak', 'isacco'], arabic: ['ishaq', 'ishak'] },
  { forms: ['jesus'], arabic: ['isa', 'issa'] },
  { forms: ['mary', 'maria', 'marie', 'mariya', 'maryia', 'miriam'], arabic: ['maryam', 'mariam'] },
  { forms: ['elijah', 'elias', 'elia', 'elie', 'ilya', 'illia', 'ilia'], arabic: ['ilyas', 'elyas', 'ilias'] },
  { forms: ['jonah', 'jonas', 'giona'], arabic: ['yunus', 'younes', 'younis', 'yunis'] },
  { forms: ['aaron', 'aron', 'arao', 'aronne'], arabic: ['harun', 'haroun', 'haroon'] },
  { forms: ['zachary', 'zacharias', 'zaccaria', 'zacarias', 'zacharie'], arabic: ['zakariya', 'zakaria', 'zakariyya', 'zekeriya'] },
  { forms: ['job', 'giobbe', 'iov'], arabic: ['ayyub', 'ayoub', 'ayub', 'eyup'] },
  { forms: ['noah', 'noe'], arabic: ['nuh', 'nouh', 'nooh'] },
  { forms: ['ishmael', 'ismael', 'ismaele'], arabic: ['ismail', 'ismayil', 'esmail'] },
  { forms: ['gabriel', 'gabriele', 'gavriil', 'gavril', 'havryil'], arabic: ['jibril', 'jebril', 'jibreel', 'djibril'] },
  { forms: ['daniel', 'daniele', 'daniil', 'danylo'], arabic: ['daniyal', 'danial'] },
  { forms: ['eve', 'eva', 'yeva'], arabic: ['hawa', 'hava'] },
  { forms: ['alexander', 'alexandre', 'alejandro', 'alessandro', 'aleksandr', 'aleksander', 'oleksandr', 'aliaksandr', 'alyaksandr'], arabic: ['iskandar', 'iskander', 'eskandar'] },
  { forms: ['george', 'jorge', 'giorgio', 'georges', 'georg', 'georgy', 'georgiy', 'georgi', 'giorgi', 'heorhiy', 'heorhii'], arabic: ['jurj', 'jirjis', 'girgis'] },
  { forms: ['thomas', 'tomas', 'tommaso', 'tomasz', 'foma', 'toma'], arabic: ['tuma'] },
  { forms: ['philip', 'phillip', 'felipe', 'filipe', 'filippo', 'philippe', 'philipp', 'filipp', 'pylyp', 'filip'] },
  { forms: ['matthew', 'mateo', 'mateus', 'matteo', 'matthieu', 'matvei', 'matvey', 'matviy'] },
  { forms: ['mark', 'marco', 'marcos', 'marc', 'markus', 'marko'] },
  { forms: ['luke', 'lucas', 'luca', 'luc', 'lukas', 'luka'] },
  { forms: ['simon', 'simone', 'simao'] },
  { forms: ['simeon', 'semyon', 'semen', 'semion', 'siamion'] },
  { forms: ['stephen', 'steven', 'esteban', 'estevao', 'stefano', 'etienne', 'stephan', 'stefan', 'stepan', 'stsiapan'] },
  { forms: ['andrew', 'andres', 'andre', 'andrea', 'andreas', 'andrei', 'andrey', 'andriy', 'andrii', 'andrzej', 'andrej'] },
  { forms: ['elizabeth', 'elisabeth', 'elisabetta', 'elisabet', 'elizaveta', 'yelizaveta', 'yelyzaveta', 'elzbieta'] },
  { forms: ['anthony', 'antony', 'antonio', 'antoine', 'anton', 'antoni'] },
  // names of the European calendar
  { forms: ['nicholas', 'nicolas', 'nicolau', 'nicola', 'niccolo', 'nikolaus', 'nikolai', 'nikolay', 'mykola', 'mikalai', 'mikola', 'nikola'] },
  { forms: ['vladimir', 'volodymyr', 'uladzimir', 'wladimir', 'wlodzimierz'] },
  { forms: ['sergei', 'sergey', 'serguei', 'sergej', 'sergiy', 'serhiy', 'serhii', 'siarhei', 'sergio', 'serge'] },
  { forms: ['yuri', 'yury', 'yuriy', 'yurii', 'iouri', 'jurij', 'juri'] },
  { forms: ['gregory', 'gregorio', 'gregoire', 'gregor', 'grigory', 'grigoriy', 'grigori', 'hryhoriy', 'hryhorii', 'hryhory', 'ryhor'] },
  { forms: ['igor', 'ihor', 'ihar'] },
  { forms: ['oleg', 'oleh', 'aleh'] },
  { forms: ['gennady', 'gennadiy', 'gennadi', 'hennadiy', 'hennadii', 'henadz'] },
  { forms: ['anatoly', 'anatoliy', 'anatolii', 'anatoli', 'anatol', 'anatole'] },
  { forms: ['basilio', 'vasily', 'vasiliy', 'vasili', 'vassili', 'wassili', 'vasyl', 'vasil', 'wasyl'] },
  { forms: ['alexis', 'alessio', 'alejo', 'aleksei', 'alexei', 'alexey', 'aleksey', 'oleksiy', 'oleksii', 'aliaksei'] },
  { forms: ['eugene', 'eugenio', 'eugen', 'evgeny', 'evgeniy', 'yevgeny', 'yevgeniy', 'yevhen', 'yauhen', 'jewgeni'] },
  { forms: ['dmitry', 'dmitri', 'dmitriy', 'dmytro', 'dzmitry', 'demetrio', 'demetrius', 'dimitri'] },
  { forms: ['constantine', 'constantin', 'costantino', 'constantino', 'konstantin', 'kostiantyn', 'kostyantyn', 'kanstantsin'] },
  { forms: ['theodore', 'teodoro', 'theodor', 'fyodor', 'fedor', 'fiodor', 'fedir', 'fiodar'] },
  { forms: ['cyril', 'cirilo', 'cirillo', 'kirill', 'kyrylo', 'kiryl'] },
  { forms: ['maxim', 'maksim', 'maksym', 'maxime', 'maximo', 'massimo'] },
  { forms: ['timothy', 'timoteo', 'timothee', 'timofei', 'timofey', 'tymofiy', 'tsimafei'] },
  { forms: ['victor', 'viktor', 'vittorio', 'vitor', 'viktar'] },
  { forms: ['vitaly', 'vitaliy', 'vitalii', 'vitali', 'vital', 'vitale'] },
  { forms: ['valery', 'valeriy', 'valerii', 'valeri', 'valerio'] },
  { forms: ['leonid', 'leanid'] },
  { forms: ['denis', 'dennis', 'denys', 'dzianis'] },
  { forms: ['francis', 'francisco', 'francesco', 'francois', 'franz'] },
  { forms: ['charles', 'carlos', 'carlo', 'karl', 'karol', 'karel'] },
  { forms: ['william', 'guillermo', 'guilherme', 'guglielmo', 'guillaume', 'wilhelm'] },
  { forms: ['henry', 'enrique', 'henrique', 'enrico', 'henri', 'heinrich', 'genrikh'] },
  { forms: ['louis', 'luis', 'luiz', 'luigi', 'ludwig'] },
  { forms: ['james', 'jaime', 'jacques', 'giacomo'] },
  { forms: ['catherine', 'katherine', 'catalina', 'caterina', 'katharina', 'ekaterina', 'yekaterina', 'kateryna', 'katsiaryna', 'katarzyna'] },
  { forms: ['helen', 'helena', 'helene', 'elena', 'yelena', 'olena', 'jelena'] },
  { forms: ['olga', 'olha', 'volha'] },
  { forms: ['tatiana', 'tatyana', 'tetiana', 'tatsiana'] },
  { forms: ['natalia', 'natalya', 'nataliya', 'natallia', 'natalie', 'nathalie'] },
  { forms: ['irene', 'irina', 'iryna', 'irena'] },
];

/** Spelling variants join a group from this length on (shorter ones only as listed: Jin is not Jan, nor so Ivan). */
const VARIANT_MIN_LENGTH = 4;
/** Consonants a form's key needs for variants to join (Elia, Aleh, Ilya: key AL, one). */
const VARIANT_MIN_CONSONANTS = 2;
/** Jaro-Winkler of a close spelling: the comparator's bar for lifting phonetic-equal tokens (PHONETIC_MIN_JW in compare-names.ts). */
const VARIANT_MIN_JW = 0.8;

interface Form extends Spelled {
  readonly group: number;
  /** For an Arabic form with two consonants or more, what Arabic script would write of it (latinFrame); undefined otherwise. */
  readonly frame: string | undefined;
}

function formOf(text: string, group: number, arabic: boolean): Form {
  const phonetic = phoneticKey(text);
  const skeleton = phoneticSkeleton(text);
  const vowels = vowelClasses(text);
  return { text, phonetic, skeleton, vowels, group, frame: arabic && consonants(phonetic) >= VARIANT_MIN_CONSONANTS ? latinFrame(skeleton, vowels) : undefined };
}

const FORMS: readonly Form[] = GIVEN_NAME_COGNATES.flatMap((g, group) => [...g.forms.map((text) => formOf(text, group, false)), ...(g.arabic ?? []).map((text) => formOf(text, group, true))]);

/** The listed forms by phonetic key: a token's candidates are the forms of its key. */
const FORMS_BY_KEY: ReadonlyMap<string, readonly Form[]> = (() => {
  const byKey = new Map<string, Form[]>();
  for (const form of FORMS) byKey.set(form.phonetic, [...(byKey.get(form.phonetic) ?? []), form]);
  return byKey;
})();

/** A group's mark in NameToken.cognates: one character per group. */
function mark(group: number): string {
  return String.fromCharCode(0x100 + group);
}

/** A listed form's groups: a form is what it is listed as, never also a spelling of another group's form (Mikola is Nicholas, not a Mikael). */
const LISTED: ReadonlyMap<string, string> = (() => {
  const groups = new Map<string, string>();
  for (const form of FORMS) groups.set(form.text, withGroup(groups.get(form.text) ?? '', form.group));
  return groups;
})();

/**
 * The cognate groups a folded given name belongs to, one character each ('' for none; see
 * NameToken.cognates): those listing it, or a form it spells another way; for a word written in
 * Arabic script (`frame`, NameToken.frame), also those of the Arabic forms that fit what it writes.
 */
export function cognateGroupsOf(spelled: Spelled, frame?: string): string {
  let groups = LISTED.get(spelled.text);
  if (groups === undefined) {
    groups = '';
    for (const form of FORMS_BY_KEY.get(spelled.phonetic) ?? []) if (isVariant(spelled, form)) groups = withGroup(groups, form.group);
  }
  if (frame !== undefined) for (const form of FORMS) if (form.frame !== undefined && framesAgree(frame, form.frame)) groups = withGroup(groups, form.group);
  return groups;
}

function withGroup(groups: string, group: number): string {
  const m = mark(group);
  return groups.includes(m) ? groups : groups + m;
}

/** `token` spells `form` another way (their phonetic keys are equal: FORMS_BY_KEY). */
function isVariant(token: Spelled, form: Form): boolean {
  return token.text.length >= VARIANT_MIN_LENGTH && token.text.charCodeAt(0) === form.text.charCodeAt(0) && consonants(form.phonetic) >= VARIANT_MIN_CONSONANTS
    && token.skeleton === form.skeleton && vowelsAgree(token.vowels, form.vowels) && jaroWinkler(token.text, form.text) >= VARIANT_MIN_JW;
}

/** Consonant classes in a phonetic key (its 'A' marks an opening vowel). */
function consonants(key: string): number {
  return key.startsWith('A') ? key.length - 1 : key.length;
}

/** Whether two tokens' groups (cognateGroupsOf) have one in common. */
export function shareCognates(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  for (let i = 0; i < a.length; i++) if (b.includes(a.charAt(i))) return true;
  return false;
}
